import type { DonationRecorded } from '../donation/donation.events';
import type { TransferNoteImported, TransferReceived } from './spending.events';
import { MoneyDecimal, ZERO } from '../money';
import { campaignOfMovement, campaignPoolPurpose, isSuspenseRestriction, poolKeyOf, suspensePoolPurpose } from './pools';
import { addToPoolStock, addToStock, recordDatedStock, type StockByPool, type StockItem } from './stock';
import { recordDated, type DatedNetsByPool } from './dated-nets';

export interface RestrictionInfo {
  restrictionId: string;
  component: string;
  campaignId: string | null;
  purpose: string;
  /** The one person or body a designated gift may be paid to, or null. */
  beneficiary: string | null;
}

/**
 * Money that came in, per pool, folded from DonationRecorded events. Incoming money only ever
 * grows these figures (reversals are outflows, kept in the spending stream), so a view that lags
 * the log can only understate what is available: deciding on it never overspends.
 */
export interface Inflows {
  cashByPool: Map<string, MoneyDecimal>;
  /** The same money by the business day it came in (a gift's receivedAt, a transfer's arrival). */
  datedByPool: DatedNetsByPool;
  /**
   * Cash that came in for each campaign (campaignOfMovement), wherever it was booked, by the
   * business day it came in: a campaign without a pool of its own holds its money in its
   * component's unrestricted pool, so only this says how much of that pool is the campaign's.
   */
  datedByCampaign: DatedNetsByPool;
  /** The components each campaign's cash came into (campaignOfMovement), in the order it first came. */
  componentsByCampaign: Map<string, Set<string>>;
  /** Eligible revenue per fiscal year for the management-cost cap (R6). */
  managementBaseByYear: Map<number, MoneyDecimal>;
  restrictions: Map<string, RestrictionInfo>;
  /** Items received in kind, by stockKeyOf(description, unit) (R18). */
  inKindReceived: Map<string, StockItem>;
  /** The same items by the pool they were given to (R5): what a distribution from that pool may hand out. */
  inKindByPool: StockByPool;
  /** The same items by the day they came in, keyed by datedStockKey(pool, stockKeyOf(...)). */
  inKindDatedByPool: DatedNetsByPool;
  /**
   * Items received in kind for each campaign (campaignOfMovement), wherever they were booked, by
   * the day they came in, keyed by datedStockKey(campaignId, stockKeyOf(...)): a campaign without
   * a pool of its own keeps its goods in its component's stock, so only this says which are its own (R19).
   */
  inKindDatedByCampaign: DatedNetsByPool;
  /** The earliest fiscal year any donation of the fund is dated in (a backdated gift can precede the fund); null before the first. */
  earliestDonationYear: number | null;
}

export const initialInflows = (): Inflows => ({
  cashByPool: new Map(),
  datedByPool: new Map(),
  datedByCampaign: new Map(),
  componentsByCampaign: new Map(),
  managementBaseByYear: new Map(),
  restrictions: new Map(),
  inKindReceived: new Map(),
  inKindByPool: new Map(),
  inKindDatedByPool: new Map(),
  inKindDatedByCampaign: new Map(),
  earliestDonationYear: null,
});

