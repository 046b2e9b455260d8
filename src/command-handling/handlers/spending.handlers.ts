import { Inject, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseDonationId } from '../../domain/donation/donation.ids';
import type { DonationRecorded } from '../../domain/donation/donation.events';
import type { FundState } from '../../domain/fund/fund.state';
import type { AidFacts, SpendingCommand } from '../../domain/spending/spending.commands';
import type { TransferReceived } from '../../domain/spending/spending.events';
import { decideSpending } from '../../domain/spending/spending.decide';
import { senderOfTransfer } from '../../domain/spending/spending.ids';
import { SLUG_PATTERN, Streams } from '../../domain/streams';
import type { EventLocation, EventStore, StoredEvent } from '../../event-store/event-store.port';
import { decodeEvent } from '../../log-reading/decode-event';
import type { StatementLineUnclassified } from '../../domain/statements/statements.events';
import { lookUpAidFacts } from '../aid-facts';
import type { CommandMetadata } from '../command-metadata';
import { FundDirectory } from '../fund-directory';
import { LedgerWriter } from '../ledger-write.providers';
import { FundModel, SpendingModel, StatementStreamModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface SpendingResult {
  /** The id of what the command created or acted on: DB-…, ER-… or RV-…. */
  id: string;
  type: string;
  status?: string;
  settleBy?: string;
  /** A management cost past the board's share (R6). */
  managementCostWarning?: boolean;
  position: number;
  event: Record<string, unknown>;
}

/** Every command that can take money out of a fund goes through the fund's spending stream. */
export class ExecuteSpendingCommand extends Command<CommandOutcome<SpendingResult>> {
  constructor(readonly fundId: string, readonly command: SpendingCommand, readonly meta: CommandMetadata) {
    super();
  }
}

@CommandHandler(ExecuteSpendingCommand)
export class SpendingCommandHandler implements ICommandHandler<ExecuteSpendingCommand> {
  constructor(private readonly writer: LedgerWriter, @Optional() @Inject(FundDirectory) private readonly funds?: FundDirectory) {}

  execute({ fundId: routeFundId, command, meta }: ExecuteSpendingCommand): Promise<CommandOutcome<SpendingResult>> {
    // The receiving fund acts on a transfer in the sender's stream, named by the transfer's id.
    const arriving = command.type === 'ReceiveTransfer' || command.type === 'ReturnTransfer';
    const fundId = arriving ? (senderOfTransfer(command.transferId) ?? routeFundId) : routeFundId;
    const counterpartId = command.type === 'RequestTransfer' ? command.toFundId : arriving ? command.toFundId : null;
    let fund: FundState = { status: 'none' };
    let counterpart: FundState | undefined;
    let donation: DonationRecorded['data'] | null = null;
    let received: TransferReceived['data'] | null = null;
    let aidFacts: AidFacts | undefined;
    let line: { data: StatementLineUnclassified['data']; statementSha256: string } | null = null;
    return this.writer.writePath.execute({
      streamId: Streams.spending(fundId),
      model: SpendingModel,
      meta,
      prepare: async (held) => {
        // The fund as read (its closed periods, campaigns, policy) and the counterpart's are held: the
        // append fails if another process changes either before it commits, and the command is decided again.
        fund = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel, { holdIn: held });
        if (counterpartId !== null && SLUG_PATTERN.test(counterpartId)) counterpart = await this.writer.writePath.lookup(Streams.fund(counterpartId), FundModel, { holdIn: held });
        await this.writer.inflows.catchUp();
        if (command.type === 'ReverseEntry') donation = await findDonation(this.writer.store, fundId, command.entryId);
        if (command.type === 'SettleFx') donation = await findDonation(this.writer.store, fundId, command.donationId);
        if (command.type === 'AssignSuspense') donation = await findDonation(this.writer.store, fundId, command.donationId);
        // Money booked from a note is in this fund's own stream: only a transfer of this ledger has a receipt to find.
        if (command.type === 'AssignTransferToCampaign' && !command.fromLedger) received = await findReceipt(this.writer.store, this.writer.inflows.receiptOf(command.transferId));
        if (command.type === 'ClassifyStatementLine') {
          const statements = await this.writer.writePath.lookup(Streams.statements(fundId), StatementStreamModel);
          const data = statements.unclassified.get(command.rowId);
          const sha256 = data === undefined ? undefined : statements.sha256ById.get(data.statementId) ?? data.statementSha256;
          line = data === undefined || sha256 === undefined ? null : { data, statementSha256: sha256 };
        }
        if (command.type === 'RequestDisbursement' && command.distribution) {
          aidFacts = await lookUpAidFacts(this.writer.writePath, fundId, command, this.funds?.fundIds() ?? []);
        }
      },
      decide: (state) => {
        const withLookups = command.type === 'ReverseEntry' || command.type === 'SettleFx' || command.type === 'AssignSuspense' ? { ...command, donation }
          : command.type === 'ClassifyStatementLine' ? { ...command, line }
          : command.type === 'AssignTransferToCampaign' ? { ...command, received }
            : command.type === 'RequestDisbursement' && aidFacts ? { ...command, aidFacts } : command;
        return decideSpending(withLookups, state, { fundId, fund, inflows: this.writer.inflows.of(fundId), counterpart });
      },
      respond: spendingResult,
    });
  }
}

