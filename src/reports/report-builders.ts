/**
 * Reports as pure functions of their facts and the period: no store, no SQLite, no clock.
 * Money is decimal.js throughout and leaves as whole-dong decimal strings.
 *
 * Figures use business dates: receivedAt for donations, paidAt for payments, the settlement for
 * emergency money; a reversal counts on its own date. "Up to the end of the period" is what was
 * received before it started plus what was received in it. Every report stands at its period's
 * end: a request, payment, rejection, reversal or settlement dated after it has not happened yet
 * (spendingAsOf), as the balance at that date counts it.
 */
import { REVENUE_CATEGORIES } from '../domain/donation/donation.events';
import { amountAtScale, amountString, formatDecimalVietnamese, MoneyDecimal, vnd } from '../domain/money';
import { DISBURSEMENT_KINDS } from '../domain/spending/spending.events';
import { fiscalYearOf, vietnamDateOf, vietnamTimestampOf } from '../domain/shared/calendar';
import { managementCostFacts, managementCostFigures, type ManagementCostFigures } from '../domain/spending/management-cost';
import { campaignOfMovement, isSuspenseRestriction, readablePurpose } from '../domain/spending/pools';
import { stockKeyOf } from '../domain/spending/stock';
import {
  campaignFilter, FUND_FILTER, hasMovements, movementsAsOf, movementSums, poolFilter, releasesHeld, transferPositions,
} from './movement-figures';
import {
  type DistributionShareFact, givenBackOf, type InKindUseFacts, NO_IN_KIND_USE, NO_MOVEMENTS, NO_STATEMENT_MONEY, type MovementFacts, paidAmountOf, settlementsOfRelease, type StatementMoneyFact,
} from './report-facts';
import type {
  CampaignFact, DisbursementFact, DisclosedDonationFact, DonationTotals, DonorGroupFact, ManagementCostFact, PolicyFact, ReleaseFact, RestrictedPoolFact,
  PoolMoveFact, SpendingFacts,
} from './report-facts';
import { FINANCIAL_LINE_LABELS, RETURNED_SHARE_NOTE } from './report-labels';
import type { ReportParts, ReportPeriod, ReportRow } from './report-model';

const DAY_MS = 24 * 60 * 60 * 1000;
const ZERO = new MoneyDecimal(0);

const sum = (values: Iterable<string | MoneyDecimal>): MoneyDecimal => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};
/** Sum of many whole-dong decimal strings (a disclosure lists every donation): exact BigInt addition, then decimal.js. */
const sumWholeVnd = (values: readonly string[]): MoneyDecimal => {
  let total = 0n;
  for (const value of values) total += BigInt(value);
  return new MoneyDecimal(total.toString());
};
/** A report figure in whole VND: every one is a sum of whole-dong amounts, so a fraction throws rather than being rounded. */
const money = (value: MoneyDecimal): string => amountString(vnd(value));
const inPeriod = (ms: number | null, { fromMs, toMs }: ReportPeriod): boolean => ms !== null && (fromMs === null || ms >= fromMs) && (toMs === null || ms <= toMs);
const upToEnd = (period: ReportPeriod): ReportPeriod => ({ fromMs: null, toMs: period.toMs });
const beforeStart = (period: ReportPeriod): ReportPeriod | null => (period.fromMs === null ? null : { fromMs: null, toMs: period.fromMs - 1 });

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Money in and out over a span
// ---------------------------------------------------------------------------------------------

type Span = 'period' | 'upToEnd' | 'beforeStart';

/** Cash received over a span, less reversals dated in it; in-kind gifts are not cash. */
function cashReceived(totals: readonly DonationTotals[], span: Span): MoneyDecimal {
  const cash = totals.filter((t) => t.cash);
  if (span === 'period') return sum(cash.map((t) => t.receivedIn)).minus(sum(cash.map((t) => t.reversedIn)));
  if (span === 'beforeStart') return sum(cash.map((t) => t.receivedBefore)).minus(sum(cash.map((t) => t.reversedBefore)));
  return sum(cash.flatMap((t) => [t.receivedBefore, t.receivedIn])).minus(sum(cash.flatMap((t) => [t.reversedBefore, t.reversedIn])));
}

/**
 * Payments over a span, less payment reversals and closed shares' money given back dated in it,
 * plus (without a kind) emergency money spent. Money of a share not delivered that came back
 * nets the payments of its kind, as a reversal does, rather than counting as a receipt: it was
 * never aid paid out, and no donation either.
 */
function cashPaid(spending: SpendingFacts, span: ReportPeriod | null, kind?: string): MoneyDecimal {
  if (span === null) return ZERO;
  const paid = spending.disbursements.filter((d) => (kind === undefined || d.kind === kind) && d.paidAtMs !== null);
  const payments = sum(paid.filter((d) => inPeriod(d.paidAtMs, span)).map(paidAmountOf))
    .minus(sum(paid.filter((d) => d.status === 'reversed' && inPeriod(d.reversedAtMs, span)).map(givenBackOf)))
    .minus(sum(paid.flatMap((d) => d.returns ?? []).filter((r) => inPeriod(r.returnedAtMs, span)).map((r) => r.amount)));
  if (kind !== undefined) return payments;
  return payments.plus(emergencySpent(spending.releases, span));
}

/**
 * Emergency money spent over a span: settlements dated in it, less reversals of settlements dated
 * in it, every settlement of a release counted (one settled, reversed and settled again has two).
 */
function emergencySpent(releases: readonly ReleaseFact[], span: ReportPeriod): MoneyDecimal {
  const settlements = releases.flatMap(settlementsOfRelease);
  return sum(settlements.filter((s) => inPeriod(s.settledAtMs, span)).map((s) => s.spent))
    .minus(sum(settlements.filter((s) => inPeriod(s.reversedAtMs, span)).map((s) => s.spent)));
}

/** Spending split by a key (restricted pool, campaign); items without one are left out. */
function spendingBy(spending: SpendingFacts, keyOf: (item: DisbursementFact | ReleaseFact) => string | null): (key: string) => SpendingFacts {
  const disbursements = groupBy(spending.disbursements, keyOf);
  const releases = groupBy(spending.releases, keyOf);
  return (key) => ({ disbursements: disbursements.get(key) ?? [], releases: releases.get(key) ?? [] });
}

// ---------------------------------------------------------------------------------------------
// Spending as it stood at the period's end
// ---------------------------------------------------------------------------------------------

const byEnd = (ms: number | null, toMs: number | null): boolean => ms !== null && (toMs === null || ms <= toMs);

/**
 * A disbursement as it stood at `toMs` by business date, or null when it was not requested by
 * then. A step counts only when the steps before it are dated by then too (a payment of a request
 * dated later does not), as the balance at a date applies them.
 */
