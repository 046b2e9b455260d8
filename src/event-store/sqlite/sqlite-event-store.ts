import Database from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  CommitObserver,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
} from '../event-store.port';
import { chainHash, eventHash, GENESIS_HASH } from '../hash-chain';
import { commitObservation } from './commit-observation';
import { migrate } from './schema';
import { SharedLogPages } from './shared-log-pages';

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

/**
 * A stored event with its link in the global chain, which runs through the whole log in position
 * order: globalHash = chainHash(globalPreviousHash, hash), and globalPreviousHash is the globalHash
 * of the event at the previous position (GENESIS_HASH for the first event of the log). The stream
 * chain (previousHash/hash) cannot see an event deleted from the end of a stream or two streams'
 * events reordered; the global chain can, so the auditor verifies both.
 */
export interface GloballyChainedEvent extends StoredEvent {
  globalPreviousHash: string;
  globalHash: string;
}

/** Counters since the store was opened; for observability and for tests of the group commit. */
export interface SqliteEventStoreStats {
  /** Write transactions committed, each one fsync of the WAL, whatever the number of appends in it. */
  commits: number;
  appendsSucceeded: number;
  /** Appends refused on their own (wrong revision, duplicate event id, unserialisable data). */
  appendsRejected: number;
  eventsWritten: number;
  /** Group commits rolled back as a whole (disk full, I/O error, lock timeout): every append failed. */
  batchesFailed: number;
}

/** An event id that is already in the log (or twice in one append). Nothing of the append was written. */
export class DuplicateEventIdError extends Error {
  readonly type = 'duplicate-event-id' as const;

  constructor(
    readonly streamId: string,
    readonly eventId: string | undefined,
  ) {
    super(`Event id ${eventId ?? '(unknown)'} appended to ${streamId} is already in the log`);
    this.name = 'DuplicateEventIdError';
  }
}

const DEFAULT_OPTIONS: Required<SqliteEventStoreOptions> = {
  cacheSizeMiB: 64,
  busyTimeoutMs: 5_000,
  pollIntervalMs: 75,
  readPageSize: 1_000,
  maxAppendsPerCommit: 1_000,
};

/** Complete pages of the log kept for subscriptions catching up at slightly different speeds. */
const SHARED_PAGES_KEPT = 4;

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash';
const GLOBAL_EVENT_COLUMNS = `${EVENT_COLUMNS}, global_previous_hash, global_hash`;

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  previous_hash: string;
  hash: string;
}

interface GlobalEventRow extends EventRow {
  global_previous_hash: string;
  global_hash: string;
}

interface InsertEventParams {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: string;
  metadata: string;
  idempotencyKey: string | null;
  previousHash: string;
  hash: string;
  globalPreviousHash: string;
  globalHash: string;
}

/** The last event of a stream as seen inside the current write transaction. */
interface StreamHead {
  revision: number;
  hash: string;
  position: number;
}

/** The last event of the whole log as seen inside the current write transaction. */
interface LogHead {
  position: number;
  globalHash: string;
}

type Statements = ReturnType<typeof prepareStatements>;

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
  queuedAtMs: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/** What one group commit has done so far, before COMMIT. */
interface BatchState {
  streamHeads: Map<string, StreamHead>;
  logHead: LogHead;
  written: StoredEvent[];
}

