import { fiscalYearOf } from '../../domain/shared/calendar';
import { ReadArgumentError, reportPeriod } from '../../reports/report-period';
import { validationFailed } from '../errors';

/** A period file spans at most this many fiscal years, so one request cannot read the whole log. */
const MAX_PERIOD_YEARS = 2;

/** `letter=1`: the thank-you letter instead of the receipt. */
export function letterParam(raw: unknown): boolean {
  if (raw === undefined || raw === '0') return false;
  if (raw === '1') return true;
  throw validationFailed([{ field: 'letter', reason: 'must be 1 (the thank-you letter) or 0' }]);
}

/** The period of a receipts file: `from` and `to`, both required (see reportPeriod). */
export function receiptPeriodParams(query: Record<string, unknown>): { fromMs: number; toMs: number } {
  const { fromMs, toMs } = reportPeriod(query.from, query.to);
  if (fromMs === null) throw new ReadArgumentError('from', 'is required');
  if (toMs === null) throw new ReadArgumentError('to', 'is required');
  return { fromMs, toMs };
}

/** The fiscal years a receipts file reads, in order; refused when the period spans more than MAX_PERIOD_YEARS of them. */
export function periodFiscalYears(fromMs: number, toMs: number): number[] {
  const firstYear = fiscalYearOf(new Date(fromMs).toISOString());
  const lastYear = fiscalYearOf(new Date(toMs).toISOString());
  if (lastYear - firstYear >= MAX_PERIOD_YEARS) throw validationFailed([{ field: 'to', reason: `must be within ${MAX_PERIOD_YEARS} fiscal years of from` }]);
  return Array.from({ length: lastYear - firstYear + 1 }, (_, index) => firstYear + index);
}
