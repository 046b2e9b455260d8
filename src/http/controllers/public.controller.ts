import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { ApiFundIdParam, ApiMinPositionQuery, ApiPageQueries } from '../openapi/parameters';
import { PublicDonationPageResponse, PublicTotalsResponse } from '../openapi/public.responses';

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
  @ApiOperation({ summary: 'Public totals of a fund: received, in kind, disbursed, held, outstanding emergency money, available, by campaign' })
  @ApiMinPositionQuery('the public totals')
  @ApiAnswer(200, PublicTotalsResponse, 'The public totals')
  @ApiErrors(...ROUTE_ERRORS.publicRead)
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
  @ApiOperation({
    summary: 'Find a donation: by reference, exact VND amount, date (YYYY-MM-DD, Vietnam time) and words of the published donor name '
      + '(each word must begin a word of the name, diacritics optional: "nguyen v" finds "Nguyễn Văn"). '
      + 'Shows only what donors chose to publish; anonymous donors appear as "Ẩn danh" and cannot be found by name.',
  })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'words of the published name, each a word or its beginning, diacritics optional: "nguyen van a"', example: 'nguyen van a' })
  @ApiQuery({
    name: 'reference', required: false, type: String, example: '6987707712',
    description: 'The bank or receipt reference, case-insensitive, exact: the donation\'s own, or for a transfer imported from a bank statement the '
      + 'transaction number the sender\'s bank printed on the sender\'s receipt and put in the memo (the number after MBVCB. or IBVCB., typed alone or '
      + 'with its prefix as the receipt prints it, MBVCB.6987707712; an FT… number, a NAPAS trace, a number labelled "Ma GD" or "Trace"); never an account number in the memo',
  })
  @ApiQuery({ name: 'amount', required: false, type: String, description: 'The exact VND amount (decimal string)', example: '1500000' })
  @ApiQuery({ name: 'date', required: false, type: String, description: 'The day it was received: YYYY-MM-DD, Vietnam time', example: '2024-05-12' })
  @ApiPageQueries()
  @ApiAnswer(200, PublicDonationPageResponse, 'The donations found, as their donors chose to be shown')
  @ApiErrors(...ROUTE_ERRORS.publicRead)
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
