/**
 * A report as the XLSX an accountant hands to the finance office as it is: the title block of
 * api-v2.md (chapter, fund, report, period, "Đơn vị tính: đồng", log position, sha256), the table
 * with money as numbers in a thousands format, business dates as Excel dates in Vietnam time, a
 * Vietnamese label for every code, total rows, and the signature block. The financial report is
 * laid out as a receipts-and-payments statement (báo cáo thu, chi). A second sheet, "Thông tin",
 * states the provenance and the summary figures with their labels.
 *
 * The workbook is streamed (exceljs WorkbookWriter): each row is written to the zip as soon as it
 * is complete, so a disclosure of hundreds of thousands of donations never holds a workbook model.
 */
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { DECREE_03_2026_FROM } from '../domain/fund/fund.state';
import { currencyScale, MoneyDecimal } from '../domain/money';
import { vietnamDateOf } from '../domain/shared/calendar';
import { CODE_COLUMNS, codeLabel, type CodeList, DATE_COLUMNS, NO, RESTRICTION_COLUMNS, restrictionLabel, summaryLabel, YES } from './report-labels';
import type { XlsxDocument } from './coverage-report';
import type { Cell, DocumentName, ReportDocument, ReportRow } from './report-model';

/** Vietnamese titles: the name of the table's sheet and of the workbook. */
export const REPORT_TITLES: Record<DocumentName, string> = {
  designations: 'Khoản đóng góp có chỉ định',
  campaigns: 'Đợt vận động',
  donors: 'Danh sách nhà hảo tâm',
  disclosure: 'Công khai',
  financial: 'Báo cáo tài chính',
  network: 'Chuyển tiền trong hệ thống',
  coverage: 'Bao phủ danh sách',
};

/** The title printed on the document itself, as Vietnamese reports head their forms. */
export const DOCUMENT_TITLES: Record<DocumentName, string> = {
  designations: 'BÁO CÁO CÁC KHOẢN ĐÓNG GÓP CÓ CHỈ ĐỊNH',
  campaigns: 'BÁO CÁO KẾT QUẢ CÁC ĐỢT VẬN ĐỘNG',
  donors: 'DANH SÁCH NHÀ HẢO TÂM',
  disclosure: 'CÔNG KHAI TIẾP NHẬN, PHÂN PHỐI VÀ SỬ DỤNG NGUỒN ĐÓNG GÓP',
  financial: 'BÁO CÁO THU, CHI',
  network: 'BÁO CÁO CHUYỂN TIỀN GIỮA CÁC CẤP TRONG HỆ THỐNG',
  coverage: 'BÁO CÁO BAO PHỦ DANH SÁCH ĐỐI TƯỢNG',
};

/** The sheet holding the report's provenance: position, sha256, period and summary. */
export const XLSX_INFO_SHEET = 'Thông tin';

/** The row of column headings; the rows above it are the title block, and it stays frozen with them. */
export const XLSX_HEADER_ROW = 9;

export const SIGNATURES = [
  { title: 'Người lập biểu', hint: '(Ký, họ tên)' },
  { title: 'Kế toán trưởng', hint: '(Ký, họ tên)' },
  { title: 'Thủ trưởng đơn vị', hint: '(Ký, họ tên, đóng dấu)' },
] as const;

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** The thousands format of a currency at its scale: `#,##0` for đồng, `#,##0.00` for dollars. */
export function moneyFormat(currency: string): string {
  const scale = currencyScale(currency) ?? 2;
  return scale === 0 ? '#,##0' : `#,##0.${'0'.repeat(scale)}`;
}

/**
 * An amount as the number an Excel cell holds. Excel has only binary floating-point numbers;
 * every amount of the ledger (at most 10^15 đồng, summed well below 2^53) is exact in one, and
 * this checks it: an amount that would not come back as the same decimal is an error, never a
 * rounded figure.
 */
export function excelNumber(amount: string): number {
  const number = Number(amount);
  // Whole amounts, nearly all of them, are checked without decimal.js: a safe integer that prints back as the same digits.
  if (Number.isSafeInteger(number) && String(number) === amount) return number;
  if (!Number.isFinite(number) || !new MoneyDecimal(number).equals(new MoneyDecimal(amount))) {
    throw new Error(`the amount ${amount} cannot be written to a spreadsheet cell exactly`);
  }
  return number;
}

/** An instant as an Excel date showing the Vietnam wall clock (Excel dates carry no time zone). */
export function excelVietnamDate(ms: number): Date {
  return new Date(ms + VIETNAM_OFFSET_MS);
}

