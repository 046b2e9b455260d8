import { approversRequired } from '../fund/fund.policy';
import { MoneyDecimal } from '../money';
import type { OpenFundState } from '../fund/fund.state';
import { instantOf } from '../shared/calendar';
import { accept, reject } from '../shared/decision';
import { ownEntry } from '../shared/records';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { campaignOfMovement, isSuspenseRestriction, poolKeyOf } from './pools';
import type { ApproveRestrictionRelease, ReallocateSurplus, RequestRestrictionRelease, SettleFx } from './spending.commands';
import { fxSettlementIdOf, reallocationIdOf, restrictionReleaseIdOf } from './spending.ids';
import { addToStock, campaignStockFrom, freeStockFrom, stockShortageRejection, type StockItem } from './stock';
import {
  availableFrom, blankProblem, campaignAvailableFrom, campaignShortfallProblem, dateOrderProblem, insufficient, invalid, moveTargetOf, notFound, parseVnd, policyAt, shortfallProblem, suspenseProblem,
  type SpendingDecision,
} from './spending.rules';
import type { DistributionItem, SpendingEvent } from './spending.events';
import type { SpendingState } from './spending.state';

/**
 * Re-purposing designated money (R5): the donor's consent reference and the policy's approvers
 * for the amount, as a disbursement of it would need. The whole available money of the pool is
 * held from the request; the approval that completes the number releases it.
 */
export function requestRestrictionRelease(command: RequestRestrictionRelease, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const restriction = inflows.restrictions.get(command.restrictionId);
  if (!restriction) return notFound('restriction', command.restrictionId);
  if (isSuspenseRestriction(restriction.restrictionId)) return suspenseProblem(restriction.restrictionId);
  const newComponent = command.newComponent ?? restriction.component;
  if (!fund.components.includes(newComponent)) {
    return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${newComponent}"`, { component: newComponent, known: fund.components });
  }
  const pool = poolKeyOf(restriction.component, restriction.restrictionId);
  // What is released is what the pool holds from today on: money dated later stays paid for.
  const available = availableFrom(state, inflows, pool, command.now);
  const goods = freeGoodsOf(state, inflows, pool, command.now);
  const amount = available.amount.gt(0) ? available.amount : new MoneyDecimal(0);
  if (amount.isZero() && goods.length === 0) return insufficient(pool, new MoneyDecimal(1), available);
  // Goods alone are released on one approval at least, as money is.
  const approvalsRequired = Math.max(goods.length > 0 ? 1 : 0, approversRequired(policyAt(fund, command.now), amount));
  return accept({
    type: 'RestrictionReleaseRequested',
    data: {
      fundId: fund.fundId, releaseRequestId: restrictionReleaseIdOf(state.restrictionReleases.size + 1), restrictionId: restriction.restrictionId,
      component: restriction.component, campaignId: restriction.campaignId, amount: amount.toFixed(), ...(goods.length > 0 ? { items: goods } : {}),
      newComponent, newPurpose: command.newPurpose,
      consentRef: command.consentRef, approvalsRequired, requestedBy: command.actor.userId, requestedAt: command.now,
    },
  });
}

/** Every item of a pool's stock free from `businessDate` on, as a release would move it. */
function freeGoodsOf(state: SpendingState, inflows: Inflows, pool: string, businessDate: string): DistributionItem[] {
  const named = new Map<string, StockItem>([...(inflows.inKindByPool.get(pool) ?? []), ...(state.itemsMovedByPool.get(pool) ?? [])]);
  const goods: DistributionItem[] = [];
  for (const [key, item] of [...named].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const free = freeStockFrom(inflows.inKindByPool, inflows.inKindDatedByPool, state, pool, key, businessDate).amount;
    if (free.gt(0)) goods.push({ description: item.description, quantity: free.toFixed(), unit: item.unit });
  }
  return goods;
}

