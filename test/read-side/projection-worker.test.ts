import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { READ_MODELS_FILE } from '../../src/config/data-files';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { TableProjectionRunner } from '../../src/projection-runner/table-projection-runner';
import { FUND_ID } from '../domain/builders';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { writeDonationLog } from './support/donation-log';

/**
 * The table projections run in the projection worker, not on the thread that answers requests:
 * the main thread holds proxies only, the worker reports a thread of its own, and while the
 * worker rebuilds the registers from a long log the main thread answers requests (it is not the
 * one applying the log).
 *
 * "While the worker rebuilds" is made to last as long as the test needs: as soon as the ledger has
 * started, the test takes the read-model file's write lock (another connection's BEGIN IMMEDIATE;
 * WAL readers go on reading), so the worker cannot commit its next page until the test lets go,
 * and appends one more event under the lock, so the worker is behind the head even on a machine
 * where it had rebuilt the whole log before the lock was taken.
 */
const DONATIONS = 20_000;

let dataDir: string;
let ledger: TestLedger | undefined;
let writeLock: Database.Database | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ctd-projection-worker-'));
  await writeDonationLog(dataDir, DONATIONS, { namePrefix: 'Trần Thị', amountBase: 20_000, referencePrefix: 'FT25', causationId: 'projection-worker-test' });
}, 120_000);

afterAll(async () => {
  if (writeLock?.open) writeLock.close();
  await ledger?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the table projections run off the request thread', () => {
  it('runs them in a worker thread of its own, the main thread holding proxies only', async () => {
    ledger = await startTestLedger({ dataDir });
    writeLock = new Database(join(dataDir, READ_MODELS_FILE));
    writeLock.exec('BEGIN IMMEDIATE');
    const projections = ledger.app.get(ProjectionsService);
    expect(projections.tablesOffThread).toBe(true);
    expect(projections.tablesThreadId).toBeGreaterThan(0);
    expect(projections.tablesThreadId).not.toBe(threadId);
    for (const runner of projections.allTables()) expect(runner).not.toBeInstanceOf(TableProjectionRunner);
  });

  it('answers a request while the worker reports it is still rebuilding, and the registers then reach the head', async () => {
    if (!ledger || !writeLock) throw new Error('the ledger did not start');
    const projections = ledger.app.get(ProjectionsService);
    await ledger.user('Kiểm toán Hà', ['auditor']);
    const head = await ledger.store.headPosition();
    const behindBefore = projections.allTables().filter((runner) => runner.appliedPosition < head).map((runner) => runner.projection.name);
    const health = await ledger.http().get('/health');
    // The positions the main thread read while answering: the worker had not reached the head.
    const answeredAt = health.body.info?.['projection:donation-register']?.position;
    writeLock.exec('ROLLBACK');
    writeLock.close();
    expect(health.status).toBe(200);
    expect(behindBefore).toContain('donation-register');
    expect(typeof answeredAt).toBe('number');
    expect(answeredAt).toBeLessThan(head);

    for (const runner of projections.allTables()) expect(await runner.waitFor(head, 120_000)).toBe(true);
    for (const runner of projections.allTables()) expect(await runner.waitForIndexes(120_000)).toBe(true);
    const found = await ledger.http().get(`/v1/public/funds/${FUND_ID}/donations?reference=FT2500000007`);
    expect([found.status, found.body.items?.length]).toEqual([200, 1]);
  }, 180_000);
});
