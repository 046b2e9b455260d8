import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal, ZERO } from '../money';
import { accept, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { campaignOfMovement, poolKeyOf } from './pools';
import type { ReverseEntry } from './spending.commands';
import type { FxSettlementReversed } from './spending.events';
import { entryKindOf, reversalIdOf } from './spending.ids';
import { campaignShortfallProblem, dateOrderProblem, notFound, shortfallProblem, type SpendingDecision } from './spending.rules';
import { openSince, paymentStillOut, type SpendingState } from './spending.state';
import { campaignStockFrom, freeStockFrom, stockKeyOf, stockShortageRejection } from './stock';

/**
 * DATE_BEFORE_REQUEST when the correction is dated before the entry it corrects: it would count in
 * a period before the entry itself (a payment taken back before it was made).
 */
function datedBefore(command: ReverseEntry, entryField: string, entryDate: string): SpendingDecision | undefined {
  return dateOrderProblem('reversedAt', command.reversedAt ?? command.now, entryField, entryDate);
}

/** Every money entry has one correction path here (api-v2 "Corrections"), chosen by its id. */
export function reverseEntry(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  switch (entryKindOf(command.entryId)) {
    case 'donation':
      return reverseDonation(command, state, fund, inflows);
    case 'disbursement':
      return reversePayment(command, state, fund);
    case 'emergency':
      return reverseEmergency(command, state, fund, inflows);
    case 'transfer':
      return reverseTransfer(command, state, fund);
    case 'fee':
      return reverseFee(command, state, fund);
    case 'interest':
      return reverseInterest(command, state, fund, inflows);
    case 'assignment':
      return reverseTransferAssignment(command, state, fund, inflows);
    case 'surplus':
    case 'fx-settlement':
      return notReversible(command.entryId, state);
    case 'unknown':
      return notFound('entry', command.entryId);
  }
}

/**
 * A campaign's leftovers moved (SR-) and a foreign-currency sale (FX-) are money entries with no
 * reversing entry yet: refused as what they are, not as entries that do not exist.
 */
function notReversible(entryId: string, state: SpendingState): SpendingDecision {
  const surplus = [...state.leftoversMoved.values()].some((moves) => moves.some((move) => move.reallocationId === entryId));
  const sale = [...state.fxSettlements.values()].some((settlement) => settlement.settlementId === entryId);
  if (!surplus && !sale) return notFound('entry', entryId);
  const kind = surplus ? 'surplus' : 'fx-settlement';
  return reject(RejectionCode.INVALID_STATE, `Entry ${entryId} (${surplus ? 'a campaign\'s leftovers moved' : 'a foreign-currency sale'}) has no reversing entry`, {
    entryId, kind, reason: 'not-reversible',
  }, { reason: 'not-reversible', params: { entryId, kind } });
}

function reverseDonation(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const donation = command.donation;
  if (!donation || donation.donationId !== command.entryId) return notFound('entry', command.entryId);
  if (state.reversedDonations.has(donation.donationId)) {
    const reversalId = String(state.reversedDonations.get(donation.donationId)?.reversalId);
    return reject(RejectionCode.ALREADY_REVERSED, `Donation ${donation.donationId} was reversed by ${reversalId}`, undefined, {
      reason: 'donation', params: { donationId: donation.donationId, reversalId },
    });
  }
  const early = datedBefore(command, 'receivedAt', donation.receivedAt);
  if (early) return early;
  // Late money assigned out of its suspense pool (R14) is taken back from where it went, so never
  // dated before it went there: a look-back to a day in between would find it given back from a
  // pool that did not hold it yet, and still waiting in suspense.
  const assigned = state.suspenseAssignments.get(donation.donationId);
  const beforeAssignment = assigned ? datedBefore(command, 'assignedAt', assigned.assignedAt) : undefined;
  if (beforeAssignment) return beforeAssignment;
  const component = assigned?.toComponent ?? donation.component;
  const restrictionId = assigned ? assigned.toRestrictionId : donation.restrictionId;
  const campaignId = assigned ? assigned.toCampaignId : donation.campaignId;
  const pool = poolKeyOf(component, restrictionId);
  // Foreign currency the bank bought (R17): the fund holds the VND it paid, gain or loss included,
  // and the reversal takes that back, the settlement's difference with it.
  const settled = donation.cash ? state.fxSettlements.get(donation.donationId) : undefined;
  // Dated before the sale, it would take back VND the fund did not hold yet.
  const beforeSale = settled ? datedBefore(command, 'settledAt', settled.settledAt) : undefined;
  if (beforeSale) return beforeSale;
  const fxSettlement = settled ? {
    settlementId: settled.settlementId, settledVnd: settled.settledVnd, difference: settled.difference,
    component: settled.component, restrictionId: settled.restrictionId, campaignId: settled.campaignId,
  } : undefined;
  const shortfall = donation.cash ? reversalShortfall(state, inflows, pool, donation.amountVnd, fxSettlement, command.reversedAt ?? command.now) : undefined;
  if (shortfall) return shortfall;
  // A campaign without a pool of its own shares its component's unrestricted pool: a gift to it is
  // given back out of what the campaign still holds of its own, never out of the component's other
  // money or goods once the campaign spent it or moved it on as leftovers (R19).
  const ownCampaign = restrictionId === null ? campaignOfMovement(campaignId, restrictionId) : null;
  const reversedAt = command.reversedAt ?? command.now;
  if (donation.cash && ownCampaign !== null) {
    const fromCampaign = fxSettlement && campaignOfMovement(fxSettlement.campaignId, fxSettlement.restrictionId) === ownCampaign
      ? new MoneyDecimal(donation.amountVnd).plus(fxSettlement.difference) : new MoneyDecimal(donation.amountVnd);
    const own = fromCampaign.isPositive() ? campaignShortfallProblem(state, inflows, ownCampaign, fromCampaign, reversedAt) : undefined;
    if (own) return own;
  }
  const items = donation.inKind;
  if (!donation.cash && items) {
    // Items already promised to beneficiaries cannot be taken back out of the stock of the pool they were given to.
    const key = stockKeyOf(items.description, items.unit);
    const free = freeStockFrom(inflows.inKindByPool, inflows.inKindDatedByPool, state, pool, key, reversedAt);
    if (free.amount.lt(items.quantity)) return stockShortageRejection(items.description, items.unit, pool, free, new MoneyDecimal(items.quantity));
    const own = ownCampaign === null ? undefined : campaignStockFrom(inflows.inKindDatedByCampaign, state, ownCampaign, key, reversedAt);
    if (own && own.amount.lt(items.quantity)) return stockShortageRejection(items.description, items.unit, pool, own, new MoneyDecimal(items.quantity), ownCampaign ?? undefined);
  }
  return accept({
    type: 'DonationReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), donationId: donation.donationId, amountVnd: donation.amountVnd,
      component, restrictionId, campaignId, cash: donation.cash,
      inManagementCostBase: donation.inManagementCostBase, fiscalYear: donation.fiscalYear, reason: command.reason,
      reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
      ...(!donation.cash && items ? { inKind: { description: items.description, quantity: items.quantity, unit: items.unit } } : {}),
      ...(fxSettlement ? { fxSettlement } : {}),
      // Only late money is assigned, and it was received in its suspense pool (a restricted one).
      ...(assigned && donation.restrictionId !== null ? { lateMoney: { component: donation.component, restrictionId: donation.restrictionId } } : {}),
    },
  });
}

