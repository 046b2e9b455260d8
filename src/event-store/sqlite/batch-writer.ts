import type Database from 'better-sqlite3';
import { exactRevision, retryFirstRevision, revisionMatches, sameEventIds, type StreamHead } from '../append-rules';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventToAppend, ExpectedRevision, HeldStream, StoredEvent } from '../event-store.port';
import { chainHash, eventHash, GENESIS_HASH } from '../hash-chain';
import { storedEvent, toStoredEvent } from './event-rows';
import { DuplicateEventIdError, isFatalSqliteError, isUniqueViolation } from './sqlite-errors';
import type { HeadsAtVersion, KnownHeads } from './known-heads';
import type { LogHead, Statements } from './statements';

/** An append waiting in the group commit's queue. */
export interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
  /** Other streams the events were decided on, at the revisions read: checked with the expected revision. */
  held: readonly HeldStream[];
  /** performance.now() when the append was queued, for the commit observer's latencies. */
  queuedAtMs: number;
  /**
   * The appends to the same stream, still queued when this one was, that would leave the stream at
   * the revision this one expects: it may have been decided on their events (pipelining).
   * Emptied once the append is written or refused.
   */
  dependsOn: PendingAppend[];
  /** Set when the append is refused or its commit fails: an append queued after it may depend on it. */
  failed: boolean;
  /**
   * Why the append was refused before it was queued (a malformed event): it fails with this when
   * its turn comes, so that an append pipelined on it fails too.
   */
  refusal?: { error: Error };
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** The revision a stream is left at when the append succeeds; undefined for 'any' and 'stream_exists'. */
export function revisionProducedBy(append: Pick<PendingAppend, 'expectedRevision' | 'events'>): number | undefined {
  const from = exactRevision(append.expectedRevision);
  return from === undefined ? undefined : from + append.events.length;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/** What one committed batch did: each append's outcome, the events written, the heads it left. */
export interface WrittenBatch {
  outcomes: AppendOutcome[];
  written: StoredEvent[];
  /** Milliseconds of the COMMIT alone: the WAL write and its fsync. */
  commitMs: number;
}

/** What one group commit has done so far, before COMMIT. */
interface BatchState {
  streamHeads: Map<string, StreamHead>;
  logHead: LogHead;
  written: StoredEvent[];
  /** The heads this connection's last commits and reads left, when no other connection has committed since. */
  known: HeadsAtVersion | undefined;
}

/**
 * Writes a batch of appends in ONE write transaction, in call order. Each append is checked
 * against the stream's head as left by the appends before it in the batch, and is written whole
 * or fails alone: several events under a SAVEPOINT, one event as the one INSERT SQLite undoes by
 * itself when it fails.
 *
 * Retries: an append whose event ids are already stored where its expected revision put them
 * returns the first write's result, as in EventStoreDB. An event id stored anywhere else fails
 * the append with DuplicateEventIdError (event_id is UNIQUE, which EventStoreDB does not enforce).
 */
export class BatchWriter {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
    private readonly knownHeads: KnownHeads,
  ) {}

  /** Throws only when the batch must fail as a whole; the transaction is then rolled back. */
  write(batch: PendingAppend[]): WrittenBatch {
    try {
      // IMMEDIATE takes the write lock now, so the heads read below cannot change under us.
      this.statements.begin.run();
      // Read under the lock: no other connection can commit until ours has.
      const dataVersion = this.knownHeads.currentVersion();
      const known = this.knownHeads.at(dataVersion);
      const state: BatchState = { streamHeads: new Map(), logHead: known?.log ?? this.readLogHead(), written: [], known };
      const outcomes = batch.map((append) => this.applyAppend(append, state));
      const commitStartedAtMs = performance.now();
      this.statements.commit.run();
      const commitMs = performance.now() - commitStartedAtMs;
      this.knownHeads.rememberCommit(dataVersion, state.logHead, state.streamHeads);
      return { outcomes, written: state.written, commitMs };
    } catch (error) {
      this.rollbackIfInTransaction();
      throw error;
    }
  }

  private applyAppend(append: PendingAppend, state: BatchState): AppendOutcome {
    const outcome = this.applyAppendAfterPredecessors(append, state);
    if (!outcome.ok) append.failed = true;
    append.dependsOn = [];
    return outcome;
  }

  private applyAppendAfterPredecessors(append: PendingAppend, state: BatchState): AppendOutcome {
    if (append.refusal !== undefined) return { ok: false, error: append.refusal.error };
    const { streamId, events, expectedRevision } = append;
    const head = this.streamHeadInBatch(streamId, state);
    // Pipelined on an append that failed: decided on events that never landed, so it fails too,
    // even when another process has brought the stream to the revision it expects (the port's promise).
    if (append.dependsOn.some((before) => before.failed)) return { ok: false, error: new WrongExpectedRevisionError(streamId, expectedRevision, head.revision) };
    if (!revisionMatches(expectedRevision, head.revision)) {
      const firstWrite = this.findRetriedAppend(append);
      if (firstWrite) return { ok: true, result: firstWrite };
      return { ok: false, error: new WrongExpectedRevisionError(streamId, expectedRevision, head.revision) };
    }
    // A stream the events were decided on that another writer (this batch's earlier appends
    // included) has moved since: decided on a state that is gone, the append fails as a conflict.
    for (const { streamId: heldId, revision } of append.held) {
      const heldHead = this.streamHeadInBatch(heldId, state);
      if (heldHead.revision !== revision) return { ok: false, error: new WrongExpectedRevisionError(heldId, revision, heldHead.revision) };
    }
    if (events.length === 0) {
      // Nothing to write, but the expected revision was checked: the stream's head is the answer.
      return { ok: true, result: { nextExpectedRevision: head.revision, lastPosition: head.position, events: [] } };
    }
    // One INSERT is undone by SQLite itself when it fails (statement atomicity: the rest of the
    // transaction stays), so only an append of several events needs a savepoint to fail whole.
    const savepoint = events.length > 1;
    if (savepoint) this.statements.savepoint.run();
    try {
      const { stored, lastGlobalHash } = this.insertEvents(streamId, events, head, state.logHead);
      if (savepoint) this.statements.releaseSavepoint.run();
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
      if (savepoint) {
        this.statements.rollbackToSavepoint.run();
        this.statements.releaseSavepoint.run();
      }
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
      // Hashed before serialising: the canonical JSON refuses NaN and Infinity, which
      // JSON.stringify would silently store as null and so break the chain on re-verification.
      const hash = eventHash(previousHash, streamId, revision, event);
      const globalHash = chainHash(globalPreviousHash, hash);
      this.statements.insertEvent.run(
        position,
        streamId,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.metadata.idempotencyKey ?? null,
        previousHash,
        hash,
        globalPreviousHash,
        globalHash,
      );
      stored.push(storedEvent(event, streamId, revision, position, previousHash, hash));
      previousHash = hash;
      globalPreviousHash = globalHash;
    });
    return { stored, lastGlobalHash: globalPreviousHash };
  }

  private streamHeadInBatch(streamId: string, state: BatchState): StreamHead {
    const inBatch = state.streamHeads.get(streamId);
    if (inBatch) return inBatch;
    const head = state.known?.stream(streamId) ?? this.statements.streamHead.get(streamId) ?? { revision: -1, hash: GENESIS_HASH, position: 0 };
    state.streamHeads.set(streamId, head);
    return head;
  }

  private readLogHead(): LogHead {
    return this.statements.logHead.get() ?? { position: 0, globalHash: GENESIS_HASH };
  }

  /**
   * A retry of an append that was already written (see sameEventIds), stored in this stream
   * starting at the revision the expected revision implies, so that both adapters answer a retry
   * alike. The answer is the first write's result; nothing is written again.
   */
  private findRetriedAppend({ streamId, events, expectedRevision }: PendingAppend): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const first = this.statements.eventById.get(events[0].eventId);
    if (first === undefined || first.streamId !== streamId) return undefined;
    if (first.revision !== (retryFirstRevision(expectedRevision) ?? first.revision)) return undefined;
    const stored = this.statements.readStream.all(streamId, first.revision, events.length).map(toStoredEvent);
    if (!sameEventIds(events, stored)) return undefined;
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
}
