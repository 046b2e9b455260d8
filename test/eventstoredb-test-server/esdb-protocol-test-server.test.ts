import {
  ANY,
  BACKWARDS,
  MaxAppendSizeExceededError,
  CancelledError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { EsdbProtocolTestServer } from './esdb-protocol-test-server';

/**
 * The test server, driven through the real @eventstore/db-client, against EventStoreDB's
 * documented behaviour (developers.eventstore.com, "Appending events", "Reading events",
 * "Catch-up subscriptions", and the server's CheckCommit rules for idempotent writes). Every
 * case runs with BatchAppend advertised (what the client uses against ESDB >= 21.10) and without
 * (the unary Append path), and against a real server too when EVENTSTORE_CONNECTION_STRING is
 * set, which is how the test server is kept honest. Cases marked `itOnTestServer` need the test
 * server's hooks (restart, dropping subscriptions) or pin a detail ESDB's documentation leaves
 * open; they are skipped on a real server. Stream names are unique per test, since a real server
 * keeps its data.
 */

const event = (type = 'SomethingHappened', data: Record<string, unknown> = { value: 1 }, id = randomUUID()) =>
  jsonEvent({ id, type, data, metadata: { correlationId: 'c-1' } });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function recorded<E extends ResolvedEvent | AllStreamResolvedEvent>(resolved: E): NonNullable<E['event']> {
  if (resolved.event === undefined) throw new Error('A resolved event without its event');
  return resolved.event as NonNullable<E['event']>;
}

interface Target {
  name: string;
  /** A fresh test server per test, or undefined for the real server. */
  startServer?: () => Promise<EsdbProtocolTestServer>;
}

const targets: Target[] = [
  { name: 'EsdbProtocolTestServer, appending through BatchAppend', startServer: () => EsdbProtocolTestServer.start() },
  {
    name: 'EsdbProtocolTestServer, appending through Append',
    startServer: () => EsdbProtocolTestServer.start({ batchAppend: false }),
  },
];
const realConnectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (realConnectionString) targets.push({ name: 'a real EventStoreDB at EVENTSTORE_CONNECTION_STRING' });

describe.each(targets)('Documented EventStoreDB behaviour on $name', ({ startServer }) => {
  const itOnTestServer = startServer ? it : it.skip;
  let testServer: EsdbProtocolTestServer | undefined;
  let client: EventStoreDBClient;
  /** A stream name no other test (or earlier run against a real server) has used. */
  let streamName: (base: string) => string;

  const server = (): EsdbProtocolTestServer => {
    if (testServer === undefined) throw new Error('This case needs the test server');
    return testServer;
  };

  beforeEach(async () => {
    testServer = startServer ? await startServer() : undefined;
    client = EventStoreDBClient.connectionString(testServer?.connectionString ?? (realConnectionString as string));
    const run = randomUUID().slice(0, 8);
    streamName = (base) => `${base}-${run}`;
  });

  afterEach(async () => {
    await client.dispose();
    await testServer?.stop();
  });

  describe('appendToStream and expected revisions', () => {
    it('creates a stream at revision 0 with NO_STREAM and reports a position', async () => {
      const result = await client.appendToStream(streamName('orders'), event(), { expectedRevision: NO_STREAM });

      expect(result.success).toBe(true);
      expect(result.nextExpectedRevision).toBe(0n);
      expect(result.position?.commit).toBeGreaterThan(0n);
    });

    it('refuses an append over MaxAppendSize (1 MiB unless configured) with MaxAppendSizeExceededError naming it, and writes nothing', async () => {
      const heavy = () => event('Heavy', { blob: 'x'.repeat(400_000) });
      const failure = await client.appendToStream(streamName('heavy'), [heavy(), heavy(), heavy()], { expectedRevision: NO_STREAM }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((failure as MaxAppendSizeExceededError).maxAppendSize).toBe(1_048_576);
      await expect(collect(client.readStream(streamName('heavy')))).rejects.toBeInstanceOf(StreamNotFoundError);
      const fits = await client.appendToStream(streamName('heavy'), [heavy(), heavy()], { expectedRevision: NO_STREAM });
      expect(fits.nextExpectedRevision).toBe(1n);
    });

    it('refuses NO_STREAM on an existing stream with WrongExpectedVersionError carrying the current revision', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, [event(), event()], { expectedRevision: NO_STREAM });

      const error = await client.appendToStream(orders, event(), { expectedRevision: NO_STREAM }).catch((e) => e);

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: orders, expectedVersion: NO_STREAM, actualVersion: 1n });
    });

    it('accepts an exact revision only when the stream is exactly there', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, [event(), event()], { expectedRevision: NO_STREAM });

      const behind = await client.appendToStream(orders, event(), { expectedRevision: 0n }).catch((e) => e);
      const ahead = await client.appendToStream(orders, event(), { expectedRevision: 5n }).catch((e) => e);
      const exact = await client.appendToStream(orders, event(), { expectedRevision: 1n });

      expect(behind).toMatchObject({ type: 'wrong-expected-version', expectedVersion: 0n, actualVersion: 1n });
      expect(ahead).toMatchObject({ type: 'wrong-expected-version', expectedVersion: 5n, actualVersion: 1n });
      expect(exact.nextExpectedRevision).toBe(2n);
    });

    it('reports a missing stream as actualVersion no_stream when an exact revision is expected', async () => {
      const error = await client.appendToStream(streamName('orders'), event(), { expectedRevision: 0n }).catch((e) => e);

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ expectedVersion: 0n, actualVersion: NO_STREAM });
    });

    it('requires an existing stream for STREAM_EXISTS', async () => {
      const orders = streamName('orders');
      const missing = await client.appendToStream(orders, event(), { expectedRevision: STREAM_EXISTS }).catch((e) => e);
      await client.appendToStream(orders, event(), { expectedRevision: NO_STREAM });
      const existing = await client.appendToStream(orders, event(), { expectedRevision: STREAM_EXISTS });

      expect(missing).toMatchObject({ type: 'wrong-expected-version', expectedVersion: STREAM_EXISTS, actualVersion: NO_STREAM });
      expect(existing.nextExpectedRevision).toBe(1n);
    });

    it('appends with ANY whatever the revision, which is why ANY is no concurrency check', async () => {
      const orders = streamName('orders');
      const first = await client.appendToStream(orders, event(), { expectedRevision: ANY });
      const second = await client.appendToStream(orders, event());

      expect(first.nextExpectedRevision).toBe(0n);
      expect(second.nextExpectedRevision).toBe(1n);
    });
  });

  describe('idempotent appends (same event ids, same expected revision)', () => {
    it('returns success with the original revision and writes nothing', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, event(), { expectedRevision: NO_STREAM });
      const retried = [event(), event()];
      const original = await client.appendToStream(orders, retried, { expectedRevision: 0n });

      const retry = await client.appendToStream(orders, retried, { expectedRevision: 0n });

      expect(retry.success).toBe(true);
      expect(retry.nextExpectedRevision).toBe(original.nextExpectedRevision);
      expect(await collect(client.readStream(orders))).toHaveLength(3);
    });

    itOnTestServer('answers a de-duplicated append with the position of the original write', async () => {
      const orders = streamName('orders');
      const retried = [event(), event()];
      const original = await client.appendToStream(orders, retried, { expectedRevision: NO_STREAM });

      const retry = await client.appendToStream(orders, retried, { expectedRevision: NO_STREAM });

      expect(retry).toEqual(original);
    });

    it('still de-duplicates after other events followed the original append', async () => {
      const orders = streamName('orders');
      const retried = [event()];
      const original = await client.appendToStream(orders, retried, { expectedRevision: NO_STREAM });
      await client.appendToStream(orders, event(), { expectedRevision: 0n });

      const retry = await client.appendToStream(orders, retried, { expectedRevision: NO_STREAM });

      expect(retry.nextExpectedRevision).toBe(original.nextExpectedRevision);
      expect(await collect(client.readStream(orders))).toHaveLength(2);
    });

    it('is a conflict when only the first event id matches', async () => {
      const orders = streamName('orders');
      const first = event();
      await client.appendToStream(orders, [first, event()], { expectedRevision: NO_STREAM });

      const error = await client.appendToStream(orders, [first, event()], { expectedRevision: NO_STREAM }).catch((e) => e);

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await collect(client.readStream(orders))).toHaveLength(2);
    });

    it('writes the events again when the ids are re-used at the current revision', async () => {
      const orders = streamName('orders');
      const reused = event();
      await client.appendToStream(orders, reused, { expectedRevision: NO_STREAM });

      await client.appendToStream(orders, reused, { expectedRevision: 0n });

      expect(await collect(client.readStream(orders))).toHaveLength(2);
    });
  });

  describe('readStream', () => {
    it('throws StreamNotFoundError for a stream that has no events', async () => {
      const error = await collect(client.readStream(streamName('nothing-here'))).catch((e) => e);

      expect(error).toBeInstanceOf(StreamNotFoundError);
    });

    it('reads forwards from a revision and backwards from the end, maxCount at a time', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, [event('A'), event('B'), event('C'), event('D')], { expectedRevision: NO_STREAM });

      const forwards = await collect(client.readStream(orders, { fromRevision: 1n, maxCount: 2 }));
      const backwards = await collect(client.readStream(orders, { direction: BACKWARDS, fromRevision: END, maxCount: 3 }));

      expect(forwards.map((e) => [recorded(e).revision, recorded(e).type])).toEqual([[1n, 'B'], [2n, 'C']]);
      expect(backwards.map((e) => recorded(e).revision)).toEqual([3n, 2n, 1n]);
    });

    it('round-trips ids, types, JSON data and metadata, and stamps a created date', async () => {
      const orders = streamName('orders');
      const written = jsonEvent({
        id: randomUUID(),
        type: 'AmountRecorded',
        data: { amount: '1000000', currency: 'VND', note: 'Quỹ hoạt động', nested: { list: [1, null, true] } },
        metadata: { actor: { userId: 'u-1', roles: ['treasurer'] } },
      });
      await client.appendToStream(orders, written, { expectedRevision: NO_STREAM });

      const [read] = await collect(client.readStream(orders));

      expect(recorded(read)).toMatchObject({
        id: written.id,
        type: written.type,
        data: written.data,
        metadata: written.metadata,
        isJson: true,
        streamId: orders,
        revision: 0n,
      });
      expect(recorded(read).created).toBeInstanceOf(Date);
    });

    it('gives each event its own $all position, commit == prepare, as ESDB >= 22.10 does on stream reads', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, [event(), event()], { expectedRevision: NO_STREAM });

      const positions = (await collect(client.readStream(orders))).map((e) => recorded(e).position as Position);

      expect(positions.every((position) => position.prepare === position.commit)).toBe(true);
      expect(positions[0].commit).toBeLessThan(positions[1].commit);
    });

    itOnTestServer('answers an append with the position of its last event', async () => {
      const orders = streamName('orders');
      const result = await client.appendToStream(orders, [event(), event()], { expectedRevision: NO_STREAM });

      const read = await collect(client.readStream(orders));

      expect(recorded(read[1]).position).toEqual(result.position);
    });
  });

  describe('readAll', () => {
    it('returns every event in commit order, commit == prepare for appended events', async () => {
      const [orders, invoices] = [streamName('orders'), streamName('invoices')];
      await client.appendToStream(orders, event('A'), { expectedRevision: NO_STREAM });
      await client.appendToStream(invoices, event('B'), { expectedRevision: NO_STREAM });
      await client.appendToStream(orders, event('C'), { expectedRevision: 0n });

      const all = (await collect(client.readAll())).map(recorded);

      expect(all.filter((e) => [orders, invoices].includes(e.streamId)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      const commits = all.map((e) => e.position.commit);
      expect(commits).toEqual([...commits].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(commits).size).toBe(commits.length);
      const mine = all.filter((e) => [orders, invoices].includes(e.streamId));
      expect(mine.every((e) => e.position.prepare === e.position.commit)).toBe(true);
    });

    itOnTestServer('holds the system events a fresh node writes', async () => {
      const all = (await collect(client.readAll())).map(recorded);

      expect(all.some((e) => e.streamId.startsWith('$') && e.type === '$metadata')).toBe(true);
    });

    it('reads forwards from a position inclusively and backwards from a position exclusively', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, [event('A'), event('B'), event('C')], { expectedRevision: NO_STREAM });
      const [, b] = (await collect(client.readStream(orders))).map(recorded);
      const position = b.position as Position;

      const forwards = (await collect(client.readAll({ fromPosition: position, maxCount: 2 }))).map(recorded);
      const backwards = (await collect(client.readAll({ fromPosition: position, direction: BACKWARDS, maxCount: 1 }))).map(recorded);
      const fromEnd = (await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 20 }))).map(recorded);

      expect(forwards.map((e) => e.type)).toEqual(['B', 'C']);
      expect(backwards.map((e) => e.type)).toEqual(['A']);
      expect(fromEnd.filter((e) => e.streamId === orders).map((e) => e.type)).toEqual(['C', 'B', 'A']);
    });

    itOnTestServer('refuses a position that does not start a record, as ESDB answers InvalidPosition', async () => {
      const { position } = await client.appendToStream(streamName('orders'), event(), { expectedRevision: NO_STREAM });
      const inside = { commit: position!.commit + 1n, prepare: position!.prepare + 1n };

      await expect(collect(client.readAll({ fromPosition: inside, direction: FORWARDS }))).rejects.toThrow(/Invalid position/);
    });
  });

  describe('subscribeToAll', () => {
    it('delivers only the events of the filtered stream prefix, historical then live', async () => {
      const ledger = streamName('ctd');
      const foreign = streamName('other');
      await client.appendToStream(`${ledger}.fund.hcm`, event('Old'), { expectedRevision: NO_STREAM });
      await client.appendToStream(foreign, event('Foreign'), { expectedRevision: NO_STREAM });
      const filter = streamNameFilter({ prefixes: [`${ledger}.`] });
      const subscription = client.subscribeToAll({ fromPosition: START, filter });
      const received: string[] = [];

      for await (const resolved of subscription) {
        received.push(`${recorded(resolved).streamId}:${recorded(resolved).type}`);
        if (received.length === 1) {
          testServer?.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', {});
          await client.appendToStream(foreign, event('Foreign'), { expectedRevision: 0n });
          await client.appendToStream(`${ledger}.spending.hcm`, event('New'), { expectedRevision: NO_STREAM });
        }
        if (received.length === 2) break;
      }
      await subscription.unsubscribe();

      expect(received).toEqual([`${ledger}.fund.hcm:Old`, `${ledger}.spending.hcm:New`]);
    });

    it('starts after the given position, excluding the event at it', async () => {
      const fund = `${streamName('ctd')}.fund.hcm`;
      const first = await client.appendToStream(fund, event('First'), { expectedRevision: NO_STREAM });
      await client.appendToStream(fund, event('Second'), { expectedRevision: 0n });
      const [firstRead] = (await collect(client.readStream(fund))).map(recorded);
      const filter = streamNameFilter({ prefixes: [fund] });
      const subscription = client.subscribeToAll({ fromPosition: firstRead.position ?? first.position!, filter });

      const [next] = await take(subscription, 1);
      await subscription.unsubscribe();

      expect(recorded(next).type).toBe('Second');
    });

    it('filters system events out by event type with excludeSystemEvents', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, event('Mine'), { expectedRevision: NO_STREAM });
      const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
      const types: string[] = [];

      for await (const resolved of subscription) {
        types.push(recorded(resolved).type);
        if (recorded(resolved).streamId === orders) break;
      }
      await subscription.unsubscribe();

      expect(types.at(-1)).toBe('Mine');
      expect(types.filter((type) => type.startsWith('$'))).toEqual([]);
    });

    it('reports checkpoints while it searches, at positions that only grow', async () => {
      const ledger = streamName('ctd');
      await client.appendToStream(streamName('other'), [event(), event(), event()], { expectedRevision: NO_STREAM });
      await client.appendToStream(`${ledger}.fund.hcm`, event('Mine'), { expectedRevision: NO_STREAM });
      const checkpoints: bigint[] = [];
      const filter = streamNameFilter({
        prefixes: [`${ledger}.`],
        maxSearchWindow: 1,
        checkpointInterval: 1,
        checkpointReached: (_subscription, position) => void checkpoints.push(position.commit),
      });
      const subscription = client.subscribeToAll({ fromPosition: START, filter });

      await take(subscription, 1);
      await subscription.unsubscribe();

      expect(checkpoints.length).toBeGreaterThanOrEqual(1);
      expect(checkpoints).toEqual([...checkpoints].sort((a, b) => (a < b ? -1 : 1)));
    });

    itOnTestServer('surfaces a dropped subscription to the client as an UnavailableError', async () => {
      await client.appendToStream(streamName('ctd.fund'), event(), { expectedRevision: NO_STREAM });
      const subscription = client.subscribeToAll({ fromPosition: START, filter: streamNameFilter({ prefixes: ['ctd.'] }) });
      await take(subscription, 1, { keepOpen: true });

      server().dropSubscriptions();

      await expect(collect(subscription)).rejects.toBeInstanceOf(UnavailableError);
    });
  });

  describe('connecting', () => {
    itOnTestServer('answers gossip, so a discovery connection string finds this node as leader', async () => {
      const discovered = EventStoreDBClient.connectionString(`esdb+discover://127.0.0.1:${server().port}?tls=false`);
      try {
        const result = await discovered.appendToStream(streamName('orders'), event(), { expectedRevision: NO_STREAM });
        expect(result.nextExpectedRevision).toBe(0n);
      } finally {
        await discovered.dispose();
      }
    });

    itOnTestServer('keeps its data across a restart on the same port', async () => {
      const orders = streamName('orders');
      await client.appendToStream(orders, event(), { expectedRevision: NO_STREAM });

      await server().restart();

      const after = await retryWhileUnavailable(() => collect(client.readStream(orders)));
      expect(after).toHaveLength(1);
    });
  });
});

