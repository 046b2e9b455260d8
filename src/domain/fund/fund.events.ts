/** Events of a fund's own stream: the fund, its policy and its campaigns. */

export interface ApprovalTier {
  /** A disbursement strictly above this VND amount needs `approvers` distinct approvers. */
  above: string;
  approvers: number;
}

export interface Policy {
  approvals: ApprovalTier[];
  emergencyReleaseCap: string;
  emergencySettlementDays: number;
  managementCostCapPercent: string;
  /** Total unsettled emergency money a component may have out at once, in VND. */
  emergencyOpenLimit: string;
  /** Whether a coordinator with an overdue unsettled release may not release more. */
  blockReleasesWhenOverdue: boolean;
  /** Whether the person who requested a disbursement may also record its payment. */
  payerMayBeRequester: boolean;
}

export const CAMPAIGN_KINDS = ['disaster', 'humanitarian_month', 'tet', 'other'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export interface FundOpened {
  type: 'FundOpened';
  data: {
    fundId: string;
    name: string;
    chapter: string | null;
    legalBasis: string | null;
    components: string[];
    policy: Policy;
    openedAt: string;
  };
}

export interface PolicyChanged {
  type: 'PolicyChanged';
  data: { fundId: string; policy: Policy; changedAt: string };
}

export interface CampaignCreated {
  type: 'CampaignCreated';
  data: {
    fundId: string;
    campaignId: string;
    name: string;
    kind: CampaignKind;
    receiveFrom: string;
    receiveUntil: string;
    distributeUntil: string | null;
    bankAccount: string | null;
    /** Disaster money is restricted to its campaign (Decree 93/2021): this is its pool. */
    restrictionId: string | null;
    createdAt: string;
  };
}

export interface CampaignClosed {
  type: 'CampaignClosed';
  data: { fundId: string; campaignId: string; closedAt: string };
}

export type FundEvent = FundOpened | PolicyChanged | CampaignCreated | CampaignClosed;
