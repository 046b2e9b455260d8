import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestHashOf, type CommandMetadata } from '../command-handling/command-metadata';
import { validationFailed } from './api-error';
import { ValidationFailed } from './errors';
import { jsonShapeProblem } from './validation';
import type { AuthenticatedRequest } from './auth/auth.guard';

export const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;
const CORRELATION_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The metadata every command carries, from the request: the actor, the server's clock, the
 * correlation id and the idempotency key with a hash of what was asked (method, route, body).
 */
export function commandMetadataOf(request: AuthenticatedRequest): CommandMetadata {
  const user = request.user;
  if (!user) throw new Error('A command route ran without an authenticated user');
  const rawKey = request.headers['idempotency-key'];
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailed([{ field: 'Idempotency-Key', reason: 'must be 1–200 printable ASCII characters' }], { reason: 'idempotency-key' });
  }
  const rawCorrelation = request.headers['x-correlation-id'];
  const correlation = typeof rawCorrelation === 'string' && CORRELATION_ID.test(rawCorrelation) ? rawCorrelation : randomUUID();
  // The request hash walks the body: refuse what cannot be hashed before hashing it.
  const shape = key === undefined ? undefined : jsonShapeProblem(request.body);
  if (shape) throw validationFailed([shape]);
  return {
    actor: { userId: user.userId, roles: [...user.roles] },
    now: new Date().toISOString(),
    correlationId: correlation,
    causationId: String(request.id ?? correlation),
    idempotencyKey: key ?? null,
    // Only a keyed request is ever compared with an earlier one; hashing the others is wasted work.
    requestHash: key === undefined ? '' : plainRequestHash(request),
  };
}

/** The hash of what a request asks (method, route, parameters, body), as most commands keep it. */
export function plainRequestHash(request: AuthenticatedRequest): string {
  const route = request.routeOptions?.url ?? request.url;
  return requestHashOf({ method: request.method, route, params: request.params ?? {}, body: request.body ?? null });
}

export const Meta = createParamDecorator((_data: unknown, context: ExecutionContext): CommandMetadata =>
  commandMetadataOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
