import type { BeneficiaryEvent } from './beneficiaries/beneficiaries.events';
import type { DonationEvent } from './donation/donation.events';
import type { FundEvent } from './fund/fund.events';
import type { ReceiptEvent } from './receipts/receipts.events';
import type { SpendingEvent } from './spending/spending.events';
import type { StatementEvent } from './statements/statements.events';
import type { UserEvent } from './users/users.events';

/** Every event type of the ledger, with the schema version it is written at today. */
export type LedgerEvent = FundEvent | DonationEvent | SpendingEvent | UserEvent | ReceiptEvent | StatementEvent | BeneficiaryEvent;
export type LedgerEventType = LedgerEvent['type'];

export const EVENT_SCHEMA_VERSIONS: Readonly<Record<LedgerEventType, number>> = Object.freeze({
  FundOpened: 1,
  PolicyChanged: 2,
  PeriodClosed: 1,
  CampaignCreated: 1,
  CampaignClosed: 1,
  PublicationMade: 1,
  TrustedKeyRegistered: 1,
  DonationRecorded: 1,
  DisbursementRequested: 3,
  DisbursementApproved: 1,
  DisbursementRejected: 1,
  DisbursementPaid: 1,
  EmergencyReleased: 1,
  EmergencyReleaseSettled: 1,
  DonationReversed: 1,
  PaymentReversed: 1,
  EmergencySettlementReversed: 1,
  EmergencyReleaseCancelled: 1,
  TransferRequested: 1,
  TransferApproved: 1,
  TransferRejected: 1,
  TransferReceived: 2,
  TransferReturned: 1,
  TransferNoteImported: 1,
  TransferDelivered: 1,
  RestrictionReleaseRequested: 1,
  RestrictionReleaseApproved: 1,
  RestrictionReleased: 1,
  SurplusReallocated: 1,
  FxSettled: 1,
  UserCreated: 1,
  UserTokenReplaced: 1,
  UserTokenRevoked: 1,
  UserDeactivated: 1,
  UserPasswordSet: 1,
  ReceiptIssued: 1,
  BeneficiaryRegistered: 1,
  BeneficiaryListImported: 1,
  HandoverRecorded: 1,
  HandoverCorrected: 1,
  ShareMoneyReturned: 1,
  BankFeeCharged: 1,
  InterestCredited: 1,
  StatementImported: 1,
  StatementLineUnclassified: 1,
  SuspenseAssigned: 1,
  TransferAssignedToCampaign: 1,
  TransferAssignmentReversed: 1,
  TransferReversed: 1,
  BankFeeReversed: 1,
  InterestReversed: 1,
  StatementLineClassified: 1,
});

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}
