/**
 * Movements that are neither donations nor payments, as the reports count them (R5, R16, R17,
 * R19), each exactly once:
 * - a transfer leaves its sender on the day it goes in transit (a payment to another fund), comes
 *   back on the day it is returned (a receipt), and enters its receiver on the day it is received
 *   (a receipt); between sending and arrival it is the sender's money in transit, never the
 *   receiver's, so the network counts it once;
 * - a released restriction or a reallocated surplus moves money between pools of one fund: no
 *   receipt and no payment, only the pools' figures change;
 * - foreign currency sold changes the donation's VND by the FX difference, a gain or a loss of its own.
 * Pure functions of the facts and a span, like the builders.
 */
import { MoneyDecimal } from '../domain/money';
import type { FxFact, MovementFacts, PoolMoveFact, TransferFact } from './report-facts';
import type { ReportPeriod } from './report-model';

const ZERO = new MoneyDecimal(0);
const sum = (values: Iterable<string | MoneyDecimal>): MoneyDecimal => {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
};
const byEnd = (ms: number | null, toMs: number | null): boolean => ms !== null && (toMs === null || ms <= toMs);
const within = (ms: number | null, span: ReportPeriod | null): boolean =>
  span !== null && ms !== null && (span.fromMs === null || ms >= span.fromMs) && (span.toMs === null || ms <= span.toMs);

/** True when the fund has any such movement at the position: the reports show their lines and columns then. */
export function hasMovements(movements: MovementFacts): boolean {
  return movements.transfersOut.length + movements.transfersIn.length + movements.poolMoves.length + movements.fx.length > 0;
}

/**
 * A transfer as it stood at `toMs` by business date, or null when it was not requested by then:
 * it is sent only when its sending is dated by then, received or returned only once sent.
 */
export function transferAsOf(t: TransferFact, toMs: number | null): TransferFact | null {
  if (!byEnd(t.requestedAtMs, toMs)) return null;
  const sent = byEnd(t.sentAtMs, toMs);
  const closed = byEnd(t.closedAtMs, toMs) && (t.closedStatus === 'rejected' ? !sent : sent);
  const received = closed && t.closedStatus === 'received';
  return {
    ...t, sentAt: sent ? t.sentAt : null, sentAtMs: sent ? t.sentAtMs : null,
    closedStatus: closed ? t.closedStatus : null, closedAt: closed ? t.closedAt : null, closedAtMs: closed ? t.closedAtMs : null,
    receivedComponent: received ? t.receivedComponent : null, receivedRestrictionId: received ? t.receivedRestrictionId : null,
    receivedCampaignId: received ? t.receivedCampaignId : null,
  };
}

function poolMoveAsOf(m: PoolMoveFact, toMs: number | null): PoolMoveFact | null {
  if (!byEnd(m.requestedAtMs, toMs)) return null;
  return byEnd(m.movedAtMs, toMs) ? m : { ...m, movedAtMs: null };
}

/** The movements as they stood at the period's end: what was not requested or done by then left out. */
export function movementsAsOf(movements: MovementFacts, toMs: number | null): MovementFacts {
  const transfers = (list: TransferFact[]) => list.map((t) => transferAsOf(t, toMs)).filter((t): t is TransferFact => t !== null);
  return {
    transfersOut: transfers(movements.transfersOut),
    transfersIn: transfers(movements.transfersIn),
    poolMoves: movements.poolMoves.map((m) => poolMoveAsOf(m, toMs)).filter((m): m is PoolMoveFact => m !== null),
    fx: movements.fx.filter((f) => byEnd(f.settledAtMs, toMs)).map(({ reversedAtMs, ...f }) => (byEnd(reversedAtMs ?? null, toMs) ? { ...f, reversedAtMs } : f)),
  };
}

/** In transit at the end: sent (as of the end) and neither received nor returned. */
export const inTransit = (t: TransferFact): boolean => t.sentAtMs !== null && t.closedStatus === null;
/** Requested and neither sent nor rejected: held at the sender. */
export const transferHeld = (t: TransferFact): boolean => t.sentAtMs === null && t.closedStatus === null;

const fxDifference = (f: FxFact): MoneyDecimal => new MoneyDecimal(f.settledVnd).minus(f.provisionalVnd);

/** Sums of one fund's movements over a span (already cut at the period's end by movementsAsOf). */
export interface MovementSums {
  /** Sent to other funds (went in transit) in the span. */
  sent: MoneyDecimal;
  /** Of what this fund sent, returned to it by the receiver in the span. */
  returned: MoneyDecimal;
  /** Of what this fund sent, taken back in transit by its own reversal in the span. */
  reversed: MoneyDecimal;
  /** Of what this fund sent, received by the other fund in the span. */
  arrivedThere: MoneyDecimal;
  /** Received from other funds in the span. */
  receivedHere: MoneyDecimal;
  movedOut: MoneyDecimal;
  movedIn: MoneyDecimal;
  fxGain: MoneyDecimal;
  fxLoss: MoneyDecimal;
  fxProvisional: MoneyDecimal;
  fxSettled: MoneyDecimal;
}

