import type { BENEFICIARY_REJECTIONS } from '../../domain/beneficiaries/beneficiaries.decide';
import type { DONATION_REJECTIONS } from '../../domain/donation/donation.rejections';
import type { FUND_REJECTIONS } from '../../domain/fund/fund.rejections';
import { RejectionCode as R } from '../../domain/shared/rejection-codes';
import type { SPENDING_REJECTIONS } from '../../domain/spending/spending.rejections';
import { EdgeCode as E, type ErrorCode } from './error-codes';

/**
 * The error codes each route can answer with, declared in /docs by @ApiErrors. A command's
 * business codes follow the precedence its domain writes down (the *.rejections.ts files); the
 * types below only admit codes of that domain's list, so a code the domain drops stops compiling
 * here. The edge codes come from where the edge raises them: the guard (401, 403), the body parser
 * and strict JSON (400, 413, 415), idempotency (409), read-your-writes (503), the rate limits (429:
 * every public route per address, every other route per address's failed authentications).
 */
type FundCode = (typeof FUND_REJECTIONS)[number];
type DonationCode = (typeof DONATION_REJECTIONS)[number];
type SpendingCode = (typeof SPENDING_REJECTIONS)[number];
type BeneficiaryCode = (typeof BENEFICIARY_REJECTIONS)[number];

const fund = (...codes: FundCode[]) => codes;
const donation = (...codes: DonationCode[]) => codes;
const spending = (...codes: SpendingCode[]) => codes;
const beneficiary = (...codes: BeneficiaryCode[]) => codes;

/**
 * Any route behind a sign-in: no or a bad token or session (401), a role it lacks or a foreign
 * origin (403), an address past its limit of failed authentications (429).
 */
const SIGNED_IN: ErrorCode[] = [E.UNAUTHENTICATED, E.FORBIDDEN, E.RATE_LIMITED];
/** Any command with a JSON body: strict JSON and field checks, body limits, Idempotency-Key, the write path's retries. */
const JSON_COMMAND: ErrorCode[] = [R.VALIDATION_FAILED, E.IDEMPOTENCY_KEY_REUSED, E.CONCURRENCY_CONFLICT, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE];
/** A command without a body: the path and the Idempotency-Key are still checked. */
const BODYLESS_COMMAND: ErrorCode[] = [R.VALIDATION_FAILED, E.IDEMPOTENCY_KEY_REUSED, E.CONCURRENCY_CONFLICT];
/** A read of a fund's data: bad parameters, an unknown fund, minPosition not reached in 5 s. */
const FUND_READ: ErrorCode[] = [R.VALIDATION_FAILED, R.NOT_FOUND, E.PROJECTION_LAGGING];

