import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What identifies a transfer on a statement, whatever file it arrives in (api.md, R33). */
/** An account as lines are identified by it: its letters and digits (0071-000-135790 is 0071000135790). */
export const accountKey = (account: string): string => account.replace(/[^0-9A-Za-z]/g, '');

export interface RowIdentityFields {
  bankAccount: string | null;
  /** The row's timestamp as the importer reads it (`yyyy-mm-ddThh:mm:ss+07:00`). */
  receivedAt: string;
  reference: string | null;
  /** Whole VND, canonical digits. */
  amountVnd: string;
  /** normaliseMemo() of the description. */
  memo: string;
}

/** Unit separator between fields: it cannot occur in any of them once whitespace is collapsed. */
const SEPARATOR = '\u001f';
const IDENTITY_VERSION = 'statement-row/v1';

/** The fields without the occurrence index: rows with the same base are identical transfers. */
export function identityBase(fields: RowIdentityFields): string {
  return [IDENTITY_VERSION, fields.bankAccount ?? '', fields.receivedAt, fields.reference ?? '', fields.amountVnd, fields.memo].join(SEPARATOR);
}

/**
 * sha256 of the identity fields and the row's occurrence among identical rows of the file (0 for
 * the first). Two identical transfers on one statement (the same 10,000 VND with the same memo
 * on the same day) stay two rows; the same transfer in two overlapping statements is one.
 */
export function rowIdOf(base: string, occurrence: number): string {
  return hash('sha256', `${base}${SEPARATOR}${occurrence}`, 'hex');
}

/**
 * The idempotency key a row's event is stored under: scoped to the fund, not to the user. The
 * row's Vietnam calendar day leads the row id so that keys of a statement, which runs in date
 * order, land next to each other in the store's key index: inserts and look-ups touch a few hot
 * pages instead of one random page per row (a million-row import would otherwise outgrow the
 * page cache and slow down as it goes).
 */
export function rowIdempotencyKey(fundId: string, receivedAt: string, rowId: string): string {
  return `statement-row:${fundId}:${receivedAt.slice(0, 10).replace(/-/g, '')}:${rowId}`;
}

/**
 * Counts how often each identity base has occurred so far in one file, in bounded memory.
 *
 * Identical rows share their day (it is part of the base), and statements run in date order, so
 * the counts are kept per day: the days in use stay in memory, and when the entries in memory
 * exceed `memoryLimit` (about 80 bytes each) the least recently used day moves, in one bulk
 * write, to a scratch SQLite file where its later rows (a statement out of date order) are
 * counted on. A day-ordered statement of a million rows therefore counts in memory at the pace of
 * a Map and never holds more than `memoryLimit` entries. Keys are the first 128 bits of
 * sha256(base): a collision only renumbers the occurrences of two different transfers, whose row
 * ids still differ by their fields.
 */
export class OccurrenceCounter {
  /** Days in memory, least recently used first. */
  private readonly days = new Map<string, Map<string, number>>();
  private readonly daysOnDisk = new Set<string>();
  private entriesInMemory = 0;
  private mostRecentDay: string | undefined;
  private disk: ScratchCounts | undefined;

  constructor(private readonly scratchDir: string, private readonly memoryLimit = 100_000) {}

  /** The occurrence index (0, 1, …) of this base on this day, counting this call. */
  next(day: string, base: string): number {
    const key = countKeyOf(base);
    if (this.daysOnDisk.has(day)) return this.scratch().next(day, key);
    let counts = this.days.get(day);
    if (counts === undefined) {
      counts = new Map();
      this.days.set(day, counts);
    } else if (this.mostRecentDay !== day) {
      // Most recently used last.
      this.days.delete(day);
      this.days.set(day, counts);
    }
    this.mostRecentDay = day;
    const occurrence = counts.get(key) ?? 0;
    counts.set(key, occurrence + 1);
    if (occurrence === 0) this.entriesInMemory += 1;
    if (this.entriesInMemory > this.memoryLimit) this.evictLeastRecentDay();
    return occurrence;
  }

  /** Commits the counts written to disk since the last call (one transaction per batch of rows). */
  commit(): void {
    this.disk?.commit();
  }

  get spilledDays(): number {
    return this.daysOnDisk.size;
  }

  close(): void {
    this.disk?.close();
    this.disk = undefined;
  }

  private evictLeastRecentDay(): void {
    const [day, counts] = this.days.entries().next().value as [string, Map<string, number>];
    this.scratch().load(day, counts);
    this.days.delete(day);
    this.daysOnDisk.add(day);
    if (this.mostRecentDay === day) this.mostRecentDay = undefined;
    this.entriesInMemory -= counts.size;
  }

  private scratch(): ScratchCounts {
    this.disk ??= new ScratchCounts(this.scratchDir);
    return this.disk;
  }
}

/**
 * The first 128 bits of sha256(base) as 22 characters: a string of its own, where slicing the
 * digest's text would keep all of it alive behind each of the (up to `memoryLimit`) keys held.
 */
function countKeyOf(base: string): string {
  return hash('sha256', base, 'buffer').toString('base64url', 0, 16);
}

/** Occurrence counts on disk: scratch data, rebuilt by reading the file again, so never synced. */
class ScratchCounts {
  private readonly dir: string;
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[string, number], { n: number }>;
  private readonly insert: Database.Statement<[string, number]>;

  constructor(scratchDir: string) {
    this.dir = mkdtempSync(join(scratchDir, 'occurrences-'));
    this.db = new Database(join(this.dir, 'occurrences.db'));
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -16384');
    this.db.exec('CREATE TABLE occurrences (base TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID');
    // n is the index of the base's latest occurrence: 0 when first inserted, one more each time.
    this.upsert = this.db.prepare('INSERT INTO occurrences (base, n) VALUES (?, ?) ON CONFLICT (base) DO UPDATE SET n = n + 1 RETURNING n');
    this.insert = this.db.prepare('INSERT INTO occurrences (base, n) VALUES (?, ?)');
    this.db.exec('BEGIN');
  }

  next(day: string, key: string): number {
    return this.upsert.get(`${day}${key}`, 0)!.n;
  }

  load(day: string, counts: Map<string, number>): void {
    for (const [key, count] of counts) this.insert.run(`${day}${key}`, count - 1);
  }

  commit(): void {
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
  }

  close(): void {
    // Closing with the transaction open discards it: the counts are scratch data.
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
