import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand, type SpendingResult } from '../../command-handling/handlers/spending.handlers';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import {
  ApproveDisbursementRequestDto, PayDisbursementRequestDto, RejectDisbursementRequestDto, RequestDisbursementRequestDto,
} from '../dto/spending.request.dto';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiDisbursementIdParam, ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { DisbursementAnswerResponse } from '../openapi/spending.responses';
import { entryParam, fundParam } from './params';

function disbursementAnswer(result: SpendingResult) {
  const answer: Record<string, unknown> = { disbursementId: result.id, status: result.status, position: result.position };
  if (result.managementCostWarning !== undefined) answer.managementCostWarning = result.managementCostWarning;
  // A request says at once how many approvals it needs: the policy in force at its business date decided it.
  if (result.type === 'DisbursementRequested') {
    answer.approvalsRequired = result.event.approvalsRequired;
    if (result.event.duplicateOverride !== undefined) answer.duplicateOverride = true;
  }
  if (result.type === 'DisbursementApproved') {
    answer.approvalsCount = result.event.approvalsCount;
    if (result.event.approvalsRequired !== undefined) answer.approvalsRequired = result.event.approvalsRequired;
    if (result.event.duplicateOverrideApproved === true) answer.duplicateOverrideApproved = true;
  }
  // A payment names the shares closed before it, which it left out.
  if (result.type === 'DisbursementPaid' && result.event.withheld !== undefined) answer.withheld = result.event.withheld;
  return answer;
}

@ApiTags('disbursements')
@ApiSignedIn()
@ApiIdempotencyKeyHeader()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/disbursements')
export class DisbursementsController {
  constructor(private readonly commandBus: CommandBus) {}

  private async run(fundIdRaw: string, command: SpendingCommand, meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), command, meta));
    return disbursementAnswer(outcome.result);
  }

  @Post()
  @Roles('accountant')
  @ApiOperation({ summary: 'Request a disbursement; its amount is held from this moment' })
  @ApiAnswer(201, DisbursementAnswerResponse, 'The request is recorded and its amount held')
  @ApiErrors(...ROUTE_ERRORS.requestDisbursement)
  request(@Param('fundId') fundId: string, @Body() body: RequestDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'RequestDisbursement', amount: body.amount, kind: body.kind, component: body.component, campaignId: body.campaignId ?? null,
      restrictionId: body.restrictionId ?? null, purpose: body.purpose, beneficiary: body.beneficiary,
      certificationRef: body.certificationRef ?? null, note: body.note ?? null, requestedAt: body.requestedAt ?? null,
      ...(body.needCategory ? { needCategory: body.needCategory } : {}),
      ...(body.distribution ? {
        distribution: body.distribution.map((line) => ({
          beneficiaryId: line.beneficiaryId, amount: line.amount ?? null,
          items: line.items ? line.items.map((item) => ({ description: item.description, quantity: item.quantity, unit: item.unit })) : null,
        })),
      } : {}),
      ...(body.overrideDuplicate ? { overrideDuplicate: { reason: body.overrideDuplicate.reason } } : {}),
      actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve; the policy sets how many distinct approvers, never the requester. Answers status, approvalsCount and approvalsRequired' })
  @ApiDisbursementIdParam()
  @ApiAnswer(200, DisbursementAnswerResponse, 'The approval is recorded; status becomes approved once enough distinct approvers agreed')
  @ApiErrors(...ROUTE_ERRORS.approveDisbursement)
  approve(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: ApproveDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, { type: 'ApproveDisbursement', disbursementId: entryParam('id', id), note: body.note ?? null, actor: meta.actor, now: meta.now }, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver', 'accountant')
  @ApiOperation({
    summary: 'Reject (an approver), or withdraw one\'s own request (the accountant who made it); the held amount becomes available again. '
      + 'Not once a share of its distribution was handed over as received (422 INVALID_STATE); another accountant\'s request is 422 NOT_REQUESTER',
  })
  @ApiDisbursementIdParam()
  @ApiAnswer(200, DisbursementAnswerResponse, 'The disbursement is rejected')
  @ApiErrors(...ROUTE_ERRORS.rejectDisbursement)
  reject(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: RejectDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'RejectDisbursement', disbursementId: entryParam('id', id), reason: body.reason, byApprover: meta.actor.roles.includes('approver'), actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({
    summary: 'Record the payment of an approved disbursement; humanitarian ones need certificationRef',
    description: 'The payment pays the amount less the cash shares of its distribution closed as not delivered by then: they are named in the '
      + 'event\'s `withheld` and their money never leaves the fund (the register\'s `withheld`; the hand-over sheet\'s lines say `withheld: true`). '
      + 'A list whose every share was closed so, with no money left to pay, is not paid (422 INVALID_STATE, details.reason nothing-to-pay, appending nothing): '
      + 'the request is rejected instead, which frees the money it holds.',
  })
  @ApiDisbursementIdParam()
  @ApiAnswer(200, DisbursementAnswerResponse, 'The payment is recorded')
  @ApiErrors(...ROUTE_ERRORS.payDisbursement)
  pay(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: PayDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'PayDisbursement', disbursementId: entryParam('id', id), paidAt: body.paidAt, reference: body.reference,
      certificationRef: body.certificationRef ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }
}
