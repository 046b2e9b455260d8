import type Database from 'better-sqlite3';
import { assertAppendEvents, assertAppendTarget, assertPosition } from '../append-rules';
import type { AppendResult, CommitObserver, EventStore, EventToAppend, ExpectedRevision, HeldStream, ReadAllOptions, ReadStreamOptions, StoredEvent, Subscription } from '../event-store.port';
import { BatchWriter } from './batch-writer';
import { openConnection, openLogReader, resolveOptions, type SqliteEventStoreOptions, type SqliteEventStoreSettings } from './connection';
import { type GloballyChainedEvent, toGloballyChainedEvent, toStoredEvent } from './event-rows';
import { GroupCommit, type SqliteEventStoreStats } from './group-commit';
import { KnownHeads } from './known-heads';
import { pageThroughLog } from './paged-log-reader';
import { migrate } from './schema';
import { SharedLogPages } from './shared-log-pages';
import { closedError } from './sqlite-errors';
import { SqliteSubscription } from './sqlite-subscription';
import { KEYS_PER_LOOKUP, keysUsedSql, type LogReads, prepareLogReads, prepareStatements, type Statements } from './statements';

export type { SqliteEventStoreOptions } from './connection';
export type { GloballyChainedEvent } from './event-rows';
export type { SqliteEventStoreStats } from './group-commit';
export { DuplicateEventIdError } from './sqlite-errors';

/** Complete pages of the log kept for subscriptions catching up at slightly different speeds. */
const SHARED_PAGES_KEPT = 4;

