import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal, parseAmount } from '../money';
import { instantOf, vietnamDateOf, shownInVietnamTime } from '../shared/calendar';
import { accept, reject } from '../shared/decision';
import { isBlank, sameName } from '../shared/names';
import { RejectionCode } from '../shared/rejection-codes';
import type { AidFacts, CorrectHandover, RecordHandover, RequestDisbursement, ReturnShareMoney } from './spending.commands';
import {
  HANDOVER_STATUSES, NEED_CATEGORIES, type DistributionLine, type DuplicateOverride, type EarlierAid, type HandoverStatus,
} from './spending.events';
import { periodClosedRejection } from '../fund/fund.periods';
import { blankProblem, businessDateProblem, dateOrderProblem, invalid, notFound, parseVnd, policyAt, type SpendingDecision } from './spending.rules';
import type { Inflows } from './inflows';
import type { SpendingState } from './spending.state';
import { addToStock, freeStockFrom, stockShortageRejection, type StockItem } from './stock';
import { shareIsAid } from './aid-records';

/** Lines one disbursement may carry: a commune's Tết list fits many times over. */
export const MAX_DISTRIBUTION_LINES = 10_000;
export const DEFAULT_DUPLICATE_AID_WINDOW_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The distribution fields of a request, checked on the command alone: the need, each line (a
 * beneficiary once, an amount or items), and line amounts that add up to no more than the request.
 */
export function distributionInputProblem(command: RequestDisbursement): SpendingDecision | undefined {
  const lines = command.distribution ?? null;
  const need = command.needCategory ?? null;
  if (need !== null && !(NEED_CATEGORIES as readonly string[]).includes(need)) return invalid('needCategory', `must be one of ${NEED_CATEGORIES.join(', ')}`);
  if (lines === null) return command.overrideDuplicate ? invalid('overrideDuplicate', 'is only for a request with a distribution') : undefined;
  if (need === null) return invalid('needCategory', 'is required with a distribution');
  if (lines.length === 0) return invalid('distribution', 'must name at least one beneficiary');
  if (lines.length > MAX_DISTRIBUTION_LINES) return invalid('distribution', `must have at most ${MAX_DISTRIBUTION_LINES} lines`);
  const seen = new Set<string>();
  // Whole dong add up as integers: a list of thousands of lines is summed without decimal objects.
  let total = 0n;
  for (const [index, line] of lines.entries()) {
    const field = `distribution.${index}`;
    if (typeof line.beneficiaryId !== 'string' || isBlank(line.beneficiaryId)) return invalid(`${field}.beneficiaryId`, 'must not be blank');
    if (seen.has(line.beneficiaryId)) return invalid(`${field}.beneficiaryId`, `${line.beneficiaryId} is on the list twice`);
    seen.add(line.beneficiaryId);
    const hasAmount = line.amount !== undefined && line.amount !== null;
    const hasItems = line.items !== undefined && line.items !== null;
    if (hasAmount === hasItems) return invalid(field, 'must give either an amount or items');
    if (hasAmount) {
      if (!WHOLE_VND.test(line.amount as string)) {
        const amount = parseVnd(`${field}.amount`, line.amount as string);
        return amount.ok ? invalid(`${field}.amount`, 'must be a whole VND amount') : amount.rejection;
      }
      total += BigInt(line.amount as string);
    } else {
      const items = line.items as NonNullable<typeof line.items>;
      if (items.length === 0) return invalid(`${field}.items`, 'must name at least one item');
      for (const [itemIndex, item] of items.entries()) {
        const blank = blankProblem({ [`${field}.items.${itemIndex}.description`]: item.description, [`${field}.items.${itemIndex}.unit`]: item.unit });
        if (blank) return blank;
        if (!isQuantity(item.quantity)) return invalid(`${field}.items.${itemIndex}.quantity`, 'must be a positive number with at most 6 decimals');
      }
    }
  }
  // Compared with the amount as the request records it: "500000.0" is 500,000 VND, as "500000" is.
  const requested = parseAmount(command.amount);
  if (requested.ok && new MoneyDecimal(total.toString()).gt(requested.value)) {
    return invalid('distribution', `its amounts add up to ${total.toString()} VND, more than the ${requested.value.toFixed()} VND requested`);
  }
  if (command.overrideDuplicate && isBlank(command.overrideDuplicate.reason ?? '')) return invalid('overrideDuplicate.reason', 'must not be blank');
  return undefined;
}

