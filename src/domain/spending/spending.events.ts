import type { DeliveryReceipt } from './delivery-receipt';
import type { TransferNote } from './transfer-note';
/** Events of a fund's spending stream: everything that can take money out of the fund. */

export const DISBURSEMENT_KINDS = ['humanitarian', 'relief', 'management_cost', 'transfer'] as const;
export type DisbursementKind = (typeof DISBURSEMENT_KINDS)[number];

/** Where spent money comes from: a component fund, and the campaign or restricted pool it counts against. */
export interface SpendingSource {
  component: string;
  campaignId: string | null;
  /** A restricted pool named directly (`campaign:<id>` or a designated donation's id). */
  restrictionId: string | null;
}

/** What a disbursement asks for, as the requester gave it and as the books keep it. */
export interface DisbursementTerms extends SpendingSource {
  amount: string;
  kind: DisbursementKind;
  purpose: string;
  beneficiary: string;
  certificationRef: string | null;
  note: string | null;
}

/** What an emergency release pays out, as the coordinator gave it and as the books keep it. */
export interface EmergencyReleaseTerms extends SpendingSource {
  amount: string;
  incident: string;
  recipient: string;
  note: string | null;
}

export interface DisbursementRequested {
  type: 'DisbursementRequested';
  data: DisbursementTerms & {
    fundId: string;
    disbursementId: string;
    approvalsRequired: number;
    fiscalYear: number;
    requestedBy: string;
    /** Business date of the request; its Vietnam calendar year is `fiscalYear`. */
    requestedAt: string;
    /** A management cost past the board's share (R6): accepted, and flagged. */
    managementCostWarning?: boolean;
    /** The need it answers (R20's categories or `tet-gift`); absent before distributions existed. */
    needCategory?: string;
    /** Who receives what: cash amounts or items per registered beneficiary. */
    distribution?: DistributionLine[];
    /** Resent past a DUPLICATE_AID with a reason: accepted, flagged, and its earlier aid named. */
    duplicateOverride?: DuplicateOverride;
  };
}

export const NEED_CATEGORIES = [
  'casualties-burial', 'food-water-medicine', 'housing-repair', 'evacuation', 'temporary-shelter', 'sanitation-disease-control',
  'medical-equipment', 'seeds-livestock-tools', 'infrastructure', 'living-quarantine', 'tet-gift', 'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export interface DistributionItem {
  description: string;
  /** A positive decimal, as a string. */
  quantity: string;
  unit: string;
}

/** One beneficiary's share of a disbursement, with the registry's name and commune as they stood. */
export interface DistributionLine {
  beneficiaryId: string;
  name: string;
  commune: string;
  /** The household's name, commune and address folded: how the other funds of the ledger recognise it. */
  matchKey: string;
  amount: string | null;
  items: DistributionItem[] | null;
}

/** An earlier aid for the same need to the same beneficiary, inside the policy's window. */
export interface EarlierAid {
  fundId: string;
  disbursementId: string;
  beneficiaryId: string;
  need: string;
  requestedAt: string;
}

export interface DuplicateOverride {
  reason: string;
  earlier: EarlierAid[];
}

