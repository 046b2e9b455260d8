/**
 * Reading a report's XLSX back as an accountant's spreadsheet program would: the title block, the
 * table under its frozen heading row, the total rows and the signatures. Used by the HTTP and CLI
 * suites to compare the workbook with the JSON document of the same position.
 */
import ExcelJS from 'exceljs';
import { CODE_COLUMNS, CODE_LABELS, DATE_COLUMNS, type DocumentName, RESTRICTION_COLUMNS, XLSX_HEADER_ROW } from '../../src/reports';

export interface ReportJsonLike {
  report?: string;
  columns: { key: string; heading: string; money?: boolean }[];
  rows: Record<string, unknown>[];
  summary: Record<string, unknown>;
  sha256: string;
  position: number;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** A cell's shown value: a formula's result, else its value. */
export function valueOf(cell: ExcelJS.Cell): unknown {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'formula' in value) return (value as ExcelJS.CellFormulaValue).result;
  return value;
}

/** Every non-empty text of a sheet, row by row. */
export function sheetTexts(sheet: ExcelJS.Worksheet): string[] {
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => {
    // A merged range shows its first cell's text once.
    if (cell.isMerged && cell.master.address !== cell.address) return;
    if (typeof cell.value === 'string') texts.push(cell.value);
  }));
  return texts;
}

/** The rows under the heading row whose first cell passes `keep`, as arrays of cells (1-based columns). */
export function tableRows(sheet: ExcelJS.Worksheet, width: number, keep: (first: unknown) => boolean): ExcelJS.Cell[][] {
  const rows: ExcelJS.Cell[][] = [];
  for (let number = XLSX_HEADER_ROW + 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    if (!keep(valueOf(row.getCell(1)))) continue;
    rows.push(Array.from({ length: width }, (_v, i) => row.getCell(i + 1)));
  }
  return rows;
}

/** The row whose first cell is `label`. */
export function rowLabelled(sheet: ExcelJS.Worksheet, label: string, column = 1): ExcelJS.Row | undefined {
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    if (row.getCell(column).value === label) return row;
  }
  return undefined;
}

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** A restricted pool's id back from its Vietnamese name in the workbook. */
function restrictionOfLabel(text: string): string {
  const suspense = /^Tiền chờ phân loại của chiến dịch (.+)$/.exec(text);
  if (suspense) return `suspense:${suspense[1]}`;
  const campaign = /^Chiến dịch (.+)$/.exec(text);
  return campaign ? `campaign:${campaign[1]}` : text;
}

/**
 * The table of a report (not the financial statement) turned back into JSON rows: numbers back to
 * decimal strings, Excel dates (Vietnam wall clock) back to instants compared with the JSON's,
 * labels back to codes, Có/Không back to booleans. Dates come back as epoch ms; the caller
 * compares them with Date.parse of the JSON value.
 */
export function tableAsJson(sheet: ExcelJS.Worksheet, json: ReportJsonLike, report: DocumentName): Record<string, unknown>[] {
  const codes = CODE_COLUMNS[report];
  const reverse = (list: keyof typeof CODE_LABELS) => new Map(Object.entries(CODE_LABELS[list]).map(([code, label]) => [label, code]));
  const sectionLabels = new Set<string>(Object.values(CODE_LABELS.disclosureSection));
  const keep = report === 'disclosure' ? (first: unknown) => sectionLabels.has(String(first)) : (() => {
    let ended = false;
    return (first: unknown) => {
      if (first === 'Tổng cộng') ended = true;
      return !ended;
    };
  })();
  return tableRows(sheet, json.columns.length, keep).map((cells) => Object.fromEntries(json.columns.map((column, i) => {
    const value = valueOf(cells[i]);
    if (value === null || value === undefined || value === '') return [column.key, null];
    if (value === 'Có' || value === 'Không') return [column.key, value === 'Có'];
    if (column.money) {
      expect(typeof value).toBe('number');
      expect(cells[i].numFmt).toBe('#,##0');
      return [column.key, String(value)];
    }
    if (DATE_COLUMNS[report].includes(column.key)) {
      expect(value).toBeInstanceOf(Date);
      expect(cells[i].numFmt).toBe('dd/mm/yyyy hh:mm');
      return [column.key, Math.round(((value as Date).getTime() - VIETNAM_OFFSET_MS) / 1000) * 1000];
    }
    const list = codes[column.key];
    if (list !== undefined) return [column.key, reverse(list).get(String(value)) ?? value];
    if (RESTRICTION_COLUMNS[report].some((restriction) => restriction.key === column.key)) return [column.key, restrictionOfLabel(String(value))];
    return [column.key, value];
  })));
}

/** The JSON rows with their dates as instants, as tableAsJson gives them back. */
export function jsonWithInstants(json: ReportJsonLike, report: DocumentName): Record<string, unknown>[] {
  const dates = DATE_COLUMNS[report];
  return json.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [
    key, dates.includes(key) && typeof value === 'string' ? Math.round(Date.parse(value) / 1000) * 1000 : value,
  ])));
}
