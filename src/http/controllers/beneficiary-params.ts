import { requestHashOf, type CommandMetadata } from '../../command-handling/command-metadata';
import { BENEFICIARY_LIST_KINDS } from '../../domain/beneficiaries/beneficiaries.events';
import { isCalendarDate } from '../../domain/shared/calendar';
import { NEED_CATEGORIES } from '../../domain/spending/spending.events';
import { SLUG_PATTERN } from '../../domain/streams';
import type { PublicBeneficiaryPage } from '../../read-side/beneficiary-queries';
import { encodeRowKeyCursor } from '../../read-side/sql/cursor';
import { type FieldProblem, validationFailed } from '../api-error';
import { enumParam, limitParam, rowKeyCursorParam, textParam } from '../query-params';
import { REPORT_FORMATS } from '../../reports';

/** Query parameters of the beneficiary routes: each parsed, or refused with 400 naming the field and the reason. */

const LIST_QUERY_FIELDS = new Set(['commune', 'listKind', 'certificationRef']);
const LIST_ID = /^DS-\d{4,}$/;

/** What a commune list is, as its import names it (R11: the commune's certification is required). */
export interface BeneficiaryListQuery {
  commune: string;
  listKind: string;
  certificationRef: string;
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationFailed([{ field: name, reason: 'must be given once' }]);
  return value;
}

/** The query of a list import: every problem of it at once, an unknown field among them. */
export function beneficiaryListOf(query: Record<string, unknown>): BeneficiaryListQuery {
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(query)) if (!LIST_QUERY_FIELDS.has(name)) problems.push({ field: name, reason: 'unknown field' });
  const commune = single(query, 'commune')?.trim() ?? '';
  const listKind = single(query, 'listKind') ?? '';
  const certificationRef = single(query, 'certificationRef')?.trim() ?? '';
  if (commune === '' || commune.length > 200) problems.push({ field: 'commune', reason: 'is required (at most 200 characters)' });
  if (!(BENEFICIARY_LIST_KINDS as readonly string[]).includes(listKind)) problems.push({ field: 'listKind', reason: `must be one of ${BENEFICIARY_LIST_KINDS.join(', ')}` });
  if (certificationRef === '' || certificationRef.length > 200) problems.push({ field: 'certificationRef', reason: 'is required: the commune People\'s Committee certification of the list (R11)' });
  if (problems.length > 0) throw validationFailed(problems);
  return { commune, listKind, certificationRef };
}

/**
 * The metadata of a list import: a keyed request is recognised by its fund, its query and the
 * file's sha256, since its body is the file (see fileRouteMetadataOf).
 */
export function listImportMetadata(meta: CommandMetadata, fundId: string, list: BeneficiaryListQuery, sha256: string): CommandMetadata {
  return meta.idempotencyKey === null ? meta : { ...meta, requestHash: requestHashOf({ route: 'beneficiary-lists', fundId, list, sha256 }) };
}

/** The beneficiary a hand-over route names in its path. */
export function beneficiaryIdParam(raw: string): string {
  return textParam('beneficiaryId', raw, 64) as string;
}

function pageParam(name: string, raw: unknown, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d{1,7}$/.test(raw) || Number(raw) > max) throw validationFailed([{ field: name, reason: `must be a whole number from 0 to ${max}` }]);
  return Number(raw);
}

function dayParam(name: string, raw: unknown): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !isCalendarDate(raw)) throw validationFailed([{ field: name, reason: 'must be a date YYYY-MM-DD (Vietnam time)' }]);
  return raw;
}

/** A page of the registry (`listId`, `q`, `offset`, `limit`), checked in that order. */
export function registryPageOf(query: Record<string, unknown>): { listId?: string; q?: string; offset: number; limit: number } {
  const listId = textParam('listId', query.listId, 40);
  const q = textParam('q', query.q, 200);
  return { listId, q, offset: pageParam('offset', query.offset, 0, 10_000_000), limit: pageParam('limit', query.limit, 200, 1000) };
}

/** What the coverage report asks: a list and a need (both required), its format, and the days it covers. */
export function coverageQueryOf(query: Record<string, unknown>) {
  const listId = textParam('listId', query.listId, 40);
  if (listId === undefined || !LIST_ID.test(listId)) throw validationFailed([{ field: 'listId', reason: 'is required: a list such as DS-0001' }]);
  const need = enumParam('need', query.need, NEED_CATEGORIES);
  if (need === undefined) throw validationFailed([{ field: 'need', reason: `is required: one of ${NEED_CATEGORIES.join(', ')}` }]);
  const format = enumParam('format', query.format, REPORT_FORMATS) ?? 'json';
  return { listId, need, format, from: dayParam('from', query.from), to: dayParam('to', query.to) };
}

/** The public list's `campaignId`: a campaign slug, or null for every campaign. */
export function publicCampaignParam(raw: unknown): string | null {
  const campaignId = textParam('campaignId', raw, 64) ?? null;
  if (campaignId !== null) campaignSlugParam(campaignId);
  return campaignId;
}

/** A campaign named in the path of the public list. */
export function campaignSlugParam(campaignId: string): string {
  if (!SLUG_PATTERN.test(campaignId)) throw validationFailed([{ field: 'campaignId', reason: 'must be a campaign slug' }]);
  return campaignId;
}

/** Tags the public list's cursors, so a cursor of another list is refused rather than misread. */
const BENEFICIARY_CURSOR = 'beneficiaries';

/** A page of the public list: `limit`, `commune` and `cursor`, checked in that order. */
export function publicBeneficiaryPageOf(query: Record<string, unknown>): PublicBeneficiaryPage {
  const limit = limitParam(query.limit);
  const commune = textParam('commune', query.commune) ?? null;
  return { commune, limit, after: rowKeyCursorParam(query.cursor, BENEFICIARY_CURSOR) };
}

/** The cursor of the public list's next page, which publicBeneficiaryPageOf reads back; null on the last page. */
export function publicBeneficiaryCursor(next: readonly [number, number] | null): string | null {
  return next === null ? null : encodeRowKeyCursor(BENEFICIARY_CURSOR, next);
}
