import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RecordDonation } from '../../domain/donation/donation.commands';
import { decideRecordDonation } from '../../domain/donation/donation.decide';
import type { DonationRecorded } from '../../domain/donation/donation.events';
import type { FundState } from '../../domain/fund/fund.state';
import { fiscalYearOf } from '../../domain/shared/calendar';
import { Streams } from '../../domain/streams';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { DonationStreamModel, FundModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface DonationRecordedResult {
  donationId: string;
  receiptNo: string;
  amountVnd: string;
  position: number;
}

export class RecordDonationCommand extends Command<CommandOutcome<DonationRecordedResult>> {
  constructor(readonly command: RecordDonation, readonly meta: CommandMetadata) {
    super();
  }
}

@CommandHandler(RecordDonationCommand)
export class RecordDonationHandler implements ICommandHandler<RecordDonationCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ command, meta }: RecordDonationCommand): Promise<CommandOutcome<DonationRecordedResult>> {
    const fundId = command.fundId;
    let fund: FundState = { status: 'none' };
    const receivedAt = Date.parse(command.receivedAt);
    // An unparseable date is refused by the decider; it still needs a stream to be decided on.
    const fiscalYear = Number.isNaN(receivedAt) ? 0 : fiscalYearOf(command.receivedAt);
    return this.writer.writePath.execute({
      streamId: Streams.donations(fundId, fiscalYear),
      model: DonationStreamModel,
      meta,
      prepare: async (held) => {
        // Held: a period closed (or a campaign changed) by another process before the append commits is decided on again.
        fund = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel, { holdIn: held });
      },
      decide: (state) => decideRecordDonation(command, state, fund),
      respond: (events) => {
        // A replayed request answers with the event stored earlier, perhaps at an older schema version.
        const recorded = (decodeEvent(events[0]) as DonationRecorded).data;
        return {
          donationId: recorded.donationId,
          receiptNo: recorded.receiptNo,
          amountVnd: recorded.amountVnd,
          position: events[events.length - 1].position,
        };
      },
    });
  }
}
