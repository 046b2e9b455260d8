import type { StatementImported } from './statements.events';

/** A line of a statement, as the importer read it, that is booked or listed by a statement command. */
export interface StatementMoneyLine {
  line: number;
  rowId: string;
  raw: string;
  amount: string;
  /** Business date, Vietnam time. */
  postedAt: string;
  fiscalYear: number;
  reference: string | null;
  memo: string;
}

/** Books the fees and interest of one statement on the fund's spending stream (R30). */
export interface BookStatementMoney {
  type: 'BookStatementMoney';
  fundId: string;
  component: string;
  campaignId: string | null;
  account: string | null;
  statementSha256: string;
  fees: StatementMoneyLine[];
  interest: StatementMoneyLine[];
}

/** Records that a statement was read, with the lines nobody could classify. */
export interface RecordStatement {
  type: 'RecordStatement';
  statement: Omit<StatementImported['data'], 'importedAt'>;
  unclassified: (StatementMoneyLine & { direction: 'in' | 'out' })[];
  now: string;
}
