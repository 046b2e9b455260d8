import type Database from 'better-sqlite3';
import type { RowChange, RowValue, TableProjection, TableSchema } from '../../projections/table-projection';
import type { EventStore, StoredEvent } from '../event-store/event-store.port';
import type { TableRunnerState, TableRunnerView } from './table-runner-view';
import type { RunnerLogger } from './projection-runner';
import { PositionWaiters } from './position-waiters';
import { toProjectedEvent } from './projected-event';
import { InProcessTableFeed } from './in-process-feed';

/**
 * Following the log, a runner commits after every turn of the event loop, so a read waits for
 * little. Catching up (a turn brought a whole page of the log or more, and the next turn brought
 * more), it gathers up to this many events per commit: inserts into indexes keyed by reference,
 * amount or name words land on pages all over each index, and every commit writes each page it
 * touched once, so larger commits write far fewer pages per event. At 1M statement rows, 1,000
 * events per commit left the registers a minute behind an import; 5,000 kept them up with it.
 */
const BATCH_EVENTS = 5000;
/** A turn that gathered at least this many events since the last commit is a catch-up turn. */
const CATCH_UP_TURN_EVENTS = 1000;
const RETRY_DELAY_MS = 1000;
/**
 * A projection that starts more than this many events behind the log, and behind by more than it
 * has applied (a rebuild, or a first start after a large import), fills its tables first and
 * creates their secondary indexes once caught up: one sort per index instead of a B-tree insert
 * per row and index. Reads in between are answered, without those indexes.
 */
const DEFER_INDEXES_BEYOND = 10_000;

const CHECKPOINTS_DDL = `CREATE TABLE IF NOT EXISTS table_projection_checkpoints (
  name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL)`;

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

