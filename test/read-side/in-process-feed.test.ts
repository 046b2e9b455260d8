/**
 * The table projections on the main thread (the EventStoreDB backend, or a store the worker
 * cannot open) are fed as in the worker: one reader of the log offers each page to every
 * register, so a rebuild reads each position once, not once per register, and one subscription
 * only wakes the feed. Shown on a real SQLite log wrapped the way a backend without commit
 * reports looks: the registers it builds are the ones the worker built from the same log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import { LOG_FILE, READ_MODELS_FILE } from '../../src/config/data-files';
import type { EventStore, ReadAllOptions, StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { InProcessTableFeed } from '../../src/projection-runner/in-process-feed';
import { openReadModelsForWriting } from '../../src/projection-runner/read-models-file';
import { TableProjectionRunner } from '../../src/projection-runner/table-projection-runner';
import { ADMIN_TOKEN, releaseTestData, startTestLedger } from '../support/ledger-app';

const FUND = 'quy-mot-lan-doc';
const silent = { error: () => undefined, log: () => undefined };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The store, without commit reports, counting every position its readAll hands out and every subscription. */
function counted(store: SqliteEventStore): { store: EventStore; positionsRead: number[]; subscriptions: () => number } {
  const positionsRead: number[] = [];
  let subscriptions = 0;
  const wrapper = new Proxy(store, {
    get(target, key) {
      if (key === 'observeCommits') return undefined;
      if (key === 'readAll') {
        return async function* (options?: ReadAllOptions): AsyncGenerator<StoredEvent> {
          for await (const event of target.readAll(options)) {
            positionsRead.push(event.position);
            yield event;
          }
        };
      }
      if (key === 'subscribe') {
        return (from: number) => {
          subscriptions += 1;
          return target.subscribe(from);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as EventStore;
  return { store: wrapper, positionsRead, subscriptions: () => subscriptions };
}

/** Every table of every register with its rows, in a stable order. */
function registers(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(ALL_TABLE_PROJECTIONS.flatMap((projection) => projection.tables).map((table) => [
      table.name, db.prepare(`SELECT * FROM "${table.name}" ORDER BY ${Object.keys(table.columns).map((column) => `"${column}"`).join(', ')}`).all(),
    ]));
  } finally {
    db.close();
  }
}

describe('the table projections on the main thread', () => {
  it('rebuild every register from one read of the log, into the registers the worker built', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ctd-in-process-feed-'));
    try {
      const ledger = await startTestLedger({ dataDir });
      await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId: FUND, name: 'Quỹ đọc một lần' }).expect(201);
      const accountant = (await ledger.user('Kế toán', ['accountant'])).token;
      for (let i = 1; i <= 12; i++) {
        await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send({
          amount: String(100_000 * i), component: 'general', channel: 'bank_transfer', receivedAt: `2026-11-${String(i).padStart(2, '0')}T09:00:00+07:00`,
          donor: { name: `Nhà hảo tâm số ${i}`, kind: 'individual' },
        }).expect(201);
      }
      const head = await ledger.store.headPosition();
      await ledger.http().get(`/v1/funds/${FUND}/donations?minPosition=${head}`).set(as(accountant)).expect(200);
      await ledger.close();

      const log = SqliteEventStore.open(join(dataDir, LOG_FILE));
      const { store, positionsRead, subscriptions } = counted(log);
      const db = openReadModelsForWriting(join(dataDir, 'rebuilt-read-models.db'));
      const runners = ALL_TABLE_PROJECTIONS.map((projection) => new TableProjectionRunner(projection, store, db, silent));
      expect(runners.length).toBeGreaterThan(5);
      const feed = await InProcessTableFeed.start(store, runners, silent);
      try {
        expect(await Promise.all(runners.map((runner) => runner.waitFor(head, 20_000)))).toEqual(runners.map(() => true));
      } finally {
        await feed.stop();
        await Promise.all(runners.map((runner) => runner.stop()));
        db.close();
        await log.close();
      }

      // Every position read once for all the registers, and one subscription, which only woke the feed.
      expect(positionsRead).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(subscriptions()).toBe(1);
      expect(registers(join(dataDir, 'rebuilt-read-models.db'))).toEqual(registers(join(dataDir, READ_MODELS_FILE)));
    } finally {
      await releaseTestData(dataDir);
    }
  }, 60_000);
});
