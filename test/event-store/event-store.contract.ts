import { randomUUID } from 'node:crypto';
import { AppendTooLargeError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type {
  EventMetadata,
  EventStore,
  EventToAppend,
  JsonObject,
  ReadAllOptions,
  StoredEvent,
} from '../../src/event-store/event-store.port';
import { eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';

/**
 * What an adapter's test file hands to the contract for each test.
 * - `store`: a store nothing else writes to while the test runs (it need not be empty);
 * - `reopen`: when the adapter is persistent, opens the same log again after `store.close()`;
 * - `cleanup`: releases whatever the factory made (files, servers). The suite closes the store
 *   (and a reopened one) itself before calling it.
 */
export interface EventStoreHarness {
  store: EventStore;
  reopen?: () => Promise<EventStore>;
  cleanup: () => Promise<void>;
}

/**
 * The behaviour every adapter of the EventStore port must share. Written against the port only:
 * positions are compared by order, never by value, and each test uses its own fresh stream ids,
 * so the suite also runs against a store that already holds events.
 */
export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreHarness;
    /** The store under test; a test that reopens replaces it, so afterEach closes the right one. */
    let store: EventStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });

    afterEach(async () => {
      await store.close();
      await harness.cleanup();
    });

    describeAppending(() => store);
    describeExpectedRevisionChecks(() => store);
    describeStreamReads(() => store);
    describeLogReads(() => store);
    describeContentAndHashes(() => store);
    describeConcurrency(() => store);
    describeCatchUpAndLive(() => store);
    describeSubscriptionEnding(() => store);

    describe('reopening', () => {
      it('keeps every event, revision and chain after close, and continues them', async () => {
        if (!harness.reopen) return; // Not a persistent adapter: nothing to reopen.
        const streamId = newStreamId('fund');
        const first = await store.append(streamId, [anEvent(), anEvent()], 'no_stream');
        const before = await store.readStream(streamId);
        await store.close();
        await store.close(); // close() is idempotent.

        store = await harness.reopen();
        expect(await store.readStream(streamId)).toEqual(before);
        expect(await store.streamRevision(streamId)).toBe(1);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(first.lastPosition);

        const next = await store.append(streamId, [anEvent()], 1);
        expect(next.events[0].revision).toBe(2);
        expect(next.events[0].position).toBeGreaterThan(first.lastPosition);
        expect(next.events[0].previousHash).toBe(before[1].hash);
        expectValidChain(await store.readStream(streamId));
      });
    });
  });
}

