import { Inject, Injectable } from '@nestjs/common';
import { DonationRegisterProjection, DONATIONS_TABLE } from '../../projections/donation-register.projection';
import { CAMPAIGNS_TABLE, FundRegisterProjection } from '../../projections/fund-register.projection';
import {
  STATEMENT_LINES_TABLE, StatementRegisterProjection, STATEMENTS_TABLE, SUSPENSE_TABLE, type StatementLineKind, type SuspenseStatus,
} from '../../projections/statement-register.projection';
import type { TableProjection } from '../../projections/table-projection';
import type { StatementDay } from '../domain/statements/statements.events';
import { ReadModels } from './read-models';
import type { ListFilters } from './register-queries';
import { KeysetQuery, type Page, toPage } from './sql/keyset-page';
import { registerRows } from './sql/register-rows';

/** The registers each statement read must stand at the same position in. */
export const STATEMENT_READS = {
  lines: [StatementRegisterProjection, FundRegisterProjection],
  statements: [StatementRegisterProjection, FundRegisterProjection],
  reconciliation: [StatementRegisterProjection, DonationRegisterProjection, FundRegisterProjection],
  suspense: [StatementRegisterProjection, FundRegisterProjection],
} as const satisfies Record<string, readonly TableProjection[]>;

const MONEY = new Set(['amount_vnd', 'total_vnd', 'fees_vnd', 'interest_vnd', 'unclassified_vnd']);
const DAY_MS = 86_400_000;
const VIETNAM_MS = 7 * 3_600_000;
/** The longest reconciliation one answer covers. */
export const MAX_RECONCILIATION_DAYS = 400;

export interface StatementLineRow {
  fund_id: string;
  row_id: string;
  kind: StatementLineKind;
  entry_id: string | null;
  statement_sha256: string | null;
  statement_id: string | null;
  account: string | null;
  line: number;
  direction: 'in' | 'out';
  amount_vnd: string;
  posted_at: string;
  posted_at_ms: number;
  day: string;
  memo: string;
  reference: string | null;
  position: number;
  reversal_id: string | null;
  classification_id: string | null;
  note: string | null;
}

export interface SuspenseRow {
  fund_id: string;
  donation_id: string;
  receipt_no: string;
  component: string;
  campaign_id: string;
  restriction_id: string;
  amount_vnd: string;
  received_at: string;
  received_at_ms: number;
  donor_name: string;
  reference: string | null;
  note: string | null;
  status: SuspenseStatus;
  assignment_id: string | null;
  to_component: string | null;
  to_campaign_id: string | null;
  decision_ref: string | null;
  decided_at: string | null;
  decided_by: string | null;
  reversal_id: string | null;
  position: number;
}

export interface StatementRow {
  statement_id: string;
  fund_id: string;
  account: string | null;
  account_source: string;
  sha256: string;
  from_day: string | null;
  to_day: string | null;
  opening_balance: string | null;
  closing_balance: string | null;
  lines: number;
  format: string;
  profile: string;
  balance_ok: number;
  first_break_line: number | null;
  checked_lines: number;
  counts_json: string;
  days_json: string;
  imported_at: string;
  imported_by: string;
  position: number;
}

export interface ReconciliationDay {
  day: string;
  /** Whether a statement of the account covers the day. */
  covered: boolean;
  /** What the statements print for the day (the latest imported of those holding the day whole, else the latest imported); null when none does. */
  statement: { statementId: string; credits: string; debits: string; lines: number; closingBalance: string | null } | null;
  /**
   * What the ledger booked that day: bank-transfer donations of the fund, and the account's fees,
   * interest, debit lines left to classify (credit lines left to classify are credits not
   * booked), and lines the accountant classified (as a disbursement, a transfer or other), debits
   * and credits apart. A fee or interest reversed (booked wrongly) is booked no more.
   */
  ledger: {
    donations: string; donationCount: number; fees: string; interest: string; unclassified: string; classified: string; classifiedCredits: string;
  };
  /** Statement credits − (donations + interest + credits classified); "0" when they agree, null without a statement. */
  creditsNotBooked: string | null;
}

