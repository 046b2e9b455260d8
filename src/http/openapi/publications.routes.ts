import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiAtPositionQuery, ApiIdempotencyKeyHeader } from './parameters';
import { ObligationsResponse, PublicationListResponse, PublicationRecordedResponse, PublicPublicationListResponse } from './publications.responses';
import { ROUTE_ERRORS } from './route-errors';

/*
 * The OpenAPI description of each route of PublicationsController and PublicPublicationsController
 * (the controllers describe `fundId`). applyDecorators applies its decorators first to last, the
 * reverse of a stack of decorators over a method, and the document lists a route's parameters in
 * the order they were applied: so the parameters are written here in the document's order.
 */

const ApiPublicationsAsOfQuery = () =>
  ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: the publications dated by then, each with its deadline as it stood', example: '2024-12-01' });

const ApiRecordedBeforeQuery = () =>
  ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2024-12-01T17:00:00+07:00' });

/** POST /v1/funds/:fundId/publications */
export const ApiRecordPublicationRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Record a publication (R26): what, for which campaign or period, where, when, and the sha256 of the published file',
      description: 'A checkpoint of the log is signed first and named in the PublicationMade event. A publication dated before what it publishes '
        + 'has ended (a campaign\'s receiving or distribution, a year, a quarter) is 422 PUBLISHED_BEFORE_END; later than tomorrow, 422 FUTURE_DATE.',
    }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, PublicationRecordedResponse, 'The publication is recorded'),
    ApiErrors(...ROUTE_ERRORS.recordPublication),
  );

/** GET /v1/funds/:fundId/publications */
export const ApiListPublicationsRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Every publication of the fund, in the order published, with the deadline each answers and whether it kept it' }),
    ApiRecordedBeforeQuery(),
    ApiAtPositionQuery(),
    ApiPublicationsAsOfQuery(),
    ApiAnswer(200, PublicationListResponse, 'The publications'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** GET /v1/funds/:fundId/obligations */
export const ApiObligationsRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Every publication the law asks of the fund for a year and its campaigns (R22–R24), with dueBy, status and the publication that met it',
      description: 'A campaign\'s call is due by the day receiving starts; its receipts 15 days after receiving ends (disaster campaigns, Decree 93/2021) '
        + 'or 30 days (others, Red Cross Law Art. 21); its distribution 30 days after distribution ends. The fund\'s contributions of a year are due '
        + 'before 31 March of the next (under decree-03-2026 with their use); each quarter\'s disclosure 30 days after it ends; the annual report '
        + 'before 31 December. Overdue is judged on today\'s date in Vietnam time, or on asOf, counting what was published by then and a campaign\'s '
        + 'close only if it came by then; atPosition and recordedBefore read the fund as the log stood (with both, the earlier).',
    }),
    ApiRecordedBeforeQuery(),
    ApiAtPositionQuery(),
    ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: judge the statuses on its Vietnam day, counting only what was published by then', example: '2024-12-01' }),
    ApiQuery({ name: 'year', required: false, type: String, description: 'A fiscal year (Vietnam time); default the current one', example: '2024' }),
    ApiAnswer(200, ObligationsResponse, 'The obligations, by due day'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** GET /v1/public/funds/:fundId/publications */
export const ApiPublicPublicationsRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'What the fund published: each publication with its date, channel, sha256, the checkpoint it names and whether it met its legal deadline',
      description: 'Hash the file you were given and compare it with contentSha256: the same hash means the same file the fund recorded.',
    }),
    ApiRecordedBeforeQuery(),
    ApiAtPositionQuery(),
    ApiPublicationsAsOfQuery(),
    ApiAnswer(200, PublicPublicationListResponse, 'The publications, in the order published'),
    ApiErrors(...ROUTE_ERRORS.publicPublications),
  );