export function approveRestrictionRelease(command: ApproveRestrictionRelease, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const release = state.restrictionReleases.get(command.releaseRequestId);
  if (!release) return notFound('restriction release', command.releaseRequestId);
  if (release.status !== 'requested') {
    return reject(RejectionCode.INVALID_STATE, `Restriction release ${release.releaseRequestId} is ${release.status}`, { status: release.status }, {
      reason: 'restriction-release', params: { releaseRequestId: release.releaseRequestId },
    });
  }
  if (release.requestedBy === command.actor.userId) return reject(RejectionCode.SELF_APPROVAL_FORBIDDEN, 'Nobody may approve their own request');
  if (release.approvers.includes(command.actor.userId)) {
    return reject(RejectionCode.DUPLICATE_APPROVAL, 'This approver has already approved this restriction release', {
      approvalsRequired: release.approvalsRequired, approvalsCount: release.approvers.length,
    }, { reason: 'restriction-release' });
  }
  const approvalsCount = release.approvers.length + 1;
  const approved = {
    type: 'RestrictionReleaseApproved' as const,
    data: {
      fundId: fund.fundId, releaseRequestId: release.releaseRequestId, approvedBy: command.actor.userId, approvalsCount,
      approvalsRequired: release.approvalsRequired, approvedAt: command.now,
    },
  };
  if (approvalsCount < release.approvalsRequired) return accept(approved);
  const d = release.data;
  return accept<SpendingEvent>(approved, {
    type: 'RestrictionReleased',
    data: {
      fundId: fund.fundId, releaseRequestId: d.releaseRequestId, restrictionId: d.restrictionId, component: d.component, campaignId: d.campaignId,
      amount: d.amount, ...(d.items ? { items: d.items } : {}), newComponent: d.newComponent, newPurpose: d.newPurpose, consentRef: d.consentRef,
      approvedBy: [...release.approvers, command.actor.userId], releasedAt: command.now,
    },
  });
}

/**
 * A campaign's leftovers (R19), once its distribution deadline has passed (its close, for a
 * campaign without one): moved to another campaign's pool or a component's unrestricted money,
 * on the decision that allowed it.
 */
export function reallocateSurplus(command: ReallocateSurplus, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const items = command.items ?? [];
  const amount = command.amount === '0' && items.length > 0 ? { ok: true as const, value: new MoneyDecimal(0) } : parseVnd('amount', command.amount);
  if (!amount.ok) return amount.rejection;
  const campaign = ownEntry(fund.campaigns, command.campaignId);
  if (!campaign) return notFound('campaign', command.campaignId);
  const reallocatedAt = command.reallocatedAt ?? command.now;
  const deadline = campaign.distributeUntil ?? campaign.closedAt;
  if (deadline === null || instantOf(reallocatedAt) <= instantOf(deadline)) {
    return reject(RejectionCode.INVALID_STATE, `Campaign ${campaign.campaignId} is still distributing`, { status: 'distributing', deadline }, {
      reason: 'surplus-too-early', params: { campaignId: campaign.campaignId },
    });
  }
  const restrictionId = campaign.restrictionId;
  let component = command.component;
  if (component === null) {
    // A campaign's pool is in every component its money came into; a campaign without a pool of
    // its own holds its money in the unrestricted pool of each component its money came into.
    const holding = restrictionId === null
      ? [...componentsOfCampaign(state, inflows, campaign.campaignId)]
      : [...componentsOfPool(state, inflows, restrictionId)];
    if (holding.length !== 1) return invalid('component', 'must name the component whose campaign money is moved');
    component = holding[0];
  }
  if (!fund.components.includes(component)) return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${component}"`, { component, known: fund.components });
  const moved = moveTargetOf(fund, command.to, component);
  if (!moved.ok) return moved.rejection;
  const { toComponent, toCampaignId, toRestrictionId } = moved.target;
  if (toCampaignId === campaign.campaignId) return invalid('to.campaignId', 'must be another campaign');
  // The leftovers are what the campaign holds of its own, and its pool must still hold them: a
  // campaign without a pool of its own shares its component's unrestricted pool with other money.
  const from = poolKeyOf(component, restrictionId);
  const shortfall = amount.value.isZero()
    ? undefined
    : shortfallProblem(state, inflows, from, amount.value, reallocatedAt) ?? campaignShortfallProblem(state, inflows, campaign.campaignId, amount.value, reallocatedAt);
  if (shortfall) return shortfall;
  const goods = items.map((item) => ({ description: item.description.trim(), quantity: new MoneyDecimal(item.quantity).toFixed(), unit: item.unit.trim() }));
  const wanted = new Map<string, StockItem>();
  for (const item of goods) addToStock(wanted, item.description, item.unit, item.quantity);
  for (const [key, item] of wanted) {
    const free = freeStockFrom(inflows.inKindByPool, inflows.inKindDatedByPool, state, from, key, reallocatedAt);
    if (item.quantity.gt(free.amount)) return stockShortageRejection(item.description, item.unit, from, free, item.quantity);
    // The campaign's leftover goods are those it holds of its own, as its leftover money is.
    const own = campaignStockFrom(inflows.inKindDatedByCampaign, state, campaign.campaignId, key, reallocatedAt);
    if (item.quantity.gt(own.amount)) return stockShortageRejection(item.description, item.unit, from, own, item.quantity, campaign.campaignId);
  }
  return accept({
    type: 'SurplusReallocated',
    data: {
      fundId: fund.fundId, reallocationId: reallocationIdOf(state.reallocations + 1), campaignId: campaign.campaignId, component, restrictionId,
      amount: amount.value.toFixed(), toComponent, toCampaignId, toRestrictionId, ...(goods.length > 0 ? { items: goods } : {}),
      basis: command.basis, decisionRef: command.decisionRef,
      reallocatedBy: command.actor.userId, reallocatedAt,
    },
  });
}

