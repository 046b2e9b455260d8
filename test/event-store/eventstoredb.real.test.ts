import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { anEvent, describeEventStoreContract, expectValidChain } from './event-store.contract';

/**
 * The shared contract, and what the adapter assumes of EventStoreDB, against a REAL server:
 *
 *   docker compose up -d eventstore
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest test/event-store/eventstoredb.real
 *
 * A real server keeps its data between runs, so every store gets a server namespace of its own
 * (`test-<run>-<n>.`): each test sees only its streams, whatever earlier runs left behind.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const run = randomUUID().slice(0, 8);
let stores = 0;
const uniqueNamespace = () => `test-${run}-${(stores += 1)}.`;

if (connectionString === undefined || connectionString === '') {
  describe.skip('EventStoreDB adapter on a real server: skipped, EVENTSTORE_CONNECTION_STRING is not set (see the comment at the top of this file)', () => {
    it('needs a real EventStoreDB', () => undefined);
  });
} else {
  describeEventStoreContract(`EventStoreDB adapter on the real server at ${connectionString}`, async () => {
    const options = { ledgerStreamPrefix: '', serverNamespace: uniqueNamespace() };
    const open = () => EventStoreDbEventStore.connect(connectionString, options);
    return { store: await open(), reopen: open, cleanup: async () => undefined };
  });

  describe(`What the EventStoreDB adapter assumes, on the real server at ${connectionString}`, () => {
    it('gets the stored result back when the server de-duplicates a retried append', async () => {
      const store = await EventStoreDbEventStore.connect(connectionString, { ledgerStreamPrefix: '', serverNamespace: uniqueNamespace() });
      try {
        const events = [anEvent(), anEvent()];
        const first = await store.append('fund-1', events, 'no_stream');
        await store.append('fund-1', [anEvent()], 1);

        expect(await store.append('fund-1', events, 'no_stream')).toEqual(first);
        expect(await store.readStream('fund-1')).toHaveLength(3);
        expectValidChain(await store.readStream('fund-1'));
      } finally {
        await store.close();
      }
    });

    it('finds commit == prepare on appended events, in stream reads and in $all alike', async () => {
      const namespace = uniqueNamespace();
      const store = await EventStoreDbEventStore.connect(connectionString, { ledgerStreamPrefix: '', serverNamespace: namespace });
      const client = EventStoreDBClient.connectionString(connectionString);
      try {
        const { events } = await store.append('fund-1', [anEvent(), anEvent(), anEvent()], 'no_stream');
        const fromAll = [];
        for await (const resolved of client.readAll({ fromPosition: { commit: BigInt(events[0].position), prepare: BigInt(events[0].position) }, maxCount: 3 })) {
          fromAll.push(resolved.event);
        }

        expect(fromAll.map((event) => event?.streamId)).toEqual([1, 2, 3].map(() => `${namespace}fund-1`));
        expect(fromAll.map((event) => event?.position)).toEqual(
          events.map(({ position }) => ({ commit: BigInt(position), prepare: BigInt(position) })),
        );
      } finally {
        await client.dispose();
        await store.close();
      }
    });
  });
}
