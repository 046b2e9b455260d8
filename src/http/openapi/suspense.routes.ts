import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { SUSPENSE_STATUSES } from '../../../projections/statement-register.projection';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiEnumQuery, ApiIdempotencyKeyHeader, ApiPageQueries, ApiPeriodQueries } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { SuspenseAssignAnswerResponse, SuspensePageResponse } from './statement.responses';

/*
 * How /docs describes the routes of SuspenseController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/suspense */
export const ApiSuspenseRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Late money (R14): transfers for a closed campaign that a statement import booked to its suspense pool, oldest first',
      description: '`status=waiting` lists what still needs a decision; `waitingVnd` is the fund\'s whole amount waiting. Money in a suspense pool is spent by nothing until assigned.',
    }),
    ApiEnumQuery('status', [...SUSPENSE_STATUSES], 'Only late money in this state', 'waiting'),
    ApiPeriodQueries(),
    ApiPageQueries(),
    ApiAnswer(200, SuspensePageResponse, 'A page of late money'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** POST /v1/funds/:fundId/suspense/:donationId/assign */
export const ApiAssignSuspenseRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Assign late money by a decision → SuspenseAssigned (SA-…): the whole donation moves to a component\'s unrestricted money or a campaign\'s pool. '
        + 'To return it to the donor instead, reverse the donation (POST …/reversals {entryId: DN-…})',
    }),
    ApiParam({ name: 'donationId', description: 'The late donation (DN-…)', example: 'DN-2024-000125' }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, SuspenseAssignAnswerResponse, 'The money is assigned'),
    ApiErrors(...ROUTE_ERRORS.assignSuspense),
  );
