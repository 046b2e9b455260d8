import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { RecordPublicationCommand } from '../../command-handling/handlers/publications.handlers';
import { FIRST_PUBLISHED_YEAR, LAST_PUBLISHED_YEAR } from '../../domain/fund/publications';
import { vietnamDateOf } from '../../domain/shared/calendar';
import { LogPositions } from '../../read-side/log-positions';
import { PublicationQueries, type FundHistory, type PublicationRow } from '../../read-side/publication-queries';
import { validationFailed } from '../api-error';
import { Public, Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { RecordPublicationRequestDto } from '../dto/publication.request.dto';
import { FundNotFound } from '../errors';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiListPublicationsRoute, ApiObligationsRoute, ApiPublicPublicationsRoute, ApiRecordPublicationRoute } from '../openapi/publications.routes';
import { lookBackParams, type LookBack } from '../look-back';
import { fundParam } from './params';

/** Publications (R26) and the obligations they answer (R22–R24), for the fund's staff. */
@ApiTags('publications')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class PublicationsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(PublicationQueries) private readonly queries: PublicationQueries,
    private readonly positions: LogPositions,
  ) {}

  @Post('publications')
  @Roles('admin', 'accountant')
  @ApiRecordPublicationRoute()
  async record(@Param('fundId') fundIdRaw: string, @Body() body: RecordPublicationRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const outcome = await this.commandBus.execute(new RecordPublicationCommand(fundId, {
      type: 'RecordPublication', kind: body.kind, period: body.period ?? null, campaignId: body.campaignId ?? null, channel: body.channel,
      url: body.url ?? null, publishedAt: body.publishedAt, contentSha256: body.contentSha256, recordedBy: meta.actor.userId, now: meta.now,
    }, meta));
    return outcome.result;
  }

  @Get('publications')
  @Roles('any')
  @ApiListPublicationsRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const lookBack = await lookBackParams(this.positions, query);
    const history = await lookBackHistory(this.queries, this.positions, fundId, lookBack);
    const { rows, position } = await this.queries.publications(history, asOfMsOf(lookBack));
    return { fundId, publications: rows, position };
  }

  @Get('obligations')
  @Roles('any')
  @ApiObligationsRoute()
  async obligations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const lookBack = await lookBackParams(this.positions, query);
    const today = vietnamDateOf(lookBack.asOf ?? new Date().toISOString());
    const year = yearParam(query.year) ?? Number(today.slice(0, 4));
    if (year > LAST_PUBLISHED_YEAR) throw validationFailed([{ field: query.year === undefined ? 'asOf' : 'year', reason: `must be a fiscal year no later than ${LAST_PUBLISHED_YEAR}` }]);
    const history = await lookBackHistory(this.queries, this.positions, fundId, lookBack);
    return this.queries.obligations(history, year, today, asOfMsOf(lookBack));
  }
}

/** What the public sees of the fund's publications: no one's user id. */
@ApiTags('public transparency')
@ApiFundIdParam()
@Controller('v1/public/funds/:fundId')
export class PublicPublicationsController {
  constructor(
    @Inject(PublicationQueries) private readonly queries: PublicationQueries,
    private readonly positions: LogPositions,
  ) {}

  @Get('publications')
  @Public()
  @ApiPublicPublicationsRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const lookBack = await lookBackParams(this.positions, query);
    const history = await lookBackHistory(this.queries, this.positions, fundId, lookBack);
    const { rows, position } = await this.queries.publications(history, asOfMsOf(lookBack));
    return { fundId, publications: rows.map(presentPublic), position };
  }
}

/**
 * The fund's stream as the log stood by the three clocks' positions: `atPosition`, or the last
 * position recorded before `recordedBefore` (with both, the earlier). 404 when the fund was not
 * open by then.
 */
async function lookBackHistory(queries: PublicationQueries, positions: LogPositions, fundId: string, lookBack: LookBack): Promise<FundHistory> {
  const atPosition = await positions.positionOf(lookBack);
  const history = await queries.history(fundId, atPosition);
  if (history) return history;
  // A fund opened after the position looked back to is named with it; one that never was, without.
  throw new FundNotFound(fundId, atPosition !== undefined && (await queries.history(fundId)) ? atPosition : undefined);
}

const asOfMsOf = (lookBack: LookBack): number | undefined => (lookBack.asOf === undefined ? undefined : Date.parse(lookBack.asOf));

function presentPublic(row: PublicationRow) {
  const { publicationId, kind, period, campaignId, channel, url, publishedAt, contentSha256, checkpoint, deadline, position, recordedAt } = row;
  return { publicationId, kind, period, campaignId, channel, url, publishedAt, recordedAt, contentSha256, checkpoint, deadline, position };
}

function yearParam(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw) || Number(raw) < FIRST_PUBLISHED_YEAR) {
    throw validationFailed([{ field: 'year', reason: 'must be a fiscal year such as 2025' }]);
  }
  return Number(raw);
}