const QUANTITY = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$/;

/** The goods a reallocation names: each a description, a unit and a positive quantity of at most 6 decimals. */
export function surplusItemsProblem(command: ReallocateSurplus): SpendingDecision | undefined {
  for (const [index, item] of (command.items ?? []).entries()) {
    const blank = blankProblem({ [`items.${index}.description`]: item.description, [`items.${index}.unit`]: item.unit });
    if (blank) return blank;
    if (typeof item.quantity !== 'string' || !QUANTITY.test(item.quantity) || !new MoneyDecimal(item.quantity).gt(0)) {
      return invalid(`items.${index}.quantity`, 'must be a positive number with at most 6 decimals');
    }
  }
  return undefined;
}

/**
 * Foreign currency sold (R17): the VND the bank paid replaces the provisional amount; the
 * difference is the pool's FX gain or loss. A loss the pool can no longer cover is refused
 * (INSUFFICIENT_FUNDS): the money already went out, and the books must say how first.
 */
export function settleFx(command: SettleFx, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const vnd = parseVnd('vndAmount', command.vndAmount);
  if (!vnd.ok) return vnd.rejection;
  const donation = command.donation;
  if (!donation || donation.donationId !== command.donationId) return notFound('donation', command.donationId);
  if (donation.currency === 'VND' || !donation.cash) {
    return reject(RejectionCode.INVALID_STATE, `Donation ${donation.donationId} is not foreign currency`, { status: 'vnd' }, {
      reason: 'fx-not-foreign', params: { donationId: donation.donationId },
    });
  }
  const settled = state.fxSettlements.get(donation.donationId);
  if (settled !== undefined) {
    return reject(RejectionCode.INVALID_STATE, `Donation ${donation.donationId} was settled by ${settled.settlementId}`, { status: 'settled' }, {
      reason: 'fx-settled', params: { donationId: donation.donationId, settlementId: settled.settlementId },
    });
  }
  if (state.reversedDonations.has(donation.donationId)) {
    return reject(RejectionCode.INVALID_STATE, `Donation ${donation.donationId} is reversed`, { status: 'reversed' }, {
      reason: 'fx-reversed', params: { donationId: donation.donationId },
    });
  }
  const early = dateOrderProblem('settledAt', command.settledAt, 'receivedAt', donation.receivedAt);
  if (early) return early;
  const difference = vnd.value.minus(donation.amountVnd);
  const where = whereTheGiftIs(state, inflows, donation, difference, command.settledAt);
  const pool = poolKeyOf(where.component, where.restrictionId);
  if (difference.isNegative()) {
    const shortfall = shortfallProblem(state, inflows, pool, difference.negated(), command.settledAt);
    if (shortfall) return shortfall;
  }
  return accept({
    type: 'FxSettled',
    data: {
      fundId: fund.fundId, settlementId: fxSettlementIdOf(state.fxSettlements.size + 1), donationId: donation.donationId, currency: donation.currency,
      originalAmount: donation.amount, provisionalRate: donation.fxRate, provisionalVnd: donation.amountVnd, settledVnd: vnd.value.toFixed(),
      difference: difference.toFixed(), realisedRate: vnd.value.dividedBy(donation.amount).toDecimalPlaces(6).toFixed(),
      component: where.component, restrictionId: where.restrictionId, campaignId: where.campaignId, reference: command.reference,
      settledBy: command.actor.userId, settledAt: command.settledAt,
    },
  });
}

type GiftPlace = { component: string; restrictionId: string | null; campaignId: string | null };

/**
 * The pool a gift's money sits in now: where late money was assigned out of its suspense pool
 * (R14), or the component's unrestricted money once the donor's consent released its whole
 * restricted pool (R5), or where its campaign's money (its designated pool's) went once the
 * campaign (the pool) holds too little to take the difference (nothing, for a gain; less than a
 * loss): see whereMoneyWent. The gain or loss of selling its currency belongs with that money:
 * the VND moved on was the gift's provisional value.
 */
