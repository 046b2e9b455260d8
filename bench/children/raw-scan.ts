import Database from 'better-sqlite3';
import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';

/**
 * The ceiling of W4: one better-sqlite3 statement scanning the log in global order, selecting
 * the columns the store reads, with JSON.parse of data and metadata. No ledger code at all.
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
  },
  async () => undefined,
);
try {
  ready();
} catch (error) {
  failed(error);
}
