import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DISBURSEMENT_STATUSES, DisbursementRegisterProjection } from '../../../projections/disbursement-register.projection';
import { DonationRegisterProjection, normalizeReference } from '../../../projections/donation-register.projection';
import { EmergencyRegisterProjection } from '../../../projections/emergency-register.projection';
import { FundRegisterProjection } from '../../../projections/fund-register.projection';
import { nameTokens } from '../../../projections/table-projection';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { FundModel } from '../../command-handling/stream-models';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { Streams } from '../../domain/streams';
import { wholeDaysLate } from '../../domain/shared/calendar';
import { ProjectionsService } from '../../projection-runner/projections.service';
import type { TableProjectionRunner } from '../../projection-runner/table-projection-runner';
import { alignRegisters, periodBound, ReadArgumentError, registerRow, registerRows, RegistersLagging, type SqlParameter } from '../../reports';
import { ApiError, validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiCampaignIdQuery, ApiEnumQuery, ApiFundIdParam, ApiPageQueries, ApiPeriodQueries } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { DisbursementPageResponse, DonationPageResponse, ReleasePageResponse } from '../openapi/spending.responses';
import { positionParam, READ_YOUR_WRITES_TIMEOUT_MS } from '../read-consistency';
import { chooseDonorWord, donorWordCondition, walkDonorWord } from './donor-search';
import { fundParam, slugParam } from './params';

// ---------------------------------------------------------------------------------------------
// Read consistency over table projections
// ---------------------------------------------------------------------------------------------

/**
 * Waits until every runner has reached `minPosition` (503 PROJECTION_LAGGING after 5 s), then
 * until they all stand at the same position, and returns it (see alignRegisters). The caller
 * must query the tables synchronously right after, so the answer reflects exactly that position.
 */
export async function alignTables(runners: TableProjectionRunner[], minPosition: number | undefined): Promise<number> {
  try {
    return await alignRegisters(runners, minPosition, READ_YOUR_WRITES_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof RegistersLagging)) throw error;
    const details = error.projection === null ? {} : { projection: error.projection, reached: error.reached, minPosition: error.minPosition };
    throw new ApiError(503, 'PROJECTION_LAGGING', error.message, details);
  }
}

/** 404 unless the fund exists, asking the log itself when the register has not seen it. */
export async function ensureFundExists(runner: TableProjectionRunner, writer: LedgerWriter, fundId: string): Promise<void> {
  const known = registerRow(runner.db, 'SELECT 1 AS known FROM register_funds WHERE fund_id = ?', [fundId]);
  if (known) return;
  const fund = await writer.writePath.lookup(Streams.fund(fundId), FundModel);
  if (fund.status !== 'open') throw new ApiError(404, 'NOT_FOUND', `No fund ${fundId}`, { entity: 'fund' });
}

// ---------------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------------

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

export function limitParam(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,3}$/.test(raw) || Number(raw) > MAX_PAGE_LIMIT) {
    throw validationFailed([{ field: 'limit', reason: `must be an integer from 1 to ${MAX_PAGE_LIMIT}` }]);
  }
  return Number(raw);
}

export function textParam(name: string, raw: unknown, maxLength = 200): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim().length === 0 || raw.length > maxLength) {
    throw validationFailed([{ field: name, reason: `must be a non-empty text of at most ${maxLength} characters` }]);
  }
  return raw;
}

export function enumParam<T extends string>(name: string, raw: unknown, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !allowed.includes(raw as T)) throw validationFailed([{ field: name, reason: `must be one of ${allowed.join(', ')}` }]);
  return raw as T;
}

/** A whole VND amount given as a plain decimal string, bound as a BigInt for exact matching: never a JS number. */
export function amountParam(raw: unknown): bigint | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,15}$/.test(raw)) {
    throw validationFailed([{ field: 'amount', reason: 'must be a whole VND amount as a decimal string, e.g. "1500000"' }]);
  }
  return BigInt(raw);
}

