/**
 * Events of a fund's receipt stream for one fiscal year. A receipt (biên nhận, R21) carries the
 * receipt number its donation was given when recorded; this stream records when it was first
 * printed, so every later print can say it is a copy. It is a stream of its own because the
 * donation stream's revisions are the receipt numbers and must stay without gaps.
 */
export interface ReceiptIssued {
  type: 'ReceiptIssued';
  data: {
    fundId: string;
    donationId: string;
    receiptNo: string;
    fiscalYear: number;
    /** Recording time of the first print; it is printed as the issue date and never used for money. */
    issuedAt: string;
  };
}

export type ReceiptEvent = ReceiptIssued;
