/**
 * The XLSX writer on documents made by hand: the chapter heads the title block, the period reads
 * as Vietnamese dates, the signatures spread over the table, the stream ends, and an amount that a
 * spreadsheet number cannot hold exactly fails the workbook rather than being rounded.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
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

  it('gives the heading row the height of its wrapped headings, so none is cut at the bottom', async () => {
    const sheet = (await loadWorkbook(await toXlsx(donors()))).worksheets[0];
    const headingRow = sheet.getRow(XLSX_HEADER_ROW);
    // "Số lần ủng hộ" in a column narrower than the heading takes two lines; a line of 11-point text is 15 points.
    const lines = (text: string, width: number) => text.split(' ').reduce((acc, word) => {
      const last = acc[acc.length - 1];
      if (last !== undefined && `${last} ${word}`.length <= width - 2) acc[acc.length - 1] = `${last} ${word}`;
      else acc.push(word);
      return acc;
    }, [] as string[]).length;
    const needed = Math.max(...[1, 2, 3, 4, 5].map((c) => lines(String(headingRow.getCell(c).value), sheet.getColumn(c).width!)));
    expect(needed).toBeGreaterThan(1);
    expect(headingRow.height).toBeGreaterThanOrEqual(15 * needed);
  });

  it('gives each signature the width of its words, and writes the place and date to the right, spilling left over the empty cells', async () => {
    const sheet = (await loadWorkbook(await toXlsx(donors()))).worksheets[0];
    const rowOf = (text: string) => [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((row) => [1, 2, 3, 4, 5].some((c) => valueOf(row.getCell(c)) === text))!;
    const widthOf = (cell: ExcelJS.Cell) => {
      const [from, to] = cell.isMerged ? [cell.master.fullAddress.col, Math.max(...[1, 2, 3, 4, 5].filter((c) => sheet.getRow(Number(cell.fullAddress.row)).getCell(c).master.address === cell.master.address))] : [cell.fullAddress.col, cell.fullAddress.col];
      let width = 0;
      for (let c = from; c <= to; c += 1) width += sheet.getColumn(c).width!;
      return width;
    };
    const texts = ['Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị', '(Ký, họ tên)', '(Ký, họ tên, đóng dấu)'];
    const cut = texts.filter((text) => {
      const cell = [1, 2, 3, 4, 5].map((c) => rowOf(text).getCell(c)).find((c) => valueOf(c) === text && c.master.address === c.address)!;
      return widthOf(cell) < text.length + 2;
    });
    expect(cut).toEqual([]);
    const place = rowOf('............, ngày ..... tháng ..... năm ........');
    const placeCell = [1, 2, 3, 4, 5].map((c) => place.getCell(c)).find((c) => valueOf(c) !== null && valueOf(c) !== undefined)!;
    expect(placeCell.col).toBe(5);
    expect(placeCell.isMerged).toBe(false);
    expect(placeCell.alignment?.horizontal).toBe('right');
  });

  it('writes a total\'s label across the columns before its first figure, not under their borders', async () => {
    const sheet = (await loadWorkbook(await toXlsx(donors()))).worksheets[0];
    const total = rowLabelled(sheet, 'Tổng cộng')!;
    // "Tổng cộng" heads the rank column (6 characters wide): it takes columns A to D, the money total is in E.
    expect([1, 2, 3, 4].map((c) => total.getCell(c).master.address)).toEqual(Array(4).fill(`A${total.number}`));
    expect(total.getCell(5).isMerged).toBe(false);
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
