import { Inject, Injectable } from '@nestjs/common';
import { DISBURSEMENTS_TABLE, DisbursementRegisterProjection, SHARE_RETURNS_TABLE } from '../../projections/disbursement-register.projection';
import {
  DONATION_SENDER_REFERENCES_TABLE, DonationRegisterProjection, DONATIONS_TABLE, referenceLookup, SENDER_REFERENCES_KEY,
} from '../../projections/donation-register.projection';
import { EMERGENCY_RELEASES_TABLE, EmergencyRegisterProjection } from '../../projections/emergency-register.projection';
import { FUNDS_TABLE, FundRegisterProjection, POLICY_VERSIONS_TABLE } from '../../projections/fund-register.projection';
import { nameTokens, type TableProjection } from '../../projections/table-projection';
import { chooseDonorWord, donorWordCondition, shorterFilterRange, walkDonorWord } from './donor-filter';
import { ReadModels } from './read-models';
import type { CursorKeys } from './sql/cursor';
import { KeysetQuery, type Page, toPage } from './sql/keyset-page';
import { SqlWhere } from './sql/where';
import { registerRow, type RegisterRow, registerRows, type SqlParameter } from './sql/register-rows';

/**
 * The registers as the staff read them: donations, disbursements and emergency releases of a
 * fund, each a keyset page oldest first. Rows come back as registerRows reads them: money (amount_vnd,
 * amount, spent, returned) a decimal string of whole VND, never a JS number.
 */

export type DonationRow = RegisterRow & { received_at_ms: number; position: number };
export type DisbursementRow = RegisterRow & { requested_at_ms: number; position: number };
export type ReleaseRow = RegisterRow & { released_at_ms: number; settle_by_ms: number; position: number };
export type FundRow = RegisterRow & { fund_id: string; name: string; chapter: string | null; components_json: string; opened_at: string };

/** Each list reads its own register and the fund register (whether the fund exists), aligned at one position. */
export const REGISTER_READS = {
  donations: [DonationRegisterProjection, FundRegisterProjection],
  disbursements: [DisbursementRegisterProjection, FundRegisterProjection],
  emergencyReleases: [EmergencyRegisterProjection, FundRegisterProjection],
  funds: [FundRegisterProjection],
} as const satisfies Record<string, readonly TableProjection[]>;

/** What every list takes: the fund, the period (epoch ms, both ends included), the cursor and the page size. */
export interface ListFilters {
  fundId: string;
  fromMs: number | undefined;
  toMs: number | undefined;
  cursor: CursorKeys | undefined;
  limit: number;
}

export interface DonationFilters extends ListFilters {
  campaignId?: string;
  /** Words of the donor's name or public name, each beginning a word of one of them. */
  donor?: string;
  reference?: string;
  /** Whole VND, bound as a BigInt: an amount is never a JS number. */
  amount?: bigint;
}

export interface DisbursementFilters extends ListFilters {
  status?: string;
  kind?: string;
  campaignId?: string;
}

export interface ReleaseFilters extends ListFilters {
  status?: 'open' | 'overdue' | 'settled' | 'cancelled';
  campaignId?: string;
  /** Only those this user released. */
  releasedBy?: string;
}

/**
 * A page of the donations of a reference, oldest first: those whose own reference it is (the
 * reference index) and those whose sender's bank printed it on the sender's receipt (the sender
 * references' key, joined to the donation by its primary key), each half walked in date order
 * and merged with no sort. A donation is in one half at most (the register writes no sender's
 * number equal to the donation's own reference). `conditions` name the donation's columns only.
 */
