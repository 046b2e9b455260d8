/**
 * The reader of report facts: draws them from the register tables, summing donations in SQL
 * (see src/reports/report-facts.ts for the facts themselves and why they are shaped so).
 */
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CAMPAIGNS_TABLE, FUNDS_TABLE, POLICY_VERSIONS_TABLE } from '../../projections/fund-register.projection';
import { DISBURSEMENTS_TABLE, SHARE_RETURNS_TABLE } from '../../projections/disbursement-register.projection';
import { DISTRIBUTION_ITEMS_TABLE, DISTRIBUTION_LINES_TABLE, HANDOVERS_TABLE } from '../../projections/distribution-register.projection';
import { DONATIONS_TABLE } from '../../projections/donation-register.projection';
import { EMERGENCY_RELEASES_TABLE, EMERGENCY_SETTLEMENTS_TABLE } from '../../projections/emergency-register.projection';
import { MOVEMENTS_TABLE } from '../../projections/movement-register.projection';
import { STATEMENT_LINES_TABLE } from '../../projections/statement-register.projection';
import type {
  CampaignFact, DisclosedDonationFact, DistributionShareFact, DonationTotals, DonorGroupFact, FxFact, InKindUseFacts, ManagementCostFact, MovementFacts, PolicyFact, PoolMoveFact,
  ReportFactsSource, RestrictedPoolFact, SettlementFact, ShareReturnFact, SpendingFacts, StatementMoneyFact, TransferFact,
} from '../reports/report-facts';
import { reportParts } from '../reports/build-report';
import { managementCostWorking } from '../reports/report-builders';
import type { ManagementCostFigures } from '../domain/spending/management-cost';
import type { Policy } from '../domain/fund/fund.events';
import { completePolicy } from '../domain/fund/fund.policy';
import type { ReportBody, ReportDocument, ReportName, ReportPeriod } from '../reports/report-model';
import { toDocument } from '../reports/report-output';
import { BOOK_CURRENCY } from '../domain/money';
import { ReadModels } from './read-models';
import { iterateRegisterRows, registerRow, registerRows, type SqlParameter } from './sql/register-rows';

/** A share's hand-over as the log stood at @at: its latest row at or before it (the register keeps one row an event). */
const LATEST_HANDOVER = `(SELECT MAX(latest.position) FROM ${HANDOVERS_TABLE} latest
  WHERE latest.fund_id = h.fund_id AND latest.disbursement_id = h.disbursement_id AND latest.beneficiary_id = h.beneficiary_id AND latest.position <= @at)`;

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The policy a fund has when its register row is missing: the documented default cap. */
const DEFAULT_POLICY: PolicyFact = { managementCostCapPercent: '5' };

/**
 * Facts of one fund and one period, read from the register tables as they stood at log position
 * `atPosition` (the registers stand at or past it): rows written later are left out, and a
 * transition written later (a payment, a reversal, a settlement) is read as not made yet. Every
 * read is synchronous, so a caller that aligned the registers reads them all at one position.
 */

/** A fee or interest (BF-, IN-) reversed by a reversal written at or before the position. */
/**
 * Of late money assigned on (movement `m`) and reversed (donation `d`): the reversal took the gift
 * out of the assigned pool's receipts, as reversals did before they moved it back to its suspense
 * pool first (a movement row of its own, named by the reversal's id).
 */
export const REVERSED_OUT_OF_RECEIPTS = `NOT EXISTS (SELECT 1 FROM ${MOVEMENTS_TABLE} b WHERE b.fund_id = m.fund_id AND b.movement_id = d.reversal_id)`;

const REVERSED_BY_POSITION = '(reversed_position IS NOT NULL AND reversed_position <= @at)';
export class RegisterReportFacts implements ReportFactsSource {
  constructor(
    private readonly db: Database.Database,
    private readonly fundId: string,
    private readonly period: ReportPeriod,
    private readonly atPosition: number,
  ) {}

  /**
   * One pass over the fund's donations, in the order of the covering index
   * `register_donations_for_reports`, so SQLite neither looks rows up nor sorts: a quarter of a
   * second at a million donations, and constant memory. A reversal counts on its own date, and
   * only once the donation it reverses was received: the balance at a date counts it the same way.
   */
  donationTotals(): DonationTotals[] {
    const { fromMs, toMs } = this.period;
    const before = (column: string) => (fromMs === null ? '0' : `${column} < @from`);
    const within = (column: string) => [fromMs === null ? '' : `${column} >= @from`, toMs === null ? '' : `${column} <= @to`].filter(Boolean).join(' AND ') || '1';
    const byEnd = toMs === null ? '1' : 'received_at_ms <= @to';
    const reversedAt = 'reversed = 1 AND reversed_position <= @at';
    const sumWhen = (condition: string) => `SUM(CASE WHEN ${condition} THEN amount_vnd ELSE 0 END)`;
    const rows = registerRows<{
      campaign_id: string | null; restriction_id: string | null; revenue_category: string; in_management_cost_base: number; cash: number; donations: number;
      received_before: string; received_in: string; reversed_before: string; reversed_in: string; kept_received_in: string;
    }>(this.db, `SELECT campaign_id, restriction_id, revenue_category, in_management_cost_base, cash, COUNT(*) AS donations,
        ${sumWhen(before('received_at_ms'))} AS received_before,
        ${sumWhen(within('received_at_ms'))} AS received_in,
        ${sumWhen(`${reversedAt} AND ${before('reversed_at_ms')} AND ${before('received_at_ms')}`)} AS reversed_before,
        ${sumWhen(`${reversedAt} AND ${within('reversed_at_ms')} AND ${byEnd}`)} AS reversed_in,
        ${sumWhen(`NOT (${reversedAt} AND ${toMs === null ? '1' : 'reversed_at_ms <= @to'}) AND ${within('received_at_ms')}`)} AS kept_received_in
      FROM ${DONATIONS_TABLE} INDEXED BY register_donations_for_reports
      WHERE fund_id = @fund AND position <= @at
      GROUP BY campaign_id, restriction_id, revenue_category, in_management_cost_base, cash`,
    [this.bounds()], new Set(['received_before', 'received_in', 'reversed_before', 'reversed_in', 'kept_received_in']));
    return [...rows.map((r) => ({
      campaignId: r.campaign_id, restrictionId: r.restriction_id, revenueCategory: r.revenue_category,
      inManagementCostBase: r.in_management_cost_base === 1, cash: r.cash === 1, donations: r.donations,
      receivedBefore: r.received_before, receivedIn: r.received_in, reversedBefore: r.reversed_before, reversedIn: r.reversed_in,
      keptReceivedIn: r.kept_received_in,
    })), ...this.reversalsOfAssignedLateMoney()];
  }

