import { MoneyDecimal, ZERO } from '../money';
import { fiscalYearOf } from '../shared/calendar';
import { assertNever, invariant } from '../shared/decision';
import { recordAid, type AidByBeneficiary, type AidByMatchKey } from './aid-records';
import { campaignOfMovement, poolKeyOf } from './pools';
import { recordDated, type DatedNetsByPool } from './dated-nets';
import { addToPoolStock, addToStock, recordDatedStock, type StockByPool, type StockItem } from './stock';
import { transferNoteKey } from './transfer-note';
import type {
  BankFeeCharged, DisbursementKind, DistributionItem, DistributionLine, DuplicateOverride, FxSettlementReversed, HandoverCorrected, HandoverRecorded, HandoverStatus,
  InterestCredited, PoolMoveEvent,
  SpendingEvent, TransferEvent,
} from './spending.events';

export type DisbursementStatus = 'requested' | 'approved' | 'rejected' | 'paid' | 'reversed';

export interface DisbursementState {
  disbursementId: string;
  amount: MoneyDecimal;
  kind: DisbursementKind;
  pool: string;
  component: string;
  restrictionId: string | null;
  fiscalYear: number;
  requestedBy: string;
  /** Business date of the request: no payment may be dated before it. */
  requestedAt: string;
  approvers: string[];
  approvalsRequired: number;
  certificationRef: string | null;
  status: DisbursementStatus;
  /** Business date of the payment, once paid: no reversal may be dated before it. */
  paidAt: string | null;
  campaignId: string | null;
  needCategory: string | null;
  distribution: DistributionLine[];
  duplicateOverride: DuplicateOverride | null;
  /** beneficiaryId → the last hand-over recorded for them and not corrected. */
  handovers: Map<string, HandoverState>;
  /** beneficiaryId → the correction that set aside their last hand-over, until a new hand-over is recorded. */
  handoverCorrections: Map<string, HandoverCorrectionState>;
  /** beneficiaryId → the money of their closed cash share given back to the fund (ShareMoneyReturned). */
  moneyReturned: Map<string, ShareMoneyReturnState>;
  /** beneficiaryId → the amount of their cash share closed before the payment, which left it out (DisbursementPaid `withheld`). */
  withheld: Map<string, MoneyDecimal>;
  /** The reversal of its payment (PaymentReversed); null when none. */
  reversal: PaymentReversalState | null;
}

export interface PaymentReversalState {
  reversalId: string;
  reversedAt: string;
  reason: string;
  /** What came back to the fund: what the payment still had out (PaymentReversed `givenBack`, the whole amount when absent). */
  givenBack: MoneyDecimal;
}

/**
 * What a paid request's payment still has out of the fund: its amount, less the shares it left out
 * and the money of closed shares given back since. A reversal gives back this much, no more.
 */
export function paymentStillOut(disbursement: DisbursementState): MoneyDecimal {
  const notOut = [...disbursement.withheld.values(), ...[...disbursement.moneyReturned.values()].map((returned) => returned.amount)];
  return notOut.reduce((rest, amount) => rest.minus(amount), disbursement.amount);
}

export interface ShareMoneyReturnState {
  amount: MoneyDecimal;
  returnedAt: string;
  evidenceRef: string;
  recordedBy: string;
}

export interface HandoverCorrectionState {
  reason: string;
  correctedAt: string;
  correctedBy: string;
  /** The hand-over set aside. */
  corrected: { status: HandoverStatus; handedOverAt: string; evidenceRef: string | null; closed: boolean };
}

export interface HandoverState {
  status: HandoverStatus;
  handedOverAt: string;
  evidenceRef: string | null;
  recordedBy: string;
  /** Closed as not delivered: its items are back in the pool's free stock, and no later hand-over is recorded. */
  closed: boolean;
  /** The hand-over this one followed, which a correction of this one puts back; null for none. */
  previous: HandoverState | null;
}

export type { AidRecord } from './aid-records';

export interface ReleaseState {
  releaseId: string;
  amount: MoneyDecimal;
  pool: string;
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  releasedBy: string;
  /** Business date of the release: no settlement may be dated before it. */
  releasedAt: string;
  /**
   * Business date of the reversal that last re-opened it (its settlement reversed), null until
   * then: its next settlement or its cancellation is never dated before it, or a look-back to a
   * day in between would count the release as settled twice, or its money as given back twice.
   */
  reopenedAt: string | null;
  settleBy: string;
  status: 'open' | 'settled' | 'cancelled';
  /** The current settlement's figures and business date, while settled. */
  spent: MoneyDecimal | null;
  returned: MoneyDecimal | null;
  settledAt: string | null;
}

/**
 * Since when an open release is open, and the field that says so: its release, or the reversal
 * that re-opened it. Its settlement or its cancellation is never dated before.
 */
export function openSince(release: ReleaseState): { field: 'releasedAt' | 'reopenedAt'; at: string } {
  return release.reopenedAt === null ? { field: 'releasedAt', at: release.releasedAt } : { field: 'reopenedAt', at: release.reopenedAt };
}

/** `delivered`: a transfer to a ledger elsewhere whose signed delivery receipt the sender recorded. */
export type TransferStatus = 'requested' | 'in_transit' | 'received' | 'returned' | 'rejected' | 'delivered' | 'reversed';

export interface TransferState {
  transferId: string;
  toFundId: string;
  external: boolean;
  amount: MoneyDecimal;
  pool: string;
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  restrictionPurpose: string | null;
  restrictionBeneficiary: string | null;
  requestedBy: string;
  requestedAt: string;
  approvers: string[];
  approvalsRequired: number;
  status: TransferStatus;
  /** The business date it went in transit: its request's when it needs no approval, else its last approval's. */
  sentAt: string | null;
  /** The recorded delivery receipt of a transfer to a ledger elsewhere. */
  delivery?: { toLedger: string; receivedAt: string; receivedPosition: number; recordedBy: string; recordedAt: string };
}

/** A transfer note booked into this fund: what names the booking to whoever imports it again. */
export interface ImportedNote {
  transferId: string;
  fromLedger: string;
  fromFundId: string;
  amount: string;
  /** Where the booking put the money: the component, and the pool the note named (null: the component's unrestricted money). */
  component: string;
  receivedRestrictionId: string | null;
  /** The sending fund's restriction, as the note names it. */
  restrictionId: string | null;
  importedBy: string;
  importedAt: string;
}

export interface RestrictionReleaseState {
  releaseRequestId: string;
  pool: string;
  amount: MoneyDecimal;
  requestedBy: string;
  approvers: string[];
  approvalsRequired: number;
  status: 'requested' | 'released';
  data: Extract<PoolMoveEvent, { type: 'RestrictionReleaseRequested' }>['data'];
}