/** A business date as an instant: an ISO timestamp with its offset, or a date alone meaning the start of that Vietnam day. */
function businessInstant(value: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00+07:00`) : Date.parse(value);
}

/** dd/mm/yyyy of an instant in Vietnam time, with hh:mm unless it is the start or the last millisecond of a day. */
function vietnamDay(ms: number): string {
  const local = new Date(ms + VIETNAM_OFFSET_MS).toISOString();
  const day = `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
  const timeOfDay = (ms + VIETNAM_OFFSET_MS) % DAY_MS;
  return timeOfDay === 0 || timeOfDay === DAY_MS - 1 ? day : `${day} ${local.slice(11, 16)}`;
}

/** The period as the title block states it: "Từ ngày 01/01/2025 đến ngày 31/12/2025". */
export function periodText(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return `Từ ngày ${vietnamDay(from)} đến ngày ${vietnamDay(to)}`;
  if (from !== null) return `Từ ngày ${vietnamDay(from)}`;
  if (to !== null) return `Đến ngày ${vietnamDay(to)}`;
  return 'Toàn bộ thời gian';
}

// ---------------------------------------------------------------------------------------------
// Styles: one object each, so exceljs looks each up once rather than once per cell.
// ---------------------------------------------------------------------------------------------

type Style = Partial<ExcelJS.Style>;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

function styles(currency: string) {
  const money = moneyFormat(currency);
  return {
    plain: {} as Style,
    chapter: { font: { bold: true } } as Style,
    title: { font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } } as Style,
    centred: { alignment: { horizontal: 'center' } } as Style,
    provenance: { font: { italic: true, size: 9 }, alignment: { horizontal: 'center' } } as Style,
    unit: { font: { italic: true }, alignment: { horizontal: 'right' } } as Style,
    heading: { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER } as Style,
    text: { alignment: { vertical: 'top', wrapText: true }, border: BORDER } as Style,
    money: { numFmt: money, alignment: { vertical: 'top' }, border: BORDER } as Style,
    count: { numFmt: '#,##0', alignment: { vertical: 'top' }, border: BORDER } as Style,
    date: { numFmt: DATE_TIME_FORMAT, alignment: { horizontal: 'center', vertical: 'top' }, border: BORDER } as Style,
    flag: { alignment: { horizontal: 'center', vertical: 'top' }, border: BORDER } as Style,
    section: { font: { bold: true }, border: BORDER } as Style,
    totalText: { font: { bold: true }, border: BORDER } as Style,
    totalMoney: { font: { bold: true }, numFmt: money, border: BORDER } as Style,
    totalCount: { font: { bold: true }, numFmt: '#,##0', border: BORDER } as Style,
    place: { font: { italic: true }, alignment: { horizontal: 'right' } } as Style,
    signature: { font: { bold: true }, alignment: { horizontal: 'center' } } as Style,
    hint: { font: { italic: true }, alignment: { horizontal: 'center' } } as Style,
    infoKey: { font: { bold: true }, alignment: { vertical: 'top', wrapText: true } } as Style,
    infoText: { alignment: { vertical: 'top', wrapText: true, horizontal: 'left' } } as Style,
    infoMoney: { numFmt: money, alignment: { horizontal: 'left' } } as Style,
    infoPercent: { numFmt: '0.00', alignment: { horizontal: 'left' } } as Style,
    infoNumber: { numFmt: '0', alignment: { horizontal: 'left' } } as Style,
    infoDate: { numFmt: DATE_TIME_FORMAT, alignment: { horizontal: 'left' } } as Style,
  };
}
type Styles = ReturnType<typeof styles>;

// ---------------------------------------------------------------------------------------------
// Columns and cells
// ---------------------------------------------------------------------------------------------

type ColumnKind = 'money' | 'date' | 'code' | 'restriction' | 'plain';

export interface XlsxColumn {
  key: string;
  heading: string;
  kind: ColumnKind;
  list?: CodeList;
  /** A restriction column whose pools are only in the rows of this section (the others hold receipt numbers). */
  section?: string;
  width: number;
}

interface Written {
  value: ExcelJS.CellValue;
  style: Style;
}

/** A restricted pool's id in its Vietnamese name; another cell of the column (a receipt number) as it is. */
function restrictionText(column: XlsxColumn, value: string, row: ReportRow | undefined): string {
  return column.section === undefined || row?.section === column.section ? restrictionLabel(value) : value;
}

