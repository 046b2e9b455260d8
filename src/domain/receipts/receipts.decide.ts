import { accept, type Decision } from '../shared/decision';
import type { IssueReceipts } from './receipts.commands';
import type { ReceiptEvent } from './receipts.events';
import type { ReceiptStreamState } from './receipts.state';

/**
 * Issues the receipts of the command that were never printed (R21). A receipt already issued is
 * not an error: printing it again gives a copy, so the decision is then to append nothing. The
 * same donation named twice in one command is issued once. A donation taken back by a reversal
 * is never issued: a receipt acknowledges money the fund keeps, and its print says it is void.
 */
export function decideIssueReceipts(command: IssueReceipts, state: ReceiptStreamState): Decision<ReceiptEvent> {
  const seen = new Set<string>();
  const events: ReceiptEvent[] = [];
  for (const { donationId, receiptNo, reversedBy } of command.donations) {
    if (reversedBy !== null || state.issuedAt.has(donationId) || seen.has(donationId)) continue;
    seen.add(donationId);
    events.push({
      type: 'ReceiptIssued',
      data: { fundId: command.fundId, donationId, receiptNo, fiscalYear: command.fiscalYear, issuedAt: command.now },
    });
  }
  return accept(...events);
}