function describeAppending(getStore: () => EventStore): void {
  describe('append', () => {
    it('appends the first event of a new stream with no_stream', async () => {
      const streamId = newStreamId('fund');
      const event = anEvent();
      const result = await getStore().append(streamId, [event], 'no_stream');

      expect(result.nextExpectedRevision).toBe(0);
      expect(result.events).toHaveLength(1);
      expect(result.events[0]).toMatchObject({ ...event, streamId, revision: 0 });
      expect(result.events[0].position).toBeGreaterThan(0);
      expect(result.lastPosition).toBe(result.events[0].position);
      expect(await getStore().readStream(streamId)).toEqual(result.events);
    });

    it('appends at the exact revision of the last event', async () => {
      const streamId = newStreamId('fund');
      const first = await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      expect(first.nextExpectedRevision).toBe(1);

      const second = await getStore().append(streamId, [anEvent()], 1);
      expect(second.nextExpectedRevision).toBe(2);
      expect(second.events[0].revision).toBe(2);
      expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
      expect(await getStore().streamRevision(streamId)).toBe(2);
    });

    it('appends several events atomically: consecutive revisions, increasing positions', async () => {
      const streamId = newStreamId('donation');
      const events = [anEvent(), anEvent(), anEvent()];
      const result = await getStore().append(streamId, events, 'no_stream');

      expect(result.events.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(result.events.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
      expectStrictlyIncreasing(result.events.map((event) => event.position));
      expect(result.lastPosition).toBe(result.events[2].position);
    });

    it('writes none of several events when the expected revision is wrong', async () => {
      const streamId = newStreamId('donation');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      const headBefore = await getStore().headPosition();

      await expect(getStore().append(streamId, [anEvent(), anEvent(), anEvent()], 5)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await getStore().readStream(streamId)).toHaveLength(1);
      expect(await getStore().headPosition()).toBe(headBefore);
    });

    it('answers a retry (same event ids, same expected revision) with the first write, writing nothing', async () => {
      const streamId = newStreamId('donation');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      const events = [anEvent(), anEvent()];
      const first = await getStore().append(streamId, events, 0);

      expect(await getStore().append(streamId, events, 0)).toEqual(first);
      await getStore().append(streamId, [anEvent()], 2);
      expect(await getStore().append(streamId, events, 0)).toEqual(first); // after the stream moved on
      expect(await getStore().readStream(streamId)).toHaveLength(4);
    });

    it('answers a retry under any or stream_exists with the first write, writing nothing', async () => {
      const streamId = newStreamId('donation');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      for (const expected of ['any', 'stream_exists'] as const) {
        const events = [anEvent(), anEvent()];
        const first = await getStore().append(streamId, events, expected);
        const length = (await getStore().readStream(streamId)).length;

        expect(await getStore().append(streamId, events, expected)).toEqual(first);
        await getStore().append(streamId, [anEvent()], length - 1);
        expect(await getStore().append(streamId, events, expected)).toEqual(first); // after the stream moved on
        expect(await getStore().readStream(streamId)).toHaveLength(length + 1);
      }
    });

    it('answers a retry under no_stream with the first write after the stream moved on', async () => {
      const streamId = newStreamId('donation');
      const events = [anEvent(), anEvent()];
      const first = await getStore().append(streamId, events, 'no_stream');
      await getStore().append(streamId, [anEvent()], 1);

      expect(await getStore().append(streamId, events, 'no_stream')).toEqual(first);
      expect(await getStore().readStream(streamId)).toHaveLength(3);
    });

    it('treats an empty append as a revision check that writes nothing', async () => {
      const streamId = newStreamId('fund');
      const headBefore = await getStore().headPosition();
      const onMissing = await getStore().append(streamId, [], 'no_stream');
      expect(onMissing).toMatchObject({ nextExpectedRevision: -1, events: [] });
      expect(await getStore().streamRevision(streamId)).toBe(-1);
      expect(await getStore().headPosition()).toBe(headBefore);

      await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      const onExisting = await getStore().append(streamId, [], 1);
      expect(onExisting).toMatchObject({ nextExpectedRevision: 1, events: [] });
      await expect(getStore().append(streamId, [], 0)).rejects.toMatchObject({ actualRevision: 1 });
      expect(await getStore().readStream(streamId)).toHaveLength(2);
    });
  });
}

function describeExpectedRevisionChecks(getStore: () => EventStore): void {
  describe('expected revision', () => {
    it('refuses a wrong exact revision, saying which stream, what was expected and what it is', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');

      const error = await refusal(getStore().append(streamId, [anEvent()], 0));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expectedRevision: 0, actualRevision: 1 });
      expect(await getStore().streamRevision(streamId)).toBe(1);
    });

    it('refuses an exact revision on a missing stream, with actual revision -1', async () => {
      const streamId = newStreamId('fund');
      const error = await refusal(getStore().append(streamId, [anEvent()], 0));
      expect(error).toMatchObject({ streamId, expectedRevision: 0, actualRevision: -1 });
      expect(await getStore().readStream(streamId)).toEqual([]);
    });

    it('refuses no_stream when the stream has events', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent()], 'no_stream');

      const error = await refusal(getStore().append(streamId, [anEvent()], 'no_stream'));
      expect(error).toMatchObject({ streamId, expectedRevision: 'no_stream', actualRevision: 0 });
    });

    it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
      const streamId = newStreamId('fund');
      const error = await refusal(getStore().append(streamId, [anEvent()], 'stream_exists'));
      expect(error).toMatchObject({ streamId, expectedRevision: 'stream_exists', actualRevision: -1 });

      await getStore().append(streamId, [anEvent()], 'no_stream');
      const result = await getStore().append(streamId, [anEvent()], 'stream_exists');
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('accepts any on a missing and on an existing stream', async () => {
      const streamId = newStreamId('fund');
      expect((await getStore().append(streamId, [anEvent()], 'any')).nextExpectedRevision).toBe(0);
      expect((await getStore().append(streamId, [anEvent()], 'any')).nextExpectedRevision).toBe(1);
    });

    it('appends while the streams held are at the revisions read, missing ones at -1', async () => {
      const fund = newStreamId('fund');
      const spending = newStreamId('fund');
      await getStore().append(fund, [anEvent(), anEvent()], 'no_stream');
      const held = [{ streamId: fund, revision: 1 }, { streamId: newStreamId('fund'), revision: -1 }];
      expect((await getStore().append(spending, [anEvent()], 'no_stream', held)).nextExpectedRevision).toBe(0);
    });

    it('refuses an append whose held stream has moved, naming it, and writes nothing', async () => {
      const fund = newStreamId('fund');
      const spending = newStreamId('fund');
      await getStore().append(fund, [anEvent()], 'no_stream');
      await getStore().append(fund, [anEvent()], 0);
      const error = await refusal(getStore().append(spending, [anEvent()], 'no_stream', [{ streamId: fund, revision: 0 }]));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: fund, expectedRevision: 0, actualRevision: 1 });
      expect(await getStore().readStream(spending)).toEqual([]);
    });
  });
}

