import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { referenceLookup } from '../../../projections/donation-register.projection';
import { nameTokens } from '../../../projections/table-projection';
import { isCalendarDate } from '../../domain/shared/calendar';
import { ownEntry } from '../../domain/shared/records';
import { BalanceLookBack } from '../../read-side/balance-look-back';
import { PUBLIC_READS, type PublicDonationFilters, PublicQueries } from '../../read-side/public-queries';
import { validationFailed } from '../api-error';
import { FundNotFound } from '../errors';
import { Public } from '../auth/roles.decorator';
import { presentFundTotals, presentPublicDonation } from '../presenters/public.presenter';
import { amountParam, boundParam, limitParam, publicCursorParam, textParam } from '../query-params';
import { awaitBalances, positionParam, RegisterReads } from '../read-consistency';
import { fundParam } from './params';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiPublicDonationsRoute, ApiPublicTotalsRoute } from '../openapi/public.routes';

@ApiTags('public transparency')
@ApiFundIdParam()
@Controller('v1/public/funds/:fundId')
export class PublicController {
  constructor(
    @Inject(BalanceLookBack) private readonly balances: BalanceLookBack,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(PublicQueries) private readonly publicQueries: PublicQueries,
  ) {}

  @Get()
  @Public()
  @ApiPublicTotalsRoute()
  async totals(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const minPosition = positionParam('minPosition', query.minPosition);
    await awaitBalances(this.balances, minPosition);
    // The fund's name comes from the funds register: read at least where the totals stand, so a fund
    // opened a moment ago is named, not shown by its id, beside figures that already count it.
    await this.reads.align(PUBLIC_READS.totals, Math.max(minPosition ?? 0, this.balances.now().position));
    const { state, position } = this.balances.now();
    const fund = ownEntry(state.funds, fundId);
    const named = this.publicQueries.fundName(fundId);
    if (!fund && !named) throw new FundNotFound(fundId);
    return presentFundTotals(fundId, named, fund, position);
  }

  @Get('donations')
  @Public()
  @ApiPublicDonationsRoute()
  async donations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const fundId = fundParam(fundIdRaw);
    const limit = limitParam(query.limit);
    const q = textParam('q', query.q, 100);
    const nameWords = q === undefined ? [] : nameTokens(q);
    if (q !== undefined && nameWords.length === 0) throw validationFailed([{ field: 'q', reason: 'must contain a letter or digit' }]);
    const reference = textParam('reference', query.reference, 100);
    const amountVnd = amountParam(query.amount);
    if (query.date !== undefined && (typeof query.date !== 'string' || !isCalendarDate(query.date))) {
      throw validationFailed([{ field: 'date', reason: 'must be a date YYYY-MM-DD' }]);
    }
    const fromMs = boundParam('from', query.date);
    const toMs = boundParam('to', query.date);
    const lookup = reference === undefined ? undefined : referenceLookup(reference);
    const filters: PublicDonationFilters = {
      fundId, nameWords, reference: lookup?.own, ...(lookup === undefined || lookup.sender === lookup.own ? {} : { senderReference: lookup.sender }),
      amountVnd, fromMs, toMs, limit,
    };
    const cursor = publicCursorParam(query.cursor, filters);
    const position = await this.reads.ofFund(fundId, PUBLIC_READS.donations, positionParam('minPosition', query.minPosition));
    const page = this.publicQueries.donations(filters, cursor);
    return { items: page.rows.map(presentPublicDonation), nextCursor: page.nextCursor, position, limit };
  }
}