  /**
   * Late money (R14) assigned out of its suspense pool and reversed afterwards leaves the pool it
   * was assigned to. A reversal recorded with `lateMoney` moves it back to the suspense pool first
   * (a movement row of its own, `movement_id` the reversal's id), and the sums above rightly count
   * the reversal in the suspense pool. One recorded before that took the gift back out of the
   * assigned pool's receipts: the sums above count it in the suspense pool it was received in, so
   * each such reversal is moved from that pool to the assigned one, in the same span (before the
   * period or in it), as the balance read it. A reversal written before the assignment (late money
   * returned while it waited) stays in the suspense pool.
   */
  private reversalsOfAssignedLateMoney(): DonationTotals[] {
    const { fromMs, toMs } = this.period;
    const rows = registerRows<{
      campaign_id: string | null; restriction_id: string | null; revenue_category: string; in_management_cost_base: number; cash: number;
      amount_vnd: string; received_at_ms: number; reversed_at_ms: number; to_campaign_id: string | null; to_restriction_id: string | null;
    }>(this.db, `SELECT d.campaign_id, d.restriction_id, d.revenue_category, d.in_management_cost_base, d.cash, d.amount_vnd, d.received_at_ms,
        d.reversed_at_ms, m.to_campaign_id, m.to_restriction_id
      FROM ${MOVEMENTS_TABLE} m JOIN ${DONATIONS_TABLE} d ON d.fund_id = m.fund_id AND d.donation_id = m.purpose
      WHERE m.fund_id = @fund AND m.kind = 'suspense' AND m.position <= @at
        AND d.reversed = 1 AND d.reversed_position <= @at AND d.reversed_position > m.position AND ${REVERSED_OUT_OF_RECEIPTS}`, [this.atBound()], new Set(['amount_vnd']));
    return rows.flatMap((r) => {
      const before = fromMs !== null && r.reversed_at_ms < fromMs && r.received_at_ms < fromMs;
      const inPeriod = (fromMs === null || r.reversed_at_ms >= fromMs) && (toMs === null || (r.reversed_at_ms <= toMs && r.received_at_ms <= toMs));
      if (!before && !inPeriod) return [];
      const shifted = (sign: '' | '-', campaignId: string | null, restrictionId: string | null): DonationTotals => ({
        campaignId, restrictionId, revenueCategory: r.revenue_category, inManagementCostBase: r.in_management_cost_base === 1, cash: r.cash === 1,
        donations: 0, receivedBefore: '0', receivedIn: '0', keptReceivedIn: '0',
        reversedBefore: before ? `${sign}${r.amount_vnd}` : '0', reversedIn: inPeriod ? `${sign}${r.amount_vnd}` : '0',
      });
      return [shifted('-', r.campaign_id, r.restriction_id), shifted('', r.to_campaign_id, r.to_restriction_id)];
    });
  }

  /**
   * Each restricted pool that had received a donation by the period's end (at the position), with
   * its first donation, found by one index probe per pool. (A pool drawn on before its first
   * donation is dated, a backdated entry, is listed from its spending: see designationsReport.)
   */
  restrictedPools(): RestrictedPoolFact[] {
    const byEnd = this.period.toMs === null ? '' : 'AND f.received_at_ms <= @to';
    const rows = registerRows<{ restriction_id: string; restriction_purpose: string | null; component: string; campaign_id: string | null }>(this.db,
      `SELECT p.restriction_id, d.restriction_purpose, d.component, d.campaign_id
       FROM (SELECT DISTINCT restriction_id FROM ${DONATIONS_TABLE} WHERE fund_id = @fund AND restriction_id IS NOT NULL) p
       JOIN ${DONATIONS_TABLE} d ON d.fund_id = @fund AND d.donation_id = (
         SELECT f.donation_id FROM ${DONATIONS_TABLE} f WHERE f.fund_id = @fund AND f.restriction_id = p.restriction_id AND f.position <= @at ${byEnd}
         ORDER BY f.received_at_ms, f.position LIMIT 1)`,
      [this.toBound()]);
    return rows.map((r) => ({ restrictionId: r.restriction_id, purpose: r.restriction_purpose, component: r.component, campaignId: r.campaign_id }));
  }

  /**
   * Donor groups summed in SQL: donations received in the period and not reversed by the position
   * read, whatever the reversal's date (a gift reversed after the period is no gift to honour, and
   * the list at a position stays the same however often it is asked for). With one MIN() and no
   * MAX() in the query, SQLite takes the bare `position` from the row holding the minimum: the
   * group's first gift.
   */
  donorGroups(): DonorGroupFact[] {
    const rows = registerRows<{ donor_kind: string; published_name: string; donations: number; total_vnd: string; first_received_ms: number; position: number }>(this.db,
      `SELECT donor_kind, CASE WHEN donor_kind = 'anonymous' THEN receipt_no ELSE published_name END AS donor_key, published_name,
         COUNT(*) AS donations, SUM(amount_vnd) AS total_vnd, MIN(received_at_ms) AS first_received_ms, position
       FROM ${DONATIONS_TABLE}
       WHERE ${this.receivedInPeriod()} AND NOT (reversed = 1 AND reversed_position <= @at)
       GROUP BY donor_kind, donor_key`,
      [this.bounds()]);
    return rows.map((r) => ({
      donorKind: r.donor_kind, publishedName: r.published_name, donations: r.donations, total: r.total_vnd,
      firstReceivedMs: r.first_received_ms, firstPosition: r.position,
    }));
  }

