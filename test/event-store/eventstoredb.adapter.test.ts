import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { LEDGER_STREAM_PREFIX } from '../../src/domain/streams';
import { AppendTooLargeError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { EsdbProtocolTestServer } from '../eventstoredb-test-server/esdb-protocol-test-server';
import { aMetadata, anEvent, expectValidChain, nextEventsOf, readAllOf } from './event-store.contract';

/**
 * What the EventStoreDB adapter does beyond the shared contract: ESDB's de-duplication of
 * retried appends, resuming subscriptions, other writers, the production `ctd.` prefix and what
 * else lives in an ESDB database. Against the in-process protocol test server.
 */

const ledgerStream = (kind = 'fund') => `ctd.${kind}.${randomUUID()}`;

describe('EventStoreDbEventStore on EsdbProtocolTestServer', () => {
  let server: EsdbProtocolTestServer;
  const opened: EventStore[] = [];
  const open = async (options: Partial<EventStoreDbEventStoreOptions> = {}) => {
    const store = await EventStoreDbEventStore.connect(server.connectionString, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    server = await EsdbProtocolTestServer.start();
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await server.stop();
  });

  describe('retried appends', () => {
    it('returns the stored result when the server de-duplicates a retry with the same ids and revision', async () => {
      const store = await open();
      const streamId = ledgerStream();
      await store.append(streamId, [anEvent()], 'no_stream');
      const events = [anEvent(), anEvent()];
      const first = await store.append(streamId, events, 0);

      const retry = await store.append(streamId, events, 0);

      expect(retry).toEqual(first);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('returns the first write even when the stream moved on and the retry comes from another process', async () => {
      const store = await open();
      const streamId = ledgerStream();
      const events = [anEvent()];
      const first = await store.append(streamId, events, 'no_stream');
      await store.append(streamId, [anEvent()], 0);

      const retry = await (await open()).append(streamId, events, 'no_stream');

      expect(retry).toEqual(first);
      expectValidChain(await store.readStream(streamId));
    });

    it('returns what was stored the first time when a retry carries a different payload (ESDB compares ids only)', async () => {
      const store = await open();
      const streamId = ledgerStream();
      const original = anEvent({ data: { amount: '100000' } });
      const first = await store.append(streamId, [original], 'no_stream');

      const retry = await store.append(streamId, [{ ...original, data: { amount: '999999' } }], 'no_stream');

      expect(retry.events).toEqual(first.events);
      expect(retry.events[0].data).toEqual({ amount: '100000' });
    });
  });

  describe("appends over the server's MaxAppendSize", () => {
    const heavy = () => anEvent({ data: { note: 'x'.repeat(30_000) } });

    it('refuses an append over the configured size before sending it, naming the bytes and the limit', async () => {
      const store = await open({ maxAppendBytes: 65_536 });
      const streamId = ledgerStream();
      const failure = await store.append(streamId, [heavy(), heavy(), heavy()], 'no_stream').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppendTooLargeError);
      expect(failure).toMatchObject({ streamId, maxAppendBytes: 65_536, bytes: expect.any(Number) });
      expect((failure as AppendTooLargeError).bytes).toBeGreaterThan(90_000);
      expect(await store.streamRevision(streamId)).toBe(-1);
      expect((await store.append(streamId, [heavy(), heavy()], 'no_stream')).nextExpectedRevision).toBe(1);
    });

    it('gives AppendTooLargeError, not a passing outage, when the server allows less than configured', async () => {
      await server.stop();
      server = await EsdbProtocolTestServer.start({ maxAppendSize: 65_536 });
      const store = await open();
      const streamId = ledgerStream();
      const failure = await store.append(streamId, [heavy(), heavy(), heavy()], 'no_stream').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppendTooLargeError);
      expect(failure).toMatchObject({ streamId, maxAppendBytes: 65_536 });
      expect(await store.streamRevision(streamId)).toBe(-1);
    });
  });

  describe('other writers', () => {
    it('refuses an append another process got in before, then chains after its event', async () => {
      const mine = await open();
      const theirs = await open();
      const streamId = ledgerStream();
      await mine.append(streamId, [anEvent()], 'no_stream');
      const theirEvent = await theirs.append(streamId, [anEvent()], 0);

      await expect(mine.append(streamId, [anEvent()], 0)).rejects.toMatchObject({ expectedRevision: 0, actualRevision: 1 });
      const next = await mine.append(streamId, [anEvent()], 1);

      expect(next.events[0].previousHash).toBe(theirEvent.events[0].hash);
      expectValidChain(await mine.readStream(streamId));
    });

    it('fails a pipelined append whose predecessor failed even when another writer made its revision true', async () => {
      const mine = await open();
      const theirs = await open();
      const streamId = ledgerStream();
      await theirs.append(streamId, [anEvent()], 'no_stream');
      await theirs.append(streamId, [anEvent()], 0);

      // A expects revision 0 and would bring the stream to 1; the other writer already did.
      const appendA = mine.append(streamId, [anEvent()], 0);
      const appendB = mine.append(streamId, [anEvent()], 1); // decided on A's event, which never lands

      await expect(appendA).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(appendB).rejects.toMatchObject({ expectedRevision: 1, actualRevision: 1 });
      expect(await mine.streamRevision(streamId)).toBe(1);
    });

    it('fails a pipelined append whose predecessor was too large even when another writer made its revision true', async () => {
      const mine = await open({ maxAppendBytes: 65_536 });
      const theirs = await open();
      const streamId = ledgerStream();
      await mine.append(streamId, [anEvent()], 'no_stream');
      await theirs.append(streamId, [anEvent()], 0);

      // A is refused before it is sent; B was decided on A's event, which never lands: the other
      // writer's event stands where A's would have.
      const appendA = mine.append(streamId, [anEvent({ data: { note: 'x'.repeat(70_000) } })], 0);
      const appendB = mine.append(streamId, [anEvent()], 1);

      await expect(appendA).rejects.toBeInstanceOf(AppendTooLargeError);
      await expect(appendB).rejects.toMatchObject({ expectedRevision: 1, actualRevision: 1 });
      expect(await mine.streamRevision(streamId)).toBe(1);
    });

    it("lands concurrent 'any' appends from two processes one after the other, chain intact", async () => {
      const [first, second] = [await open(), await open()];
      const streamId = ledgerStream();

      await Promise.all([first.append(streamId, [anEvent()], 'any'), second.append(streamId, [anEvent()], 'any')]);

      const stored = await first.readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual([0, 1]);
      expectValidChain(stored);
    });
  });

  describe('subscriptions across dropped connections', () => {
    it('resumes after the server drops the subscription, from the last delivered event', async () => {
      const store = await open();
      const streamId = ledgerStream();
      const before = (await store.append(streamId, [anEvent(), anEvent()], 'no_stream')).events;
      const subscription = store.subscribe(0);
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        expect(await nextEventsOf(iterator, 2, [streamId])).toEqual(before);

        server.dropSubscriptions();
        const after = (await store.append(streamId, [anEvent(), anEvent()], 1)).events;

        expect(await nextEventsOf(iterator, 2, [streamId])).toEqual(after);
      } finally {
        await subscription.close();
      }
    });

    it('resumes after the server restarts and every connection is cut', async () => {
      const store = await open();
      const streamId = ledgerStream();
      const subscription = store.subscribe(await store.headPosition());
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const first = (await store.append(streamId, [anEvent()], 'no_stream')).events;
        expect(await nextEventsOf(iterator, 1, [streamId])).toEqual(first);

        await server.restart();
        const second = await appendOnceReconnected(store, streamId, 0);

        expect(await nextEventsOf(iterator, 1, [streamId])).toEqual(second);
      } finally {
        await subscription.close();
      }
    });

    it('ends with EventStoreUnavailableError when the server stays away', async () => {
      const store = await open({ resubscribe: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 } });
      const subscription = store.subscribe(0);
      await store.append(ledgerStream(), [anEvent()], 'no_stream');
      const iterator = subscription[Symbol.asyncIterator]();
      await iterator.next();

      await server.stop();

      await expect(drain(iterator)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(await iterator.next()).toMatchObject({ done: true });
    });

    it('closes its subscriptions when the store closes', async () => {
      const store = await open();
      const subscription = store.subscribe(await store.headPosition());
      const pending = subscription[Symbol.asyncIterator]().next();

      await store.close();

      expect(await pending).toMatchObject({ done: true });
    });
  });

  describe('what else lives in the database', () => {
    it('skips system events and other applications’ streams in readAll, headPosition and subscriptions', async () => {
      const store = await open();
      const foreign = EventStoreDBClient.connectionString(server.connectionString);
      const streamId = ledgerStream();
      const subscription = store.subscribe(0);
      try {
        const { events } = await store.append(streamId, [anEvent()], 'no_stream');
        await foreign.appendToStream('billing-1', jsonEvent({ type: 'InvoiceSent', data: {} }), { expectedRevision: NO_STREAM });
        server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
        const later = (await store.append(streamId, [anEvent()], 0)).events;

        expect(await readAllOf(store, {})).toEqual([...events, ...later]);
        expect(await store.headPosition()).toBe(later[0].position);
        server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
        expect(await store.headPosition()).toBe(later[0].position);
        expect(await take(subscription, 2)).toEqual([...events, ...later]);
      } finally {
        await subscription.close();
        await foreign.dispose();
      }
    });

    it.each([5, 500])('finds the head behind more system events than its first backwards pages hold (pages of %i)', async (readPageSize) => {
      const store = await open({ readPageSize });
      const streamId = ledgerStream();
      const { events } = await store.append(streamId, [anEvent(), anEvent()], 'no_stream');
      // Backwards pages of 8, 16, 32 and 64 events (at most readPageSize each): the head is in the fourth.
      for (let index = 0; index < 100; index++) server.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { index });

      expect(await store.headPosition()).toBe(events[1].position);
      // A position that is no record's is rounded down by the same backwards read.
      expect(await readAllOf(store, { afterPosition: events[0].position + 1 })).toEqual([events[1]]);
    });

    it('refuses stream ids outside the ledger prefix, and event ids ESDB would not return as given', async () => {
      const store = await open();

      await expect(store.append('billing-1', [anEvent()], 'no_stream')).rejects.toBeInstanceOf(TypeError);
      await expect(store.readStream('$settings')).rejects.toBeInstanceOf(TypeError);
      const upperCaseId = anEvent({ eventId: randomUUID().toUpperCase() });
      await expect(store.append(ledgerStream(), [upperCaseId], 'no_stream')).rejects.toThrow(/lowercase UUID/);
    });

    it('keeps ledgers in different server namespaces apart', async () => {
      const north = await open({ serverNamespace: 'north.' });
      const south = await open({ serverNamespace: 'south.' });
      const streamId = ledgerStream();

      const northEvent = await north.append(streamId, [anEvent()], 'no_stream');
      const southEvent = await south.append(streamId, [anEvent()], 'no_stream');

      expect(await readAllOf(north, {})).toEqual(northEvent.events);
      expect(await readAllOf(south, {})).toEqual(southEvent.events);
      expect(await south.readByIdempotencyKey('none')).toEqual([]);
    });

    it('stores the chain in ESDB metadata next to the port metadata, and positions as commit positions', async () => {
      const store = await open();
      const raw = EventStoreDBClient.connectionString(server.connectionString);
      const streamId = ledgerStream();
      const metadata = aMetadata({ idempotencyKey: `k-${randomUUID()}` });
      try {
        const [stored] = (await store.append(streamId, [anEvent({ metadata })], 'no_stream')).events;
        const [resolved] = await collect(raw.readStream(streamId));

        expect(resolved.event?.metadata).toEqual({ ...metadata, previousHash: stored.previousHash, hash: stored.hash });
        expect(stored.metadata).toEqual(metadata);
        expect(resolved.event?.position).toEqual({ commit: BigInt(stored.position), prepare: BigInt(stored.position) });
      } finally {
        await raw.dispose();
      }
    });
  });

  describe('an unreachable server', () => {
    it('makes connect fail with EventStoreUnavailableError', async () => {
      const connectionString = server.connectionString;
      await server.stop();

      await expect(EventStoreDbEventStore.connect(connectionString, { ledgerStreamPrefix: LEDGER_STREAM_PREFIX })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('turns client errors into EventStoreUnavailableError, never a client type', async () => {
      const store = await open();
      await server.stop();

      await expect(store.readStream(ledgerStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.append(ledgerStream(), [anEvent()], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** The next `count` events of a subscription, whatever their stream. */
async function take(subscription: AsyncIterable<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

async function drain(iterator: AsyncIterator<StoredEvent>): Promise<void> {
  while (!(await iterator.next()).done);
}

/** The first call after a restart may meet the old, dead connection; the client then reconnects. */
async function appendOnceReconnected(store: EventStore, streamId: string, expected: number): Promise<StoredEvent[]> {
  const event = anEvent();
  for (let attempt = 1; ; attempt += 1) {
    try {
      // The same event id every time: a retry of an append that did land is de-duplicated.
      return (await store.append(streamId, [event], expected)).events;
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || attempt >= 5) throw error;
    }
  }
}
