import { periodClosedRejection } from '../fund/fund.periods';
import { approversRequired } from '../fund/fund.policy';
import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal, ZERO } from '../money';
import { fiscalYearOf, vietnamDateOf } from '../shared/calendar';
import { accept, assertNever, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import {
  correctHandover, decideDistribution, distributionInputProblem, recordHandover, returnShareMoney, shareInputProblem,
} from './distribution.decide';
import { releaseEmergency, settleEmergency, settlementAmounts } from './emergency.decide';
import type { Inflows } from './inflows';
import { managementCostCheck, managementCostFacts, managementCostFigures, type ManagementCostFigures } from './management-cost';
import { poolKeyOf } from './pools';
import { reverseEntry } from './reversal.decide';
import { assignSuspense, classifyStatementLine } from './suspense.decide';
import type {
  ApproveDisbursement, CorrectHandover, PayDisbursement, RecordHandover, RejectDisbursement, RequestDisbursement, ReturnShareMoney, SpendingCommand,
} from './spending.commands';
import { disbursementIdOf } from './spending.ids';
import { approveRestrictionRelease, reallocateSurplus, requestRestrictionRelease, settleFx, surplusItemsProblem } from './pool-move.decide';
import { approveTransfer, assignTransferToCampaign, importTransferNote, receiveTransfer, recordTransferDelivery, rejectTransfer, requestTransfer, returnTransfer } from './transfer.decide';
import {
  blankProblem, businessDateProblem, choosePool, dateOrderProblem, distributionEndedProblem, givenText, shortfallProblem, notFound, parseVnd, sourceOf,
  policyAt, publishedNameProblem, type SpendingContext, type SpendingDecision,
} from './spending.rules';
import type { SpendingState } from './spending.state';

export { availableInPool, type SpendingContext } from './spending.rules';

export function decideSpending(command: SpendingCommand, state: SpendingState, context: SpendingContext): SpendingDecision {
  const invalid = inputProblem(command);
  if (invalid) return invalid;
  if (context.fund.status !== 'open') return reject(RejectionCode.NOT_FOUND, 'No such fund', { entity: 'fund' });
  const fund = context.fund;
  const closed = entryDate(command);
  const inClosedPeriod = closed === undefined ? undefined : periodClosedRejection(fund, closed);
  if (inClosedPeriod) return inClosedPeriod;
  switch (command.type) {
    case 'RequestDisbursement':
      return requestDisbursement(command, state, fund, context.inflows);
    case 'ApproveDisbursement':
      return approveDisbursement(command, state, fund);
    case 'RejectDisbursement':
      return rejectDisbursement(command, state, fund);
    case 'PayDisbursement':
      return payDisbursement(command, state, fund, context.inflows);
    case 'ReleaseEmergency':
      return releaseEmergency(command, state, fund, context.inflows);
    case 'SettleEmergency':
      return settleEmergency(command, state, fund);
    case 'ReverseEntry':
      return reverseEntry(command, state, fund, context.inflows);
    case 'RequestTransfer':
      return requestTransfer(command, state, fund, context.inflows, context.counterpart);
    case 'ApproveTransfer':
      return approveTransfer(command, state, fund);
    case 'RejectTransfer':
      return rejectTransfer(command, state, fund);
    case 'ReceiveTransfer':
      return receiveTransfer(command, state, fund, context.counterpart);
    case 'ReturnTransfer':
      return returnTransfer(command, state, fund, context.counterpart);
    case 'ImportTransferNote':
      return importTransferNote(command, state, fund);
    case 'RecordTransferDelivery':
      return recordTransferDelivery(command, state, fund);
    case 'AssignTransferToCampaign':
      return assignTransferToCampaign(command, state, fund, context.inflows);
    case 'RequestRestrictionRelease':
      return requestRestrictionRelease(command, state, fund, context.inflows);
    case 'ApproveRestrictionRelease':
      return approveRestrictionRelease(command, state, fund);
    case 'ReallocateSurplus':
      return reallocateSurplus(command, state, fund, context.inflows);
    case 'SettleFx':
      return settleFx(command, state, fund, context.inflows);
    case 'RecordHandover':
      return recordHandover(command, state, fund);
    case 'CorrectHandover':
      return correctHandover(command, state, fund, context.inflows);
    case 'ReturnShareMoney':
      return returnShareMoney(command, state, fund);
    case 'AssignSuspense':
      return assignSuspense(command, state, fund, context.inflows);
    case 'ClassifyStatementLine':
      return classifyStatementLine(command, state, fund, context.inflows);
    default:
      return assertNever(command, 'spending command');
  }
}

/**
 * The business date a new entry would carry, checked against closed periods right after the
 * fund is found. A payment is checked later, once its request is known (DATE_BEFORE_REQUEST
 * first); approvals and rejections carry no business date of their own.
 */
function entryDate(command: SpendingCommand): string | undefined {
  switch (command.type) {
    case 'RequestDisbursement':
      return command.requestedAt ?? command.now;
    case 'ReleaseEmergency':
      return command.releasedAt ?? command.now;
    case 'SettleEmergency':
      return command.settledAt ?? command.now;
    case 'ReverseEntry':
      return command.reversedAt ?? command.now;
    case 'RequestTransfer':
      return command.requestedAt ?? command.now;
    // Received or returned: the receiver's periods are checked, once the transfer is found (a return's also the sender's).
    case 'ReallocateSurplus':
      return command.reallocatedAt ?? command.now;
    case 'SettleFx':
      return command.settledAt;
    case 'RequestRestrictionRelease':
    case 'AssignSuspense':
    case 'AssignTransferToCampaign':
      return command.now;
    // A statement line is a fact the bank settled: booked as the import books it.
    case 'ClassifyStatementLine':
    case 'ApproveRestrictionRelease':
    // A note is checked against the receiver's periods once it reads as a note.
    case 'ImportTransferNote':
    case 'RecordTransferDelivery':
    case 'ReceiveTransfer':
    case 'ReturnTransfer':
    case 'ApproveTransfer':
    case 'RejectTransfer':
    case 'PayDisbursement':
    case 'ApproveDisbursement':
    case 'RejectDisbursement':
      return undefined;
    case 'RecordHandover':
    case 'CorrectHandover':
    case 'ReturnShareMoney':
      return shareEntryDate(command);
    default:
      return assertNever(command, 'spending command');
  }
}

/** The business date of what happened to one beneficiary's share, checked against closed periods as every dated entry is. */
function shareEntryDate(command: RecordHandover | CorrectHandover | ReturnShareMoney): string {
  switch (command.type) {
    // A hand-over is dated: what a period handed out in kind, and to whom, is that period's.
    case 'RecordHandover':
      return command.handedOverAt;
    // The correction's own date; the hand-over it sets aside is checked once it is found.
    case 'CorrectHandover':
      return command.correctedAt ?? command.now;
    // Money back in the fund is that day's: a closed period's figures never change.
    case 'ReturnShareMoney':
      return command.returnedAt ?? command.now;
  }
}

/**
 * Input checks that need nothing but the command, in the documented order: amounts, required
 * text (the HTTP edge checks it too; bulk paths skip the edge), then business dates.
 */
function inputProblem(command: SpendingCommand): SpendingDecision | undefined {
  switch (command.type) {
    case 'RequestDisbursement': {
      const amount = requestedAmount(command);
      if (!amount.ok) return amount.rejection;
      return blankProblem({ purpose: command.purpose, beneficiary: command.beneficiary }) ?? publishedNameProblem({ beneficiary: command.beneficiary })
        ?? distributionInputProblem(command)
        ?? businessDateProblem('requestedAt', command.requestedAt, command.now);
    }
    case 'ReleaseEmergency': {
      const amount = parseVnd('amount', command.amount);
      if (!amount.ok) return amount.rejection;
      return blankProblem({ incident: command.incident, recipient: command.recipient }) ?? publishedNameProblem({ recipient: command.recipient })
        ?? businessDateProblem('releasedAt', command.releasedAt, command.now);
    }
    case 'SettleEmergency':
      return settlementAmounts(command).rejection
        ?? blankProblem(Object.fromEntries(command.evidence.map((item, index) => [`evidence.${index}`, item])))
        ?? businessDateProblem('settledAt', command.settledAt, command.now);
    case 'PayDisbursement':
      return blankProblem({ reference: command.reference }) ?? businessDateProblem('paidAt', command.paidAt, command.now);
    case 'RejectDisbursement':
    case 'RejectTransfer':
    case 'AssignTransferToCampaign':
      return blankProblem({ reason: command.reason });
    case 'ReverseEntry':
      return blankProblem({ reason: command.reason }) ?? businessDateProblem('reversedAt', command.reversedAt, command.now);
    case 'RecordHandover':
    case 'CorrectHandover':
    case 'ReturnShareMoney':
      return shareInputProblem(command);
    case 'ApproveDisbursement':
    case 'ApproveTransfer':
    case 'ApproveRestrictionRelease':
    case 'ImportTransferNote':
    case 'RecordTransferDelivery':
      return undefined;
    case 'RequestRestrictionRelease':
      return blankProblem({ consentRef: command.consentRef, newPurpose: command.newPurpose });
    case 'SettleFx': {
      const amount = parseVnd('vndAmount', command.vndAmount);
      if (!amount.ok) return amount.rejection;
      return blankProblem({ reference: command.reference }) ?? businessDateProblem('settledAt', command.settledAt, command.now);
    }
    case 'ReallocateSurplus': {
      const goods = surplusItemsProblem(command);
      if (goods) return goods;
      const amount = command.amount === '0' && (command.items ?? []).length > 0 ? { ok: true as const } : parseVnd('amount', command.amount);
      if (!amount.ok) return amount.rejection;
      return blankProblem({ basis: command.basis, decisionRef: command.decisionRef })
        ?? businessDateProblem('reallocatedAt', command.reallocatedAt, command.now);
    }
    case 'RequestTransfer': {
      const amount = parseVnd('amount', command.amount);
      if (!amount.ok) return amount.rejection;
      return blankProblem({ toFundId: command.toFundId, purpose: command.purpose })
        ?? businessDateProblem('requestedAt', command.requestedAt, command.now);
    }
    case 'ReceiveTransfer':
      return businessDateProblem('receivedAt', command.receivedAt, command.now);
    case 'ReturnTransfer':
      return blankProblem({ reason: command.reason }) ?? businessDateProblem('returnedAt', command.returnedAt, command.now);
    case 'AssignSuspense':
      return blankProblem({ decisionRef: command.decisionRef });
    case 'ClassifyStatementLine':
      return blankProblem({ note: command.note });
    default:
      return assertNever(command, 'spending command');
  }
}

/**
 * The amount of a request: a positive VND amount, or 0 for a distribution of items only (handed
 * out of the in-kind stock, no money moves).
 */
function requestedAmount(command: RequestDisbursement): ReturnType<typeof parseVnd> {
  const lines = command.distribution ?? [];
  const itemsOnly = lines.length > 0 && lines.every((line) => line.amount === undefined || line.amount === null);
  if (command.amount === '0' && itemsOnly) return { ok: true, value: ZERO };
  return parseVnd('amount', command.amount);
}

function requestDisbursement(command: RequestDisbursement, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const amount = requestedAmount(command);
  if (!amount.ok) return amount.rejection;
  const requestedAt = command.requestedAt ?? command.now;
  const policy = policyAt(fund, requestedAt);
  const managementCost = command.kind === 'management_cost';
  const choice = choosePool(fund, inflows, {
    component: command.component, campaignId: command.campaignId, restrictionId: command.restrictionId, managementCost, payee: command.beneficiary,
  });
  if (!choice.ok) return choice.rejection;
  const forwarded = command.kind === 'transfer' && (command.distribution ?? null) === null;
  const ended = forwarded ? undefined : distributionEndedProblem(fund, choice.campaignId, requestedAt);
  if (ended) return ended;
  const designatedFor = choice.restrictionId === null ? null : inflows.restrictions.get(choice.restrictionId)?.beneficiary ?? null;
  const distribution = decideDistribution(command, state, fund, requestedAt, inflows, poolKeyOf(choice.component, choice.restrictionId),
    designatedFor === null || choice.restrictionId === null ? null : { restrictionId: choice.restrictionId, beneficiary: designatedFor });
  if (distribution && 'rejection' in distribution) return distribution.rejection;
  // The fiscal year follows the business date: a request dated in 2024 is 2024's, whenever entered.
  const fiscalYear = fiscalYearOf(requestedAt);
  const cap = managementCost ? managementCostDecision(state, inflows, fund, requestedAt, amount.value, command.now) : undefined;
  if (cap?.rejection) return cap.rejection;
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(choice.component, choice.restrictionId), amount.value, requestedAt);
  if (shortfall) return shortfall;
  return accept({
    type: 'DisbursementRequested',
    data: {
      fundId: fund.fundId, disbursementId: disbursementIdOf(state.disbursements.size + 1), amount: amount.value.toFixed(),
      kind: command.kind, ...sourceOf(choice),
      purpose: command.purpose, beneficiary: command.beneficiary, certificationRef: givenText(command.certificationRef), note: command.note,
      approvalsRequired: approversRequired(policy, amount.value), fiscalYear,
      requestedBy: command.actor.userId, requestedAt,
      ...(cap?.warning ? { managementCostWarning: true } : {}),
      ...(distribution ? { needCategory: distribution.need, distribution: distribution.lines } : {}),
      ...(distribution?.override ? { duplicateOverride: distribution.override } : {}),
    },
  });
}

