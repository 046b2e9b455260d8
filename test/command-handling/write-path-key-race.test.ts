/**
 * One idempotency key sent by two processes at once (two servers on one log), each deciding before
 * the other's append is committed: the events of both derive their ids from the key, so the store
 * answers the later append with the earlier one's write. The write path must still tell a retry
 * from a reuse of the key with another request, as it does when it finds the key before deciding.
 */
import { randomUUID } from 'node:crypto';
import { IdempotencyKeyReusedError } from '../../src/command-handling/command-errors';
import type { CommandMetadata } from '../../src/command-handling/command-metadata';
import { FundModel } from '../../src/command-handling/stream-models';
import { WritePath } from '../../src/command-handling/write-path';
import { Streams } from '../../src/domain/streams';
import type { FundEvent } from '../../src/domain/fund/fund.events';
import { campaignCreated, FUND_ID } from '../domain/builders';
import { importMeta, openedFundLogPerTest } from './support/opened-fund-log';

const { openStore } = openedFundLogPerTest('ctd-write-path-key-race-');
const FUND = Streams.fund(FUND_ID);

describe('one idempotency key decided by two processes at once', () => {
  async function race(requestHashOfSecond: string) {
    const key = `create-campaign-${randomUUID()}`;
    const meta = (requestHash: string): CommandMetadata => ({ ...importMeta, idempotencyKey: key, requestHash });
    const first = new WritePath(openStore());
    const secondStore = openStore();
    const second = new WritePath(secondStore);
    const request = (requestHash: string, campaignId: string) => ({
      streamId: FUND,
      model: FundModel,
      meta: meta(requestHash),
      decide: () => ({ ok: true as const, events: [campaignCreated({ campaignId }) as FundEvent] }),
      respond: (events: { eventId: string; metadata: { requestHash?: string } }[]) => events.map((event) => event.metadata.requestHash),
    });

    // The second process looks the key up before the first has committed, then decides after it has.
    let firstDone: Promise<unknown> = Promise.resolve();
    const lookUp = secondStore.readByIdempotencyKey.bind(secondStore);
    secondStore.readByIdempotencyKey = async (scoped) => {
      const found = await lookUp(scoped);
      await firstDone;
      return found;
    };
    await second.lookup(FUND, FundModel); // folded before the first process appends
    const secondOutcome = second.execute(request(requestHashOfSecond, 'CD-B')).catch((error: unknown) => error);
    firstDone = first.execute(request('hash-a', 'CD-A'));
    return { first: await firstDone, second: await secondOutcome };
  }

  it('refuses the second as a reuse of the key when it asked something else', async () => {
    const { first, second } = await race('hash-b');
    expect(first).toMatchObject({ replayed: false });
    expect(second).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(first).toMatchObject({ result: ['hash-a'] });
  });

  it('answers the second with the first write when it asked the same', async () => {
    const { first, second } = await race('hash-a');
    expect(second).toMatchObject({ result: (first as { result: unknown }).result });
  });
});
