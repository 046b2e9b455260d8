/**
 * Fixed-window counters per client address, for abuse from outside: the public routes and
 * failed authentication. Staff writes are never counted, so a bulk import or a 50-connection
 * load is not throttled.
 */
export class RateLimiter {
  private windowStartedAt = 0;
  private counts = new Map<string, number>();

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
    this.roll();
    const used = this.counts.get(address) ?? 0;
    const resetSeconds = Math.max(1, Math.ceil((this.windowStartedAt + this.windowMs - this.clock()) / 1000));
    return { limit: this.limitPerWindow, remaining: Math.max(0, this.limitPerWindow - used), resetSeconds };
  }

  private add(address: string): number {
    this.roll();
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    return count;
  }

  private roll(): void {
    const now = this.clock();
    if (now - this.windowStartedAt >= this.windowMs) {
      this.windowStartedAt = now;
      this.counts = new Map();
    }
  }
}

export function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
