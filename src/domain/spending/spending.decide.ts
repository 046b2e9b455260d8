import { campaignRestrictionId } from '../fund/fund.decide';
import { periodClosedRejection } from '../fund/fund.periods';
import { approversRequired, } from '../fund/fund.policy';
import { policyInForce, type FundState, type OpenFundState } from '../fund/fund.state';
import { MAX_AMOUNT_VND, MoneyDecimal, parseAmount, ZERO } from '../money';
import { addDays, fiscalYearOf, vietnamDateOf } from '../shared/calendar';
import { accept, assertNever, reject, type Decision } from '../shared/decision';
import { ownEntry } from '../shared/records';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { managementCostCheck, managementCostFacts, managementCostFigures, type ManagementCostFigures } from './management-cost';
import { poolKeyOf } from './pools';
import type {
  ApproveDisbursement, PayDisbursement, RejectDisbursement, ReleaseEmergency, RequestDisbursement,
  ReverseEntry, SettleEmergency, SpendingCommand,
} from './spending.commands';
import type { SpendingEvent } from './spending.events';
import { disbursementIdOf, entryKindOf, releaseIdOf, reversalIdOf } from './spending.ids';
import { totalOutflow, type SpendingState } from './spending.state';

/** What a spending decision looks up besides its own stream: the fund and the money that came in. */
export interface SpendingContext {
  fundId: string;
  fund: FundState;
  inflows: Inflows;
}

type SpendingDecision = Decision<SpendingEvent>;

export function decideSpending(command: SpendingCommand, state: SpendingState, context: SpendingContext): SpendingDecision {
  const invalid = inputProblem(command);
  if (invalid) return invalid;
  if (context.fund.status !== 'open') return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
  const fund = context.fund;
  switch (command.type) {
    case 'RequestDisbursement':
      return requestDisbursement(command, state, fund, context.inflows);
    case 'ApproveDisbursement':
      return approveDisbursement(command, state, fund);
    case 'RejectDisbursement':
      return rejectDisbursement(command, state, fund);
    case 'PayDisbursement':
      return payDisbursement(command, state, fund);
    case 'ReleaseEmergency':
      return releaseEmergency(command, state, fund, context.inflows);
    case 'SettleEmergency':
      return settleEmergency(command, state, fund);
    case 'ReverseEntry':
      return reverseEntry(command, state, fund, context.inflows);
    default:
      return assertNever(command, 'spending command');
  }
}

/** Input checks that come before any look-up, in the documented order. */
function inputProblem(command: SpendingCommand): SpendingDecision | undefined {
  if (command.type === 'RequestDisbursement' || command.type === 'ReleaseEmergency') {
    const amount = parseVnd('amount', command.amount);
    return amount.ok ? undefined : amount.rejection;
  }
  if (command.type === 'SettleEmergency') return settlementAmounts(command).rejection;
  return undefined;
}

/** What a pool may still give: cash received less everything given out, promised or reversed. */
export function availableInPool(state: SpendingState, inflows: Inflows, pool: string): MoneyDecimal {
  return (inflows.cashByPool.get(pool) ?? ZERO).minus(totalOutflow(state.pools.get(pool)));
}

function parseVnd(field: string, input: string): { ok: true; value: MoneyDecimal } | { ok: false; rejection: SpendingDecision } {
  const parsed = parseAmount(input);
  if (!parsed.ok) return { ok: false, rejection: reject(RejectionCode.VALIDATION_FAILED, `${field}: ${parsed.message}`, { field }) };
  if (parsed.value.gt(MAX_AMOUNT_VND)) {
    return { ok: false, rejection: reject(RejectionCode.VALIDATION_FAILED, `${field}: exceeds 10^15 VND`, { field }) };
  }
  return parsed;
}

function notFound(entity: string, id: string): SpendingDecision {
  return reject(RejectionCode.NOT_FOUND, `No ${entity} ${id}`, { entity, id });
}

function insufficient(pool: string, requested: MoneyDecimal, available: MoneyDecimal): SpendingDecision {
  return reject(RejectionCode.INSUFFICIENT_FUNDS, `Pool ${pool} has ${available.toFixed()} VND available, ${requested.toFixed()} requested`, {
    pool,
    requested: requested.toFixed(),
    available: available.toFixed(),
  });
}

