import { normaliseMemo, parseStatementAmount, parseStatementDate, statementDateFromSpreadsheet, type ThousandsSeparator } from '../../src/import/statement-values';

describe('statement amounts (whole VND)', () => {
  it.each([
    ['1.000.000', '1000000'],
    ['1,000,000', '1000000'],
    ['1000000', '1000000'],
    ['50,000', '50000'],
    ['5.000', '5000'],
    ['2.000', '2000'],
    ['1.000.000,00', '1000000'],
    ['1,000,000.00', '1000000'],
    ['1000000.00', '1000000'],
    ['100,0', '100'],
    [' 300.000 ', '300000'],
    ['+10.000', '10000'],
    ['10.000 VND', '10000'],
    ['10.000đ', '10000'],
    ['VND 10.000', '10000'],
    ['0', '0'],
    ['', '0'],
  ])('auto: "%s" is %s', (raw, vnd) => {
    expect(parseStatementAmount(raw)).toEqual({ ok: true, sign: 1, vnd });
  });

  it.each([['-55.000', '55000'], ['(55,000)', '55000']])('a sign or parentheses mark money out: "%s"', (raw, vnd) => {
    expect(parseStatementAmount(raw)).toEqual({ ok: true, sign: -1, vnd });
  });

  it.each([
    ['1.000,50', 'fractional'],
    ['1,000.5', 'fractional'],
    ['1.5', 'fractional'],
    ['250,75', 'fractional'],
    ['1.000,000', 'ambiguous'],
    ['1,000.000', 'ambiguous'],
    ['1.00.000', 'not_an_amount'],
    ['1.000.00', 'not_an_amount'],
    ['1,0000', 'not_an_amount'],
    ['1e6', 'not_an_amount'],
    ['abc', 'not_an_amount'],
    ['10 000 000 000 000 000 000', 'too_large'],
  ])('auto: "%s" is refused as %s', (raw, problem) => {
    const parsed = parseStatementAmount(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe(problem);
  });

  it.each<[string, ThousandsSeparator, string | null]>([
    ['1.000.000', '.', '1000000'],
    ['1.000.000,00', '.', '1000000'],
    ['1,000', '.', null], // under Vietcombank "," is the decimal mark: one dong or a thousand?
    ['1,000,000', '.', null],
    ['50,000', ',', '50000'],
    ['1,000,000.00', ',', '1000000'],
    ['5.000', ',', null], // under Agribank "." is the decimal mark
    ['1.000.000', ',', null],
  ])('profile with "%s" grouping %s: %s', (raw, thousands, vnd) => {
    const parsed = parseStatementAmount(raw, thousands);
    if (vnd === null) expect(parsed.ok).toBe(false);
    else expect(parsed).toEqual({ ok: true, sign: 1, vnd });
  });
});

describe('statement dates (Vietnam time)', () => {
  it.each([
    ['01/09/2024', '', '2024-09-01T00:00:00+07:00'],
    ['1/9/2024', '', '2024-09-01T00:00:00+07:00'],
    ['10/09/2024 14:23', '', '2024-09-10T14:23:00+07:00'],
    ['10/09/2024 01:03:56', '', '2024-09-10T01:03:56+07:00'],
    ['10-09-2024', '', '2024-09-10T00:00:00+07:00'],
    ['10/09/2024', '12:01:29', '2024-09-10T12:01:29+07:00'],
    ['2024-09-10', '', '2024-09-10T00:00:00+07:00'],
    ['2024-09-10T08:15:00', '', '2024-09-10T08:15:00+07:00'],
    ['2024-09-10T01:15:00Z', '', '2024-09-10T08:15:00+07:00'],
    ['2024-12-31T20:00:00+00:00', '', '2025-01-01T03:00:00+07:00'],
  ])('"%s" (time "%s") is %s', (raw, time, receivedAt) => {
    expect(parseStatementDate(raw, time)).toEqual(expect.objectContaining({ ok: true, receivedAt }));
  });

  it.each(['31/02/2024', '13/13/2024', '09/31/2024', '10/09/2024 25:00', 'hôm qua', '2024/09/10', '10/09/24'])('"%s" is refused', (raw) => {
    expect(parseStatementDate(raw).ok).toBe(false);
  });

  it('takes a spreadsheet date cell as Vietnam wall-clock time', () => {
    expect(statementDateFromSpreadsheet(new Date(Date.UTC(2024, 8, 10, 14, 5, 0)))).toEqual(expect.objectContaining({ receivedAt: '2024-09-10T14:05:00+07:00' }));
    expect(statementDateFromSpreadsheet(new Date(Date.UTC(2024, 8, 10)), '09:30')).toEqual(expect.objectContaining({ receivedAt: '2024-09-10T09:30:00+07:00' }));
  });
});

describe('memo normalisation for identity', () => {
  it('ignores line wrapping, case and diacritics', () => {
    expect(normaliseMemo('CT nhanh 247 den: TRAN TIEN ANH chuyen\ntien ủng hộ')).toBe(normaliseMemo('ct nhanh 247 den:  tran tien anh chuyen tien ung ho'));
  });
});