  /**
   * What the disclosure lists, in register order (receivedAt, then log position): the period's
   * donations not reversed by its end, then the reversals dated in the period of donations
   * received before it (the register's reversal index finds them).
   */
  disclosedDonations(): DisclosedDonationFact[] {
    const out: DisclosedDonationFact[] = [];
    const columns = 'receipt_no, received_at, reversed_at, published_name, cash, amount_vnd, restriction_purpose, in_kind_json, currency, amount, fx_rate';
    const kept = iterateRegisterRows<DisclosedRow>(this.db, `SELECT ${columns}
       FROM ${DONATIONS_TABLE} INDEXED BY register_donations_by_date
       WHERE ${this.receivedInPeriod()} AND ${this.keptAtEnd()}
       ORDER BY received_at_ms, position`, [this.bounds()]);
    for (const r of kept) out.push(disclosed(r, false));
    if (this.period.fromMs === null) return out;
    const within = ['reversed_at_ms >= @from', this.period.toMs === null ? '' : 'reversed_at_ms <= @to'].filter(Boolean).join(' AND ');
    const reversals = registerRows<DisclosedRow>(this.db, `SELECT ${columns}
       FROM ${DONATIONS_TABLE} INDEXED BY register_donations_by_reversal
       WHERE fund_id = @fund AND ${within} AND reversed = 1 AND reversed_position <= @at AND position <= @at AND received_at_ms < @from
       ORDER BY reversed_at_ms, position`, [this.bounds()]);
    for (const r of reversals) out.push(disclosed(r, true));
    return out;
  }

  /**
   * Donations in kind received by the period's end and kept, with their value at receipt; shares
   * handed over (received) by the period's end and the position, item by item (distribution register).
   */
  inKindUse(): InKindUseFacts {
    const received = registerRows<{ in_kind_json: string; amount_vnd: string }>(this.db,
      `SELECT in_kind_json, amount_vnd FROM ${DONATIONS_TABLE}
       WHERE fund_id = @fund AND cash = 0 AND in_kind_json IS NOT NULL AND position <= @at ${this.period.toMs === null ? '' : 'AND received_at_ms <= @to'}
         AND ${this.keptAtEnd()}`, [this.toBound()], new Set(['amount_vnd']));
    // By the period's end: the disclosure lists the period's, the campaigns report also counts what is left.
    const within = this.period.toMs === null ? '' : 'AND h.handed_over_at_ms <= @to';
    const handedOut = registerRows<{
      disbursement_id: string; campaign_id: string | null; beneficiary: string | null; purpose: string | null; description: string; unit: string; quantity: string; handed_over_at: string; handed_over_at_ms: number;
    }>(this.db,
      `SELECT h.disbursement_id, d.campaign_id, d.beneficiary, d.purpose, i.description, i.unit, i.quantity, h.handed_over_at, h.handed_over_at_ms
       FROM ${HANDOVERS_TABLE} h
       JOIN ${DISTRIBUTION_ITEMS_TABLE} i ON i.fund_id = h.fund_id AND i.disbursement_id = h.disbursement_id AND i.beneficiary_id = h.beneficiary_id
       LEFT JOIN ${DISBURSEMENTS_TABLE} d ON d.fund_id = h.fund_id AND d.disbursement_id = h.disbursement_id
       WHERE h.fund_id = @fund AND h.status = 'received' AND h.position <= @at ${within} AND h.position = ${LATEST_HANDOVER}
       ORDER BY h.handed_over_at_ms, h.disbursement_id, h.beneficiary_id, i.item_no`, [this.toBound()]);
    return {
      received: received.map((row) => {
        const item = JSON.parse(row.in_kind_json) as { description: string; quantity: string; unit: string };
        return { description: item.description, unit: item.unit, quantity: item.quantity, valueVnd: String(row.amount_vnd) };
      }),
      handedOut: handedOut.map((row) => ({
        disbursementId: row.disbursement_id, campaignId: row.campaign_id, beneficiary: row.beneficiary ?? '', purpose: row.purpose ?? '', description: row.description, unit: row.unit,
        quantity: row.quantity, handedOverAt: row.handed_over_at, handedOverAtMs: row.handed_over_at_ms,
      })),
    };
  }

  /**
   * Every line of the distribution lists written by the position, with its share's hand-over if
   * that was written by the position too: received, or closed as not delivered, on its business date.
   */
  distributionShares(): DistributionShareFact[] {
    return registerRows<{ disbursement_id: string; beneficiary_id: string; status: string | null; closed: number | null; handed_over_at_ms: number | null }>(this.db,
      `SELECT l.disbursement_id, l.beneficiary_id, h.status, h.closed, h.handed_over_at_ms
       FROM ${DISTRIBUTION_LINES_TABLE} l
       LEFT JOIN ${HANDOVERS_TABLE} h ON h.fund_id = l.fund_id AND h.disbursement_id = l.disbursement_id AND h.beneficiary_id = l.beneficiary_id
         AND h.position = ${LATEST_HANDOVER}
       WHERE l.fund_id = @fund AND l.position <= @at
       ORDER BY l.disbursement_id, l.beneficiary_id`, [this.atBound()]).map((row) => ({
      disbursementId: row.disbursement_id, beneficiaryId: row.beneficiary_id,
      receivedAtMs: row.status === 'received' ? row.handed_over_at_ms : null,
      closedAtMs: row.status !== 'received' && row.closed === 1 ? row.handed_over_at_ms : null,
    }));
  }

  /** The fund's payments and releases as they stood at the position: read once for these facts, whoever asks. */
  spending(): SpendingFacts {
    this.spendingRead ??= this.readSpending();
    return this.spendingRead;
  }

  private spendingRead: SpendingFacts | undefined;

