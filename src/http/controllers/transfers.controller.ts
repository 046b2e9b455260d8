import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BalanceProjection, type TransferLine } from '../../../projections/balance.projection';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand, type SpendingResult } from '../../command-handling/handlers/spending.handlers';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { CommandRejectedError } from '../../command-handling/command-errors';
import { FundModel, SpendingModel } from '../../command-handling/stream-models';
import type { TransferNoteImported, TransferRequested } from '../../domain/spending/spending.events';
import { DELIVERY_RECEIPT_FORMAT, signDeliveryReceipt, type DeliveryReceipt } from '../../domain/spending/delivery-receipt';
import type { FundState } from '../../domain/fund/fund.state';
import { signTransferNote, TRANSFER_NOTE_FORMAT, type TransferNote } from '../../domain/spending/transfer-note';
import { decodeEvent } from '../../log-reading/decode-event';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { ownEntry } from '../../domain/shared/records';
import { vietnamDayNumber } from '../../domain/shared/calendar';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import { senderOfTransfer } from '../../domain/spending/spending.ids';
import { Streams } from '../../domain/streams';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ApproveTransferRequestDto, AssignTransferRequestDto, ReceiveTransferRequestDto, RejectDisbursementRequestDto, RequestTransferRequestDto, ReturnTransferRequestDto } from '../dto/spending.request.dto';
import { DeliveryReceiptDto, TransferNoteDto } from '../dto/transfer-note.dto';
import { NotFound } from '../errors';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { TransferAnswerResponse, TransferAssignAnswerResponse, TransferDeliveredAnswerResponse, TransferListResponse, TransferNoteImportAnswerResponse } from '../openapi/spending.responses';
import { awaitPosition, positionParam } from '../read-consistency';
import { fundParam } from './params';
import { openFundOr404 } from '../open-fund';

const ApiTransferIdParam = () =>
  ApiParam({ name: 'transferId', description: 'The transfer id its request answered (TR-<sending fund>-<sequence>)', example: 'TR-ctd-xa-an-phu-000001' });

function transferParam(raw: string): string {
  if (senderOfTransfer(raw) === null) throw validationFailed([{ field: 'transferId', reason: 'is not an id of this ledger' }]);
  return raw;
}

