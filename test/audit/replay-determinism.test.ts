import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BalanceProjection } from '../../projections/balance.projection';
import { canonicalJsonSha256 } from '../../src/shared/canonical-json';
import { replayProjections } from '../../src/audit/replay';
import { formatReplayReport } from '../../src/cli/verbs/replay.verb';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { replayProjection } from '../../src/projection-runner/replay';
import { type ClosedLedger, writeClosedLedger } from './ledger-fixture';

function hashesOf(report: Awaited<ReturnType<typeof replayProjections>>): Record<string, string> {
  return Object.fromEntries(report.projections.map((projection) => [projection.name, projection.sha256]));
}

describe('replay', () => {
  let ledger: ClosedLedger;
  let store: SqliteEventStore;
  let events: StoredEvent[];

  beforeAll(async () => {
    ledger = await writeClosedLedger();
    store = SqliteEventStore.open(join(ledger.dataDir, 'ledger.db'));
    events = [];
    for await (const event of store.readAll()) events.push(event);
  });

  afterAll(async () => {
    await store?.close();
    ledger?.cleanup();
  });

  it('gives the same hashes when the same log is replayed twice', async () => {
    const first = await replayProjections(store, {});
    const second = await replayProjections(store, {});
    expect(first.position).toBe(events.length);
    expect(hashesOf(second)).toEqual(hashesOf(first));
    expect(second.funds).toEqual(first.funds);
  });

  it('gives, at each position, the hashes the live read models had there', async () => {
    expect(ledger.recorded.length).toBeGreaterThanOrEqual(8);
    for (const { position, hashes } of ledger.recorded) {
      const report = await replayProjections(store, { toPosition: position });
      expect({ position, hashes: hashesOf(report) }).toEqual({ position, hashes });
    }
  });

  it('gives, as of each event\'s recording instant, the hashes the live read models had at the position reached', async () => {
    const recordedAt = new Map(ledger.recorded.map((entry) => [entry.position, entry.hashes]));
    let compared = 0;
    for (const event of events) {
      const asOf = event.metadata.recordedAt;
      // Events recorded in the same millisecond are all included: the replay stops at the first later one.
      const firstLater = events.find((candidate) => Date.parse(candidate.metadata.recordedAt) > Date.parse(asOf));
      const expectedPosition = firstLater ? firstLater.position - 1 : events.length;
      const report = await replayProjections(store, { recordedBefore: asOf });
      expect(report.position).toBe(expectedPosition);
      const live = recordedAt.get(expectedPosition);
      if (live) {
        expect(hashesOf(report)).toEqual(live);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('equals replayProjection, the function behind ?atPosition=, for the balance', async () => {
    for (const position of [1, Math.floor(events.length / 2), events.length]) {
      const alone = await replayProjection(store, BalanceProjection, { toPosition: position });
      const report = await replayProjections(store, { toPosition: position });
      expect(report.projections.find((p) => p.name === 'balance')?.sha256).toBe(canonicalJsonSha256(alone.state));
    }
  });

  it('reaches the live checkpoint\'s hash when replayed to the checkpoint\'s position', async () => {
    const checkpoints = new Database(join(ledger.dataDir, 'read-models.db'), { readonly: true });
    const saved = checkpoints.prepare('SELECT position, state_json AS stateJson FROM projection_checkpoints WHERE name = ?').get('balance') as {
      position: number; stateJson: string;
    };
    checkpoints.close();
    const report = await replayProjections(store, { toPosition: saved.position });
    expect(hashesOf(report).balance).toBe(canonicalJsonSha256(JSON.parse(saved.stateJson)));
  });

  it('prints every term of each fund\'s available, so the printed figures add up to it', () => {
    const text = formatReplayReport({
      eventsApplied: 9, bound: {}, position: 9, projections: [],
      funds: [{
        fundId: 'quy-b', received: '0', transferredIn: '10000000', movedIn: '0', fxDifference: '0', disbursed: '11000', held: '0', outstandingEmergency: '0',
        inTransitOut: '0', transferredOut: '0', movedOut: '0', suspense: '0', available: '9989000', inKindReceived: '0',
      }],
    });
    expect(text).toMatch(/\+ transferred in +10000000\n/);
    expect(text).toMatch(/- disbursed +11000\n/);
    expect(text).toMatch(/= available +9989000\n/);
  });

  it('prints each fund\'s totals from the balance', async () => {
    const report = await replayProjections(store, {});
    // 1,500,000 + 2,750,000 + 400,000 + 300,000 received; 1,000,000 paid out.
    expect(report.funds).toEqual([{
      fundId: 'ctd-audit', received: '4950000', transferredIn: '0', movedIn: '0', fxDifference: '0', disbursed: '1000000', held: '0', outstandingEmergency: '0',
      inTransitOut: '0', transferredOut: '0', movedOut: '0', suspense: '0', available: '3950000', inKindReceived: '0',
    }]);
  });
});
