/**
 * The label catalogue covers every code a report can contain: each code list of the domain, and
 * every cell of a code column and every summary figure of every report built on seeded random
 * books (every donor kind, revenue category, disbursement kind, reversal and settlement) over
 * several periods. Then the XLSX of each of those reports is read back: no code is left in it.
 */
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { ScratchTables } from '../../src/audit/table-state';
import { DONOR_KINDS, REVENUE_CATEGORIES } from '../../src/domain/donation/donation.events';
import { CAMPAIGN_KINDS } from '../../src/domain/fund/fund.events';
import { DEFAULT_COMPONENTS } from '../../src/domain/fund/fund.policy';
import { DISBURSEMENT_KINDS } from '../../src/domain/spending/spending.events';
import { buildRegisterReport } from '../../src/read-side/register-report-facts';
import {
  CODE_COLUMNS, CODE_LABELS, codeLabel, DATE_COLUMNS, excelNumber, FINANCIAL_LINE_LABELS, moneyFormat, REPORTS, type ReportDocument, type ReportPeriod,
  SUMMARY_LABELS, toXlsx,
} from '../../src/reports';
import { BOOKS_FUND, randomBooks } from './random-books';
import { loadWorkbook, sheetTexts } from './xlsx-reading';

const VN_DAY = (date: string, end = false) => Date.parse(`${date}T00:00:00+07:00`) + (end ? 86400_000 - 1 : 0);
const PERIODS: ReportPeriod[] = [
  { fromMs: null, toMs: null },
  { fromMs: VN_DAY('2024-01-01'), toMs: VN_DAY('2024-12-31', true) },
  { fromMs: VN_DAY('2024-10-01'), toMs: null },
  { fromMs: VN_DAY('2024-07-01'), toMs: VN_DAY('2024-09-30', true) },
  { fromMs: VN_DAY('2025-01-01'), toMs: VN_DAY('2025-03-31', true) },
  { fromMs: VN_DAY('2025-04-01'), toMs: VN_DAY('2025-06-30', true) },
];

/** The financial report's lines of transfers, moves and FX settlements (R5, R16, R17, R19). */
const MOVEMENT_LINES = [
  'receipts.transfersIn', 'receipts.transfersReturned', 'receipts.transfersReversed', 'receipts.fxGain', 'payments.transfersOut', 'payments.fxLoss',
  'memo.inTransitOut', 'memo.inTransitIn', 'memo.poolMoves', 'memo.fxProvisional', 'memo.fxSettled',
];
/** The financial report's line of emergency money not settled at the period's end. */
const EMERGENCY_LINES = ['memo.emergencyOutstanding'];

