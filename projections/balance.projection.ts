import { MoneyDecimal } from '../src/domain/money';
import { isSuspenseRestriction, poolKeyOf as poolKey } from '../src/domain/spending/pools';
import { assertNever, invariant } from '../src/domain/shared/decision';
import { ownEntry } from '../src/domain/shared/records';
import type { LedgerEvent } from '../src/domain/ledger-events';
import type { TransferEvent, TransferReversed } from '../src/domain/spending/spending.events';
import { campaignOfMovement } from './campaign-of';
import type { Projection, ProjectedEvent } from './projection';

/** Figures of a pool, a component, a campaign or a fund, as decimal strings in VND. */
export interface Figures {
  /** Cash received, less donations reversed. */
  received: string;
  /** Paid out, less payments reversed and closed cash shares' money given back, plus emergency money spent. */
  disbursed: string;
  /** Requested or approved, not yet paid or rejected. */
  held: string;
  /** Released in an emergency and not yet settled. */
  outstandingEmergency: string;
  /** Received from another fund of the network by a transfer, with its restriction (R16). */
  transferredIn: string;
  /** Sent to another fund, approved and not yet received or returned. */
  inTransitOut: string;
  /** Sent to another fund and received there. */
  transferredOut: string;
  /** Moved in from another pool of the fund: a released restriction (R5), a campaign's surplus (R19). */
  movedIn: string;
  /** Moved to another pool of the fund (a restriction release is held until approved). */
  movedOut: string;
  /** FX gains less losses of foreign currency sold (R17): settled VND − provisional VND. */
  fxDifference: string;
  /**
   * What a new disbursement may still take: received + transferredIn + movedIn − disbursed − held −
   * outstandingEmergency − inTransitOut − transferredOut − movedOut. A transfer or a restriction
   * release still waiting for approval is held.
   */
  available: string;
}

export interface PoolBalance extends Figures {
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  purpose: string | null;
}

/**
 * What a new disbursement of the fund may still take (api.md "Balance"): the pools' available less
 * the late money waiting in suspense pools, which nothing spends until it is assigned (R14). The
 * pools keep their own figures; only the fund's answer leaves suspense out.
 */
export function spendableOf(fund: Pick<FundBalance, 'available' | 'suspense'>): string {
  return new MoneyDecimal(fund.available).minus(fund.suspense ?? '0').toFixed();
}

export interface FundBalance extends Figures {
  fundId: string;
  /** Value of in-kind gifts, recorded but not cash. */
  inKindReceived: string;
  /**
   * Sent to this fund by another fund of the ledger and not yet received: the sender still counts
   * it (as inTransitOut), so the network's money is counted once; never part of `available`.
   */
  inTransitIn: string;
  /**
   * Late money (R14) waiting in the campaigns' suspense pools for a decision: counted in
   * `received` once, in its pool `<component>#suspense:<campaignId>`, for no campaign, and never
   * spendable until assigned (its pool's available is not a disbursement's to take).
   */
  suspense: string;
  pools: Record<string, PoolBalance>;
  /**
   * Per campaign: its movements wherever they were drawn. A disaster campaign's figures are its
   * pool's. A campaign without a pool (its money sits in a component's unrestricted pool) may be
   * named by spending beyond what it received, the rest coming from the component's general
   * money: its received and disbursed are tracked as they are, and its available is floored at
   * zero, since it never has less than nothing of its own left.
   */
  campaigns: Record<string, Figures>;
  /** What later events need to know about earlier ones. */
  disbursements: Record<string, { pool: string; amount: string; campaignId: string | null }>;
  releases: Record<string, { pool: string; amount: string; campaignId: string | null }>;
  transfers: Record<string, TransferLine>;
  /** Restriction releases asked for (R5), by id: waiting for approval, or released. */
  restrictionReleases: Record<string, RestrictionReleaseLine>;
}

export interface RestrictionReleaseLine {
  releaseRequestId: string;
  restrictionId: string;
  component: string;
  amount: string;
  newComponent: string;
  newPurpose: string;
  consentRef: string;
  status: 'requested' | 'released';
  approvalsRequired: number;
  requestedBy: string;
  requestedAt: string;
}