/** A report cell as the workbook holds it: a number, a date, a label, Có/Không or text. */
function cellOf(column: XlsxColumn, value: Cell, s: Styles, row?: ReportRow): Written {
  if (value === null) return { value: null, style: column.kind === 'money' ? s.money : s.text };
  if (typeof value === 'boolean') return { value: value ? YES : NO, style: s.flag };
  if (typeof value === 'number') return { value, style: s.count };
  if (column.kind === 'money') return { value: excelNumber(value), style: s.money };
  if (column.kind === 'date') return { value: excelVietnamDate(businessInstant(value)), style: s.date };
  if (column.kind === 'code' && column.list !== undefined) return { value: codeLabel(column.list, value), style: s.text };
  if (column.kind === 'restriction') return { value: restrictionText(column, value, row), style: s.text };
  return { value, style: s.text };
}

/** How many characters a cell shows: the width its column needs. */
function shownLength(column: XlsxColumn, value: Cell, row: ReportRow): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return groupedLength(String(value));
  if (column.kind === 'money') return groupedLength(value);
  if (column.kind === 'date') return DATE_TIME_FORMAT.length;
  if (column.kind === 'code' && column.list !== undefined) return codeLabel(column.list, value).length;
  if (column.kind === 'restriction') return restrictionText(column, value, row).length;
  return value.length;
}

/** Digits with their thousands separators (and sign and fraction) as a number format shows them. */
function groupedLength(amount: string): number {
  const [whole] = amount.replace('-', '').split('.');
  return amount.length + Math.floor((whole.length - 1) / 3);
}

/**
 * The report's columns with the width each needs: its longest cell (names in full, up to 60
 * characters, longer text wraps) and its heading, which may wrap onto two lines.
 */
export function xlsxColumns(document: Pick<ReportDocument, 'report' | 'columns' | 'rows'>): XlsxColumn[] {
  const codes = CODE_COLUMNS[document.report];
  const dates = DATE_COLUMNS[document.report];
  const restrictions = RESTRICTION_COLUMNS[document.report];
  const columns: XlsxColumn[] = document.columns.map((c) => {
    const restriction = restrictions.find((r) => r.key === c.key);
    return {
      key: c.key, heading: c.heading, width: 0, list: codes[c.key], ...(restriction?.section === undefined ? {} : { section: restriction.section }),
      kind: c.money ? 'money' : dates.includes(c.key) ? 'date' : codes[c.key] !== undefined ? 'code' : restriction !== undefined ? 'restriction' : 'plain',
    };
  });
  const longest = columns.map((c) => {
    const words = Math.max(...c.heading.split(/\s+/).map((word) => word.length));
    return Math.max(words, Math.ceil(c.heading.length / 2), c.kind === 'money' ? 12 : 0);
  });
  for (const row of document.rows) {
    for (let i = 0; i < columns.length; i += 1) {
      const length = shownLength(columns[i], row[columns[i].key] ?? null, row);
      if (length > longest[i]) longest[i] = length;
    }
  }
  return columns.map((c, i) => ({ ...c, width: fittedWidth(longest[i] + 2) }));
}

/**
 * A width within bounds. exceljs leaves a column of width 9, its default, out of the file, and
 * the reader's default is narrower (8.43): such a column is written at 10.
 */
function fittedWidth(characters: number): number {
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, characters));
  return width === 9 ? 10 : width;
}

/** Points a line of the sheet's 11-point text takes. */
const LINE_HEIGHT = 15;

