import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand, type SpendingResult } from '../../command-handling/handlers/spending.handlers';
import type { SpendingCommand } from '../../domain/spending/spending.commands';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { FxSettlementRequestDto, ReallocateSurplusRequestDto, ReleaseRestrictionRequestDto } from '../dto/spending.request.dto';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ApiApproveRestrictionReleaseRoute, ApiFxSettlementRoute, ApiReallocateSurplusRoute, ApiReleaseRestrictionRoute } from '../openapi/pool-moves.routes';
import { entryParam, fundParam, slugParam } from './params';

const RESTRICTION_ID = /^[A-Za-z0-9:_-]{1,120}$/;
const RELEASE_REQUEST_ID = /^RR-\d{6,}$/;

function poolMoveAnswer(result: SpendingResult) {
  const answer: Record<string, unknown> = { id: result.id, status: result.status, position: result.position };
  if (result.event.amount !== undefined) answer.amount = result.event.amount;
  if (result.event.approvalsRequired !== undefined) answer.approvalsRequired = result.event.approvalsRequired;
  if (result.event.approvalsCount !== undefined) answer.approvalsCount = result.event.approvalsCount;
  if (result.type === 'FxSettled') {
    for (const field of ['provisionalVnd', 'settledVnd', 'difference', 'realisedRate']) answer[field] = result.event[field];
  }
  return answer;
}

/**
 * Money that changes purpose inside a fund: designated money released with the donor's consent
 * and the policy's approvers (R5), a campaign's leftovers reallocated by a decision (R19).
 */
@ApiTags('restrictions and leftovers')
@ApiSignedIn()
@ApiIdempotencyKeyHeader()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class PoolMovesController {
  constructor(private readonly commandBus: CommandBus) {}

  private async run(fundIdRaw: string, command: SpendingCommand, meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundParam(fundIdRaw), command, meta));
    return poolMoveAnswer(outcome.result);
  }

  @Post('restrictions/:restrictionId/release')
  @Roles('accountant')
  @ApiReleaseRestrictionRoute()
  release(@Param('fundId') fundId: string, @Param('restrictionId') restrictionId: string, @Body() body: ReleaseRestrictionRequestDto, @Meta() meta: CommandMetadata) {
    if (!RESTRICTION_ID.test(restrictionId)) throw validationFailed([{ field: 'restrictionId', reason: 'is not a restricted pool of this ledger' }]);
    return this.run(fundId, {
      type: 'RequestRestrictionRelease', restrictionId, consentRef: body.consentRef, newPurpose: body.newPurpose, newComponent: body.newComponent ?? null,
      actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post('restriction-releases/:releaseRequestId/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiApproveRestrictionReleaseRoute()
  approve(@Param('fundId') fundId: string, @Param('releaseRequestId') id: string, @Meta() meta: CommandMetadata) {
    if (!RELEASE_REQUEST_ID.test(id)) throw validationFailed([{ field: 'releaseRequestId', reason: 'is not an id of this ledger' }]);
    return this.run(fundId, { type: 'ApproveRestrictionRelease', releaseRequestId: id, actor: meta.actor, now: meta.now }, meta);
  }

  @Post('campaigns/:campaignId/surplus')
  @Roles('accountant')
  @ApiReallocateSurplusRoute()
  surplus(@Param('fundId') fundId: string, @Param('campaignId') campaignIdRaw: string, @Body() body: ReallocateSurplusRequestDto, @Meta() meta: CommandMetadata) {
    const campaignId = slugParam('campaignId', campaignIdRaw);
    const { component, campaignId: toCampaign } = body.to;
    if ((component === undefined) === (toCampaign === undefined)) throw validationFailed([{ field: 'to', reason: 'must name exactly one of component and campaignId' }]);
    return this.run(fundId, {
      type: 'ReallocateSurplus', campaignId, amount: body.amount, component: body.component ?? null, items: body.items ?? null,
      to: component !== undefined ? { component } : { campaignId: String(toCampaign) }, basis: body.basis, decisionRef: body.decisionRef,
      reallocatedAt: body.reallocatedAt ?? null, actor: meta.actor, now: meta.now,
    }, meta);
  }

  @Post('donations/:donationId/fx-settlement')
  @Roles('accountant')
  @ApiFxSettlementRoute()
  fx(@Param('fundId') fundId: string, @Param('donationId') donationIdRaw: string, @Body() body: FxSettlementRequestDto, @Meta() meta: CommandMetadata) {
    const donationId = entryParam('donationId', donationIdRaw);
    return this.run(fundId, {
      type: 'SettleFx', donationId, vndAmount: body.vndAmount, settledAt: body.settledAt, reference: body.reference, donation: null, actor: meta.actor, now: meta.now,
    }, meta);
  }
}