/** A positive whole VND amount of at most 10^15 (the ledger's largest), as an amount line gives it. */
const WHOLE_VND = /^[1-9][0-9]{0,14}$|^1000000000000000$/;
const QUANTITY = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$/;

/** A quantity of an item: a positive plain decimal with at most 6 decimals (grams of a kilogram, and finer). */
function isQuantity(text: unknown): text is string {
  return typeof text === 'string' && QUANTITY.test(text) && new MoneyDecimal(text).gt(0);
}

/** Whole Vietnam calendar days between two business dates, either way round. */
export function daysApart(left: string, right: string): number {
  return Math.abs(Date.parse(vietnamDateOf(left)) - Date.parse(vietnamDateOf(right))) / DAY_MS;
}

/**
 * The lines of a request as they are recorded, or the rejection: a beneficiary the registry does
 * not know is NOT_FOUND; the same beneficiary helped for the same need less than the policy's
 * window before or after (its requests' business dates, in whole Vietnam days), by this fund or
 * another of the ledger, is DUPLICATE_AID unless the request says why it helps again.
 */
export function decideDistribution(
  command: RequestDisbursement, state: SpendingState, fund: OpenFundState, requestedAt: string, inflows: Inflows, pool: string,
  designated: { restrictionId: string; beneficiary: string } | null,
): { rejection: SpendingDecision } | { lines: DistributionLine[]; need: string; override: DuplicateOverride | null } | undefined {
  const inputs = command.distribution ?? null;
  if (inputs === null) return undefined;
  const need = command.needCategory as string;
  const facts = command.aidFacts ?? { beneficiaries: {}, elsewhere: [] };
  const lines: DistributionLine[] = [];
  for (const input of inputs) {
    const known = Object.prototype.hasOwnProperty.call(facts.beneficiaries, input.beneficiaryId) ? facts.beneficiaries[input.beneficiaryId] : undefined;
    if (!known) return { rejection: notFound('beneficiary', input.beneficiaryId) };
    lines.push({
      beneficiaryId: input.beneficiaryId, name: known.name, commune: known.commune, matchKey: known.matchKey,
      amount: input.amount === undefined || input.amount === null ? null : input.amount,
      items: input.items === undefined || input.items === null ? null
        : input.items.map((item) => ({ description: item.description.trim(), quantity: new MoneyDecimal(item.quantity).toFixed(), unit: item.unit.trim() })),
    });
  }
  // Money designated for a named person (R5) is handed to that person only, whatever the request's payee says.
  const stranger = designated === null ? undefined : lines.find((line) => !sameName(line.name, designated.beneficiary));
  if (designated && stranger) {
    return {
      rejection: reject(RejectionCode.RESTRICTION_MISMATCH, `Pool ${designated.restrictionId} may be paid only to ${designated.beneficiary}`, {
        restrictionId: designated.restrictionId, beneficiary: designated.beneficiary, beneficiaryId: stranger.beneficiaryId,
      }, { reason: 'beneficiary' }),
    };
  }
  const windowDays = policyAt(fund, requestedAt).duplicateAidWindowDays ?? DEFAULT_DUPLICATE_AID_WINDOW_DAYS;
  const earlier = windowDays === 0 ? [] : earlierAid(lines, need, requestedAt, windowDays, state, fund.fundId, facts.elsewhere);
  if (earlier.length === 0 || command.overrideDuplicate) {
    const shortage = stockShortage(lines, state, inflows, pool, requestedAt);
    if (shortage) return { rejection: shortage };
    return { lines, need, override: earlier.length === 0 ? null : { reason: (command.overrideDuplicate as { reason: string }).reason.trim(), earlier } };
  }
  const first = earlier[0];
  return {
    rejection: reject(RejectionCode.DUPLICATE_AID,
      `${first.beneficiaryId} already had aid for ${need} in ${first.disbursementId} of fund ${first.fundId} (${shownInVietnamTime(first.requestedAt)}), `
        + `inside the ${windowDays}-day window`,
      {
        beneficiaryId: first.beneficiaryId, need, earlierFundId: first.fundId, earlierDisbursementId: first.disbursementId,
        earlierRequestedAt: first.requestedAt, windowDays, duplicates: earlier.length,
        earlier: earlier.map((aid) => `${aid.beneficiaryId}:${aid.fundId}/${aid.disbursementId}`),
      }),
  };
}

