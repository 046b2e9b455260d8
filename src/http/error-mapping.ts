import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandRejectedError, ConcurrencyConflictError, EntryTooLargeError, IdempotencyKeyReusedError } from '../command-handling/command-errors';
import type { Rejection } from '../domain/shared/decision';
import { RejectionCode } from '../domain/shared/rejection-codes';
import { errorMessage, type MessageParams } from '../i18n/error-messages';
import { type Language, languageOfAcceptLanguage } from '../i18n/language';
import { ReadArgumentError } from '../reports/report-period';
import { ApiError, type ApiErrorKind, validationFailed } from './errors';

/** The only place that knows which status each error of the edge gets. */
const STATUS_OF_ERROR: Record<ApiErrorKind, number> = {
  ValidationFailed: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  RateLimited: 429,
  ReadModelLagging: 503,
  Unprocessable: 422,
};

/** The only place that knows which status a rejection code gets; any other rejection is a 422. */
const STATUS_OF_REJECTION: Partial<Record<string, number>> = {
  [RejectionCode.VALIDATION_FAILED]: 400,
  [RejectionCode.NOT_FOUND]: 404,
  [RejectionCode.ALREADY_EXISTS]: 409,
  [RejectionCode.DUPLICATE_AID]: 409,
};

/** Statuses of errors the framework raises before a controller runs, by the code the answer gives. */
const CODE_OF_FRAMEWORK_STATUS: Record<number, string> = {
  503: 'UNAVAILABLE', 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

/**
 * The statuses of the codes the HTTP edge answers by itself (authentication, idempotency, body
 * limits, read-your-writes). Every other code is a business rejection: its status comes from
 * STATUS_OF_REJECTION, else 422.
 */
const STATUS_OF_EDGE_CODE: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  IDEMPOTENCY_KEY_REUSED: 409,
  CONCURRENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  PROJECTION_LAGGING: 503,
  UNAVAILABLE: 503,
  UNKNOWN_LAYOUT: 400,
  STATEMENT_UNBALANCED: 422,
  FOREIGN_CURRENCY_STATEMENT: 422,
  TREE_SIZE_UNKNOWN: 422,
  CHECKPOINT_PENDING: 503,
};

/** The HTTP status an error code is answered with; the OpenAPI description declares each code under it. */
export function statusOfErrorCode(code: string): number {
  return STATUS_OF_EDGE_CODE[code] ?? STATUS_OF_REJECTION[code] ?? 422;
}

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The message of a code in the answer's language; `fallback` only if the catalogue missed it. */
function say(language: Language, code: string, reason: string | undefined, params: MessageParams, fallback: string): string {
  return errorMessage(language, code, reason, params) ?? fallback;
}

/** Framework errors raised before a controller runs (body parsing, limits, routing). */
function fromFastifyError(error: { statusCode?: number; code?: string; message: string }, language: Language): [number, ErrorBody] | undefined {
  const status = error.statusCode;
  // 503 keeps its status (a service not ready yet, worth retrying); any other 5xx is an internal error.
  if (status === undefined || status < 400 || (status >= 500 && status !== 503)) return undefined;
  const code = CODE_OF_FRAMEWORK_STATUS[status] ?? 'BAD_REQUEST';
  const poisoned = /forbidden (prototype|constructor) property/i.exec(error.message);
  if (status === 400 && poisoned) {
    const fields = [{ field: poisoned[1] === 'prototype' ? '__proto__' : 'constructor.prototype', reason: 'forbidden key' }];
    return [400, { error: { code, message: say(language, code, 'request', { fields }, code), details: { fields } } }];
  }
  const reason = status === 400 ? 'malformed' : status === 404 ? 'route' : 'framework';
  const message = say(language, code, reason, { detail: error.message }, error.message);
  return [status, { error: { code, message, details: error.code ? { reason: error.code } : undefined } }];
}

/** A decider's refusal: its code and details as they are, its message in the answer's language. */
function fromRejection(rejection: Rejection, language: Language): [number, ErrorBody] {
  const { code, message, details } = rejection;
  if (code === RejectionCode.VALIDATION_FAILED && typeof details?.field === 'string') {
    const reason = message.startsWith(`${details.field}: `) ? message.slice(details.field.length + 2) : message;
    const fields = [{ field: details.field, reason }];
    return [400, { error: { code, message: say(language, code, 'request', { fields }, `Invalid request: ${message}`), details: { fields } } }];
  }
  const params = { ...details, ...rejection.params };
  return [STATUS_OF_REJECTION[code] ?? 422, { error: { code, message: say(language, code, rejection.reason, params, message), details } }];
}

