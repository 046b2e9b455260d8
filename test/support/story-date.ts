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
    jest.useFakeTimers({
      now,
      advanceTimers: true,
      doNotFake: [
        'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
        'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
      ],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
}
