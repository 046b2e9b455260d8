import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IssueReceipts } from '../../domain/receipts/receipts.commands';
import { decideIssueReceipts } from '../../domain/receipts/receipts.decide';
import type { ReceiptIssued } from '../../domain/receipts/receipts.events';
import { Streams } from '../../domain/streams';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { ReceiptStreamModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface ReceiptsIssuedResult {
  /** The receipts this print issued (first prints), by donation id, with their issue time. */
  issued: Record<string, string>;
}

export class IssueReceiptsCommand extends Command<CommandOutcome<ReceiptsIssuedResult>> {
  constructor(readonly command: IssueReceipts, readonly meta: CommandMetadata) {
    super();
  }
}

/**
 * Records the first print of receipts through the one write path, with the revision read: two
 * first prints at once both decide on the same state, one append wins, and the other is decided
 * again on the state that includes it, so it issues nothing and prints a copy.
 */
@CommandHandler(IssueReceiptsCommand)
export class IssueReceiptsHandler implements ICommandHandler<IssueReceiptsCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ command, meta }: IssueReceiptsCommand): Promise<CommandOutcome<ReceiptsIssuedResult>> {
    return this.writer.writePath.execute({
      streamId: Streams.receipts(command.fundId, command.fiscalYear),
      model: ReceiptStreamModel,
      meta,
      decide: (state) => decideIssueReceipts(command, state),
      respond: (events) => {
        const issued: Record<string, string> = {};
        for (const event of events) {
          const data = event.data as unknown as ReceiptIssued['data'];
          issued[data.donationId] = data.issuedAt;
        }
        return { issued };
      },
    });
  }
}