type PoolChoice = { ok: true; component: string; restrictionId: string | null } | { ok: false; rejection: SpendingDecision };

/**
 * The pool a payment draws on: the named restricted pool, the disaster campaign's pool, or the
 * component's unrestricted money. Designated money never pays management costs (R5, R7).
 */
function choosePool(
  fund: OpenFundState, inflows: Inflows, component: string, campaignId: string | null,
  restrictionId: string | null, managementCost: boolean,
): PoolChoice {
  if (!fund.components.includes(component)) {
    return { ok: false, rejection: reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${component}"`, { component, known: fund.components }) };
  }
  const campaign = campaignId === null ? undefined : ownEntry(fund.campaigns, campaignId);
  if (campaignId !== null && !campaign) return { ok: false, rejection: notFound('campaign', campaignId) };
  const chosen = restrictionId ?? campaign?.restrictionId ?? null;
  if (chosen === null) return { ok: true, component, restrictionId: null };
  const restriction = inflows.restrictions.get(chosen);
  if (!restriction && restrictionId !== null) return { ok: false, rejection: notFound('restriction', restrictionId) };
  const mismatch = (why: string) => ({ ok: false as const, rejection: reject(RejectionCode.RESTRICTION_MISMATCH, why, { restrictionId: chosen }) });
  // A disaster campaign's pool exists in every component its donations named; a designated
  // donation's pool only in its own component.
  const campaignPool = restriction?.campaignId != null && chosen === campaignRestrictionId(restriction.campaignId);
  if (restriction && !campaignPool && restriction.component !== component) return mismatch(`Pool ${chosen} belongs to component ${restriction.component}`);
  if (restriction && campaignId !== null && restriction.campaignId !== campaignId) return mismatch(`Pool ${chosen} is not campaign ${campaignId}'s`);
  if (managementCost) return mismatch('Designated money may not pay management costs');
  return { ok: true, component, restrictionId: chosen };
}

function requestDisbursement(command: RequestDisbursement, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const amount = parseVnd('amount', command.amount);
  if (!amount.ok) return amount.rejection;
  const managementCost = command.kind === 'management_cost';
  const choice = choosePool(fund, inflows, command.component, command.campaignId, command.restrictionId, managementCost);
  if (!choice.ok) return choice.rejection;
  const fiscalYear = fiscalYearOf(command.now);
  const cap = managementCost ? managementCostDecision(state, inflows, fund, command.now, amount.value) : undefined;
  if (cap?.rejection) return cap.rejection;
  const pool = poolKeyOf(choice.component, choice.restrictionId);
  const available = availableInPool(state, inflows, pool);
  if (available.lt(amount.value)) return insufficient(pool, amount.value, available);
  return accept({
    type: 'DisbursementRequested',
    data: {
      fundId: fund.fundId, disbursementId: disbursementIdOf(state.disbursements.size + 1), amount: amount.value.toFixed(),
      kind: command.kind, component: choice.component, campaignId: command.campaignId, restrictionId: choice.restrictionId,
      purpose: command.purpose, beneficiary: command.beneficiary, certificationRef: command.certificationRef, note: command.note,
      approvalsRequired: approversRequired(policyInForce(fund, command.now), amount.value), fiscalYear,
      requestedBy: command.actor.userId, requestedAt: command.now,
      ...(cap?.warning ? { managementCostWarning: true } : {}),
    },
  });
}

/** The management-cost figures of the year of `businessDate`, as the decider sees them (R6). */
export function managementCostFiguresAt(state: SpendingState, inflows: Inflows, fund: OpenFundState, businessDate: string): ManagementCostFigures {
  const year = fiscalYearOf(businessDate);
  const eligible = new Map<number, MoneyDecimal>();
  for (const [each, received] of inflows.managementBaseByYear) eligible.set(each, received);
  for (const [each, reversed] of state.managementBaseReversedByYear) eligible.set(each, (eligible.get(each) ?? ZERO).minus(reversed));
  const facts = managementCostFacts(eligible, state.managementCostByYear, fund.policyVersions, year, vietnamDateOf(businessDate));
  return managementCostFigures(facts, year);
}

/** A management cost past the cap is refused; past the board's share it goes through, flagged. */
function managementCostDecision(
  state: SpendingState, inflows: Inflows, fund: OpenFundState, businessDate: string, amount: MoneyDecimal,
): { rejection?: SpendingDecision; warning: boolean } {
  const figures = managementCostFiguresAt(state, inflows, fund, businessDate);
  const check = managementCostCheck(figures, amount);
  if (!check.exceeds) return { warning: check.warning };
  return {
    warning: true,
    rejection: reject(RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
      `Management cost for ${figures.year} would reach ${check.usedAfter.toFixed()} VND; the cap is ${figures.limit} VND `
        + `(${figures.capPercent} % of the ${figures.base} VND base, plus ${figures.carriedForward} VND carried forward)`,
      {
        fiscalYear: figures.year, base: figures.base, capPercent: figures.capPercent, carriedForward: figures.carriedForward,
        cap: figures.limit, used: figures.used, requested: amount.toFixed(),
      }),
  };
}

function approveDisbursement(command: ApproveDisbursement, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (disbursement.status !== 'requested') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status });
  }
  if (disbursement.requestedBy === command.actor.userId) {
    return reject(RejectionCode.SELF_APPROVAL_FORBIDDEN, 'Nobody may approve their own request');
  }
  if (disbursement.approvers.includes(command.actor.userId)) {
    return reject(RejectionCode.DUPLICATE_APPROVAL, 'This approver has already approved this disbursement', {
      approvalsRequired: disbursement.approvalsRequired, approvalsCount: disbursement.approvers.length,
    });
  }
  const approvalsCount = disbursement.approvers.length + 1;
  return accept({
    type: 'DisbursementApproved',
    data: {
      fundId: fund.fundId, disbursementId: disbursement.disbursementId, approvedBy: command.actor.userId, note: command.note,
      approvalsCount, fullyApproved: approvalsCount >= disbursement.approvalsRequired, approvedAt: command.now,
    },
  });
}

