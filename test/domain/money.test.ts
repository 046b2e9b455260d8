import { fiscalYearOf, vietnamDateOf } from '../../src/domain/shared/calendar';
import {
  amountString, currencyScale, formatVndVietnamese, MAX_AMOUNT_VND, MoneyDecimal, parseAmount, parseRate, sumStrings, toVnd, vnd,
} from '../../src/domain/money';
import { fundOpened, recordDonation } from './builders';
import { DonationDecider } from './given-when-then';

const parsedValue = (input: unknown, currency?: string) => {
  const parsed = parseAmount(input, currency);
  if (!parsed.ok) throw new Error(`${String(input)} ${currency ?? 'VND'} was refused: ${parsed.message}`);
  return parsed.value.toFixed();
};

describe('Money: amounts are decimal strings (api.md, Conventions)', () => {
  it.each([
    ['1500000', 'VND', '1500000'],
    ['1', 'VND', '1'],
    ['1000000000000000', 'VND', '1000000000000000'],
    ['250.75', 'USD', '250.75'],
    ['250.7', 'USD', '250.7'],
    ['0.01', 'USD', '0.01'],
    ['1.005', 'KWD', '1.005'],
    ['1500', 'JPY', '1500'],
  ])('accepts %p %s', (input, currency, expected) => {
    expect(parsedValue(input, currency)).toBe(expected);
  });

  it.each([
    ['1e6', 'not_a_decimal_string'],
    ['1E6', 'not_a_decimal_string'],
    ['-1', 'not_a_decimal_string'],
    ['-5', 'not_a_decimal_string'],
    ['+5', 'not_a_decimal_string'],
    [' 5', 'not_a_decimal_string'],
    ['5 ', 'not_a_decimal_string'],
    ['5,0', 'not_a_decimal_string'],
    ['1.000.000', 'not_a_decimal_string'],
    ['', 'not_a_decimal_string'],
    ['NaN', 'not_a_decimal_string'],
    ['Infinity', 'not_a_decimal_string'],
    ['0x10', 'not_a_decimal_string'],
    ['01', 'not_a_decimal_string'],
    ['.5', 'not_a_decimal_string'],
    ['5.', 'not_a_decimal_string'],
    ['１２３', 'not_a_decimal_string'],
    ['1'.repeat(41), 'not_a_decimal_string'],
    ['0', 'not_positive'],
    ['0.0', 'not_positive'],
    ['1.5', 'too_many_decimals'],
    ['1500000.01', 'too_many_decimals'],
  ])('refuses %p VND (%s)', (input, problem) => {
    expect(parseAmount(input, 'VND')).toMatchObject({ ok: false, problem });
  });

  it.each([[1500000], [NaN], [null], [undefined], [{}], [['1']], [BigInt(5)]])('refuses the non-string %p', (input) => {
    expect(parseAmount(input)).toMatchObject({ ok: false, problem: 'not_a_decimal_string' });
  });

  it('refuses more decimals than the currency has: "250.755" USD', () => {
    expect(parseAmount('250.755', 'USD')).toMatchObject({ ok: false, problem: 'too_many_decimals' });
  });

  it('refuses a currency it does not know', () => {
    expect(parseAmount('10', 'XYZ')).toMatchObject({ ok: false, problem: 'unknown_currency' });
    expect(currencyScale('XYZ')).toBeUndefined();
  });

  it('uses each currency its own ISO 4217 scale', () => {
    expect([currencyScale('VND'), currencyScale('USD'), currencyScale('JPY'), currencyScale('KWD')]).toEqual([0, 2, 0, 3]);
  });

  it('caps one entry at 10^15 VND', () => {
    expect(MAX_AMOUNT_VND.toFixed()).toBe('1000000000000000');
  });

  it.each([
    ['25000.5', '25000.5'],
    ['1', '1'],
  ])('parses the exchange rate %p', (input, expected) => {
    expect(parseRate(input)?.toFixed()).toBe(expected);
  });

  it.each([['0'], ['-25000'], ['2.5e4'], [''], [25000], [null]])('refuses the exchange rate %p', (input) => {
    expect(parseRate(input)).toBeUndefined();
  });
});

describe('Money: foreign currency becomes VND, half-up to the dong (api.md, R17)', () => {
  const converted = (amount: string, currency: string, rate: string) => toVnd(new MoneyDecimal(parsedValue(amount, currency)), new MoneyDecimal(rate)).toFixed();

  it('10.05 USD × 25000.5 = 251255.025 → 251255', () => {
    expect(converted('10.05', 'USD', '25000.5')).toBe('251255');
  });

  it('rounds an exact half up, where binary floating point would round it down: 0.29 USD × 50 = 14.5 → 15', () => {
    expect(0.29 * 50).toBeLessThan(14.5);
    expect(converted('0.29', 'USD', '50')).toBe('15');
  });

  it('rounds an exact half up, not to even: 0.01 USD × 250 = 2.5 → 3', () => {
    expect(converted('0.01', 'USD', '250')).toBe('3');
  });

  it('rounds three-decimal currencies too: 1.005 KWD × 100 = 100.5 → 101', () => {
    expect(converted('1.005', 'KWD', '100')).toBe('101');
  });

  it('rounds below a half down: 0.01 USD × 249 = 2.49 → 2', () => {
    expect(converted('0.01', 'USD', '249')).toBe('2');
  });
});

