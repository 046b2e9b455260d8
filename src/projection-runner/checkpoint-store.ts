import Database from 'better-sqlite3';

export interface Checkpoint {
  name: string;
  version: number;
  position: number;
  stateJson: string;
}

/**
 * Where projections keep their state and checkpoint, always in one transaction. It is a local
 * SQLite file whichever backend holds the log: read models are rebuildable, so the file runs
 * with synchronous=NORMAL (a crash may lose the last batches, which are then replayed).
 */
export class CheckpointStore {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement;
  private readonly upsert: Database.Statement;

  constructor(filePath: string) {
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL, state_json TEXT NOT NULL)`);
    this.selectOne = this.db.prepare('SELECT name, version, position, state_json AS stateJson FROM projection_checkpoints WHERE name = ?');
    this.upsert = this.db.prepare(`INSERT INTO projection_checkpoints (name, version, position, state_json) VALUES (@name, @version, @position, @stateJson)
      ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position, state_json = excluded.state_json`);
  }

  load(name: string): Checkpoint | undefined {
    return this.selectOne.get(name) as Checkpoint | undefined;
  }

  save(checkpoint: Checkpoint): void {
    this.upsert.run(checkpoint);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