function describeStreamReads(getStore: () => EventStore): void {
  describe('reading streams', () => {
    it('reads a missing stream as empty, with revision -1', async () => {
      const streamId = newStreamId('missing');
      expect(await getStore().readStream(streamId)).toEqual([]);
      expect(await getStore().streamRevision(streamId)).toBe(-1);
    });

    it('reads a stream from a revision and up to a count', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()], 'no_stream');
      const revisions = async (options: { fromRevision?: number; maxCount?: number }) =>
        (await getStore().readStream(streamId, options)).map((event) => event.revision);

      expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
      expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
      expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
      expect(await revisions({ fromRevision: 1, maxCount: 2 })).toEqual([1, 2]);
      expect(await revisions({ fromRevision: 5 })).toEqual([]);
      expect(await getStore().streamRevision(streamId)).toBe(4);
    });

    it('reads nothing for a count below one, and refuses a negative revision or position', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');

      expect(await getStore().readStream(streamId, { maxCount: 0 })).toEqual([]);
      expect(await getStore().readStream(streamId, { maxCount: -1 })).toEqual([]);
      expect(await readAllOf(getStore(), { maxCount: -1 })).toEqual([]);
      await expect(getStore().readStream(streamId, { fromRevision: -1 })).rejects.toBeInstanceOf(TypeError);
      await expect(readAllOf(getStore(), { afterPosition: -1 })).rejects.toBeInstanceOf(TypeError);
      await expect(readAllOf(getStore(), { toPosition: -1 })).rejects.toBeInstanceOf(TypeError);
    });

    it('reads events by idempotency key, in order, and nothing for an unknown key', async () => {
      const key = `record-donation:${randomUUID()}`;
      const otherKey = `record-donation:${randomUUID()}`;
      const donation = newStreamId('donation');
      const fund = newStreamId('fund');
      const first = anEvent({ metadata: aMetadata({ idempotencyKey: key }) });
      const second = anEvent({ metadata: aMetadata({ idempotencyKey: key }) });
      await getStore().append(donation, [first, second], 'no_stream');
      await getStore().append(fund, [anEvent({ metadata: aMetadata({ idempotencyKey: otherKey }) })], 'no_stream');
      await getStore().append(fund, [anEvent()], 0);

      const read = await getStore().readByIdempotencyKey(key);
      expect(read.map((event) => event.eventId)).toEqual([first.eventId, second.eventId]);
      expect(read).toEqual(await getStore().readStream(donation));
      expect(await getStore().readByIdempotencyKey(`unknown:${randomUUID()}`)).toEqual([]);
    });

    it('tells which of many idempotency keys were used, whatever their number', async () => {
      const stream = newStreamId('donations');
      const used = Array.from({ length: 1_203 }, () => `statement-row:${randomUUID()}`);
      await getStore().append(stream, used.map((key) => anEvent({ metadata: aMetadata({ idempotencyKey: key }) })), 'no_stream');
      // The same key on two events is one key used.
      await getStore().append(stream, [anEvent({ metadata: aMetadata({ idempotencyKey: used[0] }) })], 1_202);
      const unused = Array.from({ length: 600 }, () => `statement-row:${randomUUID()}`);
      const asked = [...unused.slice(0, 300), ...used, ...unused.slice(300), used[5]];
      expect(await getStore().idempotencyKeysUsed(asked)).toEqual(new Set(used));
      expect(await getStore().idempotencyKeysUsed(unused)).toEqual(new Set());
      expect(await getStore().idempotencyKeysUsed([])).toEqual(new Set());
    });
  });
}