export const HANDOVER_STATUSES = ['received', 'absent', 'refused'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** A beneficiary of a distribution came (or did not) for their share. */
export interface HandoverRecorded {
  type: 'HandoverRecorded';
  data: {
    fundId: string;
    disbursementId: string;
    beneficiaryId: string;
    status: HandoverStatus;
    /** Business date of the hand-over. */
    handedOverAt: string;
    /** The signed receipt list, a photo, a report: where the proof is. */
    evidenceRef: string | null;
    recordedBy: string;
    recordedAt: string;
    /**
     * An absent or refused share closed as not delivered: nobody will receive it, so its items are
     * free again in the pool's stock from `handedOverAt`. Absent on events written before it existed.
     */
    closed?: true;
  };
}

/** A hand-over as a correction finds or leaves it. */
export interface HandoverEntry {
  status: HandoverStatus;
  handedOverAt: string;
  evidenceRef: string | null;
  recordedBy: string;
  closed?: true;
}

/**
 * The last hand-over of a share, recorded in error, set aside: the share is again as it stood
 * before that hand-over (`restored`, null for none), its items promised again and no longer
 * handed out. The hand-over it corrects stays in the log as it was written.
 */
export interface HandoverCorrected {
  type: 'HandoverCorrected';
  data: {
    fundId: string;
    disbursementId: string;
    beneficiaryId: string;
    /** The hand-over set aside. */
    corrected: HandoverEntry;
    /** What the share is again: the hand-over before it, or null when it had none. */
    restored: HandoverEntry | null;
    reason: string;
    /** Business date of the correction. */
    correctedAt: string;
    recordedBy: string;
    recordedAt: string;
  };
}

/**
 * The money of a cash share closed as not delivered, on a paid request, given back to the fund:
 * the commune officer who carried it returns it to the chapter (nộp lại quỹ), and the accountant
 * records it. It goes back to the pool and the campaign the payment drew on, on `returnedAt`, and
 * the payment counts net of it from that date; the household received nothing.
 */
export interface ShareMoneyReturned {
  type: 'ShareMoneyReturned';
  data: {
    fundId: string;
    disbursementId: string;
    beneficiaryId: string;
    /** The share's amount, whole VND. */
    amount: string;
    /** The pool and campaign of the payment it goes back to. */
    component: string;
    restrictionId: string | null;
    campaignId: string | null;
    /** Business date the money came back. */
    returnedAt: string;
    /** The receipt voucher (phiếu thu) or the officer's return note. */
    evidenceRef: string;
    recordedBy: string;
    recordedAt: string;
  };
}

export interface DisbursementApproved {
  type: 'DisbursementApproved';
  data: {
    fundId: string;
    disbursementId: string;
    approvedBy: string;
    note: string | null;
    approvalsCount: number;
    /** How many distinct approvals the request needs (events written before v2 lack it). */
    approvalsRequired?: number;
    /** True when this approval completed the number the policy requires. */
    fullyApproved: boolean;
    /** Present on a request resent past DUPLICATE_AID: this approver approved the override too. */
    duplicateOverrideApproved?: boolean;
    approvedAt: string;
  };
}

export interface DisbursementRejected {
  type: 'DisbursementRejected';
  data: { fundId: string; disbursementId: string; rejectedBy: string; reason: string; rejectedAt: string };
}

/** A cash share of a distribution closed as not delivered before the payment, which left it out. */
export interface WithheldShare {
  beneficiaryId: string;
  /** The share's amount, whole VND. */
  amount: string;
}

/**
 * The payment of an approved request: it pays the request's amount, less the cash shares of its
 * distribution closed as not delivered by then (`withheld`): nobody will receive them, so their
 * money never leaves the fund. Absent `withheld` (every payment written before it existed, and
 * every payment of a whole list): the whole amount was paid.
 */
export interface DisbursementPaid {
  type: 'DisbursementPaid';
  data: {
    fundId: string;
    disbursementId: string;
    paidAt: string;
    reference: string;
    certificationRef: string | null;
    paidBy: string;
    withheld?: WithheldShare[];
  };
}

export interface EmergencyReleased {
  type: 'EmergencyReleased';
  data: EmergencyReleaseTerms & {
    fundId: string;
    releaseId: string;
    releasedBy: string;
    /** Business date of the release; `settleBy` counts from it. */
    releasedAt: string;
    settleBy: string;
  };
}

export interface EmergencyReleaseSettled {
  type: 'EmergencyReleaseSettled';
  data: {
    fundId: string;
    releaseId: string;
    spent: string;
    returned: string;
    evidence: string[];
    settledBy: string;
    /** Business date of the settlement. */
    settledAt: string;
    /** Whole days after settleBy, by Vietnam calendar date; 0 when on time (absent before v2). */
    daysOverdue?: number;
  };
}

export interface DonationReversed {
  type: 'DonationReversed';
  data: {
    fundId: string;
    reversalId: string;
    donationId: string;
    amountVnd: string;
    component: string;
    restrictionId: string | null;
    campaignId: string | null;
    cash: boolean;
    inManagementCostBase: boolean;
    fiscalYear: number;
    reason: string;
    reversedBy: string;
    reversedAt: string;
    /** The items of a reversed in-kind donation: they leave the stock (absent for cash, and before stock existed). */
    inKind?: { description: string; quantity: string; unit: string };
    /**
     * Foreign currency the bank had already bought (R17): the fund holds the settled VND, not the
     * provisional amount, so the reversal also takes back the settlement's FX difference, in the
     * pool the settlement booked it in. `amountVnd` stays the provisional amount the receipt
     * booked; the pool loses `settledVnd` in all. Absent when the gift was never sold, and in
     * reversals recorded before this field existed (they took back `amountVnd` only).
     */
    fxSettlement?: FxSettlementReversed;
    /**
     * Late money (R14) assigned out of the suspense pool it was received in: `component`,
     * `restrictionId` and `campaignId` name the pool it was assigned to, which the money leaves
     * as it came, by a move back to this suspense pool (as an assignment's reversal moves it);
     * the gift is then given back from there, so no pool or campaign reads as having received
     * less than its gifts. Absent when the money was never assigned, and in reversals recorded
     * before this field existed (they took the gift back out of the assigned pool's receipts).
     */
    lateMoney?: { component: string; restrictionId: string };
  };
}

/** What a donation's reversal undoes of its FX settlement. */
export interface FxSettlementReversed {
  settlementId: string;
  settledVnd: string;
  /** The settlement's settledVnd − provisionalVnd (a gain when positive), taken back. */
  difference: string;
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
}

/**
 * A payment taken back: the money it paid that is still out comes back to its pool and campaign.
 * `amount` is the request's amount; `givenBack` is what comes back when that is less: the shares
 * the payment left out (DisbursementPaid `withheld`) never went out, and the money of closed shares
 * given back before (ShareMoneyReturned) came back on its own. Absent `givenBack` (every reversal
 * written before it existed): the whole `amount` came back.
 */
export interface PaymentReversed {
  type: 'PaymentReversed';
  data: {
    fundId: string;
    reversalId: string;
    disbursementId: string;
    amount: string;
    component: string;
    restrictionId: string | null;
    reason: string;
    reversedBy: string;
    reversedAt: string;
    givenBack?: string;
  };
}

/** Fields of an emergency release's reversal: its settlement's, or its own. */
interface EmergencyReleaseReversalData {
  fundId: string;
  reversalId: string;
  releaseId: string;
  /** The amount released: outstanding again, or back in its pool. */
  amount: string;
  component: string;
  restrictionId: string | null;
  campaignId: string | null;
  reason: string;
  reversedBy: string;
  /** Business date of the reversal. */
  reversedAt: string;
}

/** A settlement entered wrongly, taken back: its release is open again, awaiting a new settlement. */
export interface EmergencySettlementReversed {
  type: 'EmergencySettlementReversed';
  data: EmergencyReleaseReversalData & {
    /** The reversed settlement's figures. */
    spent: string;
    returned: string;
  };
}

/** An unsettled release taken back whole: its money is in its pool again. */
export interface EmergencyReleaseCancelled {
  type: 'EmergencyReleaseCancelled';
  data: EmergencyReleaseReversalData;
}

/**
 * The money of a transfer, as its request held it: each later step of the transfer names it again.
 * Every step is in the sender's spending stream.
 */
interface TransferMoneyData {
  /** The sender. */
  fundId: string;
  transferId: string;
  /** The receiving fund: one of this ledger's, or (external) a fund of a ledger elsewhere. */
  toFundId: string;
  amount: string;
  component: string;
  /** The sender's pool it left. */
  restrictionId: string | null;
  campaignId: string | null;
}

/**
 * Money sent from this fund to another chapter's fund (R16): held from the request, in transit
 * once the policy's approvers agreed, until the receiving chapter receives or returns it. Every
 * step is written to the sender's spending stream, so the transfer and the sender's disbursements
 * are decided one at a time against the same pools: no dong leaves twice.
 */
export interface TransferRequested {
  type: 'TransferRequested';
  data: TransferMoneyData & {
    external: boolean;
    /** The restriction's purpose and named beneficiary, travelling with the money (R5, R16). */
    restrictionPurpose: string | null;
    restrictionBeneficiary: string | null;
    purpose: string;
    note: string | null;
    approvalsRequired: number;
    fiscalYear: number;
    requestedBy: string;
    requestedAt: string;
  };
}

export interface TransferApproved {
  type: 'TransferApproved';
  data: {
    fundId: string;
    transferId: string;
    approvedBy: string;
    note: string | null;
    approvalsCount: number;
    approvalsRequired: number;
    /** True when this approval completed the number the policy requires: the money is in transit. */
    fullyApproved: boolean;
    approvedAt: string;
  };
}

export interface TransferRejected {
  type: 'TransferRejected';
  data: { fundId: string; transferId: string; rejectedBy: string; reason: string; rejectedAt: string };
}

/** The receiving chapter took the money in: it enters the receiver's pool with its restriction. */
export interface TransferReceived {
  type: 'TransferReceived';
  data: TransferMoneyData & {
    /**
     * The receiver's pool it enters. Restricted money (a campaign's pool, a designated donation's)
     * becomes a restricted pool named by the transfer, with the purpose and beneficiary it left
     * with; unrestricted money stays unrestricted. Taken in for one of the receiver's campaigns
     * (`receivedCampaignId`), it enters that campaign's pool when the campaign has one (restricted
     * money without a donor's beneficiary, or unrestricted money), else the pool above.
     */
    receivedRestrictionId: string | null;
    /**
     * The receiver's own campaign the money was taken in for, or null. `campaignId` is the
     * sender's campaign, which is never the receiver's: a campaign's own money in a fund comes only
     * from that fund's campaigns. Version 1 events lack it: they read as the campaign whose pool
     * (`campaign:<id>`) the money entered, where it stays.
     */
    receivedCampaignId: string | null;
    restrictionPurpose: string | null;
    restrictionBeneficiary: string | null;
    receivedBy: string;
    receivedAt: string;
  };
}

/** The receiving chapter sent the money back: the sender has it available again. */
export interface TransferReturned {
  type: 'TransferReturned';
  data: TransferMoneyData & {
    reason: string;
    returnedBy: string;
    returnedAt: string;
  };
}

/**
 * Designated money re-purposed with the donor's consent (R5): asked for by the accountant, the
 * pool's money is held until the policy's approvers agree, then `RestrictionReleased` moves it to
 * the component's unrestricted money, for its new purpose.
 */
/** What a restriction release moves where, on whose consent: as requested, and as released. */
interface RestrictionReleaseTerms {
  fundId: string;
  releaseRequestId: string;
  restrictionId: string;
  component: string;
  campaignId: string | null;
  /** The pool's whole available money when asked: what the release moves. */
  amount: string;
  /** The pool's goods free when asked, moved with the money (absent: none, as before goods could move). */
  items?: DistributionItem[];
  newComponent: string;
  newPurpose: string;
  consentRef: string;
}

export interface RestrictionReleaseRequested {
  type: 'RestrictionReleaseRequested';
  data: RestrictionReleaseTerms & {
    approvalsRequired: number;
    requestedBy: string;
    requestedAt: string;
  };
}

export interface RestrictionReleaseApproved {
  type: 'RestrictionReleaseApproved';
  data: { fundId: string; releaseRequestId: string; approvedBy: string; approvalsCount: number; approvalsRequired: number; approvedAt: string };
}

/** Written with the approval that completes the policy's number: the money is unrestricted now. */
export interface RestrictionReleased {
  type: 'RestrictionReleased';
  data: RestrictionReleaseTerms & {
    approvedBy: string[];
    releasedAt: string;
  };
}

/**
 * A campaign's money left after its distribution deadline, moved by a decision (R19) to the next
 * disaster's campaign or to a component's unrestricted money.
 */
export interface SurplusReallocated {
  type: 'SurplusReallocated';
  data: {
    fundId: string;
    reallocationId: string;
    campaignId: string;
    component: string;
    restrictionId: string | null;
    amount: string;
    toComponent: string;
    toCampaignId: string | null;
    toRestrictionId: string | null;
    /** Goods of the campaign's in-kind stock moved to the same place (absent: none, as before goods could move). */
    items?: DistributionItem[];
    basis: string;
    decisionRef: string;
    reallocatedBy: string;
    reallocatedAt: string;
  };
}

/**
 * Foreign currency sold (R17): the donation keeps its currency, amount and provisional rate; the
 * VND the bank paid is the ledger amount from now on, and the difference to the provisional VND
 * amount is an FX gain (positive) or loss (negative) of the donation's pool.
 */
export interface FxSettled {
  type: 'FxSettled';
  data: {
    fundId: string;
    settlementId: string;
    donationId: string;
    currency: string;
    originalAmount: string;
    provisionalRate: string | null;
    provisionalVnd: string;
    settledVnd: string;
    /** settledVnd − provisionalVnd: a gain when positive, a loss when negative. */
    difference: string;
    /** settledVnd ÷ originalAmount, as the bank's rate (to 6 decimals). */
    realisedRate: string;
    component: string;
    restrictionId: string | null;
    campaignId: string | null;
    reference: string;
    settledBy: string;
    settledAt: string;
  };
}

export type PoolMoveEvent = RestrictionReleaseRequested | RestrictionReleaseApproved | RestrictionReleased | SurplusReallocated | FxSettled;

/**
 * Money a fund of a ledger elsewhere sent this fund, booked from its signed transfer note (R16):
 * in the receiving fund's spending stream, so a note is booked once. The note is kept whole, so
 * anyone can check its signature again against the sender's published key.
 */
export interface TransferNoteImported {
  type: 'TransferNoteImported';
  data: {
    /** The receiving fund: the event is in its spending stream. */
    fundId: string;
    transferId: string;
    /** The sending ledger's name, the sending fund and chapter, and the keyId that signed. */
    fromLedger: string;
    fromFundId: string;
    fromChapter: string;
    keyId: string;
    amount: string;
    component: string;
    campaignId: string | null;
    /** The receiver's pool it enters (see importedRestrictionId). */
    receivedRestrictionId: string | null;
    restrictionPurpose: string | null;
    restrictionBeneficiary: string | null;
    purpose: string;
    note: TransferNote;
    importedBy: string;
    importedAt: string;
  };
}

/**
 * A transfer to a fund of a ledger elsewhere arrived: the receiving ledger's signed receipt says it
 * booked the note. In the sender's spending stream; the money leaves `inTransitOut` and counts as
 * transferred out. The receipt is kept whole, so anyone can check its signature again.
 */
export interface TransferDelivered {
  type: 'TransferDelivered';
  data: TransferMoneyData & {
    /** The receiving ledger, its chapter and the keyId that signed the receipt. */
    toLedger: string;
    toChapter: string;
    keyId: string;
    /** The business date the receiver booked it (the receipt's), and where in its log. */
    receivedAt: string;
    receivedPosition: number;
    receipt: DeliveryReceipt;
    recordedBy: string;
    recordedAt: string;
  };
}

/**
 * Money a fund received from another chapter as its general money (no campaign named on receipt),
 * assigned afterwards to one of the fund's own campaigns: in the receiving fund's spending stream,
 * as a move between its pools (the receipt stays as it was written). It moves as the receipt
 * would have, had it named the campaign: into the campaign's pool when it has one, else it stays
 * in its component as the campaign's money. Assigned once per transfer.
 */
export interface TransferAssignedToCampaign {
  type: 'TransferAssignedToCampaign';
  data: {
    /** The receiving fund: the event is in its spending stream. */
    fundId: string;
    /** `TA-` and a sequence per fund. */
    assignmentId: string;
    transferId: string;
    /** The sender, and the business date the money was received (the campaign is judged receiving on it). */
    fromFundId: string;
    /** Money booked from a transfer note: the sending ledger's origin (the sender is a fund of that ledger). Absent for a transfer of this ledger. */
    fromLedger?: string;
    receivedAt: string;
    amount: string;
    /** The pool the receipt put the money in: the component's unrestricted money, or the transfer's pool. */
    component: string;
    restrictionId: string | null;
    toComponent: string;
    toCampaignId: string;
    toRestrictionId: string | null;
    reason: string;
    assignedBy: string;
    /** Business date of the assignment: the campaign holds the money from it. */
    assignedAt: string;
  };
}

/**
 * An assignment of received money to a campaign, taken back by its reversal: the money leaves the
 * campaign's pool (or, for a campaign without a pool of its own, stops being the campaign's money in
 * its component) and is in the pool the receipt put it in again, on the reversal's business date.
 * The fields name the assignment's pools as it wrote them; the transfer may be assigned again.
 */
export interface TransferAssignmentReversed {
  type: 'TransferAssignmentReversed';
  data: {
    /** The receiving fund, whose spending stream holds the assignment. */
    fundId: string;
    reversalId: string;
    assignmentId: string;
    transferId: string;
    fromFundId: string;
    /** As the assignment's: the sending ledger of money booked from a transfer note. */
    fromLedger?: string;
    amount: string;
    /** The pool the receipt put the money in, where it is again. */
    component: string;
    restrictionId: string | null;
    /** Where the assignment had put it, which it leaves. */
    toComponent: string;
    toCampaignId: string;
    toRestrictionId: string | null;
    reason: string;
    reversedBy: string;
    reversedAt: string;
  };
}

export type TransferEvent = TransferRequested | TransferApproved | TransferRejected | TransferReceived | TransferReturned | TransferDelivered;

/** Fields common to money a bank statement moved that is no donation (R30). */
interface StatementMoneyData {
  fundId: string;
  /** The pool it is drawn from or added to: the import's component, unrestricted. */
  component: string;
  campaignId: string | null;
  amount: string;
  fiscalYear: number;
  /** The statement's account (its own, else the import's). */
  account: string | null;
  memo: string;
  reference: string | null;
  /** The statement line it was read from. */
  source: { statementSha256: string; line: number; rowId: string; raw: string };
}

/** A bank fee the statement shows the bank took (phí, SMS fee): a management cost (R30), never refused. */
export interface BankFeeCharged {
  type: 'BankFeeCharged';
  data: StatementMoneyData & {
    /** `BF-` and a sequence per fund. */
    feeId: string;
    /** Business date: when the bank took it. */
    chargedAt: string;
  };
}

/** Interest the bank paid on the account (lãi): revenue of the fund, not a donation (R30). */
export interface InterestCredited {
  type: 'InterestCredited';
  data: StatementMoneyData & {
    /** `IN-` and a sequence per fund. */
    interestId: string;
    /** Business date: when the bank credited it. */
    creditedAt: string;
  };
}

/**
 * Late money (R14) assigned by a decision: a donation waiting in its campaign's suspense pool
 * moves, whole, to a component's unrestricted money or a campaign's pool.
 */
export interface SuspenseAssigned {
  type: 'SuspenseAssigned';
  data: {
    fundId: string;
    /** `SA-` and a sequence per fund. */
    assignmentId: string;
    donationId: string;
    /** The campaign that had stopped receiving when the money came. */
    campaignId: string;
    /** The suspense pool it leaves: the donation's component and `suspense:<campaignId>`. */
    component: string;
    restrictionId: string;
    amount: string;
    toComponent: string;
    toCampaignId: string | null;
    toRestrictionId: string | null;
    decisionRef: string;
    note: string | null;
    assignedBy: string;
    assignedAt: string;
  };
}

/**
 * A transfer taken back by its sender before the receiving chapter took it in (requested or in
 * transit): the held money is in the sender's pool again, and the receiver no longer expects it.
 */
export interface TransferReversed {
  type: 'TransferReversed';
  data: TransferMoneyData & {
    reversalId: string;
    /** What the transfer was when reversed. */
    statusBefore: 'requested' | 'in_transit';
    reason: string;
    reversedBy: string;
    reversedAt: string;
  };
}

/** Fields of a statement fee's or interest's reversal: the booking is taken out of the books. */
interface StatementMoneyReversalData {
  fundId: string;
  reversalId: string;
  amount: string;
  component: string;
  campaignId: string | null;
  /**
   * Fiscal year of the fee or interest reversed, as it was booked. The reversal itself counts in
   * the fiscal year of `reversedAt` (a fee's management cost leaves that year, interest leaves that
   * year's base), so a closed year keeps what it reported.
   */
  fiscalYear: number;
  /** The statement line it was booked from. */
  rowId: string;
  reason: string;
  reversedBy: string;
  reversedAt: string;
}

/** A bank fee booked wrongly, taken back: no longer a management cost (R30). */
export interface BankFeeReversed {
  type: 'BankFeeReversed';
  data: StatementMoneyReversalData & { feeId: string };
}

/** Interest booked wrongly, taken back: no longer revenue of the fund. */
export interface InterestReversed {
  type: 'InterestReversed';
  data: StatementMoneyReversalData & { interestId: string };
}

export const STATEMENT_LINE_CLASSES = ['fee', 'interest', 'disbursement', 'transfer', 'other'] as const;
export type StatementLineClass = (typeof STATEMENT_LINE_CLASSES)[number];

/**
 * The accountant's decision on a statement line no rule classified: a fee or interest (booked by
 * the BankFeeCharged or InterestCredited written with it), a paid disbursement or a transfer it
 * pays (linked by id), or something else (the note says what).
 */
export interface StatementLineClassified {
  type: 'StatementLineClassified';
  data: {
    fundId: string;
    /** `CL-` and a sequence per fund. */
    classificationId: string;
    rowId: string;
    statementId: string;
    as: StatementLineClass;
    /** BF-/IN- booked, or the DB-/TR- linked; null for `other`. */
    entryId: string | null;
    amount: string;
    postedAt: string;
    reference: string | null;
    note: string;
    classifiedBy: string;
    classifiedAt: string;
  };
}

export type SpendingEvent =
  | SuspenseAssigned
  | TransferAssignedToCampaign
  | TransferAssignmentReversed
  | TransferReversed
  | BankFeeReversed
  | InterestReversed
  | StatementLineClassified
  | TransferEvent
  | TransferNoteImported
  | PoolMoveEvent
  | DisbursementRequested
  | DisbursementApproved
  | DisbursementRejected
  | DisbursementPaid
  | EmergencyReleased
  | EmergencyReleaseSettled
  | DonationReversed
  | PaymentReversed
  | EmergencySettlementReversed
  | EmergencyReleaseCancelled
  | HandoverRecorded
  | HandoverCorrected
  | ShareMoneyReturned
  | BankFeeCharged
  | InterestCredited;