/**
 * How many lines a wrapped text takes in a column `width` characters wide, broken at spaces as a
 * spreadsheet breaks it (a margin of two characters for bold text and the cell's padding).
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 2);
  let lines = 0;
  let current = -1;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (current >= 0 && current + 1 + word.length <= room) {
      current += 1 + word.length;
      continue;
    }
    lines += Math.ceil(word.length / room);
    current = word.length % room === 0 ? room : word.length % room;
  }
  return Math.max(1, lines);
}

/** The height a row needs for its wrapped texts, or undefined when one line is enough (the reader's default). */
function rowHeight(texts: readonly { text: string; width: number }[]): number | undefined {
  let lines = 1;
  for (const { text, width } of texts) if (text.length > width - 2) lines = Math.max(lines, wrappedLines(text, width));
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

// ---------------------------------------------------------------------------------------------
// The sheet, row by row
// ---------------------------------------------------------------------------------------------

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Writes rows in order and commits each: what is written is gone from memory. */
class RowWriter {
  next = 1;

  constructor(readonly sheet: ExcelJS.Worksheet, readonly width: number) {}

  /** One row; `cells` by column (1-based), each a value and its style. */
  write(cells: (Written | undefined)[], merge?: { from: number; to: number }, height?: number): number {
    const number = this.next;
    const row = this.sheet.getRow(number);
    if (height !== undefined) row.height = height;
    cells.forEach((cell, i) => {
      if (cell === undefined) return;
      const target = row.getCell(i + 1);
      target.value = cell.value;
      target.style = cell.style;
    });
    if (merge !== undefined && merge.to > merge.from) this.sheet.mergeCells(number, merge.from, number, merge.to);
    row.commit();
    this.next += 1;
    return number;
  }

  /** A row of one text across the whole table, styled. */
  line(text: string, style: Style): number {
    return this.write([{ value: text, style }], { from: 1, to: this.width });
  }

  blank(): void {
    this.write([]);
  }
}

/** The title block: chapter and fund top left, the title, period and provenance centred, the unit right; then the heading row. */
function writeTitleBlock(out: RowWriter, document: XlsxDocument, s: Styles): void {
  out.write(document.chapter === null ? [] : [{ value: document.chapter, style: s.chapter }]);
  out.write([{ value: `${document.fundName ?? document.fundId} (mã quỹ: ${document.fundId})`, style: s.chapter }]);
  out.blank();
  out.line(DOCUMENT_TITLES[document.report], s.title);
  const period = periodText(document.from, document.to);
  out.line(document.subtitle === undefined ? period : `${document.subtitle}. ${period}`, s.centred);
  out.line(`Số liệu tại vị trí nhật ký (log position): ${document.position}`, s.provenance);
  out.line(`SHA-256: ${document.sha256}`, s.provenance);
  // A document without money (the coverage counts households) states no unit of money.
  if (document.report !== 'financial' && !document.columns.some((column) => column.money === true)) out.blank();
  else out.line(document.currency === 'VND' ? 'Đơn vị tính: đồng' : `Đơn vị tính: ${document.currency}`, s.unit);
}

/** Three signatures spread over the table's width: each takes about a third of it, by column widths. */
function signatureGroups(widths: readonly number[]): { from: number; to: number }[] {
  if (widths.length < 3) return SIGNATURES.map((_s, i) => ({ from: Math.min(i + 1, widths.length), to: Math.min(i + 1, widths.length) }));
  const total = widths.reduce((a, b) => a + b, 0);
  const groups: { from: number; to: number }[] = [];
  let from = 1;
  let covered = 0;
  for (let column = 1; column <= widths.length && groups.length < 2; column += 1) {
    covered += widths[column - 1];
    const columnsLeft = widths.length - column;
    if (covered >= (total * (groups.length + 1)) / 3 || columnsLeft === 2 - groups.length) {
      groups.push({ from, to: column });
      from = column + 1;
    }
  }
  groups.push({ from, to: widths.length });
  return groups;
}

/** The place and date, left for the signer to fill in above the head of the unit's signature. */
const PLACE_AND_DATE = '............, ngày ..... tháng ..... năm ........';

/**
 * The three signatures' columns, and the table's column widths with each signature's last column
 * widened when its columns are narrower than its title or hint ("(Ký, họ tên, đóng dấu)" under a
 * narrow last column would be cut).
 */
export function signatureLayout(widths: readonly number[]): { groups: { from: number; to: number }[]; widths: number[] } {
  const groups = signatureGroups(widths);
  const adjusted = [...widths];
  groups.forEach((group, i) => {
    const needed = Math.max(SIGNATURES[i].title.length, SIGNATURES[i].hint.length) + 2;
    let width = 0;
    for (let column = group.from; column <= group.to; column += 1) width += adjusted[column - 1];
    if (width < needed) adjusted[group.to - 1] += needed - width;
  });
  return { groups, widths: adjusted };
}

/**
 * The place and date line, right-aligned in the last column so that, longer than the column, it
 * runs left over the empty cells of its row and never past the table's edge; the three titles,
 * their hints, room to sign.
 */
function writeSignatures(out: RowWriter, groups: readonly { from: number; to: number }[], s: Styles): void {
  const across = (texts: readonly string[], style: Style) => {
    const number = out.next;
    const row = out.sheet.getRow(number);
    groups.forEach((group, i) => {
      if (texts[i] === '') return;
      const cell = row.getCell(group.from);
      cell.value = texts[i];
      cell.style = style;
      if (group.to > group.from) out.sheet.mergeCells(number, group.from, number, group.to);
    });
    row.commit();
    out.next += 1;
  };
  out.blank();
  const last = groups[groups.length - 1].to;
  out.write([...Array<undefined>(last - 1).fill(undefined), { value: PLACE_AND_DATE, style: s.place }]);
  across(SIGNATURES.map((signature) => signature.title), s.signature);
  across(SIGNATURES.map((signature) => signature.hint), s.hint);
  for (let i = 0; i < 4; i += 1) out.blank();
}

/** A total row: the label in the first column, SUM formulas (with their results) under the summed columns. */
function writeTotal(out: RowWriter, columns: readonly XlsxColumn[], label: string, range: { first: number; last: number }, sums: Map<string, MoneyDecimal>, s: Styles): void {
  const cells: Written[] = columns.map((column, i) => {
    if (i === 0) return { value: label, style: s.totalText };
    const total = sums.get(column.key);
    if (total === undefined) return { value: null, style: s.totalText };
    const result = excelNumber(total.toFixed());
    const letter = columnLetter(i + 1);
    return range.last < range.first ? { value: result, style: s.totalMoney } : { value: { formula: `SUM(${letter}${range.first}:${letter}${range.last})`, result }, style: s.totalMoney };
  });
  // The label takes the columns before the first figure, so it is read whole rather than under their borders.
  const firstFigure = columns.findIndex((column, i) => i > 0 && sums.has(column.key));
  out.write(cells, firstFigure > 1 ? { from: 1, to: firstFigure } : undefined);
}

/** An exact running total: whole amounts added as BigInt (a disclosure adds hundreds of thousands), others in decimal.js. */
class Total {
  private whole = 0n;
  private fraction = new MoneyDecimal(0);

  add(amount: string): void {
    if (/^-?\d+$/.test(amount)) this.whole += BigInt(amount);
    else this.fraction = this.fraction.plus(amount);
  }

  get value(): MoneyDecimal {
    return this.fraction.plus(this.whole.toString());
  }
}

/** Rows written between two turns of the event loop, so the zip compresses what was written and memory stays flat. */
const ROWS_PER_TURN = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The texts of a row that wrap in their cells, with their columns' widths. */
function wrappedTexts(columns: readonly XlsxColumn[], cells: readonly Written[], s: Styles): { text: string; width: number }[] {
  const texts: { text: string; width: number }[] = [];
  cells.forEach((cell, i) => {
    if (cell.style === s.text && typeof cell.value === 'string') texts.push({ text: cell.value, width: columns[i].width });
  });
  return texts;
}

/** The rows of a table between its heading and its total, summing the given money columns as they pass. */
async function writeRows(out: RowWriter, columns: readonly XlsxColumn[], rows: readonly ReportRow[], summed: readonly string[], s: Styles): Promise<{ first: number; last: number; sums: Map<string, MoneyDecimal> }> {
  const totals = new Map(summed.map((key) => [key, new Total()]));
  const first = out.next;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    const cells = columns.map((column) => cellOf(column, row[column.key] ?? null, s, row));
    out.write(cells, undefined, rowHeight(wrappedTexts(columns, cells, s)));
    for (const [key, total] of totals) {
      const value = row[key];
      if (typeof value === 'string') total.add(value);
    }
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
  }
  return { first, last: out.next - 1, sums: new Map([...totals].map(([key, total]) => [key, total.value])) };
}

