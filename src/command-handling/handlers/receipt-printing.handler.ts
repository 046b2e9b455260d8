import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '../../domain/streams';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { ReceiptStreamModel, SpendingModel } from '../stream-models';
import { IssueReceiptsCommand } from './receipts.handlers';

/** A print of the receipts of some donations of one fund and fiscal year. */
export interface PrintReceipts {
  fundId: string;
  fiscalYear: number;
  donations: readonly { donationId: string; receiptNo: string }[];
  /** Whether the print issues the receipts never printed (an accountant's); an auditor's records nothing. */
  issues: boolean;
}

/**
 * What a receipt's page says: its first print (`original`), a later one (`copy`), a receipt an
 * auditor prints that was never issued (`not_issued`), or a gift a reversal took back (`reversed`).
 */
export type ReceiptPrintMark = 'original' | 'copy' | 'not_issued' | 'reversed';

export interface ReceiptPrint {
  /** When the receipt was first printed; null if never. */
  issuedAt: string | null;
  mark: ReceiptPrintMark;
}

/** Answers each donation's print, in the order asked. */
export class PrintReceiptsCommand extends Command<ReceiptPrint[]> {
  constructor(readonly print: PrintReceipts, readonly meta: CommandMetadata) {
    super();
  }
}

/**
 * A print of receipts (R21): issues what was never printed (IssueReceipts, when the print issues)
 * and says of each page whether it is the first print or a copy. A donation a reversal took back
 * is never issued; its page says the receipt is void. The receipt and spending streams are read
 * as the write path holds them, so the pages agree with what the issue decided.
 */
@CommandHandler(PrintReceiptsCommand)
export class PrintReceiptsHandler implements ICommandHandler<PrintReceiptsCommand> {
  constructor(private readonly writer: LedgerWriter, private readonly commandBus: CommandBus) {}

  async execute({ print, meta }: PrintReceiptsCommand): Promise<ReceiptPrint[]> {
    const { fundId, fiscalYear, donations } = print;
    const receipts = await this.writer.writePath.lookup(Streams.receipts(fundId, fiscalYear), ReceiptStreamModel);
    const { reversedDonations } = await this.writer.writePath.lookup(Streams.spending(fundId), SpendingModel);
    const issuedBefore = new Map(receipts.issuedAt);
    let issuedNow: Record<string, string> = {};
    const unissued = donations.some((d) => !issuedBefore.has(d.donationId) && !reversedDonations.has(d.donationId));
    // A print of receipts all issued before decides nothing: it does not go through the write path at all.
    if (unissued && print.issues) {
      const outcome = await this.commandBus.execute(new IssueReceiptsCommand({
        type: 'IssueReceipts', fundId, fiscalYear, now: meta.now,
        donations: donations.map((d) => ({ donationId: d.donationId, receiptNo: d.receiptNo, reversedBy: reversedDonations.get(d.donationId)?.reversalId ?? null })),
      }, meta));
      issuedNow = outcome.result.issued;
    }
    const after = await this.writer.writePath.lookup(Streams.receipts(fundId, fiscalYear), ReceiptStreamModel);
    return donations.map((d) => {
      const first = Object.prototype.hasOwnProperty.call(issuedNow, d.donationId);
      const issuedAt = after.issuedAt.get(d.donationId) ?? issuedBefore.get(d.donationId) ?? null;
      const mark = reversedDonations.has(d.donationId) ? 'reversed' : first ? 'original' : issuedAt === null ? 'not_issued' : 'copy';
      return { issuedAt, mark };
    });
  }
}
