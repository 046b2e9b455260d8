import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LOG_FILE, READ_MODELS_FILE } from '../config/data-files';
import { ConfigError, type LedgerConfig } from '../config/ledger-config';

/**
 * What the server checks of a SQLite data folder before serving it (`npm start`, `ledger serve`),
 * refusing with the file and what to do:
 * - a log whose pages SQLite finds damaged (a torn last write, a copy cut short): it still opens
 *   and its first events still read, so served it would answer the read models' figures while
 *   every append failed (`PRAGMA quick_check` reads every page);
 * - read models that stand past the log's last position: the log lost events the ledger had
 *   recorded (an older `ledger.db` put back). Served, the read models would keep the lost events
 *   and skip the next ones, written at the same positions, as applied; rebuilt, the loss would go
 *   unnoticed. The operator restores the log, or removes the read models to keep the log as it is.
 * A file that is no database at all is left to the error SQLite raises, which the start names.
 * `ledger verify` runs on such a folder and names the first bad position.
 */
export function refuseUnservableLog(config: LedgerConfig): void {
  if (config.store !== 'sqlite') return;
  const logFile = join(config.dataDir, LOG_FILE);
  if (!existsSync(logFile)) return;
  const log = new Database(logFile, { readonly: true, fileMustExist: true });
  let verdict: string;
  let head: number;
  try {
    verdict = String(log.pragma('quick_check', { simple: true }));
    head = verdict === 'ok' ? lastPositionOf(log) : 0;
  } finally {
    log.close();
  }
  if (verdict !== 'ok') {
    throw new ConfigError(
      `${LOG_FILE} in ${config.dataDir} is damaged (SQLite's quick_check: ${verdict.split('\n')[0]}): the event log cannot be served; `
      + 'restore it from a backup (ledger restore) into an empty folder. `ledger verify` on this folder names the first position it can no longer read.',
    );
  }
  const ahead = readModelsPast(join(config.dataDir, READ_MODELS_FILE), head);
  if (ahead.length > 0) {
    const position = Math.max(...ahead.map((checkpoint) => checkpoint.position));
    throw new ConfigError(
      `${READ_MODELS_FILE} in ${config.dataDir} stands at position ${position} (${ahead.map((checkpoint) => checkpoint.name).join(', ')}) but the log ends at ${head}: `
      + `the log lost events the ledger had recorded (an older ${LOG_FILE} put back, a torn last write). Restore the log from a backup (ledger restore); `
      + '`ledger verify` names the gap. To keep this log as it is, remove read-models.db (and its -wal and -shm files): the read models are rebuilt from the log.',
    );
  }
}

function lastPositionOf(log: Database.Database): number {
  if (log.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() === undefined) return 0;
  return Number(log.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get());
}

/** The projections whose checkpoint in the read-model file stands past `head`. */
function readModelsPast(file: string, head: number): { name: string; position: number }[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return ['projection_checkpoints', 'table_projection_checkpoints'].flatMap((table) => {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) === undefined) return [];
      return db.prepare(`SELECT name, position FROM ${table} WHERE position > ? ORDER BY name`).all(head) as { name: string; position: number }[];
    });
  } finally {
    db.close();
  }
}
