/**
 * A report's CSV opened in a spreadsheet program: text a donor typed as a formula stays text
 * (OWASP "CSV Injection"), while money keeps the JSON's digits, its minus sign included.
 */
import { toCsv, toDocument } from '../../src/reports';
import type { ReportBody } from '../../src/reports/report-model';

const body = (name: string, amount: string): ReportBody => ({
  report: 'donors', fundId: 'quy-a', fundName: 'Quỹ A', chapter: 'Hội CTĐ A', currency: 'VND', from: null, to: null, position: 7,
  columns: [{ key: 'donor', heading: 'Người ủng hộ' }, { key: 'amount', heading: 'Số tiền', money: true }, { key: 'gifts', heading: 'Số lần' }],
  rows: [{ donor: name, amount, gifts: -1 }],
  summary: {},
});

const dataLine = (name: string, amount = '1000') => toCsv(toDocument(body(name, amount))).split('\r\n')[1];

describe('CSV text that would start a formula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+cmd|\' /C calc\'!A0', `'+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tTab', `'\tTab`],
  ])('writes %j after an apostrophe', (name, written) => {
    expect(dataLine(name)).toBe(`${written},1000,-1`);
  });

  it('leaves ordinary text, negative money and numbers as the JSON has them', () => {
    expect(dataLine('Nguyễn Văn A', '-700000')).toBe('Nguyễn Văn A,-700000,-1');
    expect(dataLine('Công ty = bạn', '0')).toBe('Công ty = bạn,0,-1');
  });
});
