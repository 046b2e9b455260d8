import { join } from 'node:path';
import { envelope, type CommandMetadata } from '../../src/command-handling/command-metadata';
import { DonationStreamModel, FundModel } from '../../src/command-handling/stream-models';
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import type { FundEvent } from '../../src/domain/fund/fund.events';
import { Streams } from '../../src/domain/streams';
import { decodeEvent } from '../../src/log-reading/decode-event';
import type { EventToAppend } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { BENCH_FISCAL_YEAR, donationCommand, referenceOf } from './data';
import { Prng } from './prng';

export interface LoadedLog {
  donations: number;
  headPosition: number;
  seconds: number;
  /** References of some of the donations, for the lookups of W5. */
  referenceSample: string[];
}

/**
 * Fills a ledger's log with `count` donations for W4 and W5, fast: each donation is decided by
 * the ledger's own decider on the real fund state and enveloped as the write path does, then
 * appended through the port (hash chains and all) 1,000 events per append. The result is the
 * log that `count` POSTs would have left, minus the HTTP round trips. The fund and the users
 * must already exist (made through the API).
 */
export async function loadDonations(dataDir: string, fundId: string, actorUserId: string, count: number, seed: number, progress: (done: number) => void): Promise<LoadedLog> {
  const started = performance.now();
  const store = SqliteEventStore.open(join(dataDir, 'ledger.db'));
  try {
    let fund = FundModel.initialState();
    for (const stored of await store.readStream(Streams.fund(fundId))) fund = FundModel.evolve(fund, decodeEvent(stored) as FundEvent);
    const streamId = Streams.donations(fundId, BENCH_FISCAL_YEAR);
    let revision = await store.streamRevision(streamId);
    let state = DonationStreamModel.initialState();
    if (revision !== -1) throw new Error(`${streamId} is not empty; the loader starts a fresh year`);
    const prng = new Prng(seed);
    const referenceSample: string[] = [];
    const sampleEvery = Math.max(1, Math.floor(count / 10_000));
    const batchSize = 1_000;
    for (let first = 0; first < count; first += batchSize) {
      const events: EventToAppend[] = [];
      for (let sequence = first; sequence < Math.min(count, first + batchSize); sequence++) {
        const command = donationCommand(prng, sequence, count, fundId);
        const decision = decideRecordDonation(command, state, fund);
        if (!decision.ok) throw new Error(`donation ${sequence} was refused: ${JSON.stringify(decision.rejection)}`);
        const correlationId = prng.uuid();
        const meta: CommandMetadata = {
          actor: { userId: actorUserId, roles: ['accountant'] },
          now: new Date(Date.parse(command.receivedAt) + 60_000).toISOString(),
          correlationId,
          causationId: correlationId,
          idempotencyKey: null,
          requestHash: '',
        };
        decision.events.forEach((event, index) => {
          state = DonationStreamModel.evolve(state, event);
          events.push(envelope(event, meta, index, () => prng.uuid()));
        });
        if (sequence % sampleEvery === 0) referenceSample.push(referenceOf(sequence));
      }
      await store.append(streamId, events, revision === -1 ? 'no_stream' : revision);
      revision += events.length;
      progress(Math.min(count, first + batchSize));
    }
    return { donations: count, headPosition: await store.headPosition(), seconds: (performance.now() - started) / 1000, referenceSample };
  } finally {
    await store.close();
  }
}
