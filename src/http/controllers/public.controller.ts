import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BalanceProjection } from '../../../projections/balance.projection';
import { DonationRegisterProjection, normalizeReference } from '../../../projections/donation-register.projection';
import { FundRegisterProjection } from '../../../projections/fund-register.projection';
import { nameTokens } from '../../../projections/table-projection';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { ApiError, validationFailed } from '../api-error';
import { Public } from '../auth/roles.decorator';
import { awaitPosition, positionParam } from '../read-consistency';
import { fundParam } from './params';
import {
  alignTables, amountParam, boundParam, containsPattern, decodeCursor, encodeCursor, ensureFundExists, limitParam, textParam,
} from './registers.controller';

/**
 * The only columns a public answer is built from. Contact, tax code, address and the donor's
 * own name are never selected, so no later change to the presenter can leak them.
 */
const PUBLIC_COLUMNS = [
  'd.receipt_no', 'd.received_at', 'd.received_at_ms', 'd.position', 'd.amount_vnd', 'd.currency', 'd.amount', 'd.channel',
  'd.published_name', 'd.reference', 'd.campaign_id', 'd.restriction_purpose', 'd.in_kind_json',
].join(', ');

export interface PublicDonationFilters {
  fundId: string;
  /** Words of a name fragment, folded: every word but the last is whole, the last may be a prefix. */
  nameWords: string[];
  reference?: string;
  amountVnd?: number;
  fromMs?: number;
  toMs?: number;
  cursor?: (string | number)[];
  limit: number;
}

/**
 * The SQL of the public donation search. With a name, it walks the token index from the prefix
 * of the longest word, ordered by (token, receivedAt, position), so even a common surname at a
 * million donations is answered by an index range that stops at `limit`. Without a name it
 * walks the (reference | amount | date) index. Reversed donations are never shown.
 */
