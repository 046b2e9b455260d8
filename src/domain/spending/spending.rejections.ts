import { RejectionCode } from '../shared/rejection-codes';

/**
 * Spending commands are checked in this order; the first failure is the answer. The checks that
 * need only the command come first: amounts, required text non-blank, then the business date
 * (FUTURE_DATE). For every command NOT_FOUND (fund) comes right after them, then PERIOD_CLOSED
 * for a request, release, settlement, reversal or hand-over dated in a closed period (payments: see below).
 *
 * RequestDisbursement: VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND (fund) → UNKNOWN_COMPONENT →
 *   NOT_FOUND (campaign, restriction) → RESTRICTION_MISMATCH (component, campaign, management
 *   cost, beneficiary) → CAMPAIGN_CLOSED (dated after the campaign's distributeUntil; not a
 *   transfer without a distribution) → NOT_FOUND (a distribution's beneficiary) → RESTRICTION_MISMATCH (a line for
 *   another than the person the money is designated for) → DUPLICATE_AID →
 *   INSUFFICIENT_STOCK (its items) → MANAGEMENT_COST_CAP_EXCEEDED → INSUFFICIENT_FUNDS
 * RecordHandover:      VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND (fund) → PERIOD_CLOSED → NOT_FOUND
 *   (disbursement, its line) → INVALID_STATE → DATE_BEFORE_REQUEST → CERTIFICATION_REQUIRED (a humanitarian share received)
 * CorrectHandover:     VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND (fund) → PERIOD_CLOSED (correctedAt) →
 *   NOT_FOUND (disbursement, its line) → INVALID_STATE (already corrected) →
 *   NOT_FOUND (handover) → PERIOD_CLOSED (the hand-over's date) → DATE_BEFORE_REQUEST (before the hand-over) →
 *   INSUFFICIENT_STOCK (a closed share's items promised since)
 *   (INVALID_STATE also once the closed share's money was returned, reason share-money-returned, and
 *   for a share closed before the payment while the payment stands, reason share-not-paid)
 * ReturnShareMoney:    VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND (fund) → PERIOD_CLOSED (returnedAt) →
 *   NOT_FOUND (disbursement, its line) → INVALID_STATE (not paid; a share the payment left out,
 *   share-not-paid; a share with no money) →
 *   ALREADY_EXISTS (returned before) → INVALID_STATE (the share not closed) →
 *   DATE_BEFORE_REQUEST (before the payment, then before the closing hand-over)
 * ApproveDisbursement: NOT_FOUND → INVALID_STATE → SELF_APPROVAL_FORBIDDEN → DUPLICATE_APPROVAL
 * RejectDisbursement:  VALIDATION_FAILED → NOT_FOUND → NOT_REQUESTER (not an approver, and not the requester
 *   withdrawing their own request) → INVALID_STATE (not open, or a share already received)
 * PayDisbursement:     VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND → INVALID_STATE (not approved; every
 *   share of its distribution closed as not delivered and no money left to pay, nothing-to-pay) →
 *   SELF_PAYMENT_FORBIDDEN → DATE_BEFORE_REQUEST → PERIOD_CLOSED (paidAt) → CERTIFICATION_REQUIRED
 * ReleaseEmergency:    VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND (fund) → UNKNOWN_COMPONENT →
 *   NOT_FOUND (campaign, restriction) → RESTRICTION_MISMATCH → EMERGENCY_CAP_EXCEEDED →
 *   SETTLEMENT_OVERDUE → EMERGENCY_OPEN_LIMIT_EXCEEDED → INSUFFICIENT_FUNDS
 * SettleEmergency:     VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND → INVALID_STATE →
 *   DATE_BEFORE_REQUEST → SETTLEMENT_MISMATCH → EVIDENCE_REQUIRED
 * ReverseEntry:        VALIDATION_FAILED → FUTURE_DATE → NOT_FOUND → ALREADY_REVERSED →
 *   INVALID_STATE → DATE_BEFORE_REQUEST (dated before the entry it corrects) → INSUFFICIENT_FUNDS → INSUFFICIENT_STOCK (an in-kind donation's items already promised)
 *   (a payment, once dated: INVALID_STATE when a share of it was received in cash, reverse-handed-over;
 *   then DATE_BEFORE_REQUEST when dated before a closed share's money came back;
 *   an assignment of received money to a campaign, TA-: DATE_BEFORE_REQUEST naming assignedAt →
 *   INSUFFICIENT_FUNDS, the campaign's pool, then for a campaign without a pool its own money, reason campaign)
 * ReceiveTransfer, ReturnTransfer: NOT_FOUND (transfer, receiving fund) → INVALID_STATE →
 *   DATE_BEFORE_REQUEST (dated before the transfer went in transit) → PERIOD_CLOSED; a receipt
 *   for one of the receiver's campaigns then NOT_FOUND (campaign) → CAMPAIGN_NOT_OPEN →
 *   CAMPAIGN_CLOSED (its receiving window on the date of receipt, as for a donation)
 * AssignTransferToCampaign: VALIDATION_FAILED → NOT_FOUND (fund) → PERIOD_CLOSED (today) → NOT_FOUND
 *   (a transfer this fund received) → INVALID_STATE (received for a campaign; assigned before) →
 *   DATE_BEFORE_REQUEST (before the date of receipt) → NOT_FOUND (campaign) → CAMPAIGN_NOT_OPEN → CAMPAIGN_CLOSED (on the date of receipt) →
 *   RESTRICTION_MISMATCH (restricted money keeps its pool) → INSUFFICIENT_FUNDS
 * ImportTransferNote:  VALIDATION_FAILED (the note's members) → NOT_FOUND (fund) → INVALID_SIGNATURE
 *   (UNTRUSTED_KEY, then BAD_SIGNATURE) → NOTE_MISADDRESSED → ALREADY_EXISTS (booked before) →
 *   VALIDATION_FAILED (amount) → UNKNOWN_COMPONENT → PERIOD_CLOSED
 * RecordTransferDelivery: VALIDATION_FAILED (the receipt's members) → NOT_FOUND → INVALID_STATE
 *   (not external) → ALREADY_EXISTS (delivered before) → INVALID_STATE (not in transit) →
 *   INVALID_SIGNATURE (UNTRUSTED_KEY, then BAD_SIGNATURE) → RECEIPT_MISMATCH → PERIOD_CLOSED
 */
