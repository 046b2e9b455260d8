import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteFundCommand } from '../../command-handling/handlers/fund.handlers';
import { FoldedStreams } from '../../read-side/folded-streams';
import { openFundAtOnePosition } from '../../read-side/fund-reads';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { RegisterTrustedKeyRequestDto } from '../dto/transfer-note.dto';
import { FundNotFound } from '../errors';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { TrustedKeyListResponse, TrustedKeyRegisteredResponse } from '../openapi/spending.responses';
import { fundParam } from './params';

/**
 * The keys of ledgers elsewhere whose transfer notes a fund imports (R16; api-v2 "Between
 * chapters"): registered by the fund's admin, once per keyId, in the fund's own stream.
 */
@ApiTags('transfers')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/trusted-keys')
export class TrustedKeysController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(FoldedStreams) private readonly folded: FoldedStreams,
  ) {}

  @Post()
  @Roles('admin')
  @ApiIdempotencyKeyHeader()
  @ApiOperation({
    summary: 'Trust the key of a chapter\'s ledger on another installation (its keyId and public key from that ledger\'s GET /v1/public/keys): '
      + 'transfer notes it signs may then be imported into this fund. A keyId is registered once (409 ALREADY_EXISTS)',
  })
  @ApiAnswer(201, TrustedKeyRegisteredResponse, 'The key is trusted')
  @ApiErrors(...ROUTE_ERRORS.registerTrustedKey)
  async register(@Param('fundId') fundIdRaw: string, @Body() body: RegisterTrustedKeyRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteFundCommand(fundId, {
      type: 'RegisterTrustedKey', keyId: body.keyId, publicKey: body.publicKey, chapter: body.chapter, registeredBy: meta.actor.userId, now: meta.now,
    }, meta));
    return { fundId, keyId: body.keyId, position: outcome.result.position };
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: 'The keys this fund trusts for transfer notes, in the order registered',
    description: 'Read from the fund\'s own stream, so it is current at once; `position` is the log position it was read at (the head when it was read).',
  })
  @ApiAnswer(200, TrustedKeyListResponse, 'The trusted keys')
  @ApiErrors(...ROUTE_ERRORS.listTrustedKeys)
  async list(@Param('fundId') fundIdRaw: string) {
    const fundId = fundParam(fundIdRaw);
    const read = await openFundAtOnePosition(this.folded, fundId);
    if (!read) throw new FundNotFound(fundId);
    return { fundId, keys: Object.values(read.value.trustedKeys), position: read.position };
  }
}
