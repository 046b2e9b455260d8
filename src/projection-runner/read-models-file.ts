import Database from 'better-sqlite3';

/**
 * The writing connection to the read-model file, in WAL mode: readers on their own read-only
 * connections (the read side, verify's snapshot) read the last commit while runners write.
 */
export function openReadModelsForWriting(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
