import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TableProjection } from '../../projections/table-projection';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { TableProjectionRunner } from '../../src/projection-runner/table-projection-runner';

/**
 * A projection rebuilt from a long log fills its tables first and creates the secondary indexes
 * once caught up (table-projection-runner.ts); the tables then hold exactly what a projection
 * kept indexed all along holds, and a crash before the indexes exist is repaired on restart.
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
    expect(indexes(db)).toEqual([INDEX]);
    expect(db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS users FROM probe_events').get()).toEqual({ n: EVENTS, users: EVENTS });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT position FROM probe_events WHERE stream_id = 'probe-3' ORDER BY position").all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain(INDEX);
    expect(logged.some((line) => line.startsWith('Rebuilt table projection indexed'))).toBe(true);
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
});