export const SPENDING_REJECTIONS = [
  RejectionCode.VALIDATION_FAILED,
  RejectionCode.FUTURE_DATE,
  RejectionCode.NOT_FOUND,
  RejectionCode.UNKNOWN_COMPONENT,
  RejectionCode.RESTRICTION_MISMATCH,
  RejectionCode.CAMPAIGN_NOT_OPEN,
  RejectionCode.CAMPAIGN_CLOSED,
  RejectionCode.DUPLICATE_AID,
  RejectionCode.INSUFFICIENT_STOCK,
  RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
  RejectionCode.EMERGENCY_CAP_EXCEEDED,
  RejectionCode.SETTLEMENT_OVERDUE,
  RejectionCode.EMERGENCY_OPEN_LIMIT_EXCEEDED,
  RejectionCode.SELF_APPROVAL_FORBIDDEN,
  RejectionCode.DUPLICATE_APPROVAL,
  RejectionCode.SELF_PAYMENT_FORBIDDEN,
  RejectionCode.NOT_REQUESTER,
  RejectionCode.DATE_BEFORE_REQUEST,
  RejectionCode.CERTIFICATION_REQUIRED,
  RejectionCode.SETTLEMENT_MISMATCH,
  RejectionCode.EVIDENCE_REQUIRED,
  RejectionCode.ALREADY_REVERSED,
  RejectionCode.INVALID_STATE,
  RejectionCode.INSUFFICIENT_FUNDS,
  RejectionCode.PERIOD_CLOSED,
  RejectionCode.INVALID_SIGNATURE,
  RejectionCode.NOTE_MISADDRESSED,
  RejectionCode.ALREADY_EXISTS,
  RejectionCode.RECEIPT_MISMATCH,
] as const;
