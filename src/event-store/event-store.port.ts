/**
 * The event store port: the only way the ledger reads or writes its log.
 *
 * Two adapters implement it (embedded SQLite and EventStoreDB) and one contract suite
 * (test/event-store/event-store.contract.ts) proves they behave the same. No type of a store
 * client crosses this file.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * What an append expects of the stream's current revision.
 * - a number: the stream's last event has exactly this revision (revisions start at 0);
 * - `no_stream`: the stream has no events;
 * - `stream_exists`: the stream has at least one event;
 * - `any`: no check. Never used where an invariant is at stake.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** Another stream an append's events were decided on, at the revision it was read at (-1: it had no events). */
export interface HeldStream {
  streamId: string;
  revision: number;
}

export interface ActorMetadata {
  userId: string;
  roles: string[];
}

export interface EventMetadata {
  actor: ActorMetadata;
  correlationId: string;
  causationId: string;
  /** Scoped idempotency key of the command that produced the event, when it had one. */
  idempotencyKey?: string;
  /** sha256 of the command's canonical payload; tells a retry from a reuse of the key. */
  requestHash?: string;
  /** When the server recorded the event (ISO 8601). Business dates live in `data`. */
  recordedAt: string;
  schemaVersion: number;
}

export interface EventToAppend {
  /** A UUID. Derived from the idempotency key when there is one, so retries de-duplicate. */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}

export interface StoredEvent extends EventToAppend {
  streamId: string;
  /** 0 for the first event of a stream. */
  revision: number;
  /** Global order; strictly increasing across the whole log, never 0. Opaque beyond ordering. */
  position: number;
  /** Hash of the previous event of the same stream (64 zeros for revision 0). */
  previousHash: string;
  /** sha256(previousHash + canonical JSON of the event): see hash-chain.ts. */
  hash: string;
}

/** Where one event is in the log: its stream and revision there, and its global position. */
export interface EventLocation {
  streamId: string;
  revision: number;
  position: number;
}

export interface AppendResult {
  /** Revision of the last appended event. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  lastPosition: number;
  events: StoredEvent[];
}

export interface ReadStreamOptions {
  /** Inclusive. Default 0. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater than this. Default 0 (from the start). */
  afterPosition?: number;
  /** Inclusive upper bound. */
  toPosition?: number;
  maxCount?: number;
}

export interface Subscription extends AsyncIterable<StoredEvent> {
  /** Ends the iteration; pending `next()` calls resolve as done. */
  close(): Promise<void>;
  /**
   * The events the subscription has already read and not yet handed out, in order, taken at once
   * (possibly none); the iteration then continues after the last of them. Optional: a consumer
   * that takes a page at a time instead of awaiting each event calls it, when offered, between
   * two `next()` calls, never while one is pending.
   */
  takeBuffered?(): StoredEvent[];
}

/**
 * One write of the store as it reports it to an observer (the metrics): a group commit of the
 * SQLite adapter, with its appends' waits.
 */
export interface CommitObservation {
  /** Appends written (or failed) together. */
  appends: number;
  events: number;
  /** Seconds from each append's call to its answer: queued, written, committed. */
  appendSeconds: number[];
  /** Seconds of the COMMIT alone: writing the WAL and its fsync. */
  commitSeconds: number;
  /** The whole batch failed (disk full, I/O error, lock timeout). */
  failed: boolean;
}

export type CommitObserver = (commit: CommitObservation) => void;

export interface EventStore {
  /**
   * The most one append may carry, in bytes as appendBytesOf counts them (append-rules.ts), or
   * undefined when the backend sets no limit (SQLite). A larger append is refused with
   * AppendTooLargeError before anything is sent; callers whose events are independent items
   * append them in runs that fit (appendRuns).
   */
  readonly maxAppendBytes?: number;

  /**
   * Appends all events atomically, or none. `expectedRevision` is required.
   * Appends made by one process are applied in the order they were called, so a caller may
   * pipeline an append that expects the revision a previous, still pending append will produce.
   * Such a pipelined append depends on the earlier one: when the earlier append fails, the
   * dependent one fails too with WrongExpectedRevisionError, even if another writer has brought
   * the stream to the expected revision meanwhile (it was decided on events that never landed).
   * An append refused before anything is written (a malformed event, AppendTooLargeError) is such
   * a failed append.
   * `held`: other streams the events were decided on, at the revisions read (a fund's closed
   * periods behind an entry dated in one). The append fails with WrongExpectedRevisionError naming
   * a held stream that has moved since, as it fails for its own stream. SQLite checks them under
   * the write lock with the expected revision; EventStoreDB, which has no transaction across
   * streams, reads them just before it sends the append: a narrower window, not none.
   * @throws WrongExpectedRevisionError when the stream is not at the expected revision, or a held stream has moved.
   */
  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision, held?: readonly HeldStream[]): Promise<AppendResult>;

  /** Calls `observer` after each write, synchronously; it must be cheap and must not throw. Optional: a store may report nothing. */
  observeCommits?(observer: CommitObserver): void;
  /**
   * Commits every append queued now, without waiting for the commit scheduled for the end of this
   * turn of the event loop. Optional: a store that sends each append as it comes has no queue.
   */
  commitQueued?(): void;

  /** Events of one stream in revision order; a missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Revision of the stream's last event, or -1 when the stream has no events. */
  streamRevision(streamId: string): Promise<number>;

  /**
   * The revision of the stream's last event, when the store can vouch without reading that no
   * writer has appended to the stream since this process last wrote it or read it to its end;
   * undefined when it cannot tell. Synchronous and cheap: the write path asks before every
   * command whether the stream it holds folded is still current. Optional: without it (or on
   * undefined) the stream is read.
   */
  knownStreamRevision?(streamId: string): number | undefined;

  /** Events of the whole log in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;

  /** Events appended under this idempotency key, in order; empty when none. */
  readByIdempotencyKey(idempotencyKey: string): Promise<StoredEvent[]>;

  /**
   * Which of these idempotency keys some event was appended under, without reading the events:
   * a statement import asks it of every line of a batch at once.
   */
  idempotencyKeysUsed(idempotencyKeys: readonly string[]): Promise<Set<string>>;

  /**
   * Catch-up subscription: every event after `afterPosition` in global order, then new ones
   * as they are appended (by this process or any other), until closed.
   */
  subscribe(afterPosition: number): Subscription;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
