import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { UsersDirectory } from '../../access/users-directory';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ImportLog } from '../../import/import-log';
import { FoldedStreams } from '../../read-side/folded-streams';
import { RecentActivity } from '../../read-side/recent-activity';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ReviewImportRequestDto } from '../dto/review-import.request.dto';
import { NotFound } from '../errors';
import { openFundOr404, orFundNotFound } from '../open-fund';
import { ActivityResponse, ImportRecordResponse, ImportRecordsResponse } from '../openapi/activity.responses';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { presentActivityLine, presentImportRecord, type UserNames } from '../presenters/activity.presenter';
import { fundParam } from './params';

const MAX_LINES = 100;
const DEFAULT_LINES = 20;

function linesParam(raw: unknown): number {
  if (raw === undefined) return DEFAULT_LINES;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,2}$/.test(raw) || Number(raw) > MAX_LINES) {
    throw validationFailed([{ field: 'limit', reason: `must be an integer from 1 to ${MAX_LINES}` }]);
  }
  return Number(raw);
}

const ApiLinesQuery = () => ApiQuery({ name: 'limit', required: false, type: String, description: `How many, newest first: default ${DEFAULT_LINES}, at most ${MAX_LINES}`, example: '20' });

/** What the staff's dashboard shows besides balances: the fund's latest events and its statement imports. */
@ApiTags('funds')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class ActivityController {
  constructor(
    @Inject(RecentActivity) private readonly activity: RecentActivity,
    @Inject(FoldedStreams) private readonly streams: FoldedStreams,
    @Inject(ImportLog) private readonly imports: ImportLog,
    @Inject(UsersDirectory) private readonly users: UsersDirectory,
  ) {}

  @Get('activity')
  @Roles('any')
  @ApiOperation({
    summary: 'The fund\'s recent activity: its latest events, newest first, with who recorded each and when',
    description: 'Read from the log itself (the fund\'s own, spending, donation and receipt streams, and the transfers it received or returned, '
      + 'which are in their senders\' streams), so it is current at once. '
      + 'Staff only: it names the people who recorded each entry. The journal (auditor, admin) has every event with its hashes.',
  })
  @ApiLinesQuery()
  @ApiAnswer(200, ActivityResponse, 'The latest events')
  @ApiErrors(...ROUTE_ERRORS.readFund)
  async recent(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = linesParam(query.limit);
    const { lines, position } = orFundNotFound(await this.activity.latest(fundId, limit), fundId);
    const names = await this.names();
    return { fundId, items: lines.map((line) => presentActivityLine(line, names)), position };
  }

  @Get('imports')
  @Roles('accountant', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The fund\'s statement imports run through the API, newest first, each with its counts, its first rejected lines and whether it needs another look',
    description: 'The donations an import books are in the log; its rejected lines and warnings book nothing, so the ledger keeps each import\'s answer '
      + 'for this list (the staff app\'s "imports with warnings"). A worklist, never a source of figures.',
  })
  @ApiLinesQuery()
  @ApiAnswer(200, ImportRecordsResponse, 'The imports')
  @ApiErrors(...ROUTE_ERRORS.readFund)
  async recentImports(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = linesParam(query.limit);
    await openFundOr404(this.streams, fundId);
    const names = await this.names();
    return { fundId, items: this.imports.recent(fundId, limit).map((record) => presentImportRecord(record, names)) };
  }

  @Post('imports/reviewed')
  @HttpCode(200)
  @Roles('accountant')
  @ApiOperation({
    summary: 'Say that an import\'s rejected lines and warnings were dealt with (the file corrected and imported again, the lines entered by hand, '
      + 'or nothing to do): it leaves the imports that need another look, and keeps who said so, when and what was done',
    description: 'The import is named by its importedAt and fileSha256, as the imports list gives them. A worklist entry, never a figure: '
      + 'nothing is appended to the log. 404 when the fund has no such import.',
  })
  @ApiAnswer(200, ImportRecordResponse, 'The import, with its review')
  @ApiErrors(...ROUTE_ERRORS.reviewImport)
  async reviewImport(@Param('fundId') fundIdRaw: string, @Body() body: ReviewImportRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    await openFundOr404(this.streams, fundId);
    const reviewed = this.imports.review(fundId, body.importedAt, body.fileSha256, meta.actor.userId, meta.now, body.note.trim());
    if (reviewed === undefined) throw new NotFound('import', `${body.importedAt} ${body.fileSha256}`);
    return presentImportRecord(reviewed, await this.names());
  }

  private async names(): Promise<UserNames> {
    return new Map((await this.users.all()).map((user) => [user.userId, user.name]));
  }
}
