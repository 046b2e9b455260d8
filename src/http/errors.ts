import { errorMessage, type MessageParams } from '../i18n/error-messages';

/**
 * The errors the HTTP edge raises, one class per meaning. Each carries its code, the details the
 * answer's body shows, the reason that picks its message when a code has several meanings, and
 * the values its message names beyond the details. Statuses are chosen by `kind` in one place,
 * src/http/error-mapping.ts; messages come from the catalogue (src/i18n/error-messages.ts) in the
 * language the client prefers; `message` is the English one, for logs.
 */
export type ApiErrorKind =
  | 'ValidationFailed'
  | 'Unauthenticated'
  | 'Forbidden'
  | 'NotFound'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'RateLimited'
  | 'ReadModelLagging'
  | 'Unprocessable';

export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;

  protected constructor(
    readonly code: string,
    readonly reason: string | undefined,
    readonly details?: Record<string, unknown>,
    readonly params: MessageParams = {},
    /** Response header fields the answer carries besides the body (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(errorMessage('en', code, reason, { ...details, ...params }) ?? code);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  field: string;
  reason: string;
}

type ValidationReason = 'request' | 'malformed-json' | 'statement' | 'beneficiary-list' | 'idempotency-key';

/** What an upload route takes: a bank statement, or a commune's list of beneficiaries. */
export type UploadKind = 'statement' | 'beneficiary-list';

/** 400 VALIDATION_FAILED: each bad field and why (details.fields), nothing appended. */
export class ValidationFailed extends ApiError {
  readonly kind = 'ValidationFailed';

  constructor(
    readonly fields: FieldProblem[],
    options: { reason?: ValidationReason; detail?: string; line?: number } = {},
  ) {
    super('VALIDATION_FAILED', options.reason ?? 'request',
      { fields, ...(options.line === undefined ? {} : { line: options.line }) },
      options.detail === undefined ? {} : { detail: options.detail });
  }
}

export function validationFailed(problems: FieldProblem[]): ValidationFailed {
  return new ValidationFailed(problems);
}

type UnauthenticatedReason =
  | 'wrong-credentials' | 'setup-code' | 'metrics-token' | 'session-ended' | 'device-signed-out' | 'user-deactivated' | 'token-invalid' | 'token-required';

/** 401 UNAUTHENTICATED: who is calling is not known; the reason says what was missing or wrong. */
export class Unauthenticated extends ApiError {
  readonly kind = 'Unauthenticated';

  constructor(reason: UnauthenticatedReason, details?: Record<string, unknown>) {
    super('UNAUTHENTICATED', reason, details);
  }
}

/** 403 FORBIDDEN: the caller lacks every role the route allows. */
export class RoleRequired extends ApiError {
  readonly kind = 'Forbidden';

  constructor(required: readonly string[], held: readonly string[]) {
    super('FORBIDDEN', 'roles', { required, held });
  }
}

/** 403 FORBIDDEN: only an admin sets another user's password. */
export class OthersPasswordForbidden extends ApiError {
  readonly kind = 'Forbidden';

  constructor(held: readonly string[]) {
    super('FORBIDDEN', 'others-password', { required: ['admin'], held });
  }
}

/** 403 FORBIDDEN: a session cookie changing something from a page that is not the ledger's own. */
export class OriginCheckFailed extends ApiError {
  readonly kind = 'Forbidden';

  constructor(origin: string | undefined, expectedOrigin: string) {
    super('FORBIDDEN', origin === undefined ? 'origin-missing' : 'origin-mismatch', { reason: 'origin-check', expectedOrigin },
      origin === undefined ? {} : { origin });
  }
}

/** 404 NOT_FOUND: no such entity (details.entity); its id is named in the message. */
export class NotFound extends ApiError {
  readonly kind = 'NotFound';

  constructor(readonly entity: string, readonly id: string, reason?: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', reason, { entity, ...details }, { id });
  }
}

/**
 * 404 NOT_FOUND: no open fund with this id, whichever route asked. With `atPosition`, a look-back
 * to a log position before the fund was opened (details.atPosition): the log as it stood then
 * has no such fund.
 */
export class FundNotFound extends NotFound {
  constructor(fundId: string, atPosition?: number) {
    super('fund', fundId, atPosition === undefined ? undefined : 'fund-at-position', atPosition === undefined ? {} : { atPosition });
  }
}

/** 413 PAYLOAD_TOO_LARGE: an uploaded statement (or commune list) over the configured limit. */
export class StatementTooLarge extends ApiError {
  readonly kind = 'PayloadTooLarge';

  constructor(readonly limitBytes: number, upload: UploadKind = 'statement') {
    super('PAYLOAD_TOO_LARGE', upload, undefined, { limitBytes });
  }
}

/** 400 UNKNOWN_LAYOUT: a statement without a recognisable header row; what was seen and what would fit. */
export class UnknownLayout extends ApiError {
  readonly kind = 'ValidationFailed';

  constructor(headingsSeen: string[], accepted: Record<string, readonly string[]>, line: number | undefined) {
    super('UNKNOWN_LAYOUT', undefined, { headingsSeen, accepted, ...(line === undefined ? {} : { line }) });
  }
}

/** 422 STATEMENT_UNBALANCED: the running balance breaks at a line; nothing of the statement was booked. */
export class StatementUnbalanced extends ApiError {
  readonly kind = 'Unprocessable';

  constructor(balanceCheck: { ok: boolean; checkedLines: number; firstBreakLine?: number; expected?: string; printed?: string }) {
    super('STATEMENT_UNBALANCED', undefined, { balanceCheck }, { line: balanceCheck.firstBreakLine, expected: balanceCheck.expected, printed: balanceCheck.printed });
  }
}

/** 422 FOREIGN_CURRENCY_STATEMENT: the statement is of a foreign-currency account; nothing of it was booked. */
export class ForeignCurrencyStatement extends ApiError {
  readonly kind = 'Unprocessable';

  constructor(currency: string, line: number) {
    super('FOREIGN_CURRENCY_STATEMENT', undefined, { currency, line });
  }
}

/** 422 ALREADY_REVERSED: a thank-you letter asked for a donation a reversal took back. */
export class DonationWasReversed extends ApiError {
  readonly kind = 'Unprocessable';

  constructor(donationId: string, reversalId: string) {
    super('ALREADY_REVERSED', 'donation', { donationId, reversalId });
  }
}

/** 415 UNSUPPORTED_MEDIA_TYPE: a statement (or commune list) sent as anything but the file itself. */
export class StatementMediaTypeUnsupported extends ApiError {
  readonly kind = 'UnsupportedMediaType';

  constructor(xlsxContentType: string, upload: UploadKind = 'statement') {
    super('UNSUPPORTED_MEDIA_TYPE', upload, undefined, { xlsxContentType });
  }
}

/**
 * 415 UNSUPPORTED_MEDIA_TYPE: a statement's content type sent to a route that takes JSON. The
 * details name Fastify's own code, as the answer to any other unknown content type does.
 */
export class ContentTypeUnsupported extends ApiError {
  readonly kind = 'UnsupportedMediaType';

  constructor(contentType: string) {
    super('UNSUPPORTED_MEDIA_TYPE', 'content-type', { reason: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }, { contentType });
  }
}

type RateLimitReason = 'sign-in' | 'password-check' | 'address';

/** 429 RATE_LIMITED with Retry-After (and the RateLimit-* fields when a limiter's window applies). */
export class RateLimited extends ApiError {
  readonly kind = 'RateLimited';

  constructor(reason: RateLimitReason, retryAfterSeconds: number, rateLimitHeaders: Record<string, string> = {}) {
    super('RATE_LIMITED', reason, { retryAfterSeconds }, {}, { 'retry-after': String(retryAfterSeconds), ...rateLimitHeaders });
  }
}

/** A lagging read model is usually a moment behind the log: a client may ask again after a second (RFC 9110 Retry-After). */
export const READ_MODEL_RETRY_AFTER_SECONDS = 1;

/** 503 PROJECTION_LAGGING: a read model has not reached the position a read needs (or is building its indexes). */
export class ReadModelLagging extends ApiError {
  readonly kind = 'ReadModelLagging';

  constructor(
    lag: { projection: string; reached: number | null; minPosition: number | null } | null,
    options: { building?: boolean } = {},
  ) {
    super('PROJECTION_LAGGING', options.building === true ? 'indexes' : 'position',
      lag === null ? {} : { projection: lag.projection, reached: lag.reached, minPosition: lag.minPosition },
      lag === null ? { projection: '?', minPosition: '?' } : {}, { 'retry-after': String(READ_MODEL_RETRY_AFTER_SECONDS) });
  }
}

/**
 * 422 TREE_SIZE_UNKNOWN: a proof asked of a tree larger than the latest signed checkpoint, or of a
 * position that is not an event of that tree. Proofs are given only against signed trees.
 */
export class TreeSizeUnknown extends ApiError {
  readonly kind = 'Unprocessable';

  constructor(reason: 'tree-size' | 'position', details: { requested: number; signedTreeSize: number; field?: string }) {
    super('TREE_SIZE_UNKNOWN', reason, details);
  }
}

/**
 * 503 CHECKPOINT_PENDING: the donation is recorded but no signed checkpoint covers it yet; one is
 * signed within the checkpoint interval, which Retry-After gives.
 */
export class CheckpointPending extends ApiError {
  readonly kind = 'ReadModelLagging';

  constructor(retryAfterSeconds: number) {
    super('CHECKPOINT_PENDING', undefined, { retryAfterSeconds }, {}, { 'retry-after': String(retryAfterSeconds) });
  }
}
