import type { DonationRecorded } from '../donation/donation.events';
import type { StatementLineUnclassified } from '../statements/statements.events';
import type { DisbursementTerms, EarlierAid, EmergencyReleaseTerms, SpendingSource, StatementLineClass, TransferReceived } from './spending.events';

export interface Actor {
  userId: string;
}

export interface RequestDisbursement extends DisbursementTerms {
  type: 'RequestDisbursement';
  /** Business date of the request; null means `now`. */
  requestedAt: string | null;
  /** R20's category or `tet-gift`; required with a distribution. */
  needCategory?: string | null;
  distribution?: DistributionLineInput[] | null;
  /** Sent again after DUPLICATE_AID, with the reason the aid is given anyway. */
  overrideDuplicate?: { reason: string } | null;
  /** Looked up by the handler: the registry's entries and the other funds' aid to the same households. */
  aidFacts?: AidFacts;
  actor: Actor;
  now: string;
}

export interface DistributionLineInput {
  beneficiaryId: string;
  amount?: string | null;
  items?: { description: string; quantity: string; unit: string }[] | null;
}

/** What a distribution decision looks up outside the spending stream. */
export interface AidFacts {
  /** Each beneficiary of the distribution that the fund's registry knows. */
  beneficiaries: Record<string, { name: string; commune: string; matchKey: string }>;
  /**
   * Aid the other funds of this ledger gave (not rejected, not reversed) to households of the same
   * match keys; `forBeneficiaryIds` names which of the request's beneficiaries it is theirs (the
   * namesakes of a hamlet it may be), all of those under the key when absent.
   */
  elsewhere: (EarlierAid & { matchKey: string; forBeneficiaryIds?: string[] })[];
}

export interface RecordHandover {
  type: 'RecordHandover';
  disbursementId: string;
  beneficiaryId: string;
  status: string;
  handedOverAt: string;
  evidenceRef: string | null;
  /** Closes an absent or refused share as not delivered. */
  closed?: boolean;
  actor: Actor;
  now: string;
}

/** Sets aside the last hand-over of a share, recorded in error. */
export interface CorrectHandover {
  type: 'CorrectHandover';
  disbursementId: string;
  beneficiaryId: string;
  reason: string;
  correctedAt: string | null;
  actor: Actor;
  now: string;
}

/** Records the money of a closed cash share given back to the fund. */
export interface ReturnShareMoney {
  type: 'ReturnShareMoney';
  disbursementId: string;
  beneficiaryId: string;
  returnedAt: string | null;
  evidenceRef: string;
  actor: Actor;
  now: string;
}

export interface ApproveDisbursement {
  type: 'ApproveDisbursement';
  disbursementId: string;
  note: string | null;
  actor: Actor;
  now: string;
}

export interface RejectDisbursement {
  type: 'RejectDisbursement';
  disbursementId: string;
  reason: string;
  /**
   * Whether the actor may approve disbursements: an approver rejects any request; anyone else
   * (the accountant who made it) may only withdraw their own.
   */
  byApprover: boolean;
  actor: Actor;
  now: string;
}

export interface PayDisbursement {
  type: 'PayDisbursement';
  disbursementId: string;
  paidAt: string;
  reference: string;
  certificationRef: string | null;
  actor: Actor;
  now: string;
}

export interface ReleaseEmergency extends EmergencyReleaseTerms {
  type: 'ReleaseEmergency';
  /** Business date of the release; null means `now`. */
  releasedAt: string | null;
  actor: Actor;
  now: string;
}

export interface SettleEmergency {
  type: 'SettleEmergency';
  releaseId: string;
  spent: string;
  returned: string;
  evidence: string[];
  /** Business date of the settlement; null means `now`. */
  settledAt: string | null;
  actor: Actor;
  now: string;
}

export interface ReverseEntry {
  type: 'ReverseEntry';
  entryId: string;
  reason: string;
  /** The donation event, looked up by the caller when `entryId` names a donation. */
  donation: DonationRecorded['data'] | null;
  /** Business date of the reversal; null means `now`. */
  reversedAt: string | null;
  actor: Actor;
  now: string;
}

export interface RequestTransfer extends SpendingSource {
  type: 'RequestTransfer';
  toFundId: string;
  amount: string;
  purpose: string;
  note: string | null;
  /** Business date of the request; null means `now`. */
  requestedAt: string | null;
  actor: Actor;
  now: string;
}

export interface ApproveTransfer {
  type: 'ApproveTransfer';
  transferId: string;
  note: string | null;
  /** Business date of the approval; null: now. The completing approval's is when the money went in transit. */
  approvedAt: string | null;
  actor: Actor;
  now: string;
}

export interface RejectTransfer {
  type: 'RejectTransfer';
  transferId: string;
  reason: string;
  actor: Actor;
  now: string;
}