  private readSpending(): SpendingFacts {
    const at = (column: string, position: string) => `CASE WHEN ${position} <= @at THEN ${column} END AS ${column}`;
    const disbursements = registerRows<{
      disbursement_id: string; amount: string; kind: string; component: string; campaign_id: string | null; restriction_id: string | null; purpose: string;
      beneficiary: string; requested_at_ms: number; approved_at_ms: number | null; rejected_at_ms: number | null; paid_at: string | null;
      paid_at_ms: number | null; reversed_at: string | null; reversed_at_ms: number | null; withheld: string | null; given_back: string | null;
    }>(this.db, `SELECT disbursement_id, amount, kind, component, campaign_id, restriction_id, purpose, beneficiary, requested_at_ms,
         ${at('approved_at_ms', 'approved_position')}, ${at('rejected_at_ms', 'rejected_position')}, ${at('paid_at', 'paid_position')},
         ${at('paid_at_ms', 'paid_position')}, ${at('reversed_at', 'reversed_position')}, ${at('reversed_at_ms', 'reversed_position')},
         ${at('withheld', 'paid_position')}, ${at('given_back', 'reversed_position')}
       FROM ${DISBURSEMENTS_TABLE} WHERE fund_id = @fund AND position <= @at ORDER BY requested_at_ms, position`, [this.atBound()]);
    const releases = registerRows<{
      release_id: string; amount: string; component: string; campaign_id: string | null; restriction_id: string | null; incident: string; recipient: string;
      released_at_ms: number; status: string; reversed_at_ms: number | null;
    }>(this.db, `SELECT release_id, amount, component, campaign_id, restriction_id, incident, recipient, released_at_ms, status,
         CASE WHEN reversed_position <= @at THEN reversed_at_ms END AS reversed_at_ms
       FROM ${EMERGENCY_RELEASES_TABLE} WHERE fund_id = @fund AND position <= @at ORDER BY released_at_ms, position`, [this.atBound()]);
    const settlements = this.settlementsOf();
    const returns = this.shareReturnsOf();
    return {
      disbursements: disbursements.map((d) => ({
        ...(returns.has(d.disbursement_id) ? { returns: returns.get(d.disbursement_id) } : {}),
        ...(d.withheld !== null && String(d.withheld) !== '0' ? { withheld: String(d.withheld) } : {}),
        ...(d.given_back === null ? {} : { givenBack: String(d.given_back) }),
        disbursementId: d.disbursement_id, amount: d.amount, kind: d.kind, component: d.component, campaignId: d.campaign_id, restrictionId: d.restriction_id,
        status: disbursementStatus(d.reversed_at_ms, d.paid_at_ms, d.rejected_at_ms, d.approved_at_ms),
        purpose: d.purpose, beneficiary: d.beneficiary, requestedAtMs: d.requested_at_ms, approvedAtMs: d.approved_at_ms, rejectedAtMs: d.rejected_at_ms,
        paidAt: d.paid_at, paidAtMs: d.paid_at_ms, reversedAt: d.reversed_at, reversedAtMs: d.reversed_at_ms,
      })),
      releases: releases.map((r) => {
        // The row keeps the last correction: one made by the position that cancelled the release.
        // Settlements and their reversals alternate, each kept in its own row (settlementsOf).
        const cancelled = r.reversed_at_ms !== null && r.status === 'cancelled';
        const cycles = settlements.get(r.release_id) ?? [];
        const last = cycles.length === 0 ? null : cycles[cycles.length - 1];
        const status = cancelled ? 'cancelled' : last !== null && last.reversedAtMs === null ? 'settled' : 'open';
        return {
          releaseId: r.release_id, amount: r.amount, status, component: r.component, campaignId: r.campaign_id, restrictionId: r.restriction_id,
          incident: r.incident, recipient: r.recipient, releasedAtMs: r.released_at_ms, spent: last?.spent ?? null, settledAt: last?.settledAt ?? null,
          settledAtMs: last?.settledAtMs ?? null, settlementReversedAt: last?.reversedAt ?? null, settlementReversedAtMs: last?.reversedAtMs ?? null,
          cancelledAtMs: cancelled ? r.reversed_at_ms : null,
          ...(cycles.length > 1 ? { earlierSettlements: cycles.slice(0, -1) } : {}),
        };
      }),
    };
  }

  /**
   * Every settlement of each release made by the position, in log order, each with its reversal
   * if that was made by the position too: a settlement is reversed only while it is the release's
   * last, and a release is settled again only once the settlement before it was reversed.
   */
  private settlementsOf(): Map<string, SettlementFact[]> {
    const rows = registerRows<{ release_id: string; kind: string; spent: string; at: string; at_ms: number }>(this.db,
      `SELECT release_id, kind, spent, at, at_ms FROM ${EMERGENCY_SETTLEMENTS_TABLE}
       WHERE fund_id = @fund AND position <= @at ORDER BY release_id, position`, [this.atBound()]);
    const byRelease = new Map<string, SettlementFact[]>();
    for (const row of rows) {
      const cycles = byRelease.get(row.release_id) ?? [];
      byRelease.set(row.release_id, cycles);
      if (row.kind === 'settled') {
        cycles.push({ spent: row.spent, settledAt: row.at, settledAtMs: row.at_ms, reversedAt: null, reversedAtMs: null });
        continue;
      }
      const settled = cycles[cycles.length - 1];
      if (settled === undefined || settled.reversedAtMs !== null) throw new Error(`settlement reversal of ${row.release_id} without a settlement to reverse`);
      Object.assign(settled, { reversedAt: row.at, reversedAtMs: row.at_ms });
    }
    return byRelease;
  }

  /** The campaigns created by the position, with when they were closed by hand if that was by the position too. */
  campaigns(): CampaignFact[] {
    return registerRows<{
      campaign_id: string; name: string; kind: string; receive_from: string; receive_from_ms: number; receive_until: string; receive_until_ms: number;
      distribute_until: string | null; distribute_until_ms: number | null; restriction_id: string | null; closed_at: string | null; closed_at_ms: number | null;
    }>(this.db, `SELECT campaign_id, name, kind, receive_from, receive_from_ms, receive_until, receive_until_ms, distribute_until, distribute_until_ms, restriction_id,
         CASE WHEN closed_position <= @at THEN closed_at END AS closed_at, CASE WHEN closed_position <= @at THEN closed_at_ms END AS closed_at_ms
       FROM ${CAMPAIGNS_TABLE} WHERE fund_id = @fund AND position <= @at ORDER BY receive_from_ms, campaign_id`, [this.atBound()]).map((c) => ({
      campaignId: c.campaign_id, name: c.name, kind: c.kind, receiveFrom: c.receive_from, receiveFromMs: c.receive_from_ms, receiveUntil: c.receive_until,
      receiveUntilMs: c.receive_until_ms, distributeUntil: c.distribute_until, distributeUntilMs: c.distribute_until_ms, restrictionId: c.restriction_id,
      ...(c.closed_at_ms === null ? {} : { closedAt: c.closed_at, closedAtMs: c.closed_at_ms }),
    }));
  }

