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
}

export type DonationCommand = RecordDonation;
