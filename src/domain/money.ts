import Decimal from 'decimal.js';

/**
 * Money over decimal.js. Amounts travel as decimal strings ("1500000", "250.75") and are never
 * JS numbers. Every fund keeps its books in VND, which has no minor unit.
 */
export const MoneyDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 60 });
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;

export const BOOK_CURRENCY = 'VND';

/** The largest amount the ledger accepts in one entry, in VND or its VND equivalent. */
export const MAX_AMOUNT_VND = new MoneyDecimal('1e15');

/** ISO 4217 minor units of the currencies the fund is likely to receive; others are rejected. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  VND: 0, USD: 2, EUR: 2, GBP: 2, JPY: 0, KRW: 0, CNY: 2, AUD: 2, CAD: 2, SGD: 2, CHF: 2, HKD: 2,
  TWD: 2, THB: 2, NZD: 2, SEK: 2, NOK: 2, DKK: 2, LAK: 2, KHR: 2, MYR: 2, KWD: 3, BHD: 3,
};

export const SUPPORTED_CURRENCIES = Object.freeze(Object.keys(MINOR_UNITS));

export function currencyScale(currency: string): number | undefined {
  return MINOR_UNITS[currency];
}

/** Plain decimal notation only: digits, an optional fraction, no sign, exponent or spaces. */
const DECIMAL_STRING = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export type AmountProblem =
  | 'not_a_decimal_string'
  | 'not_positive'
  | 'too_many_decimals'
  | 'too_large'
  | 'unknown_currency';

export type ParsedAmount = { ok: true; value: MoneyDecimal } | { ok: false; problem: AmountProblem; message: string };

/**
 * Parses a positive amount in `currency`, refusing anything that is not a plain decimal string
 * with at most the currency's scale ("1e6", "-5", " 5", "5,0", "1.5" VND are refused).
 */
export function parseAmount(input: unknown, currency: string = BOOK_CURRENCY): ParsedAmount {
  const scale = currencyScale(currency);
  if (scale === undefined) return refuse('unknown_currency', `currency ${currency} is not supported`);
  if (typeof input !== 'string' || input.length > 40 || !DECIMAL_STRING.test(input)) {
    return refuse('not_a_decimal_string', 'must be a decimal string such as "1500000" or "250.75"');
  }
  const value = new MoneyDecimal(input);
  if (value.lte(0)) return refuse('not_positive', 'must be greater than 0');
  if (value.decimalPlaces() > scale) {
    return refuse('too_many_decimals', scale === 0 ? `${currency} has no minor unit: whole amounts only` : `${currency} allows at most ${scale} decimals`);
  }
  return { ok: true, value };
}

function refuse(problem: AmountProblem, message: string): ParsedAmount {
  return { ok: false, problem, message };
}

/** Parses an exchange rate: VND per unit, a positive plain decimal string. */
export function parseRate(input: unknown): MoneyDecimal | undefined {
  if (typeof input !== 'string' || input.length > 40 || !DECIMAL_STRING.test(input)) return undefined;
  const rate = new MoneyDecimal(input);
  return rate.gt(0) ? rate : undefined;
}

/** original × rate, rounded half-up to the dong. */
export function toVnd(amount: MoneyDecimal, fxRate: MoneyDecimal): MoneyDecimal {
  return amount.times(fxRate).toDecimalPlaces(0, MoneyDecimal.ROUND_HALF_UP);
}

export const ZERO = new MoneyDecimal(0);

/** A whole-dong VND amount; a fraction is a bug upstream, never rounded away. */
export function vnd(value: string | MoneyDecimal): MoneyDecimal {
  const amount = new MoneyDecimal(value);
  if (!amount.isInteger()) throw new Error(`VND amount ${amount.toFixed()} has a fraction`);
  return amount;
}

/** The canonical string of an amount: plain notation, no exponent, no trailing zeros beyond scale. */
export function amountString(amount: MoneyDecimal): string {
  return amount.toFixed();
}

/** Sum of decimal strings, as a decimal string. */
export function sumStrings(values: Iterable<string>): string {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total.toFixed();
}

/** Vietnamese display of a VND amount: "1.500.000". */
export function formatVndVietnamese(amount: MoneyDecimal | string): string {
  const decimal = new MoneyDecimal(amount);
  const negative = decimal.isNegative();
  const digits = decimal.abs().toFixed(0);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** A decimal string the Vietnamese way: dots between thousands, a comma before the decimals ("25.400,5"). */
export function formatDecimalVietnamese(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

/** An amount of `currency` at its ISO 4217 scale ("100" USD is "100.00"); a currency of unknown scale as given. */
export function amountAtScale(amount: string, currency: string): string {
  const scale = currencyScale(currency);
  return scale === undefined ? amount : new MoneyDecimal(amount).toFixed(scale);
}
