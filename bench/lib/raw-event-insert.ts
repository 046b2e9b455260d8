import Database from 'better-sqlite3';
import type { EventRow } from '../../src/event-store/sqlite/event-rows';
import { migrate } from '../../src/event-store/sqlite/schema';

/** A row of the events table with every column it stores. */
type StoredRow = EventRow & { idempotency_key: string | null; global_previous_hash: string; global_hash: string };

export interface RawInsert {
  rows: number;
  /** Time inside the inserting transactions only. */
  seconds: number;
  cpuSeconds: number;
}

/**
 * The reference of W1 and B1: better-sqlite3 inserting the very event rows a ledger wrote after
 * `afterPosition`, 1,000 rows per transaction, into a fresh file with the store's own schema and
 * pragmas (WAL, synchronous=FULL, 64 MiB cache), with no ledger logic: no parsing, deciding,
 * hashing or projecting. Rows are read from the source a page at a time, outside the timed part.
 */
export function insertEventRows(sourceFile: string, targetFile: string, afterPosition: number): RawInsert {
  const source = new Database(sourceFile, { readonly: true });
  const target = new Database(targetFile);
  try {
    target.pragma('journal_mode = WAL');
    target.pragma('synchronous = FULL');
    target.pragma('cache_size = -65536');
    migrate(target);
    const page = source.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 1000');
    const insert = target.prepare(`INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key,
      previous_hash, hash, global_previous_hash, global_hash) VALUES (@position, @stream_id, @revision, @event_id, @type, @data, @metadata,
      @idempotency_key, @previous_hash, @hash, @global_previous_hash, @global_hash)`);
    const insertPage = target.transaction((rows: StoredRow[]) => {
      for (const row of rows) insert.run(row);
    });
    let after = afterPosition;
    let rows = 0;
    let insertMs = 0;
    let cpuMicros = 0;
    for (;;) {
      const batch = page.all(after) as StoredRow[];
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
    return { rows, seconds: insertMs / 1000, cpuSeconds: cpuMicros / 1e6 };
  } finally {
    source.close();
    target.close();
  }
}
