import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JOURNAL_FORMATS, type JournalFormat } from '../../audit/journal';
import { LogAudit } from '../../audit/log-audit';
import type { VerifyResult } from '../../audit/verify';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { enumParam } from '../query-params';
import { positionParam } from '../read-consistency';
import { ApiSignedIn } from '../openapi/document';
import { ApiJournalRoute, ApiVerifyRoute } from '../openapi/audit.routes';

const CONTENT_TYPES: Record<JournalFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

function limitParam(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,15}$/.test(raw)) throw validationFailed([{ field: 'limit', reason: 'must be a positive integer' }]);
  return Number(raw);
}

@ApiTags('audit')
@ApiSignedIn()
@Controller('v1')
export class AuditController {
  constructor(private readonly audit: LogAudit) {}

  @Get('journal')
  @Roles('auditor', 'admin')
  @ApiJournalRoute()
  journal(@Query() query: Record<string, unknown>): StreamableFile {
    const fromPosition = positionParam('fromPosition', query.fromPosition);
    const limit = limitParam(query.limit);
    const format = enumParam('format', query.format, JOURNAL_FORMATS) ?? 'ndjson';
    // Readable.from pulls the next chunk only when the socket has taken the last one.
    const stream = Readable.from(this.audit.journal(format, { fromPosition, limit }), { objectMode: false });
    return new StreamableFile(stream, { type: CONTENT_TYPES[format] });
  }

  @Get('audit/verify')
  @Roles('auditor', 'admin')
  @ApiVerifyRoute()
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
