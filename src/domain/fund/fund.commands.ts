import type { CampaignKind, Policy } from './fund.events';

export interface OpenFund {
  type: 'OpenFund';
  fundId: string;
  name: string;
  chapter: string | null;
  legalBasis: string | null;
  components: string[] | null;
  /** Partial: what is missing takes the default of DEFAULT_POLICY. */
  policy: Partial<Policy> | null;
  now: string;
}

export interface ChangePolicy {
  type: 'ChangePolicy';
  policy: Partial<Policy>;
  now: string;
}

export interface CreateCampaign {
  type: 'CreateCampaign';
  campaignId: string;
  name: string;
  kind: CampaignKind;
  receiveFrom: string;
  receiveUntil: string;
  distributeUntil: string | null;
  bankAccount: string | null;
  now: string;
}

export interface CloseCampaign {
  type: 'CloseCampaign';
  campaignId: string;
  now: string;
}

export type FundCommand = OpenFund | ChangePolicy | CreateCampaign | CloseCampaign;