/** Issued by the receiving fund's accountant, decided in the sender's spending stream. */
export interface ReceiveTransfer {
  type: 'ReceiveTransfer';
  transferId: string;
  /** The fund the request was addressed to (the route's fund). */
  toFundId: string;
  receivedAt: string | null;
  /** One of the receiving fund's own campaigns the money is taken in for; null: none of them. */
  campaignId: string | null;
  actor: Actor;
  now: string;
}

export interface ReturnTransfer {
  type: 'ReturnTransfer';
  transferId: string;
  toFundId: string;
  reason: string;
  returnedAt: string | null;
  actor: Actor;
  now: string;
}

export interface RequestRestrictionRelease {
  type: 'RequestRestrictionRelease';
  restrictionId: string;
  consentRef: string;
  newPurpose: string;
  /** The component whose unrestricted money it becomes; null: the pool's own component. */
  newComponent: string | null;
  actor: Actor;
  now: string;
}

export interface ApproveRestrictionRelease {
  type: 'ApproveRestrictionRelease';
  releaseRequestId: string;
  actor: Actor;
  now: string;
}

export interface ReallocateSurplus {
  type: 'ReallocateSurplus';
  campaignId: string;
  amount: string;
  /** The component whose campaign pool it leaves; null: the one component that holds the campaign's money. */
  component: string | null;
  to: { component: string } | { campaignId: string };
  /** Goods of the campaign's in-kind stock moved with (or without: amount 0) its money. */
  items?: { description: string; quantity: string; unit: string }[] | null;
  basis: string;
  decisionRef: string;
  reallocatedAt: string | null;
  actor: Actor;
  now: string;
}

export interface SettleFx {
  type: 'SettleFx';
  donationId: string;
  vndAmount: string;
  settledAt: string;
  reference: string;
  /** The donation event, looked up by the caller. */
  donation: DonationRecorded['data'] | null;
  actor: Actor;
  now: string;
}

export type PoolMoveCommand = RequestRestrictionRelease | ApproveRestrictionRelease | ReallocateSurplus | SettleFx;

/**
 * Books a signed transfer note of a ledger elsewhere into the fund it is addressed to (the
 * route's fund): `note` is the request's body as received, read and checked by the decider.
 */
export interface ImportTransferNote {
  type: 'ImportTransferNote';
  note: unknown;
  actor: Actor;
  now: string;
}

/**
 * The sending fund records that a transfer to a ledger elsewhere arrived: `receipt` is the
 * receiving ledger's signed delivery receipt as received; `ledger` is this ledger's own name,
 * which the receipt must name as the sender.
 */
export interface RecordTransferDelivery {
  type: 'RecordTransferDelivery';
  transferId: string;
  receipt: unknown;
  ledger: string;
  actor: Actor;
  now: string;
}

/** Money received as general money, assigned afterwards to one of the receiving fund's own campaigns. */
export interface AssignTransferToCampaign {
  type: 'AssignTransferToCampaign';
  transferId: string;
  campaignId: string;
  reason: string;
  /** The receipt of the transfer (in its sender's stream), looked up by the caller; null when there is none. */
  received: TransferReceived['data'] | null;
  /**
   * For money booked from a transfer note (a fund of a ledger elsewhere sent it): that ledger's
   * origin, as the note names it (`ledger`). The booking is in this fund's own stream.
   */
  fromLedger?: string | null;
  actor: Actor;
  now: string;
}

export type TransferCommand =
  RequestTransfer | ApproveTransfer | RejectTransfer | ReceiveTransfer | ReturnTransfer | ImportTransferNote | RecordTransferDelivery | AssignTransferToCampaign;

/** Late money (R14) assigned by a decision, out of its campaign's suspense pool. */
export interface AssignSuspense {
  type: 'AssignSuspense';
  donationId: string;
  to: { component: string } | { campaignId: string };
  decisionRef: string;
  note: string | null;
  /** The donation event, looked up by the caller. */
  donation: DonationRecorded['data'] | null;
  actor: Actor;
  now: string;
}

/** The accountant's decision on a statement line no rule classified. */
export interface ClassifyStatementLine {
  type: 'ClassifyStatementLine';
  rowId: string;
  as: StatementLineClass;
  /** The paid disbursement (DB-…) or transfer (TR-…) it is; the bank's reference otherwise. */
  reference: string | null;
  note: string;
  /** The line as listed, and the sha256 of its statement's file; looked up by the caller. */
  line: { data: StatementLineUnclassified['data']; statementSha256: string } | null;
  /** The component a fee or interest is booked to; null: the fund's first. */
  component: string | null;
  actor: Actor;
  now: string;
}

export type SpendingCommand =
  | AssignSuspense
  | ClassifyStatementLine
  | TransferCommand
  | PoolMoveCommand
  | RequestDisbursement
  | ApproveDisbursement
  | RejectDisbursement
  | PayDisbursement
  | ReleaseEmergency
  | SettleEmergency
  | ReverseEntry
  | RecordHandover
  | CorrectHandover
  | ReturnShareMoney;
