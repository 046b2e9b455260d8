import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal, parseAmount, ZERO } from '../money';
import { addDaysInOffsetOf, instantOf, shownInVietnamTime, vietnamTimestampOf, wholeDaysLate } from '../shared/calendar';
import { accept, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { poolKeyOf } from './pools';
import type { ReleaseEmergency, SettleEmergency } from './spending.commands';
import { releaseIdOf } from './spending.ids';
import {
  choosePool, dateOrderProblem, distributionEndedProblem, shortfallProblem, invalid, notFound, parseVnd, policyAt, sourceOf, type SpendingDecision,
} from './spending.rules';
import { openSince, type ReleaseState, type SpendingState } from './spending.state';

export function releaseEmergency(command: ReleaseEmergency, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const amount = parseVnd('amount', command.amount);
  if (!amount.ok) return amount.rejection;
  const releasedAt = command.releasedAt ?? command.now;
  const policy = policyAt(fund, releasedAt);
  const choice = choosePool(fund, inflows, {
    component: command.component, campaignId: command.campaignId, restrictionId: command.restrictionId, managementCost: false, payee: command.recipient,
  });
  if (!choice.ok) return choice.rejection;
  // Cash handed out at once for a campaign is distribution: after its distributeUntil, its money is leftovers (R15, R19).
  const ended = distributionEndedProblem(fund, choice.campaignId, releasedAt);
  if (ended) return ended;
  const cap = new MoneyDecimal(policy.emergencyReleaseCap);
  if (amount.value.gt(cap)) {
    return reject(RejectionCode.EMERGENCY_CAP_EXCEEDED, `An emergency release may not exceed ${cap.toFixed()} VND`, { cap: cap.toFixed(), requested: amount.value.toFixed() });
  }
  const overdue = policy.blockReleasesWhenOverdue ? overdueReleases(state, command.actor.userId, releasedAt) : [];
  if (overdue.length > 0) {
    return reject(RejectionCode.SETTLEMENT_OVERDUE,
      `Release ${overdue[0].releaseId} was due for settlement by ${shownInVietnamTime(overdue[0].settleBy)}; settle it before releasing more`,
      { releaseIds: overdue.map((release) => release.releaseId), settleBy: overdue[0].settleBy });
  }
  const limit = new MoneyDecimal(policy.emergencyOpenLimit);
  const open = openInComponent(state, choice.component);
  if (open.plus(amount.value).gt(limit)) {
    return reject(RejectionCode.EMERGENCY_OPEN_LIMIT_EXCEEDED,
      `Component ${choice.component} has ${open.toFixed()} VND of emergency money unsettled; the limit is ${limit.toFixed()} VND`,
      { component: choice.component, limit: limit.toFixed(), open: open.toFixed(), requested: amount.value.toFixed() });
  }
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(choice.component, choice.restrictionId), amount.value, releasedAt);
  if (shortfall) return shortfall;
  return accept({
    type: 'EmergencyReleased',
    data: {
      fundId: fund.fundId, releaseId: releaseIdOf(state.releases.size + 1), amount: amount.value.toFixed(), ...sourceOf(choice),
      incident: command.incident, recipient: command.recipient, note: command.note,
      releasedBy: command.actor.userId, releasedAt,
      // A deadline is told in Vietnam time, whatever offset the release's date was written in.
      settleBy: vietnamTimestampOf(addDaysInOffsetOf(releasedAt, policy.emergencySettlementDays)),
    },
  });
}

/** The coordinator's unsettled releases whose deadline passed before `businessDate`, oldest first. */
function overdueReleases(state: SpendingState, coordinator: string, businessDate: string): ReleaseState[] {
  const at = instantOf(businessDate);
  return [...state.releases.values()].filter((release) => release.status === 'open' && release.releasedBy === coordinator && instantOf(release.settleBy) < at);
}

/** Emergency money of a component released and not yet settled or cancelled, over all its pools. */
function openInComponent(state: SpendingState, component: string): MoneyDecimal {
  let open = ZERO;
  for (const release of state.releases.values()) {
    if (release.status === 'open' && release.component === component) open = open.plus(release.amount);
  }
  return open;
}

export function settlementAmounts(command: SettleEmergency): { spent?: MoneyDecimal; returned?: MoneyDecimal; rejection?: SpendingDecision } {
  const zeroOr = (input: string) => {
    if (input === '0') return ZERO;
    const parsed = parseAmount(input);
    return parsed.ok ? parsed.value : undefined;
  };
  const spent = zeroOr(command.spent);
  const returned = zeroOr(command.returned);
  if (spent === undefined) return { rejection: invalid('spent', 'must be a whole VND amount, "0" allowed') };
  if (returned === undefined) return { rejection: invalid('returned', 'must be a whole VND amount, "0" allowed') };
  return { spent, returned };
}

export function settleEmergency(command: SettleEmergency, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const amounts = settlementAmounts(command);
  if (amounts.rejection) return amounts.rejection;
  const spentValue = amounts.spent as MoneyDecimal;
  const returnedValue = amounts.returned as MoneyDecimal;
  const settledAt = command.settledAt ?? command.now;
  const release = state.releases.get(command.releaseId);
  if (!release) return notFound('emergency release', command.releaseId);
  if (release.status !== 'open') return reject(RejectionCode.INVALID_STATE, `Emergency release ${release.releaseId} is ${release.status}`, { status: release.status }, {
    reason: 'release', params: { releaseId: release.releaseId },
  });
  // A release re-opened by the reversal of its settlement is settled again from that reversal's date on.
  const opened = openSince(release);
  const early = dateOrderProblem('settledAt', settledAt, opened.field, opened.at);
  if (early) return early;
  if (!spentValue.plus(returnedValue).eq(release.amount)) {
    return reject(RejectionCode.SETTLEMENT_MISMATCH, `spent + returned must equal the ${release.amount.toFixed()} VND released`, {
      released: release.amount.toFixed(), spent: spentValue.toFixed(), returned: returnedValue.toFixed(),
    });
  }
  if (spentValue.gt(0) && command.evidence.length === 0) {
    return reject(RejectionCode.EVIDENCE_REQUIRED, 'Money spent from an emergency release needs evidence', { field: 'evidence', spent: spentValue.toFixed() });
  }
  return accept({
    type: 'EmergencyReleaseSettled',
    data: {
      fundId: fund.fundId, releaseId: release.releaseId, spent: spentValue.toFixed(), returned: returnedValue.toFixed(),
      evidence: command.evidence, settledBy: command.actor.userId, settledAt, daysOverdue: wholeDaysLate(release.settleBy, settledAt),
    },
  });
}