/** The parts of the disclosure, each with its heading and the money it totals. */
const DISCLOSURE_PARTS = [
  { title: 'I. TIẾP NHẬN', total: 'Cộng tiếp nhận', sections: ['donation', 'donation-reversal'], summed: ['cash', 'inKindValue'] },
  { title: 'II. PHÂN PHỐI, SỬ DỤNG', total: 'Cộng phân phối, sử dụng', sections: ['recipient', 'recipient-reversal', 'in-kind-used'], summed: ['cash', 'inKindValue'] },
  { title: 'III. KẾT QUẢ SỬ DỤNG THEO KHOẢN CHỈ ĐỊNH', total: 'Cộng', sections: ['result'], summed: ['cash', 'used', 'remaining'] },
] as const;

/** The parts of the network report: per fund each way, then each transfer still in transit. */
const NETWORK_PARTS = [
  { title: 'I. NHẬN TỪ CÁC QUỸ KHÁC (CẤP DƯỚI)', total: 'Cộng nhận', sections: ['incoming'], summed: ['sent', 'arrived', 'returned', 'reversed', 'inTransit'] },
  { title: 'II. CHUYỂN CHO CÁC QUỸ KHÁC', total: 'Cộng chuyển đi', sections: ['outgoing'], summed: ['sent', 'arrived', 'returned', 'reversed', 'inTransit'] },
  { title: 'III. CÁC KHOẢN ĐANG TRÊN ĐƯỜNG', total: 'Cộng đang trên đường', sections: ['in-transit-incoming', 'in-transit-outgoing'], summed: ['inTransit'] },
] as const;

