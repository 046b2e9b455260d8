import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { RecordDonationCommand } from '../../command-handling/handlers/donation.handlers';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { BulkIntake } from '../intake-lanes';
import { RecordDonationRequestDto } from '../dto/donation.request.dto';
import { ApiAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam, ApiIdempotencyKeyHeader } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { DonationRecordedResponse } from '../openapi/spending.responses';
import { fundParam } from './params';

@ApiTags('donations')
@ApiSignedIn()
@ApiIdempotencyKeyHeader()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/donations')
export class DonationsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @BulkIntake()
  @Roles('accountant')
  @ApiOperation({ summary: 'Record a donation; it gets the next receipt number of its fiscal year' })
  @ApiAnswer(201, DonationRecordedResponse, 'The donation is recorded')
  @ApiErrors(...ROUTE_ERRORS.recordDonation)
  async record(@Param('fundId') fundIdRaw: string, @Body() body: RecordDonationRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const donor = body.donor;
    const outcome = await this.commandBus.execute(
      new RecordDonationCommand({
        type: 'RecordDonation',
        fundId,
        amount: body.amount,
        currency: body.currency ?? 'VND',
        fxRate: body.fxRate ?? null,
        channel: body.channel,
        receivedAt: body.receivedAt,
        donor: {
          name: donor.name, kind: donor.kind, publicName: donor.publicName ?? null, taxCode: donor.taxCode ?? null,
          address: donor.address ?? null, contact: donor.contact ?? null,
        },
        component: body.component ?? 'general',
        campaignId: body.campaignId ?? null,
        restriction: body.restriction ? { purpose: body.restriction.purpose, beneficiary: body.restriction.beneficiary ?? null } : null,
        reference: body.reference ?? null,
        inKind: body.inKind ? { ...body.inKind } : null,
        note: body.note ?? null,
        revenueCategory: body.revenueCategory ?? 'voluntary_contribution',
        source: null,
        now: meta.now,
      }, meta),
    );
    return outcome.result;
  }
}