/**
 * The status and body of any error, the message in `language` (English unless the caller says:
 * the filter passes the request's preference). Codes and details never depend on the language.
 */
export function toErrorResponse(error: unknown, language: Language = 'en'): [number, ErrorBody] {
  if (error instanceof ApiError) {
    const message = say(language, error.code, error.reason, { ...error.details, ...error.params }, error.message);
    return [STATUS_OF_ERROR[error.kind], { error: { code: error.code, message, details: error.details } }];
  }
  // A read's argument the read side refused (a period bound, a cursor): 400 naming the field.
  if (error instanceof ReadArgumentError) return toErrorResponse(validationFailed([{ field: error.field, reason: error.reason }]), language);
  if (error instanceof CommandRejectedError) return fromRejection(error.rejection, language);
  if (error instanceof IdempotencyKeyReusedError) {
    // The header names the request it was first used with: the client sends this request under a key of its own.
    const details = { field: 'Idempotency-Key', idempotencyKey: error.idempotencyKey };
    return [409, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: say(language, 'IDEMPOTENCY_KEY_REUSED', undefined, details, error.message), details } }];
  }
  if (error instanceof ConcurrencyConflictError) {
    const params = { streamId: error.streamId, attempts: error.attempts };
    return [409, { error: { code: 'CONCURRENCY_CONFLICT', message: say(language, 'CONCURRENCY_CONFLICT', undefined, params, error.message) } }];
  }
  if (error instanceof EntryTooLargeError) {
    const details = { maxAppendBytes: error.maxAppendBytes };
    return [413, { error: { code: 'PAYLOAD_TOO_LARGE', message: say(language, 'PAYLOAD_TOO_LARGE', 'entry', details, error.message), details } }];
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // A health check that fails throws 503 with what each indicator said: the answer keeps the
    // status and the error shape, the indicators going in details.
    if (status === 503) {
      const response = error.getResponse();
      const details = typeof response === 'object' && response !== null ? { ...(response as Record<string, unknown>) } : undefined;
      return [503, { error: { code: 'UNAVAILABLE', message: say(language, 'UNAVAILABLE', undefined, { detail: error.message }, error.message), details } }];
    }
    const fastify = fromFastifyError({ statusCode: status, message: error.message }, language);
    if (fastify) return fastify;
  }
  const framework = fromFastifyError(error as { statusCode?: number; code?: string; message: string }, language);
  if (framework) return framework;
  return [500, { error: { code: 'INTERNAL', message: say(language, 'INTERNAL', undefined, {}, 'Internal error; it has been logged') } }];
}

/**
 * Errors the router raises before Nest sees the request (an undecodable path, an oversized
 * parameter): a 4xx keeps its status, anything else is a 400; the body is the API's one shape.
 */
export function routerErrorResponse(error: { statusCode?: number; code?: string; message: string }, acceptLanguage: string | string[] | undefined): [number, ErrorBody] {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  const message = say(languageOfAcceptLanguage(acceptLanguage), 'VALIDATION_FAILED', 'malformed', { detail: error.message }, error.message);
  return [status, { error: { code: 'VALIDATION_FAILED', message, details: { reason: error.code } } }];
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<{ ledgerErrorCode?: string; headers?: Record<string, string | string[] | undefined> }>();
    const language = languageOfAcceptLanguage(request.headers?.['accept-language']);
    const [status, body] = toErrorResponse(error, language);
    // The access log and the metrics name the outcome by its code, not only its status.
    request.ledgerErrorCode = body.error.code;
    if (error instanceof ApiError && error.headers) void reply.headers(error.headers);
    // A 503 is an answer the ledger means (retry later), which the access log records with its
    // code; an internal error is logged with its stack.
    if (status >= 500 && status !== 503) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    // The message depends on Accept-Language: a cache keeps one answer per language.
    const vary = reply.getHeader('vary');
    void reply.header('vary', vary === undefined ? 'Accept-Language' : `${String(vary)}, Accept-Language`).header('content-language', language);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
