import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  isCommandError,
  type AllStreamRecordedEvent,
  type RecordedEvent,
} from '@eventstore/db-client';
import { appendBytesOf, assertAppendEvents, assertAppendTarget, assertPosition, exactRevision, revisionMatches, sameEventIds, type StreamHead } from '../append-rules';
import { AppendTooLargeError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, HeldStream, ReadAllOptions, ReadStreamOptions, StoredEvent, Subscription } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { AllStreamReader } from './all-stream-reader';
import { assertStorable, chainEvents, toEventData, toStoredEvent } from './esdb-event-mapping';
import { IdempotencyKeyIndex } from './idempotency-key-index';
import { LedgerStreamNames } from './ledger-stream-names';
import { PerStreamAppendQueue } from './per-stream-append-queue';
import { ResumingSubscription, type ResubscribeSettings } from './resuming-subscription';

export interface EventStoreDbEventStoreOptions {
  /**
   * Every ledger stream id starts with it; other streams are invisible. The composition passes the
   * domain's prefix (`ctd.`); the store itself knows no stream names.
   */
  ledgerStreamPrefix: string;
  /** Put before every stream name on the server, so ledgers or test runs can share a database. Default ''. */
  serverNamespace?: string;
  /** Events per $all page for readAll, headPosition and the idempotency index. Default 500. */
  readPageSize?: number;
  /** Tries of an 'any' or 'stream_exists' append that keeps meeting concurrent writers. Default 5. */
  appendAtHeadAttempts?: number;
  /** Resubscription of a dropped subscription. Default 10 attempts, 100 ms doubling up to 5 s. */
  resubscribe?: Partial<ResubscribeSettings>;
  /**
   * The server's `MaxAppendSize` in bytes (EVENTSTORE_MAX_APPEND_SIZE on both sides). Default
   * 1,048,576, the server's own default.
   */
  maxAppendBytes?: number;
}

/** EventStoreDB's default `MaxAppendSize`: 1 MiB. */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

