import { join } from 'node:path';
import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CheckStatementImportCommand, ImportStatementCommand } from '../../command-handling/handlers/statement-import.handlers';
import { type LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { PROFILE_NAMES } from '../../import/statement-layout';
import { LedgerMetrics } from '../../ops/metrics';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { importBodyLimitBytes, refuseEmptyUpload, spooledUpload, uploadedBodyOf, XLSX_CONTENT_TYPE } from '../file-upload';
import { importIdempotencyKeyOf, importMetadataOf, importRequestOf, keyedImportOf, unimportableStatementError } from './import-params';
import { fundParam } from './params';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ImportResultResponse } from '../openapi/audit.responses';
import { ApiCampaignIdQuery, ApiEnumQuery, ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';

// What the file routes share (their content types, the body parser, the size limit) is in ../file-upload.ts.
export { importBodyLimitBytes, registerStatementBodyParser, XLSX_CONTENT_TYPE } from '../file-upload';

@ApiTags('imports')
@ApiSignedIn()
@ApiIdempotencyKeyHeader('The same key with the same file and parameters answers the first import\'s answer again and books nothing; with another file or other parameters, 409 IDEMPOTENCY_KEY_REUSED. Without a key an import is still idempotent by row identity: a retry books nothing twice and reports the rows as duplicates')
@ApiFundIdParam()
@Controller('v1/funds/:fundId/imports')
export class ImportsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly metrics: LedgerMetrics,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('accountant')
  @ApiOperation({
    summary: 'Import a bank statement (CSV or XLSX): each credit line becomes a bank_transfer donation',
    description: [
      'The body is the statement file itself: `text/csv` (UTF-8, BOM allowed, `,` or `;`, the generic format of the API contract) or XLSX (first sheet, same columns).',
      'Lines above the header (bank name, account, period) are skipped and tell the bank. `profile` reads a bank\'s layout: vietcombank (`1.000.000`, document numbers such as `5213.45946`), agribank (`50,000`), vietinbank (separate time column, "CT nhanh 247" memos), bidv (one signed amount column, "thoi gian GD" in the memo); default: detected.',
      'Each line\'s identity is sha256(bank account, date, reference, amount, normalised memo, occurrence among identical lines): the same statement twice, or overlapping statements, book each transfer once; repeats are counted as `duplicates`. Bank fees and interest are booked (`BankFeeCharged`, `InterestCredited`); other debit lines and money the bank gives back are listed for the accountant to decide, never booked as donations. A bad line is listed in `rejected` with its line number, code and reason; the others are booked.',
      'Lines are appended in batches of 1,000, each atomically: an interrupted import keeps what it booked and a re-run completes it.',
      `Largest body: LEDGER_IMPORT_BODY_LIMIT_MB (default 200 MB), else 413. Dates without a time are 00:00 Vietnam time.`,
    ].join('\n\n'),
  })
  @ApiConsumes('text/csv', XLSX_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary', description: 'The statement file itself', example: 'Ngày,Số CT,Ghi có,Ghi nợ,Nội dung\n12/05/2024,FT24133XYZ,1.500.000,,NGUYEN VAN AN UNG HO' } })
  @ApiQuery({ name: 'bankAccount', required: false, type: String, description: 'The fund\'s account the statement is of (default: the campaign\'s); part of each line\'s identity, so give it the same way every time', example: '0011001932418' })
  @ApiCampaignIdQuery('The campaign every line is a donation to')
  @ApiQuery({ name: 'component', required: false, type: String, description: 'The component fund every line goes to; default general', example: 'general' })
  @ApiEnumQuery('profile', ['auto', ...PROFILE_NAMES], 'The bank\'s layout; default auto (detected)', 'vietcombank')
  @ApiAnswer(200, ImportResultResponse, 'What was booked; `rejected` lists at most 1,000 lines, `rejectedCount` counts all')
  @ApiErrors(...ROUTE_ERRORS.importStatement)
  async import(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest) {
    const importRequest = importRequestOf(fundParam(fundIdRaw), query);
    const meta = importMetadataOf(request);
    const key = importIdempotencyKeyOf(request);
    const limit = importBodyLimitBytes(this.config);
    const body = uploadedBodyOf(request, limit, 'statement');
    // Before the upload is read: an unknown fund, campaign or component refuses every line.
    await this.commandBus.execute(new CheckStatementImportCommand(importRequest));
    const scratchDir = join(this.config.dataDir, 'import-scratch');
    const upload = await spooledUpload(body, scratchDir, limit, 'statement');
    const counted = this.metrics.importStarted();
    try {
      refuseEmptyUpload(upload, 'statement');
      const keyed = keyedImportOf(key, meta.actor.userId, importRequest, upload.sha256);
      return await this.commandBus.execute(new ImportStatementCommand(upload, importRequest, { meta, scratchDir }, keyed, (total) => counted.linesRead(total)));
    } catch (error) {
      throw unimportableStatementError(error);
    } finally {
      counted.finished();
      upload.remove();
    }
  }
}
