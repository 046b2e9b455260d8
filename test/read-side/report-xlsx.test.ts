/**
 * The XLSX writer on documents made by hand: the chapter heads the title block, the period reads
 * as Vietnamese dates, the signatures spread over the table, the stream ends, and an amount that a
 * spreadsheet number cannot hold exactly fails the workbook rather than being rounded.
 */
import { PassThrough } from 'node:stream';
import { columnLetter, periodText, type ReportDocument, toXlsx, writeXlsx, XLSX_HEADER_ROW } from '../../src/reports';
import { loadWorkbook, rowLabelled, sheetTexts, valueOf } from './xlsx-reading';

const VN = (iso: string) => Date.parse(iso);

function donors(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    report: 'donors', fundId: 'quy-ctd-qn', fundName: 'Quỹ Chữ thập đỏ tỉnh Quảng Ngãi', chapter: 'Hội Chữ thập đỏ tỉnh Quảng Ngãi', currency: 'VND',
    from: VN('2025-01-01T00:00:00+07:00'), to: VN('2025-12-31T23:59:59.999+07:00'), position: 77, sha256: 'a'.repeat(64),
    columns: [
      { key: 'rank', heading: 'Hạng' }, { key: 'donorName', heading: 'Nhà hảo tâm' }, { key: 'kind', heading: 'Loại' },
      { key: 'donations', heading: 'Số lần ủng hộ' }, { key: 'total', heading: 'Tổng giá trị', money: true },
    ],
    rows: [
      { rank: 1, donorName: 'Công ty Cổ phần Đầu tư và Phát triển Hạ tầng Miền Trung', kind: 'organization', donations: 3, total: '250000000' },
      { rank: 2, donorName: 'Ẩn danh', kind: 'anonymous', donations: 1, total: '500000' },
    ],
    summary: { donors: 2, total: '250500000' },
    ...overrides,
  };
}

describe('the XLSX writer', () => {
  it('heads the document with the chapter and the fund, and states the period in Vietnamese dates', async () => {
    const workbook = await loadWorkbook(await toXlsx(donors()));
    const texts = sheetTexts(workbook.worksheets[0]);
    expect(texts.slice(0, 4)).toEqual([
      'Hội Chữ thập đỏ tỉnh Quảng Ngãi', 'Quỹ Chữ thập đỏ tỉnh Quảng Ngãi (mã quỹ: quy-ctd-qn)', 'DANH SÁCH NHÀ HẢO TÂM', 'Từ ngày 01/01/2025 đến ngày 31/12/2025',
    ]);
    expect(periodText(null, null)).toBe('Toàn bộ thời gian');
    expect(periodText(null, VN('2025-06-30T23:59:59.999+07:00'))).toBe('Đến ngày 30/06/2025');
    expect(periodText(VN('2025-03-01T08:30:00Z'), null)).toBe('Từ ngày 01/03/2025 15:30');
  });

  it('fits a long name in full, totals the money with a formula, and signs under it across the width', async () => {
    const workbook = await loadWorkbook(await toXlsx(donors()));
    const sheet = workbook.worksheets[0];
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual('Công ty Cổ phần Đầu tư và Phát triển Hạ tầng Miền Trung'.length);
    const total = rowLabelled(sheet, 'Tổng cộng')!;
    expect(total.number).toBe(XLSX_HEADER_ROW + 3);
    expect(total.getCell(5).value).toEqual({ formula: `SUM(E${XLSX_HEADER_ROW + 1}:E${XLSX_HEADER_ROW + 2})`, result: 250_500_000 });
    const titles = ['Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị'];
    const signatureRow = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((row) => row.getCell(1).value === titles[0])!;
    expect(signatureRow.number).toBeGreaterThan(total.number);
    const columns = titles.map((title) => [1, 2, 3, 4, 5].find((c) => valueOf(signatureRow.getCell(c)) === title && signatureRow.getCell(c).master.address === signatureRow.getCell(c).address));
    expect(columns[0]).toBe(1);
    expect(columns[1]).toBeGreaterThan(columns[0] as number);
    expect(columns[2]).toBeGreaterThan(columns[1] as number);
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(28)).toBe('AB');
  });

  it('streams into a writable and ends it', async () => {
    const sink = new PassThrough();
    let bytes = 0;
    sink.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    const ended = new Promise((resolve) => sink.on('end', resolve));
    await writeXlsx(donors(), sink);
    await ended;
    expect(bytes).toBeGreaterThan(1000);
  });

  it('refuses an amount a spreadsheet number cannot hold exactly, rather than rounding it', async () => {
    const rows = [{ rank: 1, donorName: 'X', kind: 'individual', donations: 1, total: '90071992547409931' }];
    await expect(toXlsx(donors({ rows }))).rejects.toThrow('cannot be written to a spreadsheet cell exactly');
  });
});
