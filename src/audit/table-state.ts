import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RowChange, RowValue, TableProjection, TableSchema } from '../../projections/table-projection';
import { tableDdl, type TableProjectionRunner } from '../projection-runner/table-projection-runner';
import { canonicalJson } from '../shared/canonical-json';

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

function quoted(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`not a safe SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

type Row = Record<string, RowValue>;

function sortedTables(projection: TableProjection): TableSchema[] {
  return [...projection.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function rowsInKeyOrder(db: Database.Database, table: TableSchema): IterableIterator<Row> {
  const order = table.primaryKey.map(quoted).join(', ');
  return db.prepare(`SELECT * FROM ${quoted(table.name)} ORDER BY ${order}`).iterate() as IterableIterator<Row>;
}

/**
 * hex(sha256(canonical JSON of {table: [row, …], …})) for a table projection's tables: tables by
 * name, rows in primary-key order, each row an object of its columns. Streamed row by row, so
 * it is the hash of that JSON text without ever holding it.
 */
export function tableProjectionHash(db: Database.Database, projection: TableProjection): string {
  const hash = createHash('sha256');
  hash.update('{');
  sortedTables(projection).forEach((table, tableIndex) => {
    hash.update(`${tableIndex === 0 ? '' : ','}${canonicalJson(table.name)}:[`);
    let first = true;
    for (const row of rowsInKeyOrder(db, table)) {
      hash.update(`${first ? '' : ','}${canonicalJson(row)}`, 'utf8');
      first = false;
    }
    hash.update(']');
  });
  hash.update('}');
  return hash.digest('hex');
}

export interface TableDifference {
  /** `/<table>/<primary key values>/<column>`; the column is left out when a whole row is missing. */
  path: string;
  live: unknown;
  replayed: unknown;
}

/** The first row, in primary-key order, where the two databases disagree, and its first differing column. */
export function firstTableDifference(liveDb: Database.Database, replayedDb: Database.Database, projection: TableProjection): TableDifference | undefined {
  for (const table of sortedTables(projection)) {
    const liveRows = rowsInKeyOrder(liveDb, table);
    const replayedRows = rowsInKeyOrder(replayedDb, table);
    try {
      for (;;) {
        const live = liveRows.next();
        const replayed = replayedRows.next();
        if (live.done && replayed.done) break;
        const difference = rowDifference(table, live.done ? undefined : live.value, replayed.done ? undefined : replayed.value);
        if (difference) return difference;
      }
    } finally {
      liveRows.return?.();
      replayedRows.return?.();
    }
  }
  return undefined;
}

function rowDifference(table: TableSchema, live: Row | undefined, replayed: Row | undefined): TableDifference | undefined {
  const keyOf = (row: Row) => table.primaryKey.map((column) => String(row[column])).join(',');
  if (!live || !replayed) {
    const present = (live ?? replayed) as Row;
    return { path: `/${table.name}/${keyOf(present)}`, live: live ?? null, replayed: replayed ?? null };
  }
  if (keyOf(live) !== keyOf(replayed)) return { path: `/${table.name}/${keyOf(live)}`, live, replayed: null };
  for (const column of Object.keys(table.columns).sort()) {
    if (canonicalJson(live[column] ?? null) !== canonicalJson(replayed[column] ?? null)) {
      return { path: `/${table.name}/${keyOf(live)}/${column}`, live: live[column] ?? null, replayed: replayed[column] ?? null };
    }
  }
  return undefined;
}

/**
 * Tables rebuilt from the log in a temporary file, never in the live read-model file. On disk
 * rather than in memory so a register of a million rows does not have to fit in RAM. Row changes
 * mean what they mean to TableProjectionRunner: `upsert` inserts or overwrites the given
 * columns, `update` changes exactly one existing row.
 */
export class ScratchTables {
  readonly db: Database.Database;
  private readonly directory: string;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(projections: TableProjection[]) {
    this.directory = mkdtempSync(join(tmpdir(), 'ledger-replay-'));
    this.db = new Database(join(this.directory, 'scratch.db'));
    // Scratch data: losing it to a crash costs only a rerun.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    for (const projection of projections) for (const table of projection.tables) for (const ddl of tableDdl(table)) this.db.exec(ddl);
  }

  apply(projection: TableProjection, changes: RowChange[]): void {
    const owned = new Map(projection.tables.map((table) => [table.name, table]));
    for (const change of changes) {
      const table = owned.get(change.table);
      if (!table) throw new Error(`${projection.name} changed table ${change.table}, which it does not own`);
      const keyNames = Object.keys(change.key);
      const valueNames = Object.keys(change.values);
      const keyValues = keyNames.map((name) => change.key[name]);
      const values = valueNames.map((name) => change.values[name]);
      if (change.op === 'upsert') {
        this.statement(`upsert|${change.table}|${keyNames}|${valueNames}`, () => upsertSql(change.table, keyNames, valueNames)).run(...keyValues, ...values);
        continue;
      }
      const result = this.statement(`update|${change.table}|${keyNames}|${valueNames}`, () => updateSql(change.table, keyNames, valueNames)).run(...values, ...keyValues);
      if (result.changes !== 1) throw new Error(`update of ${change.table} ${JSON.stringify(change.key)} found ${result.changes} rows, expected 1`);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private statement(signature: string, sql: () => string): Database.Statement {
    let statement = this.statements.get(signature);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(signature, statement);
    }
    return statement;
  }
}

function upsertSql(table: string, keyNames: string[], valueNames: string[]): string {
  const all = [...keyNames, ...valueNames];
  const onConflict = valueNames.length === 0 ? 'NOTHING' : `UPDATE SET ${valueNames.map((v) => `${quoted(v)} = excluded.${quoted(v)}`).join(', ')}`;
  return `INSERT INTO ${quoted(table)} (${all.map(quoted).join(', ')}) VALUES (${all.map(() => '?').join(', ')})
    ON CONFLICT (${keyNames.map(quoted).join(', ')}) DO ${onConflict}`;
}

function updateSql(table: string, keyNames: string[], valueNames: string[]): string {
  if (valueNames.length === 0) throw new Error(`update of ${table} changes no column`);
  return `UPDATE ${quoted(table)} SET ${valueNames.map((v) => `${quoted(v)} = ?`).join(', ')} WHERE ${keyNames.map((k) => `${quoted(k)} = ?`).join(' AND ')}`;
}

/** The live tables of every table projection frozen at one instant, with each one's position. */
export interface LiveTablesSnapshot {
  db: Database.Database;
  projections: { projection: TableProjection; position: number }[];
  close(): void;
}

/**
 * Copies the live read-model file with VACUUM INTO. The table runners share one connection and
 * commit synchronously, so the copy, taken in one synchronous step with their positions, shows
 * each projection's tables exactly at its applied position.
 */
export function snapshotTableRunners(runners: TableProjectionRunner[]): LiveTablesSnapshot | undefined {
  if (runners.length === 0) return undefined;
  if (runners.some((runner) => runner.db !== runners[0].db)) throw new Error('Table projections on several connections cannot be frozen at one instant');
  const directory = mkdtempSync(join(tmpdir(), 'ledger-live-'));
  const file = join(directory, 'live.db');
  try {
    runners[0].db.prepare('VACUUM INTO ?').run(file);
    const projections = runners.map((runner) => ({ projection: runner.projection, position: runner.appliedPosition }));
    const db = new Database(file, { readonly: true });
    return {
      db,
      projections,
      close: () => {
        if (db.open) db.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