/**
 * INSUFFICIENT_STOCK when the items of a distribution are more than the stock received in kind
 * into the request's pool still holds unpromised: received, less reversed donations, less what
 * standing distributions from that pool promised. Stock is never promised twice, so it never goes
 * below zero, and items given for one purpose or campaign never go to another (R5).
 */
function stockShortage(lines: readonly DistributionLine[], state: SpendingState, inflows: Inflows, pool: string, requestedAt: string): SpendingDecision | undefined {
  const wanted = new Map<string, StockItem>();
  for (const line of lines) for (const item of line.items ?? []) addToStock(wanted, item.description, item.unit, item.quantity);
  for (const [key, item] of wanted) {
    const free = freeStockFrom(inflows.inKindByPool, inflows.inKindDatedByPool, state, pool, key, requestedAt);
    if (item.quantity.gt(free.amount)) return stockShortageRejection(item.description, item.unit, pool, free, item.quantity);
  }
  return undefined;
}

function earlierAid(
  lines: DistributionLine[], need: string, requestedAt: string, windowDays: number, state: SpendingState, fundId: string,
  elsewhere: AidFacts['elsewhere'],
): EarlierAid[] {
  const inside = (other: string) => daysApart(requestedAt, other) < windowDays;
  const found: EarlierAid[] = [];
  const keys = new Map<string, string[]>();
  for (const line of lines) keys.set(line.matchKey, [...(keys.get(line.matchKey) ?? []), line.beneficiaryId]);
  for (const line of lines) {
    for (const aid of state.aidByBeneficiary.get(line.beneficiaryId) ?? []) {
      // A share closed as not delivered is aid nobody received; goods handed over were, whatever became of the payment.
      if (aid.need !== need || !inside(aid.requestedAt) || !shareIsAid(state.disbursements.get(aid.disbursementId), line.beneficiaryId)) continue;
      found.push({ fundId, disbursementId: aid.disbursementId, beneficiaryId: line.beneficiaryId, need, requestedAt: aid.requestedAt });
    }
  }
  for (const aid of elsewhere) {
    if (aid.need !== need || !inside(aid.requestedAt)) continue;
    const underKey = keys.get(aid.matchKey) ?? [];
    // In this fund, a beneficiary's own aid was found above: what comes from it here is another registry entry of the same household.
    const same = (aid.forBeneficiaryIds?.filter((id) => underKey.includes(id)) ?? underKey).filter((id) => aid.fundId !== fundId || id !== aid.beneficiaryId);
    for (const beneficiaryId of same) {
      found.push({ fundId: aid.fundId, disbursementId: aid.disbursementId, beneficiaryId, need, requestedAt: aid.requestedAt });
    }
  }
  return found;
}

/** The input checks of a hand-over, its correction, or a closed share's money given back. */
export function shareInputProblem(command: RecordHandover | CorrectHandover | ReturnShareMoney): SpendingDecision | undefined {
  switch (command.type) {
    case 'RecordHandover':
      return handoverInputProblem(command);
    case 'CorrectHandover':
      return handoverCorrectionInputProblem(command);
    case 'ReturnShareMoney':
      return shareMoneyReturnInputProblem(command);
  }
}

