import { MoneyDecimal } from '../src/domain/money';
import { poolKeyOf as poolKey } from '../src/domain/spending/pools';
import { assertNever, invariant } from '../src/domain/shared/decision';
import { ownEntry } from '../src/domain/shared/records';
import type { LedgerEvent } from '../src/domain/ledger-events';
import type { Projection, ProjectedEvent } from './projection';

/** Figures of a pool, a component, a campaign or a fund, as decimal strings in VND. */
export interface Figures {
  /** Cash received, less donations reversed. */
  received: string;
  /** Paid out, less payments reversed, plus emergency money spent. */
  disbursed: string;
  /** Requested or approved, not yet paid or rejected. */
  held: string;
  /** Released in an emergency and not yet settled. */
  outstandingEmergency: string;
  /** What a new disbursement may still take: received − disbursed − held − outstandingEmergency. */
  available: string;
}

export interface PoolBalance extends Figures {
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  purpose: string | null;
}

export interface FundBalance extends Figures {
  fundId: string;
  /** Value of in-kind gifts, recorded but not cash. */
  inKindReceived: string;
  pools: Record<string, PoolBalance>;
  campaigns: Record<string, Figures>;
  /** What later events need to know about earlier ones. */
  disbursements: Record<string, { pool: string; amount: string; campaignId: string | null }>;
  releases: Record<string, { pool: string; amount: string; campaignId: string | null }>;
}

export interface BalanceState {
  funds: Record<string, FundBalance>;
}

