import { join } from 'node:path';
import { Controller, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CheckStatementImportCommand, ImportStatementCommand } from '../../command-handling/handlers/statement-import.handlers';
import { type LedgerConfig } from '../../config/ledger-config';
import { LEDGER_CONFIG } from '../../config/ledger.tokens';
import { LedgerMetrics } from '../../ops/metrics';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { Roles } from '../auth/roles.decorator';
import { importBodyLimitBytes, refuseEmptyUpload, spooledUpload, uploadedBodyOf } from '../file-upload';
import { importIdempotencyKeyOf, importMetadataOf, importRequestOf, keyedImportOf, unimportableStatementError } from './import-params';
import { fundParam } from './params';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ApiImportStatementRoute } from '../openapi/imports.routes';

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
  @ApiImportStatementRoute()
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
