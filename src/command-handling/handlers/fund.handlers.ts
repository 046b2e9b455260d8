import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CloseCampaign, CreateCampaign, FundCommand } from '../../domain/fund/fund.commands';
import { decideFund } from '../../domain/fund/fund.decide';
import { Streams } from '../../domain/streams';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { FundModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface FundCommandResult {
  fundId: string;
  campaignId?: string;
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
      respond: (events) => ({ fundId, ...(campaignId ? { campaignId } : {}), position: events[events.length - 1].position }),
    });
  }
}

