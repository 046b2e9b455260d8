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

/** The Vietnam calendar day of an instant, as a day number (days since 1970-01-01 in Vietnam time). */
export function vietnamDayNumber(isoTimestamp: string): number {
  return Math.floor((Date.parse(isoTimestamp) + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** The calendar date (yyyy-mm-dd) of a Vietnam day number. */
export function dateOfVietnamDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Vietnam calendar date (yyyy-mm-dd) of an instant. */
export function vietnamDateOf(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An instant as Vietnam wall-clock time with its offset, `2024-09-12T09:30:00+07:00`: a timestamp
 * recorded in Vietnam time is given as recorded, one recorded in another offset (or `Z`) is
 * written in Vietnam time. Milliseconds are part of what was recorded: kept when there are any
 * (`2024-09-14T10:15:42.123+07:00`), as addDaysInOffsetOf does.
 */
export function vietnamTimestampOf(isoTimestamp: string): string {
  const instant = Date.parse(isoTimestamp);
  if (Number.isNaN(instant)) throw new Error(`Not a timestamp: ${isoTimestamp}`);
  if (isoTimestamp.endsWith('+07:00')) return isoTimestamp;
  const local = new Date(instant + VIETNAM_OFFSET_MS).toISOString();
  return `${local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23)}+07:00`;
}

/**
 * How a message shows a business date or timestamp: an instant in Vietnam time (vietnamTimestampOf),
 * so that two of them side by side compare at a glance; a day, or anything not a timestamp, as given.
 */
export function shownInVietnamTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)) ? vietnamTimestampOf(value) : value;
}

/** Why a business date is refused as in the future (FUTURE_DATE), as isFutureBusinessDate decides it. */
export function futureDateMessage(field: string, businessDate: string): string {
  return DATE_ONLY.test(businessDate)
    ? `${field} ${businessDate} is later than tomorrow (Vietnam time)`
    : `${field} ${shownInVietnamTime(businessDate)} is more than 24 hours after now`;
}

export function instantOf(isoTimestamp: string): number {
  return Date.parse(isoTimestamp);
}

export function addDays(isoTimestamp: string, days: number): string {
  return new Date(Date.parse(isoTimestamp) + days * DAY_MS).toISOString();
}

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * `isoTimestamp` plus `days`, written in the offset `like` was written in (Vietnam time when it
 * carries none), so an answer reads in the caller's own clock.
 */
export function addDaysInOffsetOf(like: string, days: number): string {
  const instant = Date.parse(like) + days * DAY_MS;
  const suffix = OFFSET_SUFFIX.exec(like)?.[1] ?? '+07:00';
  const offsetMinutes = suffix === 'Z' ? 0 : (suffix.startsWith('-') ? -1 : 1) * (Number(suffix.slice(1, 3)) * 60 + Number(suffix.slice(4, 6)));
  const local = new Date(instant + offsetMinutes * 60_000).toISOString();
  const withoutZone = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  return `${withoutZone}${suffix}`;
}

/** True for a real calendar date written YYYY-MM-DD (not 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a business date lies later than tomorrow, Vietnam time (api-v2 "Dates"). A timestamp
 * counts as future when it is more than 24 hours after `now`; a date-only value when it falls
 * after tomorrow's Vietnam date. The day of slack lets a payment made late in the evening be
 * entered with the next morning's bank value date without being refused.
 */
export function isFutureBusinessDate(businessDate: string, now: string): boolean {
  if (DATE_ONLY.test(businessDate)) return businessDate > vietnamDateOf(addDays(now, 1));
  return instantOf(businessDate) > instantOf(now) + DAY_MS;
}

/**
 * Whole days a settlement came after its deadline, counted on Vietnam calendar dates (0 when it
 * came on or before the deadline's date).
 */
export function wholeDaysLate(deadline: string, businessDate: string): number {
  const days = (Date.parse(vietnamDateOf(businessDate)) - Date.parse(vietnamDateOf(deadline))) / DAY_MS;
  return days > 0 ? days : 0;
}
