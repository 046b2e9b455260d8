import { RejectionCode } from '../domain/shared/rejection-codes';
import { donorNameOf } from './donor-name';
import { identityBase, type OccurrenceCounter, rowIdOf } from './row-identity';
import { type CellValue, StatementFormatError, type StatementRecord, UnreadableCell } from './statement-reader';
import {
  columnOfHeading, columnsOfHeader, headerKey, isHeaderRow, layoutOf, type ProfileName, type StatementColumn, type StatementLayout, type UnreadHeading, unreadHeadings,
} from './statement-layout';
import {
  collapseWhitespace, currencyOfCell, currencyOfTitleLine, foldDiacritics, foreignCurrencyIn, normaliseMemo, parseStatementAmount, parseStatementDate, type ParsedStatementAmount, type ParsedStatementDate, type ThousandsSeparator,
  statementDateFromSpreadsheet, statementTimeFromSpreadsheet,
} from './statement-values';

/**
 * What a line with money is: a `credit` becomes a donation; `interest` (lãi) is revenue booked as
 * InterestCredited; a `fee` (phí) is booked as BankFeeCharged; any other debit, and money the bank
 * gives back (a fee refunded, a transfer returned), is `unclassified`, kept for the accountant to
 * decide (api-v2.md "Bank statements"; domain.md R30).
 */
export type MoneyKind = 'credit' | 'interest' | 'fee' | 'unclassified';

/** A line with money, ready to be booked. */
export interface MoneyRow {
  kind: MoneyKind;
  /** Money in (a credit) or out (a debit). */
  direction: 'in' | 'out';
  line: number;
  raw: string;
  rowId: string;
  /** The row's occurrence among identical rows of the file (0 for the first): with the fields, its identity. */
  occurrence: number;
  receivedAt: string;
  fiscalYear: number;
  amountVnd: string;
  reference: string | null;
  memo: string;
  /** The donor as the memo or counterparty names them; '' for lines that are no donation. */
  donorName: string;
}

/** A credit line that becomes a donation. */
export type CreditRow = MoneyRow & { kind: 'credit' };

export interface RejectedRow {
  kind: 'rejected';
  line: number;
  code: string;
  message: string;
  field?: string;
}

export type StatementRow =
  | MoneyRow
  | RejectedRow
  /** Totals, balances and repeated headers printed between transactions. */
  | { kind: 'skipped'; line: number };

/**
 * An interest credit, by the memo banks print for it (folded, upper case). "Hoàn lại" and "trả
 * lại tiền" (money given back) are not interest: only the words banks use for interest count.
 * "Lãi nhập vốn" and "nhập lãi" are interest added to the balance (Agribank, BIDV).
 */
const INTEREST_MEMO =
  /(^|[^A-Z])(LAI TIEN GUI|TRA LAI TK|TRA LAI TAI KHOAN|LAI TAI KHOAN|LAI TG(TT|KKH|CKH)?|LAI NHAP GOC|LAI NHAP VON|NHAP LAI|TIEN LAI|LAI KHONG KY HAN|LAI TK|LAI THANG|INTEREST)([^A-Z]|$)/;
/**
 * A bank fee, by the memo: "Phí SMS Banking", "Thu phí duy trì tài khoản", "SMS fee", "VAT", "Thuế
 * GTGT". A payment to a person called Phí is not a fee: "phí" counts only before the words banks
 * use after it, or after "thu".
 */
const FEE_MEMO =
  /(^|[^A-Z])(THU PHI|PHI (DICH VU|SMS|BSMS|QUAN LY|DUY TRI|CHUYEN TIEN|GIAO DICH|THUONG NIEN|TIN NHAN|NHAN TIN|DIGIBANK|VCB DIGIBANK|IBANKING|NGAN HANG|TK|TAI KHOAN|CHUYEN KHOAN|RUT TIEN|NOP TIEN|CK|INTERNET|E ?BANKING|MOBILE|QLTK|DV|CHUYEN DI|KIEM DEM|PHAT HANH|(IN |CAP )?SAO KE|TRA SOAT|XAC NHAN SO DU|(SMART )?OTP|SOFT ?TOKEN|THE (ATM|GHI NO|TIN DUNG|NOI DIA|QUOC TE|DEBIT|CREDIT|VISA|MASTER))|SMS (FEE|BANKING)|(SERVICE|BANK|TRANSFER|MAINTENANCE|ANNUAL|ACCOUNT|CARD) (FEE|CHARGE)S?|FEE|(VAT|THUE GTGT)(?=$|[^A-Z ]| (PHI|FEE|SMS|BSMS|[0-9])))([^A-Z]|$)/;
/**
 * A payment the fund made to someone ("Thanh toán phí dịch vụ vận chuyển cho Cty …", "Chi trả …"):
 * the fund's own words open the memo, where a bank's fee opens with "Phí" or "Thu phí".
 */
const PAYMENT_MEMO = /^(THANH TOAN|TT CHO|CHI TRA|CHI HO TRO|CHUYEN TIEN CHO|CHUYEN KHOAN CHO|CK CHO)([^A-Z]|$)/;
/**
 * A transfer from a donor, by the memo: "ủng hộ", "chuyển tiền", "CT tu …", and the prefixes of a
 * person's transfer (VietinBank's "CT nhanh 247", NAPAS, IBFT, Vietcombank's "MBVCB."). Names such
 * as Lại Thắng or Nguyễn Tiến Lai read like the words of interest; a memo that says it is a
 * donation is none.
 */
const DONATION_MEMO = /(^|[^A-Z])(UNG HO|QUYEN GOP|CHUYEN TIEN|CHUYEN KHOAN|CT TU|CT NHANH|NAPAS|IBFT|MBVCB|IBVCB|TU THIEN|DONATE|DONATION)([^A-Z]|$)/;
/**
 * The words of a gift, and the words of a person's incoming transfer ("CT tu …", VietinBank's "CT
 * nhanh 247"): a donor named Hoàn or Phí wrote them. A bank's return may quote the transfer it
 * returns ("HOAN TRA GD MBVCB.…"), so the app prefixes are no gift.
 */
const GIFT_MEMO = /(^|[^A-Z])(UNG HO|QUYEN GOP|TU THIEN|DONATE|DONATION|CT TU|CT NHANH)([^A-Z]|$)/;
/**
 * Money given back: a fee refunded ("Hoàn phí SMS", "hoàn trả tiền phí", "fee refund"), a transfer
 * the bank returned, reversed or corrected ("Hoàn tiền giao dịch", "HOAN TRA GD", "tra soát",
 * "reversal", "điều chỉnh"), money returned ("hoàn trả tiền hỗ trợ thừa", "trả lại tiền chuyển
 * nhầm"), and the fund's own money back from a term deposit ("tất toán sổ tiết kiệm", "rút tiền
 * gửi có kỳ hạn"). No gift: the accountant decides it (a refunded fee lowers the fees; a returned
 * payout or a deposit's principal is no income).
 */
