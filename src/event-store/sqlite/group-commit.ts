import { exactRevision } from '../append-rules';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { AppendResult, CommitObservation, CommitObserver, EventToAppend, ExpectedRevision, HeldStream, StoredEvent } from '../event-store.port';
import { commitObservation } from './commit-observation';
import { revisionProducedBy, type BatchWriter, type PendingAppend, type WrittenBatch } from './batch-writer';

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

/** What the store is told of each commit, once its appends' promises have settled. */
export interface CommitListener {
  /** The events written, in position order; called only when there are some. */
  committedEvents(written: StoredEvent[]): void;
}

/**
 * Group commit: enqueue() only queues. A flush scheduled with setImmediate writes every queued
 * append in ONE transaction (BatchWriter), in call order, so a burst of appends shares one fsync.
 * setImmediate rather than a microtask so that appends from all the requests handled in one turn
 * of the event loop land in the same commit. Promises settle only after COMMIT returns; if the
 * commit itself fails, every append of the batch is rejected with EventStoreUnavailableError.
 *
 * Pipelining: because appends are applied in call order, a caller may issue append B expecting
 * the revision that a still pending append A will produce. If A fails, B fails too, even when
 * another process has meanwhile brought the stream to the revision B expects.
 */
export class GroupCommit {
  private pending: PendingAppend[] = [];
  /** The appends queued and not yet written, by stream: what a new append may be pipelined on. */
  private readonly queuedByStream = new Map<string, Set<PendingAppend>>();
  private flushScheduled = false;
  private readonly observers: CommitObserver[] = [];
  private readonly counters: SqliteEventStoreStats = {
    commits: 0,
    appendsSucceeded: 0,
    appendsRejected: 0,
    eventsWritten: 0,
    batchesFailed: 0,
  };

  constructor(
    private readonly writer: BatchWriter,
    private readonly maxAppendsPerCommit: number,
    private readonly listener: CommitListener,
  ) {}

  /**
   * Queues an append; with `refusal`, one refused before it was queued (a malformed event), which
   * fails with it in its turn, so that the appends pipelined on it fail too.
   */
  enqueue(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision, refusal?: Error, held: readonly HeldStream[] = []): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      // A copy of the array, so that a caller reusing it cannot change what is queued.
      const queuedOnStream = this.queuedByStream.get(streamId) ?? new Set<PendingAppend>();
      const expected = exactRevision(expectedRevision);
      const dependsOn = expected === undefined ? [] : [...queuedOnStream].filter((queued) => revisionProducedBy(queued) === expected);
      const append: PendingAppend = { streamId, events: [...events], expectedRevision, held, queuedAtMs: performance.now(), dependsOn, failed: false, resolve, reject };
      if (refusal !== undefined) append.refusal = { error: refusal };
      this.pending.push(append);
      this.queuedByStream.set(streamId, queuedOnStream.add(append));
      this.scheduleFlush();
    });
  }

  /** Writes everything queued now, batch after batch, without waiting for the scheduled flush. */
  flushAll(): void {
    while (this.pending.length > 0) this.commitBatch(this.takeNextBatch());
  }

  /** `observer` hears of every commit, failed ones too, after the appends' promises settle (each observer given, in order). */
  observe(observer: CommitObserver): void {
    this.observers.push(observer);
  }

  private tell(observation: CommitObservation): void {
    for (const observer of this.observers) observer(observation);
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
    // flushAll() may have written everything already.
    if (this.pending.length === 0) return;
    this.commitBatch(this.takeNextBatch());
    // Yield to the event loop between large batches rather than writing them all at once.
    if (this.pending.length > 0) this.scheduleFlush();
  }

  private takeNextBatch(): PendingAppend[] {
    return this.pending.splice(0, this.maxAppendsPerCommit);
  }

  private commitBatch(batch: PendingAppend[]): void {
    this.writeBatch(batch);
    for (const append of batch) {
      const queuedOnStream = this.queuedByStream.get(append.streamId);
      queuedOnStream?.delete(append);
      if (queuedOnStream?.size === 0) this.queuedByStream.delete(append.streamId);
    }
  }

  private writeBatch(batch: PendingAppend[]): void {
    let committed: WrittenBatch;
    try {
      committed = this.writer.write(batch);
    } catch (error) {
      this.counters.batchesFailed += 1;
      const failure = new EventStoreUnavailableError(
        `Group commit of ${batch.length} append(s) failed: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
      for (const append of batch) {
        append.failed = true;
        append.dependsOn = [];
        append.reject(append.refusal?.error ?? failure);
      }
      this.tell(commitObservation(batch, 0, 0, true));
      return;
    }
    const { outcomes, written } = committed;
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
    if (written.length > 0) this.listener.committedEvents(written);
    this.tell(commitObservation(batch, written.length, committed.commitMs, false));
  }
}
