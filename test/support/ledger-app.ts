import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { LedgerConfig } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { createLedgerApp } from '../../src/http/create-app';

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
 * Fastify exactly as in production. `overrides` may point it at another backend.
 */
export async function startTestLedger(overrides: Partial<LedgerConfig> = {}): Promise<TestLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctd-ledger-'));
  const config: LedgerConfig = {
    store: 'sqlite', dataDir, eventStoreConnectionString: null, port: 0, adminToken: ADMIN_TOKEN, logLevel: 'silent', ...overrides,
  };
  const app = await createLedgerApp(config);
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
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Counts every event in the log: "nothing appended" is checked against it. */
export async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _event of store.readAll()) count += 1;
  return count;
}
