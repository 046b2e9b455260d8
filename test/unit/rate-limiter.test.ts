import { RateLimiter } from '../../src/http/auth/rate-limiter';

describe('RateLimiter', () => {
  it('allows the limit per address and window, then refuses until the window rolls', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.hit('10.0.0.1'))).toEqual([true, true, true]);
    expect(limiter.hit('10.0.0.1')).toBe(false);
    expect(limiter.hit('10.0.0.2')).toBe(true);
    now = 59_999;
    expect(limiter.hit('10.0.0.1')).toBe(false);
    now = 60_000;
    expect(limiter.hit('10.0.0.1')).toBe(true);
  });

  it('tells a refused caller the limit, what is left and the whole seconds until the window rolls', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.state('10.0.0.1')).toEqual({ limit: 2, remaining: 2, resetSeconds: 60 });
    limiter.hit('10.0.0.1');
    limiter.hit('10.0.0.1');
    limiter.hit('10.0.0.1');
    now = 30_500;
    expect(limiter.state('10.0.0.1')).toEqual({ limit: 2, remaining: 0, resetSeconds: 30 });
    now = 59_001;
    expect(limiter.state('10.0.0.1').resetSeconds).toBe(1);
  });

  it("starts each address's window at its own first failure: another address's older window does not roll it", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    limiter.hit('10.0.0.1');
    now = 50_000;
    expect([limiter.hit('10.0.0.2'), limiter.hit('10.0.0.2')]).toEqual([true, true]);
    now = 60_000;
    // 10.0.0.1's window has rolled; 10.0.0.2's runs until 110 s.
    expect(limiter.hit('10.0.0.2')).toBe(false);
    expect(limiter.state('10.0.0.2')).toEqual({ limit: 2, remaining: 0, resetSeconds: 50 });
    expect(limiter.state('10.0.0.1')).toEqual({ limit: 2, remaining: 2, resetSeconds: 60 });
    now = 110_000;
    expect(limiter.hit('10.0.0.2')).toBe(true);
  });

  it('forgets the windows that have ended once it holds many addresses', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 60_000, () => now);
    for (let n = 0; n <= 10_000; n++) limiter.hit(`10.0.${n >> 8}.${n & 255}`);
    now = 60_000;
    limiter.hit('192.0.2.1');
    limiter.hit('192.0.2.2');
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(2);
  });
});
