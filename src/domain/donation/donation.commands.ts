import type { DonationChannel, DonationRevenueCategory, Donor, InKind, Restriction, StatementSource } from './donation.events';

export interface RecordDonation {
  type: 'RecordDonation';
  fundId: string;
  amount: string;
  currency: string;
  fxRate: string | null;
  channel: DonationChannel;
  receivedAt: string;
  donor: Donor;
  component: string;
  campaignId: string | null;
  restriction: Restriction | null;
  reference: string | null;
  inKind: InKind | null;
  note: string | null;
  source: StatementSource | null;
  /**
   * The revenue category (R2); voluntary_contribution when absent. State budget money for assigned
   * tasks or state orders stays outside the management-cost base (R6).
   */
  revenueCategory?: DonationRevenueCategory;
  /** Recording time: only to refuse business dates later than tomorrow. */
  now: string;
  /**
   * A bank statement's line (R14): money for a campaign that stopped receiving is booked to the
   * campaign's suspense pool instead of refused. A single donation recorded by hand never is.
   */
  lateToSuspense?: boolean;
}

export type DonationCommand = RecordDonation;
