import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RowChange, RowValue, TableProjection, TableSchema } from '../../projections/table-projection';
import { nullableKeyColumns, tableDdl } from '../projection-runner/table-projection-runner';
import type { TableRunnerView } from '../projection-runner/table-runner-view';
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
  // The text goes to the hash about 64 KiB at a time: one update per row would cost more than the row.
  let text = '{';
  sortedTables(projection).forEach((table, tableIndex) => {
    text += `${tableIndex === 0 ? '' : ','}${canonicalJson(table.name)}:[`;
    const statement = db.prepare(`SELECT * FROM ${quoted(table.name)} ORDER BY ${table.primaryKey.map(quoted).join(', ')}`).raw();
    const row = rowWriter(statement.columns().map((column) => column.name));
    let first = true;
    for (const values of statement.iterate() as IterableIterator<RowValue[]>) {
      text += first ? row(values) : `,${row(values)}`;
      first = false;
      if (text.length >= 65_536) {
        hash.update(text, 'utf8');
        text = '';
      }
    }
    text += ']';
  });
  hash.update(`${text}}`, 'utf8');
  return hash.digest('hex');
}

/**
 * tableProjectionHash of the replayed tables, walking the live ones beside them in the same
 * order: `sameRows` is true when both hold the same rows with the same columns and values (a
 * string, a finite number or null equal as ===, any other value by its canonical JSON), so that
 * their canonical texts, and hashes, are equal. False says only that they may differ.
 */
export function hashReplayedComparingLive(liveDb: Database.Database, replayedDb: Database.Database, projection: TableProjection): { replayedSha256: string; sameRows: boolean } {
  const hash = createHash('sha256');
  let sameRows = true;
  let text = '{';
  sortedTables(projection).forEach((table, tableIndex) => {
    text += `${tableIndex === 0 ? '' : ','}${canonicalJson(table.name)}:[`;
    const order = table.primaryKey.map(quoted).join(', ');
    const replayed = replayedDb.prepare(`SELECT * FROM ${quoted(table.name)} ORDER BY ${order}`).raw();
    const columns = replayed.columns().map((column) => column.name);
    const row = rowWriter(columns);
    let live: IterableIterator<RowValue[]> | undefined;
    if (sameRows) {
      const liveStatement = liveDb.prepare(`SELECT * FROM ${quoted(table.name)} ORDER BY ${order}`).raw();
      if (sameNames(liveStatement.columns().map((column) => column.name), columns)) live = liveStatement.iterate() as IterableIterator<RowValue[]>;
      else sameRows = false;
    }
    try {
      let first = true;
      for (const values of replayed.iterate() as IterableIterator<RowValue[]>) {
        const written = row(values);
        text += first ? written : `,${written}`;
        first = false;
        if (live !== undefined) {
          const next = live.next();
          if (next.done || !sameValues(next.value, values, written, row)) {
            sameRows = false;
            live.return?.();
            live = undefined;
          }
        }
        if (text.length >= 65_536) {
          hash.update(text, 'utf8');
          text = '';
        }
      }
      if (live !== undefined && !live.next().done) sameRows = false;
    } finally {
      live?.return?.();
    }
    text += ']';
  });
  hash.update(`${text}}`, 'utf8');
  return { replayedSha256: hash.digest('hex'), sameRows };
}

function sameValues(live: RowValue[], replayed: RowValue[], replayedText: string, row: (values: RowValue[]) => string): boolean {
  if (live.length !== replayed.length) return false;
  for (let index = 0; index < live.length; index++) {
    const a = live[index];
    const b = replayed[index];
    if (a === b && (a === null || typeof a === 'string' || (typeof a === 'number' && Number.isFinite(a)))) continue;
    // Anything else (a BLOB, a big integer, NaN): the rows' canonical texts decide.
    return row(live) === replayedText;
  }
  return true;
}

/**
 * canonicalJson of a row given as its values in column order, without building the row object:
 * members in RFC 8785 key order, each value written as canonicalJson writes it (a string, a
 * finite number, null). Any other value (a BLOB, a big integer) goes to canonicalJson with the
 * whole row as an object, so the text is always exactly canonicalJson(row).
 */
