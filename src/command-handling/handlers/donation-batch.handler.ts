import { decideDonationBatch, type BatchItemOutcome, type RecordDonationBatch } from '../../domain/donation/donation-batch.decide';
import type { DonationRecorded } from '../../domain/donation/donation.events';
import type { FundState } from '../../domain/fund/fund.state';
import { Streams } from '../../domain/streams';
import { rowIdempotencyKey } from '../../import/row-identity';
import type { CommandMetadata } from '../command-metadata';
import { DonationStreamModel, FundModel, SpendingModel } from '../stream-models';
import type { BatchOutcome, WritePath } from '../write-path';

/**
 * Records the lines of a bank statement of one fund and fiscal year as donations, in ONE append
 * through the write path. Every line's event is stored under the line's own key
 * (`statement-row:<fund>:<day>:<row id>`), scoped to the fund, not to the user, so two accountants
 * importing overlapping statements book each transfer once; a line whose key is already stored is
 * a duplicate.
 *
 * A function of the write path, not a handler on the command bus: `ledger import` runs with the
 * event store alone, without the application around it.
 */
export function recordDonationBatch(writePath: WritePath, batch: RecordDonationBatch, meta: CommandMetadata): Promise<BatchOutcome<BatchItemOutcome[]>> {
  const rowIdOfKey = new Map<string, string>();
  for (const { source, receivedAt } of batch.donations) {
    if (source) rowIdOfKey.set(rowIdempotencyKey(batch.fundId, receivedAt, source.rowId), source.rowId);
  }
  let fund: FundState = { status: 'none' };
  let reversed: ReadonlySet<string> = new Set();
  return writePath.executeBatch({
    streamId: Streams.donations(batch.fundId, batch.fiscalYear),
    model: DonationStreamModel,
    meta,
    itemKeys: [...rowIdOfKey.keys()],
    prepare: async (held) => {
      fund = await writePath.lookup(Streams.fund(batch.fundId), FundModel, { holdIn: held });
      // A transfer recorded by hand stands for its statement line unless a reversal took it back;
      // the hand-typed ones are few, so only they are asked about.
      const state = await writePath.lookup(Streams.donations(batch.fundId, batch.fiscalYear), DonationStreamModel);
      if (state.byHand.size > 0) {
        const { reversedDonations } = await writePath.lookup(Streams.spending(batch.fundId), SpendingModel);
        reversed = new Set([...state.byHand.values()].filter((donationId) => reversedDonations.has(donationId)));
      }
    },
    decide: (state, written) => {
      const recordedRowIds = new Set([...written].map((key) => rowIdOfKey.get(key) as string));
      const decision = decideDonationBatch(batch, state, fund, recordedRowIds, reversed);
      return { events: decision.events, result: decision.outcomes };
    },
    keyOf: (event) => rowKeyOf(batch.fundId, event),
  });
}

function rowKeyOf(fundId: string, event: DonationRecorded): string {
  const rowId = event.data.source?.rowId;
  if (rowId === undefined) throw new Error(`Statement donation ${event.data.donationId} has no row id`);
  return rowIdempotencyKey(fundId, event.data.receivedAt, rowId);
}
