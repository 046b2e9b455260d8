import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery } from '@nestjs/swagger';
import { ApiAnswer, ApiMediaAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiEnumQuery } from './parameters';
import { DonationResponse } from './receipts.responses';
import { ROUTE_ERRORS } from './route-errors';

const PDF_ANSWER = {
  'application/pdf': { description: 'An A5 PDF in Vietnamese, Be Vietnam Pro embedded', example: '(binary PDF)' },
};
const DONATION_ID_PARAM = { name: 'donationId', description: 'The donation id its recording answered (DN-<fiscal year>-<sequence>)', example: 'DN-2024-000123' };

/*
 * How /docs describes the routes of ReceiptsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/donations/:donationId */
export const ApiDonationRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'One donation as recorded, with its log position and when its receipt was first printed (null if never)' }),
    ApiParam(DONATION_ID_PARAM),
    ApiAnswer(200, DonationResponse, 'The donation as recorded, its log position and when its receipt was first printed'),
    ApiErrors(...ROUTE_ERRORS.readDonation),
  );

/** GET /v1/funds/:fundId/donations/:donationId/receipt.pdf */
export const ApiReceiptPdfRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The receipt (biên nhận) as an A5 PDF, or with letter=1 the thank-you letter (thư cảm ơn). An accountant\'s first print '
        + 'records ReceiptIssued; every later print is marked "Bản sao". An auditor\'s print records nothing. A donation a reversal took '
        + 'back gets no receipt (its print says the receipt is void) and no letter (422 ALREADY_REVERSED).',
    }),
    ApiEnumQuery('letter', ['0', '1'], '1 gives the thank-you letter (thư cảm ơn) instead of the receipt; printing it records nothing', '1'),
    ApiParam(DONATION_ID_PARAM),
    ApiMediaAnswer(200, 'The receipt, or the thank-you letter', PDF_ANSWER),
    ApiErrors(...ROUTE_ERRORS.printReceipts),
  );

/** GET /v1/funds/:fundId/receipts.pdf */
export const ApiReceiptsPdfRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Every receipt of donations received in the period, one A5 page each, in receipt-number order. Receipts never printed '
        + 'are issued by an accountant\'s print (ReceiptIssued); the others are marked "Bản sao".',
    }),
    ApiQuery({ name: 'to', required: true, type: String, description: 'YYYY-MM-DD (the whole day, Vietnam time) or ISO 8601 with offset, inclusive; at most two fiscal years after from', example: '2024-09-30' }),
    ApiQuery({ name: 'from', required: true, type: String, description: 'YYYY-MM-DD (Vietnam day) or ISO 8601 with offset, inclusive', example: '2024-09-01' }),
    ApiMediaAnswer(200, 'One A5 page per receipt; a single page saying so when the period has none', PDF_ANSWER),
    ApiErrors(...ROUTE_ERRORS.printReceipts),
  );