/**
 * The event store port on an embedded SQLite file (better-sqlite3, WAL, synchronous=FULL).
 *
 * Writes go through the group commit (group-commit.ts): append() only validates and queues, and
 * every append queued in one turn of the event loop is written in one transaction
 * (batch-writer.ts), so a burst of appends shares one fsync. Reads page through the log by
 * position (paged-log-reader.ts); subscriptions catch up through pages decoded once for all of
 * them (shared-log-pages.ts), then take each commit's events as it happens (sqlite-subscription.ts).
 *
 * Several processes may open the same file: stream and log heads are read inside the write
 * transaction, never cached across commits, and subscriptions poll for foreign writes.
 *
 * Subscribers and append results share the event objects the caller passed in: treat events as
 * immutable.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  /** The log in position order, read through `logReader` (the writing connection for an in-memory file). */
  private readonly logReads: LogReads;
  private readonly knownHeads: KnownHeads;
  private readonly groupCommit: GroupCommit;
  /** What subscriptions read while they catch up, decoded once for all of them. */
  private readonly sharedPages: SharedLogPages;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly settings: SqliteEventStoreSettings,
    private readonly logReader: Database.Database | undefined,
  ) {
    this.statements = prepareStatements(db);
    this.logReads = prepareLogReads(logReader ?? db);
    this.knownHeads = new KnownHeads(() => this.statements.dataVersion.get() as number);
    this.groupCommit = new GroupCommit(new BatchWriter(db, this.statements, this.knownHeads), settings.maxAppendsPerCommit, {
      committedEvents: (written) => {
        for (const subscription of this.subscriptions) subscription.onCommitted(written);
      },
    });
    this.sharedPages = new SharedLogPages(
      settings.readPageSize,
      SHARED_PAGES_KEPT,
      (after, upTo, limit) => this.logReads.readAllPage.all(after, upTo, limit).map(toStoredEvent),
      // A writing connection left inside a transaction (a COMMIT and its ROLLBACK both failed)
      // reads its own uncommitted rows: nothing read through it then may be kept as final.
      () => this.logReader !== undefined || !this.db.inTransaction,
    );
  }

  /** Opens (creating if needed) the store in `filePath` and brings its schema up to date. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const settings = resolveOptions(options);
    const db = openConnection(filePath, settings);
    let logReader: Database.Database | undefined;
    try {
      migrate(db);
      logReader = openLogReader(db, settings);
      return new SqliteEventStore(db, settings, logReader);
    } catch (error) {
      logReader?.close();
      db.close();
      throw error;
    }
  }

  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision, held: readonly HeldStream[] = []): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    try {
      // Programming errors are thrown before anything is queued, so they never touch a batch.
      assertAppendTarget(streamId, events, expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      assertAppendEvents(streamId, events);
    } catch (error) {
      // A malformed event: the append still takes its turn on the stream as a failed one, so that
      // an append pipelined on it fails too.
      return this.groupCommit.enqueue(streamId, events, expectedRevision, error as Error, held);
    }
    return this.groupCommit.enqueue(streamId, events, expectedRevision, undefined, held);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const fromRevision = options.fromRevision ?? 0;
    assertPosition('fromRevision', fromRevision);
    // A negative LIMIT means "no limit" to SQLite: a count below one reads nothing, as in readAll.
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    // The file's version before the read: a commit by another process in between makes the head
    // remembered below look stale, never current.
    const dataVersion = this.knownHeads.currentVersion();
    const rows = this.statements.readStream.all(streamId, fromRevision, options.maxCount ?? -1);
    // Fewer rows than asked for: the read reached the stream's head, which the store vouches for
    // until another connection commits (see KnownHeads). A read that found nothing after a
    // revision (a caller catching up) looks the head up once, so the next one need not read.
    const reachedHead = options.maxCount === undefined || rows.length < options.maxCount;
    if (reachedHead && !this.db.inTransaction) {
      const last = rows[rows.length - 1];
      const head = last ? { revision: last.revision, hash: last.hash, position: last.position } : fromRevision > 0 ? this.statements.streamHead.get(streamId) : undefined;
      if (head) this.knownHeads.rememberStream(dataVersion, streamId, head);
    }
    return rows.map(toStoredEvent);
  }

  /** See KnownHeads: kept until another connection commits. */
  knownStreamRevision(streamId: string): number | undefined {
    if (this.closed) return undefined;
    return this.knownHeads.revisionOf(streamId);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.statements.streamHead.get(streamId)?.revision ?? -1;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return this.pages(options, (after, to, limit) => this.logReads.readAllPage.all(after, to, limit), toStoredEvent);
  }

  /**
   * Like readAll, with each event's link in the global chain (see GloballyChainedEvent). For the
   * auditor's verify tool; SQLite only, as EventStoreDB keeps no such chain.
   */
  readAllWithGlobalHashes(options: ReadAllOptions = {}): AsyncIterable<GloballyChainedEvent> {
    return this.pages(options, (after, to, limit) => this.logReads.readAllGlobalPage.all(after, to, limit), toGloballyChainedEvent);
  }

  /**
   * Positions and hashes of at most `limit` events after `afterPosition`, in order, without
   * reading or parsing their data: what the Merkle tree beside the log is made of.
   */
  readHashesAfter(afterPosition: number, limit: number): { position: number; hash: string }[] {
    this.assertOpen();
    return this.logReads.readHashesPage.all(afterPosition, Number.MAX_SAFE_INTEGER, limit);
  }

  /**
   * At most `limit` events after `afterPosition`, in order, read now from the file (no shared
   * page, no subscription): one page of the log, as the projection worker's shared reader takes it.
   */
  readEventsAfter(afterPosition: number, limit: number): StoredEvent[] {
    this.assertOpen();
    return this.logReads.readAllPage.all(afterPosition, Number.MAX_SAFE_INTEGER, limit).map(toStoredEvent);
  }

  /** The file this store writes, for another thread or process to open it. */
  get file(): string {
    return this.db.name;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.headPosition.get()?.position ?? 0;
  }

  async readByIdempotencyKey(idempotencyKey: string): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.statements.readByIdempotencyKey.all(idempotencyKey).map(toStoredEvent);
  }

  async idempotencyKeysUsed(idempotencyKeys: readonly string[]): Promise<Set<string>> {
    this.assertOpen();
    const used = new Set<string>();
    for (let start = 0; start < idempotencyKeys.length; start += KEYS_PER_LOOKUP) {
      const chunk = idempotencyKeys.slice(start, start + KEYS_PER_LOOKUP);
      // A full chunk reuses one prepared statement; only the last, shorter one prepares its own.
      const statement = chunk.length === KEYS_PER_LOOKUP ? this.statements.idempotencyKeysUsed : this.db.prepare(keysUsedSql(chunk.length)).pluck();
      for (const key of statement.all(...chunk) as string[]) used.add(key);
    }
    return used;
  }

  subscribe(afterPosition: number): Subscription {
    this.assertOpen();
    assertPosition('afterPosition', afterPosition);
    const subscription = new SqliteSubscription(afterPosition, {
      pollIntervalMs: this.settings.pollIntervalMs,
      pageSize: this.settings.readPageSize,
      readAfter: (position, limit) => this.sharedPages.readAfter(position, limit),
      forget: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Writes every queued append, ends every subscription, then closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.groupCommit.flushAll();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // The reader first: the writing connection, closing last, checkpoints the WAL into the file.
    this.logReader?.close();
    this.db.close();
  }

  commitQueued(): void {
    if (this.closed) return;
    this.groupCommit.flushAll();
  }

  observeCommits(observer: CommitObserver): void {
    this.groupCommit.observe(observer);
  }

  stats(): SqliteEventStoreStats {
    return this.groupCommit.stats();
  }

  /** The log page by page; a store closed between pages ends the iteration with an error. */
  private pages<Row extends { position: number }, Event>(
    options: ReadAllOptions,
    readPage: (afterPosition: number, toPosition: number, limit: number) => Row[],
    toEvent: (row: Row) => Event,
  ): AsyncIterable<Event> {
    return pageThroughLog(options, this.settings.readPageSize, () => this.assertOpen(), readPage, toEvent);
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}
