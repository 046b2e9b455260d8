import { Inject, Injectable } from '@nestjs/common';
import { CAMPAIGNS_TABLE } from '../../projections/fund-register.projection';
import { DONATIONS_TABLE } from '../../projections/donation-register.projection';
import { MOVEMENTS_TABLE } from '../../projections/movement-register.projection';
import { STATEMENT_LINES_TABLE } from '../../projections/statement-register.projection';
import { REPORT_REGISTERS } from '../reports';
import { dailyFigures, vietnamDayOf, type DayFigures } from '../reports/daily-figures';
import { ReadModels } from './read-models';
import { buildRegisterReport, RegisterReportFacts, REVERSED_OUT_OF_RECEIPTS } from './register-report-facts';
import { registerRows } from './sql/register-rows';
import { campaignOfMovement } from '../domain/spending/pools';

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
 * it is still ahead, `met` when every dong received was paid out by it, `nothing` when no money
 * had come to it by then (nothing to distribute, nothing paid), `missed` otherwise (with what was
 * left undistributed on that day).
 */
export type DistributionStatus = 'none' | 'pending' | 'met' | 'nothing' | 'missed';

/** The campaigns report's columns of money between funds and pools, each "0" where it has none. */
const MOVEMENT_FIGURES = ['transferredIn', 'transferredOut', 'inTransitOut', 'movedIn', 'movedOut', 'fxDifference'] as const;

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
  /** Gifts in kind the campaign's distributions handed out, and those it still holds, valued at receipt. */
  inKindDistributed: string;
  inKindOnHand: string;
  distributed: string;
  /**
   * Money from and to other funds and pools, as the campaigns report counts it, so that received −
   * distributed + transferredIn − transferredOut − inTransitOut + movedIn − movedOut + fxDifference
   * is what remains (unless the fund's own money paid beyond what the campaign had).
   */
  transferredIn: string;
  transferredOut: string;
  inTransitOut: string;
  movedIn: string;
  movedOut: string;
  fxDifference: string;
  remaining: string;
  /** Released in an emergency from the campaign's money and not settled yet: in `remaining` until its settlement says what was spent. */
  outstandingEmergency: string;
  beneficiariesReached: number;
  distribution: { status: DistributionStatus; undistributedAtDeadline: string | null };
}

/** A day of the public site's figures (see dailyFigures). */
export type PublicDay = DayFigures;

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

/**
 * The campaigns report says a campaign that paid nothing by its deadline did not distribute by it;
 * the public is told apart whether money was left (`missed`) or none had come (`nothing`).
 */
function distributionStatus(deadlineMs: number | null, nowMs: number, distributedByDeadline: unknown, undistributedAtDeadline: unknown): DistributionStatus {
  if (deadlineMs === null) return 'none';
  if (deadlineMs > nowMs) return 'pending';
  if (distributedByDeadline === true) return 'met';
  return String(undistributedAtDeadline) === '0' ? 'nothing' : 'missed';
}

