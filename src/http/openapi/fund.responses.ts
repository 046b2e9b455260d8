import { CAMPAIGN_KINDS, LEGAL_BASES } from '../../domain/fund/fund.events';
import { Field, Money, NestedField, OptionalField, Position } from './field';
import { PageFields } from './spending.responses';

export class FundOpenedResponse {
  @Field('The fund opened', 'ctd-hcm') fundId: string;
  @Position() position: number;
}

export class CampaignCreatedResponse {
  @Field('The fund of the campaign', 'ctd-hcm') fundId: string;
  @Field('The campaign created', 'bao-yagi-2024') campaignId: string;
  @Position() position: number;
}

export class CampaignClosedResponse extends CampaignCreatedResponse {
  @Field('Always closed', 'closed', { enum: ['closed'] }) status: 'closed';
}

export class PeriodClosedResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The period closed: a fiscal year or a quarter', '2025-Q3') period: string;
  @Field('Its first day (Vietnam time)', '2025-07-01') from: string;
  @Field('Its last day (Vietnam time)', '2025-09-30') to: string;
  @Field('Always closed', 'closed', { enum: ['closed'] }) status: 'closed';
  @Position() position: number;
}

export class PolicyChangedResponse {
  @Field('The number of the new policy version (the opening policy is 1)', 2) version: number;
  @Position() position: number;
}

export class ApprovalTierResponse {
  @Money('A disbursement strictly above this amount, in VND, needs `approvers` approvers; the tier above 0 governs every disbursement, one of items alone (amount 0) included', '100000000') above: string;
  @Field('Distinct approvers needed, never the requester', 2) approvers: number;
}

export class PolicyResponse {
  @NestedField('Approval tiers, by amount', [ApprovalTierResponse]) approvals: ApprovalTierResponse[];
  @Money('Largest single emergency release, VND', '50000000') emergencyReleaseCap: string;
  @Field('Days a coordinator has to settle an emergency release', 30) emergencySettlementDays: number;
  @Field('The board\'s share of the year\'s eligible revenue (R6) past which a management cost is flagged', '5') managementCostWarnPercent: string;
  @Field('The hard stop for management costs (R6), at most 10', '10') managementCostCapPercent: string;
  @Money('Unsettled emergency money a component may have out at once, VND', '150000000') emergencyOpenLimit: string;
  @Field('Whether a coordinator with an overdue release may not release more', true) blockReleasesWhenOverdue: boolean;
  @Field('Whether a requester may also record the payment of their request', false) payerMayBeRequester: boolean;
  @OptionalField('Vietnam days inside which a second aid for the same need to the same beneficiary is DUPLICATE_AID; absent until a version sets it, and then 30', 30) duplicateAidWindowDays?: number;
}

export class ScheduledPolicyResponse {
  @Field('The newest version, not yet in force', 3) version: number;
  @Field('The date it governs from (Vietnam time)', '2026-03-01') effectiveFrom: string;
}

