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