/**
 * The event store port on an embedded SQLite file (better-sqlite3, WAL, synchronous=FULL).
 *
 * Group commit: append() only validates and queues. A flush scheduled with setImmediate writes
 * every queued append in ONE transaction, in call order, so a burst of appends shares one fsync.
 * setImmediate rather than a microtask so that appends from all the requests handled in one turn
 * of the event loop land in the same commit. Each append is checked against the stream's head as
 * left by the appends before it in the batch, and is written whole under its own SAVEPOINT or
 * fails alone. Promises settle only after COMMIT returns; if the commit itself fails, every
 * append of the batch is rejected with EventStoreUnavailableError.
 *
 * Pipelining: because appends are applied in call order, a caller may issue append B expecting
 * the revision that a still pending append A will produce. If A fails, B fails too.
 *
 * Retries: an append whose event ids are already stored where its expected revision put them
 * returns the first write's result, as in EventStoreDB. An event id stored anywhere else fails
 * the append with DuplicateEventIdError (event_id is UNIQUE, which EventStoreDB does not enforce).
 *
 * Several processes may open the same file: stream and log heads are read inside the write
 * transaction, never cached across commits, and subscriptions poll for foreign writes.
 *
 * Subscribers and append results share the event objects the caller passed in: treat events as
 * immutable.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  /** Stream heads as of this connection's last write or full read of them (knownStreamRevision). */
  private readonly knownHeads = new Map<string, number>();
  private knownHeadsDataVersion: number | undefined;
  /** What subscriptions read while they catch up, decoded once for all of them. */
  private readonly sharedPages: SharedLogPages;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private commitObserver: CommitObserver | undefined;
  private commitStartedAtMs = 0;
  private readonly counters: SqliteEventStoreStats = {
    commits: 0,
    appendsSucceeded: 0,
    appendsRejected: 0,
    eventsWritten: 0,
    batchesFailed: 0,
  };

  private constructor(
    private readonly db: Database.Database,
    private readonly settings: Required<SqliteEventStoreOptions>,
  ) {
    this.statements = prepareStatements(db);
    this.sharedPages = new SharedLogPages(
      settings.readPageSize,
      SHARED_PAGES_KEPT,
      (after, upTo, limit) => this.statements.readAllPage.all(after, upTo, limit).map(toStoredEvent),
      // A connection left inside a transaction (a COMMIT and its ROLLBACK both failed) reads its
      // own uncommitted rows: nothing read then may be kept as final.
      () => !this.db.inTransaction,
    );
  }

  /** Opens (creating if needed) the store in `filePath` and brings its schema up to date. */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const settings = resolveOptions(options);
    const db = new Database(filePath, { timeout: settings.busyTimeoutMs });
    try {
      configureConnection(db, settings);
      migrate(db);
      return new SqliteEventStore(db, settings);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(closedError());
    try {
      assertValidAppend(streamId, events, expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      // A copy of the array, so that a caller reusing it cannot change what is queued.
      this.pending.push({ streamId, events: [...events], expectedRevision, queuedAtMs: performance.now(), resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    // A negative LIMIT means "no limit" to SQLite.
    const rows = this.statements.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1);
    if (options.maxCount === undefined && rows.length > 0) this.knownHeads.set(streamId, rows[rows.length - 1].revision);
    return rows.map(toStoredEvent);
  }

  /**
   * Heads this connection wrote or read to the end are kept until another connection commits:
   * SQLite's data_version changes exactly then (never for this connection's own commits), and
   * every head kept before the change is dropped, whichever stream the other writer touched.
   */
  knownStreamRevision(streamId: string): number | undefined {
    if (this.closed) return undefined;
    const dataVersion = this.statements.dataVersion.get() as number;
    if (dataVersion !== this.knownHeadsDataVersion) {
      this.knownHeads.clear();
      this.knownHeadsDataVersion = dataVersion;
      return undefined;
    }
    return this.knownHeads.get(streamId);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    return this.statements.streamHead.get(streamId)?.revision ?? -1;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return this.pageThroughLog(
      options,
      (after, to, limit) => this.statements.readAllPage.all(after, to, limit),
      toStoredEvent,
    );
  }

  /**
   * Like readAll, with each event's link in the global chain (see GloballyChainedEvent). For the
   * auditor's verify tool; SQLite only, as EventStoreDB keeps no such chain.
   */
  readAllWithGlobalHashes(options: ReadAllOptions = {}): AsyncIterable<GloballyChainedEvent> {
    return this.pageThroughLog(
      options,
      (after, to, limit) => this.statements.readAllGlobalPage.all(after, to, limit),
      toGloballyChainedEvent,
    );
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
    if (!Number.isSafeInteger(afterPosition) || afterPosition < 0) {
      throw new TypeError(`afterPosition must be a non-negative integer, got ${String(afterPosition)}`);
    }
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
    while (this.pending.length > 0) this.commitBatch(this.takeNextBatch());
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  observeCommits(observer: CommitObserver): void {
    this.commitObserver = observer;
  }

  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushNextBatch());
  }

  private flushNextBatch(): void {
    this.flushScheduled = false;
    // close() may have flushed everything already.
    if (this.pending.length === 0) return;
    this.commitBatch(this.takeNextBatch());
    // Yield to the event loop between large batches rather than writing them all at once.
    if (this.pending.length > 0) this.scheduleFlush();
  }

  private takeNextBatch(): PendingAppend[] {
    return this.pending.splice(0, this.settings.maxAppendsPerCommit);
  }

  private commitBatch(batch: PendingAppend[]): void {
    let outcomes: AppendOutcome[];
    let written: StoredEvent[];
    try {
      ({ outcomes, written } = this.writeBatch(batch));
    } catch (error) {
      this.rollbackIfInTransaction();
      this.counters.batchesFailed += 1;
      const failure = new EventStoreUnavailableError(
        `Group commit of ${batch.length} append(s) failed: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
      for (const append of batch) append.reject(failure);
      this.commitObserver?.(commitObservation(batch, 0, 0, true));
      return;
    }
    this.counters.commits += 1;
    this.counters.eventsWritten += written.length;
    batch.forEach((append, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) {
        this.counters.appendsSucceeded += 1;
        append.resolve(outcome.result);
      } else {
        this.counters.appendsRejected += 1;
        append.reject(outcome.error);
      }
    });
    if (written.length > 0) for (const subscription of this.subscriptions) subscription.onCommitted(written);
    this.commitObserver?.(commitObservation(batch, written.length, performance.now() - this.commitStartedAtMs, false));
  }

  /** One write transaction for the whole batch. Throws only when the batch must fail as a whole. */
  private writeBatch(batch: PendingAppend[]): { outcomes: AppendOutcome[]; written: StoredEvent[] } {
    // IMMEDIATE takes the write lock now, so the heads read below cannot change under us.
    this.statements.begin.run();
    const state: BatchState = { streamHeads: new Map(), logHead: this.readLogHead(), written: [] };
    const outcomes = batch.map((append) => this.applyAppend(append, state));
    this.commitStartedAtMs = performance.now();
    this.statements.commit.run();
    // Read under the write lock, so current as of this commit.
    for (const [streamId, head] of state.streamHeads) {
      if (head.revision >= 0) this.knownHeads.set(streamId, head.revision);
    }
    return { outcomes, written: state.written };
  }

  private applyAppend(append: PendingAppend, state: BatchState): AppendOutcome {
    const { streamId, events, expectedRevision } = append;
    const head = this.streamHeadInBatch(streamId, state);
    if (!revisionMatches(expectedRevision, head.revision)) {
      const firstWrite = this.findRetriedAppend(append);
      if (firstWrite) return { ok: true, result: firstWrite };
      return { ok: false, error: new WrongExpectedRevisionError(streamId, expectedRevision, head.revision) };
    }
    if (events.length === 0) {
      // Nothing to write, but the expected revision was checked: the stream's head is the answer.
      return { ok: true, result: { nextExpectedRevision: head.revision, lastPosition: head.position, events: [] } };
    }
    this.statements.savepoint.run();
    try {
      const { stored, lastGlobalHash } = this.insertEvents(streamId, events, head, state.logHead);
      this.statements.releaseSavepoint.run();
      const last = stored[stored.length - 1];
      state.streamHeads.set(streamId, { revision: last.revision, hash: last.hash, position: last.position });
      state.logHead = { position: last.position, globalHash: lastGlobalHash };
      // A loop, not push(...stored): spreading a very large append would overflow the stack.
      for (const event of stored) state.written.push(event);
      return { ok: true, result: { nextExpectedRevision: last.revision, lastPosition: last.position, events: stored } };
    } catch (error) {
      // Disk full, I/O errors and the like doom the whole transaction; anything else is this
      // append's own fault and is undone alone.
      if (isFatalSqliteError(error) || !this.db.inTransaction) throw error;
      this.statements.rollbackToSavepoint.run();
      this.statements.releaseSavepoint.run();
      // With 'any' a retry passes the revision check and only meets its own event ids here.
      const firstWrite = isUniqueViolation(error) ? this.findRetriedAppend(append) : undefined;
      if (firstWrite) return { ok: true, result: firstWrite };
      return { ok: false, error: this.describeAppendFailure(error, streamId, events) };
    }
  }

  private insertEvents(
    streamId: string,
    events: EventToAppend[],
    head: StreamHead,
    logHead: LogHead,
  ): { stored: StoredEvent[]; lastGlobalHash: string } {
    const stored: StoredEvent[] = [];
    let previousHash = head.hash;
    let globalPreviousHash = logHead.globalHash;
    events.forEach((event, index) => {
      const revision = head.revision + 1 + index;
      // Positions are assigned here, not by SQLite, so the global chain can be computed before
      // the insert; they stay gapless because the write lock is held.
      const position = logHead.position + 1 + index;
      // Hashed before serialising: canonicalize refuses NaN and Infinity, which JSON.stringify
      // would silently store as null and so break the chain on re-verification.
      const hash = eventHash(previousHash, streamId, revision, event);
      const globalHash = chainHash(globalPreviousHash, hash);
      this.statements.insertEvent.run({
        position,
        streamId,
        revision,
        eventId: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        idempotencyKey: event.metadata.idempotencyKey ?? null,
        previousHash,
        hash,
        globalPreviousHash,
        globalHash,
      });
      stored.push(storedEvent(event, streamId, revision, position, previousHash, hash));
      previousHash = hash;
      globalPreviousHash = globalHash;
    });
    return { stored, lastGlobalHash: globalPreviousHash };
  }

  private streamHeadInBatch(streamId: string, state: BatchState): StreamHead {
    const known = state.streamHeads.get(streamId);
    if (known) return known;
    const row = this.statements.streamHead.get(streamId);
    const head = row ?? { revision: -1, hash: GENESIS_HASH, position: 0 };
    state.streamHeads.set(streamId, head);
    return head;
  }

  private readLogHead(): LogHead {
    return this.statements.logHead.get() ?? { position: 0, globalHash: GENESIS_HASH };
  }

  /**
   * A retry of an append that was already written, as EventStoreDB recognises one, so that both
   * adapters answer a retry alike: the same event ids, stored in this stream in the same order,
   * starting at the revision the expected revision implies (anywhere for 'any' and
   * 'stream_exists'). The answer is the first write's result; nothing is written again. As in
   * EventStoreDB only ids are compared: telling a retry from a reuse of the key with another
   * payload is the command layer's job (metadata.requestHash).
   */
  private findRetriedAppend({ streamId, events, expectedRevision }: PendingAppend): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const first = this.statements.eventById.get(events[0].eventId);
    if (first === undefined || first.streamId !== streamId) return undefined;
    let expectedFirstRevision = first.revision; // 'any' and 'stream_exists' accept it anywhere
    if (typeof expectedRevision === 'number') expectedFirstRevision = expectedRevision + 1;
    if (expectedRevision === 'no_stream') expectedFirstRevision = 0;
    if (first.revision !== expectedFirstRevision) return undefined;
    const stored = this.statements.readStream.all(streamId, first.revision, events.length).map(toStoredEvent);
    const sameIds = stored.length === events.length && stored.every((event, i) => event.eventId === events[i].eventId);
    if (!sameIds) return undefined;
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, lastPosition: last.position, events: stored };
  }

  private describeAppendFailure(error: unknown, streamId: string, events: EventToAppend[]): Error {
    if (isUniqueViolation(error)) {
      return new DuplicateEventIdError(streamId, this.findDuplicateEventId(events));
    }
    // Keep better-sqlite3's error type from crossing the port; the original stays as the cause.
    const message = error instanceof Error ? error.message : String(error);
    return new Error(`Append to ${streamId} was refused: ${message}`, { cause: error });
  }

  /** Only on the failure path: which event id is already stored, or repeated within the append. */
  private findDuplicateEventId(events: EventToAppend[]): string | undefined {
    const seen = new Set<string>();
    for (const { eventId } of events) {
      if (seen.has(eventId) || this.statements.eventIdExists.get(eventId) !== undefined) return eventId;
      seen.add(eventId);
    }
    return undefined;
  }

  private rollbackIfInTransaction(): void {
    // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); ROLLBACK would then throw.
    if (!this.db.open || !this.db.inTransaction) return;
    try {
      this.statements.rollback.run();
    } catch {
      // The batch is being rejected anyway. If the connection cannot roll back, the next BEGIN
      // fails too, and every later append is rejected as unavailable rather than lost silently.
    }
  }

  private async *pageThroughLog<Row extends EventRow, Event>(
    options: ReadAllOptions,
    readPage: (afterPosition: number, toPosition: number, limit: number) => Row[],
    toEvent: (row: Row) => Event,
  ): AsyncGenerator<Event> {
    let afterPosition = options.afterPosition ?? 0;
    const toPosition = options.toPosition ?? Number.MAX_SAFE_INTEGER;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    // Page by position rather than holding one cursor open: memory stays at one page whatever
    // the size of the log, and the connection stays free for appends between pages.
    while (remaining > 0) {
      this.assertOpen();
      const limit = Math.min(remaining, this.settings.readPageSize);
      const rows = readPage(afterPosition, toPosition, limit);
      for (const row of rows) yield toEvent(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      afterPosition = rows[rows.length - 1].position;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

interface SubscriptionSource {
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readAfter(position: number, limit: number): StoredEvent[];
  forget(subscription: SqliteSubscription): void;
}

/**
 * Catch-up then live. The subscription always continues from the last position it queued, so
 * nothing is skipped or repeated at the catch-up/live boundary: it reads pages from the file
 * until it is caught up, then waits for either a commit of this process (which may hand its
 * events over directly) or the poll timer (which finds events written by other processes).
 */
class SqliteSubscription implements Subscription {
  private buffer: StoredEvent[] = [];
  private bufferStart = 0;
  private lastQueuedPosition: number;
  private closed = false;
  private wake: (() => void) | undefined;
  private previousPull: Promise<unknown> = Promise.resolve();
  private pageReadSinceYield = false;

  constructor(
    afterPosition: number,
    private readonly source: SubscriptionSource,
  ) {
    this.lastQueuedPosition = afterPosition;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return {
      next: () => this.next(),
      // Called by `break` in a for-await loop.
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  next(): Promise<IteratorResult<StoredEvent>> {
    // One pull at a time, so concurrent next() calls receive events in order.
    const result = this.previousPull.then(() => this.pull());
    this.previousPull = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffer = [];
      this.bufferStart = 0;
      this.source.forget(this);
      this.wake?.();
    }
    return Promise.resolve();
  }

  /** Called by the store after each commit with the events written, in position order. */
  onCommitted(events: StoredEvent[]): void {
    if (this.closed) return;
    // Take the events straight from the commit only when they follow the last queued one and
    // the buffer has room; otherwise the next pull reads them from the file, which is always
    // right, only slower. This keeps a slow consumer's memory bounded.
    const follows = events[0].position === this.lastQueuedPosition + 1;
    if (follows && this.bufferedCount() < this.source.pageSize) {
      for (const event of events) this.buffer.push(event);
      this.lastQueuedPosition = events[events.length - 1].position;
    }
    this.wake?.();
  }

  private async pull(): Promise<IteratorResult<StoredEvent>> {
    while (!this.closed) {
      if (this.bufferedCount() === 0) {
        // A subscriber consumes in promise callbacks only, which run before any timer or I/O: a
        // catch-up of a long log read page after page would hold the event loop to its end (a
        // server restarted after a big import would not even accept a connection). After each
        // page read from the log, the next one waits for a turn of the event loop.
        if (this.pageReadSinceYield) {
          this.pageReadSinceYield = false;
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        this.fillFromLog();
      }
      const event = this.takeBuffered();
      if (event !== undefined) return { value: event, done: false };
      await this.waitForCommitOrPoll();
    }
    return { value: undefined, done: true };
  }

  private fillFromLog(): void {
    const events = this.source.readAfter(this.lastQueuedPosition, this.source.pageSize);
    if (events.length === 0) return;
    this.pageReadSinceYield = true;
    this.buffer = events;
    this.bufferStart = 0;
    this.lastQueuedPosition = events[events.length - 1].position;
  }

  private bufferedCount(): number {
    return this.buffer.length - this.bufferStart;
  }

  /** An index into the buffer rather than Array.shift, which is linear in the buffer's length. */
  private takeBuffered(): StoredEvent | undefined {
    if (this.bufferStart >= this.buffer.length) return undefined;
    const event = this.buffer[this.bufferStart];
    this.bufferStart += 1;
    if (this.bufferStart === this.buffer.length) {
      this.buffer = [];
      this.bufferStart = 0;
    }
    return event;
  }

  private waitForCommitOrPoll(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.source.pollIntervalMs);
      this.wake = finish;
    });
  }
}

/** Keys looked up per query by idempotencyKeysUsed: well under SQLite's limit on parameters. */
const KEYS_PER_LOOKUP = 500;

function keysUsedSql(count: number): string {
  return `SELECT DISTINCT idempotency_key FROM events WHERE idempotency_key IN (${new Array(count).fill('?').join(', ')})`;
}

function prepareStatements(db: Database.Database) {
  const eventsAfter = (columns: string) =>
    `SELECT ${columns} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`;
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT append_events'),
    releaseSavepoint: db.prepare('RELEASE append_events'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO append_events'),
    // The last entry of the UNIQUE(stream_id, revision) index: no scan of the stream.
    streamHead: db.prepare<[string], StreamHead>(
      'SELECT revision, hash, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    logHead: db.prepare<[], LogHead>(
      'SELECT position, global_hash AS globalHash FROM events ORDER BY position DESC LIMIT 1',
    ),
    headPosition: db.prepare<[], { position: number }>('SELECT max(position) AS position FROM events'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    eventIdExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE event_id = ?'),
    eventById: db.prepare<[string], { streamId: string; revision: number }>(
      'SELECT stream_id AS streamId, revision FROM events WHERE event_id = ?',
    ),
    insertEvent: db.prepare<InsertEventParams>(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key,
         previous_hash, hash, global_previous_hash, global_hash)
       VALUES (@position, @streamId, @revision, @eventId, @type, @data, @metadata, @idempotencyKey,
         @previousHash, @hash, @globalPreviousHash, @globalHash)`,
    ),
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readAllPage: db.prepare<[number, number, number], EventRow>(eventsAfter(EVENT_COLUMNS)),
    readAllGlobalPage: db.prepare<[number, number, number], GlobalEventRow>(eventsAfter(GLOBAL_EVENT_COLUMNS)),
    readByIdempotencyKey: db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE idempotency_key = ? ORDER BY position`,
    ),
    idempotencyKeysUsed: db.prepare(keysUsedSql(KEYS_PER_LOOKUP)).pluck(),
  };
}

function configureConnection(db: Database.Database, settings: Required<SqliteEventStoreOptions>): void {
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

function resolveOptions(options: SqliteEventStoreOptions): Required<SqliteEventStoreOptions> {
  const settings = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof SqliteEventStoreOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Option ${key} must be positive, got ${value}`);
    settings[key] = value;
  }
  return settings;
}

function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
}

