import type { TransferLine } from '../../../projections/balance.projection';
import type { SpendingResult } from '../../command-handling/handlers/spending.handlers';
import { CommandRejectedError } from '../../command-handling/command-errors';
import type { OpenFundState } from '../../domain/fund/fund.state';
import { vietnamDayNumber } from '../../domain/shared/calendar';
import { DELIVERY_RECEIPT_FORMAT, signDeliveryReceipt, type DeliveryReceipt } from '../../domain/spending/delivery-receipt';
import type { TransferNoteImported, TransferRequested } from '../../domain/spending/spending.events';
import type { TransferState } from '../../domain/spending/spending.state';
import { signTransferNote, TRANSFER_NOTE_FORMAT, type TransferNote } from '../../domain/spending/transfer-note';
import type { LedgerSigningKey } from '../../proofs/ledger-signing-key';
import type { LoggedEntry, TransferListing } from '../../read-side/transfer-reads';

/** A step of a transfer as its route answers it: the id, the status it left the transfer in, and the approvals where it counts them. */
export function transferAnswer(result: SpendingResult) {
  const answer: Record<string, unknown> = { transferId: result.id, status: result.status, position: result.position };
  if (result.type === 'TransferRequested') answer.approvalsRequired = result.event.approvalsRequired;
  if (result.type === 'TransferApproved') {
    answer.approvalsCount = result.event.approvalsCount;
    answer.approvalsRequired = result.event.approvalsRequired;
  }
  return answer;
}

/**
 * Days a transfer was (or still is) in transit, counted on Vietnam calendar days from the day it
 * was sent to the day it arrived or was returned (today while it travels): the network report's
 * "for how long" up to today. Sent at 23:30 and received at 00:10 the next day is one day.
 */
function withDays(line: TransferLine, now: number) {
  const end = line.closedAt !== null && line.status !== 'rejected' ? line.closedAt : new Date(now).toISOString();
  const daysInTransit = line.sentAt === null ? null : Math.max(0, vietnamDayNumber(end) - vietnamDayNumber(line.sentAt));
  return { ...line, daysInTransit };
}

/** The fund's transfers as GET …/transfers shows them at `now` (epoch milliseconds). */
export function presentTransfers(fundId: string, listing: TransferListing, now: number) {
  return {
    fundId,
    sent: listing.sent.map((line) => withDays(line, now)),
    incoming: listing.incoming.map((line) => withDays(line, now)),
    restrictionReleases: listing.restrictionReleases,
    asOfPosition: listing.position,
  };
}

/**
 * A note is given only of a transfer to a fund of a ledger elsewhere (one of this ledger is
 * received here) and only while it is in transit: else 422 INVALID_STATE saying which.
 */
export function requireNoteDue(transfer: TransferState, transferId: string): void {
  if (!transfer.external) {
    throw new CommandRejectedError({
      code: 'INVALID_STATE', message: `Transfer ${transferId} goes to ${transfer.toFundId}, a fund of this ledger: it is received here, with no note`,
      details: { external: false, toFundId: transfer.toFundId }, reason: 'transfer-internal', params: { transferId },
    });
  }
  if (transfer.status !== 'in_transit') {
    throw new CommandRejectedError({
      code: 'INVALID_STATE', message: `Transfer ${transferId} is ${transfer.status}: a note is given only for a transfer in transit`,
      details: { status: transfer.status }, reason: 'transfer', params: { transferId },
    });
  }
}

/** The sending ledger's signed note of a transfer, from its request as the log holds it: the same transfer always gives the same note. */
export function signedTransferNote(
  key: LedgerSigningKey, fund: OpenFundState, transferId: string, requested: LoggedEntry<TransferRequested['data']>,
): TransferNote {
  const d = requested.data;
  return signTransferNote({
    format: TRANSFER_NOTE_FORMAT, ledger: key.origin, keyId: key.keyId, fromFundId: fund.fundId, fromChapter: fund.chapter ?? fund.name,
    transferId, toFundId: d.toFundId, amount: d.amount, currency: 'VND', component: d.component, campaignId: d.campaignId, restrictionId: d.restrictionId,
    restrictionPurpose: d.restrictionPurpose, restrictionBeneficiary: d.restrictionBeneficiary, purpose: d.purpose, businessDate: d.requestedAt,
    position: requested.position,
  }, key.privateKey);
}

/**
 * The receiving ledger's signed word that it booked a note (`fund`: the receiving fund, undefined
 * when it is not open): the same booking always gives the same receipt.
 */
export function signedDeliveryReceipt(key: LedgerSigningKey, fund: OpenFundState | undefined, booked: LoggedEntry<TransferNoteImported['data']>): DeliveryReceipt {
  const d = booked.data;
  const toChapter = fund === undefined ? d.fundId : (fund.chapter ?? fund.name);
  return signDeliveryReceipt({
    format: DELIVERY_RECEIPT_FORMAT, ledger: key.origin, keyId: key.keyId, toFundId: d.fundId, toChapter,
    transferId: d.transferId, fromLedger: d.fromLedger, fromFundId: d.fromFundId, amount: d.amount, currency: 'VND',
    businessDate: d.importedAt, position: booked.position,
  }, key.privateKey);
}
