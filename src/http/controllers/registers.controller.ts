import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DISBURSEMENT_STATUSES } from '../../../projections/disbursement-register.projection';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { REGISTER_READS, RegisterQueries } from '../../read-side/register-queries';
import { Roles } from '../auth/roles.decorator';
import { presentDisbursement, presentDonation, presentPage, presentRelease } from '../presenters/register.presenters';
import {
  amountParam, campaignParam, enumParam, listParams, textParam,
} from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiCampaignIdQuery, ApiEnumQuery, ApiFundIdParam, ApiPageQueries, ApiPeriodQueries } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { DisbursementPageResponse, DonationPageResponse, ReleasePageResponse } from '../openapi/spending.responses';

const PAGE_QUERIES: MethodDecorator[] = [ApiPageQueries()];
const PERIOD_QUERIES: MethodDecorator[] = [ApiPeriodQueries()];
const apply = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorator of decorators) decorator(target, key, descriptor);
};

@ApiTags('registers')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId')
export class RegistersController {
  constructor(
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(RegisterQueries) private readonly registers: RegisterQueries,
  ) {}

  @Get('donations')
  @Roles('any')
  @ApiOperation({
    summary: 'The donation register, oldest first by receivedAt; donor: each word begins a word of the name or public name, '
      + 'in any order, with or without diacritics',
  })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, DonationPageResponse, 'A page of the donation register')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiCampaignIdQuery('Only donations to this campaign')
  @ApiQuery({
    name: 'donor', required: false, type: String, example: 'nguyen van',
    description: 'words of the donor\'s name or public name, each a word or its beginning, in any order, diacritics optional: '
      + '"nguyen van" and "van ng" find "Nguyễn Văn An"; a fragment inside a word ("uyen") does not',
  })
  @ApiQuery({
    name: 'reference', required: false, type: String, example: 'FT24133XYZ',
    description: 'the bank or receipt reference, case-insensitive, exact: the donation\'s own, or the sender\'s transaction number in an imported transfer\'s memo '
      + '(a Vietcombank app number alone or with its prefix, MBVCB.6987707712 or IBVCB.…)',
  })
  @ApiQuery({ name: 'amount', required: false, type: String, description: 'exact VND amount (decimal string)', example: '1500000' })
  async donations(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const campaignId = campaignParam(query.campaignId);
    const donor = textParam('donor', query.donor);
    const reference = textParam('reference', query.reference, 100);
    const amount = amountParam(query.amount);
    const position = await this.reads.ofFund(list.fundId, REGISTER_READS.donations, positionParam('minPosition', query.minPosition));
    const page = this.registers.donations({ ...list, campaignId, donor, reference, amount }, position);
    return presentPage(page, presentDonation);
  }

  @Get('disbursements')
  @Roles('any')
  @ApiOperation({ summary: 'The disbursement register, oldest request first; from/to bound the request date' })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, DisbursementPageResponse, 'A page of the disbursement register')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiEnumQuery('status', DISBURSEMENT_STATUSES, 'Only disbursements in this status', 'approved')
  @ApiEnumQuery('kind', DISBURSEMENT_KINDS, 'Only disbursements of this kind', 'humanitarian')
  @ApiCampaignIdQuery('Only disbursements of this campaign')
  async disbursements(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const status = enumParam('status', query.status, DISBURSEMENT_STATUSES);
    const kind = enumParam('kind', query.kind, DISBURSEMENT_KINDS);
    const campaignId = campaignParam(query.campaignId);
    const position = await this.reads.ofFund(list.fundId, REGISTER_READS.disbursements, positionParam('minPosition', query.minPosition));
    const page = this.registers.disbursements({ ...list, status, kind, campaignId }, position);
    return presentPage(page, presentDisbursement);
  }

  @Get('emergency-releases')
  @Roles('any')
  @ApiOperation({
    summary: 'Emergency releases, oldest first. status=open: not settled (overdue ones included, flagged); '
      + 'overdue: not settled and past settleBy at the time of the query; settled; cancelled (reversed while open). '
      + 'late/daysOverdue: settled after settleBy (days by business date), or open past it at the time of the query',
  })
  @apply([...PAGE_QUERIES, ...PERIOD_QUERIES])
  @ApiAnswer(200, ReleasePageResponse, 'A page of the emergency releases')
  @ApiErrors(...ROUTE_ERRORS.fundRead)
  @ApiEnumQuery('status', ['open', 'overdue', 'settled', 'cancelled'], 'Only releases in this state (see above)', 'open')
  @ApiCampaignIdQuery('Releases of the campaign, also those that named only its pool')
  @ApiQuery({ name: 'releasedBy', required: false, type: String, example: 'u-dieu-phoi', description: 'only the releases of this user (their userId): a coordinator\'s own' })
  async emergencyReleases(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const status = enumParam('status', query.status, ['open', 'overdue', 'settled', 'cancelled'] as const);
    const campaignId = campaignParam(query.campaignId);
    const releasedBy = textParam('releasedBy', query.releasedBy, 200);
    const position = await this.reads.ofFund(list.fundId, REGISTER_READS.emergencyReleases, positionParam('minPosition', query.minPosition));
    // Overdue depends on the clock, not on the log: compared with the server's now, at query time.
    const nowMs = Date.now();
    const page = this.registers.emergencyReleases({ ...list, status, campaignId, releasedBy }, position, nowMs);
    return presentPage(page, (row) => presentRelease(row, nowMs));
  }
}