describe('EsdbProtocolTestServer.stop', () => {
  /** The sockets the process holds that a server accepted on this port (process._getActiveHandles, as the leak report reads it). */
  const acceptedOn = (port: number) =>
    (process as unknown as { _getActiveHandles(): Array<{ constructor: { name: string }; server?: unknown; localPort?: number }> })
      ._getActiveHandles().filter((handle) => handle.constructor.name === 'Socket' && handle.server !== undefined && handle.localPort === port)
      .map(() => `a socket accepted on port ${port}`);

  it('closes every connection it accepted, even one whose client keeps its side open, before it resolves', async () => {
    // An accepted socket left open keeps the test's process alive after its last test.
    const server = await EsdbProtocolTestServer.start();
    const client = connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
    try {
      client.on('error', () => undefined);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      client.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
      await retryUntil(() => acceptedOn(server.port).length === 1);

      await server.stop();

      expect(acceptedOn(server.port)).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});

/** Waits, a turn of the event loop at a time, until `condition` holds. */
async function retryUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Takes `count` events from a subscription; the iterator is left open when asked, for later reads. */
async function take<T>(subscription: AsyncIterable<T>, count: number, { keepOpen = false } = {}): Promise<T[]> {
  const items: T[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  if (!keepOpen) await iterator.return?.();
  return items;
}

/** The client drops its channel after UNAVAILABLE or CANCELLED and reconnects on the next call. */
async function retryWhileUnavailable<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      const reconnects = error instanceof UnavailableError || error instanceof CancelledError;
      if (!reconnects || attempt >= attempts) throw error;
    }
  }
}
