import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BalanceProjection } from '../../../projections/balance.projection';
import { normalizeReference } from '../../../projections/donation-register.projection';
import { nameTokens } from '../../../projections/table-projection';
import { ownEntry } from '../../domain/shared/records';
import { ProjectionsService } from '../../projection-runner/projections.service';
import { PUBLIC_READS, type PublicDonationFilters, PublicQueries } from '../../read-side/public-queries';
import { ApiError, validationFailed } from '../api-error';
import { Public } from '../auth/roles.decorator';
import { presentFundTotals, presentPublicDonation } from '../presenters/public.presenter';
import { amountParam, boundParam, limitParam, publicCursorParam, textParam } from '../query-params';
import { awaitPosition, positionParam, RegisterReads } from '../read-consistency';
import { fundParam } from './params';

@ApiTags('public transparency')
@Controller('v1/public/funds/:fundId')
export class PublicController {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(PublicQueries) private readonly publicQueries: PublicQueries,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Public totals of a fund: received, in kind, disbursed, held, outstanding emergency money, available, by campaign' })
  @ApiQuery({ name: 'minPosition', required: false })
  async totals(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const minPosition = positionParam('minPosition', query.minPosition);
    const balance = this.projections.runner(BalanceProjection);
    await awaitPosition(balance, minPosition);
    await this.reads.align(PUBLIC_READS.totals, minPosition);
    const fund = ownEntry(balance.current.funds, fundId);
    const named = this.publicQueries.fundName(fundId);
    if (!fund && !named) throw new ApiError(404, 'NOT_FOUND', `No fund ${fundId}`, { entity: 'fund' });
    return presentFundTotals(fundId, named, fund, balance.appliedPosition);
  }

  @Get('donations')
  @Public()
  @ApiOperation({
    summary: 'Find a donation: by reference, exact VND amount, date (YYYY-MM-DD, Vietnam time) and words of the published donor name '
      + '(each word must begin a word of the name, diacritics optional: "nguyen v" finds "Nguyễn Văn"). '
      + 'Shows only what donors chose to publish; anonymous donors appear as "Ẩn danh" and cannot be found by name.',
  })
  @ApiQuery({ name: 'q', required: false, description: 'words of the published name, each a word or its beginning, diacritics optional: "nguyen van a"' })
  @ApiQuery({ name: 'reference', required: false })
  @ApiQuery({ name: 'amount', required: false })
  @ApiQuery({ name: 'date', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'minPosition', required: false })
  async donations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const q = textParam('q', query.q, 100);
    const nameWords = q === undefined ? [] : nameTokens(q);
    if (q !== undefined && nameWords.length === 0) throw validationFailed([{ field: 'q', reason: 'must contain a letter or digit' }]);
    const reference = textParam('reference', query.reference, 100);
    const amountVnd = amountParam(query.amount);
    if (query.date !== undefined && (typeof query.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(query.date))) {
      throw validationFailed([{ field: 'date', reason: 'must be a date YYYY-MM-DD' }]);
    }
    const fromMs = boundParam('from', query.date);
    const toMs = boundParam('to', query.date);
    const filters: PublicDonationFilters = {
      fundId, nameWords, reference: reference === undefined ? undefined : normalizeReference(reference), amountVnd, fromMs, toMs, limit,
    };
    const cursor = publicCursorParam(query.cursor, filters);
    const position = await this.reads.ofFund(fundId, PUBLIC_READS.donations, positionParam('minPosition', query.minPosition));
    const page = this.publicQueries.donations(filters, cursor);
    return { items: page.rows.map(presentPublicDonation), nextCursor: page.nextCursor, position, limit };
  }
}
