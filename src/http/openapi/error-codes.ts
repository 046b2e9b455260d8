import { RejectionCode } from '../../domain/shared/rejection-codes';

/** The codes the HTTP edge answers by itself, besides the domain's rejections. */
export const EdgeCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  CONCURRENCY_CONFLICT: 'CONCURRENCY_CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  PROJECTION_LAGGING: 'PROJECTION_LAGGING',
  UNAVAILABLE: 'UNAVAILABLE',
  UNKNOWN_LAYOUT: 'UNKNOWN_LAYOUT',
  STATEMENT_UNBALANCED: 'STATEMENT_UNBALANCED',
  FOREIGN_CURRENCY_STATEMENT: 'FOREIGN_CURRENCY_STATEMENT',
  TREE_SIZE_UNKNOWN: 'TREE_SIZE_UNKNOWN',
  CHECKPOINT_PENDING: 'CHECKPOINT_PENDING',
} as const;

export type EdgeCode = (typeof EdgeCode)[keyof typeof EdgeCode];
export type ErrorCode = RejectionCode | EdgeCode;

interface ErrorCodeDoc {
  /** What the code means to the caller, for the description of the answer. */
  meaning: string;
  /** A message and details as the server gives them, for the example of the answer. */
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Every error code the API answers with, what it means and an example of its body. The record is
 * typed over every code, so a code added to the domain or the edge must be described here.
 */
export const ERROR_CODE_DOCS: Record<ErrorCode, ErrorCodeDoc> = {
  VALIDATION_FAILED: {
    meaning: 'a field, parameter or header is missing or malformed; details.fields names each one and why',
    message: 'Invalid request: amount: amount must be a decimal string such as "1500000" (no exponent, sign or spaces)',
    details: { fields: [{ field: 'amount', reason: 'amount must be a decimal string such as "1500000" (no exponent, sign or spaces)' }] },
  },
  NOT_FOUND: { meaning: 'the fund, campaign, entry or user named does not exist', message: 'No fund ctd-hcm', details: { entity: 'fund' } },
  ALREADY_EXISTS: { meaning: 'an entity with this id exists already', message: 'Fund ctd-hcm exists' },
  UNKNOWN_COMPONENT: { meaning: 'the component is not one of the fund\'s component funds', message: 'Fund ctd-hcm has no component education' },
  INVALID_POLICY: { meaning: 'the policy is not usable (e.g. approval tiers out of order, a cap above 10 %)', message: 'managementCostCapPercent may not exceed 10' },
  INVALID_CAMPAIGN_WINDOW: { meaning: 'the campaign\'s dates are out of order', message: 'receiveUntil must not be before receiveFrom' },
  CAMPAIGN_WINDOW_EXCEEDED: {
    meaning: 'a disaster campaign receives longer than 90 days or distributes more than 20 days after receiving (Decree 93/2021)',
    message: 'A disaster campaign receives for at most 90 days',
  },
  CAMPAIGN_NOT_OPEN: { meaning: 'the donation, or a transfer taken in for the campaign, is dated before the campaign starts receiving', message: 'Campaign bao-yagi-2024 receives from 2024-09-08' },
  CAMPAIGN_CLOSED: { meaning: 'a donation (or a transfer taken in for the campaign) dated after the campaign\'s receiveUntil or after it was closed, or a request for the campaign dated after its distributeUntil (its leftovers move on by a surplus decision)', message: 'Campaign bao-yagi-2024 is closed' },
  RESTRICTION_MISMATCH: {
    meaning: 'restricted money would be spent on something else (another component, campaign, purpose or beneficiary)',
    message: 'Restriction campaign:bao-yagi-2024 belongs to component emergency-relief',
  },
  INSUFFICIENT_FUNDS: {
    meaning: 'the pool has less available than the amount (held money is never available)',
    message: 'Available in general is 15000000, asked 20000000',
    details: { available: '15000000', requested: '20000000' },
  },
  EMERGENCY_CAP_EXCEEDED: { meaning: 'an emergency release above the policy\'s emergencyReleaseCap', message: 'An emergency release may be at most 50000000' },
  SELF_APPROVAL_FORBIDDEN: { meaning: 'the requester of a disbursement may not approve it', message: 'The requester may not approve their own request' },
  NOT_REQUESTER: {
    meaning: 'a request rejected by someone who is not an approver and did not make it: an accountant withdraws only their own',
    message: 'Only the approvers, or the person who requested DB-000007, may reject or withdraw it', details: { disbursementId: 'DB-000007' },
  },
  DUPLICATE_AID: {
    meaning: 'the same beneficiary had aid for the same need fewer than the policy\'s duplicateAidWindowDays (default 30) Vietnam days before or after, by this fund or another of the ledger; '
      + 'resend with overrideDuplicate {reason} to give it anyway, flagged for the approvers',
    message: 'BF-000001 already had aid for tet-gift in DB-000003 of fund ctd-hcm (2026-01-20T09:00:00+07:00), inside the 30-day window',
    details: { beneficiaryId: 'BF-000001', need: 'tet-gift', earlierFundId: 'ctd-hcm', earlierDisbursementId: 'DB-000003', windowDays: 30 },
  },
  INVALID_SIGNATURE: {
    meaning: 'a transfer note is signed by no key this fund trusts (details.reason UNTRUSTED_KEY) or its signature does not verify over the note as sent, '
      + 'e.g. a digit changed (details.reason BAD_SIGNATURE)',
    message: 'The note\'s signature does not verify with key a1b2c3d4 (Hội Chữ thập đỏ xã An Phú)',
    details: { reason: 'BAD_SIGNATURE', keyId: 'a1b2c3d4', chapter: 'Hội Chữ thập đỏ xã An Phú' },
  },
  NOTE_MISADDRESSED: {
    meaning: 'a transfer note sends its money to another fund than the one importing it',
    message: 'The note sends TR-ctd-xa-an-phu-000001 to fund ctd-tinh-a, not to ctd-tinh-b',
    details: { toFundId: 'ctd-tinh-a', fundId: 'ctd-tinh-b', transferId: 'TR-ctd-xa-an-phu-000001' },
  },
  RECEIPT_MISMATCH: {
    meaning: 'a delivery receipt names another transfer, sending ledger, sending fund, receiving fund or amount than the transfer it is posted to (details.field)',
    message: 'The receipt names amount 2000000; transfer TR-ctd-xa-an-phu-000001 has 20000000',
    details: { field: 'amount', expected: '20000000', actual: '2000000', transferId: 'TR-ctd-xa-an-phu-000001' },
  },
  INSUFFICIENT_STOCK: {
    meaning: 'a distribution (or a reallocation, or an in-kind reversal) takes more of an item than the in-kind stock of its pool holds unpromised, now or at the close of any day from its business date on (received in kind into that pool by then, less what standing distributions from it promised); for a campaign\'s leftover goods, also more than the campaign holds of its own (`details.campaignId`)',
    message: 'In-kind stock holds 120 kg of Gạo tẻ, asked 150',
    details: { item: 'Gạo tẻ', unit: 'kg', available: '120', requested: '150' },
  },
  DUPLICATE_APPROVAL: { meaning: 'this approver has approved this disbursement already', message: 'This approver has approved DB-2024-000007 already' },
  CERTIFICATION_REQUIRED: {
    meaning: 'a humanitarian disbursement is paid, and its shares handed over as received, only with the commune\'s certification of the beneficiary list (certificationRef)',
    message: 'Paying a humanitarian disbursement needs certificationRef',
  },
  INVALID_STATE: { meaning: 'the entity is not in a state that allows this (already closed, paid, rejected, settled or deactivated)', message: 'DB-2024-000007 is paid' },
  MANAGEMENT_COST_CAP_EXCEEDED: {
    meaning: 'the year\'s management costs would pass managementCostCapPercent of the eligible revenue (R6); at payment, they are past it already '
      + '(revenue reversed or fees booked since the request; details.disbursementId names the payment held back)',
    message: 'Management costs of 2024 would reach 11.2 % of the base; the cap is 10 %',
  },
  ALREADY_REVERSED: { meaning: 'the entry has been reversed already', message: 'DN-2024-000123 is reversed already' },
  SETTLEMENT_MISMATCH: { meaning: 'spent + returned is not the amount released', message: 'spent + returned must equal the 30000000 released' },
  EVIDENCE_REQUIRED: {
    meaning: 'money spent from an emergency release needs at least one item of evidence', message: 'A settlement that spent money needs evidence',
    details: { field: 'evidence', spent: '25000000' },
  },
  PERIOD_CLOSED: { meaning: 'the business date falls in a closed fiscal period', message: 'Period 2024 is closed' },
  PERIOD_NOT_ENDED: { meaning: 'the period has not ended yet (Vietnam time)', message: 'Period 2026-Q3 has not ended' },
  EFFECTIVE_DATE_IN_PAST: { meaning: 'a policy change dated before today (Vietnam time): a change never rewrites the past', message: 'effectiveFrom 2024-01-01 is in the past' },
  EFFECTIVE_DATE_BEFORE_SCHEDULED: {
    meaning: 'a policy change dated before a version already scheduled',
    message: 'effectiveFrom 2026-02-01 is before version 3, scheduled from 2026-03-01',
  },
  FUTURE_DATE: { meaning: 'the business date is later than tomorrow (Vietnam time): a date after tomorrow\'s, a timestamp more than 24 hours after now', message: 'receivedAt is in the future' },
  DATE_BEFORE_REQUEST: { meaning: 'a payment or settlement dated before its request or release (or before the reversal that re-opened the release), a transfer received or returned before it was sent, or a correction dated before the entry it corrects (late money given back before its assignment out of suspense)', message: 'paidAt is before the request' },
  EMERGENCY_OPEN_LIMIT_EXCEEDED: {
    meaning: 'the component would have more unsettled emergency money out than the policy\'s emergencyOpenLimit',
    message: 'Unsettled emergency money in emergency-relief would pass 150000000',
  },
  SETTLEMENT_OVERDUE: { meaning: 'the coordinator has an overdue unsettled release (blockReleasesWhenOverdue)', message: 'ER-2024-000003 is overdue; settle it first' },
  PUBLISHED_BEFORE_END: {
    meaning: 'a publication dated before what it publishes has ended (a campaign\'s receiving or distribution, a year, a quarter); '
      + 'timed on a campaign\'s last day before the moment it ended, details also give publishedAt and endsAt',
    message: 'publishedAt 2024-11-01 is before what a campaign-receipts publishes has ended: it may be dated from 2024-11-07',
    details: { field: 'publishedAt', publishedOn: '2024-11-01', earliest: '2024-11-07', kind: 'campaign-receipts' },
  },
  SELF_PAYMENT_FORBIDDEN: { meaning: 'the requester may not record the payment of their own request (payerMayBeRequester)', message: 'The requester may not pay their own request' },
  UNAUTHENTICATED: { meaning: 'no valid bearer token or session cookie (or, on sign-in, a wrong name or password)', message: 'A bearer token is required: Authorization: Bearer <token>' },
  FORBIDDEN: {
    meaning: 'the caller lacks the role, or an unsafe method carried by the session cookie did not come from the ledger\'s own origin',
    message: 'This needs one of the roles: accountant',
    details: { required: ['accountant'], held: ['auditor'] },
  },
  IDEMPOTENCY_KEY_REUSED: {
    meaning: 'the Idempotency-Key was used before with another request', message: 'Idempotency-Key k-1 was used for another request',
    details: { field: 'Idempotency-Key', idempotencyKey: 'k-1' },
  },
  CONCURRENCY_CONFLICT: { meaning: 'other writes kept winning after the server\'s own retries; retrying is safe', message: 'The stream changed while writing; try again' },
  PAYLOAD_TOO_LARGE: { meaning: 'the body is larger than the limit (2 MB for JSON; LEDGER_IMPORT_BODY_LIMIT_MB for a statement)', message: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { meaning: 'the body is not of a type the route accepts (JSON for commands)', message: 'Unsupported Media Type: text/plain' },
  RATE_LIMITED: {
    meaning: 'too many requests from this address on a public route, or too many failed sign-ins for this name; Retry-After says when to come back',
    message: 'Too many requests from this address; try again in 42 s',
    details: { retryAfterSeconds: 42 },
  },
  UNKNOWN_LAYOUT: {
    meaning: 'no header row among the statement\'s first 50 lines: details.headingsSeen lists the line that looked most like one, details.accepted the headings each column is recognised by',
    message: 'No header row in the first 50 lines: a statement needs a date column ("Ngày giao dịch", "TNX Date") and a credit column ("Số tiền ghi có", "Credit") or an amount column ("Số tiền", "Amount")',
    details: { headingsSeen: ['STT', 'Ngày chứng từ', 'Số tiền vào tài khoản', 'Diễn giải'], accepted: { date: ['ngay giao dich', 'tnx date'], credit: ['so tien ghi co', 'credit'] } },
  },
  STATEMENT_UNBALANCED: {
    meaning: 'the statement\'s running balance breaks (previous + credit − debit ≠ the printed balance, or the closing balance): a line is missing or altered; nothing was booked',
    message: 'The statement does not add up at line 12: the lines before it lead to 1000200000, the statement prints 1000700000',
    details: { balanceCheck: { ok: false, checkedLines: 3, firstBreakLine: 12, expected: '1000200000', printed: '1000700000' } },
  },
  FOREIGN_CURRENCY_STATEMENT: {
    meaning: 'the statement is of an account in another currency than VND (its title lines, money headings say so): a foreign-currency donation needs its fxRate, which a statement does not carry; nothing was booked',
    message: 'The statement is of a USD account (line 4): the ledger imports VND statements only. Record each transfer as a donation in USD with its fxRate (POST /v1/funds/:fundId/donations), or import the statement of the VND account the bank credited when it sold the USD',
    details: { currency: 'USD', line: 4 },
  },
  PROJECTION_LAGGING: {
    meaning: 'the read model has not reached minPosition within 5 s; try again',
    message: 'The balance read model has not reached position 1234 yet; try again',
    details: { projection: 'balance', reached: 1200, minPosition: 1234 },
  },
  UNAVAILABLE: { meaning: 'the service is not ready (a health check failed)', message: 'Service Unavailable Exception', details: { status: 'error' } },
  TREE_SIZE_UNKNOWN: {
    meaning: 'a proof was asked of a tree larger than the latest signed checkpoint, or of a position that is not an event of that tree',
    message: 'Tree size 5000 is past the latest signed checkpoint (4096)',
    details: { requested: 5000, signedTreeSize: 4096, field: 'treeSize' },
  },
  CHECKPOINT_PENDING: {
    meaning: 'the donation is recorded but no signed checkpoint covers it yet; retry after Retry-After seconds',
    message: 'No signed checkpoint covers this donation yet; retry in 10 s',
    details: { retryAfterSeconds: 10 },
  },
};