describe('the label catalogue of the reports', () => {
  it('labels every code of the domain lists a report can show', () => {
    const covered = (list: keyof typeof CODE_LABELS, codes: readonly string[]) => codes.filter((code) => codeLabel(list, code) === code);
    expect(covered('campaignKind', CAMPAIGN_KINDS)).toEqual([]);
    expect(covered('donorKind', DONOR_KINDS)).toEqual([]);
    expect(covered('component', DEFAULT_COMPONENTS)).toEqual([]);
    expect(covered('financialLine', [
      'opening', 'closing', 'receipts.total', 'payments.total', 'payments.emergency',
      ...REVENUE_CATEGORIES.map((c) => `receipts.${c}`), ...DISBURSEMENT_KINDS.map((k) => `payments.${k}`), ...MOVEMENT_LINES, ...EMERGENCY_LINES,
    ])).toEqual([]);
    expect(covered('networkSection', ['incoming', 'outgoing', 'in-transit-incoming', 'in-transit-outgoing'])).toEqual([]);
    // Every label is Vietnamese text, never the code again, and no two codes of a list share one.
    for (const labels of Object.values(CODE_LABELS)) {
      const values = Object.values(labels as Record<string, string>);
      expect(new Set(values).size).toBe(values.length);
      for (const [code, label] of Object.entries(labels as Record<string, string>)) expect(label).not.toBe(code);
    }
    expect(Object.keys(FINANCIAL_LINE_LABELS)).toHaveLength(REVENUE_CATEGORIES.length + DISBURSEMENT_KINDS.length + 5 + MOVEMENT_LINES.length + EMERGENCY_LINES.length);
  });

  describe.each([11, 13])('every code and summary figure of every report on random books has its label (seed %i)', (seed) => {
    const books = randomBooks(seed, 300);
    const scratch = new ScratchTables(ALL_TABLE_PROJECTIONS, { queryIndexes: true });
    for (const event of books.events) for (const projection of ALL_TABLE_PROJECTIONS) scratch.apply(projection, projection.apply(event));
    afterAll(() => scratch.close());
    const documents: ReportDocument[] = PERIODS.flatMap((period) => REPORTS.map((report) => buildRegisterReport(scratch.db, { fundId: BOOKS_FUND, report, period }, books.events.length)));

    it('in the JSON: code columns, summary keys, date columns', () => {
      const unlabelled: string[] = [];
      const seen = new Set<string>();
      for (const document of documents) {
        for (const [key, list] of Object.entries(CODE_COLUMNS[document.report])) {
          for (const row of document.rows) {
            const code = String(row[key]);
            seen.add(`${list}:${code}`);
            if (codeLabel(list, code) === code) unlabelled.push(`${document.report}.${key} = ${code}`);
          }
        }
        for (const key of Object.keys(document.summary)) if (SUMMARY_LABELS[key] === undefined) unlabelled.push(`${document.report} summary ${key}`);
        // closedAt is a column only once a campaign was closed by hand (test/read-side/corrections-in-reports.http.test.ts).
        const optional = (key: string) => document.report === 'campaigns' && key === 'closedAt';
        for (const key of DATE_COLUMNS[document.report].filter((each) => !optional(each))) expect(document.columns.map((c) => c.key)).toContain(key);
      }
      expect(unlabelled).toEqual([]);
      // The books reach the codes that matter: every disclosure part and every donor kind.
      // (The random books hand nothing out in kind: in-kind-used is test/http/in-kind-disclosure.e2e.test.ts's.)
      for (const section of Object.keys(CODE_LABELS.disclosureSection).filter((s) => s !== 'in-kind-used')) expect(seen).toContain(`disclosureSection:${section}`);
      for (const kind of DONOR_KINDS) expect(seen).toContain(`donorKind:${kind}`);
    });

    it('in the XLSX of the financial report: a text longer than its column is wrapped on a row tall enough, or spills over empty cells', async () => {
      // Before, "Thông tin" cut its long labels at the value beside them, and a wrapped label kept a one-line row.
      const cut: string[] = [];
      for (const document of documents.filter((d) => d.report === 'financial')) {
        for (const sheet of (await loadWorkbook(await toXlsx(document))).worksheets) {
          sheet.eachRow((row, rowNumber) => row.eachCell((cell, column) => {
            const text = typeof cell.value === 'string' ? cell.value : '';
            const width = sheet.getColumn(column).width ?? 9;
            if (cell.isMerged || text.length <= width - 2) return;
            // At least as many lines as its characters fill (breaking at spaces takes as many or more), 15 points each.
            const lines = Math.ceil(text.length / Math.max(1, Math.floor(width) - 2));
            const spills = [...Array(sheet.columnCount - column).keys()].every((i) => row.getCell(column + 1 + i).value == null);
            const wrapped = cell.style.alignment?.wrapText === true && (row.height ?? 15) >= 15 * lines;
            if (!wrapped && !spills) cut.push(`${sheet.name}!${cell.address} (${text.length} characters in ${width})`);
          }));
        }
      }
      expect(cut).toEqual([]);
    });

    it('in the XLSX: no code is left in any sheet', async () => {
      const codes = new Set([
        ...Object.values(CODE_LABELS).flatMap((labels) => Object.keys(labels)), ...Object.keys(SUMMARY_LABELS), 'true', 'false',
      ]);
      for (const document of documents.filter((d) => d.report !== 'disclosure' || d.rows.length < 2_000)) {
        const workbook = await loadWorkbook(await toXlsx(document));
        const left = workbook.worksheets.flatMap((sheet) => sheetTexts(sheet)).filter((text) => codes.has(text) && text !== document.report);
        expect({ report: document.report, left }).toEqual({ report: document.report, left: [] });
      }
    });
  });
});

