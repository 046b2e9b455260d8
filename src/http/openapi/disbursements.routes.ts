import { applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiDisbursementIdParam } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { DisbursementAnswerResponse } from './spending.responses';

/*
 * How /docs describes the routes of DisbursementsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** POST /v1/funds/:fundId/disbursements */
export const ApiRequestDisbursementRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Request a disbursement; its amount is held from this moment' }),
    ApiAnswer(201, DisbursementAnswerResponse, 'The request is recorded and its amount held'),
    ApiErrors(...ROUTE_ERRORS.requestDisbursement),
  );

/** POST /v1/funds/:fundId/disbursements/:id/approve */
export const ApiApproveDisbursementRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Approve; the policy sets how many distinct approvers, never the requester. Answers status, approvalsCount and approvalsRequired' }),
    ApiDisbursementIdParam(),
    ApiAnswer(200, DisbursementAnswerResponse, 'The approval is recorded; status becomes approved once enough distinct approvers agreed'),
    ApiErrors(...ROUTE_ERRORS.approveDisbursement),
  );

/** POST /v1/funds/:fundId/disbursements/:id/reject */
export const ApiRejectDisbursementRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Reject (an approver), or withdraw one\'s own request (the accountant who made it); the held amount becomes available again. '
        + 'Not once a share of its distribution was handed over as received (422 INVALID_STATE); another accountant\'s request is 422 NOT_REQUESTER',
    }),
    ApiDisbursementIdParam(),
    ApiAnswer(200, DisbursementAnswerResponse, 'The disbursement is rejected'),
    ApiErrors(...ROUTE_ERRORS.rejectDisbursement),
  );

/** POST /v1/funds/:fundId/disbursements/:id/pay */
export const ApiPayDisbursementRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Record the payment of an approved disbursement; humanitarian ones need certificationRef',
      description: 'The payment pays the amount less the cash shares of its distribution closed as not delivered by then: they are named in the '
        + 'event\'s `withheld` and their money never leaves the fund (the register\'s `withheld`; the hand-over sheet\'s lines say `withheld: true`). '
        + 'A list whose every share was closed so, with no money left to pay, is not paid (422 INVALID_STATE, details.reason nothing-to-pay, appending nothing): '
        + 'the request is rejected instead, which frees the money it holds.',
    }),
    ApiDisbursementIdParam(),
    ApiAnswer(200, DisbursementAnswerResponse, 'The payment is recorded'),
    ApiErrors(...ROUTE_ERRORS.payDisbursement),
  );
