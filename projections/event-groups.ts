import type { LedgerEvent, LedgerEventType } from '../src/domain/ledger-events';

/** The events of the given types. */
export type EventOf<Type extends LedgerEventType> = Extract<LedgerEvent, { type: Type }>;

/*
 * The ledger's event types by what they are about, each type in exactly one group. A projection
 * names the groups it reads, leaves every other event alone, and decides (exhaustively, with
 * assertNever) what each event of its groups changes: a new event type does not compile until it
 * has a group here, and then not until every projection reading that group has decided on it.
 */

/** A fund, its policy, periods and campaigns, and what it publishes. */
export const FUND_EVENTS = [
  'FundOpened', 'PolicyChanged', 'CampaignCreated', 'CampaignClosed', 'PeriodClosed', 'PublicationMade', 'TrustedKeyRegistered',
] as const;
export const DONATION_EVENTS = ['DonationRecorded', 'DonationReversed'] as const;
export const DISBURSEMENT_EVENTS = [
  'DisbursementRequested', 'DisbursementApproved', 'DisbursementRejected', 'DisbursementPaid', 'PaymentReversed', 'ShareMoneyReturned',
] as const;
export const EMERGENCY_EVENTS = ['EmergencyReleased', 'EmergencyReleaseSettled', 'EmergencySettlementReversed', 'EmergencyReleaseCancelled'] as const;
/** Money moving between funds or pools: transfers (and received money assigned to a campaign), restrictions released, surpluses, currency sold, late money assigned. */
export const MOVEMENT_EVENTS = [
  'TransferRequested', 'TransferApproved', 'TransferRejected', 'TransferReceived', 'TransferReturned', 'TransferNoteImported',
  'TransferDelivered', 'TransferReversed', 'TransferAssignedToCampaign', 'TransferAssignmentReversed',
  'RestrictionReleaseRequested', 'RestrictionReleaseApproved', 'RestrictionReleased', 'SurplusReallocated', 'FxSettled', 'SuspenseAssigned',
] as const;
/** Bank statements, their lines, and the fees and interest booked from them. */
export const BANK_EVENTS = [
  'StatementImported', 'StatementLineUnclassified', 'StatementLineClassified', 'BankFeeCharged', 'InterestCredited', 'BankFeeReversed', 'InterestReversed',
] as const;
export const BENEFICIARY_EVENTS = ['BeneficiaryRegistered', 'BeneficiaryListImported', 'HandoverRecorded', 'HandoverCorrected'] as const;
export const RECEIPT_EVENTS = ['ReceiptIssued'] as const;
export const USER_EVENTS = ['UserCreated', 'UserTokenReplaced', 'UserTokenRevoked', 'UserDeactivated', 'UserPasswordSet'] as const;

export const EVENT_GROUPS = [
  FUND_EVENTS, DONATION_EVENTS, DISBURSEMENT_EVENTS, EMERGENCY_EVENTS, MOVEMENT_EVENTS, BANK_EVENTS, BENEFICIARY_EVENTS, RECEIPT_EVENTS, USER_EVENTS,
] as const;

/** Does not compile while an event type is in no group (the type named in the error is the one). */
type Ungrouped = Exclude<LedgerEventType, (typeof EVENT_GROUPS)[number][number]>;
export const EVERY_EVENT_TYPE_GROUPED: [Ungrouped] extends [never] ? true : Ungrouped = true;

/** Whether the event is of one of the given types, narrowing it to them. */
export function isOneOf<Type extends LedgerEventType>(event: LedgerEvent, types: readonly Type[]): event is EventOf<Type> {
  return (types as readonly LedgerEventType[]).includes(event.type);
}
