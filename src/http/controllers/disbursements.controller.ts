import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand, type SpendingResult } from '../../command-handling/handlers/spending.handlers';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import {
  ApproveDisbursementRequestDto, PayDisbursementRequestDto, RejectDisbursementRequestDto, RequestDisbursementRequestDto,
} from '../dto/spending.request.dto';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ApiApproveDisbursementRoute, ApiPayDisbursementRoute, ApiRejectDisbursementRoute, ApiRequestDisbursementRoute } from '../openapi/disbursements.routes';
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
  @ApiRequestDisbursementRoute()
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
  @ApiApproveDisbursementRoute()
  approve(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: ApproveDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, { type: 'ApproveDisbursement', disbursementId: entryParam('id', id), note: body.note ?? null, actor: meta.actor, now: meta.now }, meta);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver', 'accountant')
  @ApiRejectDisbursementRoute()
  reject(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: RejectDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'RejectDisbursement', disbursementId: entryParam('id', id), reason: body.reason, byApprover: meta.actor.roles.includes('approver'), actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Roles('approver')
  @ApiPayDisbursementRoute()
  pay(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: PayDisbursementRequestDto, @Meta() meta: CommandMetadata) {
    return this.run(fundId, {
      type: 'PayDisbursement', disbursementId: entryParam('id', id), paidAt: body.paidAt, reference: body.reference,
      certificationRef: body.certificationRef ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }
}
