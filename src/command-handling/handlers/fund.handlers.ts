import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CloseCampaign, CreateCampaign, FundCommand } from '../../domain/fund/fund.commands';
import { decideFund } from '../../domain/fund/fund.decide';
import { Streams } from '../../domain/streams';
import type { StoredEvent } from '../../event-store/event-store.port';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { FundModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface FundCommandResult {
  fundId: string;
  campaignId?: string;
  /** The policy version a ChangePolicy made. */
  version?: number;
  /** The period a ClosePeriod closed, and its days. */
  period?: string;
  from?: string;
  to?: string;
  position: number;
}

/** Any command on a fund's own stream: opening it, its policy, its campaigns. */
export class ExecuteFundCommand extends Command<CommandOutcome<FundCommandResult>> {
  constructor(readonly fundId: string, readonly command: FundCommand, readonly meta: CommandMetadata) {
    super();
  }
}

@CommandHandler(ExecuteFundCommand)
export class FundCommandHandler implements ICommandHandler<ExecuteFundCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ fundId, command, meta }: ExecuteFundCommand): Promise<CommandOutcome<FundCommandResult>> {
    const campaignId = (command as CreateCampaign | CloseCampaign).campaignId;
    return this.writer.writePath.execute({
      streamId: Streams.fund(fundId),
      model: FundModel,
      meta,
      decide: (state) => decideFund(command, state),
      respond: (events) => fundResult(fundId, campaignId, events),
    });
  }
}

/** The answer, from the stored events alone, so a retried request gets the same one. */
function fundResult(fundId: string, campaignId: string | undefined, events: StoredEvent[]): FundCommandResult {
  const position = events[events.length - 1].position;
  // A replayed request answers with events stored earlier, perhaps at an older schema version.
  const last = decodeEvent(events[events.length - 1]);
  if (last.type === 'PolicyChanged') return { fundId, version: Number(last.data.version), position };
  if (last.type === 'PeriodClosed') return { fundId, period: String(last.data.period), from: String(last.data.from), to: String(last.data.to), position };
  return { fundId, ...(campaignId ? { campaignId } : {}), position };
}