/** A donation id names its stream and revision, so the event is read directly. */
async function findDonation(store: EventStore, fundId: string, donationId: string): Promise<DonationRecorded['data'] | null> {
  const location = parseDonationId(donationId);
  if (!location) return null;
  const [stored] = await store.readStream(Streams.donations(fundId, location.fiscalYear), { fromRevision: location.revision, maxCount: 1 });
  if (!stored || stored.type !== 'DonationRecorded' || stored.revision !== location.revision) return null;
  const { data } = decodeEvent(stored) as DonationRecorded;
  return data.donationId === donationId ? data : null;
}

/** The receipt of a transfer, in its sender's stream where the inflow view found it (in its current shape). */
async function findReceipt(store: EventStore, location: EventLocation | undefined): Promise<TransferReceived['data'] | null> {
  if (!location) return null;
  const [stored] = await store.readStream(location.streamId, { fromRevision: location.revision, maxCount: 1 });
  if (!stored || stored.type !== 'TransferReceived' || stored.revision !== location.revision) return null;
  return (decodeEvent(stored) as TransferReceived).data;
}

function spendingResult(events: StoredEvent[]): SpendingResult {
  const last = events[events.length - 1];
  // A replayed request answers with events stored earlier, perhaps at an older schema version.
  const data = decodeEvent(last).data as unknown as Record<string, unknown>;
  const id = String(data.reversalId ?? data.assignmentId ?? data.classificationId ?? data.transferId ?? data.releaseRequestId ?? data.reallocationId ?? data.settlementId ?? data.disbursementId ?? data.releaseId);
  const result: SpendingResult = { id, type: last.type, position: last.position, event: data };
  const status = statusAfter(last.type, data);
  if (status) result.status = status;
  if (last.type === 'EmergencyReleased') result.settleBy = String(data.settleBy);
  if (last.type === 'DisbursementRequested' && data.kind === 'management_cost') result.managementCostWarning = data.managementCostWarning === true;
  return result;
}

function statusAfter(type: string, data: Record<string, unknown>): string | undefined {
  switch (type) {
    case 'DisbursementRequested':
      return 'requested';
    case 'DisbursementApproved':
      return data.fullyApproved ? 'approved' : 'requested';
    case 'DisbursementRejected':
      return 'rejected';
    case 'DisbursementPaid':
      return 'paid';
    case 'EmergencyReleased':
      return 'open';
    case 'EmergencyReleaseSettled':
      return 'settled';
    case 'EmergencySettlementReversed':
      return 'open';
    case 'EmergencyReleaseCancelled':
      return 'cancelled';
    case 'TransferRequested':
      return data.approvalsRequired === 0 ? 'in_transit' : 'requested';
    case 'TransferApproved':
      return data.fullyApproved ? 'in_transit' : 'requested';
    case 'TransferRejected':
      return 'rejected';
    case 'TransferReceived':
      return 'received';
    case 'TransferReturned':
      return 'returned';
    case 'TransferNoteImported':
      return 'received';
    case 'TransferDelivered':
      return 'delivered';
    case 'RestrictionReleaseRequested':
    case 'RestrictionReleaseApproved':
      return 'requested';
    case 'RestrictionReleased':
      return 'released';
    case 'SurplusReallocated':
      return 'reallocated';
    case 'FxSettled':
      return 'settled';
    case 'SuspenseAssigned':
    case 'TransferAssignedToCampaign':
      return 'assigned';
    case 'StatementLineClassified':
      return String(data.as);
    case 'TransferReversed':
    case 'TransferAssignmentReversed':
      return 'reversed';
    case 'HandoverRecorded':
      return String(data.status);
    case 'HandoverCorrected':
      return 'corrected';
    case 'ShareMoneyReturned':
      return 'money-returned';
    default:
      return undefined;
  }
}
