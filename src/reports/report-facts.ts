/**
 * The facts reports are built from, as plain data (money as decimal strings). The reader that
 * draws them from the register tables is src/read-side/register-report-facts.ts.
 *
 * Donations can number in the millions, so they never reach JavaScript one by one for a
 * figure: SQLite sums them (exact 64-bit integers, read back as BigInt) into a few lines per
 * campaign, restricted pool, revenue category and cash/in-kind, split by where the receipt and
 * the reversal fall relative to the period. Only the reports that list donors or donations read
 * groups or rows, and those are what the report prints. Spending (disbursements, emergency
 * releases) and campaigns are few and read as rows.
 */
import { MoneyDecimal } from '../domain/money';

/**
 * Donations summed by the dimensions reports use. "Before" is before the period's start (nothing
 * when the period has none); "in" is within the period, both ends included; receipts after the
 * period's end are in neither. Reversals count on their own date, whenever the gift was received.
 */
export interface DonationTotals {
  campaignId: string | null;
  restrictionId: string | null;
  revenueCategory: string;
  inManagementCostBase: boolean;
  cash: boolean;
  donations: number;
  receivedBefore: string;
  receivedIn: string;
  reversedBefore: string;
  reversedIn: string;
  /** Received in the period and not reversed (as the register stands). */
  keptReceivedIn: string;
}

/** A restricted pool as its first donation (by receivedAt, then log position) names it. */
export interface RestrictedPoolFact {
  restrictionId: string;
  purpose: string | null;
  component: string;
  campaignId: string | null;
}

/** Donations not reversed, received in the period, grouped by donor: anonymous gifts one group each. */
export interface DonorGroupFact {
  donorKind: string;
  publishedName: string;
  donations: number;
  total: string;
  /** The group's first gift, for a stable order among equal totals and names. */
  firstReceivedMs: number;
  firstPosition: number;
}

/**
 * A donation as the public disclosure lists it: published name only. `reversedAt` is set on a
 * donation received before the period whose reversal falls in it: the disclosure lists that
 * reversal, so its cash agrees with the financial report's receipts.
 */
export interface DisclosedDonationFact {
  receiptNo: string;
  receivedAt: string;
  reversedAt: string | null;
  publishedName: string;
  cash: boolean;
  amountVnd: string;
  restrictionPurpose: string | null;
  inKind: { description: string; quantity: string; unit: string } | null;
  /** A cash gift in foreign currency (R17): the amount the donor gave and the rate it was booked at; absent for VND. */
  foreign?: { currency: string; amount: string; fxRate: string };
}

/**
 * A disbursement as the registers stood at the report's position: a transition written later is
 * absent (null), and `status` is where it stood then. The builders cut it again at the period's
 * end by business date (see spendingAsOf in report-builders.ts).
 */
export interface DisbursementFact {
  disbursementId: string;
  amount: string;
  kind: string;
  status: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  purpose: string;
  beneficiary: string;
  requestedAtMs: number;
  approvedAtMs: number | null;
  rejectedAtMs: number | null;
  paidAt: string | null;
  paidAtMs: number | null;
  reversedAt: string | null;
  reversedAtMs: number | null;
  /**
   * The money of closed cash shares given back to the fund by the position (ShareMoneyReturned),
   * each on its own business date: the payment counts net of them from then. Absent: none.
   */
  returns?: ShareReturnFact[];
  /** The cash shares closed before the payment, which it left out (DisbursementPaid `withheld`): it paid amount − withheld. Absent: none. */
  withheld?: string;
  /** What its reversal gave back (PaymentReversed `givenBack`): the payment less the money given back before it. Absent: what it paid. */
  givenBack?: string;
}

/** What a payment paid: the request's amount less the shares it left out. */
export function paidAmountOf(d: DisbursementFact): MoneyDecimal {
  return new MoneyDecimal(d.amount).minus(d.withheld ?? '0');
}

/** What a payment's reversal gave back: what was still out of the fund when it was reversed. */
export function givenBackOf(d: DisbursementFact): MoneyDecimal {
  return d.givenBack === undefined ? paidAmountOf(d) : new MoneyDecimal(d.givenBack);
}

/** The money of one closed cash share of a paid request, given back to the fund. */
export interface ShareReturnFact {
  beneficiaryId: string;
  amount: string;
  returnedAt: string;
  returnedAtMs: number;
}

