import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { STATEMENT_LINE_KINDS } from '../../../projections/statement-register.projection';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiEnumQuery, ApiIdempotencyKeyHeader, ApiMinPositionQuery, ApiPageQueries, ApiPeriodQueries } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { ClassifyAnswerResponse, ReconciliationResponse, StatementLinePageResponse, StatementListResponse } from './statement.responses';

/*
 * How /docs describes the routes of StatementsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/statement-lines */
export const ApiStatementLinesRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Statement lines that are no donation, oldest first: bank fees and interest as booked (BF-, IN-), and the lines no rule classified, for the accountant to decide',
      description: '`status=unclassified` lists what is left to decide (money out to anyone but the bank, which an accountant books as a disbursement or corrects); `fee` and `interest` list what was booked from the memo (R30).',
    }),
    ApiQuery({ name: 'account', required: false, type: String, description: 'Only lines of this bank account', example: '0011001932418' }),
    ApiEnumQuery('status', [...STATEMENT_LINE_KINDS], 'Only lines of this kind', 'unclassified'),
    ApiPeriodQueries(),
    ApiPageQueries(),
    ApiAnswer(200, StatementLinePageResponse, 'A page of statement lines'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** POST /v1/funds/:fundId/statement-lines/:lineId/classify */
export const ApiClassifyStatementLineRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Decide a statement line no rule classified → StatementLineClassified (CL-…): fee or interest books BankFeeCharged or InterestCredited with it; '
        + 'disbursement links the paid disbursement (reference DB-…), transfer the transfer (reference TR-…); other records the decision and its note',
    }),
    ApiParam({ name: 'lineId', description: 'The line\'s rowId, as GET …/statement-lines?status=unclassified lists it', example: '9f2c4e7a1b3d5f6e8a0c2e4f6a8b0d2e4f6a8c0e2f4a6b8d0f2e4a6c8e0f2a4b' }),
    ApiIdempotencyKeyHeader(),
    ApiAnswer(201, ClassifyAnswerResponse, 'The line is decided'),
    ApiErrors(...ROUTE_ERRORS.classifyStatementLine),
  );

/** GET /v1/funds/:fundId/statements */
export const ApiStatementsRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The bank statements the fund recorded (StatementImported): account, period, balances, the balance check, what became of the lines' }),
    ApiMinPositionQuery('the statements'),
    ApiQuery({ name: 'account', required: false, type: String, description: 'Only statements of this bank account', example: '0011001932418' }),
    ApiAnswer(200, StatementListResponse, 'The statements, by first day'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** GET /v1/funds/:fundId/bank-accounts/:account/reconciliation */
export const ApiReconciliationRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'A bank account day by day: what its statements print, what the ledger booked, and the days no statement covers',
      description: [
        'Days run from `from` to `to` (YYYY-MM-DD, Vietnam days; default: the first and last day any statement of the account covers), at most 400.',
        'Per day: `statement` (credits, debits, lines and the balance after the day\'s last line, as the statement prints or implies it), `ledger` (the fund\'s bank-transfer donations that day — a fund keeps one account, R28 — and the account\'s fees, interest and unclassified lines, a reversed fee or interest left out), `creditsNotBooked` (statement credits − donations − interest) and `covered`.',
        '`uncoveredDays` lists the days no statement covers: a statement still to be imported.',
      ].join('\n\n'),
    }),
    ApiMinPositionQuery('the statements and the registers'),
    ApiQuery({ name: 'to', required: false, type: String, description: 'Last day, YYYY-MM-DD', example: '2024-09-10' }),
    ApiQuery({ name: 'from', required: false, type: String, description: 'First day, YYYY-MM-DD', example: '2024-09-01' }),
    ApiParam({ name: 'account', description: 'The bank account number', example: '0011001932418' }),
    ApiAnswer(200, ReconciliationResponse, 'The account day by day'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );
