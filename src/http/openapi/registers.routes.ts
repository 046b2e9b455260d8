import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiQuery } from '@nestjs/swagger';
import { DISBURSEMENT_STATUSES } from '../../../projections/disbursement-register.projection';
import { DISBURSEMENT_KINDS } from '../../domain/spending/spending.events';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiCampaignIdQuery, ApiEnumQuery, ApiPageQueries, ApiPeriodQueries } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { DisbursementPageResponse, DonationPageResponse, ReleasePageResponse } from './spending.responses';

/*
 * How /docs describes the routes of RegistersController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** GET /v1/funds/:fundId/donations */
export const ApiDonationRegisterRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'The donation register, oldest first by receivedAt; donor: each word begins a word of the name or public name, '
        + 'in any order, with or without diacritics',
    }),
    ApiQuery({ name: 'amount', required: false, type: String, description: 'exact VND amount (decimal string)', example: '1500000' }),
    ApiQuery({
      name: 'reference', required: false, type: String, example: 'FT24133XYZ',
      description: 'the bank or receipt reference, case-insensitive, exact: the donation\'s own, or the sender\'s transaction number in an imported transfer\'s memo '
        + '(a Vietcombank app number alone or with its prefix, MBVCB.6987707712 or IBVCB.…)',
    }),
    ApiQuery({
      name: 'donor', required: false, type: String, example: 'nguyen van',
      description: 'words of the donor\'s name or public name, each a word or its beginning, in any order, diacritics optional: '
        + '"nguyen van" and "van ng" find "Nguyễn Văn An"; a fragment inside a word ("uyen") does not',
    }),
    ApiCampaignIdQuery('Only donations to this campaign'),
    ApiPageQueries(),
    ApiPeriodQueries(),
    ApiAnswer(200, DonationPageResponse, 'A page of the donation register'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** GET /v1/funds/:fundId/disbursements */
export const ApiDisbursementRegisterRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'The disbursement register, oldest request first; from/to bound the request date' }),
    ApiCampaignIdQuery('Only disbursements of this campaign'),
    ApiEnumQuery('kind', DISBURSEMENT_KINDS, 'Only disbursements of this kind', 'humanitarian'),
    ApiEnumQuery('status', DISBURSEMENT_STATUSES, 'Only disbursements in this status', 'approved'),
    ApiPageQueries(),
    ApiPeriodQueries(),
    ApiAnswer(200, DisbursementPageResponse, 'A page of the disbursement register'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );

/** GET /v1/funds/:fundId/emergency-releases */
export const ApiEmergencyReleasesRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Emergency releases, oldest first. status=open: not settled (overdue ones included, flagged); '
        + 'overdue: not settled and past settleBy at the time of the query; settled; cancelled (reversed while open). '
        + 'late/daysOverdue: settled after settleBy (days by business date), or open past it at the time of the query',
    }),
    ApiQuery({ name: 'releasedBy', required: false, type: String, example: 'u-dieu-phoi', description: 'only the releases of this user (their userId): a coordinator\'s own' }),
    ApiCampaignIdQuery('Releases of the campaign, also those that named only its pool'),
    ApiEnumQuery('status', ['open', 'overdue', 'settled', 'cancelled'], 'Only releases in this state (see above)', 'open'),
    ApiPageQueries(),
    ApiPeriodQueries(),
    ApiAnswer(200, ReleasePageResponse, 'A page of the emergency releases'),
    ApiErrors(...ROUTE_ERRORS.fundRead),
  );
