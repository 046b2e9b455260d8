import { randomUUID } from 'node:crypto';
import type { Decision } from '../domain/shared/decision';
import type { LedgerEvent } from '../domain/ledger-events';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, StoredEvent } from '../event-store/event-store.port';
import { CommandRejectedError, ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';
import { envelope, scopedIdempotencyKey, type CommandMetadata } from './command-metadata';
import { StreamStateCache, type StreamEntry } from './stream-state-cache';
import type { StreamModel } from './stream-models';

export interface CommandRequest<State, Event extends LedgerEvent, Result> {
  streamId: string;
  model: StreamModel<State, Event>;
  meta: CommandMetadata;
  /** Async look-ups the decision needs (other streams, inflows), brought up to date first. */
  prepare?: () => Promise<void>;
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

const MAX_ATTEMPTS = 5;

/**
 * The one write path: load → fold → decide → append with the revision read, retried a few times
 * when another writer got there first. Every command of the ledger goes through it.
 */
export class WritePath {
  private readonly cache: StreamStateCache;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly store: EventStore) {
    this.cache = new StreamStateCache(store);
  }

  /** The current state of another stream, for a decision that looks it up. */
  async lookup<State, Event>(streamId: string, model: StreamModel<State, Event>): Promise<State> {
    return (await this.cache.fresh(streamId, model)).state;
  }

  async execute<State, Event extends LedgerEvent, Result>(request: CommandRequest<State, Event, Result>): Promise<CommandOutcome<Result>> {
    const key = scopedIdempotencyKey(request.meta);
    if (key === null) return this.attempt(request, null);
    // The same key sent many times at once is decided once: later copies wait for the first.
    for (;;) {
      const running = this.inFlight.get(key);
      if (!running) break;
      await running.catch(() => undefined);
    }
    const run = this.attempt(request, key);
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
      await request.prepare?.();
      const entry = await this.cache.fresh(request.streamId, request.model);
      // Checked after catching up: a copy of this request that another process committed is
      // either found here or makes the append below conflict, and is then found on the retry.
      const prior = key === null ? undefined : await this.priorResult(request, key);
      if (prior) return prior;
      if (entry.discarded) continue;
      try {
        return { result: request.respond(await this.decideAndAppend(request, entry)), replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyConflictError(request.streamId, MAX_ATTEMPTS);
  }

  /** Synchronous up to the append, so no other command can fold into the entry in between. */
  private async decideAndAppend<State, Event extends LedgerEvent, Result>(
    request: CommandRequest<State, Event, Result>,
    entry: StreamEntry<State>,
  ): Promise<StoredEvent[]> {
    const decision = request.decide(entry.state);
    if (!decision.ok) throw new CommandRejectedError(decision.rejection);
    const expectedRevision = entry.revision < 0 ? 'no_stream' : entry.revision;
    const events = decision.events.map((event, index) => envelope(event, request.meta, index, randomUUID));
    for (const event of decision.events) entry.state = request.model.evolve(entry.state, event);
    entry.revision += events.length;
    entry.pendingAppends += 1;
    const append = this.store.append(request.streamId, events, expectedRevision);
    try {
      const appended = await append;
      entry.pendingAppends -= 1;
      return appended.events;
    } catch (error) {
      entry.pendingAppends -= 1;
      this.cache.discard(request.streamId);
      throw error;
    }
  }
}
