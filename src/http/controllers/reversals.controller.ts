import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ReverseEntryRequestDto } from '../dto/spending.request.dto';
import { fundParam } from './params';

@ApiTags('reversals')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('v1/funds/:fundId/reversals')
export class ReversalsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('accountant')
  @ApiOperation({ summary: 'Reverse a money entry: a donation, a payment, or an emergency release (a settled one re-opens, an open one is cancelled)' })
  async reverse(@Param('fundId') fundId: string, @Body() body: ReverseEntryRequestDto, @Meta() meta: CommandMetadata) {
    const outcome = await this.commandBus.execute(
      new ExecuteSpendingCommand(fundParam(fundId), {
        type: 'ReverseEntry', entryId: body.entryId, reason: body.reason, donation: null, reversedAt: body.reversedAt ?? null, actor: meta.actor, now: meta.now,
      }, meta),
    );
    const result = outcome.result;
    const answer: Record<string, unknown> = { reversalId: result.id, entryId: body.entryId, position: result.position };
    // An emergency entry's correction says what became of the release.
    if (result.type === 'EmergencySettlementReversed') answer.releaseStatus = 'open';
    if (result.type === 'EmergencyReleaseCancelled') answer.releaseStatus = 'cancelled';
    return answer;
  }
}
