import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { UsersDirectory } from '../../access/users-directory';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ImportLog } from '../../import/import-log';
import { FoldedStreams } from '../../read-side/folded-streams';
import { RecentActivity } from '../../read-side/recent-activity';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { ReviewImportRequestDto } from '../dto/review-import.request.dto';
import { NotFound } from '../errors';
import { openFundOr404, orFundNotFound } from '../open-fund';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiActivityRoute, ApiImportRecordsRoute, ApiReviewImportRoute } from '../openapi/activity.routes';
import { presentActivityLine, presentImportRecord, type UserNames } from '../presenters/activity.presenter';
import { linesParam } from './activity-params';
import { fundParam } from './params';

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
  @ApiActivityRoute()
  async recent(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = linesParam(query.limit);
    const { lines, position } = orFundNotFound(await this.activity.latest(fundId, limit), fundId);
    const names = await this.names();
    return { fundId, items: lines.map((line) => presentActivityLine(line, names)), position };
  }

  @Get('imports')
  @Roles('accountant', 'auditor', 'admin')
  @ApiImportRecordsRoute()
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
  @ApiReviewImportRoute()
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