/**
 * The management-cost figures of the year of `businessDate`, as the decider sees them on `now`
 * (R6): a past year as it closed (the policy in force on its last day), the current one with
 * today's policy, a later one as it opens, as GET /management-cost and the year's report figure
 * it. A cost typed in after its year ended is checked against the cap that year's report shows.
 */
export function managementCostFiguresAt(state: SpendingState, inflows: Inflows, fund: OpenFundState, businessDate: string, now: string = businessDate): ManagementCostFigures {
  const year = fiscalYearOf(businessDate);
  const seenOn = Date.parse(now) > Date.parse(businessDate) ? now : businessDate;
  const facts = managementCostFacts(eligibleRevenueByYear(state, inflows), state.managementCostByYear, fund.policyVersions, year, vietnamDateOf(seenOn));
  return managementCostFigures(facts, year);
}

/** Eligible revenue per fiscal year (R6): gifts less their reversals, each in its own year, and interest. */
function eligibleRevenueByYear(state: SpendingState, inflows: Inflows): Map<number, MoneyDecimal> {
  const eligible = new Map<number, MoneyDecimal>();
  for (const [each, received] of inflows.managementBaseByYear) eligible.set(each, received);
  for (const [each, reversed] of state.managementBaseReversedByYear) eligible.set(each, (eligible.get(each) ?? ZERO).minus(reversed));
  // Interest is revenue of the fund (R2, R30), in the base of the year it was credited; its
  // reversal takes it out of the base of the reversal's own year, as a donation's does.
  for (const interest of state.interest.values()) {
    eligible.set(interest.fiscalYear, (eligible.get(interest.fiscalYear) ?? ZERO).plus(interest.amount));
    if (interest.reversedAt !== null) {
      const year = fiscalYearOf(interest.reversedAt);
      eligible.set(year, (eligible.get(year) ?? ZERO).minus(interest.amount));
    }
  }
  return eligible;
}

