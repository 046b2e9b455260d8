import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BalanceProjection, type TransferLine } from '../../../projections/balance.projection';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand, type SpendingResult } from '../../command-handling/handlers/spending.handlers';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { FundModel } from '../../command-handling/stream-models';
import { ownEntry } from '../../domain/shared/records';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import { senderOfTransfer } from '../../domain/spending/spending.ids';
import { Streams } from '../../domain/streams';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ApproveDisbursementRequestDto, ReceiveTransferRequestDto, RejectDisbursementRequestDto, RequestTransferRequestDto, ReturnTransferRequestDto } from '../dto/spending.request.dto';
import { FundNotFound } from '../errors';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { TransferAnswerResponse, TransferListResponse } from '../openapi/spending.responses';
import { awaitPosition, positionParam } from '../read-consistency';
import { fundParam } from './params';

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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days a transfer was (or still is) in transit: the network report's "for how long". */
function withDays(line: TransferLine, now: number) {
  const end = line.closedAt !== null && line.status !== 'rejected' ? Date.parse(line.closedAt) : now;
  const daysInTransit = line.sentAt === null ? null : Math.max(0, Math.floor((end - Date.parse(line.sentAt)) / DAY_MS));
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
    const known = await this.writer.writePath.lookup(Streams.fund(fundId), FundModel);
    if (known.status !== 'open') throw new FundNotFound(fundId);
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

  @Post()
  @Roles('accountant')
  @ApiIdempotencyKeyHeader()
  @ApiOperation({
    summary: 'Send money to another fund: held from this moment, in transit once the policy\'s approvers agree (at once when it needs none); '
      + 'the restriction or campaign purpose travels with it',
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
  approve(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ApproveDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, { type: 'ApproveTransfer', transferId: transferParam(id), note: body.note ?? null, actor: meta.actor, now: meta.now }, meta);
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
  @ApiOperation({ summary: 'The receiving fund (the path\'s fund) takes in a transfer in transit, into the same component and restriction or campaign pool' })
  @ApiAnswer(200, TransferAnswerResponse, 'The money is in the receiving fund')
  @ApiErrors(...ROUTE_ERRORS.arriveTransfer)
  receive(@Param('fundId') fundId: string, @Param('transferId') id: string, @Body() body: ReceiveTransferRequestDto, @Meta() meta: CommandMetadata) {
    const toFundId = fundParam(fundId);
    return this.run(toFundId, { type: 'ReceiveTransfer', transferId: transferParam(id), toFundId, receivedAt: body.receivedAt ?? null, actor: meta.actor, now: meta.now }, meta);
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