export function handoverInputProblem(command: RecordHandover): SpendingDecision | undefined {
  if (!(HANDOVER_STATUSES as readonly string[]).includes(command.status)) return invalid('status', `must be one of ${HANDOVER_STATUSES.join(', ')}`);
  if (Number.isNaN(instantOf(command.handedOverAt))) return invalid('handedOverAt', 'must be an ISO 8601 timestamp');
  if (command.evidenceRef !== null && isBlank(command.evidenceRef)) return invalid('evidenceRef', 'must not be blank');
  if (command.closed === true && command.status === 'received') return invalid('closed', 'closes only an absent or refused share');
  return businessDateProblem('handedOverAt', command.handedOverAt, command.now);
}

/**
 * A hand-over of one beneficiary's share: the request must be approved or paid (a requested,
 * rejected or reversed one hands nothing out), a share once received stays received, and a
 * humanitarian request hands a share out only once it names the commune's certification (R11).
 * A refusal's details name its reason (disbursement, handed-over, share-closed): a hand-over sent
 * late from a phone's outbox is told apart as one a team-mate already recorded (nothing to do) or
 * one the books refuse although the household may have been given its share (to report).
 */
export function recordHandover(command: RecordHandover, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  if (!disbursement.distribution.some((line) => line.beneficiaryId === command.beneficiaryId)) {
    return notFound('distribution-line', command.beneficiaryId);
  }
  if (disbursement.status !== 'approved' && disbursement.status !== 'paid') {
    return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status, reason: 'disbursement' }, {
      reason: 'disbursement', params: { disbursementId: disbursement.disbursementId },
    });
  }
  const earlier = disbursement.handovers.get(command.beneficiaryId);
  if (earlier?.status === 'received') {
    return reject(RejectionCode.INVALID_STATE, `${command.beneficiaryId} already received their share of ${disbursement.disbursementId}`, {
      status: 'received', handedOverAt: earlier.handedOverAt, reason: 'handed-over',
    }, { reason: 'handed-over', params: { beneficiaryId: command.beneficiaryId, disbursementId: disbursement.disbursementId } });
  }
  if (earlier?.closed) {
    return reject(RejectionCode.INVALID_STATE, `The share of ${command.beneficiaryId} on ${disbursement.disbursementId} was closed as not delivered`, {
      status: earlier.status, closed: true, handedOverAt: earlier.handedOverAt, reason: 'share-closed',
    }, { reason: 'share-closed', params: { beneficiaryId: command.beneficiaryId, disbursementId: disbursement.disbursementId } });
  }
  const early = dateOrderProblem('handedOverAt', command.handedOverAt, 'requestedAt', disbursement.requestedAt);
  if (early) return early;
  // A share received is the aid paid out to that household: humanitarian aid only against the list's certification (R11).
  if (command.status === 'received' && disbursement.kind === 'humanitarian' && !disbursement.certificationRef) {
    return reject(RejectionCode.CERTIFICATION_REQUIRED,
      `Humanitarian disbursement ${disbursement.disbursementId} is handed out only against the commune People's Committee certification of its beneficiaries`, {
        disbursementId: disbursement.disbursementId,
      }, { reason: 'handover', params: { disbursementId: disbursement.disbursementId } });
  }
  return accept({
    type: 'HandoverRecorded',
    data: {
      fundId: fund.fundId, disbursementId: disbursement.disbursementId, beneficiaryId: command.beneficiaryId, status: command.status as HandoverStatus,
      handedOverAt: command.handedOverAt, evidenceRef: command.evidenceRef === null ? null : command.evidenceRef.trim(),
      recordedBy: command.actor.userId, recordedAt: command.now, ...(command.closed === true ? { closed: true as const } : {}),
    },
  });
}

export function handoverCorrectionInputProblem(command: CorrectHandover): SpendingDecision | undefined {
  return blankProblem({ beneficiaryId: command.beneficiaryId, reason: command.reason }) ?? businessDateProblem('correctedAt', command.correctedAt, command.now);
}