/** Money a pool has given out or promised, by reason. */
export interface PoolOutflows {
  held: MoneyDecimal;
  paid: MoneyDecimal;
  emergencyOutstanding: MoneyDecimal;
  emergencySpent: MoneyDecimal;
  donationsReversed: MoneyDecimal;
  /** Transfers requested or in transit: gone from the pool until returned or rejected. */
  transferHeld: MoneyDecimal;
  /** Transfers the receiving fund took in. */
  transferredOut: MoneyDecimal;
  /** Moved to another pool of the fund (a released restriction, a campaign's surplus), or held for such a move. */
  movedOut: MoneyDecimal;
  /** Moved in from another pool of the fund: counts against the outflows, as money come in. */
  movedIn: MoneyDecimal;
  /** FX gains less losses of foreign currency sold (R17): a gain counts against the outflows. */
  fxDifference: MoneyDecimal;
  /** Bank fees the statements show (R30). */
  bankFees: MoneyDecimal;
  /** Interest the bank paid: money in, so it lowers the pool's net outflow. */
  interest: MoneyDecimal;
}

export interface SpendingState {
  disbursements: Map<string, DisbursementState>;
  releases: Map<string, ReleaseState>;
  transfers: Map<string, TransferState>;
  /** Transfer notes of ledgers elsewhere booked into this fund, by transferNoteKey. */
  importedNotes: Map<string, ImportedNote>;
  restrictionReleases: Map<string, RestrictionReleaseState>;
  reallocations: number;
  /** campaignId → the reallocations of its leftovers (R19), in the order decided: where its money went. */
  leftoversMoved: Map<string, Extract<PoolMoveEvent, { type: 'SurplusReallocated' }>['data'][]>;
  /** donationId → the settlement of foreign currency sold (R17), as its donation's reversal takes it back. */
  fxSettlements: Map<string, FxSettlementReversed & { settledAt: string; reference: string }>;
  pools: Map<string, PoolOutflows>;
  /** The same movements by the business day each changed a pool's available (negative: money out or promised). */
  datedByPool: DatedNetsByPool;
  /**
   * The same movements by campaign (campaignOfMovement) and business day, wherever they were
   * drawn: with the inflows' datedByCampaign, what a campaign holds of its own (R19).
   */
  datedByCampaign: DatedNetsByPool;
  /** donationId → the reversal that took it back */
  reversedDonations: Map<string, { reversalId: string; reversedAt: string; reason: string }>;
  reversals: number;
  /**
   * Management cost per fiscal year: each request in the year of its request, and a rejected one
   * taken off that year again (it was never a cost); what a reversal, a payment leaving shares out
   * or a share's money given back takes off a cost, in the year of that entry's own date, so a
   * closed year keeps the figure of the money it spent.
   */
  managementCostByYear: Map<number, MoneyDecimal>;
  /** Eligible revenue taken back by donation reversals, per fiscal year of the reversal (R6). */
  managementBaseReversedByYear: Map<number, MoneyDecimal>;
  /** beneficiaryId → every distribution line naming them with a need (whatever became of the request). */
  aidByBeneficiary: AidByBeneficiary;
  /** The same lines by the household's match key: how another fund's request finds them (`aidUnderMatchKey`). */
  aidByMatchKey: AidByMatchKey;
  /** Items promised on distributions still standing (requested, approved, paid), and items handed out on any, by stock key. */
  itemsAllocated: Map<string, StockItem>;
  /** Items whose hand-over was recorded as received, by stock key. */
  itemsHandedOut: Map<string, StockItem>;
  /** Items of in-kind donations that were reversed, by stock key. */
  inKindReversed: Map<string, StockItem>;
  /** The same promises and reversals by the pool they draw on (R5): a pool's stock is its own. */
  itemsAllocatedByPool: StockByPool;
  itemsHandedOutByPool: StockByPool;
  inKindReversedByPool: StockByPool;
  /** Promises, reversals and items given back by business day, per pool and item (negative: out of the stock). */
  stockDated: DatedNetsByPool;
  /** Goods moved between pools by a reallocation (R19), per pool: in positive, out negative. */
  itemsMovedByPool: StockByPool;
  /**
   * The same promises, reversals, items given back and goods moved by the campaign they are for
   * (campaignOfMovement) and business day, keyed by datedStockKey(campaignId, stock key): with the
   * inflows' inKindDatedByCampaign, the goods a campaign holds of its own (R19).
   */
  stockDatedByCampaign: DatedNetsByPool;
  /** Bank fees and interest booked from statements: the last sequence numbers of BF- and IN- ids. */
  bankFeeCount: number;
  interestCount: number;
  /** Fees and interest booked, by id, and whether a reversal took them back. */
  fees: Map<string, BankFeeCharged['data'] & { reversed: boolean }>;
  /** Interest booked, by id; `reversedAt` is the business date of its reversal, which takes it out of that year's base. */
  interest: Map<string, InterestCredited['data'] & { reversed: boolean; reversedAt: string | null }>;
  /** Statement lines decided on this stream (booked as fee or interest, or classified), by row id → the decision's entry or classification id. */
  decidedLines: Map<string, string>;
  /** The statement lines (debits) linked to a paid disbursement, added up by its id: what the bank has debited for it so far. */
  linkedDebits: Map<string, MoneyDecimal>;
  classifications: number;
  /** Late money assigned out of a suspense pool (R14): donationId → where it went. */
  suspenseAssignments: Map<string, SuspenseAssignment>;
  /** Money this fund received as general money and assigned to one of its campaigns: its key (receivedMoneyKey) → the standing assignment's id. */
  transferAssignments: Map<string, string>;
  /** Every assignment of received money to a campaign, by its id (TA-…), and the reversal that took it back, if any: they number the next. */
  transferAssignmentLog: Map<string, TransferAssignment>;
}

export type TransferAssignment = EventOf<'TransferAssignedToCampaign'>['data'] & { reversalId: string | null };

export interface SuspenseAssignment {
  assignmentId: string;
  /** Business date of the assignment: the money was in its suspense pool until then. */
  assignedAt: string;
  toComponent: string;
  toRestrictionId: string | null;
  toCampaignId: string | null;
}

