import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { PROFILE_NAMES } from '../../import/statement-layout';
import { XLSX_CONTENT_TYPE } from '../file-upload';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ImportResultResponse } from './audit.responses';
import { ApiCampaignIdQuery, ApiEnumQuery } from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of ImportsController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** POST /v1/funds/:fundId/imports */
export const ApiImportStatementRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Import a bank statement (CSV or XLSX): each credit line becomes a bank_transfer donation',
      description: [
        'The body is the statement file itself: `text/csv` (UTF-8, BOM allowed, `,` or `;`, the generic format of the API contract) or XLSX (first sheet, same columns).',
        'Lines above the header (bank name, account, period) are skipped and tell the bank. `profile` reads a bank\'s layout: vietcombank (`1.000.000`, document numbers such as `5213.45946`), agribank (`50,000`), vietinbank (separate time column, "CT nhanh 247" memos), bidv (one signed amount column, "thoi gian GD" in the memo); default: detected.',
        'Each line\'s identity is sha256(bank account, date, reference, amount, normalised memo, occurrence among identical lines): the same statement twice, or overlapping statements, book each transfer once; repeats are counted as `duplicates`. Bank fees and interest are booked (`BankFeeCharged`, `InterestCredited`); other debit lines and money the bank gives back are listed for the accountant to decide, never booked as donations. A bad line is listed in `rejected` with its line number, code and reason; the others are booked.',
        'Lines are appended in batches of 1,000, each atomically: an interrupted import keeps what it booked and a re-run completes it.',
        `Largest body: LEDGER_IMPORT_BODY_LIMIT_MB (default 200 MB), else 413. Dates without a time are 00:00 Vietnam time.`,
      ].join('\n\n'),
    }),
    ApiEnumQuery('profile', ['auto', ...PROFILE_NAMES], 'The bank\'s layout; default auto (detected)', 'vietcombank'),
    ApiQuery({ name: 'component', required: false, type: String, description: 'The component fund every line goes to; default general', example: 'general' }),
    ApiCampaignIdQuery('The campaign every line is a donation to'),
    ApiQuery({ name: 'bankAccount', required: false, type: String, description: 'The fund\'s account the statement is of (default: the campaign\'s); part of each line\'s identity, so give it the same way every time', example: '0011001932418' }),
    ApiBody({ schema: { type: 'string', format: 'binary', description: 'The statement file itself', example: 'Ngày,Số CT,Ghi có,Ghi nợ,Nội dung\n12/05/2024,FT24133XYZ,1.500.000,,NGUYEN VAN AN UNG HO' } }),
    ApiConsumes('text/csv', XLSX_CONTENT_TYPE),
    ApiAnswer(200, ImportResultResponse, 'What was booked; `rejected` lists at most 1,000 lines, `rejectedCount` counts all'),
    ApiErrors(...ROUTE_ERRORS.importStatement),
  );
