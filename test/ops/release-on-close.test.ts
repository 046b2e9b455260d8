import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import workerThreads from 'node:worker_threads';
import { Streams } from '../../src/domain/streams';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { startTestLedger } from '../support/ledger-app';

/**
 * What the ledger starts it ends: after `app.close()`, and after a start that fails once the
 * modules have initialised, no projection worker thread is left running (it polls the log every
 * 250 ms and would keep the process alive: a test's jest worker, or `ledger serve` after a failed
 * start), and no timer that keeps the process alive is left by a close. The worker threads the ledger starts are noted by replacing worker_threads' Worker,
 * which the projection runner reads when it starts one.
 */
describe('the ledger releases what it started', () => {
  const OriginalWorker = workerThreads.Worker;
  let started: workerThreads.Worker[] = [];
  const folders: string[] = [];

  beforeEach(() => {
    started = [];
    workerThreads.Worker = class extends OriginalWorker {
      constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
        super(...args);
        started.push(this);
      }
    };
  });

  afterEach(() => {
    workerThreads.Worker = OriginalWorker;
  });

  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  /** A worker's threadId is -1 once its thread has ended. */
  const running = () => started.filter((worker) => worker.threadId !== -1).length;

  /** The timers set while `work` ran that are still pending and keep the process alive (an unref'd one does not). */
  async function timersLeftBy(work: () => Promise<void>): Promise<string[]> {
    const spies = [jest.spyOn(globalThis, 'setTimeout'), jest.spyOn(globalThis, 'setInterval')];
    try {
      await work();
      return spies.flatMap((spy) => spy.mock.results.map((result, index) => ({ timer: result.value as NodeJS.Timeout, delay: spy.mock.calls[index][1] })))
        .filter(({ timer }) => timer.hasRef() && !(timer as unknown as { _destroyed: boolean })._destroyed)
        .map(({ delay }) => `a timer of ${String(delay)} ms`);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it('ends the projection worker and leaves no timer that keeps the process alive when the application closes', async () => {
    const left = await timersLeftBy(async () => {
      const ledger = await startTestLedger();
      expect(started).toHaveLength(1);
      expect(running()).toBe(1);
      await ledger.close();
    });

    expect(running()).toBe(0);
    expect(left).toEqual([]);
  });

  it('closes what it started when the start fails after the modules initialised', async () => {
    // A users stream the first admin's start cannot read: a token replaced for a user never created.
    const dataDir = mkdtempSync(join(tmpdir(), 'ctd-failed-start-'));
    folders.push(dataDir);
    const store = SqliteEventStore.open(join(dataDir, 'ledger.db'));
    await store.append(Streams.users(), [{
      eventId: randomUUID(), type: 'UserTokenReplaced', data: { userId: 'nobody', tokenHash: 'f'.repeat(64), replacedAt: '2025-01-02T00:00:00Z' },
      metadata: { actor: { userId: 'system', roles: ['system'] }, correlationId: 'c', causationId: 'c', recordedAt: '2025-01-02T00:00:00Z', schemaVersion: 1 },
    }], 'no_stream');
    await store.close();

    await expect(startTestLedger({ dataDir })).rejects.toThrow(/unknown user nobody/);

    expect(started).toHaveLength(1);
    expect(running()).toBe(0);
  });
});