/**
 * Whether the pools still hold what a cash donation's reversal takes: its provisional VND, and the
 * FX gain its settlement added (a loss is given back first). When the settlement booked its
 * difference in another pool (late money assigned on after it was sold), each pool is checked for
 * its own part.
 */
function reversalShortfall(
  state: SpendingState, inflows: Inflows, pool: string, amountVnd: string, fx: FxSettlementReversed | undefined, reversedAt: string,
): SpendingDecision | undefined {
  const amount = new MoneyDecimal(amountVnd);
  if (!fx) return shortfallProblem(state, inflows, pool, amount, reversedAt);
  const fxPool = poolKeyOf(fx.component, fx.restrictionId);
  if (fxPool === pool) return shortfallProblem(state, inflows, pool, amount.plus(fx.difference), reversedAt);
  const difference = new MoneyDecimal(fx.difference);
  return shortfallProblem(state, inflows, pool, amount, reversedAt)
    ?? (difference.isPositive() ? shortfallProblem(state, inflows, fxPool, difference, reversedAt) : undefined);
}

function reversePayment(command: ReverseEntry, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const disbursement = state.disbursements.get(command.entryId);
  if (!disbursement) return notFound('entry', command.entryId);
  if (disbursement.status === 'reversed') return reject(RejectionCode.ALREADY_REVERSED, `Payment ${disbursement.disbursementId} was already reversed`, undefined, {
    reason: 'payment', params: { disbursementId: disbursement.disbursementId },
  });
  if (disbursement.status !== 'paid') {
    return reject(RejectionCode.INVALID_STATE, `Only a paid disbursement can be reversed; ${disbursement.disbursementId} is ${disbursement.status}`, { status: disbursement.status }, {
      reason: 'reverse-unpaid', params: { disbursementId: disbursement.disbursementId },
    });
  }
  const early = datedBefore(command, 'paidAt', disbursement.paidAt ?? disbursement.requestedAt);
  if (early) return early;
  // Money handed to a household left the fund: a reversal would give the pool the whole amount
  // back, that share with it. Items handed over stay out of the stock as the fold keeps them.
  const handedCash = disbursement.distribution.find((line) => line.amount !== null && disbursement.handovers.get(line.beneficiaryId)?.status === 'received');
  if (handedCash) {
    const params = { disbursementId: disbursement.disbursementId, beneficiaryId: handedCash.beneficiaryId };
    return reject(RejectionCode.INVALID_STATE,
      `Payment ${params.disbursementId} cannot be reversed: ${params.beneficiaryId} already received ${handedCash.amount} VND of it in cash`, {
        status: disbursement.status, beneficiaryId: params.beneficiaryId, amount: handedCash.amount,
      }, { reason: 'reverse-handed-over', params: { ...params, amount: handedCash.amount } });
  }
  // The money of a closed share came back on its own: the reversal gives back only what is still
  // out, and no earlier than the last of it came back (before, that money was still out with the household's officer).
  for (const share of disbursement.moneyReturned.values()) {
    const beforeReturn = datedBefore(command, 'returnedAt', share.returnedAt);
    if (beforeReturn) return beforeReturn;
  }
  const givenBack = paymentStillOut(disbursement);
  return accept({
    type: 'PaymentReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), disbursementId: disbursement.disbursementId,
      amount: disbursement.amount.toFixed(), component: disbursement.component, restrictionId: disbursement.restrictionId,
      reason: command.reason, reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
      ...(givenBack.eq(disbursement.amount) ? {} : { givenBack: givenBack.toFixed() }),
    },
  });
}

