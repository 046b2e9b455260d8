import { fiscalYearOf } from '../domain/shared/calendar';
import { RejectionCode } from '../domain/shared/rejection-codes';
import { donorNameOf } from './donor-name';
import { identityBase, type OccurrenceCounter, rowIdOf } from './row-identity';
import { type CellValue, StatementFormatError, type StatementRecord } from './statement-reader';
import { columnsOfHeader, headerKey, isHeaderRow, layoutOf, type ProfileName, type StatementColumn, type StatementLayout } from './statement-layout';
import {
  collapseWhitespace, normaliseMemo, parseStatementAmount, parseStatementDate, type ParsedStatementAmount, type ParsedStatementDate,
  statementDateFromSpreadsheet,
} from './statement-values';

/** A credit row ready to become a donation. */
export interface CreditRow {
  kind: 'credit';
  line: number;
  raw: string;
  rowId: string;
  receivedAt: string;
  fiscalYear: number;
  amountVnd: string;
  reference: string | null;
  memo: string;
  donorName: string;
}

export interface RejectedRow {
  kind: 'rejected';
  line: number;
  code: string;
  message: string;
  field?: string;
}

export type StatementRow =
  | CreditRow
  | RejectedRow
  /** Money out: counted, never imported. */
  | { kind: 'debit'; line: number }
  /** Totals, balances and repeated headers printed between transactions. */
  | { kind: 'skipped'; line: number };

/** Lines scanned for the header row before the file is refused. */
const MAX_PREAMBLE_RECORDS = 50;

/** Lines without a date that carry totals or balances rather than a transaction (folded). */
const SUMMARY = /\b(tong|total|so du|balance|dau ky|cuoi ky|opening|closing|phat sinh|luy ke|sub ?total|carried forward|chuyen trang)\b/;

export interface InterpreterOptions {
  profile: ProfileName | null;
  bankAccount: string | null;
  occurrences: OccurrenceCounter;
}

function rejected(line: number, field: string, message: string): RejectedRow {
  return { kind: 'rejected', line, code: RejectionCode.VALIDATION_FAILED, message: `${field}: ${message}`, field };
}

const text = (cell: CellValue | undefined): string => (cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : cell);

/**
 * Turns the records of one statement into rows: finds the header (title lines above it are kept
 * to recognise the bank), then reads each line by the columns it names. One instance per file:
 * it counts identical rows for their identity.
 */
export class StatementInterpreter {
  private layoutFound: StatementLayout | undefined;
  private readonly preamble: string[] = [];
  private headerSignature = '';

  constructor(private readonly options: InterpreterOptions) {}

  get layout(): StatementLayout | undefined {
    return this.layoutFound;
  }

  /** The row a record is, or undefined for title lines, the header and blank lines. */
  interpret(record: StatementRecord): StatementRow | undefined {
    if (record.cells.every((cell) => text(cell).trim() === '')) return undefined;
    const layout = this.layoutFound;
    if (!layout) return this.lookForHeader(record);
    if (this.repeatsHeader(record, layout)) return { kind: 'skipped', line: record.line };
    if (record.raw.includes('\ufffd')) return rejected(record.line, 'line', 'is not valid UTF-8');
    return this.rowOf(record, layout);
  }

  /** Page headers repeated inside the statement (PDF conversions): the date cell reads "Ngày…". */
  private repeatsHeader(record: StatementRecord, layout: StatementLayout): boolean {
    const dateCell = record.cells[layout.columns.date ?? 0];
    if (typeof dateCell !== 'string' || /^\s*\d/.test(dateCell)) return false;
    return record.cells.map((cell) => headerKey(text(cell))).join('|') === this.headerSignature;
  }

  private lookForHeader(record: StatementRecord): undefined {
    const columns = columnsOfHeader(record.cells.map(text));
    if (isHeaderRow(columns)) {
      this.layoutFound = layoutOf(columns, this.preamble, this.options.profile, record.line);
      this.headerSignature = record.cells.map((cell) => headerKey(text(cell))).join('|');
      return undefined;
    }
    this.preamble.push(record.cells.map(text).join(' '));
    if (this.preamble.length >= MAX_PREAMBLE_RECORDS) {
      throw new StatementFormatError(
        `No header row in the first ${MAX_PREAMBLE_RECORDS} lines: a statement needs at least a date column ("ngày", "date") and a credit column ("số tiền ghi có", "credit") or an amount column`,
        record.line,
      );
    }
    return undefined;
  }

