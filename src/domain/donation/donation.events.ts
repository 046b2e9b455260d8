/** Events of a fund's donation stream for one fiscal year. */

export const DONATION_CHANNELS = ['cash', 'bank_transfer', 'in_kind', 'online'] as const;
export type DonationChannel = (typeof DONATION_CHANNELS)[number];

export const DONOR_KINDS = ['individual', 'organization', 'anonymous'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

export interface Donor {
  name: string;
  kind: DonorKind;
  /** The name the donor chose for publication; null means the full name may be published. */
  publicName: string | null;
  taxCode: string | null;
  address: string | null;
  contact: string | null;
}

export interface Restriction {
  purpose: string;
  /** A named recipient: such money is outside the management-cost base (Decree 93/2019 Art. 37). */
  beneficiary: string | null;
}

export interface InKind {
  description: string;
  quantity: string;
  unit: string;
  valuationMethod: string;
}

/** Revenue categories of Decree 93/2019 Art. 35. Donations are voluntary contributions. */
export const REVENUE_CATEGORIES = [
  'voluntary_contribution',
  'service_income',
  'state_budget',
  'interest',
  'other',
] as const;
export type RevenueCategory = (typeof REVENUE_CATEGORIES)[number];

/**
 * What a gift recorded by hand may be: interest is the bank's (`InterestCredited`, from the
 * statement or a classified line), never a donation.
 */
export const DONATION_REVENUE_CATEGORIES = ['voluntary_contribution', 'state_budget', 'service_income', 'other'] as const satisfies readonly RevenueCategory[];
export type DonationRevenueCategory = (typeof DONATION_REVENUE_CATEGORIES)[number];

/** Where a bank-statement row came from, kept with the donation it became. */
export interface StatementSource {
  rowId: string;
  fileSha256: string;
  line: number;
  raw: string;
  bankAccount: string | null;
}

export interface DonationRecorded {
  type: 'DonationRecorded';
  data: {
    fundId: string;
    donationId: string;
    receiptNo: string;
    fiscalYear: number;
    component: string;
    campaignId: string | null;
    /** The restricted pool the money belongs to, or null for the component's unrestricted money. */
    restrictionId: string | null;
    restriction: Restriction | null;
    channel: DonationChannel;
    currency: string;
    /** In `currency`, as given. */
    amount: string;
    fxRate: string | null;
    /** In VND, rounded half-up to the dong. For in-kind gifts: their valuation. */
    amountVnd: string;
    /** Cash adds to money that can be disbursed; in-kind gifts are recorded at value only. */
    cash: boolean;
    revenueCategory: RevenueCategory;
    /** Whether the money counts in the management-cost base (R6). */
    inManagementCostBase: boolean;
    receivedAt: string;
    donor: Donor;
    reference: string | null;
    inKind: InKind | null;
    note: string | null;
    source: StatementSource | null;
  };
}

export type DonationEvent = DonationRecorded;
