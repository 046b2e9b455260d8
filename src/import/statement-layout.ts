import { collapseWhitespace, foldDiacritics, type ThousandsSeparator } from './statement-values';

/**
 * Which column holds what: found from the header row by the aliases of api.md ("Bank statement CSV
 * (generic format)") and those of the bank profiles (domain.md R32), matched case-insensitively,
 * with or without diacritics.
 */
export type StatementColumn =
  | 'date' | 'time' | 'reference' | 'credit' | 'debit' | 'amount' | 'balance' | 'description' | 'counterparty' | 'counterpartyAccount' | 'currency' | 'direction';

export const PROFILE_NAMES = ['generic', 'vietcombank', 'agribank', 'vietinbank', 'bidv', 'techcombank', 'mb'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface StatementProfile {
  name: ProfileName;
  /** How this bank groups thousands when the profile is chosen explicitly (R31, R32). */
  thousands: ThousandsSeparator;
  /** Bank names as they appear in the lines above the header (folded, lower case). */
  bankNames: readonly string[];
}

export const PROFILES: Readonly<Record<ProfileName, StatementProfile>> = {
  generic: { name: 'generic', thousands: 'auto', bankNames: [] },
  vietcombank: { name: 'vietcombank', thousands: '.', bankNames: ['vietcombank', 'ngoai thuong viet nam', 'vcb'] },
  agribank: { name: 'agribank', thousands: ',', bankNames: ['agribank', 'nong nghiep va phat trien nong thon'] },
  vietinbank: { name: 'vietinbank', thousands: '.', bankNames: ['vietinbank', 'cong thuong viet nam'] },
  bidv: { name: 'bidv', thousands: '.', bankNames: ['bidv', 'dau tu va phat trien viet nam'] },
  techcombank: { name: 'techcombank', thousands: ',', bankNames: ['techcombank', 'ky thuong viet nam'] },
  mb: { name: 'mb', thousands: ',', bankNames: ['mb bank', 'mbbank', 'ngan hang tmcp quan doi', 'military commercial'] },
};

/** Header text folded for matching: no diacritics, lower case, punctuation as spaces. */
export function headerKey(text: string): string {
  return collapseWhitespace(foldDiacritics(text).toLowerCase().replace(/[^a-z0-9]+/g, ' '));
}

/**
 * Aliases, folded. The first block is api.md's generic format; the rest are the layouts of R32 and
 * the column names of the statements volunteers parsed in 2024 (TNXDate, DocNo, OffsetName…).
 * `no` and `co` are the debit and credit of api.md; an index column printed "No." is recognised
 * by its full stop before folding (see indexHeader).
 */
const ALIASES: Readonly<Record<StatementColumn, readonly string[]>> = {
  date: [
    'date', 'ngay', 'ngay giao dich', 'transaction date',
    'ngay gd', 'ngay hach toan', 'ngay hieu luc', 'posting date', 'value date', 'tnxdate', 'tnx date', 'txn date', 'trans date',
    'ngay giao dich thuc hien', 'effective date', 'requesting date time', 'ngay yeu cau',
    'thoi gian giao dich', 'ngay thang', 'ngay giao dich thoi gian', 'transaction time', 'ngay gio giao dich',
  ],
  time: ['time', 'gio', 'gio giao dich', 'tnxtime', 'tnx time', 'thoi gian', 'gio gd'],
  reference: [
    'reference', 'so ct', 'so chung tu', 'ref', 'doc no',
    'docno', 'so tham chieu', 'ma giao dich', 'ma gd', 'so but toan', 'transaction no', 'ref no', 'so gd', 'ma tham chieu',
    'so tham chieu giao dich', 'reference no', 'transaction id', 'ma so giao dich', 'so giao dich',
  ],
  credit: [
    'credit', 'so tien ghi co', 'co',
    'ghi co', 'phat sinh co', 'ps co', 'credit amount', 'so tien co', 'tien vao', 'so tien vao',
  ],
  debit: [
    'debit', 'so tien ghi no', 'no',
    'ghi no', 'phat sinh no', 'ps no', 'debit amount', 'so tien no', 'tien ra', 'so tien ra',
  ],
  amount: ['amount', 'so tien', 'so tien giao dich', 'so tien gd', 'transaction amount', 'so tien phat sinh'],
  balance: ['balance', 'so du', 'so du tai khoan', 'so du sau giao dich', 'running balance', 'available balance', 'so du cuoi', 'so du kha dung'],
  description: [
    'description', 'noi dung', 'dien giai',
    'noi dung giao dich', 'transactiondetails', 'transaction details', 'mo ta', 'chi tiet', 'chi tiet giao dich',
    'noi dung chi tiet', 'details', 'memo', 'narrative', 'noi dung chuyen khoan', 'transactions in detail', 'transaction description',
    'dien giai giao dich', 'remark', 'remarks', 'transaction remarks', 'mo ta giao dich', 'noi dung giao dich chi tiet',
  ],
  counterparty: [
    'counterparty', 'ten doi ung', 'nguoi chuyen',
    'offsetname', 'offset name', 'ten nguoi chuyen', 'ten tai khoan doi ung', 'don vi chuyen', 'nguoi nop', 'remitter', 'sender',
    'ten tai khoan doi tac', 'ten doi tac', 'partner name', 'ten nguoi huong', 'beneficiary name', 'doi tac', 'ten tk doi ung',
  ],
  counterpartyAccount: [
    'tai khoan doi ung', 'so tai khoan doi ung', 'tk doi ung', 'offset account', 'counterparty account', 'tai khoan nguoi chuyen',
    'tai khoan doi tac', 'so tai khoan doi tac', 'partner account', 'so tk doi ung', 'ngan hang doi tac', 'ngan hang doi ung', 'partner bank',
  ],
  /** The line's currency, which a statement of several currencies prints on each line. */
  /** Whether one amount column's value is money in or out: "C"/"D", "CR"/"DR", "Có"/"Nợ". */
  direction: ['no co', 'co no', 'd c', 'c d', 'dr cr', 'cr dr', 'debit credit', 'credit debit', 'ghi no ghi co', 'ps no co', 'loai no co', 'drcr', 'crdr'],
  currency: ['currency', 'loai tien', 'loai tien te', 'tien te', 'ma tien te', 'don vi tien te', 'currency code', 'ccy', 'ngoai te', 'loai ngoai te'],
};

const COLUMN_OF_ALIAS: ReadonlyMap<string, StatementColumn> = new Map(
  (Object.entries(ALIASES) as [StatementColumn, readonly string[]][]).flatMap(([column, aliases]) => aliases.map((alias) => [alias, column] as const)),
);

/** "No." / "#" / "STT": the row's index, never the debit column `no`. */
function indexHeader(text: string): boolean {
  return /^(no\.|#|stt|s\.t\.t)$/i.test(text.trim());
}

export type ColumnIndexes = Partial<Record<StatementColumn, number>>;

export interface StatementLayout {
  profile: StatementProfile;
  /** True when the caller named the profile; detected profiles read amounts in `auto` mode. */
  profileChosen: boolean;
  columns: ColumnIndexes;
  thousands: ThousandsSeparator;
  headerLine: number;
}

/**
 * The column a heading names: the whole heading, else either half of a bilingual one
 * (`Ngày giao dịch/ TNX Date`, `Số tiền ghi có\nCredit`, `Số dư (Balance)`), first half first.
 */
export function columnOfHeading(cell: string): StatementColumn | 'index' | undefined {
  if (indexHeader(cell)) return 'index';
  const whole = COLUMN_OF_ALIAS.get(headerKey(cell));
  if (whole !== undefined) return whole;
  const halves = cell.split(/\/|\r?\n|\(|\)/).map((half) => half.trim()).filter((half) => half !== '');
  if (halves.length < 2) return undefined;
  for (const half of halves) {
    if (indexHeader(half)) return 'index';
    const column = COLUMN_OF_ALIAS.get(headerKey(half));
    if (column !== undefined) return column;
  }
  return undefined;
}

/** The columns a header row names; the first column wins when an alias repeats. */
export function columnsOfHeader(cells: readonly string[]): ColumnIndexes {
  const columns: ColumnIndexes = {};
  cells.forEach((cell, index) => {
    const column = columnOfHeading(cell);
    if (column !== undefined && column !== 'index' && columns[column] === undefined) columns[column] = index;
  });
  return columns;
}

export interface UnreadHeading {
  /** 0-based column of the header row. */
  column: number;
  heading: string;
  /**
   * `unknown`: no column the ledger reads; `repeated`: a second column of a kind already read;
   * `unnamed`: a column with no heading that holds values.
   */
  reason: 'unknown' | 'repeated' | 'unnamed';
  /** For an unnamed column, the first line that has a value in it. */
  line?: number;
}

/** Headings of a header row the ledger does not read (the index column aside): each is a warning. */
export function unreadHeadings(cells: readonly string[], columns: ColumnIndexes): UnreadHeading[] {
  const used = new Set(Object.values(columns));
  const unread: UnreadHeading[] = [];
  cells.forEach((cell, column) => {
    const heading = cell.trim();
    if (heading === '' || used.has(column)) return;
    const kind = columnOfHeading(heading);
    if (kind === 'index') return;
    unread.push({ column, heading, reason: kind === undefined ? 'unknown' : 'repeated' });
  });
  return unread;
}

/** The headings each column is recognised by (folded), for a refusal that says what would fit. */
export function acceptedHeadings(): Record<StatementColumn, readonly string[]> {
  return ALIASES;
}

/** A header row names at least a date and money in (credit, or a signed amount). */
export function isHeaderRow(columns: ColumnIndexes): boolean {
  return columns.date !== undefined && (columns.credit !== undefined || columns.amount !== undefined);
}

/**
 * The bank, when the caller did not name it: first by the bank's name in the lines above the
 * header (statements print it there), then by the shape of the header — VietinBank prints the
 * time of day in its own column, BIDV one signed amount column instead of debit and credit.
 * Anything else is read with the generic rules, which accept every amount style of api.md.
 */
export function detectProfile(columns: ColumnIndexes, preamble: readonly string[]): StatementProfile {
  const text = preamble.map((line) => headerKey(line)).join(' \n ');
  for (const profile of Object.values(PROFILES)) {
    if (profile.bankNames.some((name) => new RegExp(`(^|\\s)${name}(\\s|$)`).test(text))) return profile;
  }
  if (columns.time !== undefined) return PROFILES.vietinbank;
  if (columns.amount !== undefined && columns.credit === undefined && columns.debit === undefined) return PROFILES.bidv;
  return PROFILES.generic;
}

export function layoutOf(columns: ColumnIndexes, preamble: readonly string[], chosen: ProfileName | null, headerLine: number): StatementLayout {
  if (chosen !== null) {
    const profile = PROFILES[chosen];
    return { profile, profileChosen: true, columns, thousands: profile.thousands, headerLine };
  }
  return { profile: detectProfile(columns, preamble), profileChosen: false, columns, thousands: 'auto', headerLine };
}

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}
