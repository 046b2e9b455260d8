import {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from '../../src/event-store/eventstoredb/eventstoredb-event-store';
import { EsdbProtocolTestServer, type EsdbProtocolTestServerOptions } from '../eventstoredb-test-server/esdb-protocol-test-server';
import { describeEventStoreContract, type EventStoreHarness } from './event-store.contract';

/**
 * The shared contract against the EventStoreDB adapter connected to the in-process protocol
 * test server (not a real EventStoreDB: see eventstoredb.real.test.ts for that). Each test gets a
 * fresh server, which already holds a few system events as a new ESDB node does.
 */
function testServerHarness(
  serverOptions: EsdbProtocolTestServerOptions,
  storeOptions: Partial<EventStoreDbEventStoreOptions>,
): () => Promise<EventStoreHarness> {
  return async () => {
    const server = await EsdbProtocolTestServer.start(serverOptions);
    // The contract's stream ids (`fund-…`) do not carry the production `ctd.` prefix.
    const open = () => EventStoreDbEventStore.connect(server.connectionString, { ledgerStreamPrefix: '', ...storeOptions });
    return { store: await open(), reopen: open, cleanup: () => server.stop() };
  };
}

// As in production: every ledger stream under one prefix, filtered on the server by stream name.
describeEventStoreContract(
  'EventStoreDB adapter on EsdbProtocolTestServer, BatchAppend, streams under a prefix',
  testServerHarness({ batchAppend: true }, { serverNamespace: 'ctd.contract.' }),
);

// Unary Append (older servers), no prefix (system events filtered by type), and 2-event pages
// so that every $all read crosses page boundaries.
describeEventStoreContract(
  'EventStoreDB adapter on EsdbProtocolTestServer, Append, no prefix, 2-event pages',
  testServerHarness({ batchAppend: false }, { readPageSize: 2 }),
);