function quoted(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`not a safe SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

/** SQL that creates a table and its indexes; identifiers come from the projection, never from a request. */
export function tableDdl(schema: TableSchema): string[] {
  const columns = Object.entries(schema.columns).map(([name, type]) => `${quoted(name)} ${type}`);
  const primaryKey = `PRIMARY KEY (${schema.primaryKey.map(quoted).join(', ')})`;
  if (schema.storedInKeyOrder) {
    const nullable = nullableKeyColumns(schema);
    if (nullable.length > 0) throw new Error(`${schema.name}: stored in key order needs NOT NULL key columns, not ${nullable.join(', ')}`);
  }
  const create = `CREATE TABLE IF NOT EXISTS ${quoted(schema.name)} (${[...columns, primaryKey].join(', ')})`;
  return [schema.storedInKeyOrder ? `${create} WITHOUT ROWID` : create, ...indexDdl(schema)];
}

/**
 * The key columns that may hold NULL. A rowid table takes a NULL in its key and a WITHOUT ROWID
 * table refuses it: only a key without such columns holds the same rows stored either way.
 */
export function nullableKeyColumns(schema: TableSchema): string[] {
  return schema.primaryKey.filter((column) => !/\bNOT\s+NULL\b/i.test(schema.columns[column] ?? ''));
}

function indexDdl(schema: TableSchema): string[] {
  return schema.indexes.map((index) => `CREATE INDEX IF NOT EXISTS ${quoted(index.name)} ON ${quoted(schema.name)} (${index.columns.map(quoted).join(', ')})`);
}

/**
 * Runs one table projection: follows the log from its checkpoint, turns each event into row
 * changes with the pure projection and applies a batch of them together with the checkpoint in
 * one SQLite transaction. `appliedPosition` is the committed position, so what a query reads is
 * exactly the log up to it. A failing batch is rolled back, logged with its position and retried
 * from the last commit, never skipped. Each projection has its own checkpoint and version.
 *
 * It is fed (`startFed`): a SharedLogFeed reads each page of the log once and offers it to every
 * runner behind it; `start` gives it a feed of its own.
 */
export class TableProjectionRunner implements TableRunnerView {
  private position = 0;
  private pending: { position: number; changes: RowChange[] }[] = [];
  private ownFeed: InProcessTableFeed | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly waiters = new PositionWaiters(() => this.position);
  private flushScheduled = false;
  /** How many events were pending at the previous catch-up turn: no more since means commit now. */
  private pendingAtLastTurn = 0;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly upsertShapes = new Map<string, PreparedShape[]>();
  private readonly updateShapes = new Map<string, PreparedShape[]>();
  private readonly columnsOf = new Map<string, Set<string>>();
  /** While rebuilding a long log: the position after which the secondary indexes are created. */
  private indexesDeferredUntil: number | undefined;
  private indexing = false;
  /** Waiting for `indexed`, counted as position 1 (indexed) over 0. */
  private readonly indexWaiters = new PositionWaiters(() => (this.indexed ? 1 : 0));
  /** The last batch failed (cleared by the next commit). */
  private failure: { position: number; message: string } | undefined;
  /** Fed: the feed cannot read the log (reported as the runner's error while it lasts). */
  private readError: { position: number; message: string } | undefined;
  /** Fed: events are offered again from the checkpoint once this time (Date.now()) has passed after a failure. */
  private retryAfterMs = 0;
  private fed = false;
  /** Called after each commit, failure and index creation: whoever reports the runner's state hears of it. */
  onProgress: (() => void) | undefined;

  constructor(
    readonly projection: TableProjection,
    private readonly store: EventStore,
    readonly db: Database.Database,
    private readonly logger: RunnerLogger,
  ) {
    for (const table of projection.tables) this.columnsOf.set(table.name, new Set(Object.keys(table.columns)));
  }

  /** The log position the tables reflect: every event at or below it is committed. */
  get appliedPosition(): number {
    return this.position;
  }

  /**
   * False while secondary indexes are deferred (catching up a long log) or being created: the
   * register's queries name their indexes, so it cannot be read until this is true again.
   */
  get indexed(): boolean {
    return this.indexesDeferredUntil === undefined;
  }

  /** Resolves true once the register is indexed (at once if it is), or false after `timeoutMs`. */
  waitForIndexes(timeoutMs: number): Promise<boolean> {
    return this.indexWaiters.waitFor(1, timeoutMs);
  }

  /** Why the register is not moving: its last batch failed, or the log cannot be read; undefined when neither. */
  get lastError(): { position: number; message: string } | undefined {
    return this.failure ?? this.readError;
  }

  /** What the runner reports of itself (see TableRunnerState). */
  state(): TableRunnerState {
    return { name: this.projection.name, appliedPosition: this.position, indexed: this.indexed, lastError: this.lastError };
  }

  /**
   * Prepares the tables and defers their indexes if far behind, without following the log: the
   * caller offers it the log's events (`offer`), as SharedLogFeed does for every runner at once.
   */
  async startFed(): Promise<void> {
    this.fed = true;
    this.prepareTables();
    await this.deferIndexesIfFarBehind();
  }

  /** The last position gathered or committed: a fed runner wants the events after it. */
  get gatheredPosition(): number {
    return this.lastGathered();
  }

  /** Whether a fed runner takes events now: not stopped, and not waiting to retry after a failure. */
  wantsEvents(nowMs: number): boolean {
    return this.fed && !this.stopped && nowMs >= this.retryAfterMs;
  }

  /**
   * Fed: gathers the events after its last gathered position (the earlier ones are skipped). A
   * failure is logged and surfaced as `lastError`; the feed offers the events again from the
   * checkpoint after RETRY_DELAY_MS.
   */
  offer(events: readonly StoredEvent[]): void {
    if (this.stopped) return;
    try {
      for (const stored of events) this.gather(stored);
    } catch (error) {
      this.recoverFrom(error);
    }
  }

  /** Fed: the log cannot be read (its error), or can again (undefined). */
  readFailing(message: string | undefined): void {
    this.readError = message === undefined ? undefined : { position: this.position + 1, message };
    this.onProgress?.();
  }

  /** Follows the log alone: fed by a reader of its own (InProcessTableFeed), as registers are fed together. */
  start(): void {
    this.running = InProcessTableFeed.start(this.store, [this], this.logger).then((feed) => {
      this.ownFeed = feed;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.ownFeed?.stop();
    this.commit();
    this.waiters.releaseAll();
    this.indexWaiters.releaseAll();
  }

  /** Resolves true once the tables reflect `position`, or false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitFor(position, timeoutMs);
  }

  /**
   * Loads the checkpoint; when the projection's version differs from the saved one, drops its
   * tables and starts from the beginning of the log. Only this projection's tables are touched.
   */
  private prepareTables(): void {
    this.db.exec(CHECKPOINTS_DDL);
    const saved = this.db.prepare('SELECT version, position FROM table_projection_checkpoints WHERE name = ?').get(this.projection.name) as
      | { version: number; position: number } | undefined;
    const rebuild = saved === undefined || saved.version !== this.projection.version;
    if (saved && rebuild) {
      this.logger.log('Table projection version changed: rebuilding from the start of the log', { projection: this.projection.name, from: saved.version, to: this.projection.version });
    }
    // IMMEDIATE: the write lock is taken first, waiting for another writer of the file (the main
    // thread's checkpoints, another runner). A deferred transaction would start by reading (a DROP
    // of a table not there yet writes nothing), and its first write while another connection
    // holds the lock fails at once with "database is locked", whatever the busy timeout.
    this.db.transaction(() => {
      for (const table of this.projection.tables) {
        if (rebuild) this.db.exec(`DROP TABLE IF EXISTS ${quoted(table.name)}`);
        for (const statement of tableDdl(table)) this.db.exec(statement);
      }
      if (rebuild) this.saveCheckpoint(0);
    }).immediate();
    this.position = rebuild ? 0 : saved.position;
  }

  /**
   * Far behind the log (see DEFER_INDEXES_BEYOND): drop the secondary indexes and create them
   * once caught up. A stop in between leaves a checkpoint; the next start creates the missing
   * indexes first (prepareTables) and drops them again only if still that far behind.
   */
  private async deferIndexesIfFarBehind(): Promise<void> {
    const behind = (await this.store.headPosition()) - this.position;
    if (behind <= Math.max(DEFER_INDEXES_BEYOND, this.position) || this.projection.tables.every((table) => table.indexes.length === 0)) return;
    this.db.transaction(() => {
      for (const table of this.projection.tables) for (const index of table.indexes) this.db.exec(`DROP INDEX IF EXISTS ${quoted(index.name)}`);
    }).immediate();
    this.indexesDeferredUntil = this.position + behind;
  }

  /**
   * Once caught up, the deferred indexes are created one per turn of the event loop, from the
   * turn after the commit on: each is one synchronous sort of its table, and requests are
   * answered between two of them (reads of this register wait for the last, see `indexed`). A
   * stop in between leaves the rest to the next start (prepareTables); a failure is logged and
   * tried again after RETRY_DELAY_MS.
   */
  private createDeferredIndexes(): void {
    if (this.indexesDeferredUntil === undefined || this.position < this.indexesDeferredUntil || this.indexing) return;
    this.indexing = true;
    const statements = this.projection.tables.flatMap((table) => indexDdl(table));
    const started = Date.now();
    const createFrom = (index: number): void => {
      if (this.stopped || !this.db.open) {
        this.indexing = false;
        return;
      }
      try {
        this.db.exec(statements[index]);
      } catch (error) {
        this.logger.error('Table projection could not create a deferred index; retrying', {
          projection: this.projection.name, statement: statements[index], error: error instanceof Error ? error.message : String(error),
        });
        setTimeout(() => createFrom(index), RETRY_DELAY_MS).unref();
        return;
      }
      if (index + 1 < statements.length) {
        setImmediate(() => createFrom(index + 1));
        return;
      }
      this.indexesDeferredUntil = undefined;
      this.indexing = false;
      this.logger.log('Table projection indexed after catching up', { projection: this.projection.name, position: this.position, indexMs: Date.now() - started });
      this.indexWaiters.release();
      this.onProgress?.();
    };
    setImmediate(() => createFrom(0));
  }

  private lastGathered(): number {
    return this.pending.length > 0 ? this.pending[this.pending.length - 1].position : this.position;
  }

  private gather(stored: StoredEvent): void {
    if (stored.position <= this.lastGathered()) return;
    let changes: RowChange[];
    try {
      changes = this.projection.apply(toProjectedEvent(stored));
    } catch (error) {
      // What was gathered before the failing event is sound: commit it, so the failure holds
      // back only the event itself and what follows.
      this.commit();
      throw new TableProjectionFailure(stored.position, error);
    }
    this.pending.push({ position: stored.position, changes });
    if (this.pending.length >= BATCH_EVENTS) this.commit();
    else this.scheduleCommit();
  }

  private scheduleCommit(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.pending.length >= CATCH_UP_TURN_EVENTS && this.pending.length < BATCH_EVENTS && this.pending.length !== this.pendingAtLastTurn) {
        this.pendingAtLastTurn = this.pending.length;
        this.scheduleCommit();
        return;
      }
      try {
        this.commit();
      } catch (error) {
        // Back to the last commit: the feed offers the log again from there once the retry delay has passed.
        this.recoverFrom(error);
      }
    });
  }

  /** Applies the gathered row changes and the checkpoint in one transaction, or none of them. */
  private commit(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingAtLastTurn = 0;
    const last = batch[batch.length - 1].position;
    this.db.transaction(() => {
      for (const entry of batch) {
        for (const change of entry.changes) {
          try {
            this.applyChange(change);
          } catch (error) {
            throw new TableProjectionFailure(entry.position, error);
          }
        }
      }
      this.saveCheckpoint(last);
    })();
    this.position = last;
    this.failure = undefined;
    this.waiters.release();
    this.createDeferredIndexes();
    this.onProgress?.();
  }

  private saveCheckpoint(position: number): void {
    const key = 'checkpoint';
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO table_projection_checkpoints (name, version, position) VALUES (?, ?, ?)
      ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position`);
      this.statements.set(key, statement);
    }
    statement.run(this.projection.name, this.projection.version, position);
  }

  private applyChange(change: RowChange): void {
    const keyNames = Object.keys(change.key);
    const valueNames = Object.keys(change.values);
    const parameters: RowValue[] = [];
    for (const name of keyNames) parameters.push(change.key[name]);
    for (const name of valueNames) parameters.push(change.values[name]);
    const result = this.shapeOf(change.op, change.table, keyNames, valueNames).run(parameters);
    if (change.op === 'update' && result.changes !== 1) {
      throw new Error(`update of ${change.table} ${JSON.stringify(change.key)} found ${result.changes} rows, expected 1`);
    }
  }

  /**
   * The prepared statement for a change of this shape (operation, table, key and value columns).
   * A projection emits a handful of shapes per table, so they are found by comparing column
   * names with the few prepared for the table, without building a key string per change.
   */
  private shapeOf(op: RowChange['op'], table: string, keyNames: string[], valueNames: string[]): PreparedShape {
    const byTable = op === 'upsert' ? this.upsertShapes : this.updateShapes;
    let shapes = byTable.get(table);
    if (shapes) {
      for (const shape of shapes) if (sameNames(shape.keyNames, keyNames) && sameNames(shape.valueNames, valueNames)) return shape;
    } else {
      shapes = [];
      byTable.set(table, shapes);
    }
    const shape = this.prepareShape(op, table, keyNames, valueNames);
    shapes.push(shape);
    return shape;
  }

  private prepareShape(op: RowChange['op'], table: string, keyNames: string[], valueNames: string[]): PreparedShape {
    // First change of this shape: the table and columns must be the projection's own.
    const columns = this.columnsOf.get(table);
    if (!columns) throw new Error(`${this.projection.name} changed table ${table}, which it does not own`);
    for (const name of [...keyNames, ...valueNames]) {
      if (!columns.has(name)) throw new Error(`table ${table} has no column ${name}`);
    }
    if (op === 'upsert') {
      const all = [...keyNames, ...valueNames];
      const set = valueNames.length === 0 ? 'NOTHING' : `UPDATE SET ${valueNames.map((v) => `${quoted(v)} = excluded.${quoted(v)}`).join(', ')}`;
      const statement = this.db.prepare(`INSERT INTO ${quoted(table)} (${all.map(quoted).join(', ')}) VALUES (${all.map(() => '?').join(', ')})
        ON CONFLICT (${keyNames.map(quoted).join(', ')}) DO ${set}`);
      return { keyNames, valueNames, run: (parameters) => statement.run(parameters) };
    }
    if (valueNames.length === 0) throw new Error(`update of ${table} changes no column`);
    const statement = this.db.prepare(`UPDATE ${quoted(table)} SET ${valueNames.map((v) => `${quoted(v)} = ?`).join(', ')}
      WHERE ${keyNames.map((k) => `${quoted(k)} = ?`).join(' AND ')}`);
    // Parameters arrive key first; an UPDATE binds SET values first.
    const keys = keyNames.length;
    return { keyNames, valueNames, run: (parameters) => statement.run([...parameters.slice(keys), ...parameters.slice(0, keys)]) };
  }

  /** Nothing past the last commit is kept: gather again from the checkpoint. */
  private recoverFrom(error: unknown): void {
    const position = error instanceof TableProjectionFailure ? error.position : this.position + 1;
    const cause = error instanceof TableProjectionFailure ? error.cause : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    this.pending = [];
    this.pendingAtLastTurn = 0;
    this.failure = { position, message };
    this.retryAfterMs = Date.now() + RETRY_DELAY_MS;
    this.logger.error('Table projection failed; retrying from its last checkpoint', { projection: this.projection.name, position, error: message });
    this.onProgress?.();
  }
}

interface PreparedShape {
  keyNames: readonly string[];
  valueNames: readonly string[];
  run(parameters: RowValue[]): Database.RunResult;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

class TableProjectionFailure extends Error {
  constructor(readonly position: number, override readonly cause: unknown) {
    super(`Table projection failed at position ${position}`);
  }
}