function whereTheGiftIs(
  state: SpendingState, inflows: Inflows, donation: NonNullable<SettleFx['donation']>, difference: MoneyDecimal, settledAt: string,
): GiftPlace {
  const assigned = state.suspenseAssignments.get(donation.donationId);
  if (assigned) return { component: assigned.toComponent, restrictionId: assigned.toRestrictionId, campaignId: assigned.toCampaignId };
  if (donation.restrictionId !== null) {
    const pool = poolKeyOf(donation.component, donation.restrictionId);
    const release = [...state.restrictionReleases.values()].find((r) => r.pool === pool && r.status === 'released');
    if (release) return { component: release.data.newComponent, restrictionId: null, campaignId: null };
  }
  const absorbs = (held: MoneyDecimal) => (difference.isNegative() ? held.gte(difference.negated()) : held.gt(0));
  const campaignId = campaignOfMovement(donation.campaignId, donation.restrictionId);
  // A donor's designation inside a campaign keeps its own pool, which the campaign's moves leave alone.
  const campaignMoney = campaignId !== null && (donation.restrictionId === null || campaignOfMovement(null, donation.restrictionId) === campaignId);
  if (campaignMoney) {
    const went = absorbs(campaignAvailableFrom(state, inflows, campaignId, settledAt).amount) ? undefined : whereMoneyWent(state, { campaignId }, difference);
    if (went) return went;
  } else if (donation.restrictionId !== null) {
    const pool = poolKeyOf(donation.component, donation.restrictionId);
    const went = absorbs(availableFrom(state, inflows, pool, settledAt).amount) ? undefined : whereMoneyWent(state, { pool }, difference);
    if (went) return went;
  }
  return { component: donation.component, restrictionId: donation.restrictionId, campaignId: donation.campaignId };
}

/**
 * The last move still standing, by business date, of a campaign's money or of a designated pool's
 * out of it: a reallocation's target (leftovers are one sum, gain or loss), or, for a loss, the
 * unrestricted money of the component a transfer left. A gain on money sent to another chapter
 * stays where the gift was, under its purpose (R5), to be sent on or moved by a decision like it.
 */
function whereMoneyWent(state: SpendingState, from: { campaignId: string } | { pool: string }, difference: MoneyDecimal): GiftPlace | undefined {
  const moves: { at: number; place: GiftPlace | undefined }[] = [];
  for (const d of 'campaignId' in from ? state.leftoversMoved.get(from.campaignId) ?? [] : []) {
    if (new MoneyDecimal(d.amount).isZero()) continue;
    moves.push({ at: instantOf(d.reallocatedAt), place: { component: d.toComponent, restrictionId: d.toRestrictionId, campaignId: d.toCampaignId } });
  }
  for (const t of state.transfers.values()) {
    if (t.status === 'rejected' || t.status === 'returned' || t.status === 'reversed') continue;
    const drawn = 'campaignId' in from ? campaignOfMovement(t.campaignId, t.restrictionId) === from.campaignId : t.pool === from.pool;
    if (!drawn) continue;
    moves.push({ at: instantOf(t.requestedAt), place: difference.isNegative() ? { component: t.component, restrictionId: null, campaignId: null } : undefined });
  }
  let last: { at: number; place: GiftPlace | undefined } | undefined;
  for (const move of moves) if (last === undefined || move.at >= last.at) last = move;
  return last?.place;
}

/**
 * The components a campaign without a pool of its own took money into: its gifts' and the
 * transfers taken in for it (the inflows), received money assigned to it and not reversed, late
 * money assigned to it (R14) and another campaign's leftovers moved to it (R19).
 */
function componentsOfCampaign(state: SpendingState, inflows: Inflows, campaignId: string): Set<string> {
  const components = new Set(inflows.componentsByCampaign.get(campaignId) ?? []);
  for (const assignment of state.transferAssignmentLog.values()) {
    if (assignment.toCampaignId === campaignId && assignment.reversalId === null) components.add(assignment.toComponent);
  }
  for (const assignment of state.suspenseAssignments.values()) {
    if (campaignOfMovement(assignment.toCampaignId, assignment.toRestrictionId) === campaignId) components.add(assignment.toComponent);
  }
  for (const moves of state.leftoversMoved.values()) {
    for (const move of moves) if (campaignOfMovement(move.toCampaignId, move.toRestrictionId) === campaignId) components.add(move.toComponent);
  }
  return components;
}

/**
 * The components a campaign's pool is in: those money came into by gifts and transfers (the
 * inflows), and those a move put money into (an assignment of received or late money, another
 * campaign's leftovers).
 */
function componentsOfPool(state: SpendingState, inflows: Inflows, restrictionId: string): Set<string> {
  const keys = [...inflows.cashByPool.keys(), ...[...state.pools].filter(([, pool]) => pool.movedIn.gt(0)).map(([key]) => key)];
  return new Set(keys.filter((key) => key.endsWith(`#${restrictionId}`)).map((key) => key.split('#')[0]));
}
