/**
 * For a file whose history is a story set on fixed dates ("the 2025 fee is refunded today, in
 * 2026-Q4"): from its first beforeAll to its end, `Date` in the test and in the ledger it starts
 * (the same process) begins at `instant` and runs on at the real pace. Timers, ticks and
 * performance.now() stay real, so waits and timeouts behave as in any other file. Call it at the
 * top of the file, before the beforeAll that starts the ledger.
 *
 * The projection worker thread keeps the real clock; projections read none (test/architecture).
 */
export function storyTakesPlaceOn(instant: string): void {
  const now = Date.parse(instant);
  if (Number.isNaN(now)) throw new Error(`not an instant: ${instant}`);
  beforeAll(() => {
    jest.useFakeTimers({ now, advanceTimers: true, doNotFake: ALL_BUT_DATE });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
}

/** Everything jest's fake timers can fake, but `Date`. */
const ALL_BUT_DATE: FakeableAPI[] = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
  'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
];

/**
 * Stops `Date` (in the test and in the ledger it started) at the present instant until
 * `release()`: what depends on the time passing ("a checkpoint falls due after two seconds")
 * then happens when the test moves the clock with `advance(ms)`, not when a slow machine lets
 * it. Timers and ticks stay real.
 */
export function holdTheDate(): { advance(ms: number): void; release(): void } {
  jest.useFakeTimers({ now: Date.now(), advanceTimers: false, doNotFake: ALL_BUT_DATE });
  return {
    advance: (ms) => jest.setSystemTime(Date.now() + ms),
    release: () => jest.useRealTimers(),
  };
}
