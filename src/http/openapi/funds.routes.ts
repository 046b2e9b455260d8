import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import {
  BalanceResponse, CampaignClosedResponse, CampaignCreatedResponse, FundOpenedResponse, FundPageResponse, FundResponse, ManagementCostResponse, PeriodClosedResponse,
  PolicyChangedResponse, PolicyHistoryResponse,
} from './fund.responses';
import {
  ApiAtPositionQuery, ApiCampaignIdParam, ApiFundIdParam, ApiIdempotencyKeyHeader, ApiMinPositionQuery, ApiPageQueries, ApiPeriodParam,
} from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/*
 * The OpenAPI description of each route of FundsController (v1/funds). applyDecorators applies
 * its decorators first to last, the reverse of a stack of decorators over a method, and the
 * document lists a route's parameters in the order they were applied: so the parameters are
 * written here in the document's order.
 */

/** POST /v1/funds */
export const ApiOpenFundRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Open a fund with its component funds and policy' }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, FundOpenedResponse, 'The fund is open'),
    ApiErrors(...ROUTE_ERRORS.openFund),
  );

/** GET /v1/funds */
export const ApiListFundsRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Every fund of the ledger, by fundId: name, chapter, component funds and when it was opened (GET /v1/funds/:fundId gives its policy)' }),
    ApiPageQueries(),
    ApiAnswer(200, FundPageResponse, 'A page of the funds'),
    ApiErrors(...ROUTE_ERRORS.listFunds),
  );

/** GET /v1/funds/:fundId */
export const ApiReadFundRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The fund, its components, the policy in force today (Vietnam time), its closed periods and campaigns',
      description: 'Read from the log itself, so it is current at once; `position` is the log position it was read at (the head when it was read).',
    }),
    ApiFundIdParam(),
    ApiAnswer(200, FundResponse, 'The fund'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** PUT /v1/funds/:fundId/policy */
export const ApiChangePolicyRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'A new policy version from effectiveFrom (today or later, Vietnam time) on, by the board\'s decision',
      description: 'Past dates are 422 EFFECTIVE_DATE_IN_PAST (a change never rewrites the past); a date before a version already scheduled is 422 EFFECTIVE_DATE_BEFORE_SCHEDULED; an unusable policy, or legalBasis decree-93-2019 for a version effective from 2026-03-01 (Decree 03/2026 replaced it), is 422 INVALID_POLICY.',
    }),
    ApiIdempotencyKeyHeader(),
    ApiFundIdParam(),
    ApiAnswer(200, PolicyChangedResponse, 'The new version is recorded'),
    ApiErrors(...ROUTE_ERRORS.changePolicy),
  );

/** GET /v1/funds/:fundId/policy/history */
export const ApiPolicyHistoryRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Every policy version, the opening policy being version 1, with the position of the event that made it' }),
    ApiFundIdParam(),
    ApiAnswer(200, PolicyHistoryResponse, 'The policy versions, oldest first'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** POST /v1/funds/:fundId/periods/:period/close */
export const ApiClosePeriodRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Close a fiscal year (2025) or quarter (2025-Q3) that has ended: entries dated in it are then 422 PERIOD_CLOSED',
      description: 'A period not yet over (Vietnam time) is 422 PERIOD_NOT_ENDED; one already closed, or a quarter of a closed year, is 422 INVALID_STATE.',
    }),
    ApiIdempotencyKeyHeader(),
    ApiPeriodParam(),
    ApiFundIdParam(),
    ApiAnswer(200, PeriodClosedResponse, 'The period is closed'),
    ApiErrors(...ROUTE_ERRORS.closePeriod),
  );

/** GET /v1/funds/:fundId/management-cost */
export const ApiManagementCostRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The management-cost working of a fiscal year (R6): base, budget, carried forward, used, remaining',
      description: 'From the registers by the same function as the financial report, at a log position (`atPosition`, default the head; '
        + 'stated as `position`): each entry in the year of its business date, and a reversal (of a donation, a payment, a bank fee or interest) '
        + 'in the year of its own date. A past year uses the policy in force on its last day; the current year the policy in force today. '
        + 'With `asOf` (a business date) the working is the year as it stood then: what was received, charged and requested by that date, '
        + 'with the policy in force on it (the year defaults to the year of `asOf`); `recordedBefore` reads the log as recorded by then.',
    }),
    ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then, stated as `position` (with atPosition, the earlier of the two)', example: '2025-07-05T17:00:00+07:00' }),
    ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset: the year as it stood then', example: '2025-06-30' }),
    ApiAtPositionQuery('The log position the working is computed at (default: the head); stated as `position`. Before the fund was opened: 404 NOT_FOUND (details.atPosition)'),
    ApiMinPositionQuery('the registers'),
    ApiQuery({ name: 'year', required: false, type: String, description: 'A fiscal year (Vietnam time); default the current one', example: '2025' }),
    ApiFundIdParam(),
    ApiAnswer(200, ManagementCostResponse, 'The working of the year'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** POST /v1/funds/:fundId/campaigns */
export const ApiCreateCampaignRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Create a campaign; disaster windows follow Decree 93/2021 (≤ 90 days receiving, ≤ 20 days more distributing)' }),
    ApiIdempotencyKeyHeader(),
    ApiFundIdParam(),
    ApiAnswer(201, CampaignCreatedResponse, 'The campaign is created'),
    ApiErrors(...ROUTE_ERRORS.createCampaign),
  );

/** POST /v1/funds/:fundId/campaigns/:campaignId/close */
export const ApiCloseCampaignRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Close a campaign: donations received after now are refused' }),
    ApiIdempotencyKeyHeader(),
    ApiCampaignIdParam(),
    ApiFundIdParam(),
    ApiAnswer(200, CampaignClosedResponse, 'The campaign is closed'),
    ApiErrors(...ROUTE_ERRORS.closeCampaign),
  );

/** GET /v1/funds/:fundId/balance */
export const ApiBalanceRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Balances by component, restricted pool and campaign; now, or looking back by business date, log position or recording time '
        + '(combined: entries dated by asOf, as the log stood at atPosition). `asOfPosition` is the log position the answer was computed at.',
    }),
    ApiQuery({ name: 'recordedBefore', required: false, type: String, description: 'ISO 8601 with offset: the log as it was recorded by then (v1 asOf)', example: '2025-01-05T17:00:00+07:00' }),
    ApiAtPositionQuery('The log as it stood after this position (at most the head of the log). Before the fund was opened (by atPosition or recordedBefore): 404 NOT_FOUND (details.atPosition)'),
    ApiQuery({ name: 'asOf', required: false, type: String, description: 'Business date: YYYY-MM-DD (the end of that day, Vietnam time) or ISO 8601 with offset', example: '2024-12-31' }),
    ApiMinPositionQuery('the balance'),
    ApiFundIdParam(),
    ApiAnswer(200, BalanceResponse, 'The balances'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );
