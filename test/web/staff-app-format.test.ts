import Decimal from 'decimal.js';
import { businessInstant, compareDecimal, correctionInstant, formatDate, formatMoney, parseAmount, parseDate, parseDateTime, vndOf } from '../../web/src/format';

/** Issue 14: money shown `1.500.000 ₫`, dates dd/mm/yyyy in Vietnam time, amounts typed `1.500.000` or `1500000`. */
describe('staff app: money and dates as Vietnamese staff read and type them', () => {
  it('compares decimal strings exactly, whatever their scales and however large', () => {
    expect(compareDecimal('4.5', '10')).toBe(-1);
    expect(compareDecimal('10', '10.00')).toBe(0);
    expect(compareDecimal('10.0001', '10')).toBe(1);
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('0.1', '0.10000000000000001')).toBe(-1);
    expect(compareDecimal('-0.5', '0')).toBe(-1);
  });

  it('shows money with dots between thousands and the dong sign', () => {
    expect(formatMoney('1500000')).toBe('1.500.000 ₫');
    expect(formatMoney('0')).toBe('0 ₫');
    expect(formatMoney('250.75', 'USD')).toBe('250,75 USD');
    expect(formatMoney('1000000000000000')).toBe('1.000.000.000.000.000 ₫');
  });

  it('shows a foreign amount at its currency\'s scale, as recorded before the ledger kept it so', () => {
    expect(formatMoney('100', 'USD')).toBe('100,00 USD');
    expect(formatMoney('1000.5', 'EUR')).toBe('1.000,50 EUR');
    expect(formatMoney('15000', 'JPY')).toBe('15.000 JPY');
    expect(formatMoney('1.5', 'KWD')).toBe('1,500 KWD');
  });

  it('reads amounts typed with or without thousands dots, a fraction after a comma; refuses anything else', () => {
    expect(parseAmount('1.500.000')).toBe('1500000');
    expect(parseAmount('1500000')).toBe('1500000');
    expect(parseAmount(' 1 500 000 ')).toBe('1500000');
    expect(parseAmount('1.500.000 ₫')).toBe('1500000');
    expect(parseAmount('250,75')).toBe('250.75');
    expect(parseAmount('25.400,50')).toBe('25400.5');
    expect(parseAmount('250.75')).toBe('250.75');
    for (const bad of ['', 'abc', '1e6', '-5', '1,500,000', '1..5']) expect(parseAmount(bad)).toBeNull();
    // Commas before groups of three digits, as banks' apps print 50,000: never 50 đồng, never 50.000 of a currency with three decimals.
    for (const ambiguous of ['50,000', '1,500', '2,000,000 ₫']) expect(parseAmount(ambiguous)).toBeNull();
    expect(parseAmount('1,5')).toBe('1.5');
    expect(parseAmount('1,50')).toBe('1.5');
  });

  it('converts a foreign amount to dong, half up, without floating point', () => {
    expect(vndOf('100', '25400')).toBe('2540000');
    expect(vndOf('0.1', '0.5')).toBe('0');
    expect(vndOf('1.5', '0.5')).toBe('1');
    for (const [amount, rate] of [['12345678.99', '25432.17'], ['0.05', '23500.5'], ['999.995', '1'], ['7', '0.0000001']]) {
      expect(vndOf(amount, rate)).toBe(new Decimal(amount).mul(rate).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toString());
    }
  });

  it('shows dates as dd/mm/yyyy in Vietnam time and reads them back', () => {
    expect(formatDate('2026-03-31T18:30:00Z')).toBe('01/04/2026');
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(parseDate('31/12/2026')).toBe('2026-12-31');
    expect(parseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('2026-12-31')).toBeNull();
  });

  it('reads a moment typed as dd/mm/yyyy hh:mm in Vietnam time as the instant with its offset (recordedBefore)', () => {
    expect(parseDateTime('31/12/2026 17:05')).toBe('2026-12-31T17:05:00+07:00');
    expect(parseDateTime(' 1/2/2026  8:00 ')).toBe('2026-02-01T08:00:00+07:00');
    for (const bad of ['31/12/2026', '31/12/2026 24:00', '31/12/2026 17:60', '31/02/2026 10:00', '2026-12-31T17:00', '']) expect({ bad, parsed: parseDateTime(bad) }).toEqual({ bad, parsed: null });
  });

  it('sends today as the instant the form was opened, another day as its noon in Vietnam time', () => {
    const opened = new Date('2026-05-12T02:00:00Z');
    expect(businessInstant('2026-05-12', opened)).toBe('2026-05-12T02:00:00.000Z');
    expect(businessInstant('2026-05-10', opened)).toBe('2026-05-10T12:00:00+07:00');
  });

  it('leaves a correction of today to the ledger\'s clock, and dates one of an earlier day at its last second (after whatever that day recorded)', () => {
    const opened = new Date('2026-05-12T02:00:00Z');
    expect(correctionInstant('2026-05-12', opened)).toBeNull();
    expect(correctionInstant('2026-05-10', opened)).toBe('2026-05-10T23:59:59+07:00');
  });
});
