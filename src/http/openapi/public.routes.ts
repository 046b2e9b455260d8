import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiMinPositionQuery, ApiPageQueries } from './parameters';
import { PublicDonationPageResponse, PublicTotalsResponse } from './public.responses';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of PublicController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/public/funds/:fundId */
export const ApiPublicTotalsRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Public totals of a fund: received, in kind, disbursed, held, outstanding emergency money, available, by campaign' }),
    ApiMinPositionQuery('the public totals'),
    ApiAnswer(200, PublicTotalsResponse, 'The public totals'),
    ApiErrors(...ROUTE_ERRORS.publicRead),
  );

/** GET /v1/public/funds/:fundId/donations */
export const ApiPublicDonationsRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Find a donation: by reference, exact VND amount, date (YYYY-MM-DD, Vietnam time) and words of the published donor name '
        + '(each word must begin a word of the name, diacritics optional: "nguyen v" finds "Nguyễn Văn"). '
        + 'Shows only what donors chose to publish; anonymous donors appear as "Ẩn danh" and cannot be found by name.',
    }),
    ApiPageQueries(),
    ApiQuery({ name: 'date', required: false, type: String, description: 'The day it was received: YYYY-MM-DD, Vietnam time', example: '2024-05-12' }),
    ApiQuery({ name: 'amount', required: false, type: String, description: 'The exact VND amount (decimal string)', example: '1500000' }),
    ApiQuery({
      name: 'reference', required: false, type: String, example: '6987707712',
      description: 'The bank or receipt reference, case-insensitive, exact: the donation\'s own, or for a transfer imported from a bank statement the '
        + 'transaction number the sender\'s bank printed on the sender\'s receipt and put in the memo (the number after MBVCB. or IBVCB., typed alone or '
        + 'with its prefix as the receipt prints it, MBVCB.6987707712; an FT… number, a NAPAS trace, a number labelled "Ma GD" or "Trace"); never an account number in the memo',
    }),
    ApiQuery({ name: 'q', required: false, type: String, description: 'words of the published name, each a word or its beginning, diacritics optional: "nguyen van a"', example: 'nguyen van a' }),
    ApiAnswer(200, PublicDonationPageResponse, 'The donations found, as their donors chose to be shown'),
    ApiErrors(...ROUTE_ERRORS.publicRead),
  );
