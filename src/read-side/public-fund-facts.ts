import { Inject, Injectable } from '@nestjs/common';
import { CAMPAIGNS_TABLE } from '../../projections/fund-register.projection';
import { DONATIONS_TABLE } from '../../projections/donation-register.projection';
import { MoneyDecimal } from '../domain/money';
import { REPORT_REGISTERS } from '../reports';
import type { SpendingFacts } from '../reports/report-facts';
import { ReadModels } from './read-models';
import { buildRegisterReport, RegisterReportFacts } from './register-report-facts';
import { registerRows } from './sql/register-rows';

/**
 * What the public site shows of a fund beyond its totals: each campaign as the `campaigns` report
 * computes it (the same figures the finance office prints), with its official bank account and
 * whether its distribution deadline was met, and the money received and distributed per day.
 * Every read is synchronous at one aligned log position (see RegisterReads.ofFund).
 */

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The registers the campaigns and the daily figures stand on: those of the reports. */
export const PUBLIC_FUND_READS = REPORT_REGISTERS;

/**
 * Where a campaign stands against its distribution deadline: `none` without one, `pending` while
 * it is still ahead, `met` when every dong received was paid out by it, `missed` otherwise (with
 * what was left undistributed on that day).
 */
export type DistributionStatus = 'none' | 'pending' | 'met' | 'missed';

export interface PublicCampaign {
  campaignId: string;
  name: string;
  kind: string;
  receiveFrom: string;
  receiveUntil: string;
  distributeUntil: string | null;
  closedAt: string | null;
  /** The account donations to this campaign arrive on: the only one a donor should send to. */
  bankAccount: string | null;
  received: string;
  inKindReceived: string;
  distributed: string;
  remaining: string;
  beneficiariesReached: number;
  distribution: { status: DistributionStatus; undistributedAtDeadline: string | null };
}

export interface PublicDay {
  /** The Vietnam calendar day, YYYY-MM-DD. */
  day: string;
  /** Cash received that day and not reversed since. */
  received: string;
  /** Paid out that day (disbursements, emergency money spent on its settlement day), less payments reversed that day. */
  distributed: string;
}