/** An emergency release as the registers stood at the report's position (see DisbursementFact). */
export interface ReleaseFact {
  releaseId: string;
  amount: string;
  status: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  incident: string;
  recipient: string;
  releasedAtMs: number;
  spent: string | null;
  settledAt: string | null;
  settledAtMs: number | null;
  /** The business date of the settlement's reversal: the release is outstanding again from then. */
  settlementReversedAt: string | null;
  settlementReversedAtMs: number | null;
  /** The business date of the release's cancellation: it is no longer outstanding from then. */
  cancelledAtMs: number | null;
  /**
   * Settlements made before the last one (above), each reversed, in log order: the money each
   * counted as spent on its date and back on its reversal's. Absent: the release had none.
   */
  earlierSettlements?: SettlementFact[];
}

/** A settlement of an emergency release and, if it was reversed, when. */
export interface SettlementFact {
  spent: string;
  settledAt: string;
  settledAtMs: number;
  reversedAt: string | null;
  reversedAtMs: number | null;
}

/** Every settlement of a release, the earlier ones first, the last (if any) from the release's own fields. */
export function settlementsOfRelease(release: ReleaseFact): SettlementFact[] {
  const earlier = release.earlierSettlements ?? [];
  if (release.spent === null || release.settledAt === null || release.settledAtMs === null) return [...earlier];
  return [...earlier, {
    spent: release.spent, settledAt: release.settledAt, settledAtMs: release.settledAtMs,
    reversedAt: release.settlementReversedAt, reversedAtMs: release.settlementReversedAtMs,
  }];
}

export interface CampaignFact {
  campaignId: string;
  name: string;
  kind: string;
  receiveFrom: string;
  receiveFromMs: number;
  receiveUntil: string;
  receiveUntilMs: number;
  /** When it was closed by hand (POST …/close), if it was by the position; absent: it was not. */
  closedAt?: string | null;
  closedAtMs?: number | null;
  distributeUntil: string | null;
  distributeUntilMs: number | null;
  restrictionId: string | null;
}

export interface SpendingFacts {
  disbursements: DisbursementFact[];
  releases: ReleaseFact[];
}

export interface PolicyFact {
  managementCostCapPercent: string;
}

/**
 * What the management-cost figures (R6) are computed from, up to the period's end: eligible
 * revenue per fiscal year (receipts less reversals, each in the Vietnam year of its own date),
 * management cost requested, approved or paid per fiscal year of its request, and the policy
 * versions in log order. Money as whole-dong decimal strings, years as keys.
 */
export interface ManagementCostFact {
  eligibleByYear: Record<string, string>;
  usedByYear: Record<string, string>;
  policyVersions: { effectiveFrom: string | null; managementCostWarnPercent: string; managementCostCapPercent: string }[];
}

/**
 * Money the bank statements moved that is no donation (R30), as whole-dong decimal strings:
 * interest received and bank fees charged before the period and within it, each on its own date.
 */
export interface StatementMoneyFact {
  interestBefore: string;
  interestIn: string;
  feesBefore: string;
  feesIn: string;
  /** Bank fees per Vietnam fiscal year up to the period's end: they count as management cost. */
  feesByYear: Record<string, string>;
  /** Interest per Vietnam fiscal year up to the period's end: revenue in the management-cost base (R6). */
  interestByYear: Record<string, string>;
}

/**
 * In-kind gifts and their use (R12, R18): what was received in kind, with its value at receipt,
 * by the period's end and not reversed by it; and what distributions handed out (shares whose
 * hand-over was recorded as received) by the period's end, item by item with the hand-over's
 * date and the distribution's campaign (the builders keep the period's own).
 */
export interface InKindUseFacts {
  received: { description: string; unit: string; quantity: string; valueVnd: string }[];
  handedOut: {
    disbursementId: string; campaignId: string | null; beneficiary: string; purpose: string; description: string; unit: string; quantity: string; handedOverAt: string; handedOverAtMs: number;
  }[];
}

export const NO_IN_KIND_USE: InKindUseFacts = { received: [], handedOut: [] };

/**
 * One line of a request's distribution list, the beneficiary it names, as the registers stood at
 * the report's position: when its share was received (null: not received), and when it was
 * closed as not delivered (null: not closed). The builders read both by the period's end.
 */
