import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { EVENT_SCHEMA_VERSIONS } from '../../src/domain/ledger-events';
import { Streams } from '../../src/domain/streams';
import type { EventToAppend, JsonObject } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { TableProjectionRunner } from '../../src/projection-runner/table-projection-runner';
import { donationRecorded, FUND_ID, fundOpened } from '../domain/builders';
import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * The table projections run in the projection worker, not on the thread that answers requests:
 * the main thread holds proxies only, the worker reports a thread of its own, and while the
 * worker rebuilds the registers from a long log the main thread answers requests (it is not the
 * one applying the log).
 */
const DONATIONS = 20_000;

let dataDir: string;
let ledger: TestLedger | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctd-projection-worker-'));
  const store = SqliteEventStore.open(join(dataDir, 'ledger.db'));
  const metadata = () => ({
    actor: { userId: 'accountant-1', roles: ['accountant'] }, correlationId: randomUUID(), causationId: 'projection-worker-test',
    recordedAt: new Date().toISOString(), schemaVersion: EVENT_SCHEMA_VERSIONS.DonationRecorded,
  });
  const opened = fundOpened();
  await store.append(Streams.fund(FUND_ID), [{ eventId: randomUUID(), type: opened.type, data: opened.data as unknown as JsonObject, metadata: metadata() }], 'no_stream');
  for (let first = 1; first <= DONATIONS; first += 1000) {
    const events: EventToAppend[] = [];
    for (let sequence = first; sequence < first + 1000; sequence += 1) {
      const donor = { name: `Trần Thị ${sequence}`, kind: 'individual' as const, publicName: null, taxCode: null, address: null, contact: null };
      const event = donationRecorded({ sequence, amountVnd: String(20_000 + sequence), donor, reference: `FT25${String(sequence).padStart(8, '0')}` });
      events.push({ eventId: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: metadata() });
    }
    await store.append(Streams.donations(FUND_ID, 2024), events, first === 1 ? 'no_stream' : first - 2);
  }
  await store.close();
}, 120_000);

afterAll(async () => {
  await ledger?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the table projections run off the request thread', () => {
  it('runs them in a worker thread of its own, the main thread holding proxies only', async () => {
    ledger = await startTestLedger({ dataDir });
    const projections = ledger.app.get(ProjectionsService);
    expect(projections.tablesOffThread).toBe(true);
    expect(projections.tablesThreadId).toBeGreaterThan(0);
    expect(projections.tablesThreadId).not.toBe(threadId);
    for (const runner of projections.allTables()) expect(runner).not.toBeInstanceOf(TableProjectionRunner);
  });

  it('answers a request while the worker reports it is still rebuilding, and the registers then reach the head', async () => {
    if (!ledger) throw new Error('the ledger did not start');
    const projections = ledger.app.get(ProjectionsService);
    const head = await ledger.store.headPosition();
    const behindBefore = projections.allTables().filter((runner) => runner.appliedPosition < head).map((runner) => runner.projection.name);
    const health = await ledger.http().get('/health');
    // The worker's report after the answer: the answer came while it was still behind.
    const behindAfter = projections.allTables().filter((runner) => runner.appliedPosition < head).map((runner) => runner.projection.name);
    expect(health.status).toBe(200);
    expect(behindBefore).toContain('donation-register');
    expect(behindAfter).toContain('donation-register');

    for (const runner of projections.allTables()) expect(await runner.waitFor(head, 120_000)).toBe(true);
    for (const runner of projections.allTables()) expect(await runner.waitForIndexes(120_000)).toBe(true);
    const found = await ledger.http().get(`/v1/public/funds/${FUND_ID}/donations?reference=FT2500000007`);
    expect([found.status, found.body.items?.length]).toEqual([200, 1]);
  }, 180_000);
});