function disbursementAsOf(d: DisbursementFact, toMs: number | null): DisbursementFact | null {
  if (!byEnd(d.requestedAtMs, toMs)) return null;
  const approved = byEnd(d.approvedAtMs, toMs);
  const paid = byEnd(d.paidAtMs, toMs);
  const reversed = paid && byEnd(d.reversedAtMs, toMs);
  const rejected = !paid && byEnd(d.rejectedAtMs, toMs);
  const status = reversed ? 'reversed' : paid ? 'paid' : rejected ? 'rejected' : approved ? 'approved' : 'requested';
  const cut: DisbursementFact = {
    ...d, status, approvedAtMs: approved ? d.approvedAtMs : null, rejectedAtMs: rejected ? d.rejectedAtMs : null,
    paidAt: paid ? d.paidAt : null, paidAtMs: paid ? d.paidAtMs : null, reversedAt: reversed ? d.reversedAt : null, reversedAtMs: reversed ? d.reversedAtMs : null,
  };
  // Money of closed shares given back counts from its own date, and only once the payment does.
  const returns = paid ? (d.returns ?? []).filter((r) => byEnd(r.returnedAtMs, toMs)) : [];
  if (returns.length > 0) cut.returns = returns;
  else delete cut.returns;
  return cut;
}

/**
 * A release as it stood at `toMs`: cancelled, settled, or open (also again, after its settlement
 * was reversed: the settlement still counts as spent on its date, and its reversal on its own).
 * Its settlements dated by then are kept, the last as its own, whatever it became after them: a
 * release settled, reversed and then settled again or cancelled spent money in between.
 */
function releaseAsOf(r: ReleaseFact, toMs: number | null): ReleaseFact | null {
  if (!byEnd(r.releasedAtMs, toMs)) return null;
  const settlements = settlementsOfRelease(r).filter((s) => byEnd(s.settledAtMs, toMs))
    .map((s) => (byEnd(s.reversedAtMs, toMs) ? s : { ...s, reversedAt: null, reversedAtMs: null }));
  const last = settlements.length === 0 ? null : settlements[settlements.length - 1];
  const cancelled = byEnd(r.cancelledAtMs, toMs);
  const { earlierSettlements: _asRead, ...release } = r;
  return {
    ...release, status: cancelled ? 'cancelled' : last !== null && last.reversedAtMs === null ? 'settled' : 'open',
    spent: last?.spent ?? null, settledAt: last?.settledAt ?? null, settledAtMs: last?.settledAtMs ?? null,
    settlementReversedAt: last?.reversedAt ?? null, settlementReversedAtMs: last?.reversedAtMs ?? null, cancelledAtMs: cancelled ? r.cancelledAtMs : null,
    ...(settlements.length > 1 ? { earlierSettlements: settlements.slice(0, -1) } : {}),
  };
}

/** Spending as it stood at the period's end: what was not requested or released by then left out. */
export function spendingAsOf(spending: SpendingFacts, toMs: number | null): SpendingFacts {
  return {
    disbursements: spending.disbursements.map((d) => disbursementAsOf(d, toMs)).filter((d): d is DisbursementFact => d !== null),
    releases: spending.releases.map((r) => releaseAsOf(r, toMs)).filter((r): r is ReleaseFact => r !== null),
  };
}

// ---------------------------------------------------------------------------------------------
// designations
// ---------------------------------------------------------------------------------------------

export interface DesignationsFacts {
  donationTotals: DonationTotals[];
  restrictedPools: RestrictedPoolFact[];
  spending: SpendingFacts;
  campaigns: CampaignFact[];
  /** Transfers, moves and FX settlements; absent: none. */
  movements?: MovementFacts;
}

/**
 * Every restricted pool up to the end of the period: received, paid, held, outstanding emergency
 * money, available; with the transfers, moves and FX differences of a fund that has any.
 */
