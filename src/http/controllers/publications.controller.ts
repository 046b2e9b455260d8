import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiAtPositionQuery, ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import {
  ObligationsResponse, PublicationListResponse, PublicationRecordedResponse, PublicPublicationListResponse,
} from '../openapi/publications.responses';
import { ROUTE_ERRORS } from '../openapi/route-errors';
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
  @ApiOperation({
    summary: 'Record a publication (R26): what, for which campaign or period, where, when, and the sha256 of the published file',
    description: 'A checkpoint of the log is signed first and named in the PublicationMade event. A publication dated before what it publishes '
      + 'has ended (a campaign\'s receiving or distribution, a year, a quarter) is 422 PUBLISHED_BEFORE_END; later than tomorrow, 422 FUTURE_DATE.',
  })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, PublicationRecordedResponse, 'The publication is recorded')
  @ApiErrors(...ROUTE_ERRORS.recordPublication)
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
  @ApiOperation({ summary: 'Every publication of the fund, in the order published, with the deadline each answers and whether it kept it' })
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: the publications dated by then, each with its deadline as it stood', example: '2024-12-01' })
  @ApiAtPositionQuery()
  @ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2024-12-01T17:00:00+07:00' })
  @ApiAnswer(200, PublicationListResponse, 'The publications')
  @ApiErrors(...ROUTE_ERRORS.readFund)
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const lookBack = await lookBackParams(this.positions, query);
    const history = await lookBackHistory(this.queries, this.positions, fundId, lookBack);
    const { rows, position } = await this.queries.publications(history, asOfMsOf(lookBack));
    return { fundId, publications: rows, position };
  }

  @Get('obligations')
  @Roles('any')
  @ApiOperation({
    summary: 'Every publication the law asks of the fund for a year and its campaigns (R22–R24), with dueBy, status and the publication that met it',
    description: 'A campaign\'s call is due by the day receiving starts; its receipts 15 days after receiving ends (disaster campaigns, Decree 93/2021) '
      + 'or 30 days (others, Red Cross Law Art. 21); its distribution 30 days after distribution ends. The fund\'s contributions of a year are due '
      + 'before 31 March of the next (under decree-03-2026 with their use); each quarter\'s disclosure 30 days after it ends; the annual report '
      + 'before 31 December. Overdue is judged on today\'s date in Vietnam time, or on asOf, counting what was published by then and a campaign\'s '
      + 'close only if it came by then; atPosition and recordedBefore read the fund as the log stood (with both, the earlier).',
  })
  @ApiQuery({ name: 'year', required: false, type: String, description: 'A fiscal year (Vietnam time); default the current one', example: '2024' })
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: judge the statuses on its Vietnam day, counting only what was published by then', example: '2024-12-01' })
  @ApiAtPositionQuery()
  @ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2024-12-01T17:00:00+07:00' })
  @ApiAnswer(200, ObligationsResponse, 'The obligations, by due day')
  @ApiErrors(...ROUTE_ERRORS.readFund)
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
  @ApiOperation({
    summary: 'What the fund published: each publication with its date, channel, sha256, the checkpoint it names and whether it met its legal deadline',
    description: 'Hash the file you were given and compare it with contentSha256: the same hash means the same file the fund recorded.',
  })
  @ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: the publications dated by then, each with its deadline as it stood', example: '2024-12-01' })
  @ApiAtPositionQuery()
  @ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2024-12-01T17:00:00+07:00' })
  @ApiAnswer(200, PublicPublicationListResponse, 'The publications, in the order published')
  @ApiErrors(...ROUTE_ERRORS.publicPublications)
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
