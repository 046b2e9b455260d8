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
  /** The board's share (R6): above it a management cost still succeeds, flagged `managementCostWarning`. */
  managementCostWarnPercent: string;
  /** The hard stop (R6), never above 10 (Decree 93/2019 Art. 37). */
  managementCostCapPercent: string;
  /** Total unsettled emergency money a component may have out at once, in VND. */
  emergencyOpenLimit: string;
  /** Whether a coordinator with an overdue unsettled release may not release more. */
  blockReleasesWhenOverdue: boolean;
  /** Whether the person who requested a disbursement may also record its payment. */
  payerMayBeRequester: boolean;
  /** Days inside which a second aid for the same need to the same beneficiary is DUPLICATE_AID; absent means 30. */
  duplicateAidWindowDays?: number;
}

/** The decree a fund's finances follow: Decree 93/2019 until 1 March 2026, Decree 03/2026 from then. */
export const LEGAL_BASES = ['decree-93-2019', 'decree-03-2026'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const CAMPAIGN_KINDS = ['disaster', 'humanitarian_month', 'tet', 'other'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export interface FundOpened {
  type: 'FundOpened';
  data: {
    fundId: string;
    name: string;
    chapter: string | null;
    /** A LegalBasis; events written before v2 may hold free text or null, read by the fold as the default. */
    legalBasis: string | null;
    components: string[];
    policy: Policy;
    openedAt: string;
  };
}

/**
 * A new version of the policy (schema v2). Versions are numbered by their order in the fund's
 * stream, the opening policy being version 1. v1 events (no date, no decision) are lifted by an
 * upcaster: they took effect on the Vietnam date they were recorded.
 */
export interface PolicyChanged {
  type: 'PolicyChanged';
  data: {
    fundId: string;
    /** The version number this change made; null in events lifted from v1 (the fold counts them). */
    version: number | null;
    /** The complete policy from `effectiveFrom` on. */
    policy: Policy;
    /** Only the fields the board changed, as sent. */
    changes: Partial<Policy>;
    /** A Vietnam calendar date, YYYY-MM-DD. */
    effectiveFrom: string;
    decisionRef: string | null;
    /** Null: the legal basis stays as it was. */
    legalBasis: LegalBasis | null;
    changedBy: string | null;
    changedAt: string;
  };
}

/** A fiscal year (`2025`) or quarter (`2025-Q3`) closed by the board: nothing more is dated in it. */
export interface PeriodClosed {
  type: 'PeriodClosed';
  data: {
    fundId: string;
    period: string;
    /** First and last Vietnam calendar day of the period, YYYY-MM-DD. */
    from: string;
    to: string;
    decisionRef: string;
    closedBy: string;
    closedAt: string;
  };
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

/**
 * What a fund publishes (R22–R26): a campaign's call, its receipts and distribution totals, its
 * beneficiaries, the yearly contributions, the quarterly disclosure, the annual report, a settlement.
 */
export const PUBLICATION_KINDS = [
  'campaign-call', 'campaign-receipts', 'campaign-distribution', 'beneficiaries',
  'annual-contributions', 'quarterly-disclosure', 'annual-report', 'settlement',
] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/**
 * Where it was published, after the forms the law names: the organisation's website (Decree
 * 93/2021 Art. 14(3)(a)), posting at the office or receiving site (Art. 14(3)(b), Red Cross Law
 * Art. 21(3)(a)), mass media (Art. 14(3)(c), Law Art. 21(3)(b)), a written notice to the bodies
 * concerned (Art. 14(3)(c)), or information given on request (Law Art. 21(3)(c)).
 */
export const PUBLICATION_CHANNELS = ['website', 'posting', 'mass-media', 'written-notice', 'on-request'] as const;
export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];

/** The signed checkpoint of the log a publication names: the tree its figures were drawn from. */
export interface PublicationCheckpoint {
  treeSize: number;
  /** Standard padded base64, as in the signed note. */
  rootHash: string;
  /** When the checkpoint was signed (recording time, RFC 3339). */
  timestamp: string;
}

/** A publication made (R26): what, for which campaign or period, where, when, and the hash of what was published. */
export interface PublicationMade {
  type: 'PublicationMade';
  data: {
    fundId: string;
    /** `pub-<n>`, numbered in the order the fund's publications were recorded. */
    publicationId: string;
    kind: PublicationKind;
    /** `2025` or `2025-Q3` for the yearly and quarterly kinds; null for a campaign's. */
    period: string | null;
    campaignId: string | null;
    channel: PublicationChannel;
    url: string | null;
    /** The business date it was published (ISO 8601 with offset, or YYYY-MM-DD read in Vietnam time). */
    publishedAt: string;
    /** SHA-256 of the published file, lowercase hex. */
    contentSha256: string;
    /** The checkpoint signed when it was recorded; null when the ledger signs none. */
    checkpoint: PublicationCheckpoint | null;
    recordedBy: string;
    recordedAt: string;
  };
}

/**
 * The fund's admin trusts the key of a chapter on another installation (R16): a transfer note that
 * key signed may be imported into this fund. The key is named by the keyId the sender's
 * `/v1/public/keys` gives it.
 */
export interface TrustedKeyRegistered {
  type: 'TrustedKeyRegistered';
  data: {
    fundId: string;
    /** 8 lowercase hex digits. */
    keyId: string;
    /** Standard base64 of the 32-byte Ed25519 public key. */
    publicKey: string;
    /** The chapter whose ledger signs with it, as people name it. */
    chapter: string;
    registeredBy: string;
    registeredAt: string;
  };
}

export type FundEvent = FundOpened | PolicyChanged | CampaignCreated | CampaignClosed | PeriodClosed | PublicationMade | TrustedKeyRegistered;
