import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { JOURNAL_FORMATS } from '../../audit/journal';
import { ApiAnswer, ApiMediaAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { JournalEntryResponse, VerifyResponse } from './audit.responses';
import { ApiEnumQuery } from './parameters';
import { ROUTE_ERRORS } from './route-errors';

/*
 * How /docs describes the routes of AuditController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/journal */
export const ApiJournalRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Every stored event with its hashes, in log order, streamed',
      description: [
        'One stored event a line (NDJSON): position, streamId, revision, eventId, type, data, metadata, previousHash, hash,',
        'and on the SQLite backend globalPreviousHash and globalHash. Streamed from the log page by page: memory does not grow',
        'with the log. Without `limit` it runs to the head of the log; to page, ask again from the last position + 1.',
        'hash = hex(sha256(previousHash + RFC 8785 canonical JSON of {streamId, revision, eventId, type, data, metadata}));',
        'globalHash = hex(sha256(globalPreviousHash + hash)); the first previous hash is 64 zeros.',
        '`format=csv` gives the same columns as CSV, data and metadata as canonical JSON.',
      ].join(' '),
    }),
    ApiEnumQuery('format', JOURNAL_FORMATS, 'ndjson (default) or csv', 'ndjson'),
    ApiQuery({ name: 'limit', required: false, type: String, description: 'At most this many events; default all', example: '1000' }),
    ApiQuery({ name: 'fromPosition', required: false, type: String, description: 'First position to include (inclusive); default the start of the log', example: '1' }),
    ApiProduces('application/x-ndjson', 'text/csv'),
    ApiMediaAnswer(200, 'The journal, streamed', {
      'application/x-ndjson': { description: 'One stored event a line, each line this object', model: JournalEntryResponse },
      'text/csv': { description: 'The same columns as CSV; data and metadata as canonical JSON', example: 'position,streamId,revision,eventId,type,data,metadata,previousHash,hash\n' },
    }),
    ApiErrors(...ROUTE_ERRORS.journal),
  );

/** GET /v1/audit/verify */
export const ApiVerifyRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Re-verify the whole log: hashes, chains, revisions, positions, decoding, and projections against a fresh replay',
      description: '`{ok, eventsChecked, firstBadPosition?, reason?, message?, details?}`; reason is one of position_order, position_gap, chain_broken, revision_gap, hash_mismatch, unreadable_event, unknown_event, projection_failed, projection_differs, checkpoint_unsigned. '
        + 'The log is also held against every checkpoint the ledger signed: a log whose first treeSize events no longer make the signed root is hash_mismatch '
        + '(details.chain "checkpoint", firstBadPosition the first position no matching checkpoint vouches for); one shorter than a signed checkpoint is position_gap. The size and root held are those each checkpoint\'s signed note says; a checkpoint of the ledger\'s key whose note does not verify, or whose fields are not its note\'s, is checkpoint_unsigned (no position: the tree file was altered). Walks the whole log: slow on a large one.',
    }),
    ApiAnswer(200, VerifyResponse, 'What the walk found (ok false names the first bad position)'),
    ApiErrors(...ROUTE_ERRORS.verify),
  );
