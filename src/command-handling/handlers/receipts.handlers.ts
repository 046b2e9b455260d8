import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IssueReceipts } from '../../domain/receipts/receipts.commands';
import { decideIssueReceipts } from '../../domain/receipts/receipts.decide';
import { Streams } from '../../domain/streams';
import { CommandRejectedError } from '../command-errors';
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
 * Records the first print of receipts through the one write path, as a batch whose items are the
 * receipts: each ReceiptIssued carries its donation's key, so a receipt is issued once however
 * many prints race, and a period's thousands of receipts go to the store in appends it can carry.
 * Two first prints at once take turns on the stream; the second decides on the state that holds
 * the first's receipts, so it issues nothing and prints copies.
 */
@CommandHandler(IssueReceiptsCommand)
export class IssueReceiptsHandler implements ICommandHandler<IssueReceiptsCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  async execute({ command, meta }: IssueReceiptsCommand): Promise<CommandOutcome<ReceiptsIssuedResult>> {
    const keyOf = (donationId: string) => `receipt-issued:${command.fundId}:${donationId}`;
    const outcome = await this.writer.writePath.executeBatch({
      streamId: Streams.receipts(command.fundId, command.fiscalYear),
      model: ReceiptStreamModel,
      meta,
      itemKeys: command.donations.map((donation) => keyOf(donation.donationId)),
      decide: (state, written) => {
        const decision = decideIssueReceipts(command, state);
        if (!decision.ok) throw new CommandRejectedError(decision.rejection);
        const events = decision.events.filter((event) => !written.has(keyOf(event.data.donationId)));
        const issued: Record<string, string> = {};
        for (const event of events) issued[event.data.donationId] = event.data.issuedAt;
        return { events, result: { issued } };
      },
      keyOf: (event) => keyOf(event.data.donationId),
    });
    return { result: outcome.result, replayed: false };
  }
}