function rejectDisbursement(command: RejectDisbursement, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (disbursement.status !== 'requested' && disbursement.status !== 'approved') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status });
  }
  return accept({
    type: 'DisbursementRejected',
    data: { fundId: fund.fundId, disbursementId: disbursement.disbursementId, rejectedBy: command.actor.userId, reason: command.reason, rejectedAt: command.now },
  });
}

function payDisbursement(command: PayDisbursement, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (disbursement.status !== 'approved') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}, not approved`, { status: disbursement.status });
  }
  const closed = periodClosedRejection(fund, command.paidAt);
  if (closed) return closed;
  const certificationRef = command.certificationRef ?? disbursement.certificationRef;
  if (disbursement.kind === 'humanitarian' && !certificationRef) {
    return reject(RejectionCode.CERTIFICATION_REQUIRED,
      "A humanitarian disbursement is paid only against the commune People's Committee certification of its beneficiaries");
  }
  return accept({
    type: 'DisbursementPaid',
    data: { fundId: fund.fundId, disbursementId: disbursement.disbursementId, paidAt: command.paidAt, reference: command.reference, certificationRef, paidBy: command.actor.userId },
  });
}

function releaseEmergency(command: ReleaseEmergency, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const amount = parseVnd('amount', command.amount);
  if (!amount.ok) return amount.rejection;
  const choice = choosePool(fund, inflows, command.component, command.campaignId, null, false);
  if (!choice.ok) return choice.rejection;
  const policy = policyInForce(fund, command.now);
  const cap = new MoneyDecimal(policy.emergencyReleaseCap);
  if (amount.value.gt(cap)) {
    return reject(RejectionCode.EMERGENCY_CAP_EXCEEDED, `An emergency release may not exceed ${cap.toFixed()} VND`, { cap: cap.toFixed(), requested: amount.value.toFixed() });
  }
  const pool = poolKeyOf(choice.component, choice.restrictionId);
  const available = availableInPool(state, inflows, pool);
  if (available.lt(amount.value)) return insufficient(pool, amount.value, available);
  return accept({
    type: 'EmergencyReleased',
    data: {
      fundId: fund.fundId, releaseId: releaseIdOf(state.releases.size + 1), amount: amount.value.toFixed(),
      component: choice.component, campaignId: command.campaignId, restrictionId: choice.restrictionId,
      incident: command.incident, recipient: command.recipient, note: command.note,
      releasedBy: command.actor.userId, releasedAt: command.now, settleBy: addDays(command.now, policy.emergencySettlementDays),
    },
  });
}

function settlementAmounts(command: SettleEmergency): { spent?: MoneyDecimal; returned?: MoneyDecimal; rejection?: SpendingDecision } {
  const zeroOr = (input: string) => {
    if (input === '0') return ZERO;
    const parsed = parseAmount(input);
    return parsed.ok ? parsed.value : undefined;
  };
  const spent = zeroOr(command.spent);
  const returned = zeroOr(command.returned);
  if (spent === undefined) return { rejection: reject(RejectionCode.VALIDATION_FAILED, 'spent: must be a whole VND amount, "0" allowed', { field: 'spent' }) };
  if (returned === undefined) return { rejection: reject(RejectionCode.VALIDATION_FAILED, 'returned: must be a whole VND amount, "0" allowed', { field: 'returned' }) };
  return { spent, returned };
}

function settleEmergency(command: SettleEmergency, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const amounts = settlementAmounts(command);
  if (amounts.rejection) return amounts.rejection;
  const spentValue = amounts.spent as MoneyDecimal;
  const returnedValue = amounts.returned as MoneyDecimal;
  const release = state.releases.get(command.releaseId);
  if (!release) return notFound('emergency release', command.releaseId);
  if (release.status !== 'open') return reject(RejectionCode.INVALID_STATE, `Emergency release ${release.releaseId} is already settled`);
  if (!spentValue.plus(returnedValue).eq(release.amount)) {
    return reject(RejectionCode.SETTLEMENT_MISMATCH, `spent + returned must equal the ${release.amount.toFixed()} VND released`, {
      released: release.amount.toFixed(), spent: spentValue.toFixed(), returned: returnedValue.toFixed(),
    });
  }
  if (spentValue.gt(0) && command.evidence.every((item) => item.trim() === '')) {
    return reject(RejectionCode.EVIDENCE_REQUIRED, 'Money spent from an emergency release needs evidence');
  }
  return accept({
    type: 'EmergencyReleaseSettled',
    data: {
      fundId: fund.fundId, releaseId: release.releaseId, spent: spentValue.toFixed(), returned: returnedValue.toFixed(),
      evidence: command.evidence, settledBy: command.actor.userId, settledAt: command.now,
    },
  });
}

function reverseEntry(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const reversalId = reversalIdOf(state.reversals + 1);
  const kind = entryKindOf(command.entryId);
  if (kind === 'donation') {
    const donation = command.donation;
    if (!donation || donation.donationId !== command.entryId) return notFound('entry', command.entryId);
    if (state.reversedDonations.has(donation.donationId)) {
      return reject(RejectionCode.ALREADY_REVERSED, `Donation ${donation.donationId} was reversed by ${state.reversedDonations.get(donation.donationId)}`);
    }
    const pool = poolKeyOf(donation.component, donation.restrictionId);
    const amount = new MoneyDecimal(donation.amountVnd);
    const available = availableInPool(state, inflows, pool);
    if (donation.cash && available.lt(amount)) return insufficient(pool, amount, available);
    return accept({
      type: 'DonationReversed',
      data: {
        fundId: fund.fundId, reversalId, donationId: donation.donationId, amountVnd: donation.amountVnd, component: donation.component,
        restrictionId: donation.restrictionId, campaignId: donation.campaignId, cash: donation.cash, inManagementCostBase: donation.inManagementCostBase,
        fiscalYear: donation.fiscalYear, reason: command.reason, reversedBy: command.actor.userId, reversedAt: command.now,
      },
    });
  }
  const disbursement = kind === 'disbursement' ? state.disbursements.get(command.entryId) : undefined;
  if (!disbursement) return notFound('entry', command.entryId);
  if (disbursement.status === 'reversed') return reject(RejectionCode.ALREADY_REVERSED, `Payment ${disbursement.disbursementId} was already reversed`);
  if (disbursement.status !== 'paid') {
    return reject(RejectionCode.INVALID_STATE, `Only a paid disbursement can be reversed; ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status });
  }
  return accept({
    type: 'PaymentReversed',
    data: {
      fundId: fund.fundId, reversalId, disbursementId: disbursement.disbursementId, amount: disbursement.amount.toFixed(),
      component: disbursement.component, restrictionId: disbursement.restrictionId, reason: command.reason,
      reversedBy: command.actor.userId, reversedAt: command.now,
    },
  });
}
