import { decodePublicCursor, type PublicCursor, type PublicDonationFilters } from '../read-side/public-queries';
import { type CursorKeys, decodeCursor, decodeRowKeyCursor } from '../read-side/sql/cursor';
import { periodBound } from '../reports/report-period';
import type { ListFilters } from '../read-side/register-queries';
import { validationFailed } from './api-error';
import { fundParam, slugParam } from './controllers/params';

/** Query parameters of the read routes: each parsed, or refused with 400 naming the field and the reason. */

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
  return periodBound(name, raw);
}

export function periodParams(query: Record<string, unknown>): { fromMs: number | undefined; toMs: number | undefined } {
  const fromMs = boundParam('from', query.from);
  const toMs = boundParam('to', query.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw validationFailed([{ field: 'to', reason: 'must not be before from' }]);
  return { fromMs, toMs };
}

/** The cursor of a register list, whose keys have this shape; undefined when absent. */
export function cursorParam(raw: unknown, shape: readonly ('string' | 'number')[]): CursorKeys | undefined {
  return decodeCursor(raw, shape);
}

/** The row key of a cursor of `list` (decodeRowKeyCursor); null when absent. */
export function rowKeyCursorParam(raw: unknown, list: string): readonly [number, number] | null {
  return decodeRowKeyCursor(raw, list) ?? null;
}

/** A cursor the public search gave out, for these filters; undefined when absent. */
export function publicCursorParam(raw: unknown, filters: PublicDonationFilters): PublicCursor | undefined {
  return decodePublicCursor(raw, filters);
}

/** What every register list takes, parsed in this order: the fund, `limit`, `cursor`, `from` and `to`. */
export function listParams(fundIdRaw: string, query: Record<string, unknown>): ListFilters {
  const fundId = fundParam(fundIdRaw);
  const limit = limitParam(query.limit);
  const cursor = cursorParam(query.cursor, ['number', 'number']);
  const { fromMs, toMs } = periodParams(query);
  return { fundId, limit, cursor, fromMs, toMs };
}

/** `?campaignId=`, a slug; undefined when absent. */
export function campaignParam(raw: unknown): string | undefined {
  return raw === undefined ? undefined : slugParam('campaignId', String(raw));
}
