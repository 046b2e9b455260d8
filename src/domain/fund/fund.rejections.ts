import { RejectionCode } from '../shared/rejection-codes';

/**
 * The order in which fund commands are checked: the first failing check is the answer.
 * OpenFund:       ALREADY_EXISTS → VALIDATION_FAILED (legalBasis) → INVALID_POLICY (decree-93-2019 from 2026-03-01,
 *                 then the policy)
 * ChangePolicy:   NOT_FOUND → VALIDATION_FAILED (effectiveFrom, decisionRef, legalBasis, no change) →
 *                 EFFECTIVE_DATE_IN_PAST → EFFECTIVE_DATE_BEFORE_SCHEDULED → INVALID_POLICY (decree-93-2019
 *                 effective from 2026-03-01, then the policy)
 * ClosePeriod:    NOT_FOUND → VALIDATION_FAILED (period, decisionRef) → PERIOD_NOT_ENDED →
 *                 INVALID_STATE (already closed, or inside a closed year)
 * CreateCampaign: NOT_FOUND (fund) → ALREADY_EXISTS → VALIDATION_FAILED (dates) → INVALID_CAMPAIGN_WINDOW →
 *                 CAMPAIGN_WINDOW_EXCEEDED
 * CloseCampaign:  NOT_FOUND (fund, campaign) → INVALID_STATE (already closed)
 * RecordPublication: NOT_FOUND (fund) → VALIDATION_FAILED (kind, channel, contentSha256, publishedAt, url,
 *                 period and campaignId as the kind asks) → FUTURE_DATE → NOT_FOUND (campaign) → PUBLISHED_BEFORE_END
 */
export const FUND_REJECTIONS = [
  RejectionCode.NOT_FOUND,
  RejectionCode.ALREADY_EXISTS,
  RejectionCode.INVALID_POLICY,
  RejectionCode.VALIDATION_FAILED,
  RejectionCode.INVALID_CAMPAIGN_WINDOW,
  RejectionCode.CAMPAIGN_WINDOW_EXCEEDED,
  RejectionCode.INVALID_STATE,
  RejectionCode.EFFECTIVE_DATE_IN_PAST,
  RejectionCode.EFFECTIVE_DATE_BEFORE_SCHEDULED,
  RejectionCode.PERIOD_NOT_ENDED,
  RejectionCode.FUTURE_DATE,
  RejectionCode.PUBLISHED_BEFORE_END,
] as const;

/** Decree 93/2021 Art. 8: receiving lasts at most 90 days from launch. */
export const DISASTER_RECEIVING_DAYS_MAX = 90;
/** Decree 93/2021 Art. 8: distribution ends at most 20 days after receiving ends. */
export const DISASTER_DISTRIBUTION_DAYS_AFTER_RECEIVING_MAX = 20;
