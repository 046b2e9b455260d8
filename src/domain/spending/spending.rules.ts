import type { Policy } from '../fund/fund.events';
import { policyInForce, type FundState, type OpenFundState } from '../fund/fund.state';
import { MAX_AMOUNT_VND, MoneyDecimal, parseAmount, ZERO } from '../money';
import { dateOfVietnamDayNumber, instantOf, isFutureBusinessDate, vietnamDayNumber, futureDateMessage, shownInVietnamTime } from '../shared/calendar';
import { reject, type Decision, type Wording } from '../shared/decision';
import { isBlank, sameName } from '../shared/names';
import { ownEntry } from '../shared/records';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { lowestAvailableFrom, type DatedNets, type LowestAvailable } from './dated-nets';
import { isSuspenseRestriction } from './pools';
import type { SpendingEvent, SpendingSource } from './spending.events';
import { totalOutflow, type SpendingState } from './spending.state';

/** What a spending decision looks up besides its own stream: the fund and the money that came in. */
export interface SpendingContext {
  fundId: string;
  fund: FundState;
  inflows: Inflows;
  /** The other fund of a transfer, when it is one of this ledger's (the receiver). */
  counterpart?: FundState;
}

export type SpendingDecision = Decision<SpendingEvent>;

/**
 * The policy that governs a business date. Every spending rule reads the policy through this one
 * function, so policy versions in force from a date change only its body.
 */
export function policyAt(fund: OpenFundState, businessDate: string): Policy {
  return policyInForce(fund, businessDate);
}

/** What a pool may still give: cash received less everything given out, promised or reversed. */
export function availableInPool(state: SpendingState, inflows: Inflows, pool: string): MoneyDecimal {
  return (inflows.cashByPool.get(pool) ?? ZERO).minus(totalOutflow(state.pools.get(pool)));
}

export function invalid(field: string, reason: string): SpendingDecision {
  return reject(RejectionCode.VALIDATION_FAILED, `${field}: ${reason}`, { field });
}

export function parseVnd(field: string, input: string): { ok: true; value: MoneyDecimal } | { ok: false; rejection: SpendingDecision } {
  const parsed = parseAmount(input);
  if (!parsed.ok) return { ok: false, rejection: invalid(field, parsed.message) };
  if (parsed.value.gt(MAX_AMOUNT_VND)) return { ok: false, rejection: invalid(field, 'exceeds 10^15 VND') };
  return parsed;
}

/** The first required text field that is blank after trimming, as a rejection. */
export function blankProblem(fields: Record<string, string>): SpendingDecision | undefined {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== 'string' || isBlank(value)) return invalid(field, 'must not be blank');
  }
  return undefined;
}

/** Nine digits or more, a space, dot or dash allowed between two: a phone, ID card or bank account number. */
const CONTACT_NUMBER = /\d(?:[\s.-]?\d){8,}/;

/**
 * Names the disclosure publishes as who received the fund's money (R24): the public is promised no
 * phone, ID card or account number, so none may be typed into them. A number that identifies a
 * recipient goes in the request's note or the beneficiary register, which are not published.
 */
export function publishedNameProblem(fields: Record<string, string>): SpendingDecision | undefined {
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value === 'string' && CONTACT_NUMBER.test(value)) {
      return invalid(field, 'is published: a name without phone, ID card or account numbers (9 digits or more)');
    }
  }
  return undefined;
}

/** A certification reference of white space certifies nothing: it counts as none. */
export function givenText(value: string | null): string | null {
  return value === null || isBlank(value) ? null : value;
}

/**
 * An optional business date: unparseable is VALIDATION_FAILED (paths that skip the HTTP edge),
 * later than tomorrow in Vietnam time is FUTURE_DATE.
 */
