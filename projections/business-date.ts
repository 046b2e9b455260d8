import { assertNever } from '../src/domain/shared/decision';
import type { LedgerEvent } from '../src/domain/ledger-events';
import { BENEFICIARY_EVENTS, FUND_EVENTS, isOneOf, RECEIPT_EVENTS, USER_EVENTS } from './event-groups';

/**
 * The events that move no money (a fund opened, a campaign created, a user, a statement read in,
 * a hand-over of goods): they have no business date and start or continue no entry.
 */
const UNDATED_EVENTS = [
  ...FUND_EVENTS, ...USER_EVENTS, ...RECEIPT_EVENTS, ...BENEFICIARY_EVENTS, 'StatementImported', 'StatementLineUnclassified', 'StatementLineClassified',
] as const;

/**
 * The business date of an entry that moves money (when the money moved: receivedAt, paidAt, …),
 * or null for an event that moves none (a fund opened, a campaign created, a user), which every
 * look-back by business date keeps.
 */
export function businessDateOf(event: LedgerEvent): string | null {
  if (isOneOf(event, UNDATED_EVENTS)) return null;
  switch (event.type) {
    case 'DonationRecorded': return event.data.receivedAt;
    case 'DonationReversed': return event.data.reversedAt;
    case 'DisbursementRequested': return event.data.requestedAt;
    case 'DisbursementApproved': return event.data.approvedAt;
    case 'DisbursementRejected': return event.data.rejectedAt;
    case 'DisbursementPaid': return event.data.paidAt;
    case 'PaymentReversed': return event.data.reversedAt;
    case 'ShareMoneyReturned': return event.data.returnedAt;
    case 'EmergencyReleased': return event.data.releasedAt;
    case 'EmergencyReleaseSettled': return event.data.settledAt;
    case 'EmergencySettlementReversed': return event.data.reversedAt;
    case 'EmergencyReleaseCancelled': return event.data.reversedAt;
    case 'TransferRequested': return event.data.requestedAt;
    case 'TransferApproved': return event.data.approvedAt;
    case 'TransferRejected': return event.data.rejectedAt;
    case 'TransferReceived': return event.data.receivedAt;
    case 'TransferReturned': return event.data.returnedAt;
    case 'TransferNoteImported': return event.data.importedAt;
    // The day the receiving ledger booked it (its receipt's business date); recordedAt is when this ledger recorded the receipt.
    case 'TransferDelivered': return event.data.receivedAt;
    case 'RestrictionReleaseRequested': return event.data.requestedAt;
    case 'RestrictionReleaseApproved': return event.data.approvedAt;
    case 'RestrictionReleased': return event.data.releasedAt;
    case 'SurplusReallocated': return event.data.reallocatedAt;
    case 'FxSettled': return event.data.settledAt;
    case 'BankFeeCharged': return event.data.chargedAt;
    case 'InterestCredited': return event.data.creditedAt;
    case 'SuspenseAssigned': case 'TransferAssignedToCampaign': return event.data.assignedAt;
    case 'TransferReversed': case 'BankFeeReversed': case 'InterestReversed': case 'TransferAssignmentReversed': return event.data.reversedAt;
    default:
      return assertNever(event, 'event');
  }
}