export interface Reconciliation {
  account: string;
  from: string | null;
  to: string | null;
  statements: StatementRow[];
  days: ReconciliationDay[];
  uncoveredDays: string[];
}

const dayOf = (ms: number) => new Date(ms + VIETNAM_MS).toISOString().slice(0, 10);
const startOfDayMs = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

/** The statement register's reads: synchronous, after the caller aligned STATEMENT_READS. */
@Injectable()
export class StatementQueries {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  lines(filters: ListFilters & { kind: StatementLineKind | undefined; account: string | undefined }, position: number): Page<StatementLineRow> {
    const select = new KeysetQuery(STATEMENT_LINES_TABLE, 'posted_at_ms', filters.fundId);
    select.where.period('posted_at_ms', filters.fromMs, filters.toMs);
    if (filters.kind !== undefined) select.where.add('kind = ?', filters.kind);
    if (filters.account !== undefined) select.where.add('account = ?', filters.account);
    const rows = select.rows<StatementLineRow & Record<string, string | number | null>>(this.readModels.db, filters.cursor, filters.limit);
    return toPage(rows, filters.limit, position, (row) => [row.posted_at_ms, row.position], (row) => row);
  }

  /** Late money (R14), oldest first, by status; with the VND still waiting in the whole fund. */
  suspense(filters: ListFilters & { status: SuspenseStatus | undefined }, position: number): Page<SuspenseRow> & { waitingVnd: string } {
    const select = new KeysetQuery(SUSPENSE_TABLE, 'received_at_ms', filters.fundId);
    select.where.period('received_at_ms', filters.fromMs, filters.toMs);
    if (filters.status !== undefined) select.where.add('status = ?', filters.status);
    const rows = select.rows<SuspenseRow & Record<string, string | number | null>>(this.readModels.db, filters.cursor, filters.limit);
    const waiting = registerRows<{ total_vnd: string | null }>(this.readModels.db,
      `SELECT SUM(amount_vnd) AS total_vnd FROM ${SUSPENSE_TABLE} WHERE fund_id = ? AND status = 'waiting'`, [filters.fundId])[0];
    return { ...toPage(rows, filters.limit, position, (row) => [row.received_at_ms, row.position], (row) => row), waitingVnd: waiting?.total_vnd ?? '0' };
  }

  statements(fundId: string, account: string | undefined): StatementRow[] {
    return registerRows<StatementRow & Record<string, string | number | null>>(this.readModels.db,
      `SELECT * FROM ${STATEMENTS_TABLE} WHERE fund_id = ? ${account === undefined ? '' : 'AND account = ?'} ORDER BY from_day, position`,
      account === undefined ? [fundId] : [fundId, account]);
  }

