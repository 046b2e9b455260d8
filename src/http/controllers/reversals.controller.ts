import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ReverseEntryRequestDto } from '../dto/spending.request.dto';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ReversalAnswerResponse } from '../openapi/spending.responses';
import { fundParam } from './params';

@ApiTags('reversals')
@ApiSignedIn()
@ApiIdempotencyKeyHeader()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/reversals')
export class ReversalsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('accountant')
  @ApiOperation({
    summary: 'Reverse a money entry: a donation (late money in suspense is returned to the donor this way; a foreign-currency donation already sold '
      + 'takes back the VND the bank paid, its FX gain or loss with it, never dated before the sale), a payment, an emergency release (a settled one re-opens, '
      + 'an open one is cancelled), a transfer not yet received (requested or in transit: its money is back in the pool), a bank fee or interest booked from a statement, '
      + 'received money assigned to a campaign (TA-…: back in the pool the receipt put it in, while the campaign still holds all of it). '
      + 'A campaign\'s leftovers moved (SR-…) and a foreign-currency sale (FX-…) have no reversing entry: 422 INVALID_STATE, reason not-reversible',
  })
  @ApiAnswer(201, ReversalAnswerResponse, 'The reversing entry is recorded')
  @ApiErrors(...ROUTE_ERRORS.reverseEntry)
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
    // A payment's reversal says what came back: less than its amount when shares were left out or their money came back before.
    if (result.type === 'PaymentReversed') answer.givenBack = String(result.event.givenBack ?? result.event.amount);
    return answer;
  }
}