function describeLogReads(getStore: () => EventStore): void {
  describe('reading the log', () => {
    it('reads the whole log in global order across interleaved streams', async () => {
      const fund = newStreamId('fund');
      const donation = newStreamId('donation');
      const start = await getStore().headPosition();
      const appended: StoredEvent[] = [];
      appended.push(...(await getStore().append(fund, [anEvent()], 'no_stream')).events);
      appended.push(...(await getStore().append(donation, [anEvent(), anEvent()], 'no_stream')).events);
      appended.push(...(await getStore().append(fund, [anEvent()], 0)).events);
      appended.push(...(await getStore().append(donation, [anEvent()], 1)).events);

      const read = await readAllOf(getStore(), { afterPosition: start }, [fund, donation]);
      expect(read).toEqual(appended);
      expectStrictlyIncreasing(read.map((event) => event.position));
    });

    it('reads the log after a position (exclusive), up to a position (inclusive) and up to a count', async () => {
      const streamId = newStreamId('fund');
      const start = await getStore().headPosition();
      const { events } = await getStore().append(streamId, [anEvent(), anEvent(), anEvent(), anEvent()], 'no_stream');
      const positions = events.map((event) => event.position);
      const ids = (read: StoredEvent[]) => read.map((event) => event.eventId);
      const idsAt = (...indexes: number[]) => indexes.map((index) => events[index].eventId);

      const store = getStore();
      expect(ids(await readAllOf(store, { afterPosition: start }))).toEqual(idsAt(0, 1, 2, 3));
      const between = await readAllOf(store, { afterPosition: positions[0], toPosition: positions[2] });
      expect(ids(between)).toEqual(idsAt(1, 2));
      expect(ids(await readAllOf(store, { afterPosition: start, maxCount: 2 }))).toEqual(idsAt(0, 1));
      expect(ids(await readAllOf(store, { afterPosition: positions[1], maxCount: 1 }))).toEqual(idsAt(2));
      expect(ids(await readAllOf(store, { afterPosition: start, toPosition: positions[3], maxCount: 10 }))).toEqual(
        idsAt(0, 1, 2, 3),
      );
      expect(await readAllOf(store, { afterPosition: positions[3] })).toEqual([]);
      expect(await readAllOf(store, { afterPosition: start, maxCount: 0 })).toEqual([]);
    });

    it('reports the head position: the last appended event, or 0 for an empty log', async () => {
      const store = getStore();
      const firstOfLog = await readAllOf(store, { maxCount: 1 });
      if (firstOfLog.length === 0) expect(await store.headPosition()).toBe(0);

      const before = await store.headPosition();
      const result = await store.append(newStreamId('fund'), [anEvent(), anEvent()], 'no_stream');
      expect(result.lastPosition).toBeGreaterThan(before);
      expect(await store.headPosition()).toBe(result.lastPosition);
    });
  });
}