/**
 * The first later year a cost dated in `year` would take past its cap: the cost leaves less of
 * `year`'s budget to carry forward, so a later year that already used its carry can no longer
 * have it. A backdated cost must leave every later year within its cap, as money dated earlier
 * must leave every later day paid for.
 */
function laterYearOverCap(state: SpendingState, inflows: Inflows, fund: OpenFundState, year: number, amount: MoneyDecimal, now: string): ManagementCostFigures | undefined {
  const later = [...state.managementCostByYear].filter(([each, used]) => each > year && used.gt(0)).map(([each]) => each).sort((a, b) => a - b);
  if (later.length === 0) return undefined;
  const usedWith = new Map(state.managementCostByYear);
  usedWith.set(year, (usedWith.get(year) ?? ZERO).plus(amount));
  const eligible = eligibleRevenueByYear(state, inflows);
  const today = vietnamDateOf(now);
  for (const each of later) {
    const figures = managementCostFigures(managementCostFacts(eligible, usedWith, fund.policyVersions, each, today), each);
    if (!new MoneyDecimal(figures.used).gt(figures.limit)) continue;
    // Only what this cost takes away: a year already past its cap (fees are booked past it) is not this cost's doing.
    const before = managementCostFigures(managementCostFacts(eligible, state.managementCostByYear, fund.policyVersions, each, today), each);
    if (new MoneyDecimal(figures.limit).lt(before.limit)) return figures;
  }
  return undefined;
}