/** The parts of the coverage: who received, then who was left out (absent, refused, planned, on no distribution). */
const COVERAGE_PARTS = [
  { title: 'I. ĐÃ NHẬN', total: 'Cộng đã nhận', received: true },
  { title: 'II. CHƯA NHẬN', total: 'Cộng chưa nhận', received: false },
] as const;

async function writeTable(out: RowWriter, document: ReportDocument, columns: readonly XlsxColumn[], s: Styles): Promise<void> {
  out.write(columns.map((column) => ({ value: column.heading, style: s.heading })), undefined, rowHeight(columns.map((column) => ({ text: column.heading, width: column.width }))));
  if (document.report === 'network') {
    for (const part of NETWORK_PARTS) {
      out.line(part.title, s.section);
      const sections: readonly string[] = part.sections;
      const written = await writeRows(out, columns, document.rows.filter((row) => sections.includes(String(row.section))), part.summed, s);
      writeTotal(out, columns, part.total, written, written.sums, s);
    }
    return;
  }
  if (document.report === 'coverage') {
    for (const part of COVERAGE_PARTS) {
      out.line(part.title, s.section);
      const rows = document.rows.filter((row) => (row.status === 'received') === part.received);
      await writeRows(out, columns, rows, [], s);
      out.line(`${part.total}: ${rows.length} đối tượng`, s.totalText);
    }
    out.line(`Tổng cộng: ${document.rows.length} đối tượng trên danh sách`, s.totalText);
    return;
  }
  if (document.report !== 'disclosure') {
    const money = columns.filter((column) => column.kind === 'money').map((column) => column.key);
    const written = await writeRows(out, columns, document.rows, money, s);
    writeTotal(out, columns, 'Tổng cộng', written, written.sums, s);
    return;
  }
  for (const part of DISCLOSURE_PARTS) {
    out.line(part.title, s.section);
    const sections: readonly string[] = part.sections;
    const rows = document.rows.filter((row) => sections.includes(String(row.section)));
    const written = await writeRows(out, columns, rows, part.summed, s);
    writeTotal(out, columns, part.total, written, written.sums, s);
  }
}

// ---------------------------------------------------------------------------------------------
// The financial report: a receipts-and-payments statement
// ---------------------------------------------------------------------------------------------

const ROMAN = ['I', 'II', 'III', 'IV'];
/**
 * The management-cost part's heading names the decree of the period: Decree 93/2019 Art. 37 until
 * Decree 03/2026 replaced it on 1 March 2026; from then Decree 03/2026, the share still at the
 * 93/2019 level (domain.md: no change to it is known); a period across the change names both. The
 * period of a fund starts when it opened at the earliest: a fund opened from 1 March 2026 is under
 * Decree 03/2026 for any period, its first year's included.
 */
const MANAGEMENT_COST_HEADINGS = {
  before: 'Chi phí quản lý (Nghị định 93/2019, Điều 37)',
  after: 'Chi phí quản lý (Nghị định 03/2026; tỷ lệ theo mức của Nghị định 93/2019, Điều 37)',
  across: 'Chi phí quản lý (Nghị định 93/2019, Điều 37; từ 01/03/2026: Nghị định 03/2026, tỷ lệ theo mức của Nghị định 93/2019, Điều 37)',
} as const;

function managementCostHeading(document: XlsxDocument): string {
  const dayOf = (ms: number) => vietnamDateOf(new Date(ms).toISOString());
  if (document.to !== null && dayOf(document.to) < DECREE_03_2026_FROM) return MANAGEMENT_COST_HEADINGS.before;
  const starts = [document.from, document.fundOpenedAt ?? null].filter((start): start is number => start !== null);
  if (starts.length > 0 && dayOf(Math.max(...starts)) >= DECREE_03_2026_FROM) return MANAGEMENT_COST_HEADINGS.after;
  return MANAGEMENT_COST_HEADINGS.across;
}
const MEMO_HEADING = 'Thông tin thêm (không tính vào thu, chi)';
/** What the statement's notes say of its sections. */
const FINANCIAL_NOTES = { receipts: 'Tiền thu; hiện vật không tính', payments: 'Theo ngày chi, ngày quyết toán', closing: 'IV = I + II − III' } as const;