function rowWriter(columns: string[]): (values: RowValue[]) => string {
  const order = columns.map((name, index) => ({ name, index })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const prefixes = order.map(({ name }, position) => `${position === 0 ? '' : ','}${JSON.stringify(name)}:`);
  const indexes = order.map(({ index }) => index);
  return (values) => {
    let out = '{';
    for (let position = 0; position < indexes.length; position++) {
      const value = values[indexes[position]];
      if (value === null) out += `${prefixes[position]}null`;
      else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) out += prefixes[position] + JSON.stringify(value);
      else return canonicalJson(Object.fromEntries(columns.map((name, index) => [name, values[index]])));
    }
    return `${out}}`;
  };
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

/** Row changes applied between two commits of the scratch file. */
const SCRATCH_CHANGES_PER_COMMIT = 20_000;

/**
 * Tables rebuilt from the log in a temporary file, never in the live read-model file. On disk
 * rather than in memory so a register of a million rows does not have to fit in RAM. Row changes
 * mean what they mean to TableProjectionRunner: `upsert` inserts or overwrites the given
 * columns, `update` changes exactly one existing row.
 *
 * By default only the tables and their primary keys are created: the replay is compared row by
 * row in primary-key order (tableProjectionHash), which no secondary index takes part in, and
 * each index would cost a B-tree insert per row. Tables that the read side will query (its
 * queries name indexes with INDEXED BY) are made with `{ queryIndexes: true }`, which creates
 * every index as the live read models have them. Changes are written in transactions of
 * SCRATCH_CHANGES_PER_COMMIT, and `settled()` commits what is pending before the tables are read.
 */
export class ScratchTables {
  private readonly scratch: Database.Database;
  private readonly directory: string;
  private readonly owned = new Map<string, { projection: string; shapes: ScratchShape[] }>();
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private pendingChanges = 0;

  constructor(projections: TableProjection[], options: { queryIndexes?: boolean } = {}) {
    this.directory = mkdtempSync(join(tmpdir(), 'ledger-replay-'));
    this.scratch = new Database(join(this.directory, 'scratch.db'));
    // Scratch data: losing it to a crash costs only a rerun.
    this.scratch.pragma('journal_mode = OFF');
    this.scratch.pragma('synchronous = OFF');
    this.scratch.pragma('cache_size = -65536');
    for (const projection of projections) {
      for (const table of projection.tables) {
        const scratchTable = { ...table, indexes: options.queryIndexes ? table.indexes : [], storedInKeyOrder: table.storedInKeyOrder || clusteredByKey(table) };
        const [create, ...indexes] = tableDdl(scratchTable);
        this.scratch.exec(create);
        for (const index of indexes) this.scratch.exec(index);
        this.owned.set(table.name, { projection: projection.name, shapes: [] });
      }
    }
    this.begin = this.scratch.prepare('BEGIN');
    this.commit = this.scratch.prepare('COMMIT');
  }

  /** The scratch database with every change applied so far committed: for reading. */
  get db(): Database.Database {
    this.settle();
    return this.scratch;
  }

  apply(projection: TableProjection, changes: RowChange[]): void {
    if (changes.length === 0) return;
    if (!this.scratch.inTransaction) this.begin.run();
    for (const change of changes) {
      const table = this.owned.get(change.table);
      if (!table || table.projection !== projection.name) throw new Error(`${projection.name} changed table ${change.table}, which it does not own`);
      const keyNames = Object.keys(change.key);
      const valueNames = Object.keys(change.values);
      const shape = this.shapeOf(table.shapes, change.op, change.table, keyNames, valueNames);
      const parameters: RowValue[] = [];
      if (change.op === 'upsert') {
        for (const name of keyNames) parameters.push(change.key[name]);
        for (const name of valueNames) parameters.push(change.values[name]);
        shape.statement.run(parameters);
        continue;
      }
      for (const name of valueNames) parameters.push(change.values[name]);
      for (const name of keyNames) parameters.push(change.key[name]);
      const result = shape.statement.run(parameters);
      if (result.changes !== 1) throw new Error(`update of ${change.table} ${JSON.stringify(change.key)} found ${result.changes} rows, expected 1`);
    }
    this.pendingChanges += changes.length;
    if (this.pendingChanges >= SCRATCH_CHANGES_PER_COMMIT) this.settle();
  }

  close(): void {
    if (this.scratch.open) this.scratch.close();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private settle(): void {
    if (this.scratch.inTransaction) this.commit.run();
    this.pendingChanges = 0;
  }

  /** The statement for a change of this shape: a table sees a handful, found without building a key string per change. */
  private shapeOf(shapes: ScratchShape[], op: RowChange['op'], table: string, keyNames: string[], valueNames: string[]): ScratchShape {
    for (const shape of shapes) {
      if (shape.op === op && sameNames(shape.keyNames, keyNames) && sameNames(shape.valueNames, valueNames)) return shape;
    }
    const sql = op === 'upsert' ? upsertSql(table, keyNames, valueNames) : updateSql(table, keyNames, valueNames);
    const shape: ScratchShape = { op, keyNames, valueNames, statement: this.scratch.prepare(sql) };
    shapes.push(shape);
    return shape;
  }
}

/**
 * Whether the scratch copy of a table can be stored in its primary key's order (WITHOUT ROWID):
 * one B-tree insert per row instead of two (the row and the key's index), and the comparison
 * reads the rows in that order without a lookup per row. Only when that changes nothing the
 * rows could hold: every key column NOT NULL (a rowid table would take a NULL key, a WITHOUT
 * ROWID table refuses it), and not a lone INTEGER key (a rowid table makes it the rowid).
 */
function clusteredByKey(table: TableSchema): boolean {
  if (nullableKeyColumns(table).length > 0) return false;
  return !(table.primaryKey.length === 1 && /^INTEGER\b/i.test(table.columns[table.primaryKey[0]] ?? ''));
}

interface ScratchShape {
  op: RowChange['op'];
  keyNames: readonly string[];
  valueNames: readonly string[];
  statement: Database.Statement;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
 * Freezes the live tables at one instant, each projection at the position its checkpoint row
 * says in that instant. Runners commit their rows and checkpoint in one transaction (on this
 * thread or in the projection worker), so a snapshot of the file holds each projection's tables
 * exactly at its checkpoint. On a file in WAL mode (as the runners open it), a read transaction
 * on a connection of its own is that snapshot: the runners go on committing, and this
 * connection sees none of it until closed. Otherwise the file is copied with VACUUM INTO.
 */
export function snapshotTableRunners(runners: TableRunnerView[], file: string): LiveTablesSnapshot | undefined {
  if (runners.length === 0) return undefined;
  const live = new Database(file, { readonly: true, fileMustExist: true });
  if (String(live.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') {
    try {
      // The comparison reads every row in primary-key order, through the key's index: keep its pages.
      live.pragma('cache_size = -65536');
      live.exec('BEGIN');
      // A deferred transaction takes its snapshot at its first read: this one.
      const projections = checkpointsOf(live, runners);
      return { db: live, projections, close: () => closeSnapshot(live) };
    } catch (error) {
      live.close();
      throw error;
    }
  }
  const directory = mkdtempSync(join(tmpdir(), 'ledger-live-'));
  const copy = join(directory, 'live.db');
  try {
    live.prepare('VACUUM INTO ?').run(copy);
    live.close();
    const db = new Database(copy, { readonly: true });
    return {
      db,
      projections: checkpointsOf(db, runners),
      close: () => {
        if (db.open) db.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (live.open) live.close();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

function checkpointsOf(db: Database.Database, runners: TableRunnerView[]): { projection: TableProjection; position: number }[] {
  const saved = db.prepare('SELECT position FROM table_projection_checkpoints WHERE name = ?').pluck();
  return runners.map((runner) => ({ projection: runner.projection, position: (saved.get(runner.projection.name) as number | undefined) ?? 0 }));
}

function closeSnapshot(db: Database.Database): void {
  if (!db.open) return;
  if (db.inTransaction) db.exec('COMMIT');
  db.close();
}