@Injectable()
export class PublicFundFacts {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** Every campaign of the fund at `position` (aligned by the caller), judged against `nowMs`. */
  campaigns(fundId: string, position: number, nowMs: number): PublicCampaign[] {
    const db = this.readModels.db;
    const period = { fromMs: null, toMs: null };
    const facts = new RegisterReportFacts(db, fundId, period, position);
    const report = buildRegisterReport(db, { fundId, report: 'campaigns', period }, position, facts);
    const outstanding = new Map<string, bigint>();
    for (const release of facts.spending().releases) {
      const campaignId = campaignOfMovement(release.campaignId, release.restrictionId);
      if (release.status === 'open' && campaignId !== null) outstanding.set(campaignId, (outstanding.get(campaignId) ?? 0n) + BigInt(release.amount));
    }
    const extra = new Map(registerRows<{ campaign_id: string; bank_account: string | null; closed_at: string | null; distribute_until_ms: number | null }>(db,
      `SELECT campaign_id, bank_account, closed_at, distribute_until_ms FROM ${CAMPAIGNS_TABLE} WHERE fund_id = ? AND position <= ?`,
      [fundId, position]).map((row) => [row.campaign_id, row]));
    return report.rows.map((row) => {
      const campaignId = String(row.campaignId);
      const own = extra.get(campaignId);
      const deadlineMs = own?.distribute_until_ms ?? null;
      const status = distributionStatus(deadlineMs, nowMs, row.distributedByDeadline, row.undistributedAtDeadline);
      return {
        campaignId, name: String(row.name), kind: String(row.kind), receiveFrom: String(row.receiveFrom), receiveUntil: String(row.receiveUntil),
        distributeUntil: row.distributeUntil === null ? null : String(row.distributeUntil), closedAt: own?.closed_at ?? null, bankAccount: own?.bank_account ?? null,
        received: String(row.received), inKindReceived: String(row.inKindReceived),
        inKindDistributed: String(row.inKindDistributed), inKindOnHand: String(row.inKindOnHand), distributed: String(row.distributed),
        ...Object.fromEntries(MOVEMENT_FIGURES.map((key) => [key, row[key] === undefined ? '0' : String(row[key])])) as Record<typeof MOVEMENT_FIGURES[number], string>,
        remaining: String(row.remaining),
        outstandingEmergency: String(outstanding.get(campaignId) ?? 0n),
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
   * Money per Vietnam day, of the fund or one campaign, oldest day first; only days when money
   * moved (see dailyFigures: each transfer once, and a closing that is the reports' own). SQLite
   * sums the donations, interest and fees per day (one walk of the reports' covering index), so a
   * million donations never reach JavaScript one by one.
   */
  daily(fundId: string, campaignId: string | undefined, position: number): PublicDay[] {
    const db = this.readModels.db;
    const named = { fund: fundId, at: position, ...(campaignId === undefined ? {} : { campaign: campaignId }) };
    const byCampaign = campaignId === undefined ? '' : 'AND campaign_id = @campaign';
    const dayNumber = (column: string) => `(${column} + ${VIETNAM_OFFSET_MS}) / ${DAY_MS}`;
    const perDay = (rows: { day_number: number; amount: string }[]) => {
      const days = new Map<string, string>();
      for (const row of rows) {
        const day = vietnamDayOf(row.day_number * DAY_MS);
        days.set(day, String(BigInt(days.get(day) ?? '0') + BigInt(row.amount)));
      }
      return days;
    };
    const reversedBy = 'reversed = 1 AND reversed_position <= @at';
    // One walk of the covering index: every gift on its day, and those not reversed since (the chart's bars).
    const received = registerRows<{ day_number: number; amount: string; kept: string }>(db,
      `SELECT ${dayNumber('received_at_ms')} AS day_number, SUM(amount_vnd) AS amount, SUM(CASE WHEN ${reversedBy} THEN 0 ELSE amount_vnd END) AS kept
       FROM ${DONATIONS_TABLE} INDEXED BY register_donations_for_reports WHERE fund_id = @fund ${byCampaign} AND cash = 1 AND position <= @at
       GROUP BY day_number`, [named], new Set(['amount', 'kept']));
    // The balance's other changes: a reversal on its own day; the fund's interest in and bank fees out (R30), and their reversals on their own day.
    // Late money (R14) assigned to the campaign and reversed afterwards was taken back from the
    // campaign on the reversal's day: by a move back (a movement, counted with the others), or,
    // reversed before reversals moved it back, out of the campaign's receipts.
    const others = registerRows<{ day_number: number; amount: string }>(db,
      `SELECT ${dayNumber('reversed_at_ms')} AS day_number, -SUM(amount_vnd) AS amount FROM ${DONATIONS_TABLE}
       WHERE fund_id = @fund AND reversed_at_ms IS NOT NULL ${byCampaign} AND cash = 1 AND position <= @at AND ${reversedBy} GROUP BY day_number
       ${campaignId !== undefined ? `UNION ALL SELECT ${dayNumber('d.reversed_at_ms')} AS day_number, -SUM(d.amount_vnd) AS amount
         FROM ${MOVEMENTS_TABLE} m JOIN ${DONATIONS_TABLE} d ON d.fund_id = m.fund_id AND d.donation_id = m.purpose
         WHERE m.fund_id = @fund AND m.kind = 'suspense' AND m.to_campaign_id = @campaign AND m.position <= @at
           AND d.cash = 1 AND d.reversed = 1 AND d.reversed_position <= @at AND d.reversed_position > m.position AND ${REVERSED_OUT_OF_RECEIPTS} GROUP BY day_number` : `UNION ALL SELECT ${dayNumber('posted_at_ms')} AS day_number, SUM(CASE WHEN kind = 'interest' THEN amount_vnd ELSE -amount_vnd END) AS amount
         FROM ${STATEMENT_LINES_TABLE} WHERE fund_id = @fund AND kind IN ('fee', 'interest') AND position <= @at GROUP BY day_number
       UNION ALL SELECT ${dayNumber('reversed_at_ms')} AS day_number, SUM(CASE WHEN kind = 'interest' THEN -amount_vnd ELSE amount_vnd END) AS amount
         FROM ${STATEMENT_LINES_TABLE} WHERE fund_id = @fund AND kind IN ('fee', 'interest') AND position <= @at
           AND reversed_position IS NOT NULL AND reversed_position <= @at GROUP BY day_number`}`, [named], new Set(['amount']));
    const facts = new RegisterReportFacts(db, fundId, { fromMs: null, toMs: null }, position);
    const ownPool = campaignId === undefined
      || registerRows<{ restriction_id: string | null }>(db, `SELECT restriction_id FROM ${CAMPAIGNS_TABLE} WHERE fund_id = ? AND campaign_id = ?`, [fundId, campaignId])[0]?.restriction_id != null;
    return dailyFigures({
      keptReceived: perDay(received.map((row) => ({ day_number: row.day_number, amount: row.kept }))),
      otherChanges: perDay([...received, ...others]), spending: facts.spending(), movements: facts.movements(), campaignId, clampAtZero: !ownPool,
    });
  }
}
