import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

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