export const ROUTE_ERRORS = {
  openFund: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.ALREADY_EXISTS, R.VALIDATION_FAILED, R.INVALID_POLICY)],
  readFund: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  reviewImport: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE],
  listFunds: [...SIGNED_IN, R.VALIDATION_FAILED, E.PROJECTION_LAGGING],
  changePolicy: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.NOT_FOUND, R.EFFECTIVE_DATE_IN_PAST, R.EFFECTIVE_DATE_BEFORE_SCHEDULED, R.INVALID_POLICY)],
  closePeriod: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.NOT_FOUND, R.PERIOD_NOT_ENDED, R.INVALID_STATE)],
  createCampaign: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.NOT_FOUND, R.ALREADY_EXISTS, R.INVALID_CAMPAIGN_WINDOW, R.CAMPAIGN_WINDOW_EXCEEDED)],
  closeCampaign: [...SIGNED_IN, ...BODYLESS_COMMAND, ...fund(R.NOT_FOUND, R.INVALID_STATE)],
  fundRead: [...SIGNED_IN, ...FUND_READ],
  recordPublication: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.NOT_FOUND, R.FUTURE_DATE, R.PUBLISHED_BEFORE_END)],
  /** Read from the fund's own stream, so it never lags: no PROJECTION_LAGGING. */
  publicPublications: [R.VALIDATION_FAILED, R.NOT_FOUND, E.RATE_LIMITED],
  recordDonation: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...donation(R.FUTURE_DATE, R.NOT_FOUND, R.UNKNOWN_COMPONENT, R.PERIOD_CLOSED, R.CAMPAIGN_NOT_OPEN, R.CAMPAIGN_CLOSED),
  ],
  importStatement: [
    ...SIGNED_IN, R.VALIDATION_FAILED, E.UNKNOWN_LAYOUT, E.STATEMENT_UNBALANCED, E.FOREIGN_CURRENCY_STATEMENT, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE, E.IDEMPOTENCY_KEY_REUSED,
    E.CONCURRENCY_CONFLICT, ...donation(R.NOT_FOUND, R.UNKNOWN_COMPONENT),
  ],
  requestDisbursement: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.UNKNOWN_COMPONENT, R.RESTRICTION_MISMATCH, R.CAMPAIGN_CLOSED, R.DUPLICATE_AID, R.INSUFFICIENT_STOCK, R.MANAGEMENT_COST_CAP_EXCEEDED, R.INSUFFICIENT_FUNDS),
  ],
  requestTransfer: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.UNKNOWN_COMPONENT, R.RESTRICTION_MISMATCH, R.INSUFFICIENT_FUNDS),
  ],
  approveTransfer: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.SELF_APPROVAL_FORBIDDEN, R.DUPLICATE_APPROVAL, R.DATE_BEFORE_REQUEST),
  ],
  rejectTransfer: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.NOT_FOUND, R.INVALID_STATE)],
  transferNote: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND, R.INVALID_STATE],
  importTransferNote: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.NOT_FOUND, R.INVALID_SIGNATURE, R.NOTE_MISADDRESSED, R.ALREADY_EXISTS, R.UNKNOWN_COMPONENT, R.DATE_BEFORE_REQUEST, R.PERIOD_CLOSED),
  ],
  deliveryReceipt: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  transferDelivered: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.NOT_FOUND, R.INVALID_STATE, R.ALREADY_EXISTS, R.INVALID_SIGNATURE, R.RECEIPT_MISMATCH, R.PERIOD_CLOSED),
  ],
  registerTrustedKey: [...SIGNED_IN, ...JSON_COMMAND, ...fund(R.NOT_FOUND, R.ALREADY_EXISTS)],
  listTrustedKeys: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  arriveTransfer: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.PERIOD_CLOSED)],
  assignTransfer: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.CAMPAIGN_NOT_OPEN, R.CAMPAIGN_CLOSED, R.RESTRICTION_MISMATCH, R.INSUFFICIENT_FUNDS),
  ],
  receiveTransfer: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.PERIOD_CLOSED, R.CAMPAIGN_NOT_OPEN, R.CAMPAIGN_CLOSED),
  ],
  releaseRestriction: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.NOT_FOUND, R.PERIOD_CLOSED, R.UNKNOWN_COMPONENT, R.INSUFFICIENT_FUNDS)],
  approveRestrictionRelease: [...SIGNED_IN, ...BODYLESS_COMMAND, ...spending(R.NOT_FOUND, R.INVALID_STATE, R.SELF_APPROVAL_FORBIDDEN, R.DUPLICATE_APPROVAL)],
  reallocateSurplus: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.UNKNOWN_COMPONENT, R.INSUFFICIENT_FUNDS, R.INSUFFICIENT_STOCK),
  ],
  settleFx: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.INSUFFICIENT_FUNDS),
  ],
  approveDisbursement: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.NOT_FOUND, R.INVALID_STATE, R.SELF_APPROVAL_FORBIDDEN, R.DUPLICATE_APPROVAL)],
  rejectDisbursement: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.NOT_FOUND, R.NOT_REQUESTER, R.INVALID_STATE)],
  payDisbursement: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.SELF_PAYMENT_FORBIDDEN, R.DATE_BEFORE_REQUEST, R.PERIOD_CLOSED, R.MANAGEMENT_COST_CAP_EXCEEDED, R.CERTIFICATION_REQUIRED),
  ],
  releaseEmergency: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(
      R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.UNKNOWN_COMPONENT, R.RESTRICTION_MISMATCH, R.EMERGENCY_CAP_EXCEEDED, R.SETTLEMENT_OVERDUE,
      R.EMERGENCY_OPEN_LIMIT_EXCEEDED, R.INSUFFICIENT_FUNDS, R.CAMPAIGN_CLOSED,
    ),
  ],
  settleEmergency: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.SETTLEMENT_MISMATCH, R.EVIDENCE_REQUIRED),
  ],
  assignSuspense: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.NOT_FOUND, R.PERIOD_CLOSED, R.INVALID_STATE, R.UNKNOWN_COMPONENT, R.INSUFFICIENT_FUNDS),
  ],
  classifyStatementLine: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.NOT_FOUND, R.INVALID_STATE, R.UNKNOWN_COMPONENT, R.INSUFFICIENT_FUNDS)],
  reverseEntry: [
    ...SIGNED_IN, ...JSON_COMMAND,
    ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.PERIOD_CLOSED, R.ALREADY_REVERSED, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.INSUFFICIENT_FUNDS, R.INSUFFICIENT_STOCK),
  ],
  report: [...SIGNED_IN, ...FUND_READ],
  readDonation: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  /** A first print appends ReceiptIssued through the write path: its retries and a reused key apply. */
  printReceipts: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND, R.ALREADY_REVERSED, E.IDEMPOTENCY_KEY_REUSED, E.CONCURRENCY_CONFLICT],
  journal: [...SIGNED_IN, R.VALIDATION_FAILED],
  verify: [...SIGNED_IN],
  createUser: [...SIGNED_IN, ...JSON_COMMAND, R.ALREADY_EXISTS],
  listUsers: [...SIGNED_IN],
  me: [...SIGNED_IN],
  rotateToken: [...SIGNED_IN, ...BODYLESS_COMMAND, R.NOT_FOUND, R.INVALID_STATE],
  setPassword: [...SIGNED_IN, ...JSON_COMMAND, R.NOT_FOUND, R.INVALID_STATE, E.RATE_LIMITED],
  deactivateUser: [...SIGNED_IN, ...BODYLESS_COMMAND, R.NOT_FOUND, R.INVALID_STATE],
  revokeToken: [...SIGNED_IN, ...BODYLESS_COMMAND, R.NOT_FOUND, R.INVALID_STATE],
  listSessions: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  endSession: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  publicRead: [R.VALIDATION_FAILED, R.NOT_FOUND, E.PROJECTION_LAGGING, E.RATE_LIMITED],
  publicKeys: [E.RATE_LIMITED],
  publicCheckpoint: [R.VALIDATION_FAILED, R.NOT_FOUND, E.RATE_LIMITED],
  publicProofs: [R.VALIDATION_FAILED, E.TREE_SIZE_UNKNOWN, E.RATE_LIMITED],
  donationProof: [R.VALIDATION_FAILED, R.NOT_FOUND, E.PROJECTION_LAGGING, E.CHECKPOINT_PENDING, E.RATE_LIMITED],
  signIn: [R.VALIDATION_FAILED, E.UNAUTHENTICATED, E.FORBIDDEN, E.RATE_LIMITED, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE],
  signOut: [E.FORBIDDEN, E.RATE_LIMITED],
  registerBeneficiary: [...SIGNED_IN, ...JSON_COMMAND, ...beneficiary(R.NOT_FOUND, R.ALREADY_EXISTS)],
  importBeneficiaryList: [
    ...SIGNED_IN, R.VALIDATION_FAILED, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE, E.IDEMPOTENCY_KEY_REUSED, E.CONCURRENCY_CONFLICT, ...beneficiary(R.NOT_FOUND),
  ],
  correctHandover: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.INSUFFICIENT_STOCK, R.PERIOD_CLOSED)],
  returnShareMoney: [
    ...SIGNED_IN, ...JSON_COMMAND, ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.ALREADY_EXISTS, R.DATE_BEFORE_REQUEST, R.PERIOD_CLOSED),
  ],
  recordHandover: [...SIGNED_IN, ...JSON_COMMAND, ...spending(R.FUTURE_DATE, R.NOT_FOUND, R.INVALID_STATE, R.DATE_BEFORE_REQUEST, R.CERTIFICATION_REQUIRED, R.PERIOD_CLOSED)],
  /** Read from the streams' folded state, so it never lags: no PROJECTION_LAGGING. */
  readBeneficiaries: [...SIGNED_IN, R.VALIDATION_FAILED, R.NOT_FOUND],
  publicBeneficiaries: [R.VALIDATION_FAILED, R.NOT_FOUND, E.RATE_LIMITED],
  readStock: [...SIGNED_IN, ...FUND_READ],
  setup: [R.VALIDATION_FAILED, E.UNAUTHENTICATED, E.FORBIDDEN, E.RATE_LIMITED, E.PAYLOAD_TOO_LARGE, E.UNSUPPORTED_MEDIA_TYPE, E.CONCURRENCY_CONFLICT],
  setupPage: [E.RATE_LIMITED],
  health: [E.UNAVAILABLE, E.RATE_LIMITED],
  metrics: [E.UNAUTHENTICATED, E.RATE_LIMITED],
} satisfies Record<string, ErrorCode[]>;