const GIVEN_BACK_MEMO =
  /(^|[^A-Z])(HOAN (TRA |LAI )?(TIEN )?PHI|REFUND|HOAN (TRA |LAI )?TIEN (GD|GIAO DICH)|HOAN (TRA |LAI )?(GD|GIAO DICH|LENH)|(GD|GIAO DICH) HOAN TIEN|HOAN TRA|TRA LAI TIEN(?! GUI)|TRA SOAT|REVERSAL|DIEU CHINH|TAT TOAN|RUT TIEN GUI|RUT (SO )?TIET KIEM)([^A-Z]|$)|^HOAN TIEN([^A-Z]|$)/;

/** A row's id had the file been identified by `account`: its fields and occurrence are the same whatever the account. */
export function rowIdBy<Row extends MoneyRow>(row: Row, account: string | null): Row {
  const base = identityBase({ bankAccount: account, receivedAt: row.receivedAt, reference: row.reference, amountVnd: row.amountVnd, memo: normaliseMemo(row.memo) });
  return { ...row, rowId: rowIdOf(base, row.occurrence) };
}

/**
 * "TRA LAI" or "TRA LAI TIEN" and nothing else but dates and references (words with a digit):
 * without diacritics it is "trả lại" (money given back) as well as "trả lãi" (interest paid). A
 * name or the words of a gift before or after it ("NGUYEN TIEN LAI ung ho", "NGUYEN VAN LAI TRA
 * LAI") make the memo another one.
 */
function givenBackOrInterest(normalisedMemo: string): boolean {
  // Most memos hold neither word: no need to split them.
  if (!normalisedMemo.includes('LAI') || !normalisedMemo.includes('TRA')) return false;
  const words = normalisedMemo.split(/[^A-Z0-9]+/).filter((word) => word !== '' && !/\d/.test(word)).join(' ');
  return words === 'TRA LAI' || words === 'TRA LAI TIEN';
}
/** "lãi" (interest) written with its diacritics, as the bank printed it. */
const INTEREST_WORD = /(^|[^\p{L}])lãi([^\p{L}]|$)/iu;

/**
 * What a credit is, by its memo normalised; `memo` as printed, when known, tells "trả lãi"
 * (interest) from "trả lại" (given back) where the normalised memo cannot.
 */
export function classifyCredit(normalisedMemo: string, memo?: string): 'credit' | 'interest' | 'unclassified' {
  if (givenBackOrInterest(normalisedMemo)) return memo !== undefined && INTEREST_WORD.test(memo.normalize('NFC')) ? 'interest' : 'unclassified';
  if (GIVEN_BACK_MEMO.test(normalisedMemo) && !GIFT_MEMO.test(normalisedMemo)) return 'unclassified';
  return INTEREST_MEMO.test(normalisedMemo) && !DONATION_MEMO.test(normalisedMemo) ? 'interest' : 'credit';
}

export function classifyDebit(normalisedMemo: string): 'fee' | 'unclassified' {
  return FEE_MEMO.test(normalisedMemo) && !PAYMENT_MEMO.test(normalisedMemo) ? 'fee' : 'unclassified';
}

/** The statement refuses to be read: no header row among its first lines. Lists what was seen and what would fit. */
export class UnknownLayoutError extends StatementFormatError {
  constructor(
    message: string,
    line: number | undefined,
    /** The headings of the line that looked most like a header (the most non-empty cells). */
    readonly headingsSeen: string[],
  ) {
    super(message, line);
    this.name = 'UnknownLayoutError';
  }
}

/**
 * A statement of an account in another currency than VND (its title lines or its money headings
 * say so). The fund keeps its books in VND and a foreign-currency donation needs the rate it was
 * sold at (R17), which a statement does not give: the statement is refused before anything of it
 * is booked, rather than its amounts being read as dong.
 */
export class ForeignCurrencyStatementError extends Error {
  constructor(
    readonly currency: string,
    /** The line that names the currency. */
    readonly line: number,
  ) {
    super(
      `The statement is of a ${currency} account (line ${line}): the ledger imports VND statements only. Record each transfer as a donation in ${currency} with its fxRate (POST /v1/funds/:fundId/donations), or import the statement of the VND account the bank credited when it sold the ${currency}`,
    );
    this.name = 'ForeignCurrencyStatementError';
  }
}

/** A totals line of the statement that the lines above it do not add up to. */
export interface TotalsDiffer {
  line: number;
  /** What the line prints as the period's credits and debits (null: blank). */
  printedCredits: string | null;
  printedDebits: string | null;
  /** What the transaction lines above it add up to. */
  credits: string;
  debits: string;
}

export interface BalanceCheck {
  ok: boolean;
  /** Printed balances (and the closing balance) compared with the running sum. */
  checkedLines: number;
  /** The first line whose printed balance is not the previous one + credit − debit. */
  firstBreakLine?: number;
  expected?: string;
  printed?: string;
}

/** What the statement says of itself, from the lines above the header, its summary lines and its transactions. */
export interface StatementFacts {
  /** The statement's own account number (digits), when printed above the header. */
  account: string | null;
  from: string | null;
  to: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  /** Transaction lines (with money, or rejected). */
  lines: number;
  hasBalanceColumn: boolean;
  balanceCheck: BalanceCheck;
}

/**
 * The running balance: each printed balance must be the previous one + credit − debit, and the
 * closing balance the last. Without an opening balance, the first printed balance gives it.
 * Whole VND as BigInt: exact at any size.
 */
class BalanceTracker {
  opening: bigint | null = null;
  closing: bigint | null = null;
  /** The closing balance printed above the header: the sum of every line must reach it. */
  statedClosing: { line: number; value: bigint } | null = null;
  /** Whether the last balance read is a closing balance line, no transaction after it. */
  private closingIsLast = false;
  private running: bigint | null = null;
  /** Credits − debits read before the first balance was known. */
  private pending = 0n;
  private checked = 0;
  private breakAt: { line: number; expected: bigint; printed: bigint } | undefined;
  private resync = false;

  transaction(line: number, credit: bigint, debit: bigint, printed: bigint | null): void {
    this.closingIsLast = false;
    if (this.resync) {
      if (printed === null) return;
      this.resync = false;
      this.running = printed;
      return;
    }
    if (this.running === null && this.opening !== null) this.running = this.opening + this.pending;
    if (this.running === null) {
      this.pending += credit - debit;
      if (printed === null) return;
      this.opening = printed - this.pending;
      this.running = printed;
      return;
    }
    this.running += credit - debit;
    if (printed === null) return;
    this.compare(line, printed);
  }