const ZERO_FIGURES = (): Figures => ({ received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', available: '0' });

type Field = Exclude<keyof Figures, 'available'>;

function shift(figures: Figures, field: Field, amount: string, sign: 1 | -1): void {
  figures[field] = new MoneyDecimal(figures[field]).plus(sign === 1 ? amount : `-${amount}`).toFixed();
  const available = new MoneyDecimal(figures.received).minus(figures.disbursed).minus(figures.held).minus(figures.outstandingEmergency);
  figures.available = available.toFixed();
}

function fundOf(state: BalanceState, fundId: string): FundBalance {
  let fund = ownEntry(state.funds, fundId);
  if (!fund) {
    fund = { fundId, ...ZERO_FIGURES(), inKindReceived: '0', pools: {}, campaigns: {}, disbursements: {}, releases: {} };
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
function move(fund: FundBalance, pool: PoolBalance, campaignId: string | null, field: Field, amount: string, sign: 1 | -1): void {
  shift(pool, field, amount, sign);
  shift(fund, field, amount, sign);
  if (campaignId !== null) shift(ownEntry(fund.campaigns, campaignId) ?? (fund.campaigns[campaignId] = ZERO_FIGURES()), field, amount, sign);
  invariant(!new MoneyDecimal(pool.available).isNegative(), `pool ${pool.component}/${pool.restrictionId} went below zero`);
}

function poolByKey(fund: FundBalance, key: string): PoolBalance {
  const pool = ownEntry(fund.pools, key);
  invariant(pool, `pool ${key} exists before money leaves it`);
  return pool;
}

function applyEvent(state: BalanceState, event: LedgerEvent): void {
  switch (event.type) {
    case 'DonationRecorded':
    case 'DonationReversed':
      return applyInflow(state, event);
    case 'DisbursementRequested':
    case 'DisbursementRejected':
    case 'DisbursementPaid':
    case 'PaymentReversed':
      return applyDisbursement(state, event);
    case 'EmergencyReleased':
    case 'EmergencyReleaseSettled':
      return applyRelease(state, event);
    case 'EmergencySettlementReversed':
    case 'EmergencyReleaseCancelled':
      return applyEmergencyCorrection(state, event);
    case 'FundOpened':
      fundOf(state, event.data.fundId);
      return;
    case 'DisbursementApproved':
    case 'PolicyChanged':
    case 'CampaignCreated':
    case 'CampaignClosed':
    case 'UserCreated':
    case 'UserTokenReplaced':
    case 'UserDeactivated':
      return;
    default:
      return assertNever(event, 'event');
  }
}

type EventOf<Type extends LedgerEvent['type']> = Extract<LedgerEvent, { type: Type }>;

function applyInflow(state: BalanceState, event: EventOf<'DonationRecorded' | 'DonationReversed'>): void {
  const d = event.data;
  const fund = fundOf(state, d.fundId);
  const pool = poolOf(fund, d.component, d.restrictionId);
  const sign = event.type === 'DonationRecorded' ? 1 : -1;
  if (event.type === 'DonationRecorded') {
    pool.campaignId ??= event.data.campaignId;
    pool.purpose ??= event.data.restriction?.purpose ?? null;
  }
  if (!d.cash) {
    fund.inKindReceived = new MoneyDecimal(fund.inKindReceived).plus(sign === 1 ? d.amountVnd : `-${d.amountVnd}`).toFixed();
    return;
  }
  move(fund, pool, d.campaignId, 'received', d.amountVnd, sign);
}

function applyDisbursement(state: BalanceState, event: EventOf<'DisbursementRequested' | 'DisbursementRejected' | 'DisbursementPaid' | 'PaymentReversed'>): void {
  const fund = fundOf(state, event.data.fundId);
  if (event.type === 'DisbursementRequested') {
    const d = event.data;
    const pool = poolOf(fund, d.component, d.restrictionId);
    fund.disbursements[d.disbursementId] = { pool: poolKey(d.component, d.restrictionId), amount: d.amount, campaignId: d.campaignId };
    return move(fund, pool, d.campaignId, 'held', d.amount, 1);
  }
  const known = ownEntry(fund.disbursements, event.data.disbursementId);
  invariant(known, `disbursement ${event.data.disbursementId} was requested`);
  const pool = poolByKey(fund, known.pool);
  if (event.type === 'PaymentReversed') return move(fund, pool, known.campaignId, 'disbursed', known.amount, -1);
  move(fund, pool, known.campaignId, 'held', known.amount, -1);
  if (event.type === 'DisbursementPaid') move(fund, pool, known.campaignId, 'disbursed', known.amount, 1);
}

function applyRelease(state: BalanceState, event: EventOf<'EmergencyReleased' | 'EmergencyReleaseSettled'>): void {
  const fund = fundOf(state, event.data.fundId);
  if (event.type === 'EmergencyReleased') {
    const d = event.data;
    const pool = poolOf(fund, d.component, d.restrictionId);
    fund.releases[d.releaseId] = { pool: poolKey(d.component, d.restrictionId), amount: d.amount, campaignId: d.campaignId };
    return move(fund, pool, d.campaignId, 'outstandingEmergency', d.amount, 1);
  }
  const known = ownEntry(fund.releases, event.data.releaseId);
  invariant(known, `release ${event.data.releaseId} was made`);
  const pool = poolByKey(fund, known.pool);
  move(fund, pool, known.campaignId, 'outstandingEmergency', known.amount, -1);
  if (event.data.spent !== '0') move(fund, pool, known.campaignId, 'disbursed', event.data.spent, 1);
}

/**
 * A reversed settlement takes back what it counted as spent and puts the whole release
 * outstanding again; a cancelled release is no longer outstanding, so its money is available.
 */
function applyEmergencyCorrection(state: BalanceState, event: EventOf<'EmergencySettlementReversed' | 'EmergencyReleaseCancelled'>): void {
  const fund = fundOf(state, event.data.fundId);
  const known = ownEntry(fund.releases, event.data.releaseId);
  invariant(known, `release ${event.data.releaseId} was made`);
  const pool = poolByKey(fund, known.pool);
  if (event.type === 'EmergencyReleaseCancelled') return move(fund, pool, known.campaignId, 'outstandingEmergency', known.amount, -1);
  if (event.data.spent !== '0') move(fund, pool, known.campaignId, 'disbursed', event.data.spent, -1);
  move(fund, pool, known.campaignId, 'outstandingEmergency', known.amount, 1);
}

/** Balances per fund, component, restricted pool and campaign. */
export const BalanceProjection: Projection<BalanceState> = {
  name: 'balance',
  version: 1,
  initialState: () => ({ funds: {} }),
  apply(state: BalanceState, projected: ProjectedEvent): BalanceState {
    applyEvent(state, projected.event);
    return state;
  },
};