export interface DistributionShareFact {
  disbursementId: string;
  beneficiaryId: string;
  receivedAtMs: number | null;
  closedAtMs: number | null;
}

export const NO_STATEMENT_MONEY: StatementMoneyFact = { interestBefore: '0', interestIn: '0', feesBefore: '0', feesIn: '0', feesByYear: {}, interestByYear: {} };

/**
 * A transfer between the network's funds (R16) as the registers stood at the report's position:
 * a step written later is absent (null). `fromFundId` sent it; the report's fund is one side.
 * The builders cut it again at the period's end by business date (movementsAsOf).
 */
export interface TransferFact {
  transferId: string;
  fromFundId: string;
  toFundId: string;
  /** The name of the fund on the other side, as opened (null for a fund of a ledger elsewhere). */
  counterpartName: string | null;
  external: boolean;
  amount: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  restrictionPurpose: string | null;
  purpose: string;
  /** Where it arrived at the receiver: its component, pool and campaign (null until received). */
  receivedComponent: string | null;
  receivedRestrictionId: string | null;
  receivedCampaignId: string | null;
  requestedAtMs: number;
  /** In transit from this business date (the approval completing the policy's number). */
  sentAt: string | null;
  sentAtMs: number | null;
  /** How it ended, if it has: received, returned (both after being sent) or rejected (before). */
  closedStatus: 'received' | 'returned' | 'rejected' | null;
  closedAt: string | null;
  closedAtMs: number | null;
  /**
   * Closed by the sender's own reversal (TransferReversed) rather than by the receiver: a
   * transfer in transit reversed reads `returned`, a requested one `rejected`, as their money
   * moves; reports label the first as reversed. Absent: false.
   */
  reversed?: boolean;
}

/** Money moved between pools of one fund: a released restriction (R5) or a campaign's surplus (R19). */
export interface PoolMoveFact {
  moveId: string;
  /**
   * A suspense assignment (R14) moves late money out of a campaign's suspense pool; an
   * `assignment` moves money received as general money to one of the fund's campaigns.
   */
  kind: 'release' | 'surplus' | 'suspense' | 'assignment';
  amount: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  toComponent: string;
  toCampaignId: string | null;
  toRestrictionId: string | null;
  /** A release is held from its request until approved; a surplus moves at once. */
  requestedAtMs: number;
  movedAtMs: number | null;
  /** Goods the move carried from the pool's stock (a surplus or a release, R19, R5); absent: none. */
  items?: readonly { description: string; quantity: string; unit: string }[];
}

/** Foreign currency sold (R17): the donation's provisional VND and what the bank paid. */
export interface FxFact {
  settlementId: string;
  donationId: string;
  currency: string;
  originalAmount: string;
  provisionalVnd: string;
  settledVnd: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  settledAt: string;
  settledAtMs: number;
  /** The business date of the donation's reversal, which took the FX difference back; absent: not reversed. */
  reversedAtMs?: number;
}

/** Every movement that is neither a donation nor a payment, of one fund, as read at the position. */
export interface MovementFacts {
  /** Transfers this fund sent. */
  transfersOut: TransferFact[];
  /** Transfers other funds of this ledger sent to this fund. */
  transfersIn: TransferFact[];
  poolMoves: PoolMoveFact[];
  fx: FxFact[];
}

export const NO_MOVEMENTS: MovementFacts = { transfersOut: [], transfersIn: [], poolMoves: [], fx: [] };

/** Where reports get their facts: the registers, or anything else that answers the same. */
export interface ReportFactsSource {
  statementMoney(): StatementMoneyFact;
  managementCost(): ManagementCostFact;
  donationTotals(): DonationTotals[];
  restrictedPools(): RestrictedPoolFact[];
  donorGroups(): DonorGroupFact[];
  disclosedDonations(): DisclosedDonationFact[];
  spending(): SpendingFacts;
  campaigns(): CampaignFact[];
  policy(): PolicyFact;
  movements(): MovementFacts;
  /** Absent: nothing was handed out in kind. */
  inKindUse?(): InKindUseFacts;
  /** Absent: no request had a distribution list. */
  distributionShares?(): DistributionShareFact[];
}
