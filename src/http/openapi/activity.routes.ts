import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { DEFAULT_LINES, MAX_LINES } from '../controllers/activity-params';
import { ActivityResponse, ImportRecordResponse, ImportRecordsResponse } from './activity.responses';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ROUTE_ERRORS } from './route-errors';

/** `limit` of the activity and imports lists, as linesParam reads it. */
const ApiLinesQuery = () => ApiQuery({ name: 'limit', required: false, type: String, description: `How many, newest first: default ${DEFAULT_LINES}, at most ${MAX_LINES}`, example: '20' });

/*
 * How /docs describes the routes of ActivityController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/activity */
export const ApiActivityRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The fund\'s recent activity: its latest events, newest first, with who recorded each and when',
      description: 'Read from the log itself (the fund\'s own, spending, donation and receipt streams, and the transfers it received or returned, '
        + 'which are in their senders\' streams), so it is current at once. '
        + 'Staff only: it names the people who recorded each entry. The journal (auditor, admin) has every event with its hashes.',
    }),
    ApiLinesQuery(),
    ApiAnswer(200, ActivityResponse, 'The latest events'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** GET /v1/funds/:fundId/imports */
export const ApiImportRecordsRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The fund\'s statement imports run through the API, newest first, each with its counts, its first rejected lines and whether it needs another look',
      description: 'The donations an import books are in the log; its rejected lines and warnings book nothing, so the ledger keeps each import\'s answer '
        + 'for this list (the staff app\'s "imports with warnings"). A worklist, never a source of figures.',
    }),
    ApiLinesQuery(),
    ApiAnswer(200, ImportRecordsResponse, 'The imports'),
    ApiErrors(...ROUTE_ERRORS.readFund),
  );

/** POST /v1/funds/:fundId/imports/reviewed */
export const ApiReviewImportRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Say that an import\'s rejected lines and warnings were dealt with (the file corrected and imported again, the lines entered by hand, '
        + 'or nothing to do): it leaves the imports that need another look, and keeps who said so, when and what was done',
      description: 'The import is named by its importedAt and fileSha256, as the imports list gives them. A worklist entry, never a figure: '
        + 'nothing is appended to the log. 404 when the fund has no such import.',
    }),
    ApiAnswer(200, ImportRecordResponse, 'The import, with its review'),
    ApiErrors(...ROUTE_ERRORS.reviewImport),
  );