  private cell(record: StatementRecord, layout: StatementLayout, column: StatementColumn): CellValue {
    const index = layout.columns[column];
    return index === undefined ? '' : record.cells[index] ?? '';
  }

  private rowOf(record: StatementRecord, layout: StatementLayout): StatementRow {
    const { line } = record;
    const dateCell = this.cell(record, layout, 'date');
    const timeText = text(this.cell(record, layout, 'time'));
    const date: ParsedStatementDate = dateCell instanceof Date ? statementDateFromSpreadsheet(dateCell, timeText) : parseStatementDate(dateCell, timeText);
    if (!date.ok) {
      // "Tổng cộng", "Số dư cuối kỳ": totals and balances stand where a date would.
      if (this.isSummary(record, layout)) return { kind: 'skipped', line };
      return rejected(line, 'date', date.message);
    }
    const money = this.moneyOf(record, layout);
    if ('kind' in money) return money;
    if (money.debit !== '0' && money.credit !== '0') return rejected(line, 'amount', 'the line has both a credit and a debit');
    if (money.credit === '0') {
      if (money.debit !== '0') return { kind: 'debit', line };
      return this.isSummary(record, layout) ? { kind: 'skipped', line } : rejected(line, 'credit', 'the line has neither a credit nor a debit');
    }
    return this.creditRow(record, layout, date.receivedAt, money.credit);
  }

  /**
   * A line of totals or balances: its label stands in a column of its own (the date column,
   * often), or it is the whole line. A donor's memo saying "tong" does not make a total.
   */
  private isSummary(record: StatementRecord, layout: StatementLayout): boolean {
    const memoColumns = new Set([layout.columns.description, layout.columns.counterparty]);
    const labels = record.cells.filter((_cell, index) => !memoColumns.has(index)).map(text).join(' ');
    const memoOnly = labels.trim() === '' || /^[\d\s.,-]*$/.test(labels);
    return SUMMARY.test(headerKey(memoOnly ? record.cells.map(text).join(' ') : labels));
  }

  /** Credit and debit in VND: from their columns, or from one signed amount column (BIDV). */
  private moneyOf(record: StatementRecord, layout: StatementLayout): { credit: string; debit: string } | RejectedRow {
    const read = (column: StatementColumn): ParsedStatementAmount => parseStatementAmount(text(this.cell(record, layout, column)), layout.thousands);
    if (layout.columns.credit !== undefined || layout.columns.debit !== undefined) {
      const credit = read('credit');
      if (!credit.ok) return rejected(record.line, 'credit', credit.message);
      const debit = read('debit');
      if (!debit.ok) return rejected(record.line, 'debit', debit.message);
      // A minus sign in the credit column is money out, as banks print reversals.
      if (credit.sign < 0) return { credit: '0', debit: credit.vnd === '0' ? debit.vnd : credit.vnd };
      return { credit: credit.vnd, debit: debit.vnd };
    }
    const amount = read('amount');
    if (!amount.ok) return rejected(record.line, 'amount', amount.message);
    return amount.sign < 0 ? { credit: '0', debit: amount.vnd } : { credit: amount.vnd, debit: '0' };
  }

  private creditRow(record: StatementRecord, layout: StatementLayout, receivedAt: string, amountVnd: string): CreditRow {
    const memo = collapseWhitespace(text(this.cell(record, layout, 'description')));
    const referenceText = collapseWhitespace(text(this.cell(record, layout, 'reference')));
    const reference = referenceText === '' ? null : referenceText;
    const base = identityBase({ bankAccount: this.options.bankAccount, receivedAt, reference, amountVnd, memo: normaliseMemo(memo) });
    const rowId = rowIdOf(base, this.options.occurrences.next(receivedAt.slice(0, 10), base));
    return {
      kind: 'credit', line: record.line, raw: record.raw, rowId, receivedAt, fiscalYear: fiscalYearOf(receivedAt), amountVnd, reference, memo,
      donorName: donorNameOf(text(this.cell(record, layout, 'counterparty')), memo),
    };
  }
}
