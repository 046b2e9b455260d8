import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandRejectedError, ConcurrencyConflictError, IdempotencyKeyReusedError } from '../command-handling/command-errors';
import { RejectionCode } from '../domain/shared/rejection-codes';
import { ApiError } from './api-error';

/** The only place that knows which status a rejection code gets. */
const STATUS_OF_REJECTION: Partial<Record<string, number>> = {
  [RejectionCode.VALIDATION_FAILED]: 400,
  [RejectionCode.NOT_FOUND]: 404,
  [RejectionCode.ALREADY_EXISTS]: 409,
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
};

/** The HTTP status an error code is answered with; the OpenAPI description declares each code under it. */
export function statusOfErrorCode(code: string): number {
  return STATUS_OF_EDGE_CODE[code] ?? STATUS_OF_REJECTION[code] ?? 422;
}

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Framework errors raised before a controller runs (body parsing, limits, routing). */
function fromFastifyError(error: { statusCode?: number; code?: string; message: string }): [number, ErrorBody] | undefined {
  const status = error.statusCode;
  // 503 keeps its status (a service not ready yet, worth retrying); any other 5xx is an internal error.
  if (status === undefined || status < 400 || (status >= 500 && status !== 503)) return undefined;
  const byStatus: Record<number, string> = { 503: 'UNAVAILABLE', 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' };
  const code = byStatus[status] ?? 'BAD_REQUEST';
  const poisoned = /forbidden (prototype|constructor) property/i.exec(error.message);
  if (status === 400 && poisoned) {
    const field = poisoned[1] === 'prototype' ? '__proto__' : 'constructor.prototype';
    return [400, { error: { code, message: `Invalid request: ${field}: forbidden key`, details: { fields: [{ field, reason: 'forbidden key' }] } } }];
  }
  const message = status === 400 ? `Malformed request: ${error.message}` : error.message;
  return [status, { error: { code, message, details: error.code ? { reason: error.code } : undefined } }];
}

export function toErrorResponse(error: unknown): [number, ErrorBody] {
  if (error instanceof ApiError) return [error.status, { error: { code: error.code, message: error.message, details: error.details } }];
  if (error instanceof CommandRejectedError) {
    const { code, message, details } = error.rejection;
    if (code === RejectionCode.VALIDATION_FAILED && typeof details?.field === 'string') {
      const reason = message.startsWith(`${details.field}: `) ? message.slice(details.field.length + 2) : message;
      return [400, { error: { code, message: `Invalid request: ${message}`, details: { fields: [{ field: details.field, reason }] } } }];
    }
    return [STATUS_OF_REJECTION[code] ?? 422, { error: { code, message, details } }];
  }
  if (error instanceof IdempotencyKeyReusedError) return [409, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: error.message } }];
  if (error instanceof ConcurrencyConflictError) return [409, { error: { code: 'CONCURRENCY_CONFLICT', message: error.message } }];
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // A health check that fails throws 503 with what each indicator said: the answer keeps the
    // status and the error shape, the indicators going in details.
    if (status === 503) {
      const response = error.getResponse();
      const details = typeof response === 'object' && response !== null ? { ...(response as Record<string, unknown>) } : undefined;
      return [503, { error: { code: 'UNAVAILABLE', message: error.message, details } }];
    }
    const fastify = fromFastifyError({ statusCode: status, message: error.message });
    if (fastify) return fastify;
  }
  const framework = fromFastifyError(error as { statusCode?: number; code?: string; message: string });
  if (framework) return framework;
  return [500, { error: { code: 'INTERNAL', message: 'Internal error; it has been logged' } }];
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const [status, body] = toErrorResponse(error);
    // The access log and the metrics name the outcome by its code, not only its status.
    host.switchToHttp().getRequest<{ ledgerErrorCode?: string }>().ledgerErrorCode = body.error.code;
    if (error instanceof ApiError && error.headers) void reply.headers(error.headers);
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