/** A transfer as both its funds see it; the sender's and the receiver's balance each keep it. */
export interface TransferLine {
  transferId: string;
  fromFundId: string;
  toFundId: string;
  external: boolean;
  amount: string;
  component: string;
  restrictionId: string | null;
  receivedRestrictionId: string | null;
  /** The sender's campaign whose money it is (the sender's own; never the receiver's). */
  campaignId: string | null;
  /** The receiver's own campaign it was taken in for, once received; null for none. */
  receivedCampaignId: string | null;
  /** Received for no campaign and assigned to one of the receiver's campaigns afterwards: the assignment (TA-…) and the campaign. */
  assignmentId?: string;
  assignedCampaignId?: string;
  purpose: string;
  status: 'requested' | 'in_transit' | 'received' | 'returned' | 'rejected' | 'delivered' | 'reversed';
  approvalsRequired: number;
  approvalsCount: number;
  requestedBy: string;
  requestedAt: string;
  /** Business date it went in transit; null while requested. */
  sentAt: string | null;
  /** Business date it was received, returned or rejected. */
  closedAt: string | null;
  reason: string | null;
  /** A transfer booked from a signed note: the sending ledger's name and the sending chapter. */
  fromLedger?: string;
  fromChapter?: string;
  /** A transfer to a ledger elsewhere whose delivery receipt was recorded: the receiving ledger and chapter. */
  toLedger?: string;
  toChapter?: string;
}

export interface BalanceState {
  funds: Record<string, FundBalance>;
}

const ZERO_FIGURES = (): Figures => ({
  received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', transferredIn: '0', inTransitOut: '0', transferredOut: '0',
  movedIn: '0', movedOut: '0', fxDifference: '0', available: '0',
});

type Field = Exclude<keyof Figures, 'available'>;

/** Whether a field counts toward `available` (+1) or against it (−1). */
const AVAILABLE_SIGN: Readonly<Record<Field, 1 | -1>> = {
  received: 1, transferredIn: 1, movedIn: 1, fxDifference: 1,
  disbursed: -1, held: -1, outstandingEmergency: -1, inTransitOut: -1, transferredOut: -1, movedOut: -1,
};

function shift(figures: Figures, field: Field, amount: string, sign: 1 | -1, floorAtZero = false): void {
  figures[field] = new MoneyDecimal(figures[field]).plus(sign === 1 ? amount : `-${amount}`).toFixed();
  if (!floorAtZero) {
    // `available` is exactly the sum below, so it moves by the same amount as the field: one
    // exact decimal addition instead of ten.
    figures.available = new MoneyDecimal(figures.available).plus(sign * AVAILABLE_SIGN[field] === 1 ? amount : `-${amount}`).toFixed();
    return;
  }
  // A floored figure may sit above the sum: recompute it whole.
  const available = new MoneyDecimal(figures.received).plus(figures.transferredIn).plus(figures.movedIn).plus(figures.fxDifference)
    .minus(figures.disbursed).minus(figures.held)
    .minus(figures.outstandingEmergency).minus(figures.inTransitOut).minus(figures.transferredOut).minus(figures.movedOut);
  figures.available = floorAtZero && available.isNegative() ? '0' : available.toFixed();
}

/**
 * Whether a pool may never go below zero. The live projection follows the log, whose deciders
 * refuse to overdraw a pool, so a negative pool there is a corrupted log. A look-back by business
 * date leaves out entries dated after it. The deciders refuse a movement dated before the money
 * that would pay for it (src/domain/spending/dated-nets.ts), so no pool of a log they wrote falls
 * below zero at the close of a day; a log written before that rule, or an instant inside a day,
 * may still show one at a date: a true statement of those books, not a corruption.
 */
export type Strictness = 'log-order' | 'business-date';

/** The fund an event moves money in, and how strictly its pools are checked. */
interface Ctx {
  fund: FundBalance;
  strictness: Strictness;
}

function fundOf(state: BalanceState, fundId: string): FundBalance {
  let fund = ownEntry(state.funds, fundId);
  if (!fund) {
    fund = { fundId, ...ZERO_FIGURES(), inKindReceived: '0', inTransitIn: '0', suspense: '0', pools: {}, campaigns: {}, disbursements: {}, releases: {}, transfers: {}, restrictionReleases: {} };
    state.funds[fundId] = fund;
  }
  return fund;
}

function poolOf(fund: FundBalance, component: string, restrictionId: string | null): PoolBalance {
  const key = poolKey(component, restrictionId);
  const existing = ownEntry(fund.pools, key);
  if (existing) return existing;
  const pool: PoolBalance = { component, restrictionId, campaignId: null, purpose: null, ...ZERO_FIGURES() };
  fund.pools[key] = pool;
  return pool;
}

