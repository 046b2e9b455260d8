/**
 * The shapes of the ledger's answers the screens read. The OpenAPI document types the requests
 * (paths, parameters, bodies); its answers are described in prose, so they are named here once.
 */
export type Role = 'admin' | 'accountant' | 'approver' | 'coordinator' | 'auditor';

export interface Me {
  userId: string;
  name: string;
  roles: Role[];
  active: boolean;
}

export interface FundSummary {
  fundId: string;
  name: string;
  chapter: string | null;
}

export interface Campaign {
  campaignId: string;
  name: string;
  kind: string;
  receiveFrom: string;
  receiveUntil: string;
  distributeUntil: string | null;
  status?: string;
  closedAt?: string | null;
}

export interface Policy {
  approvals: { above: string; approvers: number }[];
  emergencyReleaseCap: string;
  emergencySettlementDays: number;
  managementCostCapPercent: string;
}

export interface Fund {
  fundId: string;
  name: string;
  chapter: string | null;
  components: string[];
  policy: Policy;
  policyVersion: number;
  campaigns: Campaign[];
  closedPeriods?: ClosedPeriod[];
}

export interface Figures {
  received: string;
  disbursed: string;
  held: string;
  outstandingEmergency: string;
  /** Between chapters and between a fund's pools (see README, "Between chapters"). */
  transferredIn: string;
  inTransitOut: string;
  transferredOut: string;
  movedIn: string;
  movedOut: string;
  fxDifference: string;
  available: string;
}

export interface Balance extends Figures {
  inTransitIn: string;
  fundId: string;
  asOfPosition: number;
  inKindReceived: string;
  byComponent: Record<string, Figures>;
  restricted: (Figures & { restrictionId: string; component: string; purpose: string; campaignId: string | null })[];
  byCampaign: Record<string, Figures>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  position: number;
}

export interface Donation {
  donationId: string;
  receiptNo: string;
  receivedAt: string;
  component: string;
  campaignId: string | null;
  restriction: { purpose: string; beneficiary: string | null } | null;
  channel: string;
  currency: string;
  amount: string;
  fxRate: string | null;
  amountVnd: string;
  donor: { name: string; kind: string };
  reference: string | null;
  inKind: { description: string; quantity: string; unit: string } | null;
  reversed: boolean;
  reversal: { reason: string } | null;
}

export interface Disbursement {
  disbursementId: string;
  status: string;
  kind: string;
  amount: string;
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  purpose: string;
  beneficiary: string;
  approvalsRequired: number;
  approvalsCount: number;
  requestedBy: string;
  requestedAt: string;
  paidAt: string | null;
  paymentReference: string | null;
  rejectionReason: string | null;
}

export interface Release {
  releaseId: string;
  status: string;
  overdue: boolean;
  amount: string;
  component: string;
  incident: string;
  recipient: string;
  releasedBy: string;
  releasedAt: string;
  settleBy: string;
  spent: string | null;
  returned: string | null;
  evidence: string[];
}

export interface User {
  userId: string;
  name: string;
  roles: Role[];
  active: boolean;
}

export interface ActivityLine {
  position: number;
  type: string;
  recordedAt: string;
  actor: { userId: string; name: string | null };
  entryId: string | null;
  receiptNo: string | null;
  amount: string | null;
}

export interface ImportRecord {
  importedAt: string;
  importedBy: { userId: string; name: string | null };
  fileSha256: string;
  bankAccount: string | null;
  profile: string;
  imported: number;
  duplicates: number;
  rejectedCount: number;
  rejected: { line: number; code: string; message: string; field?: string }[];
  warningCount: number;
  complete: boolean;
  needsReview: boolean;
  position: number;
}

export interface ManagementCost {
  year: number;
  base: string;
  warnPercent: string;
  capPercent: string;
  budget: string;
  carriedForward: string;
  used: string;
  remaining: string;
  warning: boolean;
  limit: string;
  position: number;
}