/** The sums of `movements` over `span` (null: nothing); `mine` keeps only what concerns a pool or a campaign. */
export function movementSums(movements: MovementFacts, span: ReportPeriod | null, filter?: MovementFilter): MovementSums {
  const out = movements.transfersOut.filter((t) => filter?.sender(t) ?? true);
  const incoming = movements.transfersIn.filter((t) => filter?.receiver(t) ?? true);
  const moves = movements.poolMoves.filter((m) => within(m.movedAtMs, span));
  const mine = movements.fx.filter((f) => filter?.fx(f) ?? true);
  const fx = mine.filter((f) => within(f.settledAtMs, span));
  // A gift reversed after its sale takes its gain or loss back on the reversal's day (R17): the
  // period's gain or loss is net of it, as its receipts are net of the gift's reversal.
  const settled = fx.map(fxDifference);
  const takenBack = mine.filter((f) => within(f.reversedAtMs ?? null, span)).map(fxDifference);
  const gains = (list: MoneyDecimal[]) => sum(list.filter((d) => d.isPositive()));
  const losses = (list: MoneyDecimal[]) => sum(list.filter((d) => d.isNegative()).map((d) => d.negated()));
  return {
    sent: sum(out.filter((t) => within(t.sentAtMs, span)).map((t) => t.amount)),
    returned: sum(out.filter((t) => t.closedStatus === 'returned' && t.reversed !== true && within(t.closedAtMs, span)).map((t) => t.amount)),
    reversed: sum(out.filter((t) => t.closedStatus === 'returned' && t.reversed === true && within(t.closedAtMs, span)).map((t) => t.amount)),
    arrivedThere: sum(out.filter((t) => t.closedStatus === 'received' && within(t.closedAtMs, span)).map((t) => t.amount)),
    receivedHere: sum(incoming.filter((t) => t.closedStatus === 'received' && within(t.closedAtMs, span)).map((t) => t.amount)),
    movedOut: sum(moves.filter((m) => filter?.moveOut(m) ?? false).map((m) => m.amount)),
    movedIn: sum(moves.filter((m) => filter?.moveIn(m) ?? false).map((m) => m.amount)),
    fxGain: gains(settled).minus(gains(takenBack)),
    fxLoss: losses(settled).minus(losses(takenBack)),
    fxProvisional: sum(fx.map((f) => f.provisionalVnd)),
    fxSettled: sum(fx.map((f) => f.settledVnd)),
  };
}

/** What a pool's or a campaign's figures take of each movement. */
export interface MovementFilter {
  sender(t: TransferFact): boolean;
  receiver(t: TransferFact): boolean;
  moveOut(m: PoolMoveFact): boolean;
  moveIn(m: PoolMoveFact): boolean;
  fx(f: FxFact): boolean;
}

/** A campaign's movements: drawn from its money, arriving for it, moved to it. */
export function campaignFilter(campaignId: string): MovementFilter {
  return {
    sender: (t) => t.campaignId === campaignId,
    receiver: (t) => t.receivedCampaignId === campaignId,
    moveOut: (m) => m.campaignId === campaignId,
    moveIn: (m) => m.toCampaignId === campaignId,
    fx: (f) => f.campaignId === campaignId,
  };
}

/** A restricted pool's movements (a released restriction's money goes to its component's unrestricted pool). */
export function poolFilter(restrictionId: string): MovementFilter {
  return {
    sender: (t) => t.restrictionId === restrictionId,
    receiver: (t) => t.receivedRestrictionId === restrictionId,
    moveOut: (m) => m.restrictionId === restrictionId,
    moveIn: (m) => m.kind !== 'release' && m.toRestrictionId === restrictionId,
    fx: (f) => f.restrictionId === restrictionId,
  };
}

/** The whole fund: a move between its own pools is neither in nor out. */
export const FUND_FILTER: MovementFilter = {
  sender: () => true, receiver: () => true, moveOut: () => false, moveIn: () => false, fx: () => true,
};

/** Sent and not yet received or returned at the end, and what is held (requested, not yet sent). */
export function transferPositions(movements: MovementFacts, filter: MovementFilter = FUND_FILTER): { inTransitOut: MoneyDecimal; inTransitIn: MoneyDecimal; held: MoneyDecimal } {
  const out = movements.transfersOut.filter((t) => filter.sender(t));
  return {
    inTransitOut: sum(out.filter(inTransit).map((t) => t.amount)),
    inTransitIn: filter === FUND_FILTER ? sum(movements.transfersIn.filter(inTransit).map((t) => t.amount)) : ZERO,
    held: sum(out.filter(transferHeld).map((t) => t.amount)),
  };
}

/** A restriction release asked for and not yet approved: its money is held in the pool. */
export function releasesHeld(movements: MovementFacts, restrictionId: string): MoneyDecimal {
  return sum(movements.poolMoves.filter((m) => m.kind === 'release' && m.restrictionId === restrictionId && m.movedAtMs === null).map((m) => m.amount));
}