/** The entry an event starts (its own id) or continues (the id of the entry it follows up), if any. */
function entryOf(event: LedgerEvent): { id: string; starts: boolean } | null {
  if (isOneOf(event, UNDATED_EVENTS)) return null;
  switch (event.type) {
    case 'DonationRecorded': return { id: `donation:${event.data.donationId}`, starts: true };
    case 'DonationReversed': return { id: `donation:${event.data.donationId}`, starts: false };
    case 'DisbursementRequested': return { id: `disbursement:${event.data.disbursementId}`, starts: true };
    case 'DisbursementApproved': case 'DisbursementRejected': case 'DisbursementPaid':
      return { id: `disbursement:${event.data.disbursementId}`, starts: false };
    // A reversal follows the payment, not only the request: it counts only once the payment does.
    case 'PaymentReversed': return { id: `payment:${event.data.disbursementId}`, starts: false };
    // A closed share's money given back follows the payment that carried it out, as a reversal does.
    case 'ShareMoneyReturned': return { id: `payment:${event.data.disbursementId}`, starts: false };
    case 'EmergencyReleased': return { id: `release:${event.data.releaseId}`, starts: true };
    case 'EmergencyReleaseSettled': case 'EmergencyReleaseCancelled': return { id: `release:${event.data.releaseId}`, starts: false };
    // A settlement's reversal follows the settlement, as a payment's follows the payment.
    case 'EmergencySettlementReversed': return { id: `settlement:${event.data.releaseId}`, starts: false };
    case 'TransferRequested': return { id: `transfer:${event.data.transferId}`, starts: true };
    case 'TransferApproved': case 'TransferRejected': case 'TransferReceived': case 'TransferReturned': case 'TransferDelivered':
      return { id: `transfer:${event.data.transferId}`, starts: false };
    case 'TransferNoteImported': return { id: `note:${event.data.fromLedger}:${event.data.transferId}`, starts: true };
    case 'RestrictionReleaseRequested': return { id: `restriction-release:${event.data.releaseRequestId}`, starts: true };
    case 'RestrictionReleaseApproved': case 'RestrictionReleased': return { id: `restriction-release:${event.data.releaseRequestId}`, starts: false };
    case 'SurplusReallocated': return { id: `surplus:${event.data.reallocationId}`, starts: true };
    // A sale follows the donation it sells: it counts only once the donation does.
    case 'FxSettled': return { id: `donation:${event.data.donationId}`, starts: false };
    case 'BankFeeCharged': return { id: `fee:${event.data.feeId}`, starts: true };
    case 'InterestCredited': return { id: `interest:${event.data.interestId}`, starts: true };
    // An assignment of late money follows the donation, as a sale does; a reversal follows its entry.
    case 'SuspenseAssigned': return { id: `donation:${event.data.donationId}`, starts: false };
    case 'TransferReversed': return { id: `transfer:${event.data.transferId}`, starts: false };
    // Received money assigned to a campaign follows its transfer, as the receipt does.
    case 'TransferAssignedToCampaign': return { id: receivedMoneyGroup(event.data), starts: false };
    // Its reversal follows the transfer too, and is never dated before the assignment it takes back.
    case 'TransferAssignmentReversed': return { id: receivedMoneyGroup(event.data), starts: false };
    case 'BankFeeReversed': return { id: `fee:${event.data.feeId}`, starts: false };
    case 'InterestReversed': return { id: `interest:${event.data.interestId}`, starts: false };
    default:
      return assertNever(event, 'event');
  }
}

/**
 * Whether an entry's id is numbered within its fund. A transfer's id names its sender and its
 * steps are written by both funds, and an imported note names the ledger it came from: those
 * ids are already the same from every fund.
 */
const ownedByFund = (id: string): boolean => !id.startsWith('transfer:') && !id.startsWith('note:');

/**
 * Keeps the entries dated at or before a business instant, in log order: the books as they stood
 * at that date. An entry counts only when every earlier step of it is dated by then too (a payment
 * of a request dated later, or a reversal of a payment dated later, is left out with it), so a
 * projection never meets a follow-up of an entry it has not seen. Pure: it remembers only which
 * entries it left out.
 */
export class BusinessDateFilter {
  private readonly leftOut = new Set<string>();

  constructor(private readonly asOfMs: number) {}

  admits(event: LedgerEvent): boolean {
    const date = businessDateOf(event);
    const found = entryOf(event);
    const dated = date === null || Date.parse(date) <= this.asOfMs;
    if (found === null) return dated;
    // Numbers run per fund (DN-2026-000001, DB-000001, ER-000001 in every fund): an entry is its fund's.
    const fund = (event.data as { fundId: string }).fundId;
    const entry = { ...found, id: ownedByFund(found.id) ? `${fund}/${found.id}` : found.id };
    const admitted = dated && (entry.starts || !this.leftOut.has(entry.id));
    // What later steps depend on: the entry's start, a payment and a settlement (their reversals follow them).
    if (!admitted && entry.starts) this.leftOut.add(entry.id);
    if (!admitted && (event.type === 'DisbursementRequested' || event.type === 'DisbursementPaid')) this.leftOut.add(`${fund}/payment:${event.data.disbursementId}`);
    if (!admitted && (event.type === 'EmergencyReleased' || event.type === 'EmergencyReleaseSettled')) this.leftOut.add(`${fund}/settlement:${event.data.releaseId}`);
    if (admitted && event.type === 'EmergencyReleaseSettled') this.leftOut.delete(`${fund}/settlement:${event.data.releaseId}`);
    return admitted;
  }
}

/** The group of money a fund received: its transfer's, or, booked from a note, the note's. */
function receivedMoneyGroup(d: { transferId: string; fromLedger?: string }): string {
  return d.fromLedger === undefined ? `transfer:${d.transferId}` : `note:${d.fromLedger}:${d.transferId}`;
}
