/**
 * Money, amounts and dates as Vietnamese staff read and type them. Money stays a decimal string
 * end to end (the API's own form); arithmetic is done on integers (BigInt), never on floats.
 */

const VIETNAM = 'Asia/Ho_Chi_Minh';

/** Groups the digits of a whole number by thousands with dots: 1500000 → 1.500.000. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal string in Vietnamese notation: thousands with dots, the fraction after a comma. */
export function formatNumber(value: string): string {
  const negative = value.startsWith('-');
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.');
  const shown = groupThousands(whole) + (fraction ? `,${fraction}` : '');
  return negative ? `-${shown}` : shown;
}

/** ISO 4217 minor units where they are not 2 (the ledger refuses currencies it does not know). */
const SCALE_NOT_TWO: Readonly<Record<string, number>> = { VND: 0, JPY: 0, KRW: 0, KWD: 3, BHD: 3 };

/** A decimal string with exactly `scale` decimals (padded; the ledger never stores more). */
function atScale(value: string, scale: number): string {
  const [whole, fraction = ''] = value.split('.');
  return scale === 0 || fraction.length > scale ? value : `${whole}.${fraction.padEnd(scale, '0')}`;
}

/** A VND amount as `1.500.000 ₫`; another currency at its scale, as `250,75 USD` or `100,00 USD`. */
export function formatMoney(value: string | null | undefined, currency = 'VND'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (currency === 'VND') return `${formatNumber(value)} ₫`;
  return `${formatNumber(atScale(value, SCALE_NOT_TWO[currency] ?? 2))} ${currency}`;
}

/** Whole amounts with commas between groups of three digits, as English-language apps print them. */
export const COMMA_THOUSANDS = /^\d{1,3}(,\d{3})+$/;

/**
 * What a person typed, as the API's decimal string, or null when it is not an amount.
 * `1.500.000`, `1500000` and `1 500 000` are one million five hundred thousand; a fraction
 * comes after a comma (`250,75`) or, when the dots cannot be thousands, a point (`250.75`).
 * Commas before groups of three digits (`50,000`, as banks' apps print amounts) are refused: read
 * as a fraction they would record 50 đồng, read as thousands they would misread `1,500` KWD.
 */
export function parseAmount(typed: string): string | null {
  const text = typed.trim().replace(/[\s\u00a0]/g, '').replace(/₫|đ$/i, '');
  if (text === '' || COMMA_THOUSANDS.test(text)) return null;
  let canonical: string;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) canonical = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(,\d+)?$/.test(text)) canonical = text.replace(',', '.');
  else if (/^\d+\.\d+$/.test(text)) canonical = text;
  else return null;
  const [whole, fraction] = canonical.split('.');
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction?.replace(/0+$/, '');
  return trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole;
}

/** -1, 0 or 1 as decimal string `a` is below, equal to or above `b`: exact, never through a float. */
export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const [x, y] = [scaled(a, scale), scaled(b, scale)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A decimal string as an integer scaled by 10^scale. */
function scaled(value: string, scale: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
}

/** amount × rate rounded half-up to the dong, as the ledger rounds a foreign donation. */
export function vndOf(amount: string, rate: string): string {
  const amountScale = (amount.split('.')[1] ?? '').length;
  const rateScale = (rate.split('.')[1] ?? '').length;
  const product = scaled(amount, amountScale) * scaled(rate, rateScale);
  const divisor = 10n ** BigInt(amountScale + rateScale);
  return ((product * 2n + divisor) / (divisor * 2n)).toString();
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: VIETNAM, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: VIETNAM, hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant or a date as dd/mm/yyyy in Vietnam time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return Number.isNaN(instant.getTime()) ? value : dateFormat.format(instant);
}

/** An instant as dd/mm/yyyy hh:mm in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : `${dateFormat.format(instant)} ${timeFormat.format(instant)}`;
}

/** Today's date in Vietnam time as dd/mm/yyyy. */
export function todayShown(now: Date = new Date()): string {
  return dateFormat.format(now);
}

/** The day, month and year typed as dd/mm/yyyy (or d-m-yyyy, d.m.yyyy), whether or not the calendar has that day; null for anything else. */
export function typedDateParts(typed: string): { day: number; month: number; year: number } | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed.trim());
  return match ? { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) } : null;
}

/** `dd/mm/yyyy` (or `d/m/yyyy`) as `YYYY-MM-DD`, or null when it is not a calendar date. */
export function parseDate(typed: string): string | null {
  const parts = typedDateParts(typed);
  if (!parts) return null;
  const { day, month, year } = parts;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A moment typed by a person as dd/mm/yyyy hh:mm, Vietnam time, as the ISO 8601 instant with its
 * offset the API reads (`recordedBefore`); null when it is not one.
 */
export function parseDateTime(typed: string): string | null {
  const match = /^(\S+)\s+(\d{1,2}):(\d{2})$/.exec(typed.trim());
  if (!match) return null;
  const date = parseDate(match[1]);
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (date === null || hour > 23 || minute > 59) return null;
  return `${date}T${String(hour).padStart(2, '0')}:${match[3]}:00+07:00`;
}

/**
 * A business date typed by a person as the instant sent to the API: today means now (so a
 * payment recorded today is never dated before its request of this morning), another day its
 * noon in Vietnam time.
 */
export function businessInstant(date: string, now: Date = new Date()): string {
  const today = parseDate(todayShown(now));
  if (date === today) return now.toISOString();
  return `${date}T12:00:00+07:00`;
}

/**
 * The business date of a correction dated back to a day: an earlier day's last second (Vietnam
 * time), so that it comes after whatever that day recorded; null for today, which the ledger dates
 * by its own clock (a retry under the same idempotency key then sends the same request).
 */
export function correctionInstant(date: string, now: Date = new Date()): string | null {
  return date === parseDate(todayShown(now)) ? null : `${date}T23:59:59+07:00`;
}

/** Whole days from now until an instant (negative once it has passed). */
export function daysUntil(value: string, now: Date = new Date()): number {
  return Math.ceil((new Date(value).getTime() - now.getTime()) / 86_400_000);
}

/**
 * When a gift was received: a bank statement that prints the day alone gives midnight, Vietnam
 * time, which is no time of day the bank printed; such a day is shown without one.
 */
export function receivedShown(receivedAt: string): string {
  const vietnam = new Date(Date.parse(receivedAt) + 7 * 3_600_000);
  const midnight = vietnam.getUTCHours() === 0 && vietnam.getUTCMinutes() === 0 && vietnam.getUTCSeconds() === 0 && vietnam.getUTCMilliseconds() === 0;
  return midnight ? formatDate(receivedAt) : formatDateTime(receivedAt);
}