  /** A line the balance cannot follow (a bad amount): the sum starts again from the next printed balance. */
  lost(): void {
    if (this.running !== null || this.opening !== null) this.resync = true;
  }

  closingAt(line: number, printed: bigint): void {
    this.closing = printed;
    this.closingIsLast = true;
    if (this.resync) return;
    if (this.running === null && this.opening !== null) this.running = this.opening + this.pending;
    if (this.running !== null) this.compare(line, printed);
  }

  private compare(line: number, printed: bigint): void {
    this.checked += 1;
    if (printed !== this.running && this.breakAt === undefined) this.breakAt = { line, expected: this.running as bigint, printed };
    this.running = printed;
  }

  /** The balance after the last line read, when known. */
  get current(): bigint | null {
    if (this.resync) return null;
    if (this.running === null && this.opening !== null) return this.opening + this.pending;
    return this.running;
  }

  /**
   * The balance the statement ends on: a closing balance line after its last transaction, else
   * the balance after the last transaction ("Số dư cuối ngày" of an earlier day is no closing),
   * else the closing balance printed above the header.
   */
  get finalBalance(): bigint | null {
    if (this.closingIsLast) return this.closing;
    return this.current ?? this.closing ?? this.statedClosing?.value ?? null;
  }

  result(): BalanceCheck {
    // The closing balance above the header is compared once every line is read: a last line
    // missing or altered leaves the sum short of it.
    const stated = this.statedClosing;
    const end = this.current;
    const statedChecked = stated !== null && end !== null;
    const checked = this.checked + (statedChecked ? 1 : 0);
    const breakAt = this.breakAt ?? (statedChecked && end !== stated.value ? { line: stated.line, expected: end, printed: stated.value } : undefined);
    if (breakAt === undefined) return { ok: true, checkedLines: checked };
    return { ok: false, checkedLines: checked, firstBreakLine: breakAt.line, expected: String(breakAt.expected), printed: String(breakAt.printed) };
  }
}

/**
 * The running balance of a statement printed newest first: read from its last line up, each
 * printed balance is the one printed below it + that line's credit − debit. Read in file order,
 * the balance before each line is the balance after it − credit + debit; the line above the
 * first balance printed shows the closing balance, the last line the opening one.
 *
 * A balance that does not add up is the fault of the line printed above it, whose sum (the
 * balance below + its credit − its debit) it is: as in a statement printed oldest first, the line
 * named is the one where the sum no longer adds up, later in time than a missing line, and the
 * very line whose amount or balance was altered.
 */
class ReverseBalanceTracker {
  /** Stated above the header or in a line of the table. */
  statedOpening: { line: number; value: bigint } | null = null;
  statedClosing: { line: number; value: bigint } | null = null;
  /** The balance before the last line read: after the line below it. */
  private before: bigint | null = null;
  /** The last line read with a printed balance: the one `before` was worked out from. */
  private anchor: { line: number; printed: bigint } | null = null;
  /** Credits − debits of the lines above the first printed balance. */
  private pending = 0n;
  private closingFound: bigint | null = null;
  private checked = 0;
  private breakAt: { line: number; expected: bigint; printed: bigint } | undefined;
  private resync = false;

  /** Answers the balance after this line, when known. */
  transaction(line: number, credit: bigint, debit: bigint, printed: bigint | null): bigint | null {
    if (this.resync) {
      if (printed === null) return null;
      this.resync = false;
      this.before = printed - credit + debit;
      this.anchor = { line, printed };
      return printed;
    }
    if (this.before === null) {
      if (printed === null) {
        this.pending += credit - debit;
        return null;
      }
      this.closingFound = printed + this.pending;
      this.before = printed - credit + debit;
      this.anchor = { line, printed };
      return printed;
    }
    const after = printed ?? this.before;
    if (printed !== null) {
      this.compare(this.before, printed);
      this.anchor = { line, printed };
    }
    this.before = after - credit + debit;
    return after;
  }

  lost(): void {
    if (this.before !== null) this.resync = true;
  }

  /**
   * The balance printed on a line against `before`, the one the lines above it down to it leave:
   * when they differ, the break is the anchor's, whose balance should then be this printed
   * balance + the credits − debits from the anchor down to the line above this one.
   */
  private compare(before: bigint, printed: bigint): void {
    this.checked += 1;
    const anchor = this.anchor;
    if (before === printed || this.breakAt !== undefined || anchor === null) return;
    this.breakAt = { line: anchor.line, expected: printed + anchor.printed - before, printed: anchor.printed };
  }

  get opening(): bigint | null {
    return this.resync ? null : this.before ?? this.statedOpening?.value ?? null;
  }

  get closing(): bigint | null {
    return this.closingFound ?? this.statedClosing?.value ?? null;
  }

  result(): BalanceCheck {
    let checked = this.checked;
    let breakAt = this.breakAt;
    const opening = this.opening;
    const stated = [this.statedClosing && this.closingFound !== null ? { ...this.statedClosing, expected: this.closingFound } : null,
      this.statedOpening && opening !== null && this.before !== null ? { ...this.statedOpening, expected: opening } : null];
    for (const against of stated) {
      if (against === null) continue;
      checked += 1;
      if (against.expected !== against.value && breakAt === undefined) breakAt = { line: against.line, expected: against.expected, printed: against.value };
    }
    if (breakAt === undefined) return { ok: true, checkedLines: checked };
    return { ok: false, checkedLines: checked, firstBreakLine: breakAt.line, expected: String(breakAt.expected), printed: String(breakAt.printed) };
  }
}

/** Lines scanned for the header row before the file is refused. */
const MAX_PREAMBLE_RECORDS = 50;

/** Lines without a date that carry totals or balances rather than a transaction (folded). */
const SUMMARY = /\b(tong|total|so du|balance|dau ky|cuoi ky|opening|closing|phat sinh|luy ke|sub ?total|carried forward|chuyen trang)\b/;
/** A label cell that is a total on its own: "Cộng", "Cộng:", "Cộng trang" (not "Công ty", which a memo may hold). */
const TOTAL_CELL = /^cong(?: trang| cuoi trang| luy ke)?\s*:?$/;
/**
 * A line of the statement's own totals over its period: "Cộng phát sinh", "Tổng cộng", "Total".
 * Not a page's ("Cộng trang", or a bare "Cộng", which some exports print under each page), a
 * running one ("lũy kế") or a balance: those add up other lines.
 */
const PERIOD_TOTAL_LABEL = /\b(cong phat sinh|tong phat sinh|tong cong|total)\b/;
const NOT_A_PERIOD_TOTAL = /trang|page|luy ke|so du|balance|dau ky|cuoi ky|carried|chuyen sang/;
/**
 * A date a statement's foot prints under a money column, as headerKey folds it: the place and day
 * of signing ("ngày 02 tháng 09 năm 2024"), the print date ("Ngày in/ Print date: 02/09/2024"). A
 * day alone (02/09/2024) is no amount either.
 */
