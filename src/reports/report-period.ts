import type { ReportPeriod } from './report-model';

/** A bad argument of a read (a period bound, a report name): which one and why, for 400 or exit 2. */
export class ReadArgumentError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field} ${reason}`);
  }
}

const VIETNAM_OFFSET = '+07:00';
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The timestamps the API accepts: ISO 8601 with seconds optional and an explicit offset. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date YYYY-MM-DD (not 2024-02-30). */
function isCalendarDate(raw: string): boolean {
  const ms = Date.parse(`${raw}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === raw;
}

/**
 * A bound of a period as epoch milliseconds. An ISO timestamp with offset is exact; a date
 * (YYYY-MM-DD) is a Vietnamese calendar day: `from` starts it, `to` (and any other bound, such as
 * a business date `asOf`) includes all of it.
 * @throws ReadArgumentError naming `name`
 */
export function periodBound(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && DATE_ONLY.test(raw) && isCalendarDate(raw)) {
    const start = Date.parse(`${raw}T00:00:00${VIETNAM_OFFSET}`);
    return name === 'from' ? start : start + DAY_MS - 1;
  }
  if (typeof raw === 'string' && ISO_WITH_OFFSET.test(raw) && !Number.isNaN(Date.parse(raw))) return Date.parse(raw);
  throw new ReadArgumentError(name, 'must be a date (YYYY-MM-DD, Vietnam time) or an ISO 8601 timestamp with an offset');
}

/** `from` and `to` of a read, both optional; `to` before `from` is refused. */
export function reportPeriod(from: unknown, to: unknown): ReportPeriod {
  const fromMs = periodBound('from', from) ?? null;
  const toMs = periodBound('to', to) ?? null;
  if (fromMs !== null && toMs !== null && fromMs > toMs) throw new ReadArgumentError('to', 'must not be before from');
  return { fromMs, toMs };
}

/**
 * A report's period looked back at a business date `asOfMs` (api-v2 "Dates"): a report already
 * stands at its period's end, so an earlier asOf ends the period there and a later one changes
 * nothing; one before `from` is refused naming asOf.
 * @throws ReadArgumentError naming `asOf`
 */
export function periodAsOf(period: ReportPeriod, asOfMs: number | undefined): ReportPeriod {
  if (asOfMs === undefined) return period;
  if (period.fromMs !== null && asOfMs < period.fromMs) throw new ReadArgumentError('asOf', 'must not be before from');
  return { fromMs: period.fromMs, toMs: period.toMs === null ? asOfMs : Math.min(period.toMs, asOfMs) };
}