/** A management cost past the cap is refused; past the board's share it goes through, flagged. */
function managementCostDecision(
  state: SpendingState, inflows: Inflows, fund: OpenFundState, businessDate: string, amount: MoneyDecimal, now: string,
): { rejection?: SpendingDecision; warning: boolean } {
  const figures = managementCostFiguresAt(state, inflows, fund, businessDate, now);
  const check = managementCostCheck(figures, amount);
  const later = check.exceeds ? undefined : laterYearOverCap(state, inflows, fund, figures.year, amount, now);
  if (later) {
    return {
      warning: true,
      rejection: reject(RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
        `A management cost dated ${figures.year} would leave ${later.year} with ${later.used} VND used against a cap of ${later.limit} VND: `
          + `${figures.year} would carry forward less`,
        {
          fiscalYear: later.year, base: later.base, capPercent: later.capPercent, carriedForward: later.carriedForward,
          cap: later.limit, used: later.used, requested: amount.toFixed(),
        },
        { reason: 'later-year', params: { requestYear: figures.year } }),
    };
  }
  if (!check.exceeds) return { warning: check.warning };
  return {
    warning: true,
    rejection: reject(RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
      `Management cost for ${figures.year} would reach ${check.usedAfter.toFixed()} VND; the cap is ${figures.limit} VND `
        + `(${figures.capPercent} % of the ${figures.base} VND base, plus ${figures.carriedForward} VND carried forward)`,
      {
        fiscalYear: figures.year, base: figures.base, capPercent: figures.capPercent, carriedForward: figures.carriedForward,
        cap: figures.limit, used: figures.used, requested: amount.toFixed(),
      },
      { params: { usedAfter: check.usedAfter.toFixed() } }),
  };
}

