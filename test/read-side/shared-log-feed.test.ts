import type { StoredEvent } from '../../src/event-store/event-store.port';
import { type FedRunner, SharedLogFeed } from '../../src/projection-runner/shared-log-feed';

/**
 * One reader of the log for every register: each page is read once, from the lowest position a
 * runner wants, and offered to every runner behind its end, whatever their starting points.
 */
const HEAD = 2_500;
const PAGE = 100;

function eventAt(position: number): StoredEvent {
  return { position, streamId: 's', revision: position - 1, eventId: `e${position}`, type: 'T', data: {}, metadata: {}, recordedAt: '' } as unknown as StoredEvent;
}

class Runner implements FedRunner {
  readonly seen: number[] = [];
  private reached: (() => void) | undefined;
  readonly done = new Promise<void>((resolve) => (this.reached = resolve));

  constructor(public gatheredPosition: number) {}

  wantsEvents(): boolean {
    return true;
  }

  offer(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (event.position <= this.gatheredPosition) continue;
      this.seen.push(event.position);
      this.gatheredPosition = event.position;
    }
    if (this.gatheredPosition >= HEAD) this.reached?.();
  }
}

describe('the shared log feed', () => {
  it('reads every position once for all runners, and each runner gets every event after its own position once, in order', async () => {
    const reads: number[] = [];
    const readAfter = (after: number, limit: number): StoredEvent[] => {
      const events: StoredEvent[] = [];
      for (let position = after + 1; position <= Math.min(HEAD, after + limit); position += 1) events.push(eventAt(position));
      for (const event of events) reads.push(event.position);
      return events;
    };
    const runners = [new Runner(0), new Runner(0), new Runner(1_234), new Runner(HEAD)];
    const feed = new SharedLogFeed(runners, readAfter, PAGE, 60_000, (error) => {
      throw error;
    });
    feed.start();
    await Promise.all(runners.slice(0, 3).map((runner) => runner.done));
    await feed.stop();

    const range = (from: number) => Array.from({ length: HEAD - from }, (_, i) => from + 1 + i);
    expect(runners.map((runner) => runner.seen)).toEqual([range(0), range(0), range(1_234), []]);
    // Each position read from the log once, though three runners applied most of them.
    expect(reads).toEqual(range(0));
  });
});

describe('the shared log feed over a log read asynchronously (a server)', () => {
  /** Positions 1..head() of a log whose reads take `delayMs`; `atStart` runs as a read begins, after the log's end for it is taken. */
  function slowLog(head: () => number, delayMs: number, atStart: (after: number) => void = () => undefined) {
    const readsAfter: number[] = [];
    const readAfter = async (after: number, limit: number): Promise<StoredEvent[]> => {
      readsAfter.push(after);
      const end = Math.min(head(), after + limit);
      atStart(after);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const events: StoredEvent[] = [];
      for (let position = after + 1; position <= end; position += 1) events.push(eventAt(position));
      return events;
    };
    return { readAfter, readsAfter };
  }

  /** Resolves once `done` holds, checked every 10 ms; false after `timeoutMs`. */
  async function until(done: () => boolean, timeoutMs = 5_000): Promise<boolean> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      if (done()) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return done();
  }

  it('never offers a page past a gap: a runner that went back to its checkpoint while the page was read is read for again from there', async () => {
    const runner = new Runner(0);
    let wentBack = false;
    // While the second page is read, the runner's commit of the first fails: it goes back to its checkpoint (0).
    const { readAfter, readsAfter } = slowLog(() => 300, 20, (after) => {
      if (after !== 100 || wentBack) return;
      wentBack = true;
      runner.gatheredPosition = 0;
      runner.seen.length = 0;
    });
    const offered: [number, number][] = [];
    const offer = runner.offer.bind(runner);
    runner.offer = (events) => {
      offered.push([runner.gatheredPosition, events[0].position]);
      offer(events);
    };
    const feed = new SharedLogFeed([runner], readAfter, PAGE, 60_000, (error) => {
      throw error;
    });
    feed.start();
    const caughtUp = await until(() => runner.gatheredPosition === 300);
    await feed.stop();
    expect(caughtUp).toBe(true);
    // Every page offered starts right after what the runner had: the page read while it went back was not offered.
    expect(offered.filter(([gathered, first]) => first !== gathered + 1)).toEqual([]);
    expect(readsAfter.slice(0, 3)).toEqual([0, 100, 0]);
    expect(runner.seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('reads again at once for a write announced while it was reading, rather than at the next poll', async () => {
    let head = 10;
    let feed: SharedLogFeed | undefined;
    // As the first read begins (the log then ends at 10), positions 11 and 12 are written and announced.
    const { readAfter, readsAfter } = slowLog(() => head, 20, (after) => {
      if (after !== 0) return;
      head = 12;
      feed?.wake();
    });
    const runner = new Runner(0);
    feed = new SharedLogFeed([runner], readAfter, PAGE, 60_000, (error) => {
      throw error;
    });
    feed.start();
    const reached = await until(() => runner.gatheredPosition === 12);
    await feed.stop();
    expect(reached).toBe(true);
    expect(runner.seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(readsAfter.slice(0, 2)).toEqual([0, 10]);
  });

  it('says so to every runner while the log cannot be read, retries sooner than a poll and later each time, and says when it reads again', async () => {
    let failuresLeft = 4;
    const attempts: number[] = [];
    const readAfter = async (after: number): Promise<StoredEvent[]> => {
      attempts.push(performance.now());
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('log server unavailable');
      }
      return [1, 2, 3, 4, 5].filter((position) => position > after).map(eventAt);
    };
    const told: (string | undefined)[] = [];
    const runner = Object.assign(new Runner(0), { readFailing: (message: string | undefined) => told.push(message) });
    const failures: unknown[] = [];
    const feed = new SharedLogFeed([runner], readAfter, PAGE, 60_000, (error) => failures.push(error));
    feed.start();
    const reached = await until(() => runner.gatheredPosition === 5);
    await feed.stop();
    expect(reached).toBe(true);
    expect(runner.seen).toEqual([1, 2, 3, 4, 5]);
    expect(failures).toHaveLength(4);
    expect(told).toEqual(['log server unavailable', 'log server unavailable', 'log server unavailable', 'log server unavailable', undefined]);
    // After the 1st, 2nd, 3rd and 4th failure in a row: at least 100, 200, 400 and 800 ms (a timer never fires early).
    const waits = attempts.slice(1, 5).map((at, i) => at - attempts[i]);
    waits.forEach((wait, i) => expect(wait).toBeGreaterThanOrEqual(100 * 2 ** i - 2));
  });
});