export function referencePageQuery(
  filters: DonationFilters, reference: string, conditions: { sql: string; params: SqlParameter[] }[], senderReference: string = reference,
): { sql: string; params: SqlParameter[] } {
  const halves = [
    { from: `${DONATIONS_TABLE} d INDEXED BY register_donations_by_reference`, fund: 'd.fund_id', column: 'd.reference_normalized', value: reference, keys: ['d.received_at_ms', 'd.position'] },
    {
      from: `${DONATION_SENDER_REFERENCES_TABLE} s INDEXED BY ${SENDER_REFERENCES_KEY} CROSS JOIN ${DONATIONS_TABLE} d ON d.fund_id = s.fund_id AND d.donation_id = s.donation_id`,
      fund: 's.fund_id', column: 's.reference', value: senderReference, keys: ['s.received_at_ms', 's.position'],
    },
  ].map((half) => {
    const where = new SqlWhere().add(`${half.fund} = ?`, filters.fundId).add(`${half.column} = ?`, half.value)
      .period(half.keys[0], filters.fromMs, filters.toMs);
    // Looked up by two numbers, a donation may hold one as its own reference and the other as its sender's: it is found in the first half only.
    if (half.value !== reference) where.add('d.reference_normalized IS NOT ?', reference);
    for (const condition of conditions) where.add(condition.sql, ...condition.params);
    where.after(half.keys, filters.cursor);
    return { sql: `SELECT d.*, ${half.keys[0]} AS key_ms, ${half.keys[1]} AS key_position FROM ${half.from} WHERE ${where.sql}`, params: where.params };
  });
  return { sql: `${halves.map((half) => half.sql).join(' UNION ALL ')} ORDER BY key_ms, key_position LIMIT ${filters.limit + 1}`, params: halves.flatMap((half) => half.params) };
}

/**
 * The register reads. Each is synchronous: the caller aligns REGISTER_READS first and passes the
 * position, so the page reflects exactly it.
 */
@Injectable()
export class RegisterQueries {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** The funds the fund register has seen; none while it has not made its table yet. */
  fundIds(): string[] {
    try {
      return (this.readModels.db.prepare(`SELECT fund_id FROM ${FUNDS_TABLE}`).all() as { fund_id: string }[]).map((row) => row.fund_id);
    } catch {
      return [];
    }
  }

  /** Whether the fund register has seen the fund. */
  fundKnown(fundId: string): boolean {
    return registerRow(this.readModels.db, `SELECT 1 AS known FROM ${FUNDS_TABLE} WHERE fund_id = ?`, [fundId]) !== undefined;
  }

  /**
   * Whether the fund had been opened by log position `position` (its opening is its first policy
   * version): a look-back to a position before it finds no such fund.
   */
  fundOpenedBy(fundId: string, position: number): boolean {
    return registerRow(this.readModels.db, `SELECT 1 AS known FROM ${POLICY_VERSIONS_TABLE} WHERE fund_id = ? AND position <= ? LIMIT 1`, [fundId, position]) !== undefined;
  }

  /** Every fund of the ledger, by fundId, `limit` after the cursor's fundId. */
  funds(filters: { limit: number; cursor: CursorKeys | undefined }, position: number): Page<FundRow> {
    const { limit, cursor } = filters;
    const rows = registerRows<FundRow>(this.readModels.db,
      `SELECT fund_id, name, chapter, components_json, opened_at FROM ${FUNDS_TABLE} ${cursor ? 'WHERE fund_id > ?' : ''} ORDER BY fund_id LIMIT ${limit + 1}`,
      cursor ? [String(cursor[0])] : []);
    return toPage(rows, limit, position, (row) => [row.fund_id], (row) => row);
  }

  /** Open emergency releases past their settle-by date, counted per fund, as the register holds them now. */
  overdueReleasesByFund(nowMs: number): { fundId: string; count: number }[] {
    return registerRows<{ fund_id: string; overdue: number }>(this.readModels.db,
      `SELECT fund_id, COUNT(*) AS overdue FROM ${EMERGENCY_RELEASES_TABLE} WHERE status = 'open' AND settle_by_ms < ? GROUP BY fund_id`, [nowMs],
    ).map((row) => ({ fundId: row.fund_id, count: Number(row.overdue) }));
  }

