import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { EventMetadata, JsonObject } from '../../src/event-store/event-store.port';
import { migrate } from '../../src/event-store/sqlite/schema';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { failed, ready, serveRequests } from '../lib/child-side';

type BenchEvent = { type: string; data: JsonObject; metadata: EventMetadata };

/**
 * W6, the ledger's side: durable single-event appends through the port (SqliteEventStore with
 * its defaults: WAL, synchronous=FULL, hash chains), one at a time, each awaited before the
 * next, round robin over `streams` streams with the exact expected revision: the workload of
 * the Emmett driver in bench/peers/emmett/appends.mjs.
 * BENCH_APPEND_MODE=raw does the same with bare better-sqlite3 (same schema and pragmas, one row
 * per transaction, no ledger logic): the fsync-bound ceiling of any durable single append.
 * `open` creates the file; each `chunk` appends `count` more and answers the seconds it took
 * and the CPU the process spent, so the bench can interleave the stores in rounds on a disk whose
 * speed drifts.
 * BENCH_APPEND_SYNC=off sets synchronous=OFF on the writing connection (no fsync): what the
 * appends cost in CPU alone, to tell the port's own work from what the fsync does to it. Never
 * how the ledger runs.
 */
const mode = process.env.BENCH_APPEND_MODE === 'raw' ? 'raw' : 'port';
const synchronous = process.env.BENCH_APPEND_SYNC === 'off' ? 'OFF' : 'FULL';
let appendOne: ((index: number) => Promise<void>) | undefined;
let close: () => Promise<void> = async () => undefined;
let next = 0;

serveRequests(
  {
    open: (message) => {
      const streams = Number(message.streams);
      const event = message.event as BenchEvent;
      const file = String(message.file);
      const revisions = new Array<number>(streams).fill(-1);
      if (mode === 'raw') {
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${synchronous}`);
        db.pragma('cache_size = -65536');
        migrate(db);
        const insert = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata, idempotency_key, previous_hash, hash,
          global_previous_hash, global_hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
        const hash = '0'.repeat(64);
        const write = db.transaction((index: number) => {
          const stream = index % streams;
          revisions[stream] += 1;
          insert.run(`ctd.bench.${stream}`, revisions[stream], randomUUID(), event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), hash, hash, hash, hash);
        });
        appendOne = async (index) => write(index);
        close = async () => {
          db.close();
        };
      } else {
        const store = SqliteEventStore.open(file);
        // The store always opens with FULL; only this measurement of CPU alone turns it off.
        if (synchronous === 'OFF') (store as unknown as { db: Database.Database }).db.pragma('synchronous = OFF');
        appendOne = async (index) => {
          const stream = index % streams;
          const expected = revisions[stream] === -1 ? 'no_stream' : revisions[stream];
          const result = await store.append(`ctd.bench.${stream}`, [{ eventId: randomUUID(), type: event.type, data: event.data, metadata: event.metadata }], expected);
          revisions[stream] = result.nextExpectedRevision;
        };
        close = () => store.close();
      }
      return {};
    },
    chunk: async (message) => {
      if (!appendOne) throw new Error('chunk before open');
      const count = Number(message.count);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      for (let index = 0; index < count; index++) await appendOne(next++);
      const cpu = process.cpuUsage(cpuBefore);
      return { appends: count, seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    },
  },
  () => close(),
);
try {
  ready();
} catch (error) {
  failed(error);
}