export function businessDateProblem(field: string, businessDate: string | null, now: string): SpendingDecision | undefined {
  if (businessDate === null) return undefined;
  if (Number.isNaN(instantOf(businessDate))) return invalid(field, 'must be an ISO 8601 timestamp');
  if (isFutureBusinessDate(businessDate, now)) {
    return reject(RejectionCode.FUTURE_DATE, futureDateMessage(field, businessDate), { field, value: businessDate, now });
  }
  return undefined;
}

/**
 * DATE_BEFORE_REQUEST when `later` (a payment, a settlement) is dated before `earlier`, compared
 * as instants to the whole second: business dates are given to the second, while one that
 * defaulted to the recording clock carries milliseconds, and a payment typed in the same second
 * as its request is not before it.
 */
export function dateOrderProblem(field: string, later: string, earlierField: string, earlier: string): SpendingDecision | undefined {
  if (Math.floor(instantOf(later) / 1000) >= Math.floor(instantOf(earlier) / 1000)) return undefined;
  return reject(RejectionCode.DATE_BEFORE_REQUEST, `${field} ${shownInVietnamTime(later)} is before ${earlierField} ${shownInVietnamTime(earlier)}`, {
    field, value: later, [earlierField]: earlier,
  }, { params: { earlierField } });
}

export function notFound(entity: string, id: string): SpendingDecision {
  return reject(RejectionCode.NOT_FOUND, `No ${entity} ${id}`, { entity, id });
}

/** Where money a decision moves goes (R14, R19): a component's unrestricted money, or a campaign's pool. */
export interface MoveTarget {
  toComponent: string;
  toCampaignId: string | null;
  toRestrictionId: string | null;
}

/**
 * The pool a decision's `to` names: a campaign of the fund (its pool, in `component`), or a
 * component of the fund (its unrestricted money). A campaign that keeps no restricted pool of its
 * own (any kind but disaster) holds its money as the component's, marked with the campaign, as
 * its donations are booked: that is where a disbursement for the campaign draws it from.
 */
