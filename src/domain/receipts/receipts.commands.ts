/** Prints receipts of one fund and fiscal year; those never printed before are issued now. */
export interface IssueReceipts {
  type: 'IssueReceipts';
  fundId: string;
  fiscalYear: number;
  /**
   * Donations already read from the log: only recorded donations get here. `reversedBy` names the
   * reversal of a donation taken back (null otherwise): such a donation gets no receipt.
   */
  donations: { donationId: string; receiptNo: string; reversedBy: string | null }[];
  now: string;
}
