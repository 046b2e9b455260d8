import type { CampaignCreated, LegalBasis, Policy, PublicationCheckpoint } from './fund.events';

export interface OpenFund {
  type: 'OpenFund';
  fundId: string;
  name: string;
  chapter: string | null;
  /** A LegalBasis; null takes the default of the opening date. */
  legalBasis: string | null;
  components: string[] | null;
  /** Partial: what is missing takes the default of DEFAULT_POLICY. */
  policy: Partial<Policy> | null;
  now: string;
}

export interface ChangePolicy {
  type: 'ChangePolicy';
  /** Only the fields that change; the others stay as the newest version has them. */
  policy: Partial<Policy>;
  /** A Vietnam calendar date, YYYY-MM-DD: today or later. */
  effectiveFrom: string;
  /** The board's decision (số quyết định). */
  decisionRef: string;
  legalBasis: LegalBasis | null;
  changedBy: string;
  now: string;
}

export interface ClosePeriod {
  type: 'ClosePeriod';
  /** `2025` or `2025-Q3`. */
  period: string;
  decisionRef: string;
  closedBy: string;
  now: string;
}

/** A campaign's terms as CampaignCreated records them, but for its distribution deadline. */
export interface CreateCampaign extends Pick<CampaignCreated['data'], 'campaignId' | 'name' | 'kind' | 'receiveFrom' | 'receiveUntil' | 'bankAccount'> {
  type: 'CreateCampaign';
  /** Null takes the default of its kind: 20 days after receiving ends for a disaster campaign (Decree 93/2021 Art. 8), none for another. */
  distributeUntil: string | null;
  now: string;
}

export interface CloseCampaign {
  type: 'CloseCampaign';
  campaignId: string;
  now: string;
}

/** Records a publication (R26). Kind and channel are checked by the decider, so a bad value is a named rejection. */
export interface RecordPublication {
  type: 'RecordPublication';
  kind: string;
  period: string | null;
  campaignId: string | null;
  channel: string;
  url: string | null;
  publishedAt: string;
  contentSha256: string;
  /** Signed by the edge just before: the decider only names it. */
  checkpoint: PublicationCheckpoint | null;
  recordedBy: string;
  now: string;
}

/** Trusts another installation's ledger key for the transfer notes it signs. */
export interface RegisterTrustedKey {
  type: 'RegisterTrustedKey';
  keyId: string;
  publicKey: string;
  chapter: string;
  registeredBy: string;
  now: string;
}

export type FundCommand = OpenFund | ChangePolicy | CreateCampaign | CloseCampaign | ClosePeriod | RecordPublication | RegisterTrustedKey;