/**
 * An emergency entry is corrected by what it is now: a settled release has its settlement
 * reversed and is open again for a new one (its returned money goes out again, so the pool must
 * still hold it); an open release is cancelled and its money comes back; a cancelled one is done.
 */
function reverseEmergency(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const release = state.releases.get(command.entryId);
  if (!release) return notFound('entry', command.entryId);
  if (release.status === 'cancelled') return reject(RejectionCode.ALREADY_REVERSED, `Emergency release ${release.releaseId} was already cancelled`, undefined, {
    reason: 'release', params: { releaseId: release.releaseId },
  });
  const common = {
    fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), releaseId: release.releaseId, amount: release.amount.toFixed(),
    component: release.component, restrictionId: release.restrictionId, campaignId: release.campaignId, reason: command.reason,
    reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
  };
  const opened = openSince(release);
  const early = release.status === 'open'
    ? datedBefore(command, opened.field, opened.at)
    : datedBefore(command, 'settledAt', release.settledAt ?? release.releasedAt);
  if (early) return early;
  if (release.status === 'open') return accept({ type: 'EmergencyReleaseCancelled', data: common });
  const returned = release.returned ?? ZERO;
  const shortfall = shortfallProblem(state, inflows, release.pool, returned, common.reversedAt);
  if (shortfall) return shortfall;
  return accept({
    type: 'EmergencySettlementReversed',
    data: { ...common, spent: (release.spent ?? ZERO).toFixed(), returned: returned.toFixed() },
  });
}