describe('money in a spreadsheet cell', () => {
  it('is the exact number of the decimal string, or an error, never a rounded figure', () => {
    expect(excelNumber('999999999999999')).toBe(999_999_999_999_999);
    expect(excelNumber('-700000')).toBe(-700_000);
    expect(excelNumber('100.50')).toBe(100.5);
    expect(() => excelNumber('90071992547409931')).toThrow('cannot be written to a spreadsheet cell exactly');
  });

  it('has the thousands format of its currency scale: đồng whole, other currencies with their minor unit', () => {
    expect(moneyFormat('VND')).toBe('#,##0');
    expect(moneyFormat('USD')).toBe('#,##0.00');
    expect(moneyFormat('KWD')).toBe('#,##0.000');
  });
});

describe('what a person reads in the XLSX', () => {
  const document = (report: 'designations' | 'disclosure' | 'financial', rows: ReportDocument['rows'], columns: ReportDocument['columns']): ReportDocument => ({
    report, fundId: 'quy-doc', fundName: 'Quỹ Đức Phổ', chapter: 'Hội Chữ thập đỏ tỉnh Quảng Ngãi', currency: 'VND', from: null, to: null, position: 1234,
    sha256: 'a'.repeat(64), columns, rows, summary: {},
  });

  it('names a campaign\'s pool and its suspense pool in Vietnamese, in designations and in part III of the disclosure', async () => {
    const designations = document('designations', [
      { restrictionId: 'campaign:bao-yagi', purpose: 'Đợt vận động: Bão Yagi', available: '1000000' },
      { restrictionId: 'suspense:bao-yagi', purpose: null, available: '200000' },
      { restrictionId: 'DN-000123', purpose: 'Xây nhà cho bà A', available: '300000' },
    ], [{ key: 'restrictionId', heading: 'Mã khoản hạn chế' }, { key: 'purpose', heading: 'Mục đích' }, { key: 'available', heading: 'Còn lại', money: true }]);
    const disclosure = document('disclosure', [
      { section: 'donation', date: '2024-09-12T09:30:00+07:00', reference: '2024-000001', name: 'Nguyễn V. A.', description: null, cash: '1000000', inKindValue: '0', used: null, remaining: null },
      { section: 'result', date: null, reference: 'campaign:bao-yagi', name: null, description: 'Đợt vận động: Bão Yagi', cash: '1000000', inKindValue: '0', used: '0', remaining: '1000000' },
      { section: 'result', date: null, reference: 'suspense:bao-yagi', name: null, description: null, cash: '200000', inKindValue: '0', used: '0', remaining: '200000' },
    ], [
      { key: 'section', heading: 'Phần' }, { key: 'date', heading: 'Ngày' }, { key: 'reference', heading: 'Số chứng từ' }, { key: 'name', heading: 'Tên' },
      { key: 'description', heading: 'Nội dung' }, { key: 'cash', heading: 'Số tiền', money: true }, { key: 'inKindValue', heading: 'Giá trị hiện vật', money: true },
      { key: 'used', heading: 'Đã sử dụng', money: true }, { key: 'remaining', heading: 'Còn lại', money: true },
    ]);
    for (const each of [designations, disclosure]) {
      const texts = (await loadWorkbook(await toXlsx(each))).worksheets.flatMap((sheet) => sheetTexts(sheet));
      expect(texts.filter((text) => /^(campaign|suspense):/.test(text))).toEqual([]);
      expect(texts).toContain('Chiến dịch bao-yagi');
      expect(texts).toContain('Tiền chờ phân loại của chiến dịch bao-yagi');
    }
    const designationTexts = (await loadWorkbook(await toXlsx(designations))).worksheets.flatMap((sheet) => sheetTexts(sheet));
    expect(designationTexts).toContain('DN-000123');
    const disclosureTexts = (await loadWorkbook(await toXlsx(disclosure))).worksheets.flatMap((sheet) => sheetTexts(sheet));
    expect(disclosureTexts).toContain('2024-000001');
  });

  it('the management-cost heading names the decree of the period: 93/2019 Art. 37 before 2026-03-01; Decree 03/2026, the cap at 93/2019\'s level, for a period entirely from then or of a fund opened from then; both across the change', async () => {
    const columns: ReportDocument['columns'] = [{ key: 'line', heading: 'Mã chỉ tiêu' }, { key: 'label', heading: 'Chỉ tiêu' }, { key: 'amount', heading: 'Số tiền', money: true }];
    const heading = async (from: string | null, to: string | null, fundOpenedAt?: string) => {
      const financial = {
        ...document('financial', [{ line: 'opening', label: 'Số dư đầu kỳ', amount: '0' }], columns), from: from === null ? null : Date.parse(from), to: to === null ? null : Date.parse(to),
        ...(fundOpenedAt === undefined ? {} : { fundOpenedAt: Date.parse(fundOpenedAt) }),
      };
      return (await loadWorkbook(await toXlsx(financial))).worksheets.flatMap((sheet) => sheetTexts(sheet)).filter((text) => text.startsWith('Chi phí quản lý'));
    };
    const before = 'Chi phí quản lý (Nghị định 93/2019, Điều 37)';
    const after = 'Chi phí quản lý (Nghị định 03/2026; tỷ lệ theo mức của Nghị định 93/2019, Điều 37)';
    expect(await heading('2025-01-01T00:00:00+07:00', '2025-12-31T23:59:59.999+07:00')).toEqual([before]);
    expect(await heading('2026-02-01T00:00:00+07:00', '2026-02-28T23:59:59.999+07:00')).toEqual([before]);
    expect(await heading('2026-03-01T00:00:00+07:00', '2026-12-31T23:59:59.999+07:00')).toEqual([after]);
    expect(await heading('2027-01-01T00:00:00+07:00', null)).toEqual([after]);
    const across = 'Chi phí quản lý (Nghị định 93/2019, Điều 37; từ 01/03/2026: Nghị định 03/2026, tỷ lệ theo mức của Nghị định 93/2019, Điều 37)';
    expect(await heading('2026-01-01T00:00:00+07:00', '2026-12-31T23:59:59.999+07:00')).toEqual([across]);
    expect(await heading(null, null)).toEqual([across]);
    // A fund opened from 1 March 2026 was never under Decree 93/2019: its first year, or all its time, is under Decree 03/2026.
    expect(await heading('2026-01-01T00:00:00+07:00', '2026-12-31T23:59:59.999+07:00', '2026-05-10T08:00:00+07:00')).toEqual([after]);
    expect(await heading(null, null, '2026-03-01T00:00:00+07:00')).toEqual([after]);
    // One opened before it, asked for all its time or a year across the change, names both.
    expect(await heading(null, null, '2026-02-28T23:59:59+07:00')).toEqual([across]);
    expect(await heading('2026-01-01T00:00:00+07:00', '2026-12-31T23:59:59.999+07:00', '2024-09-07T08:00:00+07:00')).toEqual([across]);
  });

  it('"Thông tin" states the report by its Vietnamese name only, and the log position as a number', async () => {
    const workbook = await loadWorkbook(await toXlsx(document('financial', [{ line: 'opening', label: 'Số dư đầu kỳ', amount: '0' }], [
      { key: 'line', heading: 'Mã chỉ tiêu' }, { key: 'label', heading: 'Chỉ tiêu' }, { key: 'amount', heading: 'Số tiền', money: true },
    ])));
    const info = workbook.getWorksheet('Thông tin');
    const facts = new Map<string, unknown>();
    info?.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(sheetTexts(info as NonNullable<typeof info>)).not.toContain('financial');
    expect(facts.get('Tên báo cáo')).toBe('Báo cáo tài chính');
    expect(facts.get('Vị trí nhật ký (position)')).toBe(1234);
  });
});
