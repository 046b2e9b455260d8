import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiAnswer } from './answers';
import { ApiErrors } from './api-errors.decorator';
import { ApiCampaignIdParam } from './parameters';
import { ROUTE_ERRORS } from './route-errors';
import { PoolMoveAnswerResponse } from './spending.responses';

/*
 * How /docs describes the routes of PoolMovesController, one decorator per route. Parameters stand in
 * the document's order: it lists them as they are applied, and applyDecorators applies first to last.
 */

/** POST /v1/funds/:fundId/restrictions/:restrictionId/release */
export const ApiReleaseRestrictionRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: "Ask to re-purpose designated money with the donor's consent (R5): the pool's whole available money is held until the policy's approvers "
        + 'for that amount approve; then RestrictionReleased makes it the component\'s unrestricted money. Answers id (RR-…), status requested, amount, approvalsRequired',
    }),
    ApiParam({ name: 'restrictionId', description: 'The restricted pool: `campaign:<id>` or a designated donation\'s id', example: 'DN-2024-000012' }),
    ApiAnswer(201, PoolMoveAnswerResponse, 'The release is asked for and the pool\'s money held'),
    ApiErrors(...ROUTE_ERRORS.releaseRestriction),
  );

/** POST /v1/funds/:fundId/restriction-releases/:releaseRequestId/approve */
export const ApiApproveRestrictionReleaseRoute = () =>
  applyDecorators(
    ApiOperation({ summary: 'Approve a restriction release (distinct approvers, never the requester); the last one the policy needs releases the money (status released)' }),
    ApiParam({ name: 'releaseRequestId', description: 'The release its request answered (RR-<sequence>)', example: 'RR-000001' }),
    ApiAnswer(200, PoolMoveAnswerResponse, 'The approval is recorded'),
    ApiErrors(...ROUTE_ERRORS.approveRestrictionRelease),
  );

/** POST /v1/funds/:fundId/campaigns/:campaignId/surplus */
export const ApiReallocateSurplusRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: "Reallocate a campaign's leftovers after its distribution deadline (R19) to another campaign's pool or a component's unrestricted money, "
        + 'with the decision that allowed it → SurplusReallocated (id SR-…, status reallocated). The amount is at most what the campaign holds of its own '
        + '(received − spent − moved − reversed for it) at the close of its business date and of every day after, and what its pool holds: a campaign without '
        + "a pool of its own keeps its money in its component's unrestricted pool; else 422 INSUFFICIENT_FUNDS (details.campaignId when the campaign's own money is short)",
    }),
    ApiCampaignIdParam(),
    ApiAnswer(201, PoolMoveAnswerResponse, 'The money is moved'),
    ApiErrors(...ROUTE_ERRORS.reallocateSurplus),
  );

/** POST /v1/funds/:fundId/donations/:donationId/fx-settlement */
export const ApiFxSettlementRoute = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Record the sale of a foreign-currency donation (R17) → FxSettled: the donation keeps its currency, amount and provisional rate; '
        + 'the difference of the VND paid to the provisional VND amount is the pool\'s FX gain or loss (fxDifference in the balance)',
    }),
    ApiParam({ name: 'donationId', description: 'The foreign-currency donation (DN-<receipt number>)', example: 'DN-2024-000123' }),
    ApiAnswer(201, PoolMoveAnswerResponse, 'The sale is recorded'),
    ApiErrors(...ROUTE_ERRORS.settleFx),
  );