/** Columns of the statement: number, line, amount, and a note saying how a line is made. */
function financialColumns(document: XlsxDocument): XlsxColumn[] {
  const lines = [
    ...document.rows.map((row) => codeLabel('financialLine', String(row.line)).length),
    ...Object.keys(document.summary).map((key) => summaryLabel(key).label.length), managementCostHeading(document).length,
  ];
  return [
    { key: 'number', heading: 'STT', kind: 'plain', width: 8 },
    { key: 'label', heading: 'Chỉ tiêu', kind: 'plain', width: Math.min(MAX_WIDTH, Math.max(30, ...lines) + 2) },
    { key: 'amount', heading: 'Số tiền', kind: 'money', width: 20 },
    { key: 'note', heading: 'Ghi chú', kind: 'plain', width: fittedWidth(Math.max(...Object.values(FINANCIAL_NOTES).map((note) => note.length)) + 2) },
  ];
}

/**
 * I opening balance; II receipts, by revenue category; III payments, by kind and the settled
 * emergency money; IV closing balance = I + II − III. The totals are formulas over the lines
 * above them, their results the report's own figures (receipts.total, payments.total, closing).
 */
function writeFinancialStatement(out: RowWriter, document: XlsxDocument, s: Styles): void {
  const amountOf = (line: string) => String(document.rows.find((row) => row.line === line)?.amount ?? '0');
  const detail = (prefix: string) => document.rows.filter((row) => String(row.line).startsWith(prefix) && row.line !== `${prefix}total`);
  const money = (amount: string): Written => ({ value: excelNumber(amount), style: s.money });
  const text = (value: string, style = s.text): Written => ({ value, style });
  // A label longer than its column wraps (a heading or a total stays on one line): its row is made as tall as its lines.
  const labelWidth = financialColumns(document)[1].width;
  const labelled = (cells: (Written | undefined)[]) => {
    const label = cells[1];
    const wraps = label?.style.alignment?.wrapText === true;
    return out.write(cells, undefined, wraps ? rowHeight([{ text: String(label.value ?? ''), width: labelWidth }]) : undefined);
  };
  out.write(['STT', 'Chỉ tiêu', 'Số tiền', 'Ghi chú'].map((heading) => text(heading, s.heading)));
  const opening = out.write([text(ROMAN[0], s.totalText), text(codeLabel('financialLine', 'opening'), s.totalText), { ...money(amountOf('opening')), style: s.totalMoney }, text('')]);
  const section = (roman: string, prefix: 'receipts.' | 'payments.', note: string): number => {
    const lines = detail(prefix);
    const row = out.next;
    const result = excelNumber(amountOf(`${prefix}total`));
    const formula = lines.length === 0 ? result : { formula: `SUM(C${row + 1}:C${row + lines.length})`, result };
    labelled([text(roman, s.totalText), text(codeLabel('financialLine', `${prefix}total`), s.totalText), { value: formula, style: s.totalMoney }, text(note)]);
    lines.forEach((line, i) => labelled([text(String(i + 1), s.flag), text(codeLabel('financialLine', String(line.line))), money(String(line.amount)), text('')]));
    return row;
  };
  const receipts = section(ROMAN[1], 'receipts.', FINANCIAL_NOTES.receipts);
  const payments = section(ROMAN[2], 'payments.', FINANCIAL_NOTES.payments);
  const closing = { formula: `C${opening}+C${receipts}-C${payments}`, result: excelNumber(amountOf('closing')) };
  out.write([text(ROMAN[3], s.totalText), text(codeLabel('financialLine', 'closing'), s.totalText), { value: closing, style: s.totalMoney }, text(FINANCIAL_NOTES.closing)]);
  // Money in transit and moves between pools: stated, never part of the receipts or payments.
  const memo = detail('memo.');
  if (memo.length > 0) {
    out.blank();
    out.write([undefined, text(MEMO_HEADING, s.chapter)]);
    memo.forEach((line) => labelled([undefined, text(codeLabel('financialLine', String(line.line))), money(String(line.amount)), text('')]));
  }
  out.blank();
  labelled([undefined, text(managementCostHeading(document), s.chapter)]);
  for (const [key, value] of Object.entries(document.summary)) {
    const { label, kind } = summaryLabel(key);
    labelled([undefined, text(label), summaryCell(kind, value, s, 'table')]);
  }
}

