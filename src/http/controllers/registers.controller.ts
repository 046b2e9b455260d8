import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DISBURSEMENT_STATUSES } from '../../../projections/disbursement-register.projection';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { REGISTER_READS, RegisterQueries } from '../../read-side/register-queries';
import { Roles } from '../auth/roles.decorator';
import { presentDisbursement, presentDonation, presentPage, presentRelease } from '../presenters/register.presenters';
import {
  amountParam, campaignParam, enumParam, listParams, textParam,
} from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiDisbursementRegisterRoute, ApiDonationRegisterRoute, ApiEmergencyReleasesRoute } from '../openapi/registers.routes';

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
  @ApiDonationRegisterRoute()
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
  @ApiDisbursementRegisterRoute()
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
  @ApiEmergencyReleasesRoute()
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
