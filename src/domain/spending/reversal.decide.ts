import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal, ZERO } from '../money';
import { accept, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { poolKeyOf } from './pools';
import type { ReverseEntry } from './spending.commands';
import { entryKindOf, reversalIdOf } from './spending.ids';
import { notFound, shortfallProblem, type SpendingDecision } from './spending.rules';
import type { SpendingState } from './spending.state';
import { freeStock, stockKeyOf } from './stock';

/** Every money entry has one correction path here (api-v2 "Corrections"), chosen by its id. */
export function reverseEntry(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  switch (entryKindOf(command.entryId)) {
    case 'donation':
      return reverseDonation(command, state, fund, inflows);
    case 'disbursement':
      return reversePayment(command, state, fund);
    case 'emergency':
      return reverseEmergency(command, state, fund, inflows);
    case 'unknown':
      return notFound('entry', command.entryId);
  }
}

function reverseDonation(command: ReverseEntry, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const donation = command.donation;
  if (!donation || donation.donationId !== command.entryId) return notFound('entry', command.entryId);
  if (state.reversedDonations.has(donation.donationId)) {
    const reversalId = String(state.reversedDonations.get(donation.donationId));
    return reject(RejectionCode.ALREADY_REVERSED, `Donation ${donation.donationId} was reversed by ${reversalId}`, undefined, {
      reason: 'donation', params: { donationId: donation.donationId, reversalId },
    });
  }
  const pool = poolKeyOf(donation.component, donation.restrictionId);
  const amount = new MoneyDecimal(donation.amountVnd);
  const shortfall = donation.cash ? shortfallProblem(state, inflows, pool, amount) : undefined;
  if (shortfall) return shortfall;
  const items = donation.inKind;
  if (!donation.cash && items) {
    // Items already promised to beneficiaries cannot be taken back out of the stock.
    const free = freeStock(inflows.inKindReceived, state, stockKeyOf(items.description, items.unit));
    if (free.lt(items.quantity)) {
      return reject(RejectionCode.INSUFFICIENT_STOCK, `In-kind stock holds ${free.toFixed()} ${items.unit} of ${items.description}, asked ${new MoneyDecimal(items.quantity).toFixed()}`, {
        item: items.description, unit: items.unit, available: free.toFixed(), requested: new MoneyDecimal(items.quantity).toFixed(),
      });
    }
  }
  return accept({
    type: 'DonationReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), donationId: donation.donationId, amountVnd: donation.amountVnd,
      component: donation.component, restrictionId: donation.restrictionId, campaignId: donation.campaignId, cash: donation.cash,
      inManagementCostBase: donation.inManagementCostBase, fiscalYear: donation.fiscalYear, reason: command.reason,
      reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
      ...(!donation.cash && items ? { inKind: { description: items.description, quantity: items.quantity, unit: items.unit } } : {}),
    },
  });
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
  return accept({
    type: 'PaymentReversed',
    data: {
      fundId: fund.fundId, reversalId: reversalIdOf(state.reversals + 1), disbursementId: disbursement.disbursementId,
      amount: disbursement.amount.toFixed(), component: disbursement.component, restrictionId: disbursement.restrictionId,
      reason: command.reason, reversedBy: command.actor.userId, reversedAt: command.reversedAt ?? command.now,
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
  if (release.status === 'open') return accept({ type: 'EmergencyReleaseCancelled', data: common });
  const returned = release.returned ?? ZERO;
  const shortfall = shortfallProblem(state, inflows, release.pool, returned);
  if (shortfall) return shortfall;
  return accept({
    type: 'EmergencySettlementReversed',
    data: { ...common, spent: (release.spent ?? ZERO).toFixed(), returned: returned.toFixed() },
  });
}