  /**
   * The policy a report of the period applies: of the versions recorded by the position, the one
   * in force on the period's last day (Vietnam time), as the year's working takes its percentages;
   * the newest recorded when the period has no end. A version recorded later is not known yet.
   */
  policy(): PolicyFact {
    const versions = registerRows<{ effective_from: string | null; policy_json: string }>(this.db,
      `SELECT effective_from, policy_json FROM ${POLICY_VERSIONS_TABLE} WHERE fund_id = @fund AND position <= @at ORDER BY position`, [this.atBound()]);
    if (versions.length === 0) return DEFAULT_POLICY;
    // The version in force on the period's last day, or on the day its books stood at when that came first.
    const dayOf = (ms: number | null | undefined) => (ms == null ? null : new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10));
    const [periodDay, booksDay] = [dayOf(this.period.toMs), dayOf(this.period.booksAtMs)];
    const lastDay = periodDay === null ? booksDay : booksDay === null || periodDay < booksDay ? periodDay : booksDay;
    let inForce = versions[0];
    for (const version of versions) if (lastDay === null || version.effective_from === null || version.effective_from <= lastDay) inForce = version;
    return { managementCostCapPercent: completePolicy(JSON.parse(inForce.policy_json) as Partial<Policy>).managementCostCapPercent };
  }

  /**
   * Interest and bank fees booked from statements by the position, before the period and within
   * it, and per fiscal year up to its end: each on the day it was posted, and its reversal (made
   * by the position) on the reversal's own date, so a fee reversed a year later stays in the year
   * it was charged and comes back in the year of the reversal, as the balance at a date counts it.
   * Like a donation's, a reversal counts once the line it reverses was posted.
   */
  statementMoney(): StatementMoneyFact {
    const { fromMs, toMs } = this.period;
    const before = (column: string) => (fromMs === null ? '0' : `${column} < @from`);
    const within = (column: string) => [fromMs === null ? '' : `${column} >= @from`, toMs === null ? '' : `${column} <= @to`].filter(Boolean).join(' AND ') || '1';
    const byEnd = toMs === null ? '1' : 'posted_at_ms <= @to';
    const net = (kind: string, booked: string, reversed: string) => `SUM(CASE WHEN kind = '${kind}' AND ${booked} THEN amount_vnd ELSE 0 END)
      - SUM(CASE WHEN kind = '${kind}' AND ${REVERSED_BY_POSITION} AND ${reversed} THEN amount_vnd ELSE 0 END)`;
    const beforeStart = `${before('reversed_at_ms')} AND ${before('posted_at_ms')}`;
    const inPeriod = `${within('reversed_at_ms')} AND ${byEnd}`;
    const money = new Set(['interest_before', 'interest_in', 'fees_before', 'fees_in', 'amount']);
    const totals = registerRow<{ interest_before: string | null; interest_in: string | null; fees_before: string | null; fees_in: string | null }>(this.db,
      `SELECT ${net('interest', before('posted_at_ms'), beforeStart)} AS interest_before, ${net('interest', within('posted_at_ms'), inPeriod)} AS interest_in,
         ${net('fee', before('posted_at_ms'), beforeStart)} AS fees_before, ${net('fee', within('posted_at_ms'), inPeriod)} AS fees_in
       FROM ${STATEMENT_LINES_TABLE} WHERE fund_id = @fund AND kind IN ('fee', 'interest') AND position <= @at`, [this.bounds()], money);
    const upTo = (column: string) => (toMs === null ? '' : `AND ${column} <= @to`);
    const reversalYear = `CAST(CAST(strftime('%Y', (reversed_at_ms + ${VIETNAM_OFFSET_MS}) / 1000, 'unixepoch') AS INTEGER) AS TEXT)`;
    const byYear = (kind: 'fee' | 'interest') => {
      const years = new Map<string, bigint>();
      const rows = registerRows<{ year: string; amount: string }>(this.db,
        `SELECT substr(day, 1, 4) AS year, SUM(amount_vnd) AS amount FROM ${STATEMENT_LINES_TABLE}
         WHERE fund_id = @fund AND kind = '${kind}' AND position <= @at ${upTo('posted_at_ms')} GROUP BY year
         UNION ALL
         SELECT ${reversalYear} AS year, -SUM(amount_vnd) AS amount FROM ${STATEMENT_LINES_TABLE}
         WHERE fund_id = @fund AND kind = '${kind}' AND position <= @at AND ${REVERSED_BY_POSITION} ${upTo('posted_at_ms')} ${upTo('reversed_at_ms')} GROUP BY year`,
        [this.toBound()], money);
      for (const row of rows) years.set(row.year, (years.get(row.year) ?? 0n) + BigInt(row.amount));
      return Object.fromEntries([...years].map(([year, amount]) => [year, String(amount)]));
    };
    return {
      interestBefore: String(totals?.interest_before ?? '0'), interestIn: String(totals?.interest_in ?? '0'),
      feesBefore: String(totals?.fees_before ?? '0'), feesIn: String(totals?.fees_in ?? '0'),
      feesByYear: byYear('fee'), interestByYear: byYear('interest'),
    };
  }

  /** The money of closed cash shares given back by the position, by disbursement, in log order. */
  private shareReturnsOf(): Map<string, ShareReturnFact[]> {
    const rows = registerRows<{ disbursement_id: string; beneficiary_id: string; amount: string; returned_at: string; returned_at_ms: number }>(this.db,
      `SELECT disbursement_id, beneficiary_id, amount, returned_at, returned_at_ms FROM ${SHARE_RETURNS_TABLE}
       WHERE fund_id = @fund AND position <= @at ORDER BY position`, [this.atBound()]);
    const byDisbursement = new Map<string, ShareReturnFact[]>();
    for (const row of rows) {
      const list = byDisbursement.get(row.disbursement_id) ?? [];
      list.push({ beneficiaryId: row.beneficiary_id, amount: row.amount, returnedAt: row.returned_at, returnedAtMs: row.returned_at_ms });
      byDisbursement.set(row.disbursement_id, list);
    }
    return byDisbursement;
  }

  managementCost(): ManagementCostFact {
    const named = this.toBound();
    const upTo = (column: string) => (this.period.toMs === null ? '' : `AND ${column} <= @to`);
    const yearOf = (column: string) => `CAST(strftime('%Y', (${column} + ${VIETNAM_OFFSET_MS}) / 1000, 'unixepoch') AS INTEGER)`;
    // Each request counts in the year of its request, and a rejected one leaves that year again
    // once the rejection is recorded by the position, whenever it is dated (it was never a cost, as
    // the decider sees it); what a reversal, a payment that left out shares closed before it, or a
    // closed share's money given back takes off a cost counts in the year of its own date (as a
    // refunded bank fee does), so a closed year keeps the figure of the money it spent.
    // Each step counts once recorded by the position and dated by the period's end.
    const used = registerRows<{ year: number; amount: string }>(this.db,
      `SELECT year, SUM(amount) AS amount FROM (
         SELECT ${yearOf('requested_at_ms')} AS year, amount FROM ${DISBURSEMENTS_TABLE}
         WHERE fund_id = @fund AND kind = 'management_cost' AND position <= @at ${upTo('requested_at_ms')}
         UNION ALL
         SELECT ${yearOf('requested_at_ms')}, -amount FROM ${DISBURSEMENTS_TABLE}
         WHERE fund_id = @fund AND kind = 'management_cost' AND rejected_position <= @at ${upTo('requested_at_ms')}
         UNION ALL
         SELECT ${yearOf('paid_at_ms')}, -withheld FROM ${DISBURSEMENTS_TABLE}
         WHERE fund_id = @fund AND kind = 'management_cost' AND paid_position <= @at AND withheld <> 0 ${upTo('paid_at_ms')}
         UNION ALL
         SELECT ${yearOf('reversed_at_ms')}, -given_back FROM ${DISBURSEMENTS_TABLE}
         WHERE fund_id = @fund AND kind = 'management_cost' AND reversed_position <= @at ${upTo('reversed_at_ms')}
         UNION ALL
         SELECT ${yearOf('r.returned_at_ms')}, -r.amount FROM ${SHARE_RETURNS_TABLE} r
         JOIN ${DISBURSEMENTS_TABLE} d ON d.fund_id = r.fund_id AND d.disbursement_id = r.disbursement_id
         WHERE r.fund_id = @fund AND d.kind = 'management_cost' AND r.position <= @at ${upTo('r.returned_at_ms')}
       ) GROUP BY year`, [named], new Set(['amount']));
    const versions = registerRows<{ effective_from: string | null; policy_json: string }>(this.db,
      `SELECT effective_from, policy_json FROM ${POLICY_VERSIONS_TABLE} WHERE fund_id = @fund AND position <= @at ORDER BY position`, [this.atBound()]);
    // A policy stored before a field existed reads with that field's default, as the decider folds it.
    const percentages = (json: string) => {
      const policy = completePolicy(JSON.parse(json) as Partial<Policy>);
      return { managementCostCapPercent: policy.managementCostCapPercent, managementCostWarnPercent: policy.managementCostWarnPercent };
    };
    // Bank fees count as management cost (R30), in the fiscal year they were charged.
    const usedByYear = new Map(used.map((r) => [String(r.year), BigInt(r.amount)]));
    const statementMoney = this.statementMoney();
    for (const [year, amount] of Object.entries(statementMoney.feesByYear)) usedByYear.set(year, (usedByYear.get(year) ?? 0n) + BigInt(amount));
    // Interest is revenue in the base (R6), in the fiscal year it was credited.
    const eligibleByYear = new Map(Object.entries(this.eligibleRevenueByYear(named)).map(([year, amount]) => [year, BigInt(amount)]));
    for (const [year, amount] of Object.entries(statementMoney.interestByYear)) eligibleByYear.set(year, (eligibleByYear.get(year) ?? 0n) + BigInt(amount));
    return {
      eligibleByYear: Object.fromEntries([...eligibleByYear].map(([year, amount]) => [year, String(amount)])),
      usedByYear: Object.fromEntries([...usedByYear].map(([year, amount]) => [year, String(amount)])),
      policyVersions: versions.map((v) => ({ effectiveFrom: v.effective_from, ...percentages(v.policy_json) })),
    };
  }

  /**
   * Eligible revenue per Vietnam fiscal year, receipts on their date and reversals on theirs.
   * Two walks of the covering index and no sort however many donations there are: the first
   * finds the years, the second sums one column pair per year.
   */
  private eligibleRevenueByYear(named: Record<string, SqlParameter>): Record<string, string> {
    const upTo = (column: string) => (this.period.toMs === null ? '' : `AND ${column} <= @to`);
    const from = `FROM ${DONATIONS_TABLE} INDEXED BY register_donations_for_reports
      WHERE fund_id = @fund AND in_management_cost_base = 1 AND cash = 1 AND position <= @at`;
    const span = registerRow<{ first_ms: number | null; last_ms: number | null; last_reversed_ms: number | null }>(this.db,
      `SELECT MIN(received_at_ms) AS first_ms, MAX(received_at_ms) AS last_ms, MAX(reversed_at_ms) AS last_reversed_ms ${from}`, [this.atBound()]);
    if (!span || span.first_ms === null) return {};
    const yearOfMs = (ms: number) => new Date(ms + VIETNAM_OFFSET_MS).getUTCFullYear();
    const lastMs = Math.max(span.last_ms ?? span.first_ms, span.last_reversed_ms ?? span.first_ms);
    const lastYear = Math.min(yearOfMs(lastMs), this.period.toMs === null ? Infinity : yearOfMs(this.period.toMs));
    const years: number[] = [];
    for (let year = yearOfMs(span.first_ms); year <= lastYear; year += 1) years.push(year);
    if (years.length === 0) return {};
    const yearStart = (year: number) => Date.UTC(year, 0, 1) - VIETNAM_OFFSET_MS;
    const columns = years.map((year) => {
      const within = (column: string) => `${column} >= ${yearStart(year)} AND ${column} < ${yearStart(year + 1)}`;
      return `SUM(CASE WHEN ${within('received_at_ms')} ${upTo('received_at_ms')} THEN amount_vnd ELSE 0 END)
        - SUM(CASE WHEN reversed = 1 AND reversed_position <= @at AND ${within('reversed_at_ms')} ${upTo('reversed_at_ms')} THEN amount_vnd ELSE 0 END) AS y${year}`;
    });
    const row = registerRow(this.db, `SELECT ${columns.join(', ')} ${from}`, [named], new Set(years.map((year) => `y${year}`)));
    return Object.fromEntries(years.map((year) => [String(year), String(row?.[`y${year}`] ?? '0')]));
  }

  /**
   * Transfers this fund sent and those sent to it, restrictions released, surpluses reallocated
   * and currency sold, as the log stood at the position: a step written later reads as not taken.
   */
  movements(): MovementFacts {
    const at = (column: string, position: string) => `CASE WHEN ${position} <= @at THEN ${column} END AS ${column}`;
    const columns = `m.fund_id AS fund_id, movement_id, kind, amount, from_fund_id, from_label, component, campaign_id, restriction_id, to_fund_id, external, to_component, to_campaign_id,
      to_restriction_id, restriction_purpose, purpose, reference, requested_at_ms,
      ${at('sent_at', 'sent_position')}, ${at('sent_at_ms', 'sent_position')}, ${at('closed_status', 'closed_position')},
      ${at('closed_at', 'closed_position')}, ${at('closed_at_ms', 'closed_position')}, ${at('reversal_id', 'closed_position')}, ${at('moved_at', 'moved_position')}, ${at('moved_at_ms', 'moved_position')},
      currency, original_amount, provisional_vnd, settled_vnd, items_json, f.name AS counterpart_name`;
    const money = new Set(['amount', 'provisional_vnd', 'settled_vnd']);
    // The other side's name: the receiver of what this fund sent, the sender of what it was sent.
    const own = registerRows<MovementRow>(this.db, `SELECT ${columns} FROM ${MOVEMENTS_TABLE} m LEFT JOIN ${FUNDS_TABLE} f ON f.fund_id = m.to_fund_id
       WHERE m.fund_id = @fund AND m.position <= @at ORDER BY m.requested_at_ms, m.position`, [this.atBound()], money);
    const incoming = registerRows<MovementRow>(this.db, `SELECT ${columns} FROM ${MOVEMENTS_TABLE} m LEFT JOIN ${FUNDS_TABLE} f ON f.fund_id = m.fund_id
       WHERE m.to_fund_id = @fund AND m.kind = 'transfer' AND m.external = 0 AND m.fund_id <> @fund AND m.position <= @at
       ORDER BY m.requested_at_ms, m.position`, [this.atBound()], money);
    // Money a ledger elsewhere sent, booked here from its note: an incoming transfer, received on import.
    const imported = own.filter((r) => r.kind === 'note').map((r) => ({
      ...transferFact(r), transferId: r.reference ?? r.movement_id, fromFundId: r.from_fund_id ?? '', toFundId: r.fund_id, counterpartName: r.from_label,
    }));
    return {
      transfersOut: own.filter((r) => r.kind === 'transfer').map(transferFact),
      transfersIn: [...incoming.map(transferFact), ...imported],
      poolMoves: own.filter((r) => r.kind === 'release' || r.kind === 'surplus' || r.kind === 'suspense' || r.kind === 'assignment').map((r): PoolMoveFact => ({
        moveId: r.movement_id, kind: r.kind as PoolMoveFact['kind'], amount: r.amount, component: r.component, campaignId: r.campaign_id,
        restrictionId: r.restriction_id, toComponent: r.to_component ?? r.component, toCampaignId: r.to_campaign_id, toRestrictionId: r.to_restriction_id,
        requestedAtMs: r.requested_at_ms, movedAtMs: r.moved_at_ms,
        ...(r.items_json === null ? {} : { items: JSON.parse(r.items_json) as PoolMoveFact['items'] }),
      })),
      fx: own.filter((r) => r.kind === 'fx' && r.moved_at !== null).map((r): FxFact => ({
        settlementId: r.movement_id, donationId: r.purpose ?? '', currency: r.currency ?? '', originalAmount: r.original_amount ?? '',
        provisionalVnd: r.provisional_vnd ?? '0', settledVnd: r.settled_vnd ?? '0', component: r.component, campaignId: r.campaign_id,
        restrictionId: r.restriction_id, settledAt: r.moved_at as string, settledAtMs: r.moved_at_ms as number,
        ...(r.closed_status === 'reversed' && r.closed_at_ms !== null ? { reversedAtMs: r.closed_at_ms } : {}),
      })),
    };
  }

  private atBound(): Record<string, SqlParameter> {
    return { fund: this.fundId, at: this.atPosition };
  }

  private toBound(): Record<string, SqlParameter> {
    const named = this.atBound();
    if (this.period.toMs !== null) named.to = this.period.toMs;
    return named;
  }

  private bounds(): Record<string, SqlParameter> {
    const named = this.toBound();
    if (this.period.fromMs !== null) named.from = this.period.fromMs;
    return named;
  }

  /** Written out per bound, so SQLite walks the date index over exactly the period. */
  private receivedInPeriod(): string {
    return ['fund_id = @fund', this.period.fromMs === null ? '' : 'received_at_ms >= @from', this.period.toMs === null ? '' : 'received_at_ms <= @to', 'position <= @at']
      .filter(Boolean).join(' AND ');
  }

  /** Not reversed by the period's end, as the log stood at the position. */
  private keptAtEnd(): string {
    return `NOT (reversed = 1 AND reversed_position <= @at${this.period.toMs === null ? '' : ' AND reversed_at_ms <= @to'})`;
  }
}