export const initialSpendingState = (): SpendingState => ({
  disbursements: new Map(),
  releases: new Map(),
  transfers: new Map(),
  importedNotes: new Map(),
  restrictionReleases: new Map(),
  reallocations: 0,
  leftoversMoved: new Map(),
  fxSettlements: new Map(),
  pools: new Map(),
  datedByPool: new Map(),
  datedByCampaign: new Map(),
  reversedDonations: new Map(),
  reversals: 0,
  managementCostByYear: new Map(),
  managementBaseReversedByYear: new Map(),
  aidByBeneficiary: new Map(),
  aidByMatchKey: new Map(),
  itemsAllocated: new Map(),
  itemsHandedOut: new Map(),
  inKindReversed: new Map(),
  itemsAllocatedByPool: new Map(),
  itemsHandedOutByPool: new Map(),
  inKindReversedByPool: new Map(),
  stockDated: new Map(),
  itemsMovedByPool: new Map(),
  stockDatedByCampaign: new Map(),
  bankFeeCount: 0,
  interestCount: 0,
  fees: new Map(),
  interest: new Map(),
  decidedLines: new Map(),
  linkedDebits: new Map(),
  classifications: 0,
  suspenseAssignments: new Map(),
  transferAssignments: new Map(),
  transferAssignmentLog: new Map(),
});

export function poolOutflows(state: SpendingState, pool: string): PoolOutflows {
  let outflows = state.pools.get(pool);
  if (!outflows) {
    outflows = {
      held: ZERO, paid: ZERO, emergencyOutstanding: ZERO, emergencySpent: ZERO, donationsReversed: ZERO, bankFees: ZERO, interest: ZERO,
      transferHeld: ZERO, transferredOut: ZERO, movedOut: ZERO, movedIn: ZERO, fxDifference: ZERO,
    };
    state.pools.set(pool, outflows);
  }
  return outflows;
}

export function totalOutflow(outflows: PoolOutflows | undefined): MoneyDecimal {
  if (!outflows) return ZERO;
  return outflows.held
    .plus(outflows.paid)
    .plus(outflows.emergencyOutstanding)
    .plus(outflows.emergencySpent)
    .plus(outflows.donationsReversed)
    .plus(outflows.transferHeld)
    .plus(outflows.transferredOut)
    .plus(outflows.movedOut)
    .minus(outflows.movedIn)
    .minus(outflows.fxDifference)
    .plus(outflows.bankFees)
    .minus(outflows.interest);
}

/** Books what a movement did to a pool's available on its business day: `out` takes money, `in` gives it back. */
function dated(state: SpendingState, pool: string, businessDate: string, direction: 'in' | 'out', amount: MoneyDecimal | string): void {
  const value = new MoneyDecimal(amount);
  recordDated(state.datedByPool, pool, businessDate, direction === 'out' ? value.negated() : value);
}

/** Books what a movement did to its campaign's money on its business day (nothing when it is no campaign's). */
function datedForCampaign(state: SpendingState, campaignId: string | null, businessDate: string, direction: 'in' | 'out', amount: MoneyDecimal | string): void {
  if (campaignId === null) return;
  const value = new MoneyDecimal(amount);
  recordDated(state.datedByCampaign, campaignId, businessDate, direction === 'out' ? value.negated() : value);
}

function addTo(map: Map<number, MoneyDecimal>, year: number, amount: MoneyDecimal): void {
  map.set(year, (map.get(year) ?? ZERO).plus(amount));
}

/**
 * The key of money this fund received from another fund: a transfer of this ledger by its id, one
 * booked from a transfer note by its ledger and id (another ledger's ids may be this one's too).
 */
export function receivedMoneyKey(fromLedger: string | null | undefined, transferId: string): string {
  return fromLedger ? transferNoteKey({ ledger: fromLedger, transferId }) : transferId;
}

/** Folds one event into the state. Mutates and returns `state`: the fold owns it. */
export function evolveSpending(state: SpendingState, event: SpendingEvent): SpendingState {
  switch (event.type) {
    case 'TransferRequested':
    case 'TransferApproved':
    case 'TransferRejected':
    case 'TransferReceived':
    case 'TransferReturned':
    case 'TransferDelivered':
      return evolveTransfer(state, event);
    case 'TransferNoteImported': {
      // The money itself comes in through the inflows (evolveInflowsByNote), as a received transfer's does.
      const d = event.data;
      state.importedNotes.set(transferNoteKey({ ledger: d.fromLedger, transferId: d.transferId }), {
        transferId: d.transferId, fromLedger: d.fromLedger, fromFundId: d.fromFundId, amount: d.amount, component: d.component,
        receivedRestrictionId: d.receivedRestrictionId, restrictionId: d.note.restrictionId, importedBy: d.importedBy, importedAt: d.importedAt,
      });
      return state;
    }
    case 'RestrictionReleaseRequested':
    case 'RestrictionReleaseApproved':
    case 'RestrictionReleased':
    case 'SurplusReallocated':
    case 'FxSettled':
      return evolvePoolMove(state, event);
    case 'DisbursementRequested':
    case 'DisbursementApproved':
    case 'DisbursementRejected':
    case 'DisbursementPaid':
      return evolveDisbursement(state, event);
    case 'EmergencyReleased':
    case 'EmergencyReleaseSettled':
      return evolveRelease(state, event);
    case 'EmergencySettlementReversed':
    case 'EmergencyReleaseCancelled':
      return evolveEmergencyCorrection(state, event);
    case 'DonationReversed':
    case 'PaymentReversed':
      return evolveReversal(state, event);
    case 'HandoverRecorded':
    case 'HandoverCorrected':
      return evolveHandover(state, event);
    case 'ShareMoneyReturned':
      return evolveShareMoneyReturned(state, event);
    case 'BankFeeCharged':
    case 'InterestCredited':
    case 'BankFeeReversed':
    case 'InterestReversed':
    case 'StatementLineClassified':
    case 'SuspenseAssigned':
    case 'TransferReversed':
      return evolveCorrections(state, event);
    case 'TransferAssignedToCampaign':
    case 'TransferAssignmentReversed':
      return evolveTransferAssigned(state, event);
    default:
      return assertNever(event, 'spending event');
  }
}

type EventOf<Type extends SpendingEvent['type']> = Extract<SpendingEvent, { type: Type }>;

/**
 * A bank fee or interest line of a statement, booked or reversed, on its component's unrestricted
 * pool: counted under its kind and dated. A fee takes money out and its reversal puts it back;
 * interest the other way round.
 */
