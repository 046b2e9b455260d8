import type Database from 'better-sqlite3';

/**
 * Schema of the embedded SQLite event store, as an ordered list of migrations.
 *
 * A migration is never edited once released: a change to the schema is a new entry with the
 * next version, so every file on disk can be brought forward by applying what it lacks.
 */
interface Migration {
  version: number;
  description: string;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events table with per-stream and global hash chains',
    // STRICT makes SQLite refuse a value of the wrong type instead of silently storing it,
    // which matters for a ledger that auditors re-verify byte by byte.
    // There is no separate streams table: the head of a stream is the last entry of the
    // UNIQUE(stream_id, revision) index, as cheap to find as a primary key, and one source of
    // truth cannot disagree with itself. It also spares one B-tree write per append.
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 0),
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        idempotency_key TEXT,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        global_previous_hash TEXT NOT NULL,
        global_hash TEXT NOT NULL,
        UNIQUE (stream_id, revision)
      ) STRICT;
      CREATE INDEX events_by_idempotency_key ON events (idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings the file's schema to LATEST_SCHEMA_VERSION. Runs in one IMMEDIATE transaction so two
 * processes opening a fresh file at once cannot both create the tables.
 * @throws Error when the file was written by a newer version of the store.
 */
export function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const current = currentSchemaVersion(db);
    if (current > LATEST_SCHEMA_VERSION) {
      throw new Error(
        `Event store schema version ${current} is newer than this program knows (${LATEST_SCHEMA_VERSION})`,
      );
    }
    const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
  });
  apply.immediate();
}

export function currentSchemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT coalesce(max(version), 0) AS version FROM schema_version').get() as {
    version: number;
  };
  return row.version;
}