type MovementRow = {
  fund_id: string; movement_id: string; kind: string; amount: string; from_fund_id: string | null; from_label: string | null;
  component: string; campaign_id: string | null; restriction_id: string | null;
  to_fund_id: string | null; external: number; to_component: string | null; to_campaign_id: string | null; to_restriction_id: string | null;
  restriction_purpose: string | null; purpose: string | null; reference: string | null; requested_at_ms: number;
  sent_at: string | null; sent_at_ms: number | null; closed_status: string | null; closed_at: string | null; closed_at_ms: number | null; reversal_id: string | null;
  moved_at: string | null; moved_at_ms: number | null; currency: string | null; original_amount: string | null;
  provisional_vnd: string | null; settled_vnd: string | null; counterpart_name: string | null; items_json: string | null;
};

function transferFact(r: MovementRow): TransferFact {
  const received = r.closed_status === 'received';
  return {
    transferId: r.movement_id, fromFundId: r.fund_id, toFundId: r.to_fund_id ?? '', counterpartName: r.counterpart_name, external: r.external === 1, amount: r.amount, component: r.component,
    campaignId: r.campaign_id, restrictionId: r.restriction_id, restrictionPurpose: r.restriction_purpose, purpose: r.purpose ?? '',
    receivedComponent: received ? r.to_component : null, receivedRestrictionId: received ? r.to_restriction_id : null,
    receivedCampaignId: received ? r.to_campaign_id : null, requestedAtMs: r.requested_at_ms, sentAt: r.sent_at, sentAtMs: r.sent_at_ms,
    closedStatus: r.closed_status as TransferFact['closedStatus'], closedAt: r.closed_at, closedAtMs: r.closed_at_ms,
    ...(r.reversal_id === null ? {} : { reversed: true }),
  };
}

