import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
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
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import {
  ApiApproveTransferRoute, ApiAssignTransferRoute, ApiDeliveryReceiptRoute, ApiImportTransferNoteRoute, ApiListTransfersRoute, ApiReceiveTransferRoute,
  ApiRejectTransferRoute, ApiRequestTransferRoute, ApiReturnTransferRoute, ApiTransferDeliveredRoute, ApiTransferNoteRoute,
} from '../openapi/transfers.routes';
import { presentTransfers, requireNoteDue, signedDeliveryReceipt, signedTransferNote, transferAnswer } from '../presenters/transfer.presenters';
import { awaitBalances, positionParam } from '../read-consistency';
import { fundParam } from './params';

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
  @ApiListTransfersRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    await awaitBalances(this.balances, positionParam('minPosition', query.minPosition));
    await openFundOr404(this.folded, fundId);
    return presentTransfers(fundId, this.transfers.ofFund(fundId), Date.now());
  }

  @Get(':transferId/note')
  @Roles('accountant', 'auditor')
  @ApiTransferNoteRoute()
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
  @ApiImportTransferNoteRoute()
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
  @ApiDeliveryReceiptRoute()
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
  @ApiTransferDeliveredRoute()
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
  @ApiRequestTransferRoute()
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
  @ApiApproveTransferRoute()
  approve(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ApproveTransferRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'ApproveTransfer', transferId: transferParam(id), note: body.note ?? null, approvedAt: body.approvedAt ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':transferId/reject')
  @HttpCode(200)
  @Roles('approver')
  @ApiRejectTransferRoute()
  reject(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: RejectDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, { type: 'RejectTransfer', transferId: transferParam(id), reason: body.reason, actor: meta.actor, now: meta.now }, meta);
  }

  @Post(':transferId/receive')
  @HttpCode(200)
  @Roles('accountant')
  @ApiReceiveTransferRoute()
  receive(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ReceiveTransferRequestDto, @Meta() meta: CommandMetadata) {
    const toFundId = fundParam(fundId);
    return this.run(toFundId, {
      type: 'ReceiveTransfer', transferId: transferParam(id), toFundId, receivedAt: body.receivedAt ?? null, campaignId: body.campaignId ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':transferId/assign-campaign')
  @HttpCode(200)
  @Roles('accountant')
  @ApiAssignTransferRoute()
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
  @ApiReturnTransferRoute()
  returnTransfer(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ReturnTransferRequestDto, @Meta() meta: CommandMetadata) {
    const toFundId = fundParam(fundId);
    return this.run(toFundId, {
      type: 'ReturnTransfer', transferId: transferParam(id), toFundId, reason: body.reason, returnedAt: body.returnedAt ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }
}