function bookBankLine(
  state: SpendingState,
  line: { component: string; amount: string },
  kind: 'bankFees' | 'interest',
  booking: 'booked' | 'reversed',
  businessDate: string,
): void {
  const pool = poolKeyOf(line.component, null);
  const outflows = poolOutflows(state, pool);
  outflows[kind] = booking === 'booked' ? outflows[kind].plus(line.amount) : outflows[kind].minus(line.amount);
  const takesOut = (kind === 'bankFees') === (booking === 'booked');
  dated(state, pool, businessDate, takesOut ? 'out' : 'in', line.amount);
}

/** Reverses a booked fee or interest line: it must be booked and not reversed yet. */
function reverseBankLine<Line extends { component: string; amount: string; reversed: boolean }>(
  state: SpendingState,
  lines: Map<string, Line>,
  lineId: string,
  kind: 'bankFees' | 'interest',
  reversedAt: string,
): Line {
  state.reversals += 1;
  const line = lines.get(lineId);
  invariant(line && !line.reversed, `reversed ${kind === 'bankFees' ? 'fee' : 'interest'} ${lineId} was booked`);
  line.reversed = true;
  bookBankLine(state, line, kind, 'reversed', reversedAt);
  return line;
}

/** Money a statement shows (fees, interest), the accountant's decisions on its lines, late money assigned, and reversals of those and of transfers. */
function evolveCorrections(
  state: SpendingState,
  event: EventOf<'BankFeeCharged' | 'InterestCredited' | 'BankFeeReversed' | 'InterestReversed' | 'StatementLineClassified' | 'SuspenseAssigned' | 'TransferReversed'>,
): SpendingState {
  switch (event.type) {
    case 'BankFeeCharged': {
      bookBankLine(state, event.data, 'bankFees', 'booked', event.data.chargedAt);
      addTo(state.managementCostByYear, event.data.fiscalYear, new MoneyDecimal(event.data.amount));
      state.bankFeeCount += 1;
      state.fees.set(event.data.feeId, { ...event.data, reversed: false });
      state.decidedLines.set(event.data.source.rowId, event.data.feeId);
      return state;
    }
    case 'InterestCredited': {
      bookBankLine(state, event.data, 'interest', 'booked', event.data.creditedAt);
      state.interestCount += 1;
      state.interest.set(event.data.interestId, { ...event.data, reversed: false, reversedAt: null });
      state.decidedLines.set(event.data.source.rowId, event.data.interestId);
      return state;
    }
    case 'BankFeeReversed': {
      const fee = reverseBankLine(state, state.fees, event.data.feeId, 'bankFees', event.data.reversedAt);
      // A reversal counts in its own year: the year the fee was charged keeps it, as its closed report does.
      addTo(state.managementCostByYear, fiscalYearOf(event.data.reversedAt), new MoneyDecimal(fee.amount).negated());
      return state;
    }
    case 'InterestReversed': {
      const interest = reverseBankLine(state, state.interest, event.data.interestId, 'interest', event.data.reversedAt);
      interest.reversedAt = event.data.reversedAt;
      return state;
    }
    case 'StatementLineClassified':
      state.classifications += 1;
      state.decidedLines.set(event.data.rowId, event.data.classificationId);
      if (event.data.as === 'disbursement' && event.data.entryId !== null) {
        const linked = state.linkedDebits.get(event.data.entryId) ?? new MoneyDecimal(0);
        state.linkedDebits.set(event.data.entryId, linked.plus(event.data.amount));
      }
      return state;
    case 'SuspenseAssigned':
      return evolveSuspenseAssigned(state, event);
    case 'TransferReversed': {
      state.reversals += 1;
      const transfer = state.transfers.get(event.data.transferId);
      invariant(transfer && (transfer.status === 'requested' || transfer.status === 'in_transit'), `reversed transfer ${event.data.transferId} was held`);
      const outflows = poolOutflows(state, transfer.pool);
      outflows.transferHeld = outflows.transferHeld.minus(transfer.amount);
      dated(state, transfer.pool, event.data.reversedAt, 'in', transfer.amount);
      datedForCampaign(state, campaignOfMovement(transfer.campaignId, transfer.restrictionId), event.data.reversedAt, 'in', transfer.amount);
      transfer.status = 'reversed';
      return state;
    }
  }
}

/** Late money assigned out of its suspense pool (R14): out of the suspense pool, into the one chosen. */
function evolveSuspenseAssigned(state: SpendingState, event: EventOf<'SuspenseAssigned'>): SpendingState {
  const d = event.data;
  state.suspenseAssignments.set(d.donationId, {
    assignmentId: d.assignmentId, assignedAt: d.assignedAt, toComponent: d.toComponent, toRestrictionId: d.toRestrictionId, toCampaignId: d.toCampaignId,
  });
  movePools(state, poolKeyOf(d.component, d.restrictionId), poolKeyOf(d.toComponent, d.toRestrictionId), new MoneyDecimal(d.amount), d.assignedAt);
  datedForCampaign(state, campaignOfMovement(d.toCampaignId, d.toRestrictionId), d.assignedAt, 'in', d.amount);
  return state;
}

/**
 * Money received as general money, assigned to one of the fund's campaigns: out of the pool the
 * receipt put it in, into the campaign's. Its reversal moves it back on its own date, and the
 * transfer may be assigned again.
 */
function evolveTransferAssigned(state: SpendingState, event: EventOf<'TransferAssignedToCampaign' | 'TransferAssignmentReversed'>): SpendingState {
  const d = event.data;
  const receiptPool = poolKeyOf(d.component, d.restrictionId);
  const campaignPool = poolKeyOf(d.toComponent, d.toRestrictionId);
  const amount = new MoneyDecimal(d.amount);
  if (event.type === 'TransferAssignedToCampaign') {
    state.transferAssignments.set(receivedMoneyKey(d.fromLedger, d.transferId), d.assignmentId);
    state.transferAssignmentLog.set(d.assignmentId, { ...event.data, reversalId: null });
    movePools(state, receiptPool, campaignPool, amount, event.data.assignedAt);
    datedForCampaign(state, d.toCampaignId, event.data.assignedAt, 'in', d.amount);
    return state;
  }
  state.reversals += 1;
  const assignment = state.transferAssignmentLog.get(d.assignmentId);
  invariant(assignment && assignment.reversalId === null, `reversed assignment ${d.assignmentId} was standing`);
  assignment.reversalId = event.data.reversalId;
  const key = receivedMoneyKey(d.fromLedger, d.transferId);
  if (state.transferAssignments.get(key) === d.assignmentId) state.transferAssignments.delete(key);
  movePools(state, campaignPool, receiptPool, amount, event.data.reversedAt);
  datedForCampaign(state, d.toCampaignId, event.data.reversedAt, 'out', d.amount);
  return state;
}

