/**
 * A report written out: its canonical hash, CSV and XLSX. The three carry the same table; CSV
 * and XLSX with Vietnamese headings and VND as `1.500.000`, JSON with decimal strings.
 */
import ExcelJS from 'exceljs';
import { formatVndVietnamese } from '../domain/money';
import { canonicalJsonSha256 } from '../shared/canonical-json';
import type { Cell, ReportBody, ReportColumn, ReportDocument, ReportFormat, ReportName } from './report-model';

/** sha256 of the canonical JSON (RFC 8785) of the report without its hash: an auditor recomputes it. */
export function reportSha256(body: ReportBody): string {
  return canonicalJsonSha256(body);
}

/** The body with its hash: the JSON answer. */
export function toDocument(body: ReportBody): ReportDocument {
  return { ...body, sha256: reportSha256(body) };
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `<fund>-<report>-<position>.<format>`: the file name says which log position it reflects. */
export function reportFileName(body: Pick<ReportBody, 'fundId' | 'report' | 'position'>, format: ReportFormat): string {
  return `${body.fundId}-${body.report}-${body.position}.${format}`;
}

/** A cell as CSV and XLSX show it: VND as 1.500.000, booleans as Có/Không, empty for null. */
export function displayCell(column: ReportColumn, value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (column.money) return formatVndVietnamese(String(value));
  return String(value);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV, UTF-8 with a BOM (so spreadsheet programs read the diacritics), CRLF line ends. */
export function toCsv(body: ReportBody): string {
  const lines = [body.columns.map((c) => csvField(c.heading)).join(',')];
  for (const row of body.rows) lines.push(body.columns.map((c) => csvField(displayCell(c, row[c.key] ?? null))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Vietnamese titles: the name of the table's sheet and of the workbook. */
export const REPORT_TITLES: Record<ReportName, string> = {
  designations: 'Khoản đóng góp có chỉ định',
  campaigns: 'Đợt vận động',
  donors: 'Danh sách nhà hảo tâm',
  disclosure: 'Công khai',
  financial: 'Báo cáo tài chính',
};

/** The sheet holding the report's provenance: position, sha256, period and summary. */
export const XLSX_INFO_SHEET = 'Thông tin';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An epoch-ms bound as Vietnam time, e.g. 2025-01-01T00:00:00.000+07:00. */
export function vietnamTime(ms: number): string {
  return `${new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 23)}+07:00`;
}

/**
 * The report as an XLSX workbook (exceljs). The first sheet is the table exactly as the CSV
 * has it: a row of Vietnamese headings, then one row per report row, every VND cell the text
 * `1.500.000` (right-aligned), Có/Không for checks, counts as numbers, nothing for null. VND is
 * text, not a number cell, so it reads 1.500.000 whatever the viewer's locale and is never
 * rounded through a floating-point number. The second sheet, "Thông tin", and the workbook's
 * properties state the report, fund, period, log position and sha256 of the canonical JSON.
 */
export async function toXlsx(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const title = REPORT_TITLES[document.report];
  workbook.creator = 'ctd-fund-ledger';
  workbook.title = `${title} — ${document.fundId}`;
  workbook.subject = `${document.report}; vị trí nhật ký ${document.position}`;
  workbook.keywords = `sha256:${document.sha256} position:${document.position}`;
  workbook.description = `Vị trí nhật ký (log position) ${document.position}; sha256 ${document.sha256} `
    + '(SHA-256 của JSON chuẩn RFC 8785 của báo cáo, không gồm trường sha256)';
  workbook.category = document.report;

  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = document.columns.map((column) => ({
    header: column.heading, key: column.key, width: Math.min(60, Math.max(12, column.heading.length + 2)),
    style: column.money ? { alignment: { horizontal: 'right' } } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of document.rows) {
    sheet.addRow(document.columns.map((column) => {
      const value = row[column.key] ?? null;
      if (value === null) return null;
      // Counts (rank, donations, people reached) are small whole numbers, never money.
      if (typeof value === 'number') return value;
      return displayCell(column, value);
    }));
  }

  const info = workbook.addWorksheet(XLSX_INFO_SHEET);
  info.columns = [{ header: 'Mục', key: 'item', width: 34 }, { header: 'Giá trị', key: 'value', width: 70 }];
  info.getRow(1).font = { bold: true };
  const facts: [string, string][] = [
    ['Báo cáo (report)', document.report],
    ['Tên báo cáo', title],
    ['Quỹ (fundId)', document.fundId],
    ['Từ (from)', document.from === null ? '' : vietnamTime(document.from)],
    ['Đến (to)', document.to === null ? '' : vietnamTime(document.to)],
    ['Đơn vị tiền tệ (currency)', document.currency],
    ['Vị trí nhật ký (position)', String(document.position)],
    ['SHA-256', document.sha256],
    ...Object.entries(document.summary).map(([key, value]): [string, string] => [`Tổng hợp: ${key}`, value === null ? '' : String(value)]),
  ];
  for (const [item, value] of facts) info.addRow([item, value]);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/** The report in a format, as bytes ready to send or write. JSON is one line, as the API answers it. */
export async function renderReport(document: ReportDocument, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return toXlsx(document);
  if (format === 'csv') return Buffer.from(toCsv(document), 'utf8');
  return Buffer.from(`${JSON.stringify(document)}\n`, 'utf8');
}
