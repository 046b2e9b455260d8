import { createReadStream, closeSync, openSync, readSync, type ReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { columnsOfHeader, isHeaderRow } from './statement-layout';

/** One record of a statement file, before any interpretation. */
export interface StatementRecord {
  /** 1-based line (CSV: where the record starts; XLSX: the sheet's row number). */
  line: number;
  cells: CellValue[];
  /** The record as it stands in the file (CSV) or its cells as one CSV line (XLSX). */
  raw: string;
}

/**
 * Text, a date cell of a spreadsheet (Excel wall-clock time, see statementDateFromSpreadsheet), or
 * a number cell with a fraction (whole numbers are text): `12.345` as text reads as twelve
 * thousand, as a number it is twelve and a fraction.
 */
export type CellValue = string | Date | number | UnreadableCell;

/**
 * A spreadsheet cell with no value to read: an error (`#VALUE!`, `#N/A`) or a formula saved
 * without its result (a file written by a program that computes nothing). Read as text it is what
 * the spreadsheet shows; a line that needs it is refused naming its column, never booked with the
 * cell blank or as "[object Object]".
 */
export class UnreadableCell {
  constructor(readonly shown: string, readonly reason: string) {}

  toString(): string {
    return this.shown;
  }
}

export type StatementFormat = 'csv' | 'xlsx';

/** The file cannot be read as a statement at all; nothing of it was imported. */
export class StatementFormatError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'StatementFormatError';
  }
}

export interface StatementSource {
  format: StatementFormat;
  records: AsyncIterable<StatementRecord>;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
  /** Stops reading and releases the file; safe to call twice. */
  close(): void;
}

const SAMPLE_BYTES = 64 * 1024;
/** A record longer than this is a runaway quote, not a statement line. */
const MAX_RECORD_BYTES = 64 * 1024;

function readSample(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const length = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** XLSX by its zip signature; refused: the old binary .xls and UTF-16 text; else UTF-8 CSV. */
export function sniffFormat(sample: Buffer): StatementFormat {
  if (sample.length === 0) throw new StatementFormatError('The file is empty');
  if (sample.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (sample.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new StatementFormatError('This is an old Excel .xls file: save it as .xlsx or as CSV (UTF-8)');
  }
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new StatementFormatError('The file is UTF-16 text: save it as CSV UTF-8');
  }
  // The sample may end inside a character: only complete sequences are checked.
  let end = sample.length;
  while (end > 0 && end > sample.length - 4 && (sample[end - 1] & 0xc0) === 0x80) end -= 1;
  if (end > 0 && sample[end - 1] >= 0xc0) end -= 1;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
  } catch {
    throw new StatementFormatError('The file is not UTF-8 text: save it as CSV UTF-8 (or XLSX)');
  }
  return 'csv';
}

/** A line's fields by `delimiter`, outside double quotes (quotes kept: enough to read headings). */
function fieldsOf(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      fields.push(field);
      field = '';
      continue;
    }
    field += char;
  }
  fields.push(field);
  return fields.map((cell) => cell.trim().replace(/^"(.*)"$/s, '$1'));
}

/**
 * `,` or `;` (or a tab): the one that splits a line of the first lines into a statement's header
 * (a date column and a credit or amount column), else whichever separates the most fields on a
 * line, outside quotes. A `;` statement may print `1,000,000` and memos with commas unquoted: its
 * lines can hold more commas than its header holds semicolons.
 */
export function detectDelimiter(sample: string): ',' | ';' | '\t' {
  const lines = sample.replace(/^\ufeff/, '').split(/\r\n|\n|\r/).slice(0, 60);
  for (const line of lines) {
    const splitting = ([',', ';', '\t'] as const).filter((delimiter) => isHeaderRow(columnsOfHeader(fieldsOf(line, delimiter))));
    if (splitting.length === 1) return splitting[0];
  }
  const best = { ',': 0, ';': 0, '\t': 0 };
  for (const line of lines) {
    const unquoted = line.replace(/"[^"]*"/g, '');
    for (const delimiter of [',', ';', '\t'] as const) {
      const count = unquoted.split(delimiter).length - 1;
      if (count > best[delimiter]) best[delimiter] = count;
    }
  }
  if (best[';'] > best[','] && best[';'] >= best['\t']) return ';';
  if (best['\t'] > best[','] && best['\t'] > best[';']) return '\t';
  return ',';
}

/** Line breaks in `text`, CRLF counting as one. */
function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  // A CR is a line break of its own unless an LF follows it (counted above).
  for (let at = text.indexOf('\r'); at !== -1; at = text.indexOf('\r', at + 1)) if (text.charCodeAt(at + 1) !== 10) count += 1;
  return count;
}

/** `raw` without the one line break (CRLF, LF or CR) it ends with, if any. */
function withoutLineBreak(raw: string): string {
  const end = raw.length;
  if (end === 0) return raw;
  const last = raw.charCodeAt(end - 1);
  if (last === 10) return raw.slice(0, end >= 2 && raw.charCodeAt(end - 2) === 13 ? end - 2 : end - 1);
  return last === 13 ? raw.slice(0, end - 1) : raw;
}

async function* csvRecords(file: ReadStream, delimiter: string): AsyncGenerator<StatementRecord> {
  const parser = file.pipe(
    parse({ bom: true, delimiter, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES }),
  );
  let line = 1;
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += countLineBreaks(raw);
      // A lone CR at the end of a field is a CRLF line in a file that started with LF lines. The
      // parser's array is this record's own: trimmed in place.
      for (let index = 0; index < record.length; index++) {
        const cell = record[index];
        if (cell.endsWith('\r')) record[index] = cell.slice(0, -1);
      }
      yield { line: start, cells: record, raw: withoutLineBreak(raw) };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw new StatementFormatError(`Line ${line}: the CSV cannot be read further (${(error as Error).message})`, line);
    }
    throw error;
  }
}

/** A spreadsheet cell as text, or a Date for date cells. */
function cellOf(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) return new UnreadableCell(`=${String('formula' in value ? value.formula : value.sharedFormula)}`, 'a formula saved without its value');
    return cellOf(value.result as ExcelJS.CellValue);
  }
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return new UnreadableCell(String(value.error), 'an error of the spreadsheet');
  return new UnreadableCell('?', 'a value of a kind no statement holds');
}

function csvLine(cells: readonly CellValue[]): string {
  return cells
    .map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell)))
    .map((text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text))
    .join(',');
}

async function* xlsxRecords(file: ReadStream): AsyncGenerator<StatementRecord> {
  // Loaded for a spreadsheet only: exceljs and its six hundred modules cost a CSV import its
  // start-up time and tens of megabytes it never uses.
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit',
  });
  try {
    // The first worksheet only: statements put the transactions there.
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (value) => cellOf(value as ExcelJS.CellValue));
        yield { line: row.number, cells, raw: csvLine(cells) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof StatementFormatError) throw error;
    throw new StatementFormatError(`The XLSX file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens a statement file for one streaming pass. */
export function openStatement(path: string): StatementSource {
  const sample = readSample(path);
  const format = sniffFormat(sample);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const records = format === 'xlsx' ? xlsxRecords(file) : csvRecords(file, detectDelimiter(sample.toString('utf8')));
  return {
    format,
    records,
    bytesRead: () => file.bytesRead,
    close: () => {
      if (!file.destroyed) file.destroy();
    },
  };
}
