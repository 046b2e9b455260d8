import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { UsersDirectory } from '../../access/users-directory';
import { LedgerWriter } from '../../command-handling/ledger-write.providers';
import { SpendingModel } from '../../command-handling/stream-models';
import { fiscalYearOf } from '../../domain/shared/calendar';
import { Streams } from '../../domain/streams';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ImportLog, needsReview, type ImportRecord } from '../../import/import-log';
import { Meta } from '../command-context';
import { ReviewImportRequestDto } from '../dto/review-import.request.dto';
import { FundActivity } from '../../read-side/fund-activity';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { NotFound } from '../errors';
import { ActivityResponse, ImportRecordResponse, ImportRecordsResponse } from '../openapi/activity.responses';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { fundParam } from './params';
import { openFundOr404 } from '../open-fund';

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
    private readonly writer: LedgerWriter,
    @Inject(FundActivity) private readonly activity: FundActivity,
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
    const position = await this.writer.store.headPosition();
    const fund = await openFundOr404(this.writer, fundId);
    // A donation may be dated up to tomorrow (Vietnam time): the year of tomorrow is the last one read.
    const lastYear = fiscalYearOf(new Date(Date.now() + 86_400_000).toISOString());
    await this.writer.inflows.catchUp();
    const inflows = this.writer.inflows;
    // A payment's line is counted from its request's amount, as the write side holds it.
    const spending = await this.writer.writePath.lookup(Streams.spending(fundId), SpendingModel);
    const requested = (disbursementId: string) => spending.disbursements.get(disbursementId)?.amount.toFixed() ?? null;
    const lines = await this.activity.latest(fundId, fund.openedAt, inflows.of(fundId).earliestDonationYear, lastYear, limit, inflows.arrivals(fundId), requested);
    const names = await this.names();
    return {
      fundId,
      items: lines.map(({ actorUserId, ...line }) => ({ ...line, actor: { userId: actorUserId, name: names.get(actorUserId) ?? null } })),
      position,
    };
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
    await openFundOr404(this.writer, fundId);
    const names = await this.names();
    return {
      fundId,
      // The answer kept for a keyed import's retry is its sender's, not the dashboard's.
      items: this.imports.recent(fundId, limit).map((record) => this.present(record, names)),
    };
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
    await openFundOr404(this.writer, fundId);
    const reviewed = this.imports.review(fundId, body.importedAt, body.fileSha256, meta.actor.userId, meta.now, body.note.trim());
    if (reviewed === undefined) throw new NotFound('import', `${body.importedAt} ${body.fileSha256}`);
    return this.present(reviewed, await this.names());
  }

  /** An import as the worklist shows it: its people by name, and whether it still needs another look. */
  private present(record: ImportRecord, names: Map<string, string>) {
    const { fundId: _fund, importedBy, idempotencyKey: _key, requestHash: _hash, answer: _answer, reviewed, ...rest } = record;
    return {
      ...rest, importedBy: { userId: importedBy, name: names.get(importedBy) ?? null }, needsReview: needsReview(record),
      reviewed: reviewed === undefined ? null : { by: { userId: reviewed.by, name: names.get(reviewed.by) ?? null }, at: reviewed.at, note: reviewed.note },
    };
  }

  private async names(): Promise<Map<string, string>> {
    return new Map((await this.users.all()).map((user) => [user.userId, user.name]));
  }
}
