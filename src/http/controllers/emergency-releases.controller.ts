import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ReleaseEmergencyRequestDto, SettleEmergencyRequestDto } from '../dto/spending.request.dto';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader, ApiReleaseIdParam } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ReleaseAnswerResponse, SettlementAnswerResponse } from '../openapi/spending.responses';
import { entryParam, fundParam } from './params';

@ApiTags('emergency releases')
@ApiSignedIn()
@ApiIdempotencyKeyHeader()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/emergency-releases')
export class EmergencyReleasesController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Release money at once, within the policy cap; settle it later with evidence' })
  @ApiAnswer(201, ReleaseAnswerResponse, 'The money is released')
  @ApiErrors(...ROUTE_ERRORS.releaseEmergency)
  async release(@Param('fundId') fundId: string, @Body() body: ReleaseEmergencyRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(
      new ExecuteSpendingCommand(fundParam(fundId), {
        type: 'ReleaseEmergency', amount: body.amount, component: body.component, campaignId: body.campaignId ?? null,
        restrictionId: body.restrictionId ?? null, incident: body.incident, recipient: body.recipient, note: body.note ?? null,
        releasedAt: body.releasedAt ?? null, actor: meta.actor, now: meta.now,
      }, meta),
    );
    const { id, settleBy, position, event } = outcome.result;
    return { releaseId: id, status: 'open', settleBy, campaignId: event.campaignId, position };
  }

  @Post(':id/settle')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Settle: spent + returned must equal the amount released; returned money is available again' })
  @ApiReleaseIdParam()
  @ApiAnswer(200, SettlementAnswerResponse, 'The release is settled')
  @ApiErrors(...ROUTE_ERRORS.settleEmergency)
  async settle(@Param('fundId') fundId: string, @Param('id') id: string, @Body() body: SettleEmergencyRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(
      new ExecuteSpendingCommand(fundParam(fundId), {
        type: 'SettleEmergency', releaseId: entryParam('id', id), spent: body.spent, returned: body.returned,
        evidence: body.evidence, settledAt: body.settledAt ?? null, actor: meta.actor, now: meta.now,
      }, meta),
    );
    const daysOverdue = Number(outcome.result.event.daysOverdue ?? 0);
    return { releaseId: outcome.result.id, status: 'settled', late: daysOverdue > 0, daysOverdue, position: outcome.result.position };
  }
}