const dayOf = (ms: number) => new Date(Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** Whether a money movement belongs to the campaign asked for (every movement when none is). */
const ofCampaign = (campaignId: string | undefined) => (item: { campaignId: string | null }) => campaignId === undefined || item.campaignId === campaignId;

/**
 * Money distributed per Vietnam day, as the reports count it: a payment on its payment day and its
 * reversal on the reversal's; emergency money on the day its settlement was recorded as spent.
 */
export function distributedByDay(spending: SpendingFacts, campaignId: string | undefined): Map<string, MoneyDecimal> {
  const days = new Map<string, MoneyDecimal>();
  const add = (ms: number | null, amount: string | null, sign: 1 | -1) => {
    if (ms === null || amount === null) return;
    const day = dayOf(ms);
    const value = new MoneyDecimal(amount);
    days.set(day, (days.get(day) ?? new MoneyDecimal(0)).plus(sign === 1 ? value : value.negated()));
  };
  const mine = ofCampaign(campaignId);
  for (const payment of spending.disbursements.filter(mine)) {
    add(payment.paidAtMs, payment.amount, 1);
    if (payment.status === 'reversed' && payment.paidAtMs !== null) add(payment.reversedAtMs, payment.amount, -1);
  }
  for (const release of spending.releases.filter(mine)) {
    add(release.settledAtMs, release.spent, 1);
    add(release.settlementReversedAtMs, release.spent, -1);
  }
  return days;
}

/**
 * The answers of the last few seconds, per fund and read. At a million donations the campaigns
 * take about half a second and the fund's days three quarters (bench/tools/public-site-scale.ts),
 * and every visit of the public site asks for both: a visitor in the same few seconds as another
 * gets the same answer, which states the log position it was computed at. A caller that needs a
 * later position (?minPosition=) always gets one computed at or past it.
 */
export class RecentAnswers<T> {
  private readonly answers = new Map<string, { position: number; atMs: number; value: T }>();

  constructor(private readonly maxAgeMs: number, private readonly maxEntries = 256) {}

  /** The answer for `key` at `position` (just aligned), or a recent one at or past `minPosition`. */
  get(key: string, position: number, minPosition: number | undefined, nowMs: number, compute: () => T): { value: T; position: number } {
    const kept = this.answers.get(key);
    // At the position just aligned, the kept answer is the current one: it is current as of now.
    if (kept && kept.position === position) kept.atMs = nowMs;
    if (kept && (kept.position === position || (kept.position >= (minPosition ?? 0) && nowMs - kept.atMs < this.maxAgeMs))) {
      return { value: kept.value, position: kept.position };
    }
    const value = compute();
    this.answers.delete(key);
    this.answers.set(key, { position, atMs: nowMs, value });
    if (this.answers.size > this.maxEntries) this.answers.delete(this.answers.keys().next().value as string);
    return { value, position };
  }
}

/** How long a public answer may be given again to other visitors (see RecentAnswers). */
export const PUBLIC_ANSWER_MAX_AGE_MS = 5_000;

/** At most this many donations in one public disclosure download: a longer period is asked for in parts. */
export const PUBLIC_DISCLOSURE_MAX_ROWS = 100_000;

@Injectable()
export class PublicFundFacts {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** Every campaign of the fund at `position` (aligned by the caller), judged against `nowMs`. */
  campaigns(fundId: string, position: number, nowMs: number): PublicCampaign[] {
    const db = this.readModels.db;
    const report = buildRegisterReport(db, { fundId, report: 'campaigns', period: { fromMs: null, toMs: null } }, position);
    const extra = new Map(registerRows<{ campaign_id: string; bank_account: string | null; closed_at: string | null; distribute_until_ms: number | null }>(db,
      `SELECT campaign_id, bank_account, closed_at, distribute_until_ms FROM ${CAMPAIGNS_TABLE} WHERE fund_id = ? AND position <= ?`,
      [fundId, position]).map((row) => [row.campaign_id, row]));
    return report.rows.map((row) => {
      const campaignId = String(row.campaignId);
      const own = extra.get(campaignId);
      const deadlineMs = own?.distribute_until_ms ?? null;
      const status: DistributionStatus = deadlineMs === null ? 'none' : deadlineMs > nowMs ? 'pending' : row.distributedByDeadline === true ? 'met' : 'missed';
      return {
        campaignId, name: String(row.name), kind: String(row.kind), receiveFrom: String(row.receiveFrom), receiveUntil: String(row.receiveUntil),
        distributeUntil: row.distributeUntil === null ? null : String(row.distributeUntil), closedAt: own?.closed_at ?? null, bankAccount: own?.bank_account ?? null,
        received: String(row.received), inKindReceived: String(row.inKindReceived), distributed: String(row.distributed), remaining: String(row.remaining),
        beneficiariesReached: Number(row.beneficiariesReached),
        distribution: { status, undistributedAtDeadline: status === 'missed' ? String(row.undistributedAtDeadline) : null },
      };
    });
  }

  /** How many donations were received in the period (both ends inclusive) by `position`: one walk of the date index. */
  donationsIn(fundId: string, fromMs: number | null, toMs: number | null, position: number): number {
    const row = registerRows<{ n: number }>(this.readModels.db,
      `SELECT COUNT(*) AS n FROM ${DONATIONS_TABLE} INDEXED BY register_donations_by_date
       WHERE fund_id = @fund AND received_at_ms >= @from AND received_at_ms <= @to AND position <= @at`,
      [{ fund: fundId, from: fromMs ?? Number.MIN_SAFE_INTEGER, to: toMs ?? Number.MAX_SAFE_INTEGER, at: position }]);
    return row[0]?.n ?? 0;
  }

  /** Whether the campaign existed at `position`. */
  campaignKnown(fundId: string, campaignId: string, position: number): boolean {
    return registerRows(this.readModels.db, `SELECT 1 AS known FROM ${CAMPAIGNS_TABLE} WHERE fund_id = ? AND campaign_id = ? AND position <= ?`,
      [fundId, campaignId, position]).length > 0;
  }

  /**
   * Cash received and money distributed per Vietnam day, of the fund or one campaign, oldest day
   * first; only days when money moved. SQLite sums the donations (one walk of the reports' covering
   * index), so a million donations never reach JavaScript one by one.
   */
  daily(fundId: string, campaignId: string | undefined, position: number): PublicDay[] {
    const db = this.readModels.db;
    const byCampaign = campaignId === undefined ? '' : 'AND campaign_id = @campaign';
    const received = registerRows<{ day_number: number; amount: string }>(db,
      `SELECT (received_at_ms + ${VIETNAM_OFFSET_MS}) / ${DAY_MS} AS day_number, SUM(amount_vnd) AS amount
       FROM ${DONATIONS_TABLE} INDEXED BY register_donations_for_reports
       WHERE fund_id = @fund ${byCampaign} AND cash = 1 AND position <= @at AND NOT (reversed = 1 AND reversed_position <= @at)
       GROUP BY day_number`,
      [{ fund: fundId, at: position, ...(campaignId === undefined ? {} : { campaign: campaignId }) }], new Set(['amount']));
    const spending = new RegisterReportFacts(db, fundId, { fromMs: null, toMs: null }, position).spending();
    const distributed = distributedByDay(spending, campaignId);
    const days = new Map<string, { received: string; distributed: string }>();
    for (const row of received) days.set(dayOf(row.day_number * DAY_MS - VIETNAM_OFFSET_MS), { received: String(row.amount), distributed: '0' });
    for (const [day, amount] of distributed) {
      if (amount.isZero() && !days.has(day)) continue;
      days.set(day, { received: days.get(day)?.received ?? '0', distributed: amount.toFixed(0) });
    }
    return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, figures]) => ({ day, ...figures }));
  }
}