describe('Money: formatting and helpers', () => {
  it('writes amounts in plain notation, never with an exponent', () => {
    expect(amountString(new MoneyDecimal('1000000000000000'))).toBe('1000000000000000');
    expect(amountString(new MoneyDecimal('0.0000001'))).toBe('0.0000001');
  });

  it('adds decimal strings exactly', () => {
    expect(sumStrings(['0.1', '0.2'])).toBe('0.3');
    expect(sumStrings([])).toBe('0');
  });

  it('formats VND the Vietnamese way (R31)', () => {
    expect(formatVndVietnamese('1500000')).toBe('1.500.000');
    expect(formatVndVietnamese('-1500000')).toBe('-1.500.000');
    expect(formatVndVietnamese('999')).toBe('999');
  });

  it('refuses a VND value with a fraction', () => {
    expect(vnd('1500000').toFixed()).toBe('1500000');
    expect(() => vnd('1.5')).toThrow(/fraction/);
  });
});

describe('Calendar: the fiscal year is the calendar year in Vietnam time (R31)', () => {
  it.each([
    ['2024-12-31T20:00:00Z', 2025],
    ['2024-12-31T17:00:00Z', 2025],
    ['2024-12-31T16:59:59.999Z', 2024],
    ['2025-01-01T00:30:00+07:00', 2025],
    ['2024-12-31T23:59:59+07:00', 2024],
    ['2025-01-01T01:00:00+09:00', 2024],
  ])('%s falls in fiscal year %d', (instant, year) => {
    expect(fiscalYearOf(instant)).toBe(year);
  });

  it('gives the Vietnam calendar date of an instant', () => {
    expect(vietnamDateOf('2024-12-31T20:00:00Z')).toBe('2025-01-01');
  });

  it('refuses what is not a timestamp', () => {
    expect(() => fiscalYearOf('yesterday')).toThrow(/Not a timestamp/);
  });
});

describe('Money rules hold where a donation is recorded', () => {
  const fund = fundOpened();

  it.each(['1e6', '-1', '0', '1.5', ' 5', '5,0', ''])('refuses %p VND with VALIDATION_FAILED on amount', (amount) => {
    DonationDecider.given().withFund(fund).when(recordDonation({ amount })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('accepts "250.75" USD and keeps the original amount and rate beside the VND amount', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '250.75', currency: 'USD', fxRate: '25000' }))
      .thenMatches({ data: { amount: '250.75', currency: 'USD', fxRate: '25000', amountVnd: '6268750' } });
  });

  it('refuses "250.755" USD', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '250.755', currency: 'USD', fxRate: '25000' }))
      .thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('records 10.05 USD at 25000.5 as 251255 VND', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '10.05', currency: 'USD', fxRate: '25000.5' }))
      .thenMatches({ data: { amount: '10.05', amountVnd: '251255' } });
  });

  it('accepts exactly 10^15 VND and refuses one dong more', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ amount: '1000000000000000' })).thenMatches({ data: { amountVnd: '1000000000000000' } });
    DonationDecider.given().withFund(fund).when(recordDonation({ amount: '1000000000000001' })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('applies the 10^15 cap to the VND equivalent of a foreign amount', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '40000000000', currency: 'USD', fxRate: '25000' }))
      .thenMatches({ data: { amountVnd: '1000000000000000' } });
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '40000000000', currency: 'USD', fxRate: '25000.01' }))
      .thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('refuses a foreign amount worth less than one dong', () => {
    DonationDecider.given()
      .withFund(fund)
      .when(recordDonation({ amount: '0.01', currency: 'USD', fxRate: '0.4' }))
      .thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('needs a rate for a foreign currency and refuses one for VND', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ amount: '100', currency: 'USD', fxRate: null })).thenRejects('VALIDATION_FAILED', { field: 'fxRate' });
    DonationDecider.given().withFund(fund).when(recordDonation({ amount: '100', currency: 'USD', fxRate: '-1' })).thenRejects('VALIDATION_FAILED', { field: 'fxRate' });
    DonationDecider.given().withFund(fund).when(recordDonation({ fxRate: '1' })).thenRejects('VALIDATION_FAILED', { field: 'fxRate' });
  });

  it('refuses an unknown currency on the currency field', () => {
    DonationDecider.given().withFund(fund).when(recordDonation({ currency: 'XYZ', fxRate: '1' })).thenRejects('VALIDATION_FAILED', { field: 'currency' });
  });
});