function describeContentAndHashes(getStore: () => EventStore): void {
  describe('content and hash chain', () => {
    it('round-trips data and metadata exactly: Vietnamese text, decimal strings, nesting', async () => {
      const streamId = newStreamId('donation');
      const data: JsonObject = {
        donorName: 'Nguyễn Văn An',
        // The same name in decomposed Unicode (NFD) must come back decomposed, not normalised.
        donorNameDecomposed: 'Nguyễn Văn An'.normalize('NFD'),
        purpose: 'Ủng hộ đồng bào lũ lụt miền Trung — đợt 2 🎗️',
        amount: { amount: '1500000', currency: 'VND' },
        exchangeRate: '25412.375000',
        tinyAmount: '0.000000000000000001',
        lines: [{ label: 'Tiền mặt', amount: '500000' }, { label: 'Chuyển khoản', amount: '1000000' }],
        anonymous: false,
        note: null,
        count: 3,
        empty: {},
        quotes: 'a "quoted" \\ back\nslash',
      };
      const metadata = aMetadata({ idempotencyKey: `receive-donation:${randomUUID()}`, requestHash: 'ab'.repeat(32) });
      const event = anEvent({ type: 'DonationReceived', data, metadata });
      await getStore().append(streamId, [event], 'no_stream');

      const [read] = await getStore().readStream(streamId);
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(metadata);
      expect(read.type).toBe('DonationReceived');
      expect(read.data.donorName).toBe('Nguyễn Văn An');
      expect(read.data.donorNameDecomposed).toBe('Nguyễn Văn An'.normalize('NFD'));
      expect(read.data.donorNameDecomposed).not.toBe('Nguyễn Văn An'.normalize('NFC'));
      const [fromLog] = await readAllOf(getStore(), { afterPosition: read.position - 1, maxCount: 1 });
      expect(fromLog).toEqual(read);
    });

    it('chains each stream from GENESIS_HASH, and every hash recomputes from the event', async () => {
      const fund = newStreamId('fund');
      const donation = newStreamId('donation');
      await getStore().append(fund, [anEvent(), anEvent()], 'no_stream');
      await getStore().append(donation, [anEvent()], 'no_stream');
      await getStore().append(fund, [anEvent()], 1);

      const fundEvents = await getStore().readStream(fund);
      expectValidChain(fundEvents);
      expectValidChain(await getStore().readStream(donation));
      const fromLog = await readAllOf(getStore(), { afterPosition: fundEvents[0].position - 1 }, [fund]);
      expectValidChain(fromLog);
    });

    it('returns from append the same hashes it stores', async () => {
      const streamId = newStreamId('fund');
      const result = await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      expectValidChain(result.events);
      expect(await getStore().readStream(streamId)).toEqual(result.events);
    });
  });
}

