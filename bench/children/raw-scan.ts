import { hash } from 'node:crypto';
import Database from 'better-sqlite3';
import { failed, peakRssMiB, ready, serveRequests } from '../lib/child-side';

/**
 * The ceilings of W4 and W7, no ledger code at all. W4: one better-sqlite3 statement scanning the
 * log in global order, selecting the columns the store reads, with JSON.parse of data and
 * metadata. W7: the same scan with one sha256 per row over its previous hash, data and metadata
 * as stored (the bytes a hash chain covers, without canonicalising them).
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
  },
  async () => undefined,
);
try {
  ready();
} catch (error) {
  failed(error);
}