export function designationsReport(facts: DesignationsFacts, period: ReportPeriod): ReportParts {
  const totals = groupBy(facts.donationTotals, (t) => t.restrictionId);
  const asOfEnd = spendingAsOf(facts.spending, period.toMs);
  const spendingOf = spendingBy(asOfEnd, (item) => item.restrictionId);
  const movementsRead = facts.movements ?? NO_MOVEMENTS;
  const withMovements = hasMovements(movementsRead);
  const movements = movementsAsOf(movementsRead, period.toMs);
  const pools = restrictedPoolsAtEnd(facts.restrictedPools, asOfEnd, movements);
  const campaignName = (campaignId: string) => facts.campaigns.find((c) => c.campaignId === campaignId)?.name;
  // A pool's campaign by its name beside its code, as the campaigns report has them, once a pool
  // names one: a report whose pools name no campaign keeps the columns, and sha256, it had.
  const withCampaigns = pools.some((pool) => pool.campaignId !== null);
  const rows = pools.map((pool) => {
    const { restrictionId } = pool;
    const spending = spendingOf(restrictionId);
    const received = cashReceived(totals.get(restrictionId) ?? [], 'upToEnd');
    const disbursed = cashPaid(spending, upToEnd(period));
    const filter = poolFilter(restrictionId);
    const moved = movementSums(movements, upToEnd(period), filter);
    const positions = transferPositions(movements, filter);
    const held = sum(spending.disbursements.filter((d) => d.status === 'requested' || d.status === 'approved').map((d) => d.amount))
      .plus(positions.held).plus(releasesHeld(movements, restrictionId));
    const outstanding = sum(spending.releases.filter((r) => r.status === 'open').map((r) => r.amount));
    const fx = moved.fxGain.minus(moved.fxLoss);
    const transferredOut = moved.arrivedThere;
    const available = received.plus(moved.receivedHere).plus(moved.movedIn).plus(fx).minus(disbursed).minus(held).minus(outstanding)
      .minus(positions.inTransitOut).minus(transferredOut).minus(moved.movedOut);
    return {
      restrictionId,
      // Disaster money is restricted to its campaign without a stated purpose: the campaign names it.
      purpose: readablePurpose(pool.purpose, campaignName) ?? facts.campaigns.find((c) => c.restrictionId === restrictionId)?.name ?? null,
      component: pool.component, campaignId: pool.campaignId,
      ...(withCampaigns ? { campaignName: pool.campaignId === null ? null : campaignName(pool.campaignId) ?? null } : {}),
      received: money(received), disbursed: money(disbursed), held: money(held), outstandingEmergency: money(outstanding),
      ...(withMovements ? {
        transferredIn: money(moved.receivedHere), inTransitOut: money(positions.inTransitOut), transferredOut: money(transferredOut),
        movedIn: money(moved.movedIn), movedOut: money(moved.movedOut), fxDifference: money(fx),
      } : {}),
      available: money(available),
    };
  });
  return {
    columns: [
      { key: 'restrictionId', heading: 'Mã khoản hạn chế' }, { key: 'purpose', heading: 'Mục đích' }, { key: 'component', heading: 'Quỹ thành phần' },
      ...(withCampaigns ? CAMPAIGN_COLUMNS : [{ key: 'campaignId', heading: 'Đợt vận động' }]),
      { key: 'received', heading: 'Đã nhận', money: true }, { key: 'disbursed', heading: 'Đã chi', money: true },
      { key: 'held', heading: 'Đang chờ chi', money: true }, { key: 'outstandingEmergency', heading: 'Tạm ứng khẩn cấp chưa quyết toán', money: true },
      ...(withMovements ? MOVEMENT_COLUMNS : []),
      { key: 'available', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: { available: money(sum(rows.map((r) => r.available))) },
  };
}

/** A campaign's code and name, headed as the campaigns report heads them. */
const CAMPAIGN_COLUMNS = [{ key: 'campaignId', heading: 'Mã đợt vận động' }, { key: 'campaignName', heading: 'Tên đợt vận động' }];

/** Money from another fund: a pool's and a campaign's column alike. */
const TRANSFERRED_IN_COLUMN = { key: 'transferredIn', heading: 'Nhận chuyển từ quỹ khác', money: true };

/** Money that moved inside the fund, and the FX difference: a pool's and a campaign's columns alike. */
const INSIDE_FUND_COLUMNS = [
  { key: 'movedIn', heading: 'Chuyển đến từ nguồn khác trong quỹ', money: true },
  { key: 'movedOut', heading: 'Chuyển sang nguồn khác trong quỹ', money: true },
  { key: 'fxDifference', heading: 'Chênh lệch tỷ giá', money: true },
];

/** The columns of a pool's movements, shown once the fund has any. */
const MOVEMENT_COLUMNS = [
  TRANSFERRED_IN_COLUMN,
  { key: 'inTransitOut', heading: 'Đã chuyển đi, đang trên đường', money: true },
  { key: 'transferredOut', heading: 'Đã chuyển đi, quỹ nhận đã nhận', money: true },
  ...INSIDE_FUND_COLUMNS,
];

/**
 * The restricted pools that existed by the period's end, in order of restriction id: those that
 * had received a donation, and those drawn on by then (a backdated entry may draw on a pool before
 * its first donation is dated), named by their first spending, as the balance at that date has them.
 */
function restrictedPoolsAtEnd(received: readonly RestrictedPoolFact[], spending: SpendingFacts, movements: MovementFacts = NO_MOVEMENTS): RestrictedPoolFact[] {
  const pools = new Map(received.map((pool) => [pool.restrictionId, pool]));
  // Money received from another fund, or moved here as a surplus, makes a pool of its own.
  for (const t of movements.transfersIn) {
    if (t.receivedRestrictionId === null || pools.has(t.receivedRestrictionId)) continue;
    pools.set(t.receivedRestrictionId, { restrictionId: t.receivedRestrictionId, purpose: t.restrictionPurpose, component: t.receivedComponent ?? t.component, campaignId: t.receivedCampaignId });
  }
  for (const m of movements.poolMoves) {
    if (m.kind === 'release' || m.movedAtMs === null || m.toRestrictionId === null || pools.has(m.toRestrictionId)) continue;
    pools.set(m.toRestrictionId, { restrictionId: m.toRestrictionId, purpose: null, component: m.toComponent, campaignId: m.toCampaignId });
  }
  for (const item of [...spending.disbursements, ...spending.releases]) {
    if (item.restrictionId === null || pools.has(item.restrictionId)) continue;
    pools.set(item.restrictionId, { restrictionId: item.restrictionId, purpose: null, component: item.component, campaignId: item.campaignId });
  }
  return [...pools.values()].sort((a, b) => (a.restrictionId < b.restrictionId ? -1 : a.restrictionId > b.restrictionId ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// campaigns
// ---------------------------------------------------------------------------------------------

export interface CampaignsFacts {
  donationTotals: DonationTotals[];
  spending: SpendingFacts;
  campaigns: CampaignFact[];
  /** Transfers, moves and FX settlements; absent: none. */
  movements?: MovementFacts;
  /** In-kind gifts handed out (R12, R18); absent: nothing was. */
  inKindUse?: InKindUseFacts;
  /** The lines of every distribution list, with their shares' hand-overs; absent: no request had a list. */
  distributionShares?: DistributionShareFact[];
}

/**
 * Whom a campaign's aid reached by the period's end, each once: the households, persons and
 * organisations its paid distribution lists name (a share closed as not delivered by then reached
 * nobody), and those who received a share of a list whose payment was reversed or is still to
 * come (goods handed over stay received, R18); the beneficiary of a paid request without a list;
 * the recipient of a settled emergency release. A beneficiary named on two lists is one; a request
 * without a list and a release are counted by the name they give.
 */
function peopleReached(spending: SpendingFacts, sharesOf: ReadonlyMap<string, readonly DistributionShareFact[]>, toMs: number | null): number {
  const byEnd = (ms: number | null) => ms !== null && (toMs === null || ms <= toMs);
  const reached = new Set<string>();
  for (const d of spending.disbursements) {
    const shares = sharesOf.get(d.disbursementId);
    if (shares === undefined) {
      if (d.status === 'paid') reached.add(`name:${d.beneficiary}`);
      continue;
    }
    for (const share of shares) {
      if (byEnd(share.receivedAtMs) || (d.status === 'paid' && !byEnd(share.closedAtMs))) reached.add(`beneficiary:${share.beneficiaryId}`);
    }
  }
  for (const r of spending.releases) if (r.status === 'settled') reached.add(`name:${r.recipient}`);
  return reached.size;
}

/**
 * A campaign's gifts in kind, valued at receipt as the disclosure values them (inKindUsedRows):
 * received in the period and kept; handed out in the period by the campaign's distributions; and
 * still held at the period's end, what it received by then less what it handed out by then (never
 * less than nothing: a campaign's distribution may hand out the fund's stock as well as its own),
 * less the goods a surplus or a release moved out of it by then and plus those moved into it.
 */
function campaignInKind(inKindUse: InKindUseFacts, donations: readonly DonationTotals[], campaignId: string, period: ReportPeriod, movements: MovementFacts) {
  const own: InKindUseFacts = { received: inKindUse.received, handedOut: inKindUse.handedOut.filter((item) => item.campaignId === campaignId) };
  const handedOut = (span: ReportPeriod) => sum(inKindUsedRows(own, span).map((row) => String(row.inKindValue)));
  const inKind = donations.filter((t) => !t.cash);
  const receivedByEnd = sum(inKind.flatMap((t) => [t.receivedBefore, t.receivedIn])).minus(sum(inKind.flatMap((t) => [t.reversedBefore, t.reversedIn])));
  const moved = movements.poolMoves.filter((m) => m.items !== undefined && inPeriod(m.movedAtMs, upToEnd(period)));
  const movedValue = (moves: readonly PoolMoveFact[]) => sum(moves.flatMap((m) => (m.items ?? []).map((item) => String(inKindValueAtReceipt(inKindUse, item)))));
  const movedIn = movedValue(moved.filter((m) => m.toCampaignId === campaignId && m.campaignId !== campaignId));
  const movedOut = movedValue(moved.filter((m) => m.campaignId === campaignId && m.toCampaignId !== campaignId));
  const onHand = receivedByEnd.minus(handedOut(upToEnd(period))).plus(movedIn).minus(movedOut);
  return {
    inKindReceived: money(sum(inKind.map((t) => t.keptReceivedIn))),
    inKindDistributed: money(handedOut(period)),
    inKindOnHand: money(onHand.isNegative() ? ZERO : onHand),
  };
}

/** Per campaign: received, in kind (received, distributed, on hand), distributed, people reached, remaining, and the Decree 93/2021 deadlines. */
export function campaignsReport(facts: CampaignsFacts, period: ReportPeriod): ReportParts {
  const totals = groupBy(facts.donationTotals, (t) => t.campaignId);
  const asOfEnd = spendingAsOf(facts.spending, period.toMs);
  const spendingOf = spendingBy(asOfEnd, (item) => item.campaignId);
  // Money released in an emergency from a campaign's money and not settled by the period's end is
  // in `remaining` until its settlement says what was spent: said beside it, as the public page
  // says it, once the fund released any from a campaign (a report of a fund that never did keeps
  // the columns, and sha256, it had).
  const withReleases = facts.spending.releases.some((release) => campaignOfMovement(release.campaignId, release.restrictionId) !== null);
  const outstandingOf = (campaignId: string) => sum(asOfEnd.releases
    .filter((release) => release.status === 'open' && campaignOfMovement(release.campaignId, release.restrictionId) === campaignId).map((release) => release.amount));
  const sharesOf = groupBy(facts.distributionShares ?? [], (share) => share.disbursementId);
  const movementsRead = facts.movements ?? NO_MOVEMENTS;
  const withMovements = hasMovements(movementsRead);
  const movements = movementsAsOf(movementsRead, period.toMs);
  // A campaign closed by hand shows when (closedAt, null while not closed by the period's end); a
  // report with no such campaign keeps the columns, and sha256, it had.
  const withClosed = facts.campaigns.some((c) => c.closedAtMs != null);
  const closedAt = (c: CampaignFact) => (c.closedAtMs != null && (period.toMs === null || c.closedAtMs <= period.toMs) ? c.closedAt ?? null : null);
  // A campaign whose receiving begins after the period's end has nothing to report for it.
  const rows = facts.campaigns.filter((c) => period.toMs === null || c.receiveFromMs <= period.toMs).map((c) => {
    const donations = totals.get(c.campaignId) ?? [];
    const spending = spendingOf(c.campaignId);
    const filter = campaignFilter(c.campaignId);
    // What the campaign's money gained or lost besides donations and payments, in the period and up to its end.
    const inPeriodMoved = movementSums(movements, period, filter);
    const upToEndMoved = movementSums(movements, upToEnd(period), filter);
    const netMovement = (m: ReturnType<typeof movementSums>) =>
      m.receivedHere.plus(m.movedIn).plus(m.fxGain).minus(m.fxLoss).minus(m.sent).plus(m.returned).plus(m.reversed).minus(m.movedOut);
    const disaster = c.kind === 'disaster';
    return {
      campaignId: c.campaignId, name: c.name, kind: c.kind, receiveFrom: c.receiveFrom, receiveUntil: c.receiveUntil,
      ...(withClosed ? { closedAt: closedAt(c) } : {}), distributeUntil: c.distributeUntil,
      received: money(cashReceived(donations, 'period')),
      ...campaignInKind(facts.inKindUse ?? NO_IN_KIND_USE, donations, c.campaignId, period, movementsRead),
      distributed: money(cashPaid(spending, period)), beneficiariesReached: peopleReached(spending, sharesOf, period.toMs),
      ...(withMovements ? {
        // As the balance and the designations count them: in transit until the other fund receives it, then transferred out.
        transferredIn: money(inPeriodMoved.receivedHere), transferredOut: money(inPeriodMoved.arrivedThere),
        inTransitOut: money(transferPositions(movements, filter).inTransitOut),
        movedIn: money(inPeriodMoved.movedIn), movedOut: money(inPeriodMoved.movedOut), fxDifference: money(inPeriodMoved.fxGain.minus(inPeriodMoved.fxLoss)),
      } : {}),
      remaining: money(remainingOf(c, cashReceived(donations, 'upToEnd').minus(cashPaid(spending, upToEnd(period))).plus(netMovement(upToEndMoved)))),
      ...(withReleases ? { outstandingEmergency: money(outstandingOf(c.campaignId)) } : {}),
      // Decree 93/2021 Art. 8: receiving at most 90 days; distribution ends at most 20 days after receiving closes.
      receivingWithin90Days: disaster ? c.receiveUntilMs - c.receiveFromMs <= 90 * DAY_MS : null,
      distributionWithin20Days: disaster ? c.distributeUntilMs !== null && c.distributeUntilMs - c.receiveUntilMs <= 20 * DAY_MS : null,
      ...distributionAtDeadline(c, donations, spending, period, movements),
    };
  });
  return {
    columns: [
      { key: 'campaignId', heading: 'Mã đợt vận động' }, { key: 'name', heading: 'Tên đợt vận động' }, { key: 'kind', heading: 'Loại' },
      { key: 'receiveFrom', heading: 'Tiếp nhận từ' }, { key: 'receiveUntil', heading: 'Tiếp nhận đến' },
      ...(withClosed ? [{ key: 'closedAt', heading: 'Đã đóng tiếp nhận lúc' }] : []), { key: 'distributeUntil', heading: 'Phân phối đến' },
      { key: 'received', heading: 'Tiền đã nhận', money: true }, { key: 'inKindReceived', heading: 'Hiện vật (giá trị)', money: true },
      { key: 'inKindDistributed', heading: 'Hiện vật đã phân phối (giá trị)', money: true }, { key: 'inKindOnHand', heading: 'Hiện vật còn lại (giá trị)', money: true },
      { key: 'distributed', heading: 'Đã phân phối', money: true }, { key: 'beneficiariesReached', heading: 'Số đối tượng được hỗ trợ' },
      ...(withMovements ? CAMPAIGN_MOVEMENT_COLUMNS : []),
      { key: 'remaining', heading: 'Còn lại', money: true },
      ...(withReleases ? [{ key: 'outstandingEmergency', heading: 'Trong đó: tạm ứng khẩn cấp chưa quyết toán', money: true }] : []),
      { key: 'receivingWithin90Days', heading: 'Tiếp nhận không quá 90 ngày' },
      { key: 'distributionWithin20Days', heading: 'Phân phối không quá 20 ngày sau tiếp nhận' }, { key: 'distributedByDeadline', heading: 'Phân phối đúng hạn' },
      { key: 'undistributedAtDeadline', heading: 'Chưa phân phối khi hết hạn', money: true },
    ],
    rows,
    summary: { campaigns: rows.length },
  };
}

/**
 * A campaign's movements in the period, named as a pool's: transferred out is what the other
 * fund received in the period; what is still on its way at the period's end is in transit.
 */
const CAMPAIGN_MOVEMENT_COLUMNS = [
  TRANSFERRED_IN_COLUMN,
  { key: 'transferredOut', heading: 'Đã chuyển đi, quỹ nhận đã nhận', money: true },
  { key: 'inTransitOut', heading: 'Đã chuyển đi, đang trên đường (cuối kỳ)', money: true },
  ...INSIDE_FUND_COLUMNS,
];

/**
 * What a campaign has left. A campaign without a pool of its own (its money sits in a component's
 * unrestricted pool) may be named by spending beyond what it received, the rest coming from the
 * component's general money: it has nothing left then, never less than nothing (as its balance).
 */
function remainingOf(campaign: CampaignFact, remaining: MoneyDecimal): MoneyDecimal {
  return campaign.restrictionId === null && remaining.isNegative() ? ZERO : remaining;
}

/**
 * Decree 93/2021 Art. 8: was every dong the campaign received (up to the period's end) paid out
 * by its `distributeUntil`? True only then; a campaign that paid nothing by its deadline has not
 * distributed. Null when it has no deadline, or when the deadline falls after the period's end
 * (the question is not due yet at the end of the period), or, for a period with no end, after the
 * instant the books stood at (`booksAtMs`).
 */
function distributionAtDeadline(
  campaign: CampaignFact, donations: readonly DonationTotals[], spending: SpendingFacts, period: ReportPeriod, movements: MovementFacts = NO_MOVEMENTS,
): { distributedByDeadline: boolean | null; undistributedAtDeadline: string | null } {
  const deadline = campaign.distributeUntilMs;
  const end = period.toMs ?? period.booksAtMs ?? null;
  if (deadline === null || (end !== null && deadline > end)) return { distributedByDeadline: null, undistributedAtDeadline: null };
  const received = cashReceived(donations, 'upToEnd');
  const paidByDeadline = cashPaid(spending, { fromMs: null, toMs: deadline });
  // Money forwarded to another chapter (R16) by the deadline has left the campaign as a payment has;
  // money that arrived from one, or moved in, is the campaign's to distribute.
  const moved = movementSums(movementsAsOf(movements, deadline), { fromMs: null, toMs: deadline }, campaignFilter(campaign.campaignId));
  const forwarded = moved.sent.minus(moved.returned).minus(moved.reversed).plus(moved.movedOut);
  const undistributed = received.plus(moved.receivedHere).plus(moved.movedIn).plus(moved.fxGain).minus(moved.fxLoss).minus(paidByDeadline).minus(forwarded);
  return {
    distributedByDeadline: paidByDeadline.plus(forwarded).gt(0) && !undistributed.gt(0),
    undistributedAtDeadline: money(undistributed.isNegative() ? ZERO : undistributed),
  };
}

// ---------------------------------------------------------------------------------------------
// donors
// ---------------------------------------------------------------------------------------------

/**
 * The honour list: identified donors by total given in the period (cash and in kind), anonymous
 * gifts each on their own line so the list cannot tell that two came from one person. Order:
 * total, largest first; then name (Vietnamese collation); then the group's first gift.
 */
export function donorsReport(facts: { donorGroups: DonorGroupFact[] }): ReportParts {
  const groups = facts.donorGroups.map((g) => ({ ...g, totalDecimal: new MoneyDecimal(g.total) }));
  const collator = new Intl.Collator('vi');
  groups.sort((a, b) => b.totalDecimal.comparedTo(a.totalDecimal) || collator.compare(a.publishedName, b.publishedName)
    || a.firstReceivedMs - b.firstReceivedMs || a.firstPosition - b.firstPosition);
  const rows = groups.map((g, i) => ({ rank: i + 1, donorName: g.publishedName, kind: g.donorKind, donations: g.donations, total: money(g.totalDecimal) }));
  return {
    columns: [
      { key: 'rank', heading: 'Hạng' }, { key: 'donorName', heading: 'Nhà hảo tâm' }, { key: 'kind', heading: 'Loại' },
      { key: 'donations', heading: 'Số lần ủng hộ' }, { key: 'total', heading: 'Tổng giá trị', money: true },
    ],
    rows,
    summary: { donors: rows.length, total: money(sum(groups.map((g) => g.totalDecimal))) },
  };
}

// ---------------------------------------------------------------------------------------------
// disclosure
// ---------------------------------------------------------------------------------------------

export interface DisclosureFacts extends DesignationsFacts {
  disclosedDonations: DisclosedDonationFact[];
  /** Absent: nothing was handed out in kind. */
  inKindUse?: InKindUseFacts;
}

/**
 * In-kind gifts used (R12, R18): each distribution's items handed over in the period, one line per
 * distribution and item, with the quantity and its value at receipt. An item's value at receipt
 * is the average of its donations in kind (their recorded VND value over the quantity received,
 * by the period's end), rounded to the đồng per line; an item no donation brought in is valued 0.
 * The item is named as its first donation named it (as the stock does); the line's date is its
 * last hand-over in the period.
 */
/** A quantity of an item at its value at receipt, as inKindUsedRows values it: the average of its donations in kind, to the đồng. */
function inKindValueAtReceipt(facts: InKindUseFacts, item: { description: string; quantity: string; unit: string }): MoneyDecimal {
  const key = stockKeyOf(item.description, item.unit);
  let quantity = ZERO;
  let value = ZERO;
  for (const received of facts.received) {
    if (stockKeyOf(received.description, received.unit) !== key) continue;
    quantity = quantity.plus(received.quantity);
    value = value.plus(received.valueVnd);
  }
  return quantity.isZero() ? ZERO : new MoneyDecimal(item.quantity).times(value).dividedBy(quantity).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP);
}

export function inKindUsedRows(facts: InKindUseFacts, period: ReportPeriod): ReportRow[] {
  const received = new Map<string, { description: string; unit: string; quantity: MoneyDecimal; value: MoneyDecimal }>();
  for (const item of facts.received) {
    const key = stockKeyOf(item.description, item.unit);
    const held = received.get(key) ?? { description: item.description, unit: item.unit, quantity: ZERO, value: ZERO };
    received.set(key, { ...held, quantity: held.quantity.plus(item.quantity), value: held.value.plus(item.valueVnd) });
  }
  const lines = new Map<string, { disbursementId: string; beneficiary: string; purpose: string; description: string; unit: string; quantity: MoneyDecimal; date: string; dateMs: number; key: string }>();
  for (const item of facts.handedOut) {
    if (!inPeriod(item.handedOverAtMs, period)) continue;
    const key = stockKeyOf(item.description, item.unit);
    const lineKey = `${item.disbursementId}\u0000${key}`;
    const line = lines.get(lineKey);
    if (!line) {
      lines.set(lineKey, { ...item, quantity: new MoneyDecimal(item.quantity), date: item.handedOverAt, dateMs: item.handedOverAtMs, key });
      continue;
    }
    line.quantity = line.quantity.plus(item.quantity);
    if (item.handedOverAtMs > line.dateMs) Object.assign(line, { date: item.handedOverAt, dateMs: item.handedOverAtMs });
  }
  return [...lines.values()]
    .sort((a, b) => a.dateMs - b.dateMs || a.disbursementId.localeCompare(b.disbursementId) || a.key.localeCompare(b.key))
    .map((line) => {
      const stock = received.get(line.key);
      const value = stock === undefined || stock.quantity.isZero() ? ZERO
        : line.quantity.times(stock.value).dividedBy(stock.quantity).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP);
      return {
        section: 'in-kind-used', date: line.date, reference: line.disbursementId, name: line.beneficiary,
        description: `${stock?.description ?? line.description} (${formatDecimalVietnamese(line.quantity.toFixed())} ${stock?.unit ?? line.unit})`, cash: '0', inKindValue: money(value), used: null, remaining: null,
      };
    });
}

/**
 * The result of use of one restricted pool (Decree 93/2019 Art. 38(4)), from its designations row,
 * so that a reader's sum holds: remaining = amount − used. The amount is what the pool was given
 * (donations, money received from other funds or moved in, FX differences); used is what left it
 * (paid, settled emergency money, sent to another fund or moved out); requests not yet paid and
 * emergency money not yet settled are not used yet, so they are in the remaining.
 */
function resultOfUse(r: ReportRow): ReportRow {
  const figure = (key: string) => new MoneyDecimal(r[key] === undefined || r[key] === null ? '0' : String(r[key]));
  // Late money assigned out of a suspense pool (R14) was given to the pool it was assigned to,
  // which counts it as moved in: the suspense pool keeps as given only what it still holds, or
  // the money would be counted twice.
  const assignedOut = isSuspenseRestriction(String(r.restrictionId)) ? figure('movedOut') : ZERO;
  const amount = figure('received').plus(figure('transferredIn')).plus(figure('movedIn')).plus(figure('fxDifference')).minus(assignedOut);
  const used = figure('disbursed').plus(figure('transferredOut')).plus(figure('inTransitOut')).plus(figure('movedOut')).minus(assignedOut);
  return {
    section: 'result', date: null, reference: String(r.restrictionId), name: null, description: r.purpose === null ? null : String(r.purpose),
    cash: money(amount), inKindValue: '0', used: money(used), remaining: money(amount.minus(used)),
  };
}

/**
 * A gift in foreign currency is disclosed in the currency the donor gave, beside the VND it was
 * booked at (R17; the Accounting Law records both): "100,00 USD, tỷ giá 25.400,5".
 */
function withForeignAmount(purpose: string | null, foreign: DisclosedDonationFact['foreign']): string | null {
  if (foreign === undefined) return purpose;
  const given = foreignGiven(foreign);
  return purpose === null ? given : `${purpose} (${given})`;
}

/** A gift in foreign currency as the donor gave it (R17): `1.000,50 USD, tỷ giá 25.400,5`. */
function foreignGiven(foreign: NonNullable<DisclosedDonationFact['foreign']>): string {
  return `${formatDecimalVietnamese(amountAtScale(foreign.amount, foreign.currency))} ${foreign.currency}, tỷ giá ${formatDecimalVietnamese(foreign.fxRate)}`;
}

/** Goods given, written the Vietnamese way (R31), with the currency and rate they were valued in when not VND: `Áo (1.500 cái; 10,00 USD, tỷ giá 25.000)`. */
function goodsGiven(inKind: NonNullable<DisclosedDonationFact['inKind']>, foreign: DisclosedDonationFact['foreign']): string {
  const valued = foreign === undefined ? '' : `; ${foreignGiven(foreign)}`;
  return `${inKind.description} (${formatDecimalVietnamese(inKind.quantity)} ${inKind.unit}${valued})`;
}

/**
 * Decree 93/2019 Art. 38(4): donors with published names, in-kind and value, recipients, result
 * of use per restricted contribution. The period's donations and payments are listed as they stood
 * at its end; a reversal dated in the period of a donation or payment made before it is listed as
 * a negative line, so the totals agree with the financial report's receipts and payments.
 */
export function disclosureReport(facts: DisclosureFacts, period: ReportPeriod): ReportParts {
  const donations = facts.disclosedDonations.map((d) => {
    const amount = d.reversedAt === null ? d.amountVnd : `-${d.amountVnd}`;
    return {
      section: d.reversedAt === null ? 'donation' : 'donation-reversal', date: (d.reversedAt ?? d.receivedAt) as string | null, reference: d.receiptNo,
      name: d.publishedName as string | null,
      description: d.inKind === null ? withForeignAmount(d.restrictionPurpose, d.foreign) : goodsGiven(d.inKind, d.foreign),
      cash: d.cash ? amount : '0', inKindValue: d.cash ? '0' : amount, used: null as string | null, remaining: null as string | null,
    };
  });
  const spending = spendingAsOf(facts.spending, period.toMs);
  const recipient = (section: string, date: string, reference: string, name: string, description: string, cash: string) => ({
    section, date, reference, name: name as string | null, description: description as string | null, cash, inKindValue: '0',
    used: null as string | null, remaining: null as string | null,
  });
  const recipients = [
    ...spending.disbursements.filter((d) => d.status === 'paid' && inPeriod(d.paidAtMs, period))
      .map((d) => recipient('recipient', d.paidAt as string, d.disbursementId, d.beneficiary, d.purpose, paidAmountOf(d).toFixed())),
    ...spending.releases.filter((r) => r.status === 'settled' && inPeriod(r.settledAtMs, period))
      .map((r) => recipient('recipient', r.settledAt as string, r.releaseId, r.recipient, r.incident, r.spent ?? '0')),
  ].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.reference.localeCompare(b.reference));
  const reversedPayments = [
    ...spending.disbursements.filter((d) => d.status === 'reversed' && inPeriod(d.reversedAtMs, period) && !inPeriod(d.paidAtMs, period))
      .map((d) => recipient('recipient-reversal', d.reversedAt as string, d.disbursementId, d.beneficiary, d.purpose, givenBackOf(d).negated().toFixed())),
    ...spending.releases.flatMap((r) => settlementsOfRelease(r).filter((s) => inPeriod(s.reversedAtMs, period) && !inPeriod(s.settledAtMs, period))
      .map((s) => recipient('recipient-reversal', s.reversedAt as string, r.releaseId, r.recipient, r.incident, `-${s.spent}`))),
    // A household's cash share not delivered and given back: that much of the payment reached nobody.
    // Not for a payment made and reversed within the period: like the payment and its reversal, it is listed nowhere.
    ...spending.disbursements.filter((d) => !(d.status === 'reversed' && inPeriod(d.paidAtMs, period) && inPeriod(d.reversedAtMs, period)))
      .flatMap((d) => (d.returns ?? []).filter((r) => inPeriod(r.returnedAtMs, period))
      .map((r) => recipient('recipient-reversal', r.returnedAt, d.disbursementId, d.beneficiary, `${d.purpose}: ${RETURNED_SHARE_NOTE}`, `-${r.amount}`))),
  ].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.reference.localeCompare(b.reference));
  const results = designationsReport(facts, period).rows.map(resultOfUse);
  const inKindUsed = inKindUsedRows(facts.inKindUse ?? NO_IN_KIND_USE, period);
  // One convention for every date of the file, whatever offset each was recorded with (an
  // emergency settlement's default date is the server's UTC clock): Vietnam time, +07:00.
  // The rows are this function's own: their dates are rewritten in place, not copied (a disclosure has hundreds of thousands).
  const rows: ReportRow[] = [...donations, ...recipients, ...reversedPayments, ...inKindUsed, ...results];
  for (const row of rows) if (typeof row.date === 'string') row.date = vietnamTimestampOf(row.date);
  return {
    columns: [
      { key: 'section', heading: 'Phần' }, { key: 'date', heading: 'Ngày' }, { key: 'reference', heading: 'Số chứng từ' }, { key: 'name', heading: 'Tên' },
      { key: 'description', heading: 'Nội dung' }, { key: 'cash', heading: 'Số tiền', money: true }, { key: 'inKindValue', heading: 'Giá trị hiện vật', money: true },
      { key: 'used', heading: 'Đã sử dụng', money: true }, { key: 'remaining', heading: 'Còn lại', money: true },
    ],
    rows,
    summary: {
      cashReceived: money(sumWholeVnd(donations.map((d) => d.cash))), inKindReceived: money(sumWholeVnd(donations.map((d) => d.inKindValue))),
      paidToRecipients: money(sum([...recipients, ...reversedPayments].map((r) => r.cash))),
      inKindUsed: money(sum(inKindUsed.map((r) => String(r.inKindValue)))),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// financial
// ---------------------------------------------------------------------------------------------

export interface FinancialFacts {
  donationTotals: DonationTotals[];
  spending: SpendingFacts;
  policy: PolicyFact;
  managementCost: ManagementCostFact;
  /** Interest and bank fees booked from statements; absent: none. */
  statementMoney?: StatementMoneyFact;
  /** Transfers, moves and FX settlements; absent: none. */
  movements?: MovementFacts;
}

/**
 * The management-cost working (R6) of the fiscal year the period ends in (the latest year with
 * facts when it has no end), by the same function the spending decider checks requests with: with
 * the policy in force on the period's last day, or on the day its books stood at when that came
 * first (a year not over yet, as the decider saw it then).
 */
export function managementCostOfPeriod(fact: ManagementCostFact, period: ReportPeriod): ManagementCostFigures | null {
  const known = [...Object.keys(fact.eligibleByYear), ...Object.keys(fact.usedByYear)].map(Number);
  const year = period.toMs === null ? (known.length === 0 ? null : Math.max(...known)) : fiscalYearOf(new Date(period.toMs).toISOString());
  if (year === null) return null;
  const lastDay = period.toMs === null ? `${year}-12-31` : vietnamDateOf(new Date(period.toMs).toISOString());
  // A period not ended when its books stood (booksAtMs): the year as the decider saw it that day.
  const booksDay = period.booksAtMs === undefined ? undefined : vietnamDateOf(new Date(period.booksAtMs).toISOString());
  return managementCostWorking(fact, year, booksDay !== undefined && booksDay < lastDay ? booksDay : lastDay);
}

/**
 * The working of fiscal `year` with the percentages in force on `asOfDay` (YYYY-MM-DD, Vietnam
 * time) or on the year's last day when that comes first: what GET /management-cost answers.
 * Null when no policy version was recorded (the fund was not open at the facts' position).
 */
export function managementCostWorking(fact: ManagementCostFact, year: number, asOfDay: string): ManagementCostFigures | null {
  if (fact.policyVersions.length === 0) return null;
  const byYear = (record: Record<string, string>) => new Map(Object.entries(record).map(([each, amount]) => [Number(each), new MoneyDecimal(amount)]));
  const versions = fact.policyVersions.map(({ effectiveFrom, ...policy }) => ({ effectiveFrom, policy }));
  return managementCostFigures(managementCostFacts(byYear(fact.eligibleByYear), byYear(fact.usedByYear), versions, year, asOfDay), year);
}

/** The working as flat summary cells: the report flags a year past the board's share. */
function managementCostSummary(figures: ManagementCostFigures | null): Record<string, string | number | boolean | null> {
  return {
    managementCostYear: figures?.year ?? null, managementCostYearBase: figures?.base ?? null,
    managementCostWarnPercent: figures?.warnPercent ?? null, managementCostYearCapPercent: figures?.capPercent ?? null,
    managementCostBudget: figures?.budget ?? null, managementCostCarriedForward: figures?.carriedForward ?? null,
    managementCostUsed: figures?.used ?? null, managementCostRemaining: figures?.remaining ?? null,
    managementCostLimit: figures?.limit ?? null, managementCostWarning: figures?.warning ?? false,
  };
}

const REVENUE_LABELS: Record<string, string> = {
  voluntary_contribution: 'đóng góp tự nguyện, tài trợ', service_income: 'dịch vụ và hoạt động khác', state_budget: 'ngân sách nhà nước',
  interest: 'lãi tiền gửi, trái phiếu', other: 'thu hợp pháp khác',
};
/**
 * A line of movements between chapters, pools and currencies as the JSON labels it: the
 * statement's own words (FINANCIAL_LINE_LABELS, which the XLSX prints), a receipt after "Thu: "
 * and a payment after "Chi: ", as the JSON's other receipts and payments read.
 */
function movementLineLabel(line: string): string {
  const label = FINANCIAL_LINE_LABELS[line];
  const side = line.startsWith('receipts.') ? 'Thu' : line.startsWith('payments.') ? 'Chi' : null;
  return side === null ? label : `${side}: ${label.charAt(0).toLocaleLowerCase('vi')}${label.slice(1)}`;
}
const PAYMENT_LABELS: Record<string, string> = {
  humanitarian: 'trợ giúp nhân đạo', relief: 'cứu trợ', management_cost: 'chi phí quản lý', transfer: 'chuyển quỹ cấp khác',
};

/**
 * Opening balance, receipts by revenue category (R2), payments by kind, management cost against
 * its cap, closing balance. A fund with transfers, moves or FX settlements also shows: money
 * received from other funds and transfers returned to it (receipts), transfers sent (a payment on
 * the day they went in transit), FX gains (receipts) and losses (payments), and, outside the
 * receipts and payments, what was in transit at the end each way and what moved between its pools.
 */
export function financialReport(factsAsRead: FinancialFacts, period: ReportPeriod): ReportParts {
  const facts: FinancialFacts = { ...factsAsRead, spending: spendingAsOf(factsAsRead.spending, period.toMs) };
  // Interest the bank paid is revenue of its own category; bank fees are a management cost (R30).
  const statement = facts.statementMoney ?? NO_STATEMENT_MONEY;
  const movementsRead = facts.movements ?? NO_MOVEMENTS;
  const withMovements = hasMovements(movementsRead);
  const movements = movementsAsOf(movementsRead, period.toMs);
  const moved = movementSums(movements, period, FUND_FILTER);
  const movedBefore = movementSums(movements, beforeStart(period), FUND_FILTER);
  const netBefore = movedBefore.receivedHere.plus(movedBefore.returned).plus(movedBefore.reversed).plus(movedBefore.fxGain).minus(movedBefore.sent).minus(movedBefore.fxLoss);
  const opening = period.fromMs === null
    ? ZERO
    : cashReceived(facts.donationTotals, 'beforeStart').minus(cashPaid(facts.spending, beforeStart(period))).plus(statement.interestBefore).minus(statement.feesBefore)
      .plus(netBefore);
  const receipts = REVENUE_CATEGORIES.map((category) => ({
    line: `receipts.${category}`, label: `Thu: ${REVENUE_LABELS[category]}`,
    amount: cashReceived(facts.donationTotals.filter((t) => t.revenueCategory === category), 'period').plus(category === 'interest' ? statement.interestIn : '0'),
  }));
  const payments = DISBURSEMENT_KINDS.map((kind) => ({
    line: `payments.${kind}`, label: `Chi: ${PAYMENT_LABELS[kind]}`, kind,
    amount: cashPaid(facts.spending, period, kind).plus(kind === 'management_cost' ? statement.feesIn : '0'),
  }));
  const emergency = emergencySpent(facts.spending.releases, period);
  const movementReceipts = withMovements ? [
    { line: 'receipts.transfersIn', label: movementLineLabel('receipts.transfersIn'), amount: moved.receivedHere },
    { line: 'receipts.transfersReturned', label: movementLineLabel('receipts.transfersReturned'), amount: moved.returned },
    // Its own line once the fund has reversed a transfer in transit (a fund that never did keeps the lines, and hashes, it had).
    ...(movementsRead.transfersOut.some((t) => t.reversed === true && t.closedStatus === 'returned')
      ? [{ line: 'receipts.transfersReversed', label: movementLineLabel('receipts.transfersReversed'), amount: moved.reversed }] : []),
    { line: 'receipts.fxGain', label: movementLineLabel('receipts.fxGain'), amount: moved.fxGain },
  ] : [];
  const movementPayments = withMovements ? [
    { line: 'payments.transfersOut', label: movementLineLabel('payments.transfersOut'), amount: moved.sent },
    { line: 'payments.fxLoss', label: movementLineLabel('payments.fxLoss'), amount: moved.fxLoss },
  ] : [];
  const totalReceipts = sum([...receipts, ...movementReceipts].map((r) => r.amount));
  const totalPayments = sum([...payments, ...movementPayments].map((p) => p.amount)).plus(emergency);
  const closing = opening.plus(totalReceipts).minus(totalPayments);
  const atEnd = transferPositions(movements);
  // Emergency money handed out and not settled by the period's end is no payment yet (R11: its
  // evidence comes later), so the closing balance holds it though the bank no longer does: stated
  // once the fund has released any, so the closing balance reconciles with the bank's.
  const emergencyMemo = factsAsRead.spending.releases.length > 0 ? [{
    line: 'memo.emergencyOutstanding', label: movementLineLabel('memo.emergencyOutstanding'),
    amount: sum(facts.spending.releases.filter((r) => r.status === 'open').map((r) => r.amount)),
  }] : [];
  const memo = withMovements ? [
    { line: 'memo.inTransitOut', amount: atEnd.inTransitOut },
    { line: 'memo.inTransitIn', amount: atEnd.inTransitIn },
    { line: 'memo.poolMoves', amount: sum(movements.poolMoves.filter((m) => m.movedAtMs !== null && inPeriod(m.movedAtMs, period)).map((m) => m.amount)) },
    { line: 'memo.fxProvisional', amount: moved.fxProvisional },
    { line: 'memo.fxSettled', amount: moved.fxSettled },
  ].map((m) => ({ ...m, label: movementLineLabel(m.line) })) : [];
  const rows: ReportRow[] = [
    { line: 'opening', label: 'Số dư đầu kỳ', amount: money(opening) },
    ...[...receipts, ...movementReceipts].map((r) => ({ line: r.line, label: r.label, amount: money(r.amount) })),
    { line: 'receipts.total', label: 'Tổng thu', amount: money(totalReceipts) },
    ...payments.map((p) => ({ line: p.line, label: p.label, amount: money(p.amount) })),
    { line: 'payments.emergency', label: 'Chi: cứu trợ khẩn cấp (đã quyết toán)', amount: money(emergency) },
    ...movementPayments.map((p) => ({ line: p.line, label: p.label, amount: money(p.amount) })),
    { line: 'payments.total', label: 'Tổng chi', amount: money(totalPayments) },
    { line: 'closing', label: 'Số dư cuối kỳ', amount: money(closing) },
    ...[...emergencyMemo, ...memo].map((m) => ({ line: m.line, label: m.label, amount: money(m.amount) })),
  ];
  const managementCost = payments.find((p) => p.kind === 'management_cost')?.amount ?? ZERO;
  // The period's share of the R6 base: eligible donations and the interest credited in it, less
  // what was reversed in it; never below zero (a period whose reversals exceed its receipts has none).
  const base = MoneyDecimal.max(ZERO, cashReceived(facts.donationTotals.filter((t) => t.inManagementCostBase), 'period').plus(statement.interestIn));
  const capPercent = new MoneyDecimal(facts.policy.managementCostCapPercent);
  const year = managementCostOfPeriod(facts.managementCost, period);
  return {
    columns: [{ key: 'line', heading: 'Mã chỉ tiêu' }, { key: 'label', heading: 'Chỉ tiêu' }, { key: 'amount', heading: 'Số tiền', money: true }],
    rows,
    summary: {
      managementCost: money(managementCost), managementCostBase: money(base), managementCostCapPercent: capPercent.toFixed(),
      managementCostCap: money(base.times(capPercent).dividedBy(100).toDecimalPlaces(0, MoneyDecimal.ROUND_DOWN)),
      managementCostPercent: base.isZero() ? null : managementCost.times(100).dividedBy(base).toDecimalPlaces(2, MoneyDecimal.ROUND_HALF_UP).toFixed(2),
      // The cap is the year's (R6): what earlier years left unused carries over, so the question is
      // answered by the year's working the decider checks costs against, not by the period's ratio.
      withinCap: year === null ? managementCost.times(100).lte(base.times(capPercent)) : !new MoneyDecimal(year.used).gt(year.limit),
      ...managementCostSummary(year),
    },
  };
}
