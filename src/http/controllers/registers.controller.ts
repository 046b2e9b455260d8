import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DISBURSEMENT_STATUSES } from '../../../projections/disbursement-register.projection';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { REGISTER_READS, RegisterQueries } from '../../read-side/register-queries';
import { Roles } from '../auth/roles.decorator';
import { presentDisbursement, presentDonation, presentPage, presentRelease } from '../presenters/register.presenters';
import {
  amountParam, campaignParam, DEFAULT_PAGE_LIMIT, enumParam, listParams, MAX_PAGE_LIMIT, textParam,
} from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';

const PAGE_QUERIES = [
  ApiQuery({ name: 'limit', required: false, description: `default ${DEFAULT_PAGE_LIMIT}, at most ${MAX_PAGE_LIMIT}` }),
  ApiQuery({ name: 'cursor', required: false, description: 'opaque; `nextCursor` of the previous page' }),
  ApiQuery({ name: 'minPosition', required: false, description: 'answer only once the register reflects this log position' }),
];
const PERIOD_QUERIES = [
  ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (Vietnam day) or ISO 8601 with offset, inclusive' }),
  ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (the whole day, Vietnam time) or ISO 8601 with offset, inclusive' }),
];
const apply = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorator of decorators) decorator(target, key, descriptor);
};

@ApiTags('registers')
@ApiBearerAuth()
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
  @ApiQuery({ name: 'campaignId', required: false })
  @ApiQuery({
    name: 'donor', required: false,
    description: 'words of the donor\'s name or public name, each a word or its beginning, in any order, diacritics optional: '
      + '"nguyen van" and "van ng" find "Nguyễn Văn An"; a fragment inside a word ("uyen") does not',
  })
  @ApiQuery({ name: 'reference', required: false, description: 'the bank or receipt reference, case-insensitive' })
  @ApiQuery({ name: 'amount', required: false, description: 'exact VND amount' })
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
  @ApiQuery({ name: 'status', required: false, enum: DISBURSEMENT_STATUSES })
  @ApiQuery({ name: 'kind', required: false, enum: DISBURSEMENT_KINDS })
  @ApiQuery({ name: 'campaignId', required: false })
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
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'overdue', 'settled', 'cancelled'] })
  @ApiQuery({ name: 'campaignId', required: false, description: 'Releases of the campaign, also those that named only its pool' })
  async emergencyReleases(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const status = enumParam('status', query.status, ['open', 'overdue', 'settled', 'cancelled'] as const);
    const campaignId = campaignParam(query.campaignId);
    const position = await this.reads.ofFund(list.fundId, REGISTER_READS.emergencyReleases, positionParam('minPosition', query.minPosition));
    // Overdue depends on the clock, not on the log: compared with the server's now, at query time.
    const nowMs = Date.now();
    const page = this.registers.emergencyReleases({ ...list, status, campaignId }, position, nowMs);
    return presentPage(page, (row) => presentRelease(row, nowMs));
  }
}