/** Programming errors are thrown before anything is queued, so they never touch a batch. */
function assertValidAppend(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('streamId must be a non-empty string');
  }
  const isNamed =
    expectedRevision === 'any' || expectedRevision === 'no_stream' || expectedRevision === 'stream_exists';
  if (!isNamed && !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)) {
    throw new TypeError(`Invalid expectedRevision ${String(expectedRevision)} for ${streamId}`);
  }
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  for (const event of events) {
    const valid =
      typeof event?.eventId === 'string' &&
      event.eventId.length > 0 &&
      typeof event.type === 'string' &&
      event.type.length > 0 &&
      isPlainObject(event.data) &&
      isPlainObject(event.metadata);
    if (!valid) throw new TypeError(`Malformed event ${String(event?.eventId)} for ${streamId}`);
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The native addon keeps the SqliteError class of the first copy of better-sqlite3 loaded in the
 * process, so a module registry that loads it again (jest does, per test file) would fail an
 * `instanceof`: the error is recognised by its name and code instead.
 */
function sqliteErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'SqliteError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return sqliteErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

function isFatalSqliteError(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code !== undefined && !code.startsWith('SQLITE_CONSTRAINT');
}

function closedError(): EventStoreUnavailableError {
  return new EventStoreUnavailableError('The SQLite event store is closed');
}

function storedEvent(
  event: EventToAppend,
  streamId: string,
  revision: number,
  position: number,
  previousHash: string,
  hash: string,
): StoredEvent {
  const { eventId, type, data, metadata } = event;
  return { eventId, type, data, metadata, streamId, revision, position, previousHash, hash };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

function toGloballyChainedEvent(row: GlobalEventRow): GloballyChainedEvent {
  return { ...toStoredEvent(row), globalPreviousHash: row.global_previous_hash, globalHash: row.global_hash };
}
