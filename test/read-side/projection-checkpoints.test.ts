import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Projection } from '../../projections/projection';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { CheckpointStore } from '../../src/projection-runner/checkpoint-store';
import { ProjectionRunner } from '../../src/projection-runner/projection-runner';

/**
 * The balance keeps its checkpoint in the read-model file, which the projection worker writes in
 * long transactions while the registers catch up (a rebuild, a large import). A checkpoint that
 * finds the file busy is no failure of the projection: the runner neither waits for the file on
 * the request loop nor goes back to its last checkpoint and applies the same events again. It
 * saves at its next commit once the file is free, and on stopping.
 */
const EVENTS = 2_500;

interface Counted {
  count: number;
}

let dir: string;
let store: SqliteEventStore;
/** Every position the projection was given, in the order it was given them. */
const applied: number[] = [];
const counter: Projection<Counted> = {
  name: 'counter',
  version: 1,
  initialState: () => ({ count: 0 }),
  apply: (state, event) => {
    applied.push(event.position);
    return { count: state.count + 1 };
  },
};
const logged: string[] = [];
const logger = { error: (message: string) => logged.push(`error ${message}`), log: (message: string) => logged.push(message) };

beforeAll(async () => {
  // The native addon raises its errors as instances of the first copy of better-sqlite3 that
  // opened a database in the process, as when an earlier test file of a jest worker loaded its own
  // copy: a busy file must be recognised all the same.
  jest.isolateModules(() => {
    const OtherCopy = jest.requireActual<typeof Database>('better-sqlite3');
    new OtherCopy(':memory:').close();
  });
  dir = mkdtempSync(join(tmpdir(), 'ctd-projection-checkpoints-'));
  store = SqliteEventStore.open(join(dir, 'ledger.db'));
  const metadata = { actor: { userId: 'u', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2026-05-01T00:00:00.000Z', schemaVersion: 1 };
  for (let batch = 0; batch < EVENTS / 500; batch++) {
    const events = Array.from({ length: 500 }, (_, i) => ({
      eventId: randomUUID(), type: 'UserDeactivated', data: { userId: `user-${batch}-${i}`, deactivatedBy: 'admin' }, metadata,
    }));
    await store.append(`probe-${batch}`, events, 'no_stream');
  }
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

/** What a test opened, closed after it whatever its outcome: a failed expectation must not leave a runner following the log. */
const opened: { workers: Database.Database[]; runners: ProjectionRunner<Counted>[]; stores: CheckpointStore[] } = { workers: [], runners: [], stores: [] };
afterEach(async () => {
  // The lock first, so that each runner's last save does not wait for it.
  for (const worker of opened.workers.splice(0)) worker.close();
  for (const runner of opened.runners.splice(0)) await runner.stop();
  for (const checkpoints of opened.stores.splice(0)) checkpoints.close();
});

/** A checkpoint store on `name`, with a second connection holding the file's write lock, as the projection worker does while it commits. */
function busyCheckpointFile(name: string): { checkpoints: CheckpointStore; worker: Database.Database } {
  const file = join(dir, name);
  const checkpoints = new CheckpointStore(file);
  const worker = new Database(file);
  worker.exec('BEGIN IMMEDIATE');
  opened.workers.push(worker);
  opened.stores.push(checkpoints);
  return { checkpoints, worker };
}

function started(checkpoints: CheckpointStore): ProjectionRunner<Counted> {
  const runner = new ProjectionRunner(counter, store, checkpoints, logger);
  opened.runners.push(runner);
  runner.start();
  return runner;
}

describe('a projection whose checkpoint file is busy with another writer', () => {
  it('applies every event once, keeps its state, and saves its checkpoint once the file is free', async () => {
    const { checkpoints, worker } = busyCheckpointFile('read-models.db');
    const runner = started(checkpoints);

    expect(await runner.waitFor(EVENTS, 30_000)).toBe(true);
    expect(runner.current).toEqual({ count: EVENTS });
    // Each position once, in order: the runner never went back to a checkpoint and replayed.
    expect(applied).toEqual(Array.from({ length: EVENTS }, (_, index) => index + 1));
    expect(logged.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(checkpoints.load('counter')).toBeUndefined();

    worker.exec('COMMIT');
    expect(await eventually(() => checkpoints.load('counter')?.position === EVENTS, 10_000)).toBe(true);
    expect(JSON.parse(checkpoints.load('counter')?.stateJson ?? 'null')).toEqual({ count: EVENTS });

    await runner.stop();
    // A runner started again resumes from the checkpoint and has nothing to apply.
    const again = started(checkpoints);
    expect(again.appliedPosition).toBe(EVENTS);
    expect(again.current).toEqual({ count: EVENTS });
    await again.stop();
    expect(applied).toHaveLength(EVENTS);
  });

  it('saves its last checkpoint on stopping', async () => {
    const { checkpoints, worker } = busyCheckpointFile('stopping.db');
    applied.length = 0;
    const runner = started(checkpoints);
    expect(await runner.waitFor(EVENTS, 30_000)).toBe(true);
    expect(checkpoints.load('counter')).toBeUndefined();
    worker.exec('COMMIT');
    await runner.stop();
    expect(checkpoints.load('counter')?.position).toBe(EVENTS);
  });
});