export function publicDonationQuery(filters: PublicDonationFilters): { sql: string; params: (string | number)[]; byToken: boolean } {
  const where: string[] = ['d.reversed = 0'];
  const params: (string | number)[] = [];
  const add = (condition: string, ...values: (string | number)[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (filters.reference !== undefined) add('d.reference_normalized = ?', filters.reference);
  if (filters.amountVnd !== undefined) add('d.amount_vnd = ?', filters.amountVnd);
  if (filters.nameWords.length === 0) {
    where.unshift('d.fund_id = ?');
    params.unshift(filters.fundId);
    if (filters.fromMs !== undefined) add('d.received_at_ms >= ?', filters.fromMs);
    if (filters.toMs !== undefined) add('d.received_at_ms <= ?', filters.toMs);
    if (filters.cursor) add('(d.received_at_ms > ? OR (d.received_at_ms = ? AND d.position > ?))', filters.cursor[0], filters.cursor[0], filters.cursor[1]);
    const sql = `SELECT ${PUBLIC_COLUMNS} FROM register_donations d WHERE ${where.join(' AND ')} ORDER BY d.received_at_ms, d.position LIMIT ${filters.limit + 1}`;
    return { sql, params, byToken: false };
  }
  const driver = [...filters.nameWords].sort((a, b) => b.length - a.length)[0];
  for (const word of filters.nameWords) add("d.published_name_folded LIKE ? ESCAPE '\\'", containsPattern(word));
  if (filters.fromMs !== undefined) add('t.received_at_ms >= ?', filters.fromMs);
  if (filters.toMs !== undefined) add('t.received_at_ms <= ?', filters.toMs);
  if (filters.cursor) {
    const [token, ms, position] = filters.cursor;
    add('(t.token > ? OR (t.token = ? AND (t.received_at_ms > ? OR (t.received_at_ms = ? AND t.position > ?))))', token, token, ms, ms, position);
  }
  const sql = `SELECT ${PUBLIC_COLUMNS}, t.token AS token FROM register_donation_name_tokens t
    JOIN register_donations d ON d.donation_id = t.donation_id
    WHERE t.fund_id = ? AND t.token >= ? AND t.token < ? AND ${where.join(' AND ')}
    ORDER BY t.token, t.received_at_ms, t.position LIMIT ${filters.limit + 1}`;
  return { sql, params: [filters.fundId, driver, `${driver}\u{10FFFF}`, ...params], byToken: true };
}

type PublicRow = Record<string, string | number | null> & { received_at_ms: number; position: number; token?: string };

function presentPublicDonation(row: PublicRow) {
  const inKind = row.in_kind_json === null ? null : (JSON.parse(String(row.in_kind_json)) as { description: string; quantity: string; unit: string });
  return {
    receiptNo: row.receipt_no, receivedAt: row.received_at, amountVnd: String(row.amount_vnd), currency: row.currency, amount: row.amount,
    channel: row.channel, donorName: row.published_name, reference: row.reference, campaignId: row.campaign_id, purpose: row.restriction_purpose,
    inKind: inKind === null ? null : { description: inKind.description, quantity: inKind.quantity, unit: inKind.unit },
  };
}

@ApiTags('public transparency')
@Controller('v1/public/funds/:fundId')
export class PublicController {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    private readonly writer: LedgerWriter,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Public totals of a fund: received, in kind, disbursed, held, outstanding emergency money, available, by campaign' })
  @ApiQuery({ name: 'minPosition', required: false })
  async totals(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const minPosition = positionParam('minPosition', query.minPosition);
    const balance = this.projections.runner(BalanceProjection);
    await awaitPosition(balance, minPosition);
    const fundRunner = this.projections.tableRunner(FundRegisterProjection);
    await alignTables([fundRunner], minPosition);
    const fund = balance.current.funds[fundId];
    const named = fundRunner.db.prepare('SELECT name, chapter FROM register_funds WHERE fund_id = ?').get(fundId) as { name: string; chapter: string | null } | undefined;
    if (!fund && !named) throw new ApiError(404, 'NOT_FOUND', `No fund ${fundId}`, { entity: 'fund' });
    const figures = (f: { received: string; disbursed: string; held: string; outstandingEmergency: string; available: string } | undefined) => ({
      received: f?.received ?? '0', disbursed: f?.disbursed ?? '0', held: f?.held ?? '0',
      outstandingEmergency: f?.outstandingEmergency ?? '0', available: f?.available ?? '0',
    });
    return {
      fundId, name: named?.name ?? null, chapter: named?.chapter ?? null, asOfPosition: balance.appliedPosition, currency: 'VND',
      ...figures(fund), inKindReceived: fund?.inKindReceived ?? '0',
      byCampaign: Object.fromEntries(Object.entries(fund?.campaigns ?? {}).map(([id, f]) => [id, figures(f)])),
    };
  }

  @Get('donations')
  @Public()
  @ApiOperation({
    summary: 'Find a donation: by reference, exact VND amount, date (YYYY-MM-DD, Vietnam time) and a fragment of the published donor name. '
      + 'Shows only what donors chose to publish; anonymous donors appear as "Ẩn danh" and cannot be found by name.',
  })
  @ApiQuery({ name: 'q', required: false, description: 'name fragment, diacritics optional: "nguyen van a"' })
  @ApiQuery({ name: 'reference', required: false })
  @ApiQuery({ name: 'amount', required: false })
  @ApiQuery({ name: 'date', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'minPosition', required: false })
  async donations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const q = textParam('q', query.q, 100);
    const nameWords = q === undefined ? [] : nameTokens(q);
    if (q !== undefined && nameWords.length === 0) throw validationFailed([{ field: 'q', reason: 'must contain a letter or digit' }]);
    const reference = textParam('reference', query.reference, 100);
    const amountVnd = amountParam(query.amount);
    if (query.date !== undefined && (typeof query.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(query.date))) {
      throw validationFailed([{ field: 'date', reason: 'must be a date YYYY-MM-DD' }]);
    }
    const fromMs = boundParam('from', query.date);
    const toMs = boundParam('to', query.date);
    const cursor = decodeCursor(query.cursor, nameWords.length > 0 ? ['string', 'number', 'number'] : ['number', 'number']);
    const runners = [this.projections.tableRunner(DonationRegisterProjection), this.projections.tableRunner(FundRegisterProjection)];
    const position = await alignTables(runners, positionParam('minPosition', query.minPosition));
    await ensureFundExists(runners[1], this.writer, fundId);
    const built = publicDonationQuery({
      fundId, nameWords, reference: reference === undefined ? undefined : normalizeReference(reference), amountVnd, fromMs, toMs, cursor, limit,
    });
    const rows = runners[0].db.prepare(built.sql).all(...built.params) as PublicRow[];
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const last = shown[shown.length - 1];
    const keys = built.byToken ? [String(last?.token), last?.received_at_ms, last?.position] : [last?.received_at_ms, last?.position];
    // A donation whose name has two words sharing the prefix appears once per word: show it once.
    const seen = new Set<string>();
    const items = shown.filter((row) => !seen.has(String(row.receipt_no)) && seen.add(String(row.receipt_no))).map(presentPublicDonation);
    return { items, nextCursor: more ? encodeCursor(keys as (string | number)[]) : null, position, limit };
  }
}