/** A summary figure as a cell: money and percentages as numbers, checks as Có/Không. */
function summaryCell(kind: string, value: Cell, s: Styles, where: 'table' | 'info'): Written {
  const style = where === 'table' ? { money: s.money, percent: { ...s.money, numFmt: '0.00' }, text: s.text } : { money: s.infoMoney, percent: s.infoPercent, text: s.infoText };
  if (value === null) return { value: null, style: style.text };
  if (typeof value === 'boolean') return { value: value ? YES : NO, style: style.text };
  if (kind === 'money') return { value: excelNumber(String(value)), style: style.money };
  if (kind === 'percent') return { value: Number(value), style: style.percent };
  return { value, style: style.text };
}

// ---------------------------------------------------------------------------------------------
// The workbook
// ---------------------------------------------------------------------------------------------

function writeInfoSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, document: ReportDocument, s: Styles): void {
  const info = workbook.addWorksheet(XLSX_INFO_SHEET);
  const widths = { item: 44, value: 72 };
  info.columns = [{ key: 'item', width: widths.item }, { key: 'value', width: widths.value }];
  const out = new RowWriter(info, 2);
  const text = (value: string | number | null): Written => ({ value, style: s.infoText });
  const date = (ms: number | null): Written => (ms === null ? text(null) : { value: excelVietnamDate(ms), style: s.infoDate });
  const facts: [string, Written][] = [
    ['Tên báo cáo', text(REPORT_TITLES[document.report])],
    ['Đơn vị', text(document.chapter)],
    ['Quỹ', text(document.fundName)],
    ['Mã quỹ (fundId)', text(document.fundId)],
    ['Từ ngày (from)', date(document.from)],
    ['Đến ngày (to)', date(document.to)],
    ['Đơn vị tính', text(document.currency === 'VND' ? 'đồng' : document.currency)],
    ['Vị trí nhật ký (position)', { value: document.position, style: s.infoNumber }],
    ['SHA-256', text(document.sha256)],
    ['Cách kiểm tra SHA-256', text('SHA-256 của JSON chuẩn (RFC 8785) của báo cáo định dạng json, không gồm trường sha256')],
    ...Object.entries(document.summary).map(([key, value]): [string, Written] => {
      const { label, kind } = summaryLabel(key);
      return [label, summaryCell(kind, value, s, 'info')];
    }),
  ];
  out.write([{ value: 'Mục', style: s.heading }, { value: 'Giá trị', style: s.heading }]);
  for (const [item, value] of facts) {
    const height = rowHeight([{ text: item, width: widths.item }, { text: typeof value.value === 'string' ? value.value : '', width: widths.value }]);
    out.write([{ value: item, style: s.infoKey }, value], undefined, height);
  }
  info.commit();
}

/** Writes the report's workbook to `output`, row by row; resolves once the last byte is handed over. */
export async function writeXlsx(document: XlsxDocument, output: Writable): Promise<void> {
  // Loaded by the first workbook, not with the reports: exceljs and its zip libraries take a
  // second of CPU to load, which every `ledger` verb and every JSON or CSV answer would pay.
  const { stream } = await import('exceljs');
  const workbook = new stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const title = REPORT_TITLES[document.report];
  workbook.creator = 'ctd-fund-ledger';
  workbook.title = `${title} — ${document.fundId}`;
  workbook.subject = `${document.report}; vị trí nhật ký ${document.position}`;
  workbook.keywords = `sha256:${document.sha256} position:${document.position}`;
  workbook.description = `Vị trí nhật ký (log position) ${document.position}; sha256 ${document.sha256} `
    + '(SHA-256 của JSON chuẩn RFC 8785 của báo cáo, không gồm trường sha256)';
  workbook.category = document.report;
  const s = styles(document.currency);
  const laidOut = document.report === 'financial' ? financialColumns(document) : xlsxColumns(document);
  const signatures = signatureLayout(laidOut.map((column) => column.width));
  const columns = laidOut.map((column, i) => ({ ...column, width: signatures.widths[i] }));
  const sheet = workbook.addWorksheet(title, {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, topLeftCell: `A${XLSX_HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: columns.length > 5 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((column) => ({ key: column.key, width: column.width }));
  const out = new RowWriter(sheet, columns.length);
  writeTitleBlock(out, document, s);
  if (document.report === 'financial') writeFinancialStatement(out, document, s);
  else await writeTable(out, document, columns, s);
  writeSignatures(out, signatures.groups, s);
  sheet.commit();
  writeInfoSheet(workbook, document, s);
  await workbook.commit();
}

/** The workbook as bytes (for a file written whole, or a small answer). */
export async function toXlsx(document: XlsxDocument): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  try {
    await writeXlsx(document, sink);
  } catch (error) {
    sink.destroy();
    throw error;
  }
  await ended;
  return Buffer.concat(chunks);
}
