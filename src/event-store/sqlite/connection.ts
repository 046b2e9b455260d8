import Database from 'better-sqlite3';

export interface SqliteEventStoreOptions {
  /** Page cache of the connection, in MiB. Default 64. A bigger cache speeds up interleaved writes. */
  cacheSizeMiB?: number;
  /** How long a write waits for another process's write lock before failing. Default 5,000 ms. */
  busyTimeoutMs?: number;
  /** How often an idle subscription looks for events written by another process. Default 75 ms. */
  pollIntervalMs?: number;
  /** Rows read per query by readAll and subscriptions, which bounds their memory. Default 1,000. */
  readPageSize?: number;
  /** Most appends written by one group commit; the rest wait for the next one. Default 1,000. */
  maxAppendsPerCommit?: number;
}

export type SqliteEventStoreSettings = Required<SqliteEventStoreOptions>;

const DEFAULT_OPTIONS: SqliteEventStoreSettings = {
  cacheSizeMiB: 64,
  busyTimeoutMs: 5_000,
  pollIntervalMs: 75,
  readPageSize: 1_000,
  maxAppendsPerCommit: 1_000,
};

export function resolveOptions(options: SqliteEventStoreOptions): SqliteEventStoreSettings {
  const settings = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof SqliteEventStoreOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Option ${key} must be positive, got ${value}`);
    settings[key] = value;
  }
  return settings;
}

/**
 * Page cache of the connection that reads the log in position order, in KiB. Such a read touches
 * each page once (a rebuild, a subscription catching up, the Merkle tree's follower): a larger
 * cache would only hold pages read once, resident for the life of the process. With the log read
 * through the writing connection, a rebuild filled that connection's 64 MiB with them, and the
 * projection worker's connection another 64 MiB.
 */
const LOG_READER_CACHE_KIB = 2048;

/**
 * A read-only connection to the store's file for reading the log in position order, with a small
 * page cache of its own, so that those reads leave the writing connection's cache to the pages
 * appends and look-ups come back to. Reads there see every committed append (WAL), and never a
 * transaction left open on the writing connection. None for an in-memory database, which another
 * connection cannot open: the writing connection reads the log then.
 */
export function openLogReader(writer: Database.Database, settings: SqliteEventStoreSettings): Database.Database | undefined {
  if (writer.memory) return undefined;
  const db = new Database(writer.name, { readonly: true, fileMustExist: true, timeout: settings.busyTimeoutMs });
  try {
    db.pragma(`cache_size = ${-LOG_READER_CACHE_KIB}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A connection to `filePath` in WAL mode with every commit fsynced; closed again if that fails. */
export function openConnection(filePath: string, settings: SqliteEventStoreSettings): Database.Database {
  const db = new Database(filePath, { timeout: settings.busyTimeoutMs });
  try {
    configureConnection(db, settings);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configureConnection(db: Database.Database, settings: SqliteEventStoreSettings): void {
  // WAL lets readers (projections, the auditor, another process) read while a commit is written.
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal' && !db.memory) {
    throw new Error(`Could not put ${db.name} in WAL mode (journal_mode is ${String(journalMode)})`);
  }
  // FULL fsyncs the WAL at every commit, so an acknowledged append survives power loss and not
  // only a crash of the process. Group commit is what pays for it.
  db.pragma('synchronous = FULL');
  // A negative cache_size is in KiB.
  db.pragma(`cache_size = ${-Math.round(settings.cacheSizeMiB * 1024)}`);
}
