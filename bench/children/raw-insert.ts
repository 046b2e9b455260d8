import Database from 'better-sqlite3';
import { migrate } from '../../src/event-store/sqlite/schema';
import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  idempotency_key: string | null;
  previous_hash: string;
  hash: string;
  global_previous_hash: string;
  global_hash: string;
}

/**
 * The ceiling of W1: better-sqlite3 inserting the very event rows the import wrote, 1,000 rows
 * per transaction, into a fresh file with the store's own schema and pragmas (WAL,
 * synchronous=FULL, 64 MiB cache), with no ledger logic: no parsing, deciding, hashing or
 * projecting. Rows are read from the import's file a page at a time, outside the timed part.
 */
serveRequests(
  {
    insert: (message) => {
      const source = new Database(String(message.source), { readonly: true });
      const target = new Database(String(message.target));
      try {
        target.pragma('journal_mode = WAL');
        target.pragma('synchronous = FULL');
        target.pragma('cache_size = -65536');
        migrate(target);
        const page = source.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 1000');
        const insert = target.prepare(`INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key,
          previous_hash, hash, global_previous_hash, global_hash) VALUES (@position, @stream_id, @revision, @event_id, @type, @data, @metadata,
          @idempotency_key, @previous_hash, @hash, @global_previous_hash, @global_hash)`);
        const insertPage = target.transaction((rows: Row[]) => {
          for (const row of rows) insert.run(row);
        });
        let after = Number(message.afterPosition ?? 0);
        let rows = 0;
        let insertMs = 0;
        let cpuMicros = 0;
        for (;;) {
          const batch = page.all(after) as Row[];
          if (batch.length === 0) break;
          const started = performance.now();
          const cpu = process.cpuUsage();
          insertPage(batch);
          const used = process.cpuUsage(cpu);
          cpuMicros += used.user + used.system;
          insertMs += performance.now() - started;
          rows += batch.length;
          after = batch[batch.length - 1].position;
        }
        return { rows, seconds: insertMs / 1000, cpuSeconds: cpuMicros / 1e6, peakRssMiB: peakRssMiB() };
      } finally {
        source.close();
        target.close();
      }
    },
  },
  async () => undefined,
);
try {
  ready();
} catch (error) {
  failed(error);
}
