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