  donations(filters: DonationFilters, position: number): Page<DonationRow> {
    const { fundId, limit } = filters;
    const db = this.readModels.db;
    const keysOf = (row: DonationRow) => [row.received_at_ms, row.position];
    const conditions: { sql: string; params: SqlParameter[] }[] = [];
    if (filters.campaignId !== undefined) conditions.push({ sql: 'campaign_id = ?', params: [filters.campaignId] });
    if (filters.amount !== undefined) conditions.push({ sql: 'amount_vnd = ?', params: [filters.amount] });
    const words = filters.donor === undefined ? [] : nameTokens(filters.donor);
    // A reference's donations are the shortest range of all: its own index and the sender references drive.
    if (filters.reference !== undefined) {
      const lookup = referenceLookup(filters.reference);
      const query = referencePageQuery(filters, lookup.own, [...conditions, ...words.map(donorWordCondition)], lookup.sender);
      return toPage(registerRows<DonationRow>(db, query.sql, query.params), limit, position, keysOf, (row) => row);
    }
    const walked = words.length === 0 ? undefined : chooseDonorWord(db, fundId, words);
    // The donor index drives unless a filter of the register's own indexes is shorter.
    if (walked !== undefined && !shorterFilterRange(db, fundId, filters, walked.entries)) {
      conditions.push(...words.filter((word) => word !== walked.word).map(donorWordCondition));
      const rows = walkDonorWord<DonationRow>(db, fundId, walked.tokens, {
        conditions: conditions.map((c) => c.sql), params: conditions.flatMap((c) => c.params),
        fromMs: filters.fromMs, toMs: filters.toMs, after: filters.cursor, limit,
      });
      return toPage(rows, limit, position, keysOf, (row) => row);
    }
    conditions.push(...words.map(donorWordCondition));
    const select = new KeysetQuery(DONATIONS_TABLE, 'received_at_ms', fundId);
    select.where.period('received_at_ms', filters.fromMs, filters.toMs);
    for (const condition of conditions) select.where.add(condition.sql, ...condition.params);
    return toPage(select.rows<DonationRow>(db, filters.cursor, limit), limit, position, keysOf, (row) => row);
  }

  disbursements(filters: DisbursementFilters, position: number): Page<DisbursementRow> {
    // The money of its closed cash shares given back to the fund (ShareMoneyReturned), 0 for none.
    const returned = `(SELECT COALESCE(SUM(r.amount), 0) FROM ${SHARE_RETURNS_TABLE} r WHERE r.fund_id = t.fund_id AND r.disbursement_id = t.disbursement_id) AS returned`;
    const select = new KeysetQuery(DISBURSEMENTS_TABLE, 'requested_at_ms', filters.fundId, returned);
    select.where.period('requested_at_ms', filters.fromMs, filters.toMs);
    if (filters.status !== undefined) select.where.add('status = ?', filters.status);
    if (filters.kind !== undefined) select.where.add('kind = ?', filters.kind);
    if (filters.campaignId !== undefined) select.where.add('campaign_id = ?', filters.campaignId);
    const rows = select.rows<DisbursementRow>(this.readModels.db, filters.cursor, filters.limit);
    return toPage(rows, filters.limit, position, (row) => [row.requested_at_ms, row.position], (row) => row);
  }

  /** `nowMs`: overdue depends on the clock, not on the log, so the caller says when "now" is. */
  emergencyReleases(filters: ReleaseFilters, position: number, nowMs: number): Page<ReleaseRow> {
    const select = new KeysetQuery(EMERGENCY_RELEASES_TABLE, 'released_at_ms', filters.fundId);
    select.where.period('released_at_ms', filters.fromMs, filters.toMs);
    if (filters.status === 'open') select.where.add("status = 'open'");
    if (filters.status === 'settled') select.where.add("status = 'settled'");
    if (filters.status === 'cancelled') select.where.add("status = 'cancelled'");
    if (filters.status === 'overdue') select.where.add("status = 'open' AND settle_by_ms < ?", nowMs);
    if (filters.campaignId !== undefined) select.where.add('campaign_id = ?', filters.campaignId);
    if (filters.releasedBy !== undefined) select.where.add('released_by = ?', filters.releasedBy);
    const rows = select.rows<ReleaseRow>(this.readModels.db, filters.cursor, filters.limit);
    return toPage(rows, filters.limit, position, (row) => [row.released_at_ms, row.position], (row) => row);
  }
}
