import { MoneyDecimal, parseAmount } from '../money';
import type { ApprovalTier, Policy } from './fund.events';

export const DEFAULT_COMPONENTS = Object.freeze(['general', 'emergency-relief', 'humanitarian']);

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  approvals: [
    { above: '0', approvers: 1 },
    { above: '100000000', approvers: 2 },
  ],
  emergencyReleaseCap: '50000000',
  emergencySettlementDays: 30,
  managementCostWarnPercent: '5',
  managementCostCapPercent: '10',
  emergencyOpenLimit: '150000000',
  blockReleasesWhenOverdue: true,
  payerMayBeRequester: false,
});

/** The open-emergency limit a policy gets when it names none: three releases at the cap. */
export function defaultEmergencyOpenLimit(emergencyReleaseCap: string): string {
  const cap = parseAmount(emergencyReleaseCap);
  return cap.ok ? cap.value.times(3).toFixed() : DEFAULT_POLICY.emergencyOpenLimit;
}

/** Decree 93/2019 Art. 37: the board may raise the management cost share up to 10 %. */
export const MANAGEMENT_COST_CAP_PERCENT_LIMIT = new MoneyDecimal(10);

/**
 * A whole policy from the fields given, the others at their defaults. Folds also pass stored
 * policies through it, so a policy written before a field existed reads with that field's default.
 */
export function completePolicy(partial: Partial<Policy> | null): Policy {
  const emergencyReleaseCap = partial?.emergencyReleaseCap ?? DEFAULT_POLICY.emergencyReleaseCap;
  return {
    approvals: (partial?.approvals ?? DEFAULT_POLICY.approvals).map((tier) => ({ ...tier })),
    emergencyReleaseCap,
    emergencySettlementDays: partial?.emergencySettlementDays ?? DEFAULT_POLICY.emergencySettlementDays,
    managementCostWarnPercent: partial?.managementCostWarnPercent ?? defaultWarnPercent(partial?.managementCostCapPercent),
    managementCostCapPercent: partial?.managementCostCapPercent ?? DEFAULT_POLICY.managementCostCapPercent,
    emergencyOpenLimit: partial?.emergencyOpenLimit ?? defaultEmergencyOpenLimit(emergencyReleaseCap),
    blockReleasesWhenOverdue: partial?.blockReleasesWhenOverdue ?? DEFAULT_POLICY.blockReleasesWhenOverdue,
    payerMayBeRequester: partial?.payerMayBeRequester ?? DEFAULT_POLICY.payerMayBeRequester,
    // Kept only when a board set it, so policies written before it existed read unchanged (30 days).
    ...(partial?.duplicateAidWindowDays === undefined ? {} : { duplicateAidWindowDays: partial.duplicateAidWindowDays }),
  };
}

/**
 * The default board share, never above the cap a policy names: a fund opened before the share
 * existed with a 3 % cap keeps warning and stopping at 3 %.
 */
function defaultWarnPercent(capPercent: string | undefined): string {
  if (capPercent === undefined || !parseAmount(capPercent, 'USD').ok) return DEFAULT_POLICY.managementCostWarnPercent;
  return MoneyDecimal.min(capPercent, DEFAULT_POLICY.managementCostWarnPercent).toFixed();
}

/**
 * Why a policy is unusable, or undefined when it is sound. `tiersGiven: false` (a change that
 * leaves the approval tiers as they are) does not hold tiers recorded before a rule against them.
 */
/** The policy field a policyProblem names (`policy.managementCostCapPercent`), for the client to place it; undefined when none. */
export function policyProblemField(problem: string): string | undefined {
  if (/^approval(s| tier)/.test(problem)) return 'policy.approvals';
  const first = /^([A-Za-z]+) /.exec(problem)?.[1];
  return first !== undefined && Object.prototype.hasOwnProperty.call(DEFAULT_POLICY, first) ? `policy.${first}` : undefined;
}

