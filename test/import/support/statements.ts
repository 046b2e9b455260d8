import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { OccurrenceCounter } from '../../../src/import/row-identity';
import type { ProfileName, StatementLayout } from '../../../src/import/statement-layout';
import { openStatement } from '../../../src/import/statement-reader';
import { type StatementFacts, StatementInterpreter, type StatementRow } from '../../../src/import/statement-rows';

/** A scratch folder per test file, removed by the returned function. */
export function scratchFolder(prefix = 'ctd-import-'): { dir: string; file: (name: string, content: string | Buffer) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every row of a statement file as the importer reads it, and the layout it found. */
export async function readStatementRows(
  path: string,
  options: { profile?: ProfileName | null; bankAccount?: string | null; scratchDir?: string } = {},
): Promise<{ rows: StatementRow[]; layout: StatementLayout | undefined }> {
  const { rows, layout } = await readStatement(path, options);
  return { rows, layout };
}

/** A statement file read whole: its rows, its layout, and what it says of itself (balances, days). */
export async function readStatement(
  path: string,
  options: { profile?: ProfileName | null; bankAccount?: string | null; scratchDir?: string } = {},
): Promise<{ rows: StatementRow[]; layout: StatementLayout | undefined; facts: StatementFacts; days: ReturnType<StatementInterpreter['days']> }> {
  const occurrences = new OccurrenceCounter(options.scratchDir ?? tmpdir());
  const interpreter = new StatementInterpreter({ profile: options.profile ?? null, bankAccount: options.bankAccount ?? null, occurrences });
  const source = openStatement(path);
  const rows: StatementRow[] = [];
  try {
    for await (const record of source.records) {
      const row = interpreter.interpret(record);
      if (row) rows.push(row);
    }
  } finally {
    source.close();
    occurrences.close();
  }
  return { rows, layout: interpreter.layout, facts: interpreter.facts(), days: interpreter.days() };
}

/** One line of a generic statement (api.md): credit or debit as printed. */
export interface GenericLine {
  date: string;
  reference?: string;
  credit?: string;
  debit?: string;
  description?: string;
  counterparty?: string;
}

const quote = (text: string) => (/[",;\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** A generic statement with api.md's Vietnamese headers, `;`-separated, with a BOM. */
export function genericCsv(lines: readonly GenericLine[]): string {
  const header = 'Ngày giao dịch;Số CT;Số tiền ghi có;Số tiền ghi nợ;Nội dung;Tên đối ứng';
  const body = lines.map((line) => [line.date, line.reference ?? '', line.credit ?? '', line.debit ?? '', line.description ?? '', line.counterparty ?? ''].map(quote).join(';'));
  return `\ufeff${[header, ...body].join('\r\n')}\r\n`;
}

export async function xlsxFile(path: string, rows: readonly (readonly (string | number | Date | null)[])[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sao kê');
  for (const row of rows) sheet.addRow([...row]);
  workbook.addWorksheet('Ghi chú').addRow(['not read']);
  await workbook.xlsx.writeFile(path);
  return path;
}

/**
 * A generated Vietcombank-like statement of `count` credit lines, written as a stream: line n
 * (1-based, file line n + 1) is a transfer of 2,000–10,000 VND with its own reference, spread
 * over ten September days, every 97th line a debit (a bank fee). Deterministic.
 */
export async function writeGeneratedStatement(path: string, count: number): Promise<{ credits: number; debits: number }> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung\n');
  let credits = 0;
  let debits = 0;
  let chunk = '';
  for (let n = 1; n <= count; n++) {
    const day = String(1 + Math.floor(((n - 1) * 10) / count)).padStart(2, '0');
    const seconds = n % 86_400;
    const time = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    const reference = `${5000 + (n % 400)}.${String(n).padStart(6, '0')}`;
    if (n % 97 === 0) {
      chunk += `${day}/09/2024 ${time},${reference},55.000,,THU PHI DICH VU SMS\n`;
      debits += 1;
    } else {
      const amount = `${2 + (n % 9)}.000`;
      chunk += `${day}/09/2024 ${time},${reference},,${amount},MBVCB.${6_900_000_000 + n}.NGUYEN VAN ${n} chuyen tien ung ho dong bao bao lu\n`;
      credits += 1;
    }
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { credits, debits };
}
