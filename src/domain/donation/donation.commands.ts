import type { DonationChannel, Donor, InKind, Restriction, StatementSource } from './donation.events';

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
  /** Recording time: only to refuse business dates later than tomorrow. */
  now: string;
}

export type DonationCommand = RecordDonation;
