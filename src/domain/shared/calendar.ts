/**
 * Business calendar of the fund. The fiscal year is the calendar year (Accounting Law Art. 12)
 * in Vietnam's time zone (UTC+7, no daylight saving), whatever offset a timestamp was sent with.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export function fiscalYearOf(isoTimestamp: string): number {
  const instant = Date.parse(isoTimestamp);
  if (Number.isNaN(instant)) throw new Error(`Not a timestamp: ${isoTimestamp}`);
  return new Date(instant + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** Vietnam calendar date (yyyy-mm-dd) of an instant. */
export function vietnamDateOf(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

export function instantOf(isoTimestamp: string): number {
  return Date.parse(isoTimestamp);
}

export function addDays(isoTimestamp: string, days: number): string {
  return new Date(Date.parse(isoTimestamp) + days * DAY_MS).toISOString();
}
