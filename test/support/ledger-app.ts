import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { type LedgerConfig, limitsFromEnv } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { createLedgerApp } from '../../src/ledger-app';
import type { EsdbProtocolTestServer } from '../eventstoredb-test-server/esdb-protocol-test-server';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestLedger {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  store: EventStore;
  dataDir: string;
  /** Creates a user with these roles and returns its bearer token. */
  user(name: string, roles: string[]): Promise<{ userId: string; token: string }>;
  close(): Promise<void>;
}

/**
 * The real application on a real SQLite file in a fresh temporary folder, served through
 * Fastify exactly as in production. `overrides` may point it at another backend or at an
 * existing data folder (which close() then leaves in place).
 *
 * With LEDGER_TEST_STORE=eventstoredb (the jest project `http-on-eventstoredb`), the log lives
 * on the EventStoreDB adapter connected to an in-process protocol test server, started here.
 */
export async function startTestLedger(overrides: Partial<LedgerConfig> = {}): Promise<TestLedger> {
  const ownsDataDir = overrides.dataDir === undefined;
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'ctd-ledger-'));
  const esdb = overrides.store === undefined && process.env.LEDGER_TEST_STORE === 'eventstoredb'
    ? await esdbServerFor(dataDir, overrides.eventStoreMaxAppendSize)
    : undefined;
  const backend: Partial<LedgerConfig> = esdb ? { store: 'eventstoredb', eventStoreConnectionString: esdb.connectionString } : {};
  // Tests that lower or raise a limit set its variable before starting the ledger, as an operator would.
  const config: LedgerConfig = {
    store: 'sqlite', eventStoreConnectionString: null, port: 0, adminToken: ADMIN_TOKEN, logLevel: 'silent', limits: limitsFromEnv(process.env), ...backend, ...overrides, dataDir,
  };
  let app: NestFastifyApplication;
  try {
    app = await createLedgerApp(config);
  } catch (error) {
    // A start that fails leaves nothing for the test to close: its folder and log server go here.
    if (ownsDataDir) await releaseTestData(dataDir);
    throw error;
  }
  const server = app.getHttpServer();
  const http = () => request(server);
  return {
    app,
    http,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    async user(name, roles) {
      const response = await http().post('/v1/users').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name, roles });
      if (response.status !== 201) throw new Error(`creating user ${name}: ${response.status} ${JSON.stringify(response.body)}`);
      return { userId: response.body.userId, token: response.body.token };
    },
    async close() {
      await app.close();
      if (ownsDataDir) await releaseTestData(dataDir);
    },
  };
}

/**
 * On the EventStoreDB backend, the log of a data folder is one protocol test server: a second
 * application on the same folder (another process, or a restart) reaches the same log.
 */
const esdbServers = new Map<string, EsdbProtocolTestServer>();

async function esdbServerFor(dataDir: string, maxAppendSize: number | undefined): Promise<EsdbProtocolTestServer> {
  let server = esdbServers.get(dataDir);
  if (!server) {
    // Loaded on this backend only: gRPC and the client's modules cost every other test file a few hundred ms.
    const { EsdbProtocolTestServer } = await import('../eventstoredb-test-server/esdb-protocol-test-server');
    // A ledger told a smaller MaxAppendSize meets a server that has it, as both are configured in production.
    server = await EsdbProtocolTestServer.start(maxAppendSize === undefined ? {} : { maxAppendSize });
    esdbServers.set(dataDir, server);
  }
  return server;
}

/** Deletes a data folder and, on the EventStoreDB backend, stops the server holding its log. */
export async function releaseTestData(dataDir: string): Promise<void> {
  const server = esdbServers.get(dataDir);
  esdbServers.delete(dataDir);
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** For each store, how many events its log held up to a position, as last counted. */
const counted = new WeakMap<EventStore, { position: number; count: number }>();

/**
 * Counts every event in the log: "nothing appended" is checked against it. The log only grows,
 * so a store's events up to the position of the last count are counted once, and each later
 * count reads only what came after it (on EventStoreDB a read of the whole log is a stream of
 * gRPC messages, and these counts bracket most rejected commands of the HTTP tests).
 */
export async function countEvents(store: EventStore): Promise<number> {
  let { position, count } = counted.get(store) ?? { position: 0, count: 0 };
  for await (const event of store.readAll({ afterPosition: position })) {
    position = event.position;
    count += 1;
  }
  counted.set(store, { position, count });
  return count;
}
