import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { UserState } from '../../domain/users/users.state';
import { LedgerMetrics } from '../../ops/metrics';
import { RateLimited, RoleRequired, Unauthenticated } from '../errors';
import { AuthLimits, type RateLimiter } from './rate-limiter';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { SessionStore } from '../../access/sessions';
import { UsersDirectory } from '../../access/users-directory';
import { assertSameOrigin, sessionCookieOf } from './session-cookie';
import { userScopedKey } from '../../command-handling/command-metadata';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { IDEMPOTENCY_KEY, plainRequestHash } from '../command-context';
import { jsonShapeProblem } from '../validation';

export type AuthenticatedRequest = FastifyRequest & { user?: UserState };

/** RFC 7235: the scheme is case-insensitive and followed by one or more spaces. */
const BEARER = /^bearer +([\x21-\x7e]{1,512})$/i;

/**
 * Every route needs a caller and one of its roles unless it is marked @Public(). The caller is
 * named by `Authorization: Bearer` (API, CLI) or, when no Authorization header is sent, by the
 * staff app's session cookie; a bearer header wins, so a script never acts as a browser session.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersDirectory,
    private readonly metrics: LedgerMetrics,
    private readonly limits: AuthLimits,
    private readonly sessions: SessionStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip ?? 'unknown';
    // Public routes are counted per address by the rate-limit plugin (src/http/rate-limits.ts).
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const user = await this.caller(request, address);
    request.user = user;
    const allowed = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [];
    if (allowed.includes('any') || user.roles.some((role) => allowed.includes(role))) return true;
    throw new RoleRequired(allowed, user.roles);
  }

  private async caller(request: AuthenticatedRequest, address: string): Promise<UserState> {
    const header = request.headers.authorization;
    const cookie = header === undefined ? sessionCookieOf(request) : undefined;
    if (cookie !== undefined) {
      const user = await this.sessionUser(cookie);
      if (user) {
        assertSameOrigin(request);
        return user;
      }
    }
    const match = cookie === undefined ? BEARER.exec(header ?? '') : null;
    const user = match ? await this.users.authenticate(match[1]) : undefined;
    if (user) return user;
    // A session an admin ended, or whose person was deactivated, is no guess at a credential: its
    // device sends what it kept to learn which of it was recorded, and a commune's phones share one
    // address. Counted as failures, the ask after the limit would be 429, never 401 and its answer.
    const signedOut = cookie === undefined ? undefined : this.sessions.signedOutSession(cookie);
    // A valid token is never refused for its neighbours' failures; failed attempts are.
    if (signedOut === undefined) this.countFailure(address);
    if (cookie !== undefined) {
      if (signedOut !== undefined) {
        const recorded = await this.recordedBefore(request, signedOut.userId);
        const when = signedOut.reason === 'user-deactivated' ? { deactivatedAt: signedOut.signedOutAt } : { signedOutAt: signedOut.signedOutAt };
        throw new Unauthenticated(signedOut.reason, { reason: signedOut.reason, ...when, ...(recorded ? { recorded } : {}) });
      }
      throw new Unauthenticated('session-ended');
    }
    throw new Unauthenticated(match ? 'token-invalid' : 'token-required');
  }

  /**
   * A request a signed-out device sends again because its answer was lost: whether the ledger
   * had recorded it before (the same user, Idempotency-Key and request), so the device lists it
   * as recorded, not as refused, and nobody enters it a second time. It is refused all the same:
   * nothing is appended and no answer is given but the position.
   */
  private async recordedBefore(request: AuthenticatedRequest, userId: string): Promise<{ position: number } | undefined> {
    const raw = request.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key === undefined || !IDEMPOTENCY_KEY.test(key) || jsonShapeProblem(request.body) !== undefined) return undefined;
    const events = await this.store.readByIdempotencyKey(userScopedKey(userId, key));
    if (events.length === 0 || events[0].metadata.requestHash !== plainRequestHash(request)) return undefined;
    return { position: events[events.length - 1].position };
  }

  /** The user of a live session, while they are active and their token has not been rotated. */
  private async sessionUser(cookie: string): Promise<UserState | undefined> {
    const session = this.sessions.use(cookie);
    if (!session) return undefined;
    const user = await this.users.byId(session.userId);
    if (user && user.active && user.tokenHash === session.tokenHash) return user;
    if (user && !user.active) this.sessions.endDeactivated(cookie, user.userId);
    else this.sessions.end(cookie);
    return undefined;
  }

  private countFailure(address: string): void {
    countAuthFailure(this.limits, this.metrics, address);
  }
}

/** Counts one failed authentication of an address; throws 429 once the address is over its limit. */
export function countAuthFailure(limits: AuthLimits, metrics: LedgerMetrics, address: string): void {
  if (!limits.failureLimiter.hit(address)) {
    metrics.callerRefused('auth-failure');
    throw rateLimited(limits.failureLimiter, address);
  }
}

export function rateLimited(limiter: RateLimiter, address: string): RateLimited {
  const { limit, remaining, resetSeconds } = limiter.state(address);
  return new RateLimited('address', resetSeconds, {
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': String(resetSeconds),
  });
}