function transferAnswer(result: SpendingResult) {
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

/**
 * Money between chapters (R16; api-v2 "Between chapters"). The sender requests and its approvers
 * approve, as for a disbursement; the receiving fund's accountant receives or returns it on the
 * receiving fund's own path. Every step is decided in the sender's spending stream.
 */
@ApiTags('transfers')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/transfers')
export class TransfersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly writer: LedgerWriter,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(LEDGER_SIGNING_KEY) private readonly signingKey: LedgerSigningKey,
  ) {}

  private async run(fundIdRaw: string, command: SpendingCommand, meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), command, meta));
    return transferAnswer(outcome.result);
  }

  @Get()
  @Roles('any')
  @ApiOperation({ summary: 'Transfers this fund sent and those sent to it (in transit or done), with the days each spent in transit; and the fund\'s restriction releases (R5)' })
  @ApiMinPositionQuery('the transfers')
  @ApiAnswer(200, TransferListResponse, 'The transfers')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const runner = this.projections.runner(BalanceProjection);
    await awaitPosition(runner, positionParam('minPosition', query.minPosition));
    await openFundOr404(this.writer, fundId);
    const balance = ownEntry(runner.current.funds, fundId);
    const lines = Object.values(balance?.transfers ?? {});
    const now = Date.now();
    const newestFirst = (a: TransferLine, b: TransferLine) => b.requestedAt.localeCompare(a.requestedAt) || b.transferId.localeCompare(a.transferId);
    return {
      fundId,
      sent: lines.filter((line) => line.fromFundId === fundId).sort(newestFirst).map((line) => withDays(line, now)),
      incoming: lines.filter((line) => line.toFundId === fundId).sort(newestFirst).map((line) => withDays(line, now)),
      restrictionReleases: Object.values(balance?.restrictionReleases ?? {}).sort((a, b) => b.releaseRequestId.localeCompare(a.releaseRequestId)),
      asOfPosition: runner.appliedPosition,
    };
  }

  @Get(':transferId/note')
  @Roles('accountant', 'auditor')
  @ApiTransferIdParam()
  @ApiOperation({
    summary: 'The signed transfer note of a transfer to a fund of a ledger elsewhere, once it is in transit: JSON signed with Ed25519 by the ledger\'s key '
      + '(the one `GET /v1/public/keys` publishes, named by `keyId`) over the canonical JSON (RFC 8785) of every member but `signature`. '
      + 'The receiving ledger imports it with `POST /v1/funds/{fundId}/transfers/import-note`',
  })
  @ApiAnswer(200, TransferNoteDto, 'The signed note; the same transfer always gives the same note')
  @ApiErrors(...ROUTE_ERRORS.transferNote)
  async note(@Param('fundId') fundIdRaw: string, @Param('transferId') id: string): Promise<TransferNote> {
    const fundId = fundParam(fundIdRaw);
    const transferId = transferParam(id);
    const fund = await openFundOr404(this.writer, fundId);
    const state = await this.writer.writePath.lookup(Streams.spending(fundId), SpendingModel);
    const transfer = state.transfers.get(transferId);
    if (!transfer) throw new NotFound('transfer', transferId);
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
    const requested = await this.requestOf(fundId, transferId);
    const d = requested.data;
    return signTransferNote({
      format: TRANSFER_NOTE_FORMAT, ledger: this.signingKey.origin, keyId: this.signingKey.keyId, fromFundId: fundId, fromChapter: fund.chapter ?? fund.name,
      transferId, toFundId: d.toFundId, amount: d.amount, currency: 'VND', component: d.component, campaignId: d.campaignId, restrictionId: d.restrictionId,
      restrictionPurpose: d.restrictionPurpose, restrictionBeneficiary: d.restrictionBeneficiary, purpose: d.purpose, businessDate: d.requestedAt,
      position: requested.position,
    }, this.signingKey.privateKey);
  }

  /** The transfer's request as the log holds it, with its position. */
  private async requestOf(fundId: string, transferId: string): Promise<{ data: TransferRequested['data']; position: number }> {
    for (const stored of await this.writer.store.readStream(Streams.spending(fundId))) {
      if (stored.type !== 'TransferRequested') continue;
      const event = decodeEvent(stored);
      if (event.type === 'TransferRequested' && event.data.transferId === transferId) return { data: event.data, position: stored.position };
    }
    throw new NotFound('transfer', transferId);
  }

  @Post('import-note')
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiOperation({
    summary: 'Book a signed transfer note of a ledger elsewhere into this fund (the note as the body, as its ledger gave it): once, with its restriction or campaign purpose. '
      + 'Its keyId must be a key this fund trusts and its signature must verify (else 422 INVALID_SIGNATURE, details.reason UNTRUSTED_KEY or BAD_SIGNATURE); '
      + 'it must be addressed to this fund (else 422 NOTE_MISADDRESSED); a note booked before is 409 ALREADY_EXISTS naming the earlier booking',
  })
  @ApiAnswer(201, TransferNoteImportAnswerResponse, 'The money is in this fund')
  @ApiErrors(...ROUTE_ERRORS.importTransferNote)
  async importNote(@Param('fundId') fundIdRaw: string, @Body() body: TransferNoteDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundId, { type: 'ImportTransferNote', note: { ...body }, actor: meta.actor, now: meta.now }, meta));
    const event = outcome.result.event;
    const fund = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel);
    return {
      transferId: outcome.result.id, status: 'received', fromLedger: event.fromLedger, fromChapter: event.fromChapter, amount: event.amount,
      component: event.component, receivedRestrictionId: event.receivedRestrictionId, position: outcome.result.position,
      receipt: this.receiptOf(fund, event as unknown as TransferNoteImported['data'], outcome.result.position),
    };
  }

  /** The receiving ledger's signed word that it booked a note: the same booking always gives the same receipt. */
  private receiptOf(fund: FundState, d: TransferNoteImported['data'], position: number): DeliveryReceipt {
    const toChapter = fund.status === 'none' ? d.fundId : (fund.chapter ?? fund.name);
    return signDeliveryReceipt({
      format: DELIVERY_RECEIPT_FORMAT, ledger: this.signingKey.origin, keyId: this.signingKey.keyId, toFundId: d.fundId, toChapter,
      transferId: d.transferId, fromLedger: d.fromLedger, fromFundId: d.fromFundId, amount: d.amount, currency: 'VND',
      businessDate: d.importedAt, position,
    }, this.signingKey.privateKey);
  }

  @Get('incoming/:transferId/receipt')
  @Roles('accountant', 'auditor')
  @ApiParam({ name: 'transferId', description: 'The transfer id as the sending ledger numbers it (the note\'s transferId)', example: 'TR-ctd-xa-an-phu-000001' })
  @ApiQuery({ name: 'fromLedger', required: false, description: 'The sending ledger\'s name, when two ledgers sent this fund notes with the same transferId', example: 'ctd-xa-an-phu.example.vn/ledger' })
  @ApiOperation({
    summary: 'The signed delivery receipt of a transfer note this fund booked: JSON signed with Ed25519 by this ledger\'s key (the one `GET /v1/public/keys` publishes, named by `keyId`) '
      + 'over the canonical JSON (RFC 8785) of every member but `signature`. The sending ledger records it with `POST /v1/funds/{fundId}/transfers/{transferId}/delivered`',
  })
  @ApiAnswer(200, DeliveryReceiptDto, 'The signed receipt; the same booking always gives the same receipt')
  @ApiErrors(...ROUTE_ERRORS.deliveryReceipt)
  async receipt(@Param('fundId') fundIdRaw: string, @Param('transferId') id: string, @Query('fromLedger') fromLedger?: string): Promise<DeliveryReceipt> {
    const fundId = fundParam(fundIdRaw);
    if (id.length > 200) throw validationFailed([{ field: 'transferId', reason: 'must be at most 200 characters' }]);
    const fund = await openFundOr404(this.writer, fundId);
    for (const stored of await this.writer.store.readStream(Streams.spending(fundId))) {
      if (stored.type !== 'TransferNoteImported') continue;
      const event = decodeEvent(stored);
      if (event.type !== 'TransferNoteImported' || event.data.transferId !== id) continue;
      if (fromLedger !== undefined && event.data.fromLedger !== fromLedger) continue;
      return this.receiptOf(fund, event.data, stored.position);
    }
    throw new NotFound('transferNote', id);
  }

  @Post(':transferId/delivered')
  @HttpCode(200)
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({
    summary: 'Record the receiving ledger\'s signed delivery receipt of a transfer to a ledger elsewhere (the receipt as the body, as that ledger gave it): once; '
      + 'the money leaves inTransitOut and counts as transferred out. Its keyId must be a key this fund trusts and its signature must verify (else 422 INVALID_SIGNATURE); '
      + 'it must name this transfer, this ledger and fund, the receiving fund and the amount (else 422 RECEIPT_MISMATCH); a second receipt is 409 ALREADY_EXISTS naming the first',
  })
  @ApiAnswer(200, TransferDeliveredAnswerResponse, 'The transfer is delivered')
  @ApiErrors(...ROUTE_ERRORS.transferDelivered)
  async delivered(@Param('fundId') fundIdRaw: string, @Param('transferId') id: string, @Body() body: DeliveryReceiptDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundId, {
      type: 'RecordTransferDelivery', transferId: transferParam(id), receipt: { ...body }, ledger: this.signingKey.origin, actor: meta.actor, now: meta.now,
    }, meta));
    const event = outcome.result.event;
    return { transferId: outcome.result.id, status: 'delivered', toLedger: event.toLedger, receivedAt: event.receivedAt, position: outcome.result.position };
  }

  @Post()
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiOperation({
    summary: 'Send money to another fund: held from this moment, in transit once the policy\'s approvers agree (at once when it needs none); '
      + 'the restriction or campaign purpose travels with it. Sent for a campaign without a pool of its own (its money is its component\'s unrestricted pool), '
      + 'it is at most what the campaign holds of its own at the close of its business date and of every day after; else 422 INSUFFICIENT_FUNDS with details.campaignId',
  })
  @ApiAnswer(201, TransferAnswerResponse, 'The transfer is recorded and its amount held')
  @ApiErrors(...ROUTE_ERRORS.requestTransfer)
  request(@Param('fundId') fundId: string, @Body() body: RequestTransferRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'RequestTransfer', toFundId: body.toFundId, amount: body.amount, component: body.component, campaignId: body.campaignId ?? null,
      restrictionId: body.restrictionId ?? null, purpose: body.purpose, note: body.note ?? null, requestedAt: body.requestedAt ?? null,
      actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':transferId/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({ summary: 'Approve a transfer the sending fund requested (as a disbursement: distinct approvers, never the requester)' })
  @ApiAnswer(200, TransferAnswerResponse, 'The approval is recorded; status becomes in_transit once enough distinct approvers agreed')
  @ApiErrors(...ROUTE_ERRORS.approveTransfer)
  approve(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ApproveTransferRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'ApproveTransfer', transferId: transferParam(id), note: body.note ?? null, approvedAt: body.approvedAt ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':transferId/reject')
  @HttpCode(200)
  @Roles('approver')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({ summary: 'Reject a requested transfer; the held amount becomes available again' })
  @ApiAnswer(200, TransferAnswerResponse, 'The transfer is rejected')
  @ApiErrors(...ROUTE_ERRORS.rejectTransfer)
  reject(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: RejectDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, { type: 'RejectTransfer', transferId: transferParam(id), reason: body.reason, actor: meta.actor, now: meta.now }, meta);
  }

  @Post(':transferId/receive')
  @HttpCode(200)
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({ summary: 'The receiving fund (the path\'s fund) takes in a transfer in transit, into the same component: restricted money as a pool named by the transfer, '
      + 'unrestricted money as the component\'s, or for one of this fund\'s campaigns (campaignId: its pool, when it has one); an unknown campaign is 404, '
      + 'and a campaign that does not receive on the date of receipt is refused as a donation would be (CAMPAIGN_NOT_OPEN, CAMPAIGN_CLOSED)' })
  @ApiAnswer(200, TransferAnswerResponse, 'The money is in the receiving fund')
  @ApiErrors(...ROUTE_ERRORS.receiveTransfer)
  receive(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ReceiveTransferRequestDto, @Meta() meta: CommandMetadata) {
    const toFundId = fundParam(fundId);
    return this.run(toFundId, {
      type: 'ReceiveTransfer', transferId: transferParam(id), toFundId, receivedAt: body.receivedAt ?? null, campaignId: body.campaignId ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':transferId/assign-campaign')
  @HttpCode(200)
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({
    summary: 'The receiving fund (the path\'s fund) assigns money it received for no campaign to one of its own campaigns, as the receipt would have taken it in: '
      + 'into the campaign\'s pool, or its component\'s money as the campaign\'s for a campaign without one. The receipt stays as it was written; once per transfer. '
      + 'Money booked from a transfer note is named by its transfer id and `fromLedger`',
  })
  @ApiAnswer(200, TransferAssignAnswerResponse, 'The money is the campaign\'s')
  @ApiErrors(...ROUTE_ERRORS.assignTransfer)
  async assignCampaign(@Param('fundId') fundIdRaw: string, @Param('transferId') id: string, @Body() body: AssignTransferRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundId, {
      type: 'AssignTransferToCampaign', transferId: transferParam(id), campaignId: body.campaignId, reason: body.reason, received: null, fromLedger: body.fromLedger ?? null,
      actor: meta.actor, now: meta.now,
    }, meta));
    const event = outcome.result.event;
    return {
      transferId: event.transferId, assignmentId: outcome.result.id, status: 'assigned', amount: event.amount, campaignId: event.toCampaignId,
      toRestrictionId: event.toRestrictionId, position: outcome.result.position,
    };
  }

  @Post(':transferId/return')
  @HttpCode(200)
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiTransferIdParam()
  @ApiOperation({ summary: 'The receiving fund (the path\'s fund) sends a transfer in transit back; the sender has it available again' })
  @ApiAnswer(200, TransferAnswerResponse, 'The transfer is returned to its sender')
  @ApiErrors(...ROUTE_ERRORS.arriveTransfer)
  returnTransfer(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ReturnTransferRequestDto, @Meta() meta: CommandMetadata) {
    const toFundId = fundParam(fundId);
    return this.run(toFundId, {
      type: 'ReturnTransfer', transferId: transferParam(id), toFundId, reason: body.reason, returnedAt: body.returnedAt ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }
}