function describeConcurrency(getStore: () => EventStore): void {
  describe('concurrency', () => {
    it('lets exactly one of several appends expecting the same revision win', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent()], 'no_stream');

      const attempts = Array.from({ length: 5 }, () => getStore().append(streamId, [anEvent()], 0));
      const outcomes = await Promise.allSettled(attempts);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(4);
      for (const { reason } of lost) expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await getStore().streamRevision(streamId)).toBe(1);
    });

    it('lets exactly one of several no_stream appends create the stream', async () => {
      const streamId = newStreamId('fund');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 3 }, () => getStore().append(streamId, [anEvent(), anEvent()], 'no_stream')),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await getStore().readStream(streamId)).toHaveLength(2);
    });

    it('applies pipelined appends in call order: B may expect the revision A will produce', async () => {
      const streamId = newStreamId('fund');
      // Neither is awaited before the next is issued.
      const appendA = getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      const appendB = getStore().append(streamId, [anEvent()], 1);
      const appendC = getStore().append(streamId, [anEvent()], 2);
      const [a, b, c] = await Promise.all([appendA, appendB, appendC]);

      expect([a.nextExpectedRevision, b.nextExpectedRevision, c.nextExpectedRevision]).toEqual([1, 2, 3]);
      expectStrictlyIncreasing([a.lastPosition, b.lastPosition, c.lastPosition]);
      const stored = await getStore().readStream(streamId);
      const appendedIds = [...a.events, ...b.events, ...c.events].map((event) => event.eventId);
      expect(stored.map((event) => event.eventId)).toEqual(appendedIds);
      expectValidChain(stored);
    });

    it('fails a pipelined append whose predecessor failed', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      const appendA = getStore().append(streamId, [anEvent()], 'no_stream'); // wrong: the stream exists
      const appendB = getStore().append(streamId, [anEvent()], 1); // expects A to have succeeded

      await expect(appendA).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(appendB).rejects.toMatchObject({ expectedRevision: 1, actualRevision: 0 });
      expect(await getStore().streamRevision(streamId)).toBe(0);
    });

    it('fails a pipelined append whose predecessor was refused as malformed, though another append brought the stream to its revision', async () => {
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      const refused = getStore().append(streamId, [anEvent({ data: null as unknown as JsonObject })], 0);
      const other = getStore().append(streamId, [anEvent()], 0); // decided on revision 0 alone
      const dependent = getStore().append(streamId, [anEvent()], 1); // decided on the refused append's event

      await expect(refused).rejects.toBeInstanceOf(TypeError);
      expect((await other).nextExpectedRevision).toBe(1);
      await expect(dependent).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(dependent).rejects.toMatchObject({ expectedRevision: 1, actualRevision: 1 });
      expect(await getStore().streamRevision(streamId)).toBe(1);
    });

    it('fails a pipelined append whose predecessor was refused as too large, though another append brought the stream to its revision', async () => {
      const limit = getStore().maxAppendBytes;
      if (limit === undefined) return; // The store sets no limit on an append.
      const streamId = newStreamId('fund');
      await getStore().append(streamId, [anEvent()], 'no_stream');
      const refused = getStore().append(streamId, [anEvent({ data: { note: 'x'.repeat(limit) } })], 0);
      const other = getStore().append(streamId, [anEvent()], 0);
      const dependent = getStore().append(streamId, [anEvent()], 1);

      await expect(refused).rejects.toBeInstanceOf(AppendTooLargeError);
      expect((await other).nextExpectedRevision).toBe(1);
      await expect(dependent).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(dependent).rejects.toMatchObject({ expectedRevision: 1, actualRevision: 1 });
      expect(await getStore().streamRevision(streamId)).toBe(1);
    });

    it('keeps concurrent appends to different streams independent', async () => {
      const streamIds = Array.from({ length: 20 }, () => newStreamId('donation'));
      const results = await Promise.all(
        streamIds.map((streamId) => getStore().append(streamId, [anEvent()], 'no_stream')),
      );
      expect(new Set(results.map((result) => result.lastPosition)).size).toBe(streamIds.length);
      for (const streamId of streamIds) expect(await getStore().streamRevision(streamId)).toBe(0);
    });
  });
}

function describeCatchUpAndLive(getStore: () => EventStore): void {
  describe('subscriptions: catch-up and live', () => {
    it('catches up from a position, then delivers live events, until closed', async () => {
      const streamId = newStreamId('fund');
      const { events: existing } = await getStore().append(streamId, [anEvent(), anEvent(), anEvent()], 'no_stream');
      const subscription = getStore().subscribe(existing[0].position);
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const caughtUp = await nextEventsOf(iterator, 2, [streamId]);
        expect(caughtUp).toEqual(existing.slice(1));

        const { events: live } = await getStore().append(streamId, [anEvent(), anEvent()], 2);
        expect(await nextEventsOf(iterator, 2, [streamId])).toEqual(live);
      } finally {
        await subscription.close();
      }
      expect(await iterator.next()).toMatchObject({ done: true });
    });

    it('delivers catch-up events before live ones appended before its first read', async () => {
      const streamId = newStreamId('fund');
      const { events: existing } = await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      const subscription = getStore().subscribe(existing[0].position - 1);
      try {
        const { events: live } = await getStore().append(streamId, [anEvent()], 1);
        const received = await nextEventsOf(subscription[Symbol.asyncIterator](), 3, [streamId]);
        expect(received).toEqual([...existing, ...live]);
      } finally {
        await subscription.close();
      }
    });

    it('skips and repeats nothing when appends happen while it catches up', async () => {
      const streamId = newStreamId('donation');
      const start = await getStore().headPosition();
      const appended: StoredEvent[] = [];
      appended.push(...(await getStore().append(streamId, [anEvent(), anEvent(), anEvent()], 'no_stream')).events);
      const subscription = getStore().subscribe(start);
      const iterator = subscription[Symbol.asyncIterator]();
      try {
        const received = await nextEventsOf(iterator, 1, [streamId]);
        // Pipelined, not awaited, while the subscription is between catch-up and live.
        const pending = [3, 5, 7].map((from) => getStore().append(streamId, [anEvent(), anEvent()], from - 1));
        received.push(...(await nextEventsOf(iterator, 8, [streamId])));
        for (const result of await Promise.all(pending)) appended.push(...result.events);
        expect(received.map((event) => event.eventId)).toEqual(appended.map((event) => event.eventId));
        expectStrictlyIncreasing(received.map((event) => event.position));
      } finally {
        await subscription.close();
      }
    });
  });
}

