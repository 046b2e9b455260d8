import { randomUUID } from 'node:crypto';
import type { Decision } from '../domain/shared/decision';
import type { LedgerEvent } from '../domain/ledger-events';
import { appendRuns } from '../event-store/append-rules';
import { AppendTooLargeError, DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { AppendResult, EventStore, EventToAppend, HeldStream, StoredEvent } from '../event-store/event-store.port';
import { CommandRejectedError, ConcurrencyConflictError, EntryTooLargeError, IdempotencyKeyReusedError } from './command-errors';
import { envelope, itemEnvelope, scopedIdempotencyKey, type CommandMetadata } from './command-metadata';
import { StreamStateCache, type StreamEntry } from './stream-state-cache';
import type { StreamModel } from './stream-models';

/**
 * The streams a command's preparation looked up to hold, at the revisions read (`lookup(…, {
 * holdIn })`): its append fails as a conflict, and it is decided again, when one has moved.
 */
export type HeldReads = Map<string, number>;

export interface CommandRequest<State, Event extends LedgerEvent, Result> {
  streamId: string;
  model: StreamModel<State, Event>;
  meta: CommandMetadata;
  /** Async look-ups the decision needs (other streams, inflows), brought up to date first; `held` collects the streams it holds. */
  prepare?: (held: HeldReads) => Promise<void>;
  /** Pure and synchronous: the state is read and the append issued in the same turn. */
  decide: (state: State) => Decision<Event>;
  /** The answer, built from the stored events alone, so a retried request gets the same one. */
  respond: (events: StoredEvent[]) => Result;
}

export interface CommandOutcome<Result> {
  result: Result;
  /** True when the answer is the stored result of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Many items decided together and appended to one stream at once (the lines of a bank statement).
 * Each item carries its own idempotency key instead of the request's: the store's index of keys,
 * written in the same transaction as the events, is then the set of items already written, so a
 * crash can never leave an item written but unmarked, or marked but unwritten.
 */
export interface BatchRequest<State, Event extends LedgerEvent, Result> {
  streamId: string;
  model: StreamModel<State, Event>;
  /** Who and when; its idempotency key and request hash are not used, the items' keys are. */
  meta: CommandMetadata;
  /** The key of every item, as stored (already scoped by the caller). */
  itemKeys: readonly string[];
  prepare?: (held: HeldReads) => Promise<void>;
  /** Pure and synchronous; `written` holds the keys of `itemKeys` some earlier append stored. */
  decide: (state: State, written: ReadonlySet<string>) => BatchDecision<Event, Result>;
  /** The key of the item an event of the decision records. */
  keyOf: (event: Event) => string;
}

export interface BatchDecision<Event, Result> {
  /** May be empty: every item written before, or refused. */
  events: Event[];
  result: Result;
}

export interface BatchOutcome<Result> {
  result: Result;
  /** Position of the batch's last event; null when it appended nothing. */
  lastPosition: number | null;
}

const MAX_ATTEMPTS = 5;

/**
 * The one write path: load → fold → decide → append with the revision read, retried a few times
 * when another writer got there first. Every command of the ledger goes through it, one at a
 * time (`execute`) or a batch of items at a time (`executeBatch`).
 */
export class WritePath {
  private readonly cache: StreamStateCache;
  /** Work that later work with the same key waits for: a request's idempotency key, a batch's stream. */
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly committedListeners: ((events: readonly StoredEvent[]) => void)[] = [];

  constructor(private readonly store: EventStore) {
    this.cache = new StreamStateCache(store);
  }

  /**
   * Calls `listener` with the events of each append once it is committed, before the command's
   * answer. It runs in the append's turn and must not throw: the events are already durable.
   */
  onCommitted(listener: (events: readonly StoredEvent[]) => void): void {
    this.committedListeners.push(listener);
  }

  /**
   * The current state of another stream, for a decision that looks it up. With `holdIn` (the
   * preparation's `held`), the decision rests on the stream as read (a fund's closed periods, its
   * campaigns and policy): the append fails as a conflict, and the command is decided again, when
   * another writer (another process) has moved the stream in between.
   */
  async lookup<State, Event>(streamId: string, model: StreamModel<State, Event>, options: { holdIn?: HeldReads } = {}): Promise<State> {
    const entry = await this.cache.fresh(streamId, model);
    if (options.holdIn !== undefined && !options.holdIn.has(streamId)) options.holdIn.set(streamId, entry.revision);
    return entry.state;
  }

  /** Runs a command's preparation, collecting the streams it holds. */
  private async prepared(prepare: ((held: HeldReads) => Promise<void>) | undefined): Promise<HeldStream[]> {
    if (prepare === undefined) return [];
    const held: HeldReads = new Map();
    await prepare(held);
    return held.size === 0 ? [] : [...held].map(([streamId, revision]) => ({ streamId, revision }));
  }

  execute<State, Event extends LedgerEvent, Result>(request: CommandRequest<State, Event, Result>): Promise<CommandOutcome<Result>> {
    const key = scopedIdempotencyKey(request.meta);
    if (key === null) return this.attempt(request, null);
    // The same key sent many times at once is decided once: later copies wait for the first.
    return this.afterOthers(`key:${key}`, () => this.attempt(request, key));
  }

  /**
   * Batches on one stream take turns: an item is looked up only once every earlier batch's append
   * has settled, so two overlapping batches never both find an item unwritten. Single commands
   * still pipeline beside them: their keys are the user's, never an item's.
   */
  executeBatch<State, Event extends LedgerEvent, Result>(request: BatchRequest<State, Event, Result>): Promise<BatchOutcome<Result>> {
    return this.afterOthers(`stream:${request.streamId}`, () => this.attemptBatch(request));
  }

  /** Runs `work` once no other work under the same key is running. */
  private async afterOthers<T>(key: string, work: () => Promise<T>): Promise<T> {
    for (;;) {
      const running = this.inFlight.get(key);
      if (!running) break;
      await running.catch(() => undefined);
    }
    const run = work();
    this.inFlight.set(key, run);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(key) === run) this.inFlight.delete(key);
    }
  }

  private async priorResult<State, Event extends LedgerEvent, Result>(
    request: CommandRequest<State, Event, Result>,
    key: string,
  ): Promise<CommandOutcome<Result> | undefined> {
    const events = await this.store.readByIdempotencyKey(key);
    if (events.length === 0) return undefined;
    if (events[0].metadata.requestHash !== request.meta.requestHash) throw new IdempotencyKeyReusedError(request.meta.idempotencyKey ?? key);
    return { result: request.respond(events), replayed: true };
  }

  private async attempt<State, Event extends LedgerEvent, Result>(
    request: CommandRequest<State, Event, Result>,
    key: string | null,
  ): Promise<CommandOutcome<Result>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const held = await this.prepared(request.prepare);
      const entry = await this.cache.fresh(request.streamId, request.model);
      // Checked after catching up: a copy of this request that another process committed is
      // either found here or makes the append below conflict, and is then found on the retry.
      const prior = key === null ? undefined : await this.priorResult(request, key);
      if (prior) return prior;
      if (entry.discarded) continue;
      if (entry.batchRuns !== undefined) {
        // A batch's later runs are decided already: decide after them, on the state that holds them.
        await entry.batchRuns;
        attempt -= 1;
        continue;
      }
      try {
        const events = await this.decideAndAppend(request, entry, held);
        // Another process may have written this key between the look-up above and the append: the
        // events carry ids derived from the key, so the store answers with that first write.
        if (key !== null && events.length > 0 && events[0].metadata.requestHash !== request.meta.requestHash) {
          throw new IdempotencyKeyReusedError(request.meta.idempotencyKey ?? key);
        }
        return { result: request.respond(events), replayed: false };
      } catch (error) {
        // The same key written by another process to another stream between the look-up and the
        // append (the event ids derive from the key): answered as that first write is.
        if (error instanceof DuplicateEventIdError && key !== null) {
          const first = await this.priorResult(request, key);
          if (first) return first;
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyConflictError(request.streamId, MAX_ATTEMPTS);
  }

  private async attemptBatch<State, Event extends LedgerEvent, Result>(request: BatchRequest<State, Event, Result>): Promise<BatchOutcome<Result>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const held = await this.prepared(request.prepare);
      const entry = await this.cache.fresh(request.streamId, request.model);
      // Looked up after catching up, as a request's prior result is: items another process wrote
      // since are either found here or make the append below conflict, and are found on the retry.
      const written = await this.store.idempotencyKeysUsed(request.itemKeys);
      if (entry.discarded) continue;
      try {
        return await this.decideAndAppendBatch(request, entry, written, held);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyConflictError(request.streamId, MAX_ATTEMPTS);
  }

  private async decideAndAppend<State, Event extends LedgerEvent, Result>(
    request: CommandRequest<State, Event, Result>,
    entry: StreamEntry<State>,
    held: readonly HeldStream[],
  ): Promise<StoredEvent[]> {
    const decision = request.decide(entry.state);
    if (!decision.ok) throw new CommandRejectedError(decision.rejection);
    const events = decision.events.map((event, index) => envelope(event, request.meta, index, randomUUID));
    return (await this.append(request, entry, decision.events, events, held)).events;
  }

  private async decideAndAppendBatch<State, Event extends LedgerEvent, Result>(
    request: BatchRequest<State, Event, Result>,
    entry: StreamEntry<State>,
    written: ReadonlySet<string>,
    held: readonly HeldStream[],
  ): Promise<BatchOutcome<Result>> {
    const decision = request.decide(entry.state, written);
    if (decision.events.length === 0) return { result: decision.result, lastPosition: null };
    const events = decision.events.map((event) => itemEnvelope(event, request.meta, request.keyOf(event)));
    // Items are independent and each carries its own key, so a batch larger than one append of the
    // store may carry goes in runs, each with the revision the one before it left: a crash or a
    // conflict between two runs leaves whole items written, which the retry finds by their keys.
    // Between two runs the entry's state lacks the later runs' events, which were numbered with
    // the earlier ones: single commands wait for the last run (`batchRuns`) rather than decide on it.
    const runs = appendRuns(events, this.store.maxAppendBytes);
    let runsSettled: (() => void) | undefined;
    if (runs.length > 1) entry.batchRuns = new Promise<void>((resolve) => (runsSettled = resolve));
    let lastPosition = 0;
    let from = 0;
    try {
      for (const run of runs) {
        const appended = await this.append(request, entry, decision.events.slice(from, from + run.length), run, held);
        from += run.length;
        lastPosition = appended.lastPosition;
      }
    } finally {
      if (runsSettled !== undefined) {
        entry.batchRuns = undefined;
        runsSettled();
      }
    }
    return { result: decision.result, lastPosition };
  }

  /**
   * Folds the decided events into the entry and appends them with the revision it held. Called in
   * the same turn as the decision, so no other command can fold into the entry in between.
   */
  private async append<State, Event>(
    target: { streamId: string; model: StreamModel<State, Event> },
    entry: StreamEntry<State>,
    decided: Event[],
    events: EventToAppend[],
    held: readonly HeldStream[],
  ): Promise<AppendResult> {
    const expectedRevision = entry.revision < 0 ? 'no_stream' : entry.revision;
    for (const event of decided) entry.state = target.model.evolve(entry.state, event);
    entry.revision += events.length;
    entry.pendingAppends += 1;
    const append = this.store.append(target.streamId, events, expectedRevision, held);
    try {
      const appended = await append;
      entry.pendingAppends -= 1;
      for (const listener of this.committedListeners) listener(appended.events);
      return appended;
    } catch (error) {
      entry.pendingAppends -= 1;
      this.cache.discard(target.streamId);
      throw error instanceof AppendTooLargeError ? new EntryTooLargeError(target.streamId, error.maxAppendBytes) : error;
    }
  }
}
