import { Inject, Injectable } from '@nestjs/common';
import { type LedgerConfig, limitsOf } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';

/**
 * Fixed-window counters per client address of failed authentications (the public routes are
 * counted by @fastify/rate-limit, which counts requests, not failures). Each address's window
 * starts at its own first failure, so an address's count never rolls early because another's
 * window began before it. Staff writes are never counted, so a bulk import or a 50-connection
 * load is not throttled.
 */
export class RateLimiter {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(readonly limitPerWindow: number, readonly windowMs: number, private readonly clock: () => number = Date.now) {}

  /** Counts one hit; true while the address is within its limit. */
  hit(address: string): boolean {
    return this.add(address) <= this.limitPerWindow;
  }

  /**
   * What a refused caller needs to know to come back, in whole seconds (RFC 9110 Retry-After and
   * the IETF RateLimit header fields): the limit, what is left of it and when the window rolls.
   */
  state(address: string): { limit: number; remaining: number; resetSeconds: number } {
    const window = this.current(address);
    const used = window?.count ?? 0;
    const endsAt = (window?.startedAt ?? this.clock()) + this.windowMs;
    const resetSeconds = Math.max(1, Math.ceil((endsAt - this.clock()) / 1000));
    return { limit: this.limitPerWindow, remaining: Math.max(0, this.limitPerWindow - used), resetSeconds };
  }

  private add(address: string): number {
    const window = this.current(address);
    if (window !== undefined) return ++window.count;
    if (this.windows.size > 10_000) this.sweep();
    this.windows.set(address, { startedAt: this.clock(), count: 1 });
    return 1;
  }

  /** The address's window while it lasts. */
  private current(address: string): { startedAt: number; count: number } | undefined {
    const window = this.windows.get(address);
    if (window === undefined) return undefined;
    if (this.clock() - window.startedAt < this.windowMs) return window;
    this.windows.delete(address);
    return undefined;
  }

  private sweep(): void {
    for (const address of [...this.windows.keys()]) this.current(address);
  }
}

/**
 * Failed sign-ins per name over a sliding window (five per 15 minutes, as api-v2.md says): once a name has used them up, it cannot sign in, even with the
 * right password, until its oldest failure leaves the window. A success does not wipe the count.
 */
export class FailureLog {
  private failures = new Map<string, number[]>();

  constructor(readonly limit: number, readonly windowMs: number, private readonly clock: () => number = Date.now) {}

  /** Seconds until the key may try again, or 0 while it is within its limit. */
  lockedForSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.clock()) / 1000));
  }

  /**
   * Counts an attempt as a failure before its password is checked, so that attempts checked at
   * the same time cannot all get past the limit: while the key has used up its limit, only the
   * seconds to wait; else the attempt stands as a failure unless `succeeded()` takes it back.
   */
  attempt(key: string): { lockedForSeconds: number; succeeded: () => void } {
    const lockedForSeconds = this.lockedForSeconds(key);
    if (lockedForSeconds > 0) return { lockedForSeconds, succeeded: () => undefined };
    if (this.failures.size > 10_000) this.sweep();
    const at = this.clock();
    this.failures.set(key, [...this.recent(key), at]);
    return { lockedForSeconds: 0, succeeded: () => this.forgive(key, at) };
  }

  private forgive(key: string, at: number): void {
    const failures = this.failures.get(key) ?? [];
    const index = failures.indexOf(at);
    if (index < 0) return;
    const left = [...failures.slice(0, index), ...failures.slice(index + 1)];
    if (left.length === 0) this.failures.delete(key);
    else this.failures.set(key, left);
  }

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key);
      if (recent.length === 0) this.failures.delete(key);
      else this.failures.set(key, recent);
    }
  }
}

/**
 * The limits of authentication, one set per application: the guard and the sign-in route share
 * them, so a failed sign-in counts against its address like a wrong token does.
 */
@Injectable()
export class AuthLimits {
  /** Failed authentications per client address and minute: LEDGER_AUTH_FAILURE_LIMIT. */
  readonly failureLimiter: RateLimiter;
  /** Five failed sign-ins per name per 15 minutes (api-v2.md "People and sessions"). */
  readonly signInFailures = new FailureLog(5, 15 * 60_000);

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.failureLimiter = new RateLimiter(limitsOf(config).authFailuresPerMinute, 60_000);
  }
}