type DisclosedRow = {
  receipt_no: string; received_at: string; reversed_at: string | null; published_name: string; cash: number; amount_vnd: string;
  restriction_purpose: string | null; in_kind_json: string | null; currency: string; amount: string; fx_rate: string | null;
};

function disclosed(r: DisclosedRow, reversal: boolean): DisclosedDonationFact {
  const inKind = r.in_kind_json === null ? null : (JSON.parse(r.in_kind_json) as { description: string; quantity: string; unit: string });
  return {
    receiptNo: r.receipt_no, receivedAt: r.received_at, reversedAt: reversal ? r.reversed_at : null, publishedName: r.published_name, cash: r.cash === 1,
    amountVnd: r.amount_vnd, restrictionPurpose: r.restriction_purpose,
    inKind: inKind === null ? null : { description: inKind.description, quantity: inKind.quantity, unit: inKind.unit },
    ...(r.currency !== BOOK_CURRENCY && r.fx_rate !== null ? { foreign: { currency: r.currency, amount: r.amount, fxRate: r.fx_rate } } : {}),
  };
}

/** Where a disbursement stood, from the transitions made by the position (later ones read as null). */
function disbursementStatus(reversedAtMs: number | null, paidAtMs: number | null, rejectedAtMs: number | null, approvedAtMs: number | null): string {
  if (reversedAtMs !== null) return 'reversed';
  if (paidAtMs !== null) return 'paid';
  if (rejectedAtMs !== null) return 'rejected';
  return approvedAtMs !== null ? 'approved' : 'requested';
}

