import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import type { DeliveryReceipt } from '../../domain/spending/delivery-receipt';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import type { TransferNoteImported } from '../../domain/spending/spending.events';
import { senderOfTransfer } from '../../domain/spending/spending.ids';
import type { TransferNote } from '../../domain/spending/transfer-note';
import { LEDGER_SIGNING_KEY, type LedgerSigningKey } from '../../proofs/ledger-signing-key';
import { BalanceLookBack } from '../../read-side/balance-look-back';
import { FoldedStreams } from '../../read-side/folded-streams';
import { openFund } from '../../read-side/fund-reads';
import { TransferReads } from '../../read-side/transfer-reads';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ApproveTransferRequestDto, AssignTransferRequestDto, ReceiveTransferRequestDto, RejectDisbursementRequestDto, RequestTransferRequestDto, ReturnTransferRequestDto } from '../dto/spending.request.dto';
import { DeliveryReceiptDto, TransferNoteDto } from '../dto/transfer-note.dto';
import { NotFound } from '../errors';
import { openFundOr404 } from '../open-fund';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { TransferAnswerResponse, TransferAssignAnswerResponse, TransferDeliveredAnswerResponse, TransferListResponse, TransferNoteImportAnswerResponse } from '../openapi/spending.responses';
import { presentTransfers, requireNoteDue, signedDeliveryReceipt, signedTransferNote, transferAnswer } from '../presenters/transfer.presenters';
import { awaitBalances, positionParam } from '../read-consistency';
import { fundParam } from './params';

const ApiTransferIdParam = () =>
  ApiParam({ name: 'transferId', description: 'The transfer id its request answered (TR-<sending fund>-<sequence>)', example: 'TR-ctd-xa-an-phu-000001' });

function transferParam(raw: string): string {
  if (senderOfTransfer(raw) === null) throw validationFailed([{ field: 'transferId', reason: 'is not an id of this ledger' }]);
  return raw;
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
    @Inject(BalanceLookBack) private readonly balances: BalanceLookBack,
    @Inject(TransferReads) private readonly transfers: TransferReads,
    @Inject(FoldedStreams) private readonly folded: FoldedStreams,
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
    await awaitBalances(this.balances, positionParam('minPosition', query.minPosition));
    await openFundOr404(this.folded, fundId);
    return presentTransfers(fundId, this.transfers.ofFund(fundId), Date.now());
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
    const fund = await openFundOr404(this.folded, fundId);
    const transfer = await this.transfers.sent(fundId, transferId);
    if (!transfer) throw new NotFound('transfer', transferId);
    requireNoteDue(transfer, transferId);
    const requested = await this.transfers.request(fundId, transferId);
    if (!requested) throw new NotFound('transfer', transferId);
    return signedTransferNote(this.signingKey, fund, transferId, requested);
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
    const { event, position } = outcome.result;
    const receipt = signedDeliveryReceipt(this.signingKey, await openFund(this.folded, fundId), { data: event as unknown as TransferNoteImported['data'], position });
    return {
      transferId: outcome.result.id, status: 'received', fromLedger: event.fromLedger, fromChapter: event.fromChapter, amount: event.amount,
      component: event.component, receivedRestrictionId: event.receivedRestrictionId, position, receipt,
    };
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
    const fund = await openFundOr404(this.folded, fundId);
    const booked = await this.transfers.importedNote(fundId, id, fromLedger);
    if (!booked) throw new NotFound('transferNote', id);
    return signedDeliveryReceipt(this.signingKey, fund, booked);
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