  /**
   * Per day of the account: what its statements print and what the ledger booked on it: the
   * transfers imported from its statements, and those recorded by hand for a campaign whose
   * registered account it is (R14); a transfer recorded by hand outside such a campaign names no
   * account and is on none. Days run from `from` to `to` (default: the first and last day any statement of the
   * account covers).
   */
  reconciliation(fundId: string, account: string, range: { from: string | undefined; to: string | undefined }): Reconciliation {
    const statements = this.statements(fundId, account);
    const from = range.from ?? statements.reduce<string | null>((min, s) => (s.from_day !== null && (min === null || s.from_day < min) ? s.from_day : min), null);
    const to = range.to ?? statements.reduce<string | null>((max, s) => (s.to_day !== null && (max === null || s.to_day > max) ? s.to_day : max), null);
    if (from === null || to === null) return { account, from, to, statements, days: [], uncoveredDays: [] };
    const printed = new Map<string, { statement: NonNullable<ReconciliationDay['statement']>; whole: boolean; position: number }>();
    const covered = new Set<string>();
    for (const statement of statements) {
      if (statement.from_day !== null && statement.to_day !== null) {
        for (let ms = startOfDayMs(statement.from_day); ms <= startOfDayMs(statement.to_day); ms += DAY_MS) covered.add(dayOf(ms));
      }
      for (const day of JSON.parse(statement.days_json) as StatementDay[]) {
        // A day before the statement's last one is whole in it; its last day may have been exported
        // while the day went on (a statement of today taken at noon). A statement holding the day
        // whole prints it, else the one imported last.
        const whole = statement.to_day !== null && day.day < statement.to_day;
        const kept = printed.get(day.day);
        if (kept !== undefined && (kept.whole && !whole || kept.whole === whole && kept.position > statement.position)) continue;
        printed.set(day.day, {
          statement: { statementId: statement.statement_id, credits: day.credits, debits: day.debits, lines: day.lines, closingBalance: day.closingBalance },
          whole, position: statement.position,
        });
      }
    }
    const db = this.readModels.db;
    const fromMs = startOfDayMs(from);
    const toMs = startOfDayMs(to) + DAY_MS - 1;
    const donations = new Map(registerRows<{ d: number; total_vnd: string; n: number }>(db,
      `SELECT (received_at_ms + ${VIETNAM_MS}) / ${DAY_MS} AS d, SUM(amount_vnd) AS total_vnd, COUNT(*) AS n FROM ${DONATIONS_TABLE}
        WHERE fund_id = ? AND received_at_ms BETWEEN ? AND ? AND channel = 'bank_transfer' AND cash = 1
          AND (bank_account = ? OR (bank_account IS NULL AND campaign_id IN (SELECT campaign_id FROM ${CAMPAIGNS_TABLE} WHERE fund_id = ? AND bank_account = ?)))
        GROUP BY d`,
      [fundId, fromMs, toMs, account, fundId, account], MONEY).map((row) => [dayOf(row.d * DAY_MS), row]));
    const none = () => ({ fees: 0n, interest: 0n, unclassified: 0n, classified: 0n, classifiedCredits: 0n });
    const others = new Map<string, ReturnType<typeof none>>();
    for (const row of registerRows<{ day: string; kind: StatementLineKind; direction: 'in' | 'out'; total_vnd: string }>(db,
      `SELECT day, kind, direction, SUM(amount_vnd) AS total_vnd FROM ${STATEMENT_LINES_TABLE} WHERE fund_id = ? AND account = ? AND day BETWEEN ? AND ? AND reversal_id IS NULL GROUP BY day, kind, direction`,
      [fundId, account, from, to], MONEY)) {
      const figures = others.get(row.day) ?? none();
      if (row.kind === 'fee') figures.fees += BigInt(row.total_vnd);
      else if (row.kind === 'interest') figures.interest += BigInt(row.total_vnd);
      // Money in left to classify (a fee refunded, a transfer returned) is a credit not booked.
      else if (row.kind === 'unclassified' && row.direction === 'out') figures.unclassified += BigInt(row.total_vnd);
      // Decided by the accountant: a payment of the ledger, a transfer, or money that is none of the fund's.
      else if (row.kind !== 'unclassified' && row.direction === 'out') figures.classified += BigInt(row.total_vnd);
      else if (row.kind !== 'unclassified') figures.classifiedCredits += BigInt(row.total_vnd);
      others.set(row.day, figures);
    }
    const days: ReconciliationDay[] = [];
    for (let ms = fromMs; ms <= toMs; ms += DAY_MS) {
      const day = dayOf(ms);
      const booked = donations.get(day);
      const other = others.get(day) ?? none();
      const statement = printed.get(day)?.statement ?? null;
      const donationTotal = BigInt(booked?.total_vnd ?? '0');
      days.push({
        day, covered: covered.has(day), statement,
        ledger: {
          donations: String(donationTotal), donationCount: booked?.n ?? 0, fees: String(other.fees), interest: String(other.interest), unclassified: String(other.unclassified),
          classified: String(other.classified), classifiedCredits: String(other.classifiedCredits),
        },
        creditsNotBooked: statement === null ? null : String(BigInt(statement.credits) - donationTotal - other.interest - other.classifiedCredits),
      });
    }
    return { account, from, to, statements, days, uncoveredDays: days.filter((day) => !day.covered).map((day) => day.day) };
  }
}
