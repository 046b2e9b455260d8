import Database from 'better-sqlite3';
import { sqliteErrorCode } from '../event-store/sqlite/sqlite-errors';

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
  stateJson: string;
}

/** How long opening the file (its table, on a first start) waits for another writer of it. */
const OPEN_WAIT_MS = 5_000;

/**
 * Where the JSON-state projections keep their state and checkpoint, in one row each. It is a local
 * SQLite file whichever backend holds the log: read models are rebuildable, so the file runs
 * with synchronous=NORMAL (a crash may lose the last batches, which are then replayed).
 *
 * The file is the read-model file, which the projection worker writes in long transactions while
 * its registers catch up. A save from the request loop never waits for it: the state it saves is
 * already served from memory, and a checkpoint only shortens the next start, so a save that finds
 * the file busy is skipped and the runner saves at its next commit.
 */
export class CheckpointStore {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(filePath: string) {
    this.db = new Database(filePath, { timeout: OPEN_WAIT_MS });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL, state_json TEXT NOT NULL)`);
    this.selectOne = this.db.prepare('SELECT name, version, position, state_json AS stateJson FROM projection_checkpoints WHERE name = ?');
    this.upsert = this.db.prepare(`INSERT INTO projection_checkpoints (name, version, position, state_json) VALUES (@name, @version, @position, @stateJson)
      ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position, state_json = excluded.state_json`);
    this.db.pragma('busy_timeout = 0');
  }

  load(name: string): Checkpoint | undefined {
    return this.selectOne.get(name) as Checkpoint | undefined;
  }

  /**
   * Saves the checkpoint unless another connection is writing the file: false then, after waiting
   * at most `waitMs` for it (0: not at all). Any other failure throws.
   */
  save(checkpoint: Checkpoint, waitMs = 0): boolean {
    if (waitMs > 0) this.db.pragma(`busy_timeout = ${Math.floor(waitMs)}`);
    try {
      this.upsert.run(checkpoint);
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    } finally {
      if (waitMs > 0) this.db.pragma('busy_timeout = 0');
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** SQLITE_BUSY and its extended codes: another connection holds the file's write lock. */
function isBusy(error: unknown): boolean {
  return sqliteErrorCode(error)?.startsWith('SQLITE_BUSY') === true;
}
