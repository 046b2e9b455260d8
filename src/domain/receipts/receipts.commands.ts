/** Prints receipts of one fund and fiscal year; those never printed before are issued now. */
export interface IssueReceipts {
  type: 'IssueReceipts';
  fundId: string;
  fiscalYear: number;
  /** Donations already read from the log: only recorded donations get here. */
  donations: { donationId: string; receiptNo: string }[];
  now: string;
}