export function policyProblem(policy: Policy, options: { tiersGiven?: boolean } = {}): string | undefined {
  if (policy.approvals.length === 0) return 'approvals must have at least one tier';
  const thresholds = new Set<string>();
  for (const tier of policy.approvals) {
    const zero = tier.above === '0';
    if (!zero && !parseAmount(tier.above).ok) return `approval tier "above" ${tier.above} is not a VND amount`;
    if (!Number.isInteger(tier.approvers) || tier.approvers < 1 || tier.approvers > 10) {
      return 'approvers must be a whole number from 1 to 10';
    }
    // Two tiers of one threshold would leave the number of approvers to their order.
    const threshold = zero ? '0' : new MoneyDecimal(tier.above).toFixed();
    if (thresholds.has(threshold) && options.tiersGiven !== false) return `approval tiers name "above" ${tier.above} twice: each threshold has one number of approvers`;
    thresholds.add(threshold);
  }
  if (options.tiersGiven !== false) {
    const weaker = fewerApproversAbove(policy.approvals);
    if (weaker) return weaker;
  }
  if (!parseAmount(policy.emergencyReleaseCap).ok) return 'emergencyReleaseCap must be a positive VND amount';
  const days = policy.emergencySettlementDays;
  if (!Number.isInteger(days) || days < 1 || days > 365) return 'emergencySettlementDays must be 1 to 365';
  const percent = parseAmount(policy.managementCostCapPercent, 'USD');
  if (!percent.ok) return 'managementCostCapPercent must be a positive decimal string';
  if (percent.value.gt(MANAGEMENT_COST_CAP_PERCENT_LIMIT)) return 'managementCostCapPercent may not exceed 10 (Decree 93/2019 Art. 37)';
  const warn = parseAmount(policy.managementCostWarnPercent, 'USD');
  if (!warn.ok) return 'managementCostWarnPercent must be a positive decimal string';
  if (warn.value.gt(percent.value)) return 'managementCostWarnPercent may not exceed managementCostCapPercent';
  if (!parseAmount(policy.emergencyOpenLimit).ok) return 'emergencyOpenLimit must be a positive VND amount';
  if (typeof policy.blockReleasesWhenOverdue !== 'boolean') return 'blockReleasesWhenOverdue must be true or false';
  if (typeof policy.payerMayBeRequester !== 'boolean') return 'payerMayBeRequester must be true or false';
  const window = policy.duplicateAidWindowDays;
  if (window !== undefined && (!Number.isInteger(window) || window < 0 || window > 3660)) return 'duplicateAidWindowDays must be 0 to 3660';
  return undefined;
}

/**
 * A tier above a larger amount asking fewer approvers than one below it: a larger disbursement
 * would then be approved more easily than a smaller one, which no approval rule means.
 */
function fewerApproversAbove(tiers: readonly ApprovalTier[]): string | undefined {
  const ordered = [...tiers].sort((a, b) => new MoneyDecimal(a.above).comparedTo(new MoneyDecimal(b.above)));
  for (let i = 1; i < ordered.length; i += 1) {
    const [lower, higher] = [ordered[i - 1], ordered[i]];
    if (higher.approvers < lower.approvers) {
      return `approval tier "above" ${higher.above} needs ${higher.approvers} approvers, fewer than the ${lower.approvers} of the tier above ${lower.above}: a larger amount may not need fewer approvers`;
    }
  }
  return undefined;
}

/**
 * Distinct approvers a disbursement of `amountVnd` needs: the highest tier it is above. The tier
 * above 0 is the rule for every disbursement, so it also governs one of items alone (amount 0).
 */
export function approversRequired(policy: Policy, amountVnd: MoneyDecimal): number {
  let required = 1;
  let highest: MoneyDecimal | undefined;
  for (const tier of policy.approvals as ApprovalTier[]) {
    const above = new MoneyDecimal(tier.above);
    const covers = amountVnd.gt(above) || above.isZero();
    if (covers && (highest === undefined || above.gte(highest))) {
      highest = above;
      required = tier.approvers;
    }
  }
  return required;
}