export class CampaignResponse {
  @Field('The campaign', 'bao-yagi-2024') campaignId: string;
  @Field('Its name', 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi') name: string;
  @Field('Its kind', 'disaster', { enum: CAMPAIGN_KINDS }) kind: string;
  @Field('Receiving starts', '2024-09-08T00:00:00+07:00') receiveFrom: string;
  @Field('Receiving ends', '2024-10-07T23:59:59+07:00') receiveUntil: string;
  @Field('Distribution ends; null when not set', '2024-10-27T23:59:59+07:00', { nullable: true, type: String }) distributeUntil: string | null;
  @Field('The bank account donations arrive on; null when not set', '0011001932418', { nullable: true, type: String }) bankAccount: string | null;
  @Field('The restricted pool of a disaster campaign\'s money; null for other kinds', 'campaign:bao-yagi-2024', { nullable: true, type: String }) restrictionId: string | null;
  @Field('When it was closed; null while open', null, { nullable: true, type: String }) closedAt: string | null;
}

export class ClosedPeriodResponse {
  @Field('A fiscal year or a quarter', '2024') period: string;
  @Field('Its first day (Vietnam time)', '2024-01-01') from: string;
  @Field('Its last day (Vietnam time)', '2024-12-31') to: string;
  @Field('The board\'s decision closing it', '30/QĐ-CTĐ') decisionRef: string;
  @Field('When it was closed (recording time)', '2025-01-15T09:00:00.000Z') closedAt: string;
}

export class FundResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Its name', 'Quỹ hoạt động Chữ thập đỏ TP.HCM') name: string;
  @Field('The chapter that keeps it; null when not given', 'Hội Chữ thập đỏ TP.HCM', { nullable: true, type: String }) chapter: string | null;
  @Field('The decree governing the fund today: the basis of the policy in force, and decree-03-2026 for every day from 2026-03-01 (it replaced Decree 93/2019) whatever a version recorded; each version\'s recorded basis is in the policy history', 'decree-03-2026', { enum: LEGAL_BASES }) legalBasis: string;
  @Field('Its component funds', ['general', 'emergency-relief', 'humanitarian'], { type: [String] }) components: string[];
  @NestedField('The policy in force today (Vietnam time)', PolicyResponse) policy: PolicyResponse;
  @Field('The number of the policy version in force', 1) policyVersion: number;
  @OptionalField('A newer version already decided, present only when one is scheduled', { version: 3, effectiveFrom: '2026-03-01' }, { type: ScheduledPolicyResponse }) scheduledPolicy?: ScheduledPolicyResponse;
  @Field('When it was opened', '2024-01-02T08:00:00.000Z') openedAt: string;
  @NestedField('Its campaigns, open and closed', [CampaignResponse]) campaigns: CampaignResponse[];
  @NestedField('The periods closed so far', [ClosedPeriodResponse]) closedPeriods: ClosedPeriodResponse[];
  @Field('The log position the fund was read at: the head when it was read', 42) position: number;
}

export class PolicyVersionResponse {
  @Field('The version number; the opening policy is 1', 2) version: number;
  @NestedField('The whole policy of this version', PolicyResponse) policy: PolicyResponse;
  @Field('Only the fields this version changed', { emergencyReleaseCap: '80000000' }, { type: 'object', additionalProperties: true }) changes: Record<string, unknown>;
  @Field('The date it governs from (Vietnam time); null for the opening policy', '2026-01-01', { nullable: true, type: String }) effectiveFrom: string | null;
  @Field('The board\'s decision; null for the opening policy', '15/QĐ-CTĐ', { nullable: true, type: String }) decisionRef: string | null;
  @Field('Its legal basis', 'decree-93-2019', { enum: LEGAL_BASES }) legalBasis: string;
  @Field('The user who changed it; null for the opening policy', '0b7d5a64-3c0f-4c1e-9a55-6f0f2f8f2c11', { nullable: true, type: String }) changedBy: string | null;
  @Field('When it was recorded', '2025-12-20T09:00:00.000Z') recordedAt: string;
  @Field('The log position of the event that made it', 17) position: number;
}

export class PolicyHistoryResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @NestedField('Every version, oldest first', [PolicyVersionResponse]) versions: PolicyVersionResponse[];
  @Field('The log position of the fund\'s last event', 42) position: number;
}

export class ManagementCostResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The fiscal year (Vietnam time)', 2025) year: number;
  @Money('The year\'s eligible revenue the percentages apply to: donations in cash without a named recipient and interest, less what was reversed', '2000000000') base: string;
  @Field('The warning share in force (percent)', '5') warnPercent: string;
  @Field('The hard stop in force (percent)', '10') capPercent: string;
  @Money('base × warnPercent: the board\'s budget for the year', '100000000') budget: string;
  @Money('What earlier years left of their budget and carry', '5000000') carriedForward: string;
  @Money('Management costs requested in the year so far, less those rejected, reversed or given back in it (of this year or an earlier one)', '40000000') used: string;
  @Money('budget + carriedForward − used', '65000000') remaining: string;
  @Field('Whether used has gone past budget + carriedForward', false) warning: boolean;
  @Money('base × capPercent + carriedForward: no cost may take used past it', '205000000') limit: string;
  @Field('Whether used is past limit: not by a cost (it would be refused) but by revenue reversed after the costs were requested, or bank fees booked; '
    + 'no management cost of the year is paid (`422 MANAGEMENT_COST_CAP_EXCEEDED`) until used is back within limit', false) overCap: boolean;
  @Field('The log position the figures were computed at: atPosition when asked for, else the head', 1234) position: number;
}