export function evolveInflows(inflows: Inflows, event: DonationRecorded): Inflows {
  const d = event.data;
  if (inflows.earliestDonationYear === null || d.fiscalYear < inflows.earliestDonationYear) inflows.earliestDonationYear = d.fiscalYear;
  if (d.restrictionId !== null && !inflows.restrictions.has(d.restrictionId)) {
    inflows.restrictions.set(d.restrictionId, {
      restrictionId: d.restrictionId,
      component: d.component,
      campaignId: d.campaignId,
      purpose: d.restriction?.purpose ?? (d.campaignId === null ? '' : isSuspenseRestriction(d.restrictionId) ? suspensePoolPurpose(d.campaignId, null) : campaignPoolPurpose(d.campaignId, null)),
      beneficiary: d.restriction?.beneficiary ?? null,
    });
  }
  if (!d.cash) {
    if (d.inKind) {
      addToStock(inflows.inKindReceived, d.inKind.description, d.inKind.unit, d.inKind.quantity);
      addToPoolStock(inflows.inKindByPool, poolKeyOf(d.component, d.restrictionId), d.inKind.description, d.inKind.unit, d.inKind.quantity);
      recordDatedStock(inflows.inKindDatedByPool, poolKeyOf(d.component, d.restrictionId), d.inKind.description, d.inKind.unit, d.receivedAt, new MoneyDecimal(d.inKind.quantity));
      const campaignId = campaignOfMovement(d.campaignId, d.restrictionId);
      if (campaignId !== null) recordDatedStock(inflows.inKindDatedByCampaign, campaignId, d.inKind.description, d.inKind.unit, d.receivedAt, new MoneyDecimal(d.inKind.quantity));
    }
    return inflows;
  }
  const pool = poolKeyOf(d.component, d.restrictionId);
  inflows.cashByPool.set(pool, (inflows.cashByPool.get(pool) ?? ZERO).plus(d.amountVnd));
  recordDated(inflows.datedByPool, pool, d.receivedAt, new MoneyDecimal(d.amountVnd));
  recordForCampaign(inflows, campaignOfMovement(d.campaignId, d.restrictionId), d.component, d.receivedAt, d.amountVnd);
  if (d.inManagementCostBase) {
    const base = inflows.managementBaseByYear.get(d.fiscalYear) ?? ZERO;
    inflows.managementBaseByYear.set(d.fiscalYear, base.plus(d.amountVnd));
  }
  return inflows;
}

/**
 * Money another fund of the ledger sent and this fund received (R16): it enters the receiving
 * fund's pool with the purpose it left with, so it is spent only as its donors asked. It is folded
 * into the receiver's inflows (`toFundId`); a transfer's return never reaches here, since only a
 * transfer in transit may be returned. It is one of the receiver's campaigns' own money only when
 * the receiver took it in for that campaign (`receivedCampaignId`): the sender's `campaignId` is
 * the sender's.
 */
export function evolveInflowsByTransfer(inflows: Inflows, event: TransferReceived): Inflows {
  return arrive(inflows, event.data, event.data.receivedCampaignId, event.data.receivedAt);
}

/**
 * Money a fund of a ledger elsewhere sent, booked from its signed note (R16): like a received
 * transfer, it enters the pool named by the note with the purpose it left with. The note's
 * campaign is the sending ledger's; notes booked before a campaign's pool was renamed at the
 * receiver entered `campaign:<id>`, and stay that pool's campaign's.
 */
export function evolveInflowsByNote(inflows: Inflows, event: TransferNoteImported): Inflows {
  return arrive(inflows, event.data, campaignOfMovement(null, event.data.receivedRestrictionId), event.data.importedAt);
}

/** Money that arrives from another fund: its pool, created with the purpose it left with, grows by its amount, for the receiver's campaign it was taken in for. */
function arrive(inflows: Inflows, d: (TransferReceived | TransferNoteImported)['data'], campaignId: string | null, arrivedAt: string): Inflows {
  if (d.receivedRestrictionId !== null && !inflows.restrictions.has(d.receivedRestrictionId)) {
    inflows.restrictions.set(d.receivedRestrictionId, {
      restrictionId: d.receivedRestrictionId,
      component: d.component,
      campaignId,
      purpose: d.restrictionPurpose ?? '',
      beneficiary: d.restrictionBeneficiary,
    });
  }
  const pool = poolKeyOf(d.component, d.receivedRestrictionId);
  inflows.cashByPool.set(pool, (inflows.cashByPool.get(pool) ?? ZERO).plus(d.amount));
  recordDated(inflows.datedByPool, pool, arrivedAt, new MoneyDecimal(d.amount));
  recordForCampaign(inflows, campaignId, d.component, arrivedAt, d.amount);
  return inflows;
}

function recordForCampaign(inflows: Inflows, campaignId: string | null, component: string, businessDate: string, amount: string): void {
  if (campaignId === null) return;
  recordDated(inflows.datedByCampaign, campaignId, businessDate, new MoneyDecimal(amount));
  const components = inflows.componentsByCampaign.get(campaignId) ?? new Set<string>();
  inflows.componentsByCampaign.set(campaignId, components.add(component));
}
