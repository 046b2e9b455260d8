import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { JOURNAL_FORMATS, type JournalFormat } from '../../audit/journal';
import { LogAudit } from '../../audit/log-audit';
import type { VerifyResult } from '../../audit/verify';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { enumParam } from '../query-params';
import { positionParam } from '../read-consistency';
import { ApiAnswer, ApiMediaAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { JournalEntryResponse, VerifyResponse } from '../openapi/audit.responses';
import { ApiEnumQuery } from '../openapi/parameters';

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
  @ApiOperation({
    summary: 'Every stored event with its hashes, in log order, streamed',
    description: [
      'One stored event a line (NDJSON): position, streamId, revision, eventId, type, data, metadata, previousHash, hash,',
      'and on the SQLite backend globalPreviousHash and globalHash. Streamed from the log page by page: memory does not grow',
      'with the log. Without `limit` it runs to the head of the log; to page, ask again from the last position + 1.',
      'hash = hex(sha256(previousHash + RFC 8785 canonical JSON of {streamId, revision, eventId, type, data, metadata}));',
      'globalHash = hex(sha256(globalPreviousHash + hash)); the first previous hash is 64 zeros.',
      '`format=csv` gives the same columns as CSV, data and metadata as canonical JSON.',
    ].join(' '),
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiQuery({ name: 'fromPosition', required: false, type: String, description: 'First position to include (inclusive); default the start of the log', example: '1' })
  @ApiQuery({ name: 'limit', required: false, type: String, description: 'At most this many events; default all', example: '1000' })
  @ApiEnumQuery('format', JOURNAL_FORMATS, 'ndjson (default) or csv', 'ndjson')
  @ApiMediaAnswer(200, 'The journal, streamed', {
    'application/x-ndjson': { description: 'One stored event a line, each line this object', model: JournalEntryResponse },
    'text/csv': { description: 'The same columns as CSV; data and metadata as canonical JSON', example: 'position,streamId,revision,eventId,type,data,metadata,previousHash,hash\n' },
  })
  @ApiErrors(...ROUTE_ERRORS.journal)
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
  @ApiOperation({
    summary: 'Re-verify the whole log: hashes, chains, revisions, positions, decoding, and projections against a fresh replay',
    description: '`{ok, eventsChecked, firstBadPosition?, reason?, message?, details?}`; reason is one of position_order, position_gap, chain_broken, revision_gap, hash_mismatch, unreadable_event, unknown_event, projection_failed, projection_differs. '
      + 'The log is also held against every checkpoint the ledger signed: a log whose first treeSize events no longer make the signed root is hash_mismatch '
      + '(details.chain "checkpoint", firstBadPosition the first position no matching checkpoint vouches for); one shorter than a signed checkpoint is position_gap. Walks the whole log: slow on a large one.',
  })
  @ApiAnswer(200, VerifyResponse, 'What the walk found (ok false names the first bad position)')
  @ApiErrors(...ROUTE_ERRORS.verify)
  verify(): Promise<VerifyResult> {
    return this.audit.verify();
  }
}
