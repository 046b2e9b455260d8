import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';

/**
 * The ceilings of W4 and W7, no ledger code at all. W4: one better-sqlite3 statement scanning the
 * log in global order, selecting the columns the store reads, with JSON.parse of data and
 * metadata. W7: the same scan with one sha256 per row over its previous hash, data and metadata
 * as stored (the bytes a hash chain covers, without canonicalising them). And, to show what
 * bounds both, the registers' SQLite writes alone (registerWrites).
 */
serveRequests(
  {
    scan: (message) => {
      const db = new Database(String(message.file), { readonly: true });
      try {
        const rows = db
          .prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash FROM events ORDER BY position')
          .iterate() as IterableIterator<{ data: string; metadata: string; position: number }>;
        const started = performance.now();
        let count = 0;
        let checksum = 0;
        for (const row of rows) {
          const data = JSON.parse(row.data) as Record<string, unknown>;
          const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
          // Use what was parsed, so the work cannot be optimised away.
          checksum += Object.keys(data).length + Object.keys(metadata).length;
          count += 1;
        }
        const seconds = (performance.now() - started) / 1000;
        return { rows: count, seconds, checksum, peakRssMiB: peakRssMiB() };
      } finally {
        db.close();
      }
    },
    scanAndHash: (message) => {
      const db = new Database(String(message.file), { readonly: true });
      try {
        const rows = db
          .prepare('SELECT position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash FROM events ORDER BY position')
          .iterate() as IterableIterator<{ data: string; metadata: string; previous_hash: string; hash: string }>;
        const started = performance.now();
        let count = 0;
        let matches = 0;
        for (const row of rows) {
          const digest = hash('sha256', row.previous_hash + row.data + row.metadata, 'hex');
          // Use the digest, so the work cannot be optimised away.
          if (digest === row.hash) matches += 1;
          count += 1;
        }
        const seconds = (performance.now() - started) / 1000;
        return { rows: count, seconds, matches, peakRssMiB: peakRssMiB() };
      } finally {
        db.close();
      }
    },
    /**
     * The SQLite work of rebuilding the registers, with no ledger logic: every row of the
     * registers' tables in `file` (a rebuilt read-model file) inserted into a fresh file with the
     * same tables, in log order, 5,000 rows per transaction, then the same secondary indexes
     * created, as the runner does while catching up. A floor under any rebuild that writes them.
     */
    registerWrites: (message) => {
      const source = new Database(String(message.file), { readonly: true });
      const target = new Database(String(message.target));
      try {
        target.pragma('journal_mode = WAL');
        target.pragma('synchronous = NORMAL');
        const schema = source.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name LIKE 'register%' AND sql IS NOT NULL ORDER BY type DESC, name").all() as { type: string; name: string; sql: string }[];
        const tables = schema.filter((entry) => entry.type === 'table');
        const indexes = schema.filter((entry) => entry.type === 'index');
        for (const table of tables) target.exec(table.sql);
        // Only the inserts, commits and index builds are timed: each chunk is read before its clock starts.
        let insertSeconds = 0;
        let rows = 0;
        for (const table of tables) {
          const columns = source.prepare(`SELECT * FROM "${table.name}" LIMIT 0`).columns().map((column) => column.name);
          const insert = target.prepare(`INSERT INTO "${table.name}" VALUES (${columns.map(() => '?').join(', ')})`);
          for (const read of chunksInLogOrder(source, table.name, 5000)) {
            const started = performance.now();
            target.exec('BEGIN');
            for (const row of read) insert.run(row);
            target.exec('COMMIT');
            insertSeconds += (performance.now() - started) / 1000;
            rows += read.length;
          }
        }
        const indexed = performance.now();
        for (const index of indexes) target.exec(index.sql);
        const indexSeconds = (performance.now() - indexed) / 1000;
        const seconds = insertSeconds + indexSeconds;
        return { rows, tables: tables.length, indexes: indexes.length, insertSeconds, indexSeconds, seconds };
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

/**
 * A table's rows in the order the runner wrote them, `size` at a time: by rowid, or for a table
 * stored in key order (WITHOUT ROWID, no rowid) by log position, sorted before the first chunk.
 */
function* chunksInLogOrder(source: Database.Database, table: string, size: number): Generator<unknown[][]> {
  const withoutRowid = (source.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number }).wr === 1;
  if (withoutRowid) {
    let chunk: unknown[][] = [];
    for (const row of source.prepare(`SELECT * FROM "${table}" ORDER BY position`).raw().safeIntegers().iterate() as Iterable<unknown[]>) {
      chunk.push(row);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
    return;
  }
  const page = source.prepare(`SELECT rowid AS _rowid, * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ${size}`).raw().safeIntegers();
  let after = 0n;
  for (;;) {
    const read = page.all(after) as unknown[][];
    if (read.length === 0) return;
    after = read[read.length - 1][0] as bigint;
    yield read.map((row) => row.slice(1));
  }
}
