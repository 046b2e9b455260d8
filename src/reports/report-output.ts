/**
 * A report written out: its canonical hash, and its CSV. JSON and CSV are for programs: decimal
 * strings and plain digits, ISO timestamps as recorded, codes as codes. The XLSX, for people, is
 * src/reports/report-xlsx.ts.
 */
import { canonicalJsonSha256 } from '../shared/canonical-json';
import type { Cell, ReportBody, ReportDocument, ReportFormat } from './report-model';

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

/** A cell as the JSON value's text (money in plain digits, true/false), empty for null; CSV guards text that would start a formula (csvText). */
export function csvCell(value: Cell): string {
  return value === null ? '' : String(value);
}

function csvField(value: string): string {
  return /[",\r\n#]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** What a spreadsheet program reads as the start of a formula when a CSV cell begins with it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as CSV writes it: a donor's name, a memo or a purpose typed as `=HYPERLINK(…)` or
 * `+cmd|…` would run as a formula in the spreadsheet program that opens the file (the public
 * disclosure is one anybody downloads), so such text is written after an apostrophe, which the
 * program shows as text (OWASP, "CSV Injection"). Money cells are the JSON's digits, a minus sign
 * included; numbers and checks are not text.
 */
function csvText(value: Cell, money: boolean): string {
  const text = csvCell(value);
  return !money && typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** The CSV's last line: a comment a program skips and an auditor reads (api-v2.md, Reports). */
export function csvTrailer(document: Pick<ReportDocument, 'position' | 'sha256'>): string {
  return `# position=${document.position} sha256=${document.sha256}`;
}

/**
 * RFC 4180 CSV, UTF-8 with a BOM (so spreadsheet programs read the diacritics), CRLF line ends:
 * the Vietnamese headings, one line per row with the JSON values, then the trailing comment line
 * with the log position and the sha256 of the JSON document. A field that begins with `#` is
 * quoted, so the comment line is the only one that does.
 */
export function toCsv(document: ReportDocument): string {
  const lines = [document.columns.map((c) => csvField(c.heading)).join(',')];
  for (const row of document.rows) lines.push(document.columns.map((c) => csvField(csvText(row[c.key] ?? null, c.money === true))).join(','));
  lines.push(csvTrailer(document));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
