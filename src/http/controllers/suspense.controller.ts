import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { SUSPENSE_STATUSES } from '../../../projections/statement-register.projection';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteSpendingCommand } from '../../command-handling/handlers/spending.handlers';
import { STATEMENT_READS, StatementQueries, type SuspenseRow } from '../../read-side/statement-queries';
import { validationFailed } from '../api-error';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { AssignSuspenseRequestDto } from '../dto/spending.request.dto';
import { ApiSignedIn } from '../openapi/document';
import { ApiFundIdParam } from '../openapi/parameters';
import { ApiAssignSuspenseRoute, ApiSuspenseRoute } from '../openapi/suspense.routes';
import { presentPage } from '../presenters/register.presenters';
import { enumParam, listParams } from '../query-params';
import { positionParam, RegisterReads } from '../read-consistency';
import { entryParam, fundParam } from './params';

function presentSuspense(row: SuspenseRow) {
  return {
    donationId: row.donation_id, receiptNo: row.receipt_no, campaignId: row.campaign_id, component: row.component, restrictionId: row.restriction_id,
    amountVnd: row.amount_vnd, receivedAt: row.received_at, donorName: row.donor_name, reference: row.reference, note: row.note, status: row.status,
    assignmentId: row.assignment_id, toComponent: row.to_component, toCampaignId: row.to_campaign_id, decisionRef: row.decision_ref,
    decidedAt: row.decided_at, decidedBy: row.decided_by, reversalId: row.reversal_id, position: row.position,
  };
}

/**
 * Late money (R14): bank transfers for a campaign that had stopped receiving, booked by the
 * statement import to the campaign's suspense pool, listed here until a decision assigns them or
 * their reversal (POST …/reversals with the DN- id) returns them to the donor.
 */
@ApiTags('late money')
@ApiSignedIn()
@ApiFundIdParam()
@Controller('v1/funds/:fundId/suspense')
export class SuspenseController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(RegisterReads) private readonly reads: RegisterReads,
    @Inject(StatementQueries) private readonly statements: StatementQueries,
  ) {}

  @Get()
  @Roles('accountant', 'approver', 'auditor', 'admin')
  @ApiSuspenseRoute()
  async list(@Param('fundId') fundIdRaw: string, @Query() query: Record<string, unknown>) {
    const list = listParams(fundIdRaw, query);
    const status = enumParam('status', query.status, SUSPENSE_STATUSES);
    const position = await this.reads.ofFund(list.fundId, STATEMENT_READS.suspense, positionParam('minPosition', query.minPosition));
    const page = this.statements.suspense({ ...list, status }, position);
    return { ...presentPage(page, presentSuspense), waitingVnd: page.waitingVnd };
  }

  @Post(':donationId/assign')
  @HttpCode(201)
  @Roles('accountant')
  @ApiAssignSuspenseRoute()
  async assign(@Param('fundId') fundIdRaw: string, @Param('donationId') donationIdRaw: string, @Body() body: AssignSuspenseRequestDto, @Meta() meta: CommandMetadata) {
    const fundId = fundParam(fundIdRaw);
    const donationId = entryParam('donationId', donationIdRaw);
    if ((body.component === undefined) === (body.campaignId === undefined)) throw validationFailed([{ field: 'component', reason: 'must name exactly one of component and campaignId' }]);
    const outcome = await this.commandBus.execute(new ExecuteSpendingCommand(fundId, {
      type: 'AssignSuspense', donationId, to: body.component !== undefined ? { component: body.component } : { campaignId: String(body.campaignId) },
      decisionRef: body.decisionRef, note: body.note ?? null, donation: null, actor: meta.actor, now: meta.now,
    }, meta));
    const { event, position } = outcome.result;
    return {
      assignmentId: outcome.result.id, donationId, status: 'assigned', amount: event.amount, toComponent: event.toComponent, toCampaignId: event.toCampaignId, position,
    };
  }
}
