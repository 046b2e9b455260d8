import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TableProjection } from '../../projections/table-projection';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { TableProjectionRunner } from '../../src/projection-runner/table-projection-runner';

/**
 * A projection far behind a long log (rebuilt, or started after a large import) fills its tables
 * first and creates the secondary indexes once caught up (table-projection-runner.ts); the
 * tables then hold exactly what a projection kept indexed all along holds, and a stop before the
 * indexes exist is repaired on restart.
 */
const EVENTS = 12_000; // past the 10,000 beyond which indexes are deferred
const INDEX = 'probe_events_by_stream';

const probe: TableProjection = {
  name: 'probe',
  version: 1,
  tables: [{
    name: 'probe_events',
    columns: { position: 'INTEGER NOT NULL', stream_id: 'TEXT NOT NULL', user_id: 'TEXT NOT NULL' },
    primaryKey: ['position'],
    indexes: [{ name: INDEX, columns: ['stream_id', 'position'] }],
  }],
  apply: (event) => [{
    table: 'probe_events', op: 'upsert', key: { position: event.position },
    values: { stream_id: event.streamId, user_id: (event.event.data as { userId: string }).userId },
  }],
};

let dir: string;
let store: SqliteEventStore;
const logged: string[] = [];
const logger = { error: (m: string) => logged.push(`error ${m}`), log: (m: string) => logged.push(m) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ctd-deferred-indexes-'));
  store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const metadata = { actor: { userId: 'u', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
  for (let batch = 0; batch < EVENTS / 1000; batch++) {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      eventId: randomUUID(), type: 'UserDeactivated', data: { userId: `user-${batch}-${i}`, deactivatedBy: 'admin' }, metadata,
    }));
    await store.append(`probe-${batch % 7}`, events, 'any');
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const indexes = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'probe_events' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((row) => row.name);

describe('a rebuild from a long log', () => {
  it('creates the secondary indexes once caught up, with the same rows as always', async () => {
    const db = new Database(join(dir, 'rebuilt.db'));
    const runner = new TableProjectionRunner(probe, store, db, logger);
    runner.start();
    expect(await runner.waitFor(EVENTS, 30_000)).toBe(true);
    // Caught up, the indexes follow from the next turn on; until then the register is not indexed.
    expect(runner.indexed).toBe(false);
    expect(await runner.waitForIndexes(30_000)).toBe(true);
    expect(runner.indexed).toBe(true);
    expect(indexes(db)).toEqual([INDEX]);
    expect(db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM probe_events').get()).toEqual({ n: EVENTS, users: EVENTS });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT position FROM probe_events WHERE stream_id = 'probe-3' ORDER BY position").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain(INDEX);
    expect(logged.some((line) => line.startsWith('Table projection indexed after catching up'))).toBe(true);
    await runner.stop();
    db.close();
  });

  it('commits several pages at a time while catching up, and the last events as soon as no more arrive', async () => {
    const db = new Database(join(dir, 'batched.db'));
    const runner = new TableProjectionRunner(probe, store, db, logger);
    const committed: number[] = [];
    let watching = true;
    const watch = () => {
      if (committed[committed.length - 1] !== runner.appliedPosition) committed.push(runner.appliedPosition);
      if (watching) setImmediate(watch);
    };
    setImmediate(watch);
    runner.start();
    const caughtUp = await runner.waitFor(EVENTS, 30_000);
    watching = false;
    watch();
    expect(caughtUp).toBe(true);
    // Every commit but the last holds 5,000 events (pages of 1,000 arrive turn after turn); the
    // last 2,000 are committed on the first turn that brings nothing more.
    expect(committed).toEqual([0, 5000, 10_000, EVENTS]);
    await runner.stop();
    db.close();
  });

  it('creates deferred indexes one per turn of the event loop, so timers and requests run in between', async () => {
    const db = new Database(join(dir, 'three-indexes.db'));
    const names = ['probe_events_by_stream', 'probe_events_by_user', 'probe_events_by_stream_user'];
    const threeIndexes: TableProjection = {
      ...probe,
      tables: [{ ...probe.tables[0], indexes: [
        { name: names[0], columns: ['stream_id', 'position'] },
        { name: names[1], columns: ['user_id'] },
        { name: names[2], columns: ['stream_id', 'user_id'] },
      ] }],
    };
    const runner = new TableProjectionRunner(threeIndexes, store, db, logger);
    const seen: number[] = [];
    let watching = true;
    const watch = () => {
      if (!db.open) return;
      const count = indexes(db).length;
      if (seen[seen.length - 1] !== count) seen.push(count);
      if (watching && count < names.length) setImmediate(watch);
    };
    runner.start();
    setImmediate(watch);
    const caughtUp = await runner.waitFor(EVENTS, 30_000);
    for (let turn = 0; turn < 10 && indexes(db).length < names.length; turn++) await new Promise((resolve) => setImmediate(resolve));
    watching = false;
    watch();
    expect(caughtUp).toBe(true);
    expect(indexes(db).sort()).toEqual([...names].sort());
    // Dropped while catching up, then seen appearing one at a time.
    expect(seen).toEqual([0, 1, 2, 3]);
    await runner.stop();
    db.close();
  });

  it('stopped before catching up, it has no index yet; the next start creates them before going on', async () => {
    const db = new Database(join(dir, 'interrupted.db'));
    // Stuck at 5,001 (as a crash would leave it partway): it commits up to 5,000 and stops there.
    const stuck: TableProjection = {
      ...probe,
      apply: (event) => {
        if (event.position === 5001) throw new Error('cannot apply');
        return probe.apply(event);
      },
    };
    const first = new TableProjectionRunner(stuck, store, db, logger);
    first.start();
    expect(await first.waitFor(5000, 30_000)).toBe(true);
    await first.stop();
    expect(first.appliedPosition).toBe(5000);
    expect(indexes(db)).toEqual([]);

    const second = new TableProjectionRunner(probe, store, db, logger);
    second.start();
    expect(indexes(db)).toEqual([INDEX]);
    expect(await second.waitFor(EVENTS, 30_000)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM probe_events').get()).toEqual({ n: EVENTS });
    await second.stop();
    db.close();
  });

  it('a projection resumed far behind (more than it has applied) defers its indexes too; one slightly behind does not', async () => {
    const db = new Database(join(dir, 'resumed.db'));
    const stuckAt = (position: number): TableProjection => ({
      ...probe,
      apply: (event) => {
        if (event.position === position) throw new Error('cannot apply');
        return probe.apply(event);
      },
    });
    const indexedAfterCatchingUp = () => logged.filter((line) => line.startsWith('Table projection indexed after catching up')).length;
    const runTo = async (projection: TableProjection, position: number) => {
      const runner = new TableProjectionRunner(projection, store, db, logger);
      runner.start();
      expect(await runner.waitFor(position, 30_000)).toBe(true);
      // Caught up, its deferred indexes follow; stuck partway, it never makes them.
      if (position === EVENTS) expect(await runner.waitForIndexes(30_000)).toBe(true);
      await runner.stop();
      return runner;
    };
    await runTo(stuckAt(1001), 1000);
    const before = indexedAfterCatchingUp();
    await runTo(probe, EVENTS); // 11,000 behind, more than the 1,000 applied: deferred
    expect(indexedAfterCatchingUp()).toBe(before + 1);
    expect(indexes(db)).toEqual([INDEX]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM probe_events').get()).toEqual({ n: EVENTS });

    const other = new Database(join(dir, 'resumed-near.db'));
    const near = new TableProjectionRunner(stuckAt(6001), store, other, logger);
    near.start();
    expect(await near.waitFor(6000, 30_000)).toBe(true);
    await near.stop();
    const resumed = new TableProjectionRunner(probe, store, other, logger);
    resumed.start();
    expect(await resumed.waitFor(EVENTS, 30_000)).toBe(true);
    await resumed.stop();
    expect(indexedAfterCatchingUp()).toBe(before + 1); // 6,000 behind: indexed row by row
    expect(indexes(other)).toEqual([INDEX]);
    other.close();
    db.close();
  });
});
