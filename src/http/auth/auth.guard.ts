import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { UserState } from '../../domain/users/users.state';
import { LedgerMetrics } from '../../ops/metrics';
import { ApiError } from '../api-error';
import { positiveIntegerFromEnv, RateLimiter } from './rate-limiter';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { UsersDirectory } from './users-directory';

export type AuthenticatedRequest = FastifyRequest & { user?: UserState };

/** RFC 7235: the scheme is case-insensitive and followed by one or more spaces. */
const BEARER = /^bearer +([\x21-\x7e]{1,512})$/i;

/** Every route needs a token and one of its roles unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Per client address and minute: LEDGER_PUBLIC_RATE_LIMIT, LEDGER_AUTH_FAILURE_LIMIT. */
  private readonly publicLimiter = new RateLimiter(positiveIntegerFromEnv('LEDGER_PUBLIC_RATE_LIMIT', 600), 60_000);
  private readonly failureLimiter = new RateLimiter(positiveIntegerFromEnv('LEDGER_AUTH_FAILURE_LIMIT', 60), 60_000);

  constructor(private readonly reflector: Reflector, private readonly users: UsersDirectory, private readonly metrics: LedgerMetrics) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? 'unknown';
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (!this.publicLimiter.hit(address)) {
        this.metrics.callerRefused('public');
        throw rateLimited(this.publicLimiter, address);
      }
      return true;
    }
    const match = BEARER.exec(request.headers.authorization ?? '');
    const user = match ? await this.users.authenticate(match[1]) : undefined;
    if (!user) {
      // A valid token is never refused for its neighbours' failures; failed attempts are.
      if (!this.failureLimiter.hit(address)) {
        this.metrics.callerRefused('auth-failure');
        throw rateLimited(this.failureLimiter, address);
      }
      throw new ApiError(401, 'UNAUTHENTICATED', match ? 'The token is not valid' : 'A bearer token is required: Authorization: Bearer <token>');
    }
    request.user = user;
    const allowed = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [];
    if (allowed.includes('any') || user.roles.some((role) => allowed.includes(role))) return true;
    throw new ApiError(403, 'FORBIDDEN', `This needs one of the roles: ${allowed.join(', ')}`, { required: allowed, held: user.roles });
  }
}

function rateLimited(limiter: RateLimiter, address: string): ApiError {
  const { limit, remaining, resetSeconds } = limiter.state(address);
  return new ApiError(429, 'RATE_LIMITED', `Too many requests from this address; try again in ${resetSeconds} s`, { retryAfterSeconds: resetSeconds }, {
    'retry-after': String(resetSeconds),
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(resetSeconds),
  });
}
