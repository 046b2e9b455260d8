/**
 * Events of a fund's statement stream (`ctd.statements.<fundId>`): which bank statements were
 * read into the books, and the lines of them the ledger could not classify. A statement is
 * identified by the sha256 of its file: the same file imported again records nothing.
 */

/** One day of a statement as the bank printed it. */
export interface StatementDay {
  /** Vietnam calendar day, `YYYY-MM-DD`. */
  day: string;
  /** Whole VND in and out that day, every line counted (donations, interest, fees, other). */
  credits: string;
  debits: string;
  lines: number;
  /** The running balance after the day's last line, when the statement prints or implies it. */
  closingBalance: string | null;
}

export interface StatementImported {
  type: 'StatementImported';
  data: {
    fundId: string;
    /** `SK-` and the first 16 hex digits of the file's sha256. */
    statementId: string;
    /** The statement's own account number, else the account the import named; null when neither. */
    account: string | null;
    /** Where the account came from: the lines above the header, or the import's parameters. */
    accountSource: 'statement' | 'parameter' | 'none';
    /** The period: as printed above the header, else the first and last transaction days. */
    from: string | null;
    to: string | null;
    openingBalance: string | null;
    closingBalance: string | null;
    lines: number;
    sha256: string;
    format: 'csv' | 'xlsx';
    profile: string;
    balanceCheck: { ok: boolean; checkedLines: number; firstBreakLine?: number };
    counts: { donations: number; interest: number; fees: number; unclassified: number; rejected: number };
    days: StatementDay[];
    importedAt: string;
  };
}

/** A statement line that is neither a donation, interest nor a bank fee: kept for the accountant to decide. */
export interface StatementLineUnclassified {
  type: 'StatementLineUnclassified';
  data: {
    fundId: string;
    statementId: string;
    /**
     * The sha256 of the statement's file: a line listed from a file that was not recorded (a line of
     * it was refused) is classified by it. Absent on lines listed before it was kept.
     */
    statementSha256?: string;
    account: string | null;
    line: number;
    rowId: string;
    direction: 'in' | 'out';
    amount: string;
    /** Business date of the line, Vietnam time. */
    postedAt: string;
    reference: string | null;
    memo: string;
    raw: string;
  };
}

export type StatementEvent = StatementImported | StatementLineUnclassified;