export class FiguresResponse {
  @Money('Cash received, less donations reversed') received: string;
  @Money('Paid out, less payments reversed, plus emergency money spent', '500000') disbursed: string;
  @Money('Requested or approved, not yet paid or rejected', '0') held: string;
  @Money('Released in an emergency and not yet settled', '0') outstandingEmergency: string;
  @Money('Received from another fund of this ledger by a transfer (with its restriction or campaign purpose)', '0') transferredIn: string;
  @Money('Sent to another fund, approved, and neither received nor returned yet (a transfer still waiting for approval is held)', '0') inTransitOut: string;
  @Money('Sent to another fund and received there', '0') transferredOut: string;
  @Money('Moved in from another pool of the fund: a released restriction (R5), a campaign\'s surplus (R19)', '0') movedIn: string;
  @Money('Moved to another pool of the fund', '0') movedOut: string;
  @Money('FX gains less losses of foreign currency sold (R17): the VND the bank paid less the provisional VND amount; negative for a net loss', '0') fxDifference: string;
  @Money('What a new disbursement may still take: received + transferredIn + movedIn + fxDifference − disbursed − held − outstandingEmergency − inTransitOut − transferredOut − movedOut', '1000000') available: string;
}

export class RestrictedPoolResponse extends FiguresResponse {
  @Field('The restricted pool: campaign:<id> or the id of a designated donation', 'campaign:bao-yagi-2024') restrictionId: string;
  @Field('The component it belongs to', 'emergency-relief') component: string;
  @Field('What the money may be spent on', 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi', { nullable: true, type: String }) purpose: string | null;
  @Field('The campaign of the pool; null for a designated donation', 'bao-yagi-2024', { nullable: true, type: String }) campaignId: string | null;
}

export class BalanceResponse extends FiguresResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('The log position the answer was computed at', 1234) asOfPosition: number;
  @Field('The fund\'s books are in VND', 'VND') currency: string;
  @Money('Value of in-kind donations received (not cash, never available)', '0') inKindReceived: string;
  @Money('Sent to this fund by another fund of the ledger and not received yet: still counted by the sender (its inTransitOut), never available here', '0') inTransitIn: string;
  @Money('Late money (R14) waiting in the campaigns\' suspense pools for a decision: in received and in its pool (restricted, suspense:<campaignId>), for no campaign, spendable only once assigned, so not in the fund\'s available', '0') suspense: string;
  @Field('Unrestricted figures per component fund', { general: { received: '1500000', disbursed: '500000', held: '0', outstandingEmergency: '0', available: '1000000' } }, {
    type: 'object', additionalProperties: { $ref: '#/components/schemas/FiguresResponse' },
  }) byComponent: Record<string, FiguresResponse>;
  @NestedField('Each restricted pool and its figures', [RestrictedPoolResponse]) restricted: RestrictedPoolResponse[];
  @Field('Figures per campaign', { 'bao-yagi-2024': { received: '1500000', disbursed: '0', held: '0', outstandingEmergency: '0', available: '1500000' } }, {
    type: 'object', additionalProperties: { $ref: '#/components/schemas/FiguresResponse' },
  }) byCampaign: Record<string, FiguresResponse>;
}

export class FundSummaryResponse {
  @Field('The fund', 'ctd-hcm') fundId: string;
  @Field('Its name', 'Quỹ hoạt động Chữ thập đỏ TP.HCM') name: string;
  @Field('The chapter that keeps it; null when not given', 'Hội Chữ thập đỏ TP.HCM', { nullable: true, type: String }) chapter: string | null;
  @Field('Its component funds', ['general', 'emergency-relief'], { type: [String] }) components: string[];
  @Field('When it was opened', '2024-01-02T08:00:00.000Z') openedAt: string;
}

export class FundPageResponse extends PageFields {
  @NestedField('The funds of this page, by fundId', [FundSummaryResponse]) items: FundSummaryResponse[];
}