/** Money moved from one pool of the fund to another on a business date: out of one, into the other. */
function movePools(state: SpendingState, fromPool: string, toPool: string, amount: MoneyDecimal, businessDate: string): void {
  const from = poolOutflows(state, fromPool);
  from.movedOut = from.movedOut.plus(amount);
  const into = poolOutflows(state, toPool);
  into.movedIn = into.movedIn.plus(amount);
  dated(state, fromPool, businessDate, 'out', amount);
  dated(state, toPool, businessDate, 'in', amount);
}

function evolveDisbursement(
  state: SpendingState,
  event: EventOf<'DisbursementRequested' | 'DisbursementApproved' | 'DisbursementRejected' | 'DisbursementPaid'>,
): SpendingState {
  if (event.type === 'DisbursementRequested') {
    const d = event.data;
    const amount = new MoneyDecimal(d.amount);
    const pool = poolKeyOf(d.component, d.restrictionId);
    state.disbursements.set(d.disbursementId, {
      disbursementId: d.disbursementId, amount, kind: d.kind, pool, component: d.component,
      restrictionId: d.restrictionId, fiscalYear: d.fiscalYear, requestedBy: d.requestedBy, requestedAt: d.requestedAt, approvers: [],
      approvalsRequired: d.approvalsRequired, certificationRef: d.certificationRef, status: 'requested', paidAt: null,
      campaignId: d.campaignId, needCategory: d.needCategory ?? null, distribution: d.distribution ?? [],
      duplicateOverride: d.duplicateOverride ?? null, handovers: new Map(), handoverCorrections: new Map(), moneyReturned: new Map(),
      withheld: new Map(), reversal: null,
    });
    allocateItems(state, pool, campaignOfMovement(d.campaignId, d.restrictionId), d.distribution ?? [], 1, d.requestedAt);
    if (d.needCategory !== undefined) {
      const record = { disbursementId: d.disbursementId, need: d.needCategory, requestedAt: d.requestedAt };
      recordAid(state.aidByBeneficiary, state.aidByMatchKey, record, d.distribution ?? [], (id) => state.disbursements.get(id)?.distribution);
    }
    const outflows = poolOutflows(state, pool);
    outflows.held = outflows.held.plus(amount);
    dated(state, pool, d.requestedAt, 'out', amount);
    datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.requestedAt, 'out', amount);
    if (d.kind === 'management_cost') addTo(state.managementCostByYear, d.fiscalYear, amount);
    return state;
  }
  const disbursement = existing(state, event.data.disbursementId);
  const outflows = poolOutflows(state, disbursement.pool);
  if (event.type === 'DisbursementApproved') {
    disbursement.approvers.push(event.data.approvedBy);
    if (event.data.fullyApproved) disbursement.status = 'approved';
  } else if (event.type === 'DisbursementRejected') {
    outflows.held = outflows.held.minus(disbursement.amount);
    dated(state, disbursement.pool, event.data.rejectedAt, 'in', disbursement.amount);
    datedForCampaign(state, campaignOfMovement(disbursement.campaignId, disbursement.restrictionId), event.data.rejectedAt, 'in', disbursement.amount);
    // A rejected request was never a cost: it leaves the year it was requested in, whenever it is rejected.
    if (disbursement.kind === 'management_cost') addTo(state.managementCostByYear, disbursement.fiscalYear, disbursement.amount.negated());
    releaseItems(state, disbursement, event.data.rejectedAt);
    disbursement.status = 'rejected';
  } else {
    // The shares closed before the payment were left out of it: their money is no longer held, and never paid.
    const withheld = (event.data.withheld ?? []).reduce((total, share) => total.plus(share.amount), ZERO);
    for (const share of event.data.withheld ?? []) disbursement.withheld.set(share.beneficiaryId, new MoneyDecimal(share.amount));
    outflows.held = outflows.held.minus(disbursement.amount);
    outflows.paid = outflows.paid.plus(disbursement.amount.minus(withheld));
    if (!withheld.isZero()) {
      dated(state, disbursement.pool, event.data.paidAt, 'in', withheld);
      datedForCampaign(state, campaignOfDisbursement(disbursement), event.data.paidAt, 'in', withheld);
      if (disbursement.kind === 'management_cost') addTo(state.managementCostByYear, fiscalYearOf(event.data.paidAt), withheld.negated());
    }
    disbursement.certificationRef = event.data.certificationRef ?? disbursement.certificationRef;
    disbursement.status = 'paid';
    disbursement.paidAt = event.data.paidAt;
  }
  return state;
}

function evolveRelease(state: SpendingState, event: EventOf<'EmergencyReleased' | 'EmergencyReleaseSettled'>): SpendingState {
  if (event.type === 'EmergencyReleased') {
    const d = event.data;
    const amount = new MoneyDecimal(d.amount);
    const pool = poolKeyOf(d.component, d.restrictionId);
    state.releases.set(d.releaseId, {
      releaseId: d.releaseId, amount, pool, component: d.component, restrictionId: d.restrictionId, campaignId: d.campaignId,
      releasedBy: d.releasedBy, releasedAt: d.releasedAt, reopenedAt: null, settleBy: d.settleBy, status: 'open', spent: null, returned: null, settledAt: null,
    });
    const outflows = poolOutflows(state, pool);
    outflows.emergencyOutstanding = outflows.emergencyOutstanding.plus(amount);
    dated(state, pool, d.releasedAt, 'out', amount);
    datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.releasedAt, 'out', amount);
    return state;
  }
  const release = state.releases.get(event.data.releaseId);
  invariant(release && release.status === 'open', `settled release ${event.data.releaseId} is open`);
  const outflows = poolOutflows(state, release.pool);
  outflows.emergencyOutstanding = outflows.emergencyOutstanding.minus(release.amount);
  outflows.emergencySpent = outflows.emergencySpent.plus(event.data.spent);
  dated(state, release.pool, event.data.settledAt, 'in', event.data.returned);
  datedForCampaign(state, campaignOfMovement(release.campaignId, release.restrictionId), event.data.settledAt, 'in', event.data.returned);
  release.status = 'settled';
  release.spent = new MoneyDecimal(event.data.spent);
  release.returned = new MoneyDecimal(event.data.returned);
  release.settledAt = event.data.settledAt;
  return state;
}

/**
 * A reversed settlement puts the whole release back outstanding (the spent part stops counting
 * as spent, the returned part is out again); a cancelled release gives its whole amount back.
 */