/**
 * A bound of a period as epoch milliseconds. An ISO timestamp with offset is exact; a date
 * (YYYY-MM-DD) is a Vietnamese calendar day: `from` starts it, `to` includes all of it.
 */
export function boundParam(name: 'from' | 'to', raw: unknown): number | undefined {
  try {
    return periodBound(name, raw);
  } catch (error) {
    if (error instanceof ReadArgumentError) throw validationFailed([{ field: error.field, reason: error.reason }]);
    throw error;
  }
}

export function periodParams(query: Record<string, unknown>): { fromMs: number | undefined; toMs: number | undefined } {
  const fromMs = boundParam('from', query.from);
  const toMs = boundParam('to', query.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw validationFailed([{ field: 'to', reason: 'must not be before from' }]);
  return { fromMs, toMs };
}

/** An opaque cursor: the keyset of the last row of a page, base64url JSON. */
export function encodeCursor(keys: (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

/** The keys of an opaque cursor, whatever their shape; 400 naming `field` when it is not one. */
export function decodeCursorKeys(raw: unknown, field = 'cursor'): unknown[] {
  const invalid = validationFailed([{ field, reason: 'is not a cursor this list gave out' }]);
  if (typeof raw !== 'string' || raw.length > 600 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid;
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(keys)) throw invalid;
  return keys;
}

export function decodeCursor(raw: unknown, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (raw === undefined) return undefined;
  const keys = decodeCursorKeys(raw);
  if (keys.length !== shape.length || keys.some((key, i) => typeof key !== shape[i])) {
    throw validationFailed([{ field: 'cursor', reason: 'is not a cursor this list gave out' }]);
  }
  return keys as (string | number)[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** The log position the page reflects. */
  position: number;
  limit: number;
}

/** Cuts the `limit + 1` rows a keyset query fetched into a page and the cursor of the next one. */
export function toPage<Row, T>(rows: Row[], limit: number, position: number, keysOf: (row: Row) => (string | number)[], present: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(present), nextCursor: more ? encodeCursor(keysOf(shown[shown.length - 1])) : null, position, limit };
}

// ---------------------------------------------------------------------------------------------
// Rows as the API shows them
// ---------------------------------------------------------------------------------------------

/**
 * Rows as registerRows reads them: money (amount_vnd, amount, spent, returned) is already a
 * decimal string of whole VND, read as a BigInt, never a JS number.
 */
type DonationRow = Record<string, string | number | null> & { received_at_ms: number; position: number };

function presentDonation(row: DonationRow) {
  return {
    donationId: row.donation_id, receiptNo: row.receipt_no, fundId: row.fund_id, fiscalYear: row.fiscal_year, receivedAt: row.received_at,
    component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id,
    restriction: row.restriction_purpose === null ? null : { purpose: row.restriction_purpose, beneficiary: row.restriction_beneficiary },
    channel: row.channel, currency: row.currency, amount: row.amount, fxRate: row.fx_rate, amountVnd: row.amount_vnd, cash: row.cash === 1,
    revenueCategory: row.revenue_category, inManagementCostBase: row.in_management_cost_base === 1,
    donor: {
      name: row.donor_name, kind: row.donor_kind, publicName: row.donor_public_name, taxCode: row.donor_tax_code,
      address: row.donor_address, contact: row.donor_contact,
    },
    publishedName: row.published_name, reference: row.reference,
    inKind: row.in_kind_json === null ? null : (JSON.parse(String(row.in_kind_json)) as unknown), note: row.note,
    reversed: row.reversed === 1,
    reversal: row.reversed === 1 ? { reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason } : null,
    position: row.position,
  };
}

type DisbursementRow = Record<string, string | number | null> & { requested_at_ms: number; position: number };

function presentDisbursement(row: DisbursementRow) {
  return {
    disbursementId: row.disbursement_id, fundId: row.fund_id, status: row.status, kind: row.kind, amount: row.amount,
    component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id, purpose: row.purpose, beneficiary: row.beneficiary,
    certificationRef: row.certification_ref, note: row.note, approvalsRequired: row.approvals_required, approvalsCount: row.approvals_count,
    fiscalYear: row.fiscal_year, requestedBy: row.requested_by, requestedAt: row.requested_at, approvedAt: row.approved_at,
    rejectedAt: row.rejected_at, rejectionReason: row.rejection_reason, paidAt: row.paid_at, paymentReference: row.payment_reference,
    reversal: row.reversal_id === null ? null : { reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason },
    position: row.position,
  };
}

type ReleaseRow = Record<string, string | number | null> & { released_at_ms: number; settle_by_ms: number; position: number };

function presentRelease(row: ReleaseRow, nowMs: number) {
  return {
    releaseId: row.release_id, fundId: row.fund_id, status: row.status, overdue: row.status === 'open' && row.settle_by_ms < nowMs,
    amount: row.amount, component: row.component, campaignId: row.campaign_id, restrictionId: row.restriction_id,
    incident: row.incident, recipient: row.recipient, note: row.note, releasedBy: row.released_by, releasedAt: row.released_at, settleBy: row.settle_by,
    spent: row.spent, returned: row.returned,
    evidence: row.evidence_json === null ? [] : (JSON.parse(String(row.evidence_json)) as unknown), settledAt: row.settled_at,
    ...releaseLateness(row, nowMs),
    reversal: row.reversal_id === null || row.reversal_id === undefined ? null : { reversalId: row.reversal_id, reversedAt: row.reversed_at, reason: row.reversal_reason },
    position: row.position,
  };
}

/**
 * Late: settled after settleBy (days stored with the settlement, by business date), or open
 * past settleBy at the reference date of the query (days counted to it).
 */
function releaseLateness(row: ReleaseRow, nowMs: number): { late: boolean; daysOverdue: number } {
  if (row.status === 'settled') {
    const days = Number(row.days_overdue ?? 0);
    return { late: days > 0, daysOverdue: days };
  }
  if (row.status !== 'open' || row.settle_by_ms >= nowMs) return { late: false, daysOverdue: 0 };
  return { late: true, daysOverdue: wholeDaysLate(String(row.settle_by), new Date(nowMs).toISOString()) };
}

/** Whether the campaign's or the amount's index range is shorter than `entries`, counted no further than that. */
function shorterFilterRange(db: Database.Database, fundId: string, filters: { campaignId?: string; amount?: bigint }, entries: number): boolean {
  const ranges: [string, string, SqlParameter][] = [];
  if (filters.campaignId !== undefined) ranges.push(['register_donations_by_campaign', 'campaign_id', filters.campaignId]);
  if (filters.amount !== undefined) ranges.push(['register_donations_by_amount', 'amount_vnd', filters.amount]);
  return ranges.some(([index, column, value]) => {
    const counted = registerRow<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM register_donations INDEXED BY ${index}
      WHERE fund_id = ? AND ${column} = ? LIMIT ${entries})`, [fundId, value]);
    return Number(counted?.n ?? 0) < entries;
  });
}

/** Builds `WHERE … ORDER BY … LIMIT` for a keyset page over (dateColumn, position). */
class KeysetQuery {
  readonly where: string[] = [];
  readonly params: SqlParameter[] = [];

  constructor(readonly table: string, readonly dateColumn: string, fundId: string) {
    this.add('fund_id = ?', fundId);
  }

  add(condition: string, ...params: SqlParameter[]): this {
    this.where.push(condition);
    this.params.push(...params);
    return this;
  }

  period(fromMs: number | undefined, toMs: number | undefined): this {
    if (fromMs !== undefined) this.add(`${this.dateColumn} >= ?`, fromMs);
    if (toMs !== undefined) this.add(`${this.dateColumn} <= ?`, toMs);
    return this;
  }

  after(cursor: (string | number)[] | undefined): this {
    if (cursor) this.add(`(${this.dateColumn} > ? OR (${this.dateColumn} = ? AND position > ?))`, cursor[0], cursor[0], cursor[1]);
    return this;
  }

  sql(limit: number): string {
    return `SELECT * FROM ${this.table} WHERE ${this.where.join(' AND ')} ORDER BY ${this.dateColumn}, position LIMIT ${limit + 1}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

const PAGE_QUERIES: MethodDecorator[] = [ApiPageQueries(DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT)];
const PERIOD_QUERIES: MethodDecorator[] = [ApiPeriodQueries()];
const apply = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorator of decorators) decorator(target, key, descriptor);
};

@ApiTags('registers')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class RegistersController {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    private readonly writer: LedgerWriter,
  ) {}

  @Get('donations')
  @Roles('any')
  @ApiOperation({
    summary: 'The donation register, oldest first by receivedAt; donor: each word begins a word of the name or public name, '
      + 'in any order, with or without diacritics',
  })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, DonationPageResponse, 'A page of the donation register')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiCampaignIdQuery('Only donations to this campaign')
  @ApiQuery({
    name: 'donor', required: false, type: String, example: 'nguyen van',
    description: 'words of the donor\'s name or public name, each a word or its beginning, in any order, diacritics optional: '
      + '"nguyen van" and "van ng" find "Nguyễn Văn An"; a fragment inside a word ("uyen") does not',
  })
  @ApiQuery({ name: 'reference', required: false, type: String, description: 'the bank or receipt reference, case-insensitive', example: 'FT24133XYZ' })
  @ApiQuery({ name: 'amount', required: false, type: String, description: 'exact VND amount (decimal string)', example: '1500000' })
  async donations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const cursor = decodeCursor(query.cursor, ['number', 'number']);
    const { fromMs, toMs } = periodParams(query);
    const campaignId = query.campaignId === undefined ? undefined : slugParam('campaignId', String(query.campaignId));
    const donor = textParam('donor', query.donor);
    const reference = textParam('reference', query.reference, 100);
    const amount = amountParam(query.amount);
    const runners = [this.projections.tableRunner(DonationRegisterProjection), this.projections.tableRunner(FundRegisterProjection)];
    const position = await alignTables(runners, positionParam('minPosition', query.minPosition));
    await ensureFundExists(runners[1], this.writer, fundId);
    const conditions: { sql: string; params: SqlParameter[] }[] = [];
    if (campaignId !== undefined) conditions.push({ sql: 'campaign_id = ?', params: [campaignId] });
    if (reference !== undefined) conditions.push({ sql: 'reference_normalized = ?', params: [normalizeReference(reference)] });
    if (amount !== undefined) conditions.push({ sql: 'amount_vnd = ?', params: [amount] });
    const words = donor === undefined ? [] : nameTokens(donor);
    const db = runners[0].db;
    const walked = words.length === 0 || reference !== undefined ? undefined : chooseDonorWord(db, fundId, words);
    // The donor index drives unless a filter of the register's own indexes is shorter (a reference always is).
    if (walked !== undefined && !shorterFilterRange(db, fundId, { campaignId, amount }, walked.entries)) {
      conditions.push(...words.filter((word) => word !== walked.word).map(donorWordCondition));
      const rows = walkDonorWord<DonationRow>(db, fundId, walked.tokens, {
        conditions: conditions.map((c) => c.sql), params: conditions.flatMap((c) => c.params), fromMs, toMs, after: cursor, limit,
      });
      return toPage(rows, limit, position, (row) => [row.received_at_ms, row.position], presentDonation);
    }
    conditions.push(...words.map(donorWordCondition));
    const select = new KeysetQuery('register_donations', 'received_at_ms', fundId).period(fromMs, toMs);
    for (const condition of conditions) select.add(condition.sql, ...condition.params);
    select.after(cursor);
    const rows = registerRows<DonationRow>(db, select.sql(limit), select.params);
    return toPage(rows, limit, position, (row) => [row.received_at_ms, row.position], presentDonation);
  }

  @Get('disbursements')
  @Roles('any')
  @ApiOperation({ summary: 'The disbursement register, oldest request first; from/to bound the request date' })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, DisbursementPageResponse, 'A page of the disbursement register')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiEnumQuery('status', DISBURSEMENT_STATUSES, 'Only disbursements in this status', 'approved')
  @ApiEnumQuery('kind', DISBURSEMENT_KINDS, 'Only disbursements of this kind', 'humanitarian')
  @ApiCampaignIdQuery('Only disbursements of this campaign')
  async disbursements(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const cursor = decodeCursor(query.cursor, ['number', 'number']);
    const { fromMs, toMs } = periodParams(query);
    const status = enumParam('status', query.status, DISBURSEMENT_STATUSES);
    const kind = enumParam('kind', query.kind, DISBURSEMENT_KINDS);
    const campaignId = query.campaignId === undefined ? undefined : slugParam('campaignId', String(query.campaignId));
    const runners = [this.projections.tableRunner(DisbursementRegisterProjection), this.projections.tableRunner(FundRegisterProjection)];
    const position = await alignTables(runners, positionParam('minPosition', query.minPosition));
    await ensureFundExists(runners[1], this.writer, fundId);
    const select = new KeysetQuery('register_disbursements', 'requested_at_ms', fundId).period(fromMs, toMs);
    if (status !== undefined) select.add('status = ?', status);
    if (kind !== undefined) select.add('kind = ?', kind);
    if (campaignId !== undefined) select.add('campaign_id = ?', campaignId);
    select.after(cursor);
    const rows = registerRows<DisbursementRow>(runners[0].db, select.sql(limit), select.params);
    return toPage(rows, limit, position, (row) => [row.requested_at_ms, row.position], presentDisbursement);
  }

  @Get('emergency-releases')
  @Roles('any')
  @ApiOperation({
    summary: 'Emergency releases, oldest first. status=open: not settled (overdue ones included, flagged); '
      + 'overdue: not settled and past settleBy at the time of the query; settled; cancelled (reversed while open). '
      + 'late/daysOverdue: settled after settleBy (days by business date), or open past it at the time of the query',
  })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, ReleasePageResponse, 'A page of the emergency releases')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiEnumQuery('status', ['open', 'overdue', 'settled', 'cancelled'], 'Only releases in this state (see above)', 'open')
  @ApiCampaignIdQuery('Releases of the campaign, also those that named only its pool')
  async emergencyReleases(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const cursor = decodeCursor(query.cursor, ['number', 'number']);
    const { fromMs, toMs } = periodParams(query);
    const status = enumParam('status', query.status, ['open', 'overdue', 'settled', 'cancelled'] as const);
    const campaignId = query.campaignId === undefined ? undefined : slugParam('campaignId', String(query.campaignId));
    const runners = [this.projections.tableRunner(EmergencyRegisterProjection), this.projections.tableRunner(FundRegisterProjection)];
    const position = await alignTables(runners, positionParam('minPosition', query.minPosition));
    await ensureFundExists(runners[1], this.writer, fundId);
    // Overdue depends on the clock, not on the log: compared with the server's now, at query time.
    const nowMs = Date.now();
    const select = new KeysetQuery('register_emergency_releases', 'released_at_ms', fundId).period(fromMs, toMs);
    if (status === 'open') select.add("status = 'open'");
    if (status === 'settled') select.add("status = 'settled'");
    if (status === 'cancelled') select.add("status = 'cancelled'");
    if (status === 'overdue') select.add("status = 'open' AND settle_by_ms < ?", nowMs);
    if (campaignId !== undefined) select.add('campaign_id = ?', campaignId);
    select.after(cursor);
    const rows = registerRows<ReleaseRow>(runners[0].db, select.sql(limit), select.params);
    return toPage(rows, limit, position, (row) => [row.released_at_ms, row.position], (row) => presentRelease(row, nowMs));
  }
}
