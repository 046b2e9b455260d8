import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiQuery } from '@nestjs/swagger';
import { REPORT_FORMATS } from '../../reports';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../query-params';

/**
 * The path, query and header parameters several routes share, each with a description and an
 * example, so /docs says the same thing about `fundId` or `minPosition` wherever it appears.
 */
export const ApiFundIdParam = () =>
  ApiParam({ name: 'fundId', description: 'The fund: a lowercase slug (a-z, digits, "-"), as given when it was opened', example: 'ctd-hcm' });

export const ApiCampaignIdParam = () =>
  ApiParam({ name: 'campaignId', description: 'The campaign: a lowercase slug, as given when it was created', example: 'bao-yagi-2024' });

export const ApiDisbursementIdParam = () =>
  ApiParam({ name: 'id', description: 'The disbursement id its request answered (DB-<fiscal year>-<sequence>)', example: 'DB-2024-000007' });

export const ApiReleaseIdParam = () =>
  ApiParam({ name: 'id', description: 'The emergency release id its release answered (ER-<fiscal year>-<sequence>)', example: 'ER-2024-000003' });

export const ApiUserIdParam = () =>
  ApiParam({ name: 'userId', description: 'The user id POST /v1/users answered', example: '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11' });

export const ApiPeriodParam = () =>
  ApiParam({ name: 'period', description: 'A fiscal year (2025) or one of its quarters (2025-Q3), Vietnam time', example: '2025-Q3' });

/** The header every command accepts: a retry with the same key and body gets the first answer. */
export const ApiIdempotencyKeyHeader = (description = 'A retry with the same key and the same body gets the first answer and appends nothing; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. 1–200 printable ASCII characters.') =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description, example: '6f1c2a9e-donation-2024-05-12-001' });

export const ApiMinPositionQuery = (what = 'the read model') =>
  ApiQuery({
    name: 'minPosition', required: false, type: String,
    description: `Read-your-writes: answer only once ${what} reflects this log position (the \`position\` a command answered); waits up to 5 s, else 503 PROJECTION_LAGGING`,
    example: '1234',
  });

export const ApiAtPositionQuery = (description = 'The log as it stood after this position (at most the head of the log)') =>
  ApiQuery({ name: 'atPosition', required: false, type: String, description, example: '1200' });

/** `limit`, `cursor` and `minPosition` of a paginated register; `limit` as limitParam reads it. */
export const ApiPageQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'limit', required: false, type: String, description: `Items per page: default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}`, example: '100' }),
    ApiQuery({ name: 'cursor', required: false, type: String, description: 'Opaque: the `nextCursor` of the previous page; absent for the first page', example: 'eyJrIjpbMTcxNTQ4MTAwMDAwMCw0Ml19' }),
    ApiMinPositionQuery('the register'),
  );

/** `from` and `to` of a period, both inclusive. */
export const ApiPeriodQueries = (what = 'the business date') =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, type: String, description: `Earliest ${what}, inclusive: YYYY-MM-DD (from the start of that Vietnam day) or ISO 8601 with offset`, example: '2024-01-01' }),
    ApiQuery({ name: 'to', required: false, type: String, description: `Latest ${what}, inclusive: YYYY-MM-DD (the whole Vietnam day) or ISO 8601 with offset`, example: '2024-12-31' }),
  );

export const ApiCampaignIdQuery = (description = 'Only entries of this campaign') =>
  ApiQuery({ name: 'campaignId', required: false, type: String, description, example: 'bao-yagi-2024' });

/**
 * An optional query parameter with a closed set of values. The schema is written out because
 * @nestjs/swagger drops the example of a parameter declared with `enum`.
 */
export const ApiEnumQuery = (name: string, values: readonly string[], description: string, example: string) =>
  ApiQuery({ name, required: false, description, schema: { type: 'string', enum: [...values], example } });

/** A path parameter with a closed set of values (see ApiEnumQuery). */
export const ApiEnumParam = (name: string, values: readonly string[], description: string, example: string) =>
  ApiParam({ name, description, schema: { type: 'string', enum: [...values], example } });

/**
 * A report's queries (the staff's and the public site's): the log positions it is computed at and
 * read at, its format and its period, in the document's order (applyDecorators applies them first to last).
 */
export const ApiReportQueries = () =>
  applyDecorators(
    ApiAtPositionQuery('The log position the report is computed at (default: the head); stated as `position`. Before the fund was opened: 404 NOT_FOUND (details.atPosition)'),
    ApiQuery({
      name: 'asOf', required: false, type: String, example: '2025-12-31',
      description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset. The report stands at its period\'s end; '
        + 'an earlier asOf ends the period there (stated as `to`); not before `from`',
    }),
    ApiQuery({
      name: 'recordedBefore', required: false, type: String, example: '2026-01-05T17:00:00+07:00',
      description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)',
    }),
    ApiMinPositionQuery('every register of the report'),
    ApiEnumQuery('format', REPORT_FORMATS, 'json (default), csv or xlsx', 'json'),
    ApiPeriodQueries(),
  );