function evolveEmergencyCorrection(state: SpendingState, event: EventOf<'EmergencySettlementReversed' | 'EmergencyReleaseCancelled'>): SpendingState {
  state.reversals += 1;
  const release = state.releases.get(event.data.releaseId);
  invariant(release, `reversed release ${event.data.releaseId} was made`);
  const outflows = poolOutflows(state, release.pool);
  if (event.type === 'EmergencySettlementReversed') {
    invariant(release.status === 'settled', `reversed settlement of ${release.releaseId} exists`);
    outflows.emergencySpent = outflows.emergencySpent.minus(event.data.spent);
    outflows.emergencyOutstanding = outflows.emergencyOutstanding.plus(release.amount);
    dated(state, release.pool, event.data.reversedAt, 'out', release.amount.minus(event.data.spent));
    datedForCampaign(state, campaignOfMovement(release.campaignId, release.restrictionId), event.data.reversedAt, 'out', release.amount.minus(event.data.spent));
    release.status = 'open';
    release.spent = null;
    release.returned = null;
    release.settledAt = null;
    release.reopenedAt = event.data.reversedAt;
    return state;
  }
  invariant(release.status === 'open', `cancelled release ${release.releaseId} is open`);
  outflows.emergencyOutstanding = outflows.emergencyOutstanding.minus(release.amount);
  dated(state, release.pool, event.data.reversedAt, 'in', release.amount);
  datedForCampaign(state, campaignOfMovement(release.campaignId, release.restrictionId), event.data.reversedAt, 'in', release.amount);
  release.status = 'cancelled';
  return state;
}

function evolveReversal(state: SpendingState, event: EventOf<'DonationReversed' | 'PaymentReversed'>): SpendingState {
  state.reversals += 1;
  if (event.type === 'DonationReversed') {
    const d = event.data;
    state.reversedDonations.set(d.donationId, { reversalId: d.reversalId, reversedAt: d.reversedAt, reason: d.reason });
    if (d.inKind) {
      addToStock(state.inKindReversed, d.inKind.description, d.inKind.unit, d.inKind.quantity);
      addToPoolStock(state.inKindReversedByPool, poolKeyOf(d.component, d.restrictionId), d.inKind.description, d.inKind.unit, d.inKind.quantity);
      recordDatedStock(state.stockDated, poolKeyOf(d.component, d.restrictionId), d.inKind.description, d.inKind.unit, d.reversedAt, new MoneyDecimal(d.inKind.quantity).negated());
      datedStockForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.inKind, d.reversedAt, -1);
    }
    if (!d.cash) return state;
    const outflows = poolOutflows(state, poolKeyOf(d.component, d.restrictionId));
    outflows.donationsReversed = outflows.donationsReversed.plus(d.amountVnd);
    dated(state, poolKeyOf(d.component, d.restrictionId), d.reversedAt, 'out', d.amountVnd);
    if (d.fxSettlement) {
      const fx = d.fxSettlement;
      const settledIn = poolKeyOf(fx.component, fx.restrictionId);
      poolOutflows(state, settledIn).fxDifference = poolOutflows(state, settledIn).fxDifference.minus(fx.difference);
      dated(state, settledIn, d.reversedAt, 'out', fx.difference);
      datedForCampaign(state, campaignOfMovement(fx.campaignId, fx.restrictionId), d.reversedAt, 'out', fx.difference);
    }
    datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.reversedAt, 'out', d.amountVnd);
    if (d.inManagementCostBase) addTo(state.managementBaseReversedByYear, fiscalYearOf(d.reversedAt), new MoneyDecimal(d.amountVnd));
    return state;
  }
  const disbursement = existing(state, event.data.disbursementId);
  const outflows = poolOutflows(state, disbursement.pool);
  // What the payment still had out: the shares it left out and the money given back before are in the pool already.
  const back = new MoneyDecimal(event.data.givenBack ?? disbursement.amount);
  outflows.paid = outflows.paid.minus(back);
  dated(state, disbursement.pool, event.data.reversedAt, 'in', back);
  datedForCampaign(state, campaignOfMovement(disbursement.campaignId, disbursement.restrictionId), event.data.reversedAt, 'in', back);
  if (disbursement.kind === 'management_cost') addTo(state.managementCostByYear, fiscalYearOf(event.data.reversedAt), back.negated());
  releaseItems(state, disbursement, event.data.reversedAt);
  disbursement.status = 'reversed';
  disbursement.reversal = { reversalId: event.data.reversalId, reversedAt: event.data.reversedAt, reason: event.data.reason, givenBack: back };
  return state;
}

function evolveTransfer(state: SpendingState, event: TransferEvent): SpendingState {
  if (event.type === 'TransferRequested') {
    const d = event.data;
    const amount = new MoneyDecimal(d.amount);
    const pool = poolKeyOf(d.component, d.restrictionId);
    state.transfers.set(d.transferId, {
      transferId: d.transferId, toFundId: d.toFundId, external: d.external, amount, pool, component: d.component,
      restrictionId: d.restrictionId, campaignId: d.campaignId, restrictionPurpose: d.restrictionPurpose,
      restrictionBeneficiary: d.restrictionBeneficiary, requestedBy: d.requestedBy, requestedAt: d.requestedAt,
      approvers: [], approvalsRequired: d.approvalsRequired, status: d.approvalsRequired === 0 ? 'in_transit' : 'requested',
      sentAt: d.approvalsRequired === 0 ? d.requestedAt : null,
    });
    const outflows = poolOutflows(state, pool);
    outflows.transferHeld = outflows.transferHeld.plus(amount);
    dated(state, pool, d.requestedAt, 'out', amount);
    datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.requestedAt, 'out', amount);
    return state;
  }
  const transfer = state.transfers.get(event.data.transferId);
  invariant(transfer, `transfer ${event.data.transferId} was requested before it was acted on`);
  const outflows = poolOutflows(state, transfer.pool);
  switch (event.type) {
    case 'TransferApproved':
      transfer.approvers.push(event.data.approvedBy);
      if (event.data.fullyApproved) {
        transfer.status = 'in_transit';
        transfer.sentAt = event.data.approvedAt;
      }
      return state;
    case 'TransferRejected':
      outflows.transferHeld = outflows.transferHeld.minus(transfer.amount);
      dated(state, transfer.pool, event.data.rejectedAt, 'in', transfer.amount);
      datedForCampaign(state, campaignOfMovement(transfer.campaignId, transfer.restrictionId), event.data.rejectedAt, 'in', transfer.amount);
      transfer.status = 'rejected';
      return state;
    case 'TransferReceived':
      invariant(transfer.status === 'in_transit', `received transfer ${transfer.transferId} was in transit`);
      outflows.transferHeld = outflows.transferHeld.minus(transfer.amount);
      outflows.transferredOut = outflows.transferredOut.plus(transfer.amount);
      transfer.status = 'received';
      return state;
    case 'TransferDelivered': {
      invariant(transfer.status === 'in_transit', `delivered transfer ${transfer.transferId} was in transit`);
      const d = event.data;
      outflows.transferHeld = outflows.transferHeld.minus(transfer.amount);
      outflows.transferredOut = outflows.transferredOut.plus(transfer.amount);
      transfer.status = 'delivered';
      transfer.delivery = { toLedger: d.toLedger, receivedAt: d.receivedAt, receivedPosition: d.receivedPosition, recordedBy: d.recordedBy, recordedAt: d.recordedAt };
      return state;
    }
    case 'TransferReturned':
      invariant(transfer.status === 'in_transit', `returned transfer ${transfer.transferId} was in transit`);
      outflows.transferHeld = outflows.transferHeld.minus(transfer.amount);
      dated(state, transfer.pool, event.data.returnedAt, 'in', transfer.amount);
      datedForCampaign(state, campaignOfMovement(transfer.campaignId, transfer.restrictionId), event.data.returnedAt, 'in', transfer.amount);
      transfer.status = 'returned';
      return state;
    default:
      return assertNever(event, 'transfer event');
  }
}