/**
 * Sets aside the last hand-over of a share, recorded in error, with its reason: the share is again
 * as it stood before it. The hand-over corrected must not be dated in a closed period (what that
 * period handed out is reported), and a share whose last hand-over was already corrected has
 * nothing more to correct until a new hand-over is recorded. A closed share of a standing request
 * set aside promises its items again, so they must still be free in the pool's stock from the date
 * the closing freed them. On a rejected or reversed request the correction is taken too: goods
 * wrongly recorded as handed out go back to the stock rather than staying out for ever.
 */
export function correctHandover(command: CorrectHandover, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  const line = disbursement.distribution.find((candidate) => candidate.beneficiaryId === command.beneficiaryId);
  if (!line) return notFound('distribution-line', command.beneficiaryId);
  const params = { beneficiaryId: command.beneficiaryId, disbursementId: disbursement.disbursementId };
  const returned = disbursement.moneyReturned.get(command.beneficiaryId);
  if (returned) {
    return reject(RejectionCode.INVALID_STATE,
      `The money of ${command.beneficiaryId}'s closed share on ${disbursement.disbursementId} was returned to the fund on ${shownInVietnamTime(returned.returnedAt)}: the closing stands`, {
        returnedAt: returned.returnedAt, amount: returned.amount.toFixed(),
      }, { reason: 'share-money-returned', params: { ...params, returnedAt: returned.returnedAt } });
  }
  const withheld = disbursement.status === 'paid' ? disbursement.withheld.get(command.beneficiaryId) : undefined;
  if (withheld) return shareNotPaid(disbursement.disbursementId, command.beneficiaryId, withheld);
  const correction = disbursement.handoverCorrections.get(command.beneficiaryId);
  if (correction) {
    return reject(RejectionCode.INVALID_STATE, `The last hand-over of ${command.beneficiaryId} on ${disbursement.disbursementId} was already corrected; record a new hand-over before correcting again`, {
      correctedAt: correction.correctedAt, correctedBy: correction.correctedBy,
    }, { reason: 'handover-corrected', params });
  }
  const last = disbursement.handovers.get(command.beneficiaryId);
  if (!last) return notFound('handover', command.beneficiaryId);
  const closed = periodClosedRejection(fund, last.handedOverAt);
  if (closed) return closed;
  const correctedAt = command.correctedAt ?? command.now;
  const early = dateOrderProblem('correctedAt', correctedAt, 'handedOverAt', last.handedOverAt);
  if (early) return early;
  const standing = disbursement.status !== 'rejected' && disbursement.status !== 'reversed';
  if (last.closed && standing) {
    const wanted = new Map<string, StockItem>();
    for (const item of line.items ?? []) addToStock(wanted, item.description, item.unit, item.quantity);
    for (const [key, item] of wanted) {
      const free = freeStockFrom(inflows.inKindByPool, inflows.inKindDatedByPool, state, disbursement.pool, key, last.handedOverAt);
      if (item.quantity.gt(free.amount)) return stockShortageRejection(item.description, item.unit, disbursement.pool, free, item.quantity);
    }
  }
  const entry = (handover: NonNullable<typeof last.previous>) => ({
    status: handover.status, handedOverAt: handover.handedOverAt, evidenceRef: handover.evidenceRef, recordedBy: handover.recordedBy,
    ...(handover.closed ? { closed: true as const } : {}),
  });
  return accept({
    type: 'HandoverCorrected',
    data: {
      fundId: fund.fundId, disbursementId: disbursement.disbursementId, beneficiaryId: command.beneficiaryId,
      corrected: entry(last), restored: last.previous ? entry(last.previous) : null,
      reason: command.reason.trim(), correctedAt, recordedBy: command.actor.userId, recordedAt: command.now,
    },
  });
}

export function shareMoneyReturnInputProblem(command: ReturnShareMoney): SpendingDecision | undefined {
  return blankProblem({ beneficiaryId: command.beneficiaryId, evidenceRef: command.evidenceRef }) ?? businessDateProblem('returnedAt', command.returnedAt, command.now);
}