export interface ReportRequest {
  fundId: string;
  report: ReportName;
  period: ReportPeriod;
}

/**
 * A report of the registers in `db` as the log stood at `position`: the caller has aligned the
 * registers at or past it (see alignRegisters), and what they hold from later positions is left
 * out. Synchronous from the first read to the last, so no commit of a table projection can land
 * in between: every figure reflects exactly that log position, and the period's end by business date.
 */
export function buildRegisterReport(
  db: Database.Database, request: ReportRequest, position: number, facts = new RegisterReportFacts(db, request.fundId, request.period, position),
): ReportDocument {
  const parts = reportParts(facts, request.report, request.period);
  const fund = registerRow<{ name: string; chapter: string | null }>(db, `SELECT name, chapter FROM ${FUNDS_TABLE} WHERE fund_id = ?`, [request.fundId]);
  const body: ReportBody = {
    report: request.report, fundId: request.fundId, fundName: fund?.name ?? null, chapter: fund?.chapter ?? null,
    currency: 'VND', from: request.period.fromMs, to: request.period.toMs, position, ...parts,
  };
  return toDocument(body);
}

/** Reports of the live registers, read through the read side's own connection. */
@Injectable()
export class ReportQueries {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** See buildRegisterReport: the caller has aligned REPORT_REGISTERS at or past `position` and calls this synchronously. */
  build(request: ReportRequest, position: number): ReportDocument {
    return buildRegisterReport(this.readModels.db, request, position);
  }

  /** When the fund opened (epoch milliseconds), as its workbook states it beside the report; null for a fund the register does not hold. */
  fundOpenedAt(fundId: string): number | null {
    const fund = registerRow<{ opened_at: string }>(this.readModels.db, `SELECT opened_at FROM ${FUNDS_TABLE} WHERE fund_id = ?`, [fundId]);
    return fund === undefined ? null : Date.parse(fund.opened_at);
  }

  /**
   * The management-cost working (R6) of fiscal `year` as the log stood at `position`: the year's
   * money up to its last day (each entry and each reversal in the year of its own date), the
   * percentages in force on `asOfDay` or the year's last day when that comes first. Null when the
   * fund had no policy at the position. `asOfMs`, a business instant: only what was dated by then
   * (the year as it stood on that day). Same caller contract as build.
   */
  managementCost(fundId: string, year: number, asOfDay: string, position: number, asOfMs?: number): ManagementCostFigures | null {
    const yearEndMs = Date.UTC(year + 1, 0, 1) - VIETNAM_OFFSET_MS - 1;
    const facts = new RegisterReportFacts(this.readModels.db, fundId, { fromMs: null, toMs: asOfMs === undefined ? yearEndMs : Math.min(yearEndMs, asOfMs) }, position);
    return managementCostWorking(facts.managementCost(), year, asOfDay);
  }
}
