/**
 * Cell values of bank statements: amounts, dates and free text as Vietnamese banks print them.
 * Every parser answers a value or a named problem; none of them throws on bad input.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const SPACING = /\s\s|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Removes diacritics (đ/Đ too), so "Số tiền ghi có" and "so tien ghi co" compare equal. */
export function foldDiacritics(text: string): string {
  // Most memos are already ASCII (banks strip accents): skip the Unicode normalisation then.
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Collapses every run of whitespace (line breaks of PDF-to-CSV exports included) to one space. */
export function collapseWhitespace(text: string): string {
  return SPACING.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * The memo as it takes part in a row's identity: without diacritics, upper case, whitespace
 * collapsed. Two exports of the same transfer that differ only in line wrapping, letter case or
 * accents give the same identity.
 */
export function normaliseMemo(memo: string): string {
  return collapseWhitespace(foldDiacritics(memo).toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Currencies
// ---------------------------------------------------------------------------------------------

/**
 * ISO 4217 codes of the currencies Vietnamese banks keep accounts in (and donors send), which a
 * statement prints after the account number or in its money headings. A code in such a place is
 * taken as the account's currency only when it is one of these, so that a branch's initials are not.
 */
const FOREIGN_CURRENCIES = new Set([
  'USD', 'EUR', 'JPY', 'GBP', 'AUD', 'CAD', 'CHF', 'SGD', 'CNY', 'HKD', 'KRW', 'THB', 'NZD', 'SEK', 'DKK', 'NOK',
  'TWD', 'MYR', 'LAK', 'KHR', 'RUB', 'INR', 'IDR', 'PHP', 'AED', 'SAR', 'KWD', 'QAR', 'XAU',
]);

/** "VND", "VNĐ", "đ", "₫", "đồng", "Việt Nam đồng": the ledger's own currency. */
const VND_WORD = /^(vnd|vnđ|đ|₫|d|dong|đồng|việt nam đồng|viet nam dong|vn dong)$/i;

/**
 * The currency a cell of a currency column ("Loại tiền", "Currency") names: `VND`, an ISO code
 * upper-cased, or null for an empty cell (the statement's own currency).
 */
export function currencyOfCell(raw: string): string | null {
  const value = collapseWhitespace(raw);
  if (value === '') return null;
  if (VND_WORD.test(value) || VND_WORD.test(foldDiacritics(value))) return 'VND';
  return value.toUpperCase();
}

/** A foreign currency code standing as a word of `text` (any case), or null. */
export function foreignCurrencyIn(text: string): string | null {
  for (const word of foldDiacritics(text).toUpperCase().split(/[^A-Z]+/)) if (FOREIGN_CURRENCIES.has(word)) return word;
  return null;
}

/**
 * The currency a line above a statement's table names: after a currency label ("Loại tiền:
 * USD", "Loại tiền/ Currency: EUR", "Đơn vị tiền tệ: VND", "Đơn vị tính: đồng") or right after the
 * account number ("Số TK: 0071000123456 USD", "0071000123456 - USD", "(USD)"). Answers `VND`, a
 * foreign ISO code, or null when the line names none.
 */
export function currencyOfTitleLine(line: string): string | null {
  const folded = foldDiacritics(line).toLowerCase();
  const labels = [...folded.matchAll(CURRENCY_LABEL)];
  if (labels.length > 0) {
    const last = labels[labels.length - 1];
    const after = folded.slice((last.index ?? 0) + last[0].length);
    const word = /^[\s:/()-]*([a-z]+(?: nam dong)?)/.exec(after)?.[1] ?? '';
    if (VND_WORD.test(word) || word === 'viet nam dong') return 'VND';
    if (FOREIGN_CURRENCIES.has(word.toUpperCase())) return word.toUpperCase();
  }
  const account = ACCOUNT_THEN_CURRENCY.exec(folded);
  if (account) {
    const code = account[1].toUpperCase();
    if (code === 'VND') return 'VND';
    if (FOREIGN_CURRENCIES.has(code)) return code;
  }
  return null;
}

/** Labels of a statement's currency (folded), each alone or as one half of a bilingual label. */
const CURRENCY_LABEL = /(?:^|[^a-z])(loai tien(?: te)?|don vi tien te|don vi tinh|ma tien te|loai ngoai te|ngoai te|tien te|currency(?: code)?|ccy)(?![a-z])/g;
/** An account number (at least 6 digits, separators allowed) followed by a currency code. */
const ACCOUNT_THEN_CURRENCY = /(?:tai khoan|so tk|account|acc)[^0-9]{0,40}[0-9][0-9 .-]{4,30}[0-9]\s*[-(/]?\s*([a-z]{3})(?![a-z])/;

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

/**
 * How the thousands are grouped. `auto` reads each value on its own: a separator followed by
 * exactly three digits groups thousands, either `.` or `,` (api.md: `1.000.000`, `1,000,000`).
 * A bank profile fixes the grouping separator; the other one is then a decimal mark.
 */
export type ThousandsSeparator = '.' | ',' | 'auto';

export type AmountProblem = 'not_an_amount' | 'fractional' | 'ambiguous' | 'too_large';

export type ParsedStatementAmount =
  | { ok: true; sign: 1 | -1; vnd: string }
  | { ok: false; problem: AmountProblem; message: string };

/** An empty cell: no amount on this side of the statement. */
export const NO_AMOUNT = { ok: true, sign: 1, vnd: '0' } as const satisfies ParsedStatementAmount;

const MAX_DIGITS = 16; // 10^15 VND is the ledger's ceiling; the decider checks the exact bound.
const GROUPED = (separator: string) => new RegExp(`^[0-9]{1,3}(?:\\${separator}[0-9]{3})+$`);
const GROUPED_DOT = GROUPED('.');
const GROUPED_COMMA = GROUPED(',');
/** The grouping pattern of `separator`, built once: statements printing decimals (`1.000.000,00`) read it on every line. */
const groupedBy = (separator: string): RegExp => (separator === '.' ? GROUPED_DOT : separator === ',' ? GROUPED_COMMA : GROUPED(separator));
const DIGITS = /^[0-9]+$/;

function amountProblem(problem: AmountProblem, message: string): ParsedStatementAmount {
  return { ok: false, problem, message };
}

/** Strips currency marks, spaces and the sign; answers the bare numeral and its sign. */
function unsign(raw: string): { numeral: string; sign: 1 | -1 } {
  let text = raw.replace(/[\s\u00a0]/g, '').replace(/^(VND|VNĐ)/i, '').replace(/(VND|VNĐ|đ|₫|d)$/i, '');
  let sign: 1 | -1 = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  return { numeral: text, sign };
}

function wholeVnd(digits: string, sign: 1 | -1): ParsedStatementAmount {
  const trimmed = digits.replace(/^0+(?=[0-9])/, '');
  if (trimmed.length > MAX_DIGITS) return amountProblem('too_large', 'exceeds 10^15 VND');
  return { ok: true, sign, vnd: trimmed };
}

/** `integerPart` grouped by `grouping` (or bare digits), then a decimal part that must be zeros. */
function withDecimals(integerPart: string, decimals: string, grouping: string | null, sign: 1 | -1, raw: string): ParsedStatementAmount {
  const integerOk = DIGITS.test(integerPart) || (grouping !== null && groupedBy(grouping).test(integerPart));
  // One or two decimals (`,00`, `.0`) are a decimal part; three are handled as ambiguous by the callers.
  if (!integerOk || !/^[0-9]{1,2}$/.test(decimals)) return amountProblem('not_an_amount', `"${raw}" is not an amount`);
  if (!/^0+$/.test(decimals)) return amountProblem('fractional', `"${raw}" has a fraction of a dong; VND amounts are whole`);
  return wholeVnd(integerPart.replace(/[.,]/g, ''), sign);
}

/**
 * A VND amount as printed on a statement: `1.000.000`, `1,000,000`, `1000000`, optionally with a
 * zero decimal part (`1.000.000,00`), a sign or parentheses (debits), and `VND`/`đ`. Refused: a
 * fraction of a dong (`1.000,50`), and what cannot be read one way only (`1.000` under a profile
 * whose decimal mark is `.`, `1.000,000`).
 */
export function parseStatementAmount(raw: string, thousands: ThousandsSeparator = 'auto'): ParsedStatementAmount {
  if (raw.trim() === '') return NO_AMOUNT;
  // The shapes nearly every line prints, read as the general rules below read them: bare digits,
  // or thousands grouped by the separator the profile groups by (either, in auto mode).
  if (DIGITS.test(raw)) return wholeVnd(raw, 1);
  if (thousands !== ',' && GROUPED_DOT.test(raw)) return wholeVnd(raw.replace(/\./g, ''), 1);
  if (thousands !== '.' && GROUPED_COMMA.test(raw)) return wholeVnd(raw.replace(/,/g, ''), 1);
  const { numeral, sign } = unsign(raw.trim());
  if (numeral === '') return amountProblem('not_an_amount', `"${raw}" is not an amount`);
  if (DIGITS.test(numeral)) return wholeVnd(numeral, sign);
  const dots = numeral.split('.').length - 1;
  const commas = numeral.split(',').length - 1;
  if (dots + commas === 0 || !/^[0-9.,]+$/.test(numeral)) return amountProblem('not_an_amount', `"${raw}" is not an amount`);
  if (dots > 0 && commas > 0) return mixedSeparators(numeral, thousands, sign, raw);
  const separator = dots > 0 ? '.' : ',';
  const grouped = (separator === '.' ? GROUPED_DOT : GROUPED_COMMA).test(numeral);
  if (thousands === 'auto' || thousands === separator) {
    if (grouped) return wholeVnd(numeral.replace(/[.,]/g, ''), sign);
    if (thousands === separator) return amountProblem('not_an_amount', `"${raw}" is not grouped by "${separator}" in threes`);
    // One separator not followed by three digits: a decimal mark.
    if ((separator === '.' ? dots : commas) !== 1) return amountProblem('not_an_amount', `"${raw}" is not an amount`);
    const [integerPart, decimals] = numeral.split(separator);
    if (decimals.length === 3) return amountProblem('ambiguous', `"${raw}" could be thousands or a fraction`);
    return withDecimals(integerPart, decimals, null, sign, raw);
  }
  // The profile groups with the other mark: this one is a decimal mark.
  if ((separator === '.' ? dots : commas) !== 1) return amountProblem('not_an_amount', `"${raw}" is not an amount`);
  const [integerPart, decimals] = numeral.split(separator);
  if (decimals.length === 3) return amountProblem('ambiguous', `"${raw}" reads as ${integerPart}${separator}${decimals} under this profile, whose thousands separator is "${thousands}"`);
  return withDecimals(integerPart, decimals, null, sign, raw);
}

function mixedSeparators(numeral: string, thousands: ThousandsSeparator, sign: 1 | -1, raw: string): ParsedStatementAmount {
  const decimalMark = numeral.lastIndexOf('.') > numeral.lastIndexOf(',') ? '.' : ',';
  const grouping = decimalMark === '.' ? ',' : '.';
  if (thousands !== 'auto' && thousands !== grouping) {
    return amountProblem('ambiguous', `"${raw}" groups thousands with "${grouping}" but this profile groups with "${thousands}"`);
  }
  const cut = numeral.lastIndexOf(decimalMark);
  const integerPart = numeral.slice(0, cut);
  const decimals = numeral.slice(cut + 1);
  if (!groupedBy(grouping).test(integerPart)) return amountProblem('not_an_amount', `"${raw}" is not an amount`);
  if (decimals.length === 3) return amountProblem('ambiguous', `"${raw}" could be thousands or a fraction`);
  return withDecimals(integerPart, decimals, grouping, sign, raw);
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** Vietnam keeps UTC+7 all year; a statement's dates without an offset are Vietnam time. */
export const VIETNAM_OFFSET = '+07:00';
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export type ParsedStatementDate = { ok: true; receivedAt: string; hasTime: boolean } | { ok: false; message: string };

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function vietnamTimestamp(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${VIETNAM_OFFSET}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`, by the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function checkedTimestamp(parts: number[], hasTime: boolean, raw: string): ParsedStatementDate {
  const [year, month, day, hour, minute, second] = parts;
  const dateOk = year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!dateOk) return { ok: false, message: `"${raw}" is not a calendar date (dd/mm/yyyy)` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: `"${raw}" has no such time of day` };
  return { ok: true, receivedAt: vietnamTimestamp(year, month, day, hour, minute, second), hasTime };
}

/** An instant given with another offset, as Vietnam wall-clock time. */
function fromInstant(instantMs: number, raw: string): ParsedStatementDate {
  if (Number.isNaN(instantMs)) return { ok: false, message: `"${raw}" is not a date` };
  const wall = new Date(instantMs + VIETNAM_OFFSET_MS);
  const parts = [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
  return checkedTimestamp(parts, true, raw);
}

/**
 * `dd/mm/yyyy`, `dd/mm/yyyy hh:mm[:ss]` (also with `-` or `.`), or ISO 8601 (`yyyy-mm-dd`, with a
 * time, with or without an offset). Without an offset the time is Vietnam time; without a time
 * the row is put at 00:00 Vietnam time of that day. Always answers `yyyy-mm-ddThh:mm:ss+07:00`.
 * `time` is a separate time column (VietinBank prints date and time apart).
 */
export function parseStatementDate(raw: string, time = ''): ParsedStatementDate {
  const text = collapseWhitespace(raw);
  if (text === '') return { ok: false, message: 'the date is missing' };
  const timeMatch = time.trim() === '' ? null : TIME_ONLY.exec(time.trim());
  if (time.trim() !== '' && !timeMatch) return { ok: false, message: `"${time}" is not a time of day (hh:mm[:ss])` };
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, day, month, year, hour, minute, second] = dayFirst;
    const clock = hour !== undefined ? [hour, minute, second] : timeMatch ? [timeMatch[1], timeMatch[2], timeMatch[3]] : undefined;
    const parts = [year, month, day, ...(clock ?? ['0', '0', '0'])].map((part) => Number(part ?? 0));
    return checkedTimestamp(parts, clock !== undefined, raw);
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, offset] = iso;
    if (offset !== undefined) {
      const normalisedOffset = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
      const calendar = checkedTimestamp([year, month, day, hour, minute, second].map((part) => Number(part ?? 0)), true, raw);
      if (!calendar.ok) return calendar;
      return fromInstant(Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second ?? '00'}${normalisedOffset}`), raw);
    }
    const clock = hour !== undefined ? [hour, minute, second] : timeMatch ? [timeMatch[1], timeMatch[2], timeMatch[3]] : undefined;
    const parts = [year, month, day, ...(clock ?? ['0', '0', '0'])].map((part) => Number(part ?? 0));
    return checkedTimestamp(parts, clock !== undefined, raw);
  }
  return { ok: false, message: `"${raw}" is not a date (dd/mm/yyyy, dd/mm/yyyy hh:mm[:ss] or ISO 8601)` };
}

/**
 * A date cell of a spreadsheet. Excel stores wall-clock time without a zone and exceljs hands it
 * over as a UTC Date of that wall-clock time: its UTC fields are the statement's Vietnam time.
 */
export function statementDateFromSpreadsheet(cell: Date, time = ''): ParsedStatementDate {
  if (Number.isNaN(cell.getTime())) return { ok: false, message: 'the date cell holds no date' };
  // To the nearest second, as Excel shows it: a day fraction written with fewer digits falls a
  // few milliseconds short of the second it stands for.
  const value = new Date(Math.round(cell.getTime() / 1000) * 1000);
  const text = `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${pad(value.getUTCFullYear(), 4)}`;
  const hasClock = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0;
  const clock = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  return parseStatementDate(hasClock && time.trim() === '' ? `${text} ${clock}` : text, time);
}

/**
 * A time cell of a spreadsheet (a separate time column) as `hh:mm:ss`: Excel keeps a time of day
 * as a fraction of a day, which exceljs hands over as a Date on 30/12/1899 whose UTC clock is the
 * time. Rounded to the second, as Excel shows it.
 */
export function statementTimeFromSpreadsheet(value: Date): string {
  if (Number.isNaN(value.getTime())) return 'an invalid time cell';
  const seconds = ((Math.round(value.getTime() / 1000) % 86_400) + 86_400) % 86_400;
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
