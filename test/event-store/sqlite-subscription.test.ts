import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SqliteSubscription, type SubscriptionSource } from '../../src/event-store/sqlite/sqlite-subscription';

/**
 * A subscription catching up a long log reads it a page at a time; between two pages it lets
 * the event loop turn, so timers and I/O (HTTP requests, a server's listen) run while projection
 * runners catch up, instead of after.
 */
const EVENTS = 5_000; // five pages of the default 1,000

let dir: string;
let store: SqliteEventStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ctd-subscription-'));
  store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const metadata = { actor: { userId: 'u', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
  for (let batch = 0; batch < EVENTS / 1000; batch++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({ eventId: randomUUID(), type: 'UserDeactivated', data: { userId: `user-${batch}-${i}`, deactivatedBy: 'admin' }, metadata }));
    await store.append(`probe-${batch}`, events, 'no_stream');
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a SQLite subscription catching up', () => {
  it('lets timers and I/O run between the pages it reads, and still delivers every event in order', async () => {
    const seenWhenTimerRan: number[] = [];
    let seen = 0;
    const tick = () => {
      seenWhenTimerRan.push(seen);
      if (seen < EVENTS) setImmediate(tick);
    };
    setImmediate(tick);
    const positions: number[] = [];
    const subscription = store.subscribe(0);
    for await (const event of subscription) {
      positions.push(event.position);
      seen += 1;
      if (seen === EVENTS) break;
    }
    expect(positions).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
    // The timer ran while the subscriber was partway, at a page boundary each time.
    const partway = seenWhenTimerRan.filter((count) => count > 0 && count < EVENTS);
    expect(partway.length).toBeGreaterThanOrEqual(EVENTS / 1000 - 1);
    for (const count of partway) expect(count % 1000).toBe(0);
  });
});

/**
 * Following a log that only this process writes, every commit is handed to the subscription
 * whole: it reads the file again only when it may have missed something. An array stands in
 * for the file here, so that the reads can be counted; the store's contract tests run the
 * subscription on real files.
 */
describe('a SQLite subscription following the log', () => {
  /** Long enough that no poll comes while a test counts reads, short enough for the test that waits for one. */
  function fileOf(pageSize: number, pollIntervalMs = 60_000) {
    const log: StoredEvent[] = [];
    const reads: number[] = [];
    let subscription: SqliteSubscription;
    const source: SubscriptionSource = {
      pollIntervalMs,
      pageSize,
      readAfter: (position, limit) => {
        reads.push(position);
        return log.filter((event) => event.position > position).slice(0, limit);
      },
      forget: () => undefined,
    };
    const eventAt = (position: number) => ({ position, streamId: 'probe-1', revision: position - 1, eventId: `e${position}` }) as StoredEvent;
    return {
      reads,
      subscribe: (after: number) => (subscription = new SqliteSubscription(after, source)),
      /** Events appended by this process: written to the file, then handed over as the store does. */
      commit: (count: number) => {
        const events = Array.from({ length: count }, (_, i) => eventAt(log.length + 1 + i));
        log.push(...events);
        subscription.onCommitted(events);
        return events;
      },
      /** Events another process appended: in the file, never handed over. */
      writtenElsewhere: (count: number) => {
        const events = Array.from({ length: count }, (_, i) => eventAt(log.length + 1 + i));
        log.push(...events);
        return events;
      },
    };
  }

  async function turns(count: number): Promise<void> {
    for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
  }

  async function take(iterator: AsyncIterator<StoredEvent>, count: number): Promise<number[]> {
    const positions: number[] = [];
    while (positions.length < count) positions.push(((await iterator.next()).value as StoredEvent).position);
    return positions;
  }

  type File = ReturnType<typeof fileOf>;

  /** Runs `body` with a subscription from the start of the log, closed afterwards. */
  async function following(file: File, body: (iterator: AsyncIterator<StoredEvent>) => Promise<void>): Promise<void> {
    const subscription = file.subscribe(0);
    try {
      await body(subscription[Symbol.asyncIterator]());
    } finally {
      await subscription.close();
    }
  }

  /** The subscriber reads the empty log and waits; then the first commit is handed over, with no other read. */
  async function firstCommitHandedOver(file: File, iterator: AsyncIterator<StoredEvent>): Promise<void> {
    const first = iterator.next();
    await turns(3);
    file.commit(1);
    expect((await first).value.position).toBe(1);
    expect(file.reads).toEqual([0]);
  }

  it('reads nothing for the commits handed over whole, once it has found the end of the log', async () => {
    const file = fileOf(10);
    file.writtenElsewhere(3);
    await following(file, async (iterator) => {
      expect(await take(iterator, 3)).toEqual([1, 2, 3]);
      const waiting = iterator.next();
      await turns(3);
      // The catch-up read, and the read that found the end.
      expect(file.reads).toEqual([0, 3]);
      file.commit(2);
      expect((await waiting).value.position).toBe(4);
      expect(await take(iterator, 1)).toEqual([5]);
      for (let round = 0; round < 5; round++) {
        // The subscriber waits for the next event before the commit comes, as a projection does.
        const next = iterator.next();
        await turns(3);
        file.commit(1);
        expect((await next).value.position).toBe(6 + round);
      }
      expect(file.reads).toEqual([0, 3]);
    });
  });

  it('reads the file when a commit does not follow what it has: another process wrote in between', async () => {
    const file = fileOf(10);
    await following(file, async (iterator) => {
      await firstCommitHandedOver(file, iterator);
      file.writtenElsewhere(2);
      const next = iterator.next();
      file.commit(1);
      expect([(await next).value.position, ...(await take(iterator, 2))]).toEqual([2, 3, 4]);
    });
  });

  it('reads the file when a commit finds its buffer full', async () => {
    const file = fileOf(2);
    await following(file, async (iterator) => {
      await firstCommitHandedOver(file, iterator);
      // Nobody reads: the second commit fills the buffer, the third is left to the file.
      file.commit(2);
      file.commit(1);
      expect(await take(iterator, 3)).toEqual([2, 3, 4]);
    });
  });

  it('reads the file at every poll, for what another process wrote while it waited', async () => {
    const file = fileOf(10, 30);
    await following(file, async (iterator) => {
      const polled = iterator.next();
      await turns(3);
      file.writtenElsewhere(1);
      expect((await polled).value.position).toBe(1);
    });
  });
});