export interface PolicyVersion {
  version: number;
  policy: Policy;
  effectiveFrom: string | null;
  decisionRef: string | null;
  changedBy: string | null;
  recordedAt: string;
  position: number;
}

export interface ClosedPeriod {
  period: string;
  from: string;
  to: string;
  decisionRef: string;
  closedAt: string;
}

/** A transfer between funds as GET /v1/funds/{fundId}/transfers lists it. */
export interface TransferLine {
  transferId: string;
  fromFundId: string;
  toFundId: string;
  external: boolean;
  amount: string;
  component: string;
  restrictionId: string | null;
  receivedRestrictionId: string | null;
  campaignId: string | null;
  purpose: string;
  status: 'requested' | 'in_transit' | 'received' | 'returned' | 'rejected' | 'delivered';
  approvalsRequired: number;
  approvalsCount: number;
  requestedBy: string;
  requestedAt: string;
  sentAt: string | null;
  closedAt: string | null;
  reason: string | null;
  daysInTransit: number | null;
  /** Booked from a signed note of a ledger elsewhere. */
  fromLedger?: string;
  fromChapter?: string;
  /** Delivered to a ledger elsewhere: its receipt recorded. */
  toLedger?: string;
  toChapter?: string;
}

export interface RestrictionReleaseLine {
  releaseRequestId: string;
  restrictionId: string;
  component: string;
  amount: string;
  newComponent: string;
  newPurpose: string;
  consentRef: string;
  status: 'requested' | 'released';
  approvalsRequired: number;
  requestedBy: string;
  requestedAt: string;
}

export interface Transfers {
  fundId: string;
  sent: TransferLine[];
  incoming: TransferLine[];
  restrictionReleases: RestrictionReleaseLine[];
  asOfPosition: number;
}

/** A bank statement the fund recorded (GET …/statements). */
export interface StatementRecorded {
  statementId: string;
  account: string | null;
  accountSource: string;
  sha256: string;
  from: string | null;
  to: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  lines: number;
  format: string;
  profile: string;
  balanceCheck: { ok: boolean; checkedLines: number; firstBreakLine?: number };
  counts: { donations: number; interest: number; fees: number; unclassified: number; rejected: number };
  importedAt: string;
  importedBy: string;
  position: number;
}

/** A statement line that is no donation (GET …/statement-lines). */
export interface StatementLine {
  kind: 'fee' | 'interest' | 'unclassified' | 'disbursement' | 'transfer' | 'other';
  entryId: string | null;
  reversalId: string | null;
  classificationId: string | null;
  note: string | null;
  statementId: string | null;
  account: string | null;
  line: number;
  direction: 'in' | 'out';
  amountVnd: string;
  postedAt: string;
  memo: string;
  reference: string | null;
  rowId: string;
  position: number;
}

/** A bank account day by day (GET …/bank-accounts/:account/reconciliation). */
export interface Reconciliation {
  account: string;
  from: string | null;
  to: string | null;
  statements: StatementRecorded[];
  days: {
    day: string;
    covered: boolean;
    statement: { statementId: string; credits: string; debits: string; lines: number; closingBalance: string | null } | null;
    ledger: { donations: string; donationCount: number; fees: string; interest: string; unclassified: string };
    creditsNotBooked: string | null;
  }[];
  uncoveredDays: string[];
  position: number;
}

/** Late money (R14) waiting in a campaign's suspense pool, or decided (GET …/suspense). */
export interface SuspenseItem {
  donationId: string;
  receiptNo: string;
  campaignId: string;
  component: string;
  restrictionId: string;
  amountVnd: string;
  receivedAt: string;
  donorName: string;
  reference: string | null;
  note: string | null;
  status: 'waiting' | 'assigned' | 'returned';
  assignmentId: string | null;
  toComponent: string | null;
  toCampaignId: string | null;
  decisionRef: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reversalId: string | null;
  position: number;
}