/**
 * The money of a cash share closed as not delivered, given back to the fund by whoever carried
 * it. Only a paid request's money went out (an approved one paid nothing yet), only a share with
 * an amount carried money, only a closed share will never be handed over, and a share's money
 * comes back once. It is dated no earlier than the payment and the closing hand-over.
 */
export function returnShareMoney(command: ReturnShareMoney, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.disbursementId);
  if (!disbursement) return notFound('disbursement', command.disbursementId);
  const line = disbursement.distribution.find((candidate) => candidate.beneficiaryId === command.beneficiaryId);
  if (!line) return notFound('distribution-line', command.beneficiaryId);
  const params = { beneficiaryId: command.beneficiaryId, disbursementId: disbursement.disbursementId };
  if (disbursement.status !== 'paid') {
    return reject(RejectionCode.INVALID_STATE,
      `Disbursement ${disbursement.disbursementId} is ${disbursement.status}: only the money of a paid request went out, and only it comes back`, {
        status: disbursement.status,
      }, { reason: 'share-money-not-paid', params: { ...params, status: disbursement.status } });
  }
  const withheld = disbursement.withheld.get(command.beneficiaryId);
  if (withheld) return shareNotPaid(disbursement.disbursementId, command.beneficiaryId, withheld);
  if (line.amount === null || new MoneyDecimal(line.amount).isZero()) {
    return reject(RejectionCode.INVALID_STATE, `The share of ${command.beneficiaryId} on ${disbursement.disbursementId} carries no money`, {
      amount: line.amount,
    }, { reason: 'share-no-cash', params });
  }
  const earlier = disbursement.moneyReturned.get(command.beneficiaryId);
  if (earlier) {
    return reject(RejectionCode.ALREADY_EXISTS,
      `The money of ${command.beneficiaryId}'s share on ${disbursement.disbursementId} was returned on ${shownInVietnamTime(earlier.returnedAt)}`, {
        entity: 'shareMoneyReturn', ...params, amount: earlier.amount.toFixed(), returnedAt: earlier.returnedAt, evidenceRef: earlier.evidenceRef,
        recordedBy: earlier.recordedBy,
      }, { reason: 'share-money-returned', params: { ...params, returnedAt: earlier.returnedAt } });
  }
  const closing = disbursement.handovers.get(command.beneficiaryId);
  if (!closing?.closed) {
    return reject(RejectionCode.INVALID_STATE,
      `The share of ${command.beneficiaryId} on ${disbursement.disbursementId} is not closed as not delivered: its money may still be handed over`, {
        status: closing?.status ?? null,
      }, { reason: 'share-not-closed', params });
  }
  const returnedAt = command.returnedAt ?? command.now;
  const early = dateOrderProblem('returnedAt', returnedAt, 'paidAt', disbursement.paidAt ?? disbursement.requestedAt)
    ?? dateOrderProblem('returnedAt', returnedAt, 'handedOverAt', closing.handedOverAt);
  if (early) return early;
  return accept({
    type: 'ShareMoneyReturned',
    data: {
      fundId: fund.fundId, disbursementId: disbursement.disbursementId, beneficiaryId: command.beneficiaryId, amount: new MoneyDecimal(line.amount).toFixed(),
      component: disbursement.component, restrictionId: disbursement.restrictionId, campaignId: disbursement.campaignId,
      returnedAt, evidenceRef: command.evidenceRef.trim(), recordedBy: command.actor.userId, recordedAt: command.now,
    },
  });
}

/**
 * A share closed before the payment was left out of it: no money of it went out, so none comes
 * back, and its closing stands while the payment does (set aside, it would be owed money never paid).
 */
function shareNotPaid(disbursementId: string, beneficiaryId: string, amount: MoneyDecimal): SpendingDecision {
  return reject(RejectionCode.INVALID_STATE,
    `The share of ${beneficiaryId} on ${disbursementId} was closed before the payment, which left it out: no money of it went out, and the closing stands`, {
      withheld: true, amount: amount.toFixed(),
    }, { reason: 'share-not-paid', params: { beneficiaryId, disbursementId } });
}