/**
 * A transfer is the sender's to take back only while the money has not arrived: a requested or
 * in-transit transfer is reversed and its held money is in the sender's pool again. Once the
 * receiving chapter took it in, the money is theirs: they send it back by a transfer of their
 * own. A transfer to a ledger elsewhere, once in transit, has its signed note out: the other
 * ledger may have imported it, so only that ledger's chapter can send it back.
 */
function reverseTransfer(command: ReverseEntry, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const transfer = state.transfers.get(command.entryId);
  if (!transfer) return notFound('entry', command.entryId);
  const params = { transferId: transfer.transferId, toFundId: transfer.toFundId };
  if (transfer.status === 'reversed') return reject(RejectionCode.ALREADY_REVERSED, `Transfer ${transfer.transferId} was already reversed`, undefined, { reason: 'transfer', params });
  // A transfer delivered to a ledger elsewhere (its receipt recorded) is received there, as much as one received here.
  if (transfer.status === 'received' || transfer.status === 'delivered') {
    return reject(RejectionCode.INVALID_STATE, `Transfer ${transfer.transferId} was received by ${transfer.toFundId}: that fund sends the money back by a transfer of its own`,
      { status: transfer.status }, { reason: 'reverse-received-transfer', params });
  }
  if (transfer.status === 'returned' || transfer.status === 'rejected') {
    // Its money is back in the pool already.
    return reject(RejectionCode.INVALID_STATE, `Transfer ${transfer.transferId} is ${transfer.status}`, { status: transfer.status }, { reason: 'transfer', params });
  }
  if (transfer.external && transfer.status === 'in_transit') {
    return reject(RejectionCode.INVALID_STATE, `Transfer ${transfer.transferId} to a ledger elsewhere is in transit: its note may be imported there, so only ${transfer.toFundId} can send it back`,
      { status: transfer.status }, { reason: 'reverse-external-transfer', params });
  }
  // Taken back from transit no earlier than it went in transit: dated before, it would come back in no period's report.
  const early = transfer.status === 'in_transit'
    ? datedBefore(command, 'sentAt', transfer.sentAt ?? transfer.requestedAt)
    : datedBefore(command, 'requestedAt', transfer.requestedAt);
  if (early) return early;
  return accept({
    type: 'TransferReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), transferId: transfer.transferId, toFundId: transfer.toFundId,
      amount: transfer.amount.toFixed(), component: transfer.component, restrictionId: transfer.restrictionId, campaignId: transfer.campaignId,
      statusBefore: transfer.status, reason: command.reason, reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
    },
  });
}

