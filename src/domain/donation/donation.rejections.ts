import { RejectionCode } from '../shared/rejection-codes';

/**
 * RecordDonation is checked in this order; the first failure is the answer:
 * VALIDATION_FAILED (amount, currency, rate, in-kind details, required text blank) →
 * FUTURE_DATE (receivedAt later than tomorrow, Vietnam time) → NOT_FOUND (fund) →
 * UNKNOWN_COMPONENT → PERIOD_CLOSED (receivedAt) → NOT_FOUND (campaign) → CAMPAIGN_NOT_OPEN → CAMPAIGN_CLOSED.
 */
export const DONATION_REJECTIONS = [
  RejectionCode.VALIDATION_FAILED,
  RejectionCode.FUTURE_DATE,
  RejectionCode.NOT_FOUND,
  RejectionCode.UNKNOWN_COMPONENT,
  RejectionCode.PERIOD_CLOSED,
  RejectionCode.CAMPAIGN_NOT_OPEN,
  RejectionCode.CAMPAIGN_CLOSED,
] as const;