/**
 * A release holds the pool's money from its request (movedOut) and, once approved, brings it into
 * the new component's unrestricted pool (movedIn); a surplus moves at once.
 */
function evolvePoolMove(state: SpendingState, event: PoolMoveEvent): SpendingState {
  switch (event.type) {
    case 'RestrictionReleaseRequested': {
      const d = event.data;
      const pool = poolKeyOf(d.component, d.restrictionId);
      const amount = new MoneyDecimal(d.amount);
      state.restrictionReleases.set(d.releaseRequestId, {
        releaseRequestId: d.releaseRequestId, pool, amount, requestedBy: d.requestedBy, approvers: [], approvalsRequired: d.approvalsRequired,
        status: 'requested', data: d,
      });
      const outflows = poolOutflows(state, pool);
      outflows.movedOut = outflows.movedOut.plus(amount);
      dated(state, pool, d.requestedAt, 'out', amount);
      // The goods are held out of the pool from the request, as its money is.
      moveItemsOf(state, pool, d.items ?? [], d.requestedAt, -1);
      for (const item of d.items ?? []) datedStockForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), item, d.requestedAt, -1);
      datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.requestedAt, 'out', amount);
      return state;
    }
    case 'RestrictionReleaseApproved': {
      const release = state.restrictionReleases.get(event.data.releaseRequestId);
      invariant(release, `release ${event.data.releaseRequestId} was requested`);
      release.approvers.push(event.data.approvedBy);
      return state;
    }
    case 'RestrictionReleased': {
      const release = state.restrictionReleases.get(event.data.releaseRequestId);
      invariant(release && release.status === 'requested', `release ${event.data.releaseRequestId} was requested`);
      release.status = 'released';
      const into = poolOutflows(state, poolKeyOf(event.data.newComponent, null));
      into.movedIn = into.movedIn.plus(release.amount);
      dated(state, poolKeyOf(event.data.newComponent, null), event.data.releasedAt, 'in', release.amount);
      moveItemsOf(state, poolKeyOf(event.data.newComponent, null), event.data.items ?? [], event.data.releasedAt, 1);
      return state;
    }
    case 'SurplusReallocated': {
      const d = event.data;
      state.reallocations += 1;
      state.leftoversMoved.set(d.campaignId, [...state.leftoversMoved.get(d.campaignId) ?? [], d]);
      movePools(state, poolKeyOf(d.component, d.restrictionId), poolKeyOf(d.toComponent, d.toRestrictionId), new MoneyDecimal(d.amount), d.reallocatedAt);
      moveItems(state, poolKeyOf(d.component, d.restrictionId), poolKeyOf(d.toComponent, d.toRestrictionId), d.items ?? [], d.reallocatedAt);
      for (const item of d.items ?? []) {
        datedStockForCampaign(state, d.campaignId, item, d.reallocatedAt, -1);
        datedStockForCampaign(state, campaignOfMovement(d.toCampaignId, d.toRestrictionId), item, d.reallocatedAt, 1);
      }
      datedForCampaign(state, d.campaignId, d.reallocatedAt, 'out', d.amount);
      datedForCampaign(state, campaignOfMovement(d.toCampaignId, d.toRestrictionId), d.reallocatedAt, 'in', d.amount);
      return state;
    }
    case 'FxSettled': {
      const d = event.data;
      state.fxSettlements.set(d.donationId, {
        settlementId: d.settlementId, settledVnd: d.settledVnd, difference: d.difference, component: d.component, restrictionId: d.restrictionId, campaignId: d.campaignId,
        settledAt: d.settledAt, reference: d.reference,
      });
      const pool = poolOutflows(state, poolKeyOf(d.component, d.restrictionId));
      pool.fxDifference = pool.fxDifference.plus(d.difference);
      dated(state, poolKeyOf(d.component, d.restrictionId), d.settledAt, 'in', d.difference);
      datedForCampaign(state, campaignOfMovement(d.campaignId, d.restrictionId), d.settledAt, 'in', d.difference);
      return state;
    }
    default:
      return assertNever(event, 'pool move event');
  }
}

/** Goods moved from one pool's stock to another's on a business date (R19): they leave the fund's stock never. */
function moveItems(state: SpendingState, fromPool: string, toPool: string, items: readonly DistributionItem[], businessDate: string): void {
  moveItemsOf(state, fromPool, items, businessDate, -1);
  moveItemsOf(state, toPool, items, businessDate, 1);
}

/** Goods into (sign 1) or out of (sign -1) one pool's stock by a move between pools, on a business date. */
function moveItemsOf(state: SpendingState, pool: string, items: readonly DistributionItem[], businessDate: string, sign: 1 | -1): void {
  for (const item of items) {
    const quantity = sign === 1 ? new MoneyDecimal(item.quantity) : new MoneyDecimal(item.quantity).negated();
    addToPoolStock(state.itemsMovedByPool, pool, item.description, item.unit, quantity);
    recordDatedStock(state.stockDated, pool, item.description, item.unit, businessDate, quantity);
  }
}