const FOOT_DATE = /ngay \d{1,2} thang \d{1,2} nam \d{4}|ngay in|print date|^\d{1,2} \d{1,2} \d{4}$/;

/** A page number printed in a statement's foot: "Trang 1/2", "Page 1 of 2" (as headerKey folds it). */
const PAGE_NUMBER = /^(trang|page) \d+( of| tren)? \d+$/;
const OPENING_LABEL = /so du dau ky|so du dau|opening balance|beginning balance|so du dau ngay/;
const CLOSING_LABEL = /so du cuoi ky|so du cuoi|closing balance|ending balance/;
const ACCOUNT_LABEL = /(so tai khoan|so tk|account number|account no|(?<!ten )(?<!loai )tai khoan\s*:)[^0-9]{0,40}?([0-9][0-9 .-]{3,30}[0-9])/;
const PERIOD_LABEL = /tu ngay|from|ky sao ke|period|thoi gian/;
const DATE_IN_TEXT = /(\d{1,2})\/(\d{1,2})\/(\d{4})/g;
const NUMBER_IN_TEXT = /-?[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]{1,2})?|-?[0-9]+/;

export interface InterpreterOptions {
  profile: ProfileName | null;
  bankAccount: string | null;
  /**
   * Counts identical rows for their identity; null reads the statement for its money, dates and
   * running balance only (the check before anything is booked): rows then carry no row id and no
   * donor name, and cost a fraction of an identified row.
   */
  occurrences: OccurrenceCounter | null;
}

/** The direction a "Nợ/Có" (D/C) cell gives: in, out, or undefined when it says neither. */
function directionOf(cell: string): 'in' | 'out' | undefined {
  const value = headerKey(cell);
  if (/^(c|cr|co|credit|ghi co|\+)$/.test(value) || cell.trim() === '+') return 'in';
  if (/^(d|dr|no|debit|ghi no)$/.test(value) || cell.trim() === '-') return 'out';
  return undefined;
}

/** The first column the layout reads whose cell on the line has no value to read (an error, a formula saved without its result). */
function unreadableCellOf(record: StatementRecord, layout: StatementLayout): { column: string; cell: UnreadableCell } | undefined {
  for (const [column, index] of Object.entries(layout.columns) as [string, number | undefined][]) {
    const cell = index === undefined ? undefined : record.cells[index];
    if (cell instanceof UnreadableCell) return { column, cell };
  }
  return undefined;
}

function rejected(line: number, field: string, message: string): RejectedRow {
  return { kind: 'rejected', line, code: RejectionCode.VALIDATION_FAILED, message: `${field}: ${message}`, field };
}

const text = (cell: CellValue | undefined): string => (cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell));

/** A record whose every cell is blank. */
function isBlankRecord(record: StatementRecord): boolean {
  for (const cell of record.cells) if (text(cell).trim() !== '') return false;
  return true;
}

/** An amount cell: a spreadsheet's number with a fraction is a fraction of a dong, whatever its digits. */
function amountOfCell(cell: CellValue, thousands: ThousandsSeparator): ParsedStatementAmount {
  if (typeof cell !== 'number') return parseStatementAmount(text(cell), thousands);
  return { ok: false, problem: 'fractional', message: `${String(cell)} has a fraction of a dong; VND amounts are whole` };
}

/** The first amount printed after `label` in a line of text, as whole VND. */
function amountAfter(line: string, folded: string, label: RegExp): bigint | null {
  const match = label.exec(folded);
  if (!match) return null;
  const number = NUMBER_IN_TEXT.exec(line.slice(match.index + match[0].length));
  if (!number) return null;
  const amount = parseStatementAmount(number[0]);
  return amount.ok ? BigInt(amount.vnd) * BigInt(amount.sign) : null;
}

