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
});