function approveDisbursement(command: ApproveDisbursement, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (disbursement.status !== 'requested') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status }, {
      reason: 'disbursement', params: { disbursementId: disbursement.disbursementId },
    });
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
      approvalsCount, approvalsRequired: disbursement.approvalsRequired, fullyApproved: approvalsCount >= disbursement.approvalsRequired,
      ...(disbursement.duplicateOverride ? { duplicateOverrideApproved: true } : {}),
      approvedAt: command.now,
    },
  });
}

function rejectDisbursement(command: RejectDisbursement, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (!command.byApprover && disbursement.requestedBy !== command.actor.userId) {
    return reject(RejectionCode.NOT_REQUESTER, `Only the approvers, or the person who requested ${disbursement.disbursementId}, may reject or withdraw it`, {
      disbursementId: disbursement.disbursementId,
    });
  }
  if (disbursement.status !== 'requested' && disbursement.status !== 'approved') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status }, {
      reason: 'disbursement', params: { disbursementId: disbursement.disbursementId },
    });
  }
  // A share handed over left the fund: rejecting would make its money, or its items, available again.
  const received = [...disbursement.handovers].find(([, handover]) => handover.status === 'received');
  if (received) {
    const params = { disbursementId: disbursement.disbursementId, beneficiaryId: received[0] };
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${params.disbursementId} cannot be rejected: ${params.beneficiaryId} already received their share`, {
      status: disbursement.status, beneficiaryId: params.beneficiaryId,
    }, { reason: 'reject-handed-over', params });
  }
  return accept({
    type: 'DisbursementRejected',
    data: { fundId: fund.fundId, disbursementId: disbursement.disbursementId, rejectedBy: command.actor.userId, reason: command.reason, rejectedAt: command.now },
  });
}

/**
 * R6's hard stop at payment: a management cost was checked against its year's cap when it was
 * requested, but revenue reversed since (or bank fees booked from a statement) can leave the
 * year's costs past the limit. Paying one then would spend past the cap; it waits until the year
 * is back within it (a request rejected, or more revenue).
 */
function managementCostOverCapAtPayment(
  state: SpendingState, inflows: Inflows, fund: OpenFundState, disbursement: { disbursementId: string; requestedAt: string }, now: string,
): SpendingDecision | undefined {
  const figures = managementCostFiguresAt(state, inflows, fund, disbursement.requestedAt, now);
  if (!figures.overCap) return undefined;
  return reject(RejectionCode.MANAGEMENT_COST_CAP_EXCEEDED,
    `Management cost for ${figures.year} is ${figures.used} VND, past its cap of ${figures.limit} VND since revenue was reversed or fees were booked: `
      + `${disbursement.disbursementId} is paid once the year is back within its cap (reject a request, or wait for revenue)`,
    {
      fiscalYear: figures.year, base: figures.base, capPercent: figures.capPercent, carriedForward: figures.carriedForward,
      cap: figures.limit, used: figures.used, disbursementId: disbursement.disbursementId,
    },
    { reason: 'over-cap-at-payment', params: { disbursementId: disbursement.disbursementId } });
}

function payDisbursement(command: PayDisbursement, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (disbursement.status === 'requested') {
    const { approvalsRequired } = disbursement;
    const approvalsCount = disbursement.approvers.length;
    return reject(RejectionCode.INVALID_STATE,
      `Disbursement ${disbursement.disbursementId} is not approved yet: needs ${approvalsRequired} approval${approvalsRequired === 1 ? '' : 's'}, has ${approvalsCount}`,
      { status: disbursement.status, approvalsRequired, approvalsCount },
      { reason: 'not-enough-approvals', params: { disbursementId: disbursement.disbursementId } });
  }
  if (disbursement.status !== 'approved') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}: only an approved disbursement not yet paid can be paid`, { status: disbursement.status }, {
      reason: 'not-approved', params: { disbursementId: disbursement.disbursementId },
    });
  }
  // A cash share closed as not delivered will reach nobody: the payment leaves its money in the fund.
  const withheld = disbursement.distribution
    .filter((line) => line.amount !== null && !new MoneyDecimal(line.amount).isZero() && disbursement.handovers.get(line.beneficiaryId)?.closed === true)
    .map((line) => ({ beneficiaryId: line.beneficiaryId, amount: new MoneyDecimal(line.amount as string).toFixed() }));
  // Every share closed and no money left to pay: the payment would hand over nothing. The request is
  // rejected instead, which frees the money it holds. Shares withholding more than the request's
  // amount (lines once let through above it) would make a payment below zero: refused the same way.
  const leftOut = withheld.reduce((total, share) => total.plus(share.amount), ZERO);
  const everyShareClosed = disbursement.distribution.length > 0
    && disbursement.distribution.every((line) => disbursement.handovers.get(line.beneficiaryId)?.closed === true);
  const rest = disbursement.amount.minus(leftOut);
  if ((everyShareClosed && rest.isZero()) || rest.isNegative()) {
    return reject(RejectionCode.INVALID_STATE,
      `Disbursement ${disbursement.disbursementId} has nothing to pay: every share of its distribution was closed as not delivered; reject the request to free its money`,
      { status: disbursement.status, reason: 'nothing-to-pay', withheld: leftOut.toFixed() },
      { reason: 'nothing-to-pay', params: { disbursementId: disbursement.disbursementId } });
  }
  if (disbursement.requestedBy === command.actor.userId && !policyAt(fund, command.paidAt).payerMayBeRequester) {
    return reject(RejectionCode.SELF_PAYMENT_FORBIDDEN, 'Whoever requested a disbursement may not also record its payment', { requestedBy: disbursement.requestedBy });
  }
  const early = dateOrderProblem('paidAt', command.paidAt, 'requestedAt', disbursement.requestedAt);
  if (early) return early;
  const closed = periodClosedRejection(fund, command.paidAt);
  if (closed) return closed;
  const overCap = disbursement.kind === 'management_cost' ? managementCostOverCapAtPayment(state, inflows, fund, disbursement, command.now) : undefined;
  if (overCap) return overCap;
  const certificationRef = givenText(command.certificationRef) ?? disbursement.certificationRef;
  if (disbursement.kind === 'humanitarian' && !certificationRef) {
    return reject(RejectionCode.CERTIFICATION_REQUIRED,
      "A humanitarian disbursement is paid only against the commune People's Committee certification of its beneficiaries");
  }
  return accept({
    type: 'DisbursementPaid',
    data: {
      fundId: fund.fundId, disbursementId: disbursement.disbursementId, paidAt: command.paidAt, reference: command.reference, certificationRef, paidBy: command.actor.userId,
      ...(withheld.length > 0 ? { withheld } : {}),
    },
  });
}