/**
 * The event store port on EventStoreDB (or KurrentDB), through @eventstore/db-client 6.x.
 * Requires a server >= 22.10, whose stream reads carry each event's $all position.
 *
 * Appends always go to the server with an exact expected revision (or no_stream), so ESDB
 * checks concurrency and de-duplicates retried event ids; 'any' and 'stream_exists' read the
 * stream's head first and append at it, retrying on conflict. After each append the adapter reads
 * the appended events back: that gives each one its $all position, and for a retry that ESDB
 * de-duplicated it returns the events stored the first time.
 *
 * Hash chain: each event's hash is eventHash(previousHash, streamId, revision, event), computed
 * before the append. The revision is known then because the append is sent with the exact
 * revision it must land after; the previous hash is that of the event at that revision. The hash
 * depends on nothing the server assigns after the append: the $all position (and ESDB's
 * `created` timestamp) are not hashed, so `verify` recomputes every hash from what is read back.
 * The chain travels in the ESDB event's metadata and is taken out again on read.
 *
 * Positions: see esdb-positions.ts (the commit position; prepare == commit for ledger events).
 * Idempotency keys: see idempotency-key-index.ts (an in-memory index, ESDB has none).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly names: LedgerStreamNames;
  private readonly reader: AllStreamReader;
  private readonly appendQueue = new PerStreamAppendQueue();
  private readonly idempotencyIndex: IdempotencyKeyIndex;
  /**
   * The newest stored event seen per stream, so an append at that revision needs no read for its
   * previous hash. It is only used for exactly that revision, and a stored event never changes, so
   * it cannot go stale: another writer moving the stream on just makes it miss. One entry per
   * stream touched (the ledger has few: funds × fiscal years).
   */
  private readonly heads = new Map<string, StreamHead>();
  private readonly subscriptions = new Set<ResumingSubscription>();
  private readonly appendAtHeadAttempts: number;
  private readonly resubscribe: ResubscribeSettings;
  readonly maxAppendBytes: number;
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions,
  ) {
    this.names = new LedgerStreamNames(options.ledgerStreamPrefix, options.serverNamespace ?? '');
    this.reader = new AllStreamReader(client, options.readPageSize ?? 500);
    this.appendAtHeadAttempts = options.appendAtHeadAttempts ?? 5;
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    this.resubscribe = { attempts: 10, initialDelayMs: 100, maxDelayMs: 5_000, ...options.resubscribe };
    this.idempotencyIndex = new IdempotencyKeyIndex({
      eventsAfter: (after) => this.reader.forwards(after),
      toLedgerEvent: (recorded) => this.toLedgerEvent(recorded),
    });
  }

  /** Connects with an `esdb://` or `esdb+discover://` connection string and checks the server answers. */
  static async connect(connectionString: string, options: EventStoreDbEventStoreOptions): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    const store = new EventStoreDbEventStore(client, options);
    try {
      for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) void resolved;
      return store;
    } catch (error) {
      await client.dispose();
      throw translateError(error);
    }
  }

  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision, held: readonly HeldStream[] = []): Promise<AppendResult> {
    try {
      this.assertOpen();
      assertAppendTarget(streamId, events, expectedRevision);
      this.names.assertLedgerStream(streamId);
    } catch (error) {
      return Promise.reject(error);
    }
    // Refused before it is sent (a malformed event, over MaxAppendSize), the append still takes its
    // turn on the stream as a failed one: an append pipelined on it must fail too.
    let refusal: { error: unknown } | undefined;
    try {
      assertAppendEvents(streamId, events);
      for (const event of events) assertStorable(streamId, event);
      const bytes = events.reduce((sum, event) => sum + appendBytesOf(event), 0);
      if (bytes > this.maxAppendBytes) throw new AppendTooLargeError(streamId, bytes, this.maxAppendBytes);
    } catch (error) {
      refusal = { error };
    }
    const toAppend = [...events];
    return this.appendQueue.run(streamId, expectedRevision, toAppend.length, async (dependsOnFailedAppend) => {
      if (refusal !== undefined) throw refusal.error;
      if (dependsOnFailedAppend) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, (await this.readHead(streamId))?.revision ?? -1);
      }
      // No transaction spans two streams here: the streams the events were decided on are read
      // just before the append goes out (the port's narrower window).
      for (const { streamId: heldId, revision } of held) {
        const heldRevision = (await this.readHead(heldId))?.revision ?? -1;
        if (heldRevision !== revision) throw new WrongExpectedRevisionError(heldId, revision, heldRevision);
      }
      return this.appendInOrder(streamId, toAppend, expectedRevision);
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    this.names.assertLedgerStream(streamId);
    const { fromRevision = 0, maxCount } = options;
    assertPosition('fromRevision', fromRevision);
    if (maxCount !== undefined && maxCount <= 0) return [];
    return this.readStreamEvents(streamId, fromRevision, maxCount);
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    this.names.assertLedgerStream(streamId);
    return (await this.readHead(streamId))?.revision ?? -1;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return this.readLedgerLog(options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    try {
      for await (const recorded of this.reader.backwards()) {
        const event = this.toLedgerEvent(recorded);
        if (event !== undefined) return event.position;
      }
      return 0;
    } catch (error) {
      throw translateError(error);
    }
  }

  async readByIdempotencyKey(idempotencyKey: string): Promise<StoredEvent[]> {
    this.assertOpen();
    try {
      const references = await this.idempotencyIndex.lookup(idempotencyKey);
      const events: StoredEvent[] = [];
      for (const { streamId, revision } of references) events.push(...(await this.readStreamEvents(streamId, revision, 1)));
      return events;
    } catch (error) {
      throw translateError(error);
    }
  }

  async idempotencyKeysUsed(idempotencyKeys: readonly string[]): Promise<Set<string>> {
    this.assertOpen();
    try {
      return await this.idempotencyIndex.used(idempotencyKeys);
    } catch (error) {
      throw translateError(error);
    }
  }

  subscribe(afterPosition: number): Subscription {
    this.assertOpen();
    assertPosition('afterPosition', afterPosition);
    const subscription = new ResumingSubscription(
      {
        open: async (after) => {
          const fromPosition = await this.reader.startAfter(after);
          return this.client.subscribeToAll({ fromPosition, filter: this.names.subscriptionFilter() });
        },
        toLedgerEvent: (resolved) => (resolved.event === undefined ? undefined : this.toLedgerEvent(resolved.event)),
        translate: translateError,
        onClosed: (closed) => this.subscriptions.delete(closed),
      },
      afterPosition,
      this.resubscribe,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async appendInOrder(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const exact = exactRevision(expected);
    if (events.length === 0) return this.checkRevisionOnly(streamId, expected);
    if (exact !== undefined) return this.appendAtRevision(streamId, events, expected, exact);
    return this.appendAtHead(streamId, events, expected);
  }

  /**
   * 'any' and 'stream_exists': append at the head just read, again if another writer got there
   * first. The append goes out with the exact head revision, which ESDB only de-duplicates right
   * after that revision, so a retry of events already stored anywhere in the stream is found here
   * and answered with the first write, as the port promises (retryFirstRevision).
   */
  private async appendAtHead(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.readHead(streamId);
      if (expected === 'stream_exists' && head === undefined) throw new WrongExpectedRevisionError(streamId, expected, -1);
      const firstWrite = head === undefined ? undefined : await this.findRetriedAppend(streamId, events);
      if (firstWrite !== undefined) return firstWrite;
      try {
        return await this.appendAtRevision(streamId, events, expected, head?.revision ?? -1);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= this.appendAtHeadAttempts) throw error;
      }
    }
  }

  /** Appends after the event at `revision` (-1: a new stream) and returns what the server stored. */
  private async appendAtRevision(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    revision: number,
  ): Promise<AppendResult> {
    const previousHash = await this.previousHashAt(streamId, revision, expected);
    const chained = chainEvents(streamId, revision + 1, previousHash, events);
    try {
      await this.client.appendToStream(this.names.toServer(streamId), chained.map(toEventData), {
        expectedRevision: revision === -1 ? NO_STREAM : BigInt(revision),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      // The server's limit is lower than the one configured here: retrying would never help.
      if (error instanceof MaxAppendSizeExceededError) throw new AppendTooLargeError(streamId, undefined, error.maxAppendSize);
      throw translateError(error);
    }
    // Read back: positions are only known now, and a de-duplicated retry must return the first write.
    const stored = await this.readStreamEvents(streamId, revision + 1, events.length);
    assertStoredAsAppended(streamId, events, stored);
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, lastPosition: last.position, events: stored };
  }

  /** The first write of `events` when their ids are already stored, in order, somewhere in the stream. */
  private async findRetriedAppend(streamId: string, events: EventToAppend[]): Promise<AppendResult | undefined> {
    const stream = await this.readStreamEvents(streamId, 0);
    const start = stream.findIndex((event) => event.eventId === events[0].eventId);
    if (start === -1) return undefined;
    const stored = stream.slice(start, start + events.length);
    if (!sameEventIds(events, stored)) return undefined;
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, lastPosition: last.position, events: stored };
  }

  private async checkRevisionOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const head = await this.readHead(streamId);
    const current = head?.revision ?? -1;
    if (!revisionMatches(expected, current)) throw new WrongExpectedRevisionError(streamId, expected, current);
    return { nextExpectedRevision: current, lastPosition: head?.position ?? 0, events: [] };
  }

  /** Hash of the event at `revision`, which the append will follow; refused early when it does not exist. */
  private async previousHashAt(streamId: string, revision: number, expected: ExpectedRevision): Promise<string> {
    if (revision === -1) return GENESIS_HASH;
    const known = this.heads.get(streamId);
    if (known?.revision === revision) return known.hash;
    const [event] = await this.readStreamEvents(streamId, revision, 1);
    if (event === undefined) {
      throw new WrongExpectedRevisionError(streamId, expected, (await this.readHead(streamId))?.revision ?? -1);
    }
    return event.hash;
  }

  private async readHead(streamId: string): Promise<StreamHead | undefined> {
    const [last] = await this.readServerStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last === undefined ? undefined : { revision: last.revision, hash: last.hash, position: last.position };
  }

  private readStreamEvents(streamId: string, fromRevision: number, maxCount?: number): Promise<StoredEvent[]> {
    return this.readServerStream(streamId, { fromRevision: BigInt(fromRevision), ...(maxCount === undefined ? {} : { maxCount }) });
  }

  /** Reads one stream; a stream ESDB does not know reads as empty. Remembers the newest head seen. */
  private async readServerStream(
    streamId: string,
    options: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(this.names.toServer(streamId), options)) {
        if (resolved.event !== undefined) events.push(toStoredEvent(resolved.event as RecordedEvent, streamId));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateError(error);
    }
    for (const event of events) this.rememberHead(event);
    return events;
  }

  private rememberHead(event: StoredEvent): void {
    const known = this.heads.get(event.streamId);
    if (known === undefined || known.revision < event.revision) {
      this.heads.set(event.streamId, { revision: event.revision, hash: event.hash, position: event.position });
    }
  }

  private async *readLedgerLog({ afterPosition = 0, toPosition, maxCount }: ReadAllOptions): AsyncGenerator<StoredEvent> {
    this.assertOpen();
    assertPosition('afterPosition', afterPosition);
    if (toPosition !== undefined) assertPosition('toPosition', toPosition);
    if (maxCount !== undefined && maxCount <= 0) return;
    let yielded = 0;
    try {
      for await (const recorded of this.reader.after(afterPosition)) {
        if (recorded.position.commit <= BigInt(afterPosition)) continue;
        if (toPosition !== undefined && recorded.position.commit > BigInt(toPosition)) return;
        const event = this.toLedgerEvent(recorded);
        if (event === undefined) continue;
        yield event;
        yielded += 1;
        if (maxCount !== undefined && yielded >= maxCount) return;
      }
    } catch (error) {
      throw translateError(error);
    }
  }

  private toLedgerEvent(recorded: AllStreamRecordedEvent): StoredEvent | undefined {
    const streamId = this.names.fromServer(recorded.streamId);
    // Types starting with $ are the server's (links, stream metadata), even inside a ledger stream.
    if (streamId === undefined || recorded.type.startsWith('$')) return undefined;
    return toStoredEvent(recorded, streamId);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

/** What ESDB reports stored must be what was appended (or, for a de-duplicated retry, the same ids). */
function assertStoredAsAppended(streamId: string, appended: EventToAppend[], stored: StoredEvent[]): void {
  if (!sameEventIds(appended, stored)) throw new Error(`EventStoreDB acknowledged an append to ${streamId} but stores other events after it`);
}

/** Client errors become the port's: nothing of @eventstore/db-client leaves the adapter. */
function translateError(error: unknown): unknown {
  if (error instanceof WrongExpectedRevisionError || error instanceof EventStoreUnavailableError) return error;
  if (error instanceof Error && (isCommandError(error) || isGrpcError(error))) {
    return new EventStoreUnavailableError(`EventStoreDB: ${error.message}`, error);
  }
  return error;
}

function isGrpcError(error: Error): boolean {
  return typeof (error as { code?: unknown }).code === 'number';
}