const isoDay = (day: string, month: string, year: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;

/**
 * Turns the records of one statement into rows: finds the header (title lines above it are kept
 * to recognise the bank and read the account, period and opening balance), then reads each line
 * by the columns it names. One instance per file: it counts identical rows for their identity
 * and follows the running balance.
 */
export class StatementInterpreter {
  private layoutFound: StatementLayout | undefined;
  private readonly preamble: string[] = [];
  private headerSignature = '';
  private widestPreamble: string[] = [];
  private readonly balance = new BalanceTracker();
  /** The same balances read as a statement printed newest first. */
  private readonly reverse = new ReverseBalanceTracker();
  /** The days of the first and the last transaction line, in file order. */
  private firstLineDay: string | null = null;
  private lastLineDay: string | null = null;
  private account: string | null = null;
  /** A foreign currency the lines above the header name, and the line naming it. */
  private foreignCurrency: { currency: string; line: number } | null = null;
  private periodFrom: string | null = null;
  /** The lines dated outside the period the statement prints above its header: how many, and the first. */
  readonly outsidePeriod: { count: number; first: { line: number; day: string } | null } = { count: 0, first: null };
  /**
   * Lines with text in the memo (or counterparty) column alone: no date, no money. Nothing is
   * booked of them; a memo the bank, or a PDF conversion, wrapped onto the next line loses its
   * end there, so the import says how many and where the first is.
   */
  readonly memoOnlyLines: { count: number; first: number | null } = { count: 0, first: null };
  private periodTo: string | null = null;
  private firstDay: string | null = null;
  private lastDay: string | null = null;
  private transactionLines = 0;
  private readonly byDay = new Map<string, { credits: bigint; debits: bigint; lines: number; closing: bigint | null; reverseClosing: bigint | null }>();
  /** Credits and debits of every transaction line read so far, for the statement's own totals line. */
  private readonly sums = { credits: 0n, debits: 0n };
  /** Totals lines whose credits or debits are not those of the lines above them: a line missing or altered. */
  totalsDiffer: TotalsDiffer[] = [];
  /** Headings the header row has that the ledger does not read. */
  unread: UnreadHeading[] = [];
  /** Columns of the header row with no heading, until a line has a value in one (then it is unread too). */
  private unnamedColumns: number[] = [];
  /** The last line number read in each unnamed column: a column of line numbers counts 1, 2, 3. */
  private readonly lastLineNumber = new Map<number, number>();
  /** The header row's cells, until the record after it says whether it is a heading's second row. */
  private headerCells: string[] | null = null;
  /** A heading's second row ("Ghi nợ | Ghi có" under a merged "Số tiền"), folded as repeatsHeader compares rows. */
  private subHeadingSignature: string | null = null;
  /** How many cells the header row has: a line's cells past them are under no heading either. */
  private headerWidth = 0;
  /** The columns past the header row's width already warned about. */
  private readonly pastHeaderWarned = new Set<number>();

  constructor(private options: InterpreterOptions) {}

  get layout(): StatementLayout | undefined {
    return this.layoutFound;
  }

  /** The account every row's identity is of: the statement's own, else the one the caller gave. */
  get identityAccount(): string | null {
    return this.account ?? this.options.bankAccount;
  }

  /**
   * Identifies the rows of a statement that does not print its account by `account` from now on
   * (the account an earlier import of the same file used).
   */
  identifyBy(account: string | null): void {
    this.options = { ...this.options, bankAccount: account };
  }

  /** The statement's account as printed above the header (digits only), once the header was found. */
  get statementAccount(): string | null {
    return this.account;
  }

  /** What the statement says of itself, after its last record. */
  facts(): StatementFacts {
    const newestFirst = this.newestFirst;
    const opening = newestFirst ? this.reverse.opening : this.balance.opening;
    const closing = newestFirst ? this.reverse.closing : this.balance.finalBalance;
    return {
      account: this.account,
      from: this.periodFrom ?? this.firstDay,
      to: this.periodTo ?? this.lastDay,
      openingBalance: opening === null ? null : String(opening),
      closingBalance: closing === null ? null : String(closing),
      lines: this.transactionLines,
      hasBalanceColumn: this.layoutFound?.columns.balance !== undefined,
      balanceCheck: newestFirst ? this.reverse.result() : this.balance.result(),
    };
  }

  /**
   * Whether the statement lists its lines newest first: its last line is of an earlier day than
   * its first, or, all of one day, its balances add up only read from the bottom.
   */
  private get newestFirst(): boolean {
    if (this.firstLineDay === null || this.lastLineDay === null) return false;
    if (this.firstLineDay !== this.lastLineDay) return this.lastLineDay < this.firstLineDay;
    const reverse = this.reverse.result();
    return !this.balance.result().ok && reverse.ok && reverse.checkedLines > 0;
  }

  /** Each day of the statement: money in and out, lines, and the balance after its last line when known. */
  days(): { day: string; credits: string; debits: string; lines: number; closingBalance: string | null }[] {
    const newestFirst = this.newestFirst;
    return [...this.byDay.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([day, f]) => {
        const closing = newestFirst ? f.reverseClosing : f.closing;
        return { day, credits: String(f.credits), debits: String(f.debits), lines: f.lines, closingBalance: closing === null ? null : String(closing) };
      });
  }

  /** Whether reading the whole file can refuse it: it has a running balance or an opening balance to check. */
  get checksBalance(): boolean {
    return this.layoutFound?.columns.balance !== undefined || this.balance.opening !== null;
  }

  /** The row a record is, or undefined for title lines, the header and blank lines. */
  interpret(record: StatementRecord): StatementRow | undefined {
    if (isBlankRecord(record)) return undefined;
    const layout = this.layoutFound;
    if (!layout) return this.lookForHeader(record);
    if (this.headerCells !== null) {
      const top = this.headerCells;
      this.headerCells = null;
      if (this.readSubHeading(top, record)) return undefined;
    }
    if (this.repeatsHeader(record, this.layoutFound ?? layout)) return { kind: 'skipped', line: record.line };
    if (record.raw.includes('\ufffd')) return this.counted(rejected(record.line, 'line', 'is not valid UTF-8'));
    const unreadable = unreadableCellOf(record, layout);
    if (unreadable) {
      // What the line moves is unknown: the running balance starts again from the next one printed.
      this.lost();
      return this.counted(rejected(record.line, unreadable.column, `the cell holds ${unreadable.cell.shown} (${unreadable.cell.reason}): nothing was booked of the line; enter its value in the file and import it again`));
    }
    const row = this.rowOf(record, layout);
    if (row.kind !== 'skipped') {
      if (this.unnamedColumns.length > 0) this.noteUnnamedValues(record);
      if (record.cells.length > this.headerWidth) this.notePastHeaderValues(record);
    }
    return row;
  }

  /**
   * A value in a cell past the header row's last heading (an amount written 100.000,50 without
   * quotes pushes the cells after it one column on) is read by nobody: a warning, once a column.
   */
  private notePastHeaderValues(record: StatementRecord): void {
    for (let column = this.headerWidth; column < record.cells.length; column++) {
      if (this.pastHeaderWarned.has(column) || text(record.cells[column] ?? '').trim() === '') continue;
      this.pastHeaderWarned.add(column);
      this.unread.push({ column, heading: '', reason: 'unnamed', line: record.line });
    }
  }

  /**
   * A column without a heading is read by nobody: once a line of money has a value there, it is a
   * warning. A line number (an index column printed without its heading, 1, 2, 3: each the one
   * before it plus one, the first at most 99,999) is no value lost, nor is the statement's foot
   * (a skipped line). A figure such as 700000 is no line number, whatever its digits.
   */
  private noteUnnamedValues(record: StatementRecord): void {
    this.unnamedColumns = this.unnamedColumns.filter((column) => {
      const value = text(record.cells[column] ?? '').trim();
      if (value === '') return true;
      const number = /^\d{1,7}\.?$/.test(value) ? Number.parseInt(value, 10) : undefined;
      const last = this.lastLineNumber.get(column);
      if (number !== undefined && (last === undefined ? number <= 99_999 : number === last + 1)) {
        this.lastLineNumber.set(column, number);
        return true;
      }
      this.unread.push({ column, heading: '', reason: 'unnamed', line: record.line });
      return false;
    });
  }

  /** The file ended: a statement without a header row is refused with what was seen. */
  finish(): void {
    if (this.layoutFound) return;
    throw this.unknownLayout(undefined);
  }

  /** A line the balance cannot follow (a bad amount): the sum starts again from the next printed balance. */
  private lost(): void {
    this.balance.lost();
    this.reverse.lost();
  }

  private counted<Row extends StatementRow>(row: Row): Row {
    if (row.kind !== 'skipped') this.transactionLines += 1;
    return row;
  }

  /** Page headers repeated inside the statement (PDF conversions): the date cell reads "Ngày…", or, of a heading's second row, nothing. */
  private repeatsHeader(record: StatementRecord, layout: StatementLayout): boolean {
    const dateCell = record.cells[layout.columns.date ?? 0];
    if (dateCell !== undefined && dateCell !== null && typeof dateCell !== 'string') return false;
    if (typeof dateCell === 'string' && /^\s*\d/.test(dateCell)) return false;
    const signature = record.cells.map((cell) => headerKey(text(cell))).join('|');
    return signature === this.headerSignature || signature === this.subHeadingSignature;
  }

  /**
   * A heading written on two rows, as some banks' spreadsheets are: "Số tiền" merged over the
   * two columns "Ghi nợ" and "Ghi có" below it. The row after the header names columns and holds
   * no figure: each heading it gives names its column instead of the row above. Without this, the
   * merged "Số tiền" read as one signed amount in the debit column, and the credits went unread.
   */
  private readSubHeading(top: readonly string[], record: StatementRecord): boolean {
    const cells = record.cells.map(text);
    const named = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
    if (named.length === 0 || named.some((cell) => /\d/.test(cell))) return false;
    const kinds = named.map((cell) => columnOfHeading(cell));
    if (!kinds.some((kind) => kind === 'debit' || kind === 'credit' || kind === 'amount')) return false;
    const width = Math.max(top.length, cells.length);
    const combined = Array.from({ length: width }, (_, index) => {
      const below = (cells[index] ?? '').trim();
      return below !== '' && columnOfHeading(below) !== undefined ? below : top[index] ?? '';
    });
    const columns = columnsOfHeader(combined);
    if (!isHeaderRow(columns)) return false;
    this.readHeading(combined, columns, this.layoutFound?.headerLine ?? record.line);
    this.subHeadingSignature = cells.map((cell) => headerKey(cell)).join('|');
    return true;
  }

  /** The statement's columns from here on, as its heading names them: what is read, what is not, and how wide it is. */
  private readHeading(cells: readonly string[], columns: ReturnType<typeof columnsOfHeader>, headerLine: number): void {
    this.layoutFound = layoutOf(columns, this.preamble, this.options.profile, headerLine);
    this.unread = unreadHeadings(cells, columns);
    const read = new Set(Object.values(columns));
    this.unnamedColumns = cells.flatMap((cell, index) => (cell.trim() === '' && !read.has(index) ? [index] : []));
    this.headerWidth = cells.length;
  }

  private unknownLayout(line: number | undefined): UnknownLayoutError {
    const seen = this.widestPreamble;
    return new UnknownLayoutError(
      `No header row${line === undefined ? '' : ` in the first ${MAX_PREAMBLE_RECORDS} lines`}: a statement needs a date column ("Ngày giao dịch", "TNX Date") and a credit column ("Số tiền ghi có", "Credit") or an amount column ("Số tiền", "Amount")${seen.length > 0 ? `; headings seen: ${seen.join(' | ')}` : ''}`,
      line,
      seen,
    );
  }

  private lookForHeader(record: StatementRecord): undefined {
    const cells = record.cells.map(text);
    const columns = columnsOfHeader(cells);
    if (isHeaderRow(columns)) {
      const moneyColumns = [columns.credit, columns.debit, columns.amount, columns.balance];
      for (const index of moneyColumns) {
        const currency = index === undefined ? null : foreignCurrencyIn(cells[index]);
        if (currency !== null) this.foreignCurrency ??= { currency, line: record.line };
      }
      if (this.foreignCurrency !== null) throw new ForeignCurrencyStatementError(this.foreignCurrency.currency, this.foreignCurrency.line);
      this.readHeading(cells, columns, record.line);
      this.headerCells = cells;
      this.headerSignature = cells.map((cell) => headerKey(cell)).join('|');
      return undefined;
    }
    const filled = cells.map((cell) => collapseWhitespace(cell)).filter((cell) => cell !== '');
    if (filled.length > this.widestPreamble.length) this.widestPreamble = filled;
    const line = filled.join(' ');
    this.preamble.push(line);
    this.readPreambleLine(line, record.line);
    if (this.preamble.length >= MAX_PREAMBLE_RECORDS) throw this.unknownLayout(record.line);
    return undefined;
  }

  /** The account, the period and the opening balance, as statements print them above the header. */
  private readPreambleLine(line: string, lineNumber: number): void {
    const folded = foldDiacritics(line).toLowerCase();
    const currency = currencyOfTitleLine(line);
    if (currency !== null && currency !== 'VND') this.foreignCurrency ??= { currency, line: lineNumber };
    if (this.account === null) {
      const account = ACCOUNT_LABEL.exec(folded);
      if (account) this.account = account[2].replace(/[^0-9]/g, '');
    }
    if (this.periodFrom === null && PERIOD_LABEL.test(folded)) {
      const dates = [...line.matchAll(DATE_IN_TEXT)];
      if (dates.length >= 2) {
        this.periodFrom = isoDay(dates[0][1], dates[0][2], dates[0][3]);
        this.periodTo = isoDay(dates[1][1], dates[1][2], dates[1][3]);
      }
    }
    if (this.balance.opening === null) {
      this.balance.opening = amountAfter(line, folded, OPENING_LABEL);
      if (this.balance.opening !== null) this.reverse.statedOpening = { line: lineNumber, value: this.balance.opening };
    }
    const closing = amountAfter(line, folded, CLOSING_LABEL);
    if (closing !== null) {
      this.balance.statedClosing = { line: lineNumber, value: closing };
      this.reverse.statedClosing = { line: lineNumber, value: closing };
    }
  }

  private cell(record: StatementRecord, layout: StatementLayout, column: StatementColumn): CellValue {
    const index = layout.columns[column];
    return index === undefined ? '' : record.cells[index] ?? '';
  }

  private rowOf(record: StatementRecord, layout: StatementLayout): StatementRow {
    const { line } = record;
    const dateCell = this.cell(record, layout, 'date');
    const timeCell = this.cell(record, layout, 'time');
    const timeText = timeCell instanceof Date ? statementTimeFromSpreadsheet(timeCell) : text(timeCell);
    const date: ParsedStatementDate = dateCell instanceof Date ? statementDateFromSpreadsheet(dateCell, timeText) : parseStatementDate(text(dateCell), timeText);
    if (!date.ok) {
      // "Tổng cộng", "Số dư cuối kỳ": totals and balances stand where a date would.
      if (this.isSummary(record, layout)) return this.summary(record, layout);
      // The statement's foot ("Ngày in", "Người lập", "Trang 1/1", a note): no date and no money is no transaction.
      if (this.hasNoMoney(record, layout)) {
        if (this.isMemoOnly(record, layout)) {
          this.memoOnlyLines.count += 1;
          this.memoOnlyLines.first ??= line;
        }
        return { kind: 'skipped', line };
      }
      this.followRefused(record, layout);
      return this.counted(rejected(line, 'date', date.message));
    }
    if (layout.columns.currency !== undefined) {
      const currency = currencyOfCell(text(this.cell(record, layout, 'currency')));
      if (currency !== null && currency !== 'VND') {
        this.lost();
        return this.counted({
          kind: 'rejected', line, code: 'FOREIGN_CURRENCY', field: 'currency',
          message: `currency: the line is in ${currency}; the ledger imports VND lines only. Record it as a donation in ${currency} with its fxRate (POST /v1/funds/:fundId/donations)`,
        });
      }
    }
    const money = this.moneyOf(record, layout);
    if ('kind' in money) {
      this.lost();
      return this.counted(money);
    }
    if ('direction' in money && money.direction === undefined) {
      this.lost();
      return this.counted(rejected(line, 'direction', `"${text(this.cell(record, layout, 'direction'))}" is neither money in (C, CR, Có) nor money out (D, DR, Nợ)`));
    }
    if (money.debit !== '0' && money.credit !== '0') {
      this.lost();
      return this.counted(rejected(line, 'amount', 'the line has both a credit and a debit'));
    }
    if (money.credit === '0' && money.debit === '0') {
      // An opening or closing balance line may carry the day and its label in the memo column.
      if (this.isSummary(record, layout) || this.isBalanceLine(record)) return this.summary(record, layout);
      return this.moneyless(record, layout, line);
    }
    let reverseAfter: bigint | null = null;
    const credit = BigInt(money.credit);
    const debit = BigInt(money.debit);
    if (layout.columns.balance !== undefined || this.balance.opening !== null) {
      const printed = this.balanceOf(record, layout);
      if (printed === undefined) {
        this.lost();
        return this.counted(rejected(line, 'balance', `"${text(this.cell(record, layout, 'balance'))}" is not an amount`));
      }
      this.balance.transaction(line, credit, debit, printed);
      reverseAfter = this.reverse.transaction(line, credit, debit, printed);
    }
    const day = date.receivedAt.slice(0, 10);
    if (this.periodFrom !== null && this.periodTo !== null && (day < this.periodFrom || day > this.periodTo)) {
      this.outsidePeriod.count += 1;
      this.outsidePeriod.first ??= { line, day };
    }
    this.firstLineDay ??= day;
    this.lastLineDay = day;
    this.firstDay ??= day;
    if (this.firstDay > day) this.firstDay = day;
    if (this.lastDay === null || this.lastDay < day) this.lastDay = day;
    let figures = this.byDay.get(day);
    if (figures === undefined) {
      // Newest first, a day's first line is its last: the balance after it closes the day.
      figures = { credits: 0n, debits: 0n, lines: 0, closing: null, reverseClosing: reverseAfter };
      this.byDay.set(day, figures);
    }
    figures.credits += credit;
    figures.debits += debit;
    this.sums.credits += credit;
    this.sums.debits += debit;
    figures.lines += 1;
    if (layout.columns.balance !== undefined || this.balance.opening !== null) figures.closing = this.balance.current;
    const direction = money.credit !== '0' ? 'in' : 'out';
    return this.counted(this.moneyRow(record, layout, date.receivedAt, direction, money.credit !== '0' ? money.credit : money.debit, money.givenBack === true));
  }

  /**
   * A line refused for its date whose money reads plainly still moved the balance: the running
   * balance follows it, so a line missing beside it is still caught. Money that does not read
   * (or reads both ways) leaves the sum to start again from the next printed balance.
   */
  private followRefused(record: StatementRecord, layout: StatementLayout): void {
    if (layout.columns.balance === undefined && this.balance.opening === null) return;
    const money = this.moneyOf(record, layout);
    const printed = this.balanceOf(record, layout);
    if ('kind' in money || ('direction' in money && money.direction === undefined) || (money.credit !== '0' && money.debit !== '0') || printed === undefined) {
      this.lost();
      return;
    }
    this.balance.transaction(record.line, BigInt(money.credit), BigInt(money.debit), printed);
    this.reverse.transaction(record.line, BigInt(money.credit), BigInt(money.debit), printed);
  }

  /** The printed balance of a line: null when blank (Vietcombank prints it about once a day), undefined when unreadable. */
  private balanceOf(record: StatementRecord, layout: StatementLayout): bigint | null | undefined {
    if (layout.columns.balance === undefined) return null;
    const cell = this.cell(record, layout, 'balance');
    if (text(cell).trim() === '') return null;
    const amount = amountOfCell(cell, layout.thousands);
    return amount.ok ? BigInt(amount.vnd) * BigInt(amount.sign) : undefined;
  }

  /**
   * A line of the period's totals, as its credit and debit columns print them, against what the
   * lines above it add up to: for a statement without a balance column, the only check there is
   * that no line is missing. Only when the columns read plainly (no signed-amount layout).
   */
  private checkTotals(record: StatementRecord, layout: StatementLayout, label: string): void {
    if (!PERIOD_TOTAL_LABEL.test(label) || NOT_A_PERIOD_TOTAL.test(label)) return;
    if (layout.columns.credit === undefined || layout.columns.debit === undefined) return;
    const printed = (column: 'credit' | 'debit'): bigint | null => {
      const cell = this.cell(record, layout, column);
      if (text(cell).trim() === '') return null;
      const amount = amountOfCell(cell, layout.thousands);
      return amount.ok ? BigInt(amount.vnd) * BigInt(amount.sign) : null;
    };
    const credits = printed('credit');
    const debits = printed('debit');
    if (credits === null && debits === null) return;
    if ((credits === null || credits === this.sums.credits) && (debits === null || debits === this.sums.debits)) return;
    this.totalsDiffer.push({
      line: record.line, printedCredits: credits === null ? null : String(credits), printedDebits: debits === null ? null : String(debits),
      credits: String(this.sums.credits), debits: String(this.sums.debits),
    });
  }

  /** A line of totals or balances: the opening and closing balances it may print are kept; a period's totals are checked. */
  private summary(record: StatementRecord, layout: StatementLayout): StatementRow {
    const label = foldDiacritics(record.cells.map(text).join(' ')).toLowerCase();
    this.checkTotals(record, layout, label);
    const isOpening = OPENING_LABEL.test(label);
    const isClosing = !isOpening && CLOSING_LABEL.test(label);
    if (isOpening || isClosing) {
      const value = this.balanceOf(record, layout) ?? this.lastAmountOf(record);
      if (value !== null && value !== undefined) {
        if (isOpening && this.balance.opening === null) this.balance.opening = value;
        if (isOpening && this.reverse.statedOpening === null) this.reverse.statedOpening = { line: record.line, value };
        if (isClosing) this.balance.closingAt(record.line, value);
        // A day's closing balance ("Số dư cuối ngày") is no statement's closing balance.
        if (isClosing && !/cuoi ngay/.test(label)) this.reverse.statedClosing = { line: record.line, value };
      }
    }
    return { kind: 'skipped', line: record.line };
  }

  private lastAmountOf(record: StatementRecord): bigint | null {
    for (let index = record.cells.length - 1; index >= 0; index--) {
      const cell = text(record.cells[index]).trim();
      if (cell === '' || !/^[-(]?[0-9][0-9.,]*\)?$/.test(cell)) continue;
      const amount = amountOfCell(typeof record.cells[index] === 'number' ? record.cells[index] : cell, 'auto');
      if (amount.ok) return BigInt(amount.vnd) * BigInt(amount.sign);
    }
    return null;
  }

  /**
   * A line of totals or balances: its label stands in a column of its own (the date column,
   * often), or it is the whole line. A donor's memo saying "tong" does not make a total.
   */
  private isSummary(record: StatementRecord, layout: StatementLayout): boolean {
    const memoColumns = new Set([layout.columns.description, layout.columns.counterparty]);
    const labels = record.cells.filter((_cell, index) => !memoColumns.has(index)).map(text).join(' ');
    const memoOnly = labels.trim() === '' || /^[\d\s.,-]*$/.test(labels);
    if (record.cells.some((cell, index) => !memoColumns.has(index) && TOTAL_CELL.test(headerKey(text(cell))))) return true;
    return SUMMARY.test(headerKey(memoOnly ? record.cells.map(text).join(' ') : labels));
  }

  /**
   * A dated line that moves no money (a note or an adjustment the bank prints with its balance):
   * nothing to book. When it prints its balance, that must be the balance before it (a misread
   * amount would change it) and the line is skipped; without one nothing tells a line the ledger
   * misread from a line of no money, and it is refused.
   */
  private moneyless(record: StatementRecord, layout: StatementLayout, line: number): StatementRow {
    const printed = this.balanceOf(record, layout);
    if (printed === null) return this.counted(rejected(line, 'credit', 'the line has neither a credit nor a debit'));
    if (printed === undefined) {
      this.lost();
      return this.counted(rejected(line, 'balance', `"${text(this.cell(record, layout, 'balance'))}" is not an amount`));
    }
    this.balance.transaction(line, 0n, 0n, printed);
    this.reverse.transaction(line, 0n, 0n, printed);
    return { kind: 'skipped', line };
  }

  /**
   * No money column of the line (credit, debit, a signed amount, the balance) holds a digit: blank,
   * or words a signature block spreads across the columns ("Kiểm soát/ Checked by"), or the date
   * a foot prints there ("Hà Nội, ngày 02 tháng 09 năm 2024", "Ngày in/ Print date: 02/09/2024").
   */
  private hasNoMoney(record: StatementRecord, layout: StatementLayout): boolean {
    return (['credit', 'debit', 'amount', 'balance'] as const).every((column) => {
      const cell = this.cell(record, layout, column);
      return typeof cell !== 'number' && !(cell instanceof Date) && (!/\d/.test(text(cell)) || FOOT_DATE.test(headerKey(text(cell))));
    });
  }

  /** Text in the memo or counterparty column, and nothing in any other; a page number ("Trang 1/2", "Page 1 of 2") is the foot's. */
  private isMemoOnly(record: StatementRecord, layout: StatementLayout): boolean {
    const memoColumns = new Set([layout.columns.description, layout.columns.counterparty].filter((column) => column !== undefined));
    let memo = false;
    for (const [index, cell] of record.cells.entries()) {
      const value = text(cell).trim();
      if (value === '') continue;
      if (!memoColumns.has(index) || PAGE_NUMBER.test(headerKey(value))) return false;
      memo = true;
    }
    return memo;
  }

  /** A line without money that names an opening or closing balance, in any of its cells. */
  private isBalanceLine(record: StatementRecord): boolean {
    const label = foldDiacritics(record.cells.map(text).join(' ')).toLowerCase();
    return OPENING_LABEL.test(label) || CLOSING_LABEL.test(label);
  }

  /**
   * Credit and debit in VND: from their columns, or from one signed amount column (BIDV), whose
   * direction a "Nợ/Có" (D/C) column may give. `givenBack`: money in that a debit printed negative
   * is (a debit reversed), never a gift. `direction: undefined`: the D/C cell says neither.
   */
  private moneyOf(record: StatementRecord, layout: StatementLayout): { credit: string; debit: string; givenBack?: true; direction?: 'in' | 'out' } | RejectedRow {
    const read = (column: StatementColumn): ParsedStatementAmount => amountOfCell(this.cell(record, layout, column), layout.thousands);
    if (layout.columns.credit !== undefined || layout.columns.debit !== undefined) {
      const credit = read('credit');
      if (!credit.ok) return rejected(record.line, 'credit', credit.message);
      const debit = read('debit');
      if (!debit.ok) return rejected(record.line, 'debit', debit.message);
      // A minus sign in the credit column is money out, as banks print reversals; in the debit
      // column, money in (a debit reversed: a fee given back).
      if (credit.sign < 0) return { credit: '0', debit: credit.vnd === '0' ? debit.vnd : credit.vnd };
      if (debit.sign < 0 && credit.vnd === '0') return { credit: debit.vnd, debit: '0', givenBack: true };
      return { credit: credit.vnd, debit: debit.vnd };
    }
    const amount = read('amount');
    if (!amount.ok) return rejected(record.line, 'amount', amount.message);
    if (layout.columns.direction !== undefined) {
      const direction = directionOf(text(this.cell(record, layout, 'direction')));
      if (direction === undefined) return { credit: '0', debit: '0', direction };
      if (amount.sign < 0 && direction === 'in') return rejected(record.line, 'amount', `a negative amount on a line marked as money in`);
      return direction === 'in' ? { credit: amount.vnd, debit: '0', direction } : { credit: '0', debit: amount.vnd, direction };
    }
    return amount.sign < 0 ? { credit: '0', debit: amount.vnd } : { credit: amount.vnd, debit: '0' };
  }

  private moneyRow(record: StatementRecord, layout: StatementLayout, receivedAt: string, direction: 'in' | 'out', amountVnd: string, givenBack: boolean): MoneyRow {
    const memo = collapseWhitespace(text(this.cell(record, layout, 'description')));
    const referenceText = collapseWhitespace(text(this.cell(record, layout, 'reference')));
    const reference = referenceText === '' ? null : referenceText;
    const normalised = normaliseMemo(memo);
    const kind: MoneyKind = direction === 'out' ? classifyDebit(normalised) : givenBack ? 'unclassified' : classifyCredit(normalised, memo);
    const { occurrences } = this.options;
    // receivedAt is Vietnam wall-clock time (parseStatementDate): its year is the fiscal year.
    const fiscalYear = Number(receivedAt.slice(0, 4));
    if (occurrences === null) {
      return { kind, direction, line: record.line, raw: record.raw, rowId: '', occurrence: 0, receivedAt, fiscalYear, amountVnd, reference, memo, donorName: '' };
    }
    const base = identityBase({ bankAccount: this.identityAccount, receivedAt, reference, amountVnd, memo: normalised });
    const occurrence = occurrences.next(receivedAt.slice(0, 10), base);
    const rowId = rowIdOf(base, occurrence);
    return {
      kind, direction, line: record.line, raw: record.raw, rowId, occurrence, receivedAt, fiscalYear, amountVnd, reference, memo,
      donorName: kind === 'credit' ? donorNameOf(text(this.cell(record, layout, 'counterparty')), memo) : '',
    };
  }
}