/** A bank fee booked wrongly (a line read as a fee that was not one): no longer a management cost. */
function reverseFee(command: ReverseEntry, state: SpendingState, fund: OpenFundState): SpendingDecision {
  const fee = state.fees.get(command.entryId);
  if (!fee) return notFound('entry', command.entryId);
  if (fee.reversed) return reject(RejectionCode.ALREADY_REVERSED, `Bank fee ${fee.feeId} was already reversed`, undefined, { reason: 'fee', params: { feeId: fee.feeId } });
  const early = datedBefore(command, 'chargedAt', fee.chargedAt);
  if (early) return early;
  return accept({
    type: 'BankFeeReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), feeId: fee.feeId, amount: fee.amount, component: fee.component,
      campaignId: fee.campaignId, fiscalYear: fee.fiscalYear, rowId: fee.source.rowId, reason: command.reason, reversedBy: command.actor.userId,
      reversedAt: command.reversedAt ?? command.now,
    },
  });
}

/** Interest booked wrongly: no longer revenue, so the pool must still hold it. */
function reverseInterest(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const interest = state.interest.get(command.entryId);
  if (!interest) return notFound('entry', command.entryId);
  if (interest.reversed) {
    return reject(RejectionCode.ALREADY_REVERSED, `Interest ${interest.interestId} was already reversed`, undefined, { reason: 'interest', params: { interestId: interest.interestId } });
  }
  const early = datedBefore(command, 'creditedAt', interest.creditedAt);
  if (early) return early;
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(interest.component, null), new MoneyDecimal(interest.amount), command.reversedAt ?? command.now);
  if (shortfall) return shortfall;
  return accept({
    type: 'InterestReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), interestId: interest.interestId, amount: interest.amount,
      component: interest.component, campaignId: interest.campaignId, fiscalYear: interest.fiscalYear, rowId: interest.source.rowId,
      reason: command.reason, reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
    },
  });
}

/**
 * Received money assigned to a campaign by mistake: the reversal puts it back in the pool the
 * receipt put it in, on its own date (never before the assignment), only while the campaign still
 * holds all of it (its pool, or for a campaign without a pool of its own, its own money in its
 * component), once. The transfer may then be assigned again.
 */
function reverseTransferAssignment(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const assignment = state.transferAssignmentLog.get(command.entryId);
  if (!assignment) return notFound('entry', command.entryId);
  const params = { assignmentId: assignment.assignmentId, transferId: assignment.transferId };
  if (assignment.reversalId !== null) {
    return reject(RejectionCode.ALREADY_REVERSED, `Assignment ${assignment.assignmentId} of transfer ${assignment.transferId} was reversed by ${assignment.reversalId}`, undefined, {
      reason: 'assignment', params: { ...params, reversalId: assignment.reversalId },
    });
  }
  const reversedAt = command.reversedAt ?? command.now;
  const early = datedBefore(command, 'assignedAt', assignment.assignedAt);
  if (early) return early;
  const amount = new MoneyDecimal(assignment.amount);
  const campaignPool = poolKeyOf(assignment.toComponent, assignment.toRestrictionId);
  const receiptPool = poolKeyOf(assignment.component, assignment.restrictionId);
  const shortfall = campaignPool === receiptPool ? undefined : shortfallProblem(state, inflows, campaignPool, amount, reversedAt);
  if (shortfall) return shortfall;
  // A campaign without a pool of its own holds its money in its component's unrestricted pool, beside the component's other money.
  const own = assignment.toRestrictionId === null ? campaignShortfallProblem(state, inflows, assignment.toCampaignId, amount, reversedAt) : undefined;
  if (own) return own;
  return accept({
    type: 'TransferAssignmentReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), assignmentId: assignment.assignmentId, transferId: assignment.transferId,
      fromFundId: assignment.fromFundId, ...(assignment.fromLedger === undefined ? {} : { fromLedger: assignment.fromLedger }),
      amount: assignment.amount, component: assignment.component, restrictionId: assignment.restrictionId,
      toComponent: assignment.toComponent, toCampaignId: assignment.toCampaignId, toRestrictionId: assignment.toRestrictionId,
      reason: command.reason, reversedBy: command.actor.userId, reversedAt,
    },
  });
}
