import { RejectionCode } from '../shared/rejection-codes';

/**
 * Spending commands are checked in this order; the first failure is the answer.
 *
 * RequestDisbursement: VALIDATION_FAILED → NOT_FOUND (fund) → UNKNOWN_COMPONENT →
 *   NOT_FOUND (campaign, restriction) → RESTRICTION_MISMATCH → MANAGEMENT_COST_CAP_EXCEEDED →
 *   INSUFFICIENT_FUNDS
 * For every command NOT_FOUND (fund) comes right after VALIDATION_FAILED.
 * ApproveDisbursement: NOT_FOUND → INVALID_STATE → SELF_APPROVAL_FORBIDDEN → DUPLICATE_APPROVAL
 * RejectDisbursement:  NOT_FOUND → INVALID_STATE
 * PayDisbursement:     NOT_FOUND → INVALID_STATE → PERIOD_CLOSED (paidAt) → CERTIFICATION_REQUIRED
 * ReleaseEmergency:    VALIDATION_FAILED → NOT_FOUND (fund) → UNKNOWN_COMPONENT →
 *   NOT_FOUND (campaign) → RESTRICTION_MISMATCH → EMERGENCY_CAP_EXCEEDED → INSUFFICIENT_FUNDS
 * SettleEmergency:     VALIDATION_FAILED → NOT_FOUND → INVALID_STATE → SETTLEMENT_MISMATCH →
 *   EVIDENCE_REQUIRED
 * ReverseEntry:        NOT_FOUND → ALREADY_REVERSED → INVALID_STATE → INSUFFICIENT_FUNDS
 */
export const SPENDING_REJECTIONS = [
  RejectionCode.VALIDATION_FAILED,
  RejectionCode.NOT_FOUND,
  RejectionCode.UNKNOWN_COMPONENT,
  RejectionCode.RESTRICTION_MISMATCH,
  RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
  RejectionCode.EMERGENCY_CAP_EXCEEDED,
  RejectionCode.SELF_APPROVAL_FORBIDDEN,
  RejectionCode.DUPLICATE_APPROVAL,
  RejectionCode.CERTIFICATION_REQUIRED,
  RejectionCode.SETTLEMENT_MISMATCH,
  RejectionCode.EVIDENCE_REQUIRED,
  RejectionCode.ALREADY_REVERSED,
  RejectionCode.INVALID_STATE,
  RejectionCode.INSUFFICIENT_FUNDS,
  RejectionCode.PERIOD_CLOSED,
] as const;
