import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FundRegisterProjection } from '../../../projections/fund-register.projection';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { Roles } from '../auth/roles.decorator';
import { positionParam } from '../read-consistency';
import { alignTables } from './registers.controller';

/** api-v2.md "People and sessions": every staff member can list the funds (the staff app's fund picker). */
@ApiTags('funds')
@Controller('v1/funds')
export class FundListController {
  constructor(@Inject(ProjectionsService) private readonly projections: ProjectionsService) {}

  @Get()
  @Roles('any')
  @ApiOperation({ summary: 'Every fund (id, name, chapter), by name, with the log position the list was read at' })
  @ApiQuery({ name: 'minPosition', required: false })
  async list(@Query() query: Record<string, unknown>) {
    const runner = this.projections.tableRunner(FundRegisterProjection);
    const position = await alignTables([runner], positionParam('minPosition', query.minPosition));
    const rows = runner.db.prepare('SELECT fund_id, name, chapter FROM register_funds ORDER BY name, fund_id').all() as { fund_id: string; name: string; chapter: string | null }[];
    return { items: rows.map((row) => ({ fundId: row.fund_id, name: row.name, chapter: row.chapter })), position };
  }
}