function describeSubscriptionEnding(getStore: () => EventStore): void {
  describe('subscriptions: ending', () => {
    it('ends a for-await loop when closed, and resolves a pending next() as done', async () => {
      const subscription = getStore().subscribe(await getStore().headPosition());
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await subscription.close();
      expect(await pending).toMatchObject({ done: true });

      const streamId = newStreamId('fund');
      const other = getStore().subscribe(await getStore().headPosition());
      const seen: StoredEvent[] = [];
      const loop = (async () => {
        for await (const event of other) if (event.streamId === streamId) seen.push(event);
      })();
      await getStore().append(streamId, [anEvent()], 'no_stream');
      await waitUntil(() => seen.length === 1);
      await other.close();
      await loop;
      expect(seen).toHaveLength(1);
    });

    it('stops when a for-await loop breaks', async () => {
      const streamId = newStreamId('fund');
      const { events } = await getStore().append(streamId, [anEvent(), anEvent()], 'no_stream');
      const subscription = getStore().subscribe(events[0].position - 1);
      let received: StoredEvent | undefined;
      for await (const event of subscription) {
        if (event.streamId !== streamId) continue;
        received = event;
        break;
      }
      expect(received).toEqual(events[0]);
      expect(await subscription[Symbol.asyncIterator]().next()).toMatchObject({ done: true });
    });
  });
}

// ----- helpers shared by adapter test files -----

export function newStreamId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function aMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { userId: 'treasurer-01', roles: ['treasurer'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    recordedAt: '2026-11-20T08:30:00.000Z',
    schemaVersion: 1,
    ...overrides,
  };
}

export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'DonationReceived',
    data: { donorName: 'Trần Thị Bình', amount: { amount: '200000', currency: 'VND' } },
    metadata: aMetadata(),
    ...overrides,
  };
}

/** Reads the log; with `streamIds`, keeps only those streams' events (the log may hold others). */
export async function readAllOf(
  store: EventStore,
  options: ReadAllOptions,
  streamIds?: string[],
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll(options)) {
    if (!streamIds || streamIds.includes(event.streamId)) events.push(event);
  }
  return events;
}

/** The next `count` events of the given streams from a subscription, skipping other streams. */
export async function nextEventsOf(
  iterator: AsyncIterator<StoredEvent>,
  count: number,
  streamIds: string[],
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`Subscription ended after ${events.length} of ${count} events`);
    if (streamIds.includes(next.value.streamId)) events.push(next.value);
  }
  return events;
}

/** Waits for a condition; a test that never sees it fails on jest's timeout, not on a clock. */
export async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

export function expectValidChain(events: StoredEvent[]): void {
  const byStream = new Map<string, StoredEvent[]>();
  for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  for (const streamEvents of byStream.values()) {
    streamEvents.forEach((event, index) => {
      if (event.revision === 0) expect(event.previousHash).toBe(GENESIS_HASH);
      if (index > 0) expect(event.previousHash).toBe(streamEvents[index - 1].hash);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.hash).toBe(eventHash(event.previousHash, event.streamId, event.revision, event));
    });
  }
}

export function expectStrictlyIncreasing(values: number[]): void {
  values.slice(1).forEach((value, index) => expect(value).toBeGreaterThan(values[index]));
}

async function refusal(append: Promise<unknown>): Promise<WrongExpectedRevisionError> {
  const error = await append.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  return error as WrongExpectedRevisionError;
}