/** Moves an amount in the pool, its campaign and the fund together, so the three always agree. */
function move(ctx: Ctx, pool: PoolBalance, campaignId: string | null, field: Field, amount: string, sign: 1 | -1): void {
  const { fund } = ctx;
  shift(pool, field, amount, sign);
  shift(fund, field, amount, sign);
  if (campaignId !== null) shift(ownEntry(fund.campaigns, campaignId) ?? (fund.campaigns[campaignId] = ZERO_FIGURES()), field, amount, sign, true);
  // A figure is written by toFixed, which never writes "-0": below zero is a leading minus.
  if (ctx.strictness === 'log-order') invariant(pool.available.charAt(0) !== '-', `pool ${pool.component}/${pool.restrictionId} went below zero`);
}

function poolByKey(fund: FundBalance, key: string): PoolBalance {
  const pool = ownEntry(fund.pools, key);
  invariant(pool, `pool ${key} exists before money leaves it`);
  return pool;
}

/** Applies one event to the balances; `strictness` says whether a pool below zero is a corruption. */
export function applyBalanceEvent(state: BalanceState, event: LedgerEvent, strictness: Strictness): void {
  switch (event.type) {
    case 'DonationRecorded':
    case 'DonationReversed':
      return applyInflow({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'DisbursementRequested':
    case 'DisbursementRejected':
    case 'DisbursementPaid':
    case 'PaymentReversed': case 'ShareMoneyReturned':
      return applyDisbursement({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'EmergencyReleased':
    case 'EmergencyReleaseSettled':
      return applyRelease({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'EmergencySettlementReversed':
    case 'EmergencyReleaseCancelled':
      return applyEmergencyCorrection({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'TransferRequested':
    case 'TransferApproved':
    case 'TransferRejected':
    case 'TransferReceived':
    case 'TransferReturned':
    case 'TransferDelivered':
    case 'TransferReversed':
      return applyTransfer(state, event, strictness);
    case 'SuspenseAssigned': case 'TransferAssignedToCampaign': case 'TransferAssignmentReversed':
    case 'BankFeeCharged':
    case 'InterestCredited':
    case 'BankFeeReversed':
    case 'InterestReversed':
      return applyCorrection(state, event, strictness);
    case 'TransferNoteImported':
      return applyImportedNote({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'RestrictionReleaseRequested':
    case 'RestrictionReleased':
    case 'SurplusReallocated':
      return applyPoolMove({ fund: fundOf(state, event.data.fundId), strictness }, event);
    case 'RestrictionReleaseApproved':
      return;
    case 'FxSettled': {
      const d = event.data;
      const ctx = { fund: fundOf(state, d.fundId), strictness };
      const sign = d.difference.startsWith('-') ? -1 : 1;
      return move(ctx, poolOf(ctx.fund, d.component, d.restrictionId), campaignOfMovement(d.campaignId, d.restrictionId), 'fxDifference', d.difference.replace(/^-/, ''), sign);
    }
    case 'StatementImported':
    case 'StatementLineUnclassified':
    case 'StatementLineClassified':
      return;
    case 'FundOpened':
      fundOf(state, event.data.fundId);
      return;
    case 'DisbursementApproved':
    case 'PolicyChanged':
    case 'CampaignCreated':
    case 'CampaignClosed':
    case 'PeriodClosed':
    case 'UserCreated':
    case 'UserTokenReplaced':
    case 'UserDeactivated':
    case 'UserPasswordSet':
    case 'UserTokenRevoked':
    case 'ReceiptIssued':
    case 'BeneficiaryRegistered': case 'BeneficiaryListImported': case 'HandoverRecorded': case 'HandoverCorrected':
    case 'PublicationMade':
    case 'TrustedKeyRegistered':
      return;
    default:
      return assertNever(event, 'event');
  }
}

type EventOf<Type extends LedgerEvent['type']> = Extract<LedgerEvent, { type: Type }>;

/**
 * Money received as general money, assigned to one of the receiver's campaigns: out of the pool
 * the receipt put it in, into the campaign's (its pool, or its component's money as the
 * campaign's); both copies of the transfer's line name the assignment.
 */
function assignReceivedTransfer(state: BalanceState, event: EventOf<'TransferAssignedToCampaign'>, strictness: Strictness): void {
  const d = event.data;
  const ctx = { fund: fundOf(state, d.fundId), strictness };
  move(ctx, poolOf(ctx.fund, d.component, d.restrictionId), null, 'movedOut', d.amount, 1);
  const into = poolOf(ctx.fund, d.toComponent, d.toRestrictionId);
  if (d.toRestrictionId !== null) into.campaignId ??= d.toCampaignId;
  move(ctx, into, d.toCampaignId, 'movedIn', d.amount, 1);
  for (const line of receivedLines(state, ctx.fund, d)) Object.assign(line, { assignmentId: d.assignmentId, assignedCampaignId: d.toCampaignId });
}

/**
 * The lines of money a fund received: a transfer of this ledger has one in the receiver's balance
 * and one in the sender's; money booked from a note, one in the receiver's only (its sender is a
 * fund of another ledger, whatever its id is here).
 */
function receivedLines(state: BalanceState, receiver: FundBalance, d: { transferId: string; fromFundId: string; fromLedger?: string }): TransferLine[] {
  if (d.fromLedger !== undefined) {
    const line = ownEntry(receiver.transfers, `note:${d.fromLedger}:${d.transferId}`);
    return line === undefined ? [] : [line];
  }
  return [receiver, ownEntry(state.funds, d.fromFundId)].flatMap((fund) => {
    const line = fund === undefined ? undefined : ownEntry(fund.transfers, d.transferId);
    return line === undefined ? [] : [line];
  });
}

/**
 * An assignment reversed: the money moves back, on the reversal's date, out of the campaign's pool
 * (the campaign's `movedOut`) into the pool the receipt put it in (its `movedIn`), as the reports
 * count it; both copies of the transfer's line no longer name an assignment, so it may be assigned again.
 */
function reverseReceivedTransferAssignment(state: BalanceState, event: EventOf<'TransferAssignmentReversed'>, strictness: Strictness): void {
  const d = event.data;
  const ctx = { fund: fundOf(state, d.fundId), strictness };
  move(ctx, poolByKey(ctx.fund, poolKey(d.toComponent, d.toRestrictionId)), d.toCampaignId, 'movedOut', d.amount, 1);
  move(ctx, poolOf(ctx.fund, d.component, d.restrictionId), null, 'movedIn', d.amount, 1);
  for (const line of receivedLines(state, ctx.fund, d)) {
    if (line.assignmentId === d.assignmentId) {
      delete line.assignmentId;
      delete line.assignedCampaignId;
    }
  }
}

/**
 * A statement's fee or interest, booked or reversed (R30), late money assigned out of its suspense
 * pool (R14), and received money assigned to a campaign or its assignment reversed.
 */
function applyCorrection(
  state: BalanceState,
  event: EventOf<'SuspenseAssigned' | 'TransferAssignedToCampaign' | 'TransferAssignmentReversed' | 'BankFeeCharged' | 'InterestCredited' | 'BankFeeReversed' | 'InterestReversed'>,
  strictness: Strictness,
): void {
  switch (event.type) {
    case 'TransferAssignedToCampaign':
      return assignReceivedTransfer(state, event, strictness);
    case 'TransferAssignmentReversed':
      return reverseReceivedTransferAssignment(state, event, strictness);
    case 'BankFeeCharged':
    case 'InterestCredited': {
      // A statement's fee or interest is a fact the bank settled, never refused: a fee may take a
      // pool below zero, so it is never checked as a decider's outflow is.
      const fund = fundOf(state, event.data.fundId);
      const pool = poolOf(fund, event.data.component, null);
      if (event.type === 'BankFeeCharged') return move({ fund, strictness: 'business-date' }, pool, null, 'disbursed', event.data.amount, 1);
      return move({ fund, strictness }, pool, null, 'received', event.data.amount, 1);
    }
    case 'SuspenseAssigned': {
      const d = event.data;
      const ctx = { fund: fundOf(state, d.fundId), strictness };
      ctx.fund.suspense = addTo(ctx.fund.suspense, d.amount, -1);
      move(ctx, poolOf(ctx.fund, d.component, d.restrictionId), null, 'movedOut', d.amount, 1);
      const into = poolOf(ctx.fund, d.toComponent, d.toRestrictionId);
      into.campaignId ??= d.toCampaignId;
      return move(ctx, into, campaignOfMovement(d.toCampaignId, d.toRestrictionId), 'movedIn', d.amount, 1);
    }
    case 'BankFeeReversed':
    case 'InterestReversed': {
      // Taken back as it was booked: a fee's payment out, interest's money in.
      const fund = fundOf(state, event.data.fundId);
      const pool = poolOf(fund, event.data.component, null);
      if (event.type === 'BankFeeReversed') return move({ fund, strictness: 'business-date' }, pool, null, 'disbursed', event.data.amount, -1);
      return move({ fund, strictness }, pool, null, 'received', event.data.amount, -1);
    }
  }
}

function applyInflow(ctx: Ctx, event: EventOf<'DonationRecorded' | 'DonationReversed'>): void {
  const d = event.data;
  const { fund } = ctx;
  const pool = poolOf(fund, d.component, d.restrictionId);
  const sign = event.type === 'DonationRecorded' ? 1 : -1;
  if (event.type === 'DonationRecorded') {
    pool.campaignId ??= campaignOfMovement(event.data.campaignId, event.data.restrictionId);
    pool.purpose ??= event.data.restriction?.purpose ?? null;
  }
  if (d.cash && isSuspenseRestriction(d.restrictionId)) fund.suspense = addTo(fund.suspense, d.amountVnd, sign);
  if (!d.cash) {
    fund.inKindReceived = new MoneyDecimal(fund.inKindReceived).plus(sign === 1 ? d.amountVnd : `-${d.amountVnd}`).toFixed();
    return;
  }
  if (event.type === 'DonationReversed' && event.data.fxSettlement) {
    // The settlement's FX difference goes back first: a loss given back before the provisional
    // amount leaves, so the pool never reads below zero on the way (R17).
    const fx = event.data.fxSettlement;
    const gain = !fx.difference.startsWith('-');
    move(ctx, poolOf(fund, fx.component, fx.restrictionId), campaignOfMovement(fx.campaignId, fx.restrictionId), 'fxDifference', fx.difference.replace(/^-/, ''), gain ? -1 : 1);
  }
  if (event.type === 'DonationReversed' && event.data.lateMoney) {
    // Late money assigned on (R14) goes back as it came: out of the pool it was assigned to, into
    // its suspense pool, and is given back from there.
    const { lateMoney } = event.data;
    move(ctx, pool, campaignOfMovement(d.campaignId, d.restrictionId), 'movedOut', d.amountVnd, 1);
    const suspense = poolOf(fund, lateMoney.component, lateMoney.restrictionId);
    move(ctx, suspense, null, 'movedIn', d.amountVnd, 1);
    move(ctx, suspense, null, 'received', d.amountVnd, -1);
    return;
  }
  move(ctx, pool, campaignOfMovement(d.campaignId, d.restrictionId), 'received', d.amountVnd, sign);
}

/** Disbursement requests and emergency releases, by id: what their later steps need to know. */
type EntryLines = FundBalance['disbursements'];

/** A request or release made: kept with its pool and campaign, its amount moved into `field` there. */
function openEntry(
  ctx: Ctx, entries: EntryLines, id: string, d: { component: string; restrictionId: string | null; campaignId: string | null; amount: string }, field: Field,
): void {
  const pool = poolOf(ctx.fund, d.component, d.restrictionId);
  const campaignId = campaignOfMovement(d.campaignId, d.restrictionId);
  entries[id] = { pool: poolKey(d.component, d.restrictionId), amount: d.amount, campaignId };
  move(ctx, pool, campaignId, field, d.amount, 1);
}

/** A later step of a request or release: what was kept of it, and its pool. */
function openedEntry(fund: FundBalance, entries: EntryLines, id: string, made: string): { known: EntryLines[string]; pool: PoolBalance } {
  const known = ownEntry(entries, id);
  invariant(known, made);
  return { known, pool: poolByKey(fund, known.pool) };
}

function applyDisbursement(
  ctx: Ctx, event: EventOf<'DisbursementRequested' | 'DisbursementRejected' | 'DisbursementPaid' | 'PaymentReversed' | 'ShareMoneyReturned'>,
): void {
  const { fund } = ctx;
  if (event.type === 'DisbursementRequested') return openEntry(ctx, fund.disbursements, event.data.disbursementId, event.data, 'held');
  const { known, pool } = openedEntry(fund, fund.disbursements, event.data.disbursementId, `disbursement ${event.data.disbursementId} was requested`);
  // A reversal gives back what the payment still had out: shares it left out and money given back before are not out.
  if (event.type === 'PaymentReversed') return move(ctx, pool, known.campaignId, 'disbursed', event.data.givenBack ?? known.amount, -1);
  // A closed cash share's money given back: the payment counts net of it in its pool and campaign.
  if (event.type === 'ShareMoneyReturned') return move(ctx, pool, known.campaignId, 'disbursed', event.data.amount, -1);
  move(ctx, pool, known.campaignId, 'held', known.amount, -1);
  if (event.type === 'DisbursementPaid') move(ctx, pool, known.campaignId, 'disbursed', paidAmount(known.amount, event.data.withheld), 1);
}

/** What a payment paid: the request's amount less the cash shares closed before it, which it left out. */
function paidAmount(amount: string, withheld: readonly { amount: string }[] | undefined): string {
  return (withheld ?? []).reduce((paid, share) => paid - BigInt(share.amount), BigInt(amount)).toString();
}

function applyRelease(ctx: Ctx, event: EventOf<'EmergencyReleased' | 'EmergencyReleaseSettled'>): void {
  const { fund } = ctx;
  if (event.type === 'EmergencyReleased') return openEntry(ctx, fund.releases, event.data.releaseId, event.data, 'outstandingEmergency');
  const { known, pool } = openedEntry(fund, fund.releases, event.data.releaseId, `release ${event.data.releaseId} was made`);
  move(ctx, pool, known.campaignId, 'outstandingEmergency', known.amount, -1);
  if (event.data.spent !== '0') move(ctx, pool, known.campaignId, 'disbursed', event.data.spent, 1);
}

/**
 * A reversed settlement takes back what it counted as spent and puts the whole release
 * outstanding again; a cancelled release is no longer outstanding, so its money is available.
 */
function applyEmergencyCorrection(ctx: Ctx, event: EventOf<'EmergencySettlementReversed' | 'EmergencyReleaseCancelled'>): void {
  const { known, pool } = openedEntry(ctx.fund, ctx.fund.releases, event.data.releaseId, `release ${event.data.releaseId} was made`);
  if (event.type === 'EmergencyReleaseCancelled') return move(ctx, pool, known.campaignId, 'outstandingEmergency', known.amount, -1);
  if (event.data.spent !== '0') move(ctx, pool, known.campaignId, 'disbursed', event.data.spent, -1);
  move(ctx, pool, known.campaignId, 'outstandingEmergency', known.amount, 1);
}

const addTo = (value: string, amount: string, sign: 1 | -1) => new MoneyDecimal(value).plus(sign === 1 ? amount : `-${amount}`).toFixed();

type TransferRequestedData = Extract<TransferEvent, { type: 'TransferRequested' }>['data'];
type TransferReceivedData = Extract<TransferEvent, { type: 'TransferReceived' }>['data'];

/** A requested transfer: held in the sender's pool, in transit at once when it needs no approval. */
function requestTransfer(state: BalanceState, sender: Ctx, d: TransferRequestedData): void {
  const campaignId = campaignOfMovement(d.campaignId, d.restrictionId);
  const line: TransferLine = {
    transferId: d.transferId, fromFundId: d.fundId, toFundId: d.toFundId, external: d.external, amount: d.amount, component: d.component,
    restrictionId: d.restrictionId, receivedRestrictionId: null, campaignId, receivedCampaignId: null, purpose: d.purpose,
    status: 'requested', approvalsRequired: d.approvalsRequired, approvalsCount: 0,
    requestedBy: d.requestedBy, requestedAt: d.requestedAt, sentAt: null, closedAt: null, reason: null,
  };
  sender.fund.transfers[d.transferId] = line;
  const pool = poolOf(sender.fund, d.component, d.restrictionId);
  move(sender, pool, campaignId, 'held', d.amount, 1);
  if (d.approvalsRequired === 0) inTransit(state, sender, line, d.requestedAt);
}

/** The receiver's side of a received transfer: out of inTransitIn, into the pool it arrives in. */
function receiveTransfer(receiver: Ctx['fund'], line: TransferLine, d: TransferReceivedData, strictness: Strictness): void {
  receiver.inTransitIn = addTo(receiver.inTransitIn, line.amount, -1);
  const arrived = poolOf(receiver, d.component, d.receivedRestrictionId);
  arrived.campaignId ??= d.receivedCampaignId;
  if (d.receivedRestrictionId !== null) arrived.purpose ??= d.restrictionPurpose;
  move({ fund: receiver, strictness }, arrived, d.receivedCampaignId, 'transferredIn', line.amount, 1);
}

/**
 * A transfer between funds: held at the sender while requested, in transit once approved (the
 * sender's inTransitOut, the receiver's inTransitIn), then the sender's transferredOut and the
 * receiver's transferredIn in the pool it arrives in, or back in the sender's pool when returned.
 */
function applyTransfer(state: BalanceState, event: TransferEvent | TransferReversed, strictness: Strictness): void {
  const sender: Ctx = { fund: fundOf(state, event.data.fundId), strictness };
  if (event.type === 'TransferRequested') {
    requestTransfer(state, sender, event.data);
    return;
  }
  const line = ownEntry(sender.fund.transfers, event.data.transferId);
  invariant(line, `transfer ${event.data.transferId} was requested`);
  const pool = poolByKey(sender.fund, poolKey(line.component, line.restrictionId));
  const receiver = line.external ? undefined : ownEntry(state.funds, line.toFundId);
  // Both funds keep their own copy of the line (the state is stored as JSON), updated together.
  const update = (fields: Partial<TransferLine>) => {
    Object.assign(line, fields);
    const copy = receiver === undefined ? undefined : ownEntry(receiver.transfers, line.transferId);
    if (copy) Object.assign(copy, fields);
  };
  switch (event.type) {
    case 'TransferApproved':
      line.approvalsCount = event.data.approvalsCount;
      if (event.data.fullyApproved) inTransit(state, sender, line, event.data.approvedAt);
      return;
    case 'TransferRejected':
      move(sender, pool, line.campaignId, 'held', line.amount, -1);
      Object.assign(line, { status: 'rejected', closedAt: event.data.rejectedAt, reason: event.data.reason });
      return;
    case 'TransferReceived':
      move(sender, pool, line.campaignId, 'inTransitOut', line.amount, -1);
      move(sender, pool, line.campaignId, 'transferredOut', line.amount, 1);
      update({ status: 'received', closedAt: event.data.receivedAt, receivedRestrictionId: event.data.receivedRestrictionId, receivedCampaignId: event.data.receivedCampaignId });
      if (receiver) receiveTransfer(receiver, line, event.data, strictness);
      return;
    case 'TransferDelivered':
      // A ledger elsewhere booked it (its signed receipt): out of this ledger's network for good.
      move(sender, pool, line.campaignId, 'inTransitOut', line.amount, -1);
      move(sender, pool, line.campaignId, 'transferredOut', line.amount, 1);
      Object.assign(line, { status: 'delivered', closedAt: event.data.receivedAt, toLedger: event.data.toLedger, toChapter: event.data.toChapter });
      return;
    case 'TransferReturned':
      move(sender, pool, line.campaignId, 'inTransitOut', line.amount, -1);
      update({ status: 'returned', closedAt: event.data.returnedAt, reason: event.data.reason });
      if (receiver) receiver.inTransitIn = addTo(receiver.inTransitIn, line.amount, -1);
      return;
    case 'TransferReversed':
      // Taken back by the sender: held money, or money in transit the receiver no longer expects.
      if (event.data.statusBefore === 'requested') {
        move(sender, pool, line.campaignId, 'held', line.amount, -1);
      } else {
        move(sender, pool, line.campaignId, 'inTransitOut', line.amount, -1);
        if (receiver) receiver.inTransitIn = addTo(receiver.inTransitIn, line.amount, -1);
      }
      update({ status: 'reversed', closedAt: event.data.reversedAt, reason: event.data.reason });
      return;
    default:
      assertNever(event, 'transfer event');
  }
}

/**
 * Money a fund of a ledger elsewhere sent, booked from its signed note: the receiver's
 * transferredIn in the pool it arrives in, and a line among its incoming transfers, received.
 */
function applyImportedNote(ctx: Ctx, event: EventOf<'TransferNoteImported'>): void {
  const d = event.data;
  const { fund } = ctx;
  // The sending ledger's campaign is none of this fund's: only a note booked into `campaign:<id>`
  // before such pools were named by the note is that pool's campaign's, where it entered.
  const receivedCampaignId = campaignOfMovement(null, d.receivedRestrictionId);
  const arrived = poolOf(fund, d.component, d.receivedRestrictionId);
  arrived.campaignId ??= receivedCampaignId;
  if (d.receivedRestrictionId !== null) arrived.purpose ??= d.restrictionPurpose;
  move(ctx, arrived, receivedCampaignId, 'transferredIn', d.amount, 1);
  fund.transfers[`note:${d.fromLedger}:${d.transferId}`] = {
    transferId: d.transferId, fromFundId: d.fromFundId, toFundId: d.fundId, external: true, amount: d.amount, component: d.component,
    restrictionId: d.note.restrictionId, receivedRestrictionId: d.receivedRestrictionId, campaignId: campaignOfMovement(d.campaignId, d.note.restrictionId),
    receivedCampaignId, purpose: d.purpose, status: 'received',
    approvalsRequired: 0, approvalsCount: 0, requestedBy: d.fromChapter, requestedAt: d.note.businessDate, sentAt: d.note.businessDate,
    closedAt: d.importedAt, reason: null, fromLedger: d.fromLedger, fromChapter: d.fromChapter,
  };
}

/**
 * Money moving between pools of one fund: a restriction release is held from its request and, once
 * released, is the restricted pool's movedOut and the component's movedIn; a surplus moves at once.
 */
function applyPoolMove(ctx: Ctx, event: EventOf<'RestrictionReleaseRequested' | 'RestrictionReleased' | 'SurplusReallocated'>): void {
  const { fund } = ctx;
  if (event.type === 'SurplusReallocated') {
    const d = event.data;
    move(ctx, poolOf(fund, d.component, d.restrictionId), d.campaignId, 'movedOut', d.amount, 1);
    const into = poolOf(fund, d.toComponent, d.toRestrictionId);
    into.campaignId ??= d.toCampaignId;
    return move(ctx, into, campaignOfMovement(d.toCampaignId, d.toRestrictionId), 'movedIn', d.amount, 1);
  }
  const d = event.data;
  const from = poolOf(fund, d.component, d.restrictionId);
  const campaignId = campaignOfMovement(d.campaignId, d.restrictionId);
  if (event.type === 'RestrictionReleaseRequested') {
    const r = event.data;
    fund.restrictionReleases[r.releaseRequestId] = {
      releaseRequestId: r.releaseRequestId, restrictionId: r.restrictionId, component: r.component, amount: r.amount, newComponent: r.newComponent,
      newPurpose: r.newPurpose, consentRef: r.consentRef, status: 'requested', approvalsRequired: r.approvalsRequired, requestedBy: r.requestedBy, requestedAt: r.requestedAt,
    };
    return move(ctx, from, campaignId, 'held', d.amount, 1);
  }
  const line = ownEntry(fund.restrictionReleases, event.data.releaseRequestId);
  if (line) line.status = 'released';
  move(ctx, from, campaignId, 'held', d.amount, -1);
  move(ctx, from, campaignId, 'movedOut', d.amount, 1);
  move(ctx, poolOf(fund, event.data.newComponent, null), null, 'movedIn', d.amount, 1);
}

/** Approved: the money leaves the sender's held for its in-transit, and the receiver expects it. */
function inTransit(state: BalanceState, sender: Ctx, line: TransferLine, sentAt: string): void {
  const pool = poolByKey(sender.fund, poolKey(line.component, line.restrictionId));
  move(sender, pool, line.campaignId, 'held', line.amount, -1);
  move(sender, pool, line.campaignId, 'inTransitOut', line.amount, 1);
  line.status = 'in_transit';
  line.sentAt = sentAt;
  if (line.external) return;
  const receiver = fundOf(state, line.toFundId);
  receiver.inTransitIn = addTo(receiver.inTransitIn, line.amount, 1);
  receiver.transfers[line.transferId] = { ...line };
}

/** The balance projection applying its events with the given strictness (see Strictness). */
export function balanceProjectionFor(strictness: Strictness): Projection<BalanceState> {
  return {
    name: 'balance',
    // v2: movements drawn from a campaign's pool count for that campaign even when the event names
    // only the pool; a campaign's available is never below zero. v3: bank fees are paid out and
    // interest received (R30). v4: transfers between funds (held, in transit, transferred out and
    // in), moves between a fund's pools and FX differences. v5: late money in suspense pools (R14),
    // reversals of transfers, bank fees and interest. v6: a received transfer counts for the
    // receiver's campaign it was taken in for (receivedCampaignId), never the sender's campaign of
    // the same id; the transfer line says which (receivedCampaignId); and the money of closed cash
    // shares given back to the fund (ShareMoneyReturned) is no longer disbursed. v7: a payment
    // disburses its amount less the shares closed before it (withheld), and its reversal takes
    // back only what was still out (givenBack). v8: late money assigned on and given back leaves the
    // pool it was assigned to by a move back to its suspense pool, never as a negative receipt there.
    version: 8,
    initialState: () => ({ funds: {} }),
    apply(state: BalanceState, projected: ProjectedEvent): BalanceState {
      applyBalanceEvent(state, projected.event, strictness);
      return state;
    },
  };
}

/** Balances per fund, component, restricted pool and campaign, as the log runs. */
export const BalanceProjection: Projection<BalanceState> = balanceProjectionFor('log-order');