export function moveTargetOf(
  fund: OpenFundState, to: { component: string } | { campaignId: string }, component: string,
): { ok: true; target: MoveTarget } | { ok: false; rejection: SpendingDecision } {
  if ('campaignId' in to) {
    const campaign = ownEntry(fund.campaigns, to.campaignId);
    if (!campaign) return { ok: false, rejection: notFound('campaign', to.campaignId) };
    return { ok: true, target: { toComponent: component, toCampaignId: campaign.campaignId, toRestrictionId: campaign.restrictionId } };
  }
  if (!fund.components.includes(to.component)) {
    return { ok: false, rejection: reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${to.component}"`, { component: to.component, known: fund.components }) };
  }
  return { ok: true, target: { toComponent: to.component, toCampaignId: null, toRestrictionId: null } };
}

/**
 * What a movement dated `businessDate` may take from a pool: the least the pool holds at the close
 * of any day from that day on. Money that came in later never pays for what is dated earlier, and
 * what is already dated later must stay paid for.
 */
export function availableFrom(state: SpendingState, inflows: Inflows, pool: string, businessDate: string, pending?: DatedNets): LowestAvailable {
  // `pending`: what a decision already took or gave in this pool before this movement (a statement's earlier lines).
  let now = availableInPool(state, inflows, pool);
  for (const change of pending?.byDay.values() ?? []) now = now.plus(change);
  return lowestAvailableFrom(now, [inflows.datedByPool.get(pool), state.datedByPool.get(pool), pending], vietnamDayNumber(businessDate));
}

/**
 * INSUFFICIENT_FUNDS when the pool holds less than the amount, today or at the close of any day
 * from the movement's business date on; every movement out asks this one question.
 */
export function shortfallProblem(state: SpendingState, inflows: Inflows, pool: string, amount: MoneyDecimal, businessDate: string): SpendingDecision | undefined {
  const available = availableFrom(state, inflows, pool, businessDate);
  return available.amount.lt(amount) ? insufficient(pool, amount, available) : undefined;
}

/**
 * What a campaign holds of its own from a business date on: the cash it received (donations,
 * transfers, money moved to it) less what was spent, promised, moved or reversed for it, at the
 * close of every day from that day on (campaignOfMovement says whose a movement is). A campaign
 * without a pool of its own keeps its money in its component's unrestricted pool, whose
 * available says nothing of how much of it is the campaign's.
 */
export function campaignAvailableFrom(state: SpendingState, inflows: Inflows, campaignId: string, businessDate: string): LowestAvailable {
  const sources = [inflows.datedByCampaign.get(campaignId), state.datedByCampaign.get(campaignId)];
  let now = ZERO;
  for (const nets of sources) for (const change of nets?.byDay.values() ?? []) now = now.plus(change);
  return lowestAvailableFrom(now, sources, vietnamDayNumber(businessDate));
}

/** INSUFFICIENT_FUNDS when a campaign holds less than `amount` of its own, today or at the close of any day from `businessDate` on. */
export function campaignShortfallProblem(state: SpendingState, inflows: Inflows, campaignId: string, amount: MoneyDecimal, businessDate: string): SpendingDecision | undefined {
  const available = campaignAvailableFrom(state, inflows, campaignId, businessDate);
  if (!available.amount.lt(amount)) return undefined;
  const amounts = { requested: amount.toFixed(), available: available.amount.toFixed() };
  const asOf = available.day === null ? undefined : dateOfVietnamDayNumber(available.day);
  const at = asOf === undefined ? '' : ` at the close of ${asOf}`;
  return reject(RejectionCode.INSUFFICIENT_FUNDS, `Campaign ${campaignId} holds ${amounts.available} VND of its own${at}, ${amounts.requested} requested`,
    { campaignId, ...amounts, ...(asOf === undefined ? {} : { asOf }) }, { reason: 'campaign' });
}

export function insufficient(pool: string, requested: MoneyDecimal, available: LowestAvailable): SpendingDecision {
  const details = { pool, requested: requested.toFixed(), available: available.amount.toFixed() };
  if (available.day === null) {
    return reject(RejectionCode.INSUFFICIENT_FUNDS, `Pool ${pool} has ${details.available} VND available, ${details.requested} requested`, details);
  }
  const asOf = dateOfVietnamDayNumber(available.day);
  return reject(RejectionCode.INSUFFICIENT_FUNDS,
    `Pool ${pool} has ${details.available} VND available at the close of ${asOf}, ${details.requested} requested: money received later does not pay for what is dated earlier`,
    { ...details, asOf }, { reason: 'dated' });
}

/** The pool a movement draws on, and the campaign it belongs to however the pool was named. */
export type PoolChoice =
  | ({ ok: true } & SpendingSource)
  | { ok: false; rejection: SpendingDecision };

/** The source of a chosen pool as the event spending from it records it. */
export const sourceOf = (choice: SpendingSource): SpendingSource => ({
  component: choice.component,
  campaignId: choice.campaignId,
  restrictionId: choice.restrictionId,
});

export interface PoolRequest {
  component: string;
  campaignId: string | null;
  restrictionId: string | null;
  managementCost: boolean;
  /**
   * Who the money goes to: a restriction naming a beneficiary pays only that beneficiary. Null
   * for a transfer to another fund, which pays nobody yet and carries the beneficiary on.
   */
  payee: string | null;
}

/**
 * The pool a payment draws on: the named restricted pool, the disaster campaign's pool, or the
 * component's unrestricted money. Designated money never pays management costs (R5, R7). The
 * campaign is decided here, once: a campaign's pool named only by `campaign:<id>` still
 * belongs to that campaign, so every read that counts by campaign counts the movement.
 */
export function choosePool(fund: OpenFundState, inflows: Inflows, request: PoolRequest): PoolChoice {
  const { component, campaignId, restrictionId } = request;
  if (!fund.components.includes(component)) {
    return { ok: false, rejection: reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${component}"`, { component, known: fund.components }) };
  }
  const campaign = campaignId === null ? undefined : ownEntry(fund.campaigns, campaignId);
  if (campaignId !== null && !campaign) return { ok: false, rejection: notFound('campaign', campaignId) };
  const chosen = restrictionId ?? campaign?.restrictionId ?? null;
  if (chosen === null) return { ok: true, component, restrictionId: null, campaignId };
  if (isSuspenseRestriction(chosen)) return { ok: false, rejection: suspenseProblem(chosen) };
  const restriction = inflows.restrictions.get(chosen);
  const poolCampaign = Object.values(fund.campaigns).find((entry) => entry.restrictionId === chosen);
  if (!restriction && !poolCampaign) return { ok: false, rejection: notFound('restriction', chosen) };
  const mismatch = (why: string, wording: Wording) => ({ ok: false as const, rejection: reject(RejectionCode.RESTRICTION_MISMATCH, why, { restrictionId: chosen }, wording) });
  // A disaster campaign's pool exists in every component its donations named; a designated
  // donation's pool only in its own component.
  if (restriction && !poolCampaign && restriction.component !== component) {
    return mismatch(`Pool ${chosen} belongs to component ${restriction.component}`, { reason: 'component', params: { component: restriction.component } });
  }
  const owner = poolCampaign?.campaignId ?? restriction?.campaignId ?? null;
  if (campaignId !== null && owner !== campaignId) return mismatch(`Pool ${chosen} is not campaign ${campaignId}'s`, { reason: 'campaign', params: { campaignId } });
  if (request.managementCost) {
    // details.reason too: the staff app says this meaning beside the campaign chosen.
    return { ok: false, rejection: reject(RejectionCode.RESTRICTION_MISMATCH, 'Designated money may not pay management costs', { restrictionId: chosen, reason: 'management-cost' }, { reason: 'management-cost' }) };
  }
  const beneficiary = restriction?.beneficiary ?? null;
  if (beneficiary !== null && request.payee !== null && !sameName(beneficiary, request.payee)) {
    return { ok: false, rejection: reject(RejectionCode.RESTRICTION_MISMATCH, `Pool ${chosen} may be paid only to ${beneficiary}`, { restrictionId: chosen, beneficiary }, { reason: 'beneficiary' }) };
  }
  return { ok: true, component, restrictionId: chosen, campaignId: owner ?? campaignId };
}

/** Late money (R14) waits for a decision: nothing draws on a suspense pool until it is assigned. */
export function suspenseProblem(restrictionId: string): SpendingDecision {
  return reject(RejectionCode.RESTRICTION_MISMATCH, `Pool ${restrictionId} holds late money: it is spent only once assigned (POST …/suspense/:donationId/assign)`, {
    restrictionId,
  }, { reason: 'suspense' });
}

/**
 * CAMPAIGN_CLOSED when a request for a campaign is dated after the campaign's `distributeUntil`
 * (R15: distribution ends at most 20 days after receiving). What the campaign still holds then is
 * leftovers (R19), moved on only by a decision (SurplusReallocated); a request made within the
 * window is still approved and paid after it, and forwarding money to another chapter (a
 * transfer without a distribution, R16) is not distributing; an emergency release for the
 * campaign (cash handed out at once) is.
 */
export function distributionEndedProblem(fund: OpenFundState, campaignId: string | null, requestedAt: string): SpendingDecision | undefined {
  const campaign = campaignId === null ? undefined : ownEntry(fund.campaigns, campaignId);
  if (!campaign || campaign.distributeUntil === null || instantOf(requestedAt) <= instantOf(campaign.distributeUntil)) return undefined;
  return reject(RejectionCode.CAMPAIGN_CLOSED, `Campaign ${campaign.campaignId} stopped distributing at ${campaign.distributeUntil}: what is left moves on only by a surplus decision`, {
    campaignId: campaign.campaignId, distributionEnded: campaign.distributeUntil, requestedAt,
  }, { reason: 'distribution' });
}