/** A hand-over recorded, or the last one of a share set aside by a correction: the share, and the stock handed out, follow. */
function evolveHandover(state: SpendingState, event: HandoverRecorded | HandoverCorrected): SpendingState {
  if (event.type === 'HandoverRecorded') {
    const d = event.data;
    const disbursement = existing(state, d.disbursementId);
    if (d.status === 'received') {
      for (const item of disbursement.distribution.find((line) => line.beneficiaryId === d.beneficiaryId)?.items ?? []) {
        addToStock(state.itemsHandedOut, item.description, item.unit, item.quantity);
        addToPoolStock(state.itemsHandedOutByPool, disbursement.pool, item.description, item.unit, item.quantity);
      }
    }
    // A share closed as not delivered gives its items back to the pool's free stock on its date (R18).
    if (d.closed === true) allocateItems(state, disbursement.pool, campaignOfDisbursement(disbursement), disbursement.distribution.filter((line) => line.beneficiaryId === d.beneficiaryId), -1, d.handedOverAt);
    disbursement.handovers.set(d.beneficiaryId, {
      status: d.status, handedOverAt: d.handedOverAt, evidenceRef: d.evidenceRef, recordedBy: d.recordedBy, closed: d.closed === true,
      previous: disbursement.handovers.get(d.beneficiaryId) ?? null,
    });
    disbursement.handoverCorrections.delete(d.beneficiaryId);
    return state;
  }
  const d = event.data;
  const disbursement = existing(state, d.disbursementId);
  const corrected = disbursement.handovers.get(d.beneficiaryId);
  invariant(corrected, `a hand-over of ${d.beneficiaryId} on ${d.disbursementId} was recorded before it was corrected`);
  const lines = disbursement.distribution.filter((line) => line.beneficiaryId === d.beneficiaryId);
  const standing = disbursement.status !== 'rejected' && disbursement.status !== 'reversed';
  // Items recorded as handed out in error are in the store: promised to the share again, not handed
  // out; free again from the correction's date when the request no longer stands (its release kept them).
  if (corrected.status === 'received') {
    for (const item of lines[0]?.items ?? []) {
      const back = new MoneyDecimal(item.quantity).negated();
      addToStock(state.itemsHandedOut, item.description, item.unit, back);
      addToPoolStock(state.itemsHandedOutByPool, disbursement.pool, item.description, item.unit, back);
    }
    if (!standing) allocateItems(state, disbursement.pool, campaignOfDisbursement(disbursement), lines, -1, d.correctedAt);
  }
  // A closing set aside promises the share's items again from the date it had freed them (a request
  // rejected or reversed since promises nothing: its release skipped them as already given back).
  if (corrected.closed && standing) allocateItems(state, disbursement.pool, campaignOfDisbursement(disbursement), lines, 1, corrected.handedOverAt);
  if (corrected.previous) disbursement.handovers.set(d.beneficiaryId, corrected.previous);
  else disbursement.handovers.delete(d.beneficiaryId);
  disbursement.handoverCorrections.set(d.beneficiaryId, {
    reason: d.reason, correctedAt: d.correctedAt, correctedBy: d.recordedBy,
    corrected: { status: corrected.status, handedOverAt: corrected.handedOverAt, evidenceRef: corrected.evidenceRef, closed: corrected.closed },
  });
  return state;
}

/**
 * The money of a closed cash share back in the fund: the payment counts net of it, and the pool
 * and campaign it was paid from have it again from its date, as a reversal gives a payment back.
 */
function evolveShareMoneyReturned(state: SpendingState, event: EventOf<'ShareMoneyReturned'>): SpendingState {
  const d = event.data;
  const disbursement = existing(state, d.disbursementId);
  invariant(disbursement.status === 'paid', `returned share money of ${d.disbursementId} was paid`);
  const amount = new MoneyDecimal(d.amount);
  const outflows = poolOutflows(state, disbursement.pool);
  outflows.paid = outflows.paid.minus(amount);
  dated(state, disbursement.pool, d.returnedAt, 'in', amount);
  datedForCampaign(state, campaignOfDisbursement(disbursement), d.returnedAt, 'in', amount);
  if (disbursement.kind === 'management_cost') addTo(state.managementCostByYear, fiscalYearOf(d.returnedAt), amount.negated());
  disbursement.moneyReturned.set(d.beneficiaryId, { amount, returnedAt: d.returnedAt, evidenceRef: d.evidenceRef, recordedBy: d.recordedBy });
  return state;
}

/** Goods into (sign 1) or out of (sign -1) what a campaign holds of its own, on a business date (nothing when they are no campaign's). */
function datedStockForCampaign(
  state: SpendingState, campaignId: string | null, item: { description: string; quantity: string; unit: string }, businessDate: string, sign: 1 | -1,
): void {
  if (campaignId === null) return;
  const quantity = new MoneyDecimal(item.quantity);
  recordDatedStock(state.stockDatedByCampaign, campaignId, item.description, item.unit, businessDate, sign === 1 ? quantity : quantity.negated());
}

const campaignOfDisbursement = (disbursement: DisbursementState) => campaignOfMovement(disbursement.campaignId, disbursement.restrictionId);

/** Promises (sign 1) or gives back (sign -1) the items of a distribution's lines, in the fund's stock, the pool's and its campaign's. */
function allocateItems(state: SpendingState, pool: string, campaignId: string | null, lines: readonly DistributionLine[], sign: 1 | -1, businessDate: string): void {
  for (const line of lines) {
    for (const item of line.items ?? []) {
      const quantity = sign === 1 ? item.quantity : new MoneyDecimal(item.quantity).negated();
      addToStock(state.itemsAllocated, item.description, item.unit, quantity);
      addToPoolStock(state.itemsAllocatedByPool, pool, item.description, item.unit, quantity);
      recordDatedStock(state.stockDated, pool, item.description, item.unit, businessDate, new MoneyDecimal(quantity).negated());
      datedStockForCampaign(state, campaignId, item, businessDate, sign === 1 ? -1 : 1);
    }
  }
}

/**
 * Gives back the items of a rejected or reversed request, but only of the lines not handed over:
 * a share recorded as received left the store, so it stays promised and is never promised again;
 * a share closed as not delivered gave its items back already.
 */
function releaseItems(state: SpendingState, disbursement: DisbursementState, businessDate: string): void {
  allocateItems(state, disbursement.pool, campaignOfDisbursement(disbursement), disbursement.distribution.filter((line) => {
    const handover = disbursement.handovers.get(line.beneficiaryId);
    return handover?.status !== 'received' && handover?.closed !== true;
  }), -1, businessDate);
}

function existing(state: SpendingState, disbursementId: string): DisbursementState {
  const disbursement = state.disbursements.get(disbursementId);
  invariant(disbursement, `disbursement ${disbursementId} was requested before it was acted on`);
  return disbursement;
}
