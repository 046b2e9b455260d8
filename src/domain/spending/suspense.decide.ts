import { closedPeriodHolding } from '../fund/fund.periods';
import type { OpenFundState } from '../fund/fund.state';
import { MoneyDecimal } from '../money';
import { fiscalYearOf } from '../shared/calendar';
import { accept, reject } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { Inflows } from './inflows';
import { isSuspenseRestriction, poolKeyOf } from './pools';
import type { AssignSuspense, ClassifyStatementLine } from './spending.commands';
import type { SpendingEvent } from './spending.events';
import { classificationIdOf, suspenseAssignmentIdOf } from './spending.ids';
import { invalid, moveTargetOf, notFound, shortfallProblem, type SpendingDecision } from './spending.rules';
import type { SpendingState } from './spending.state';

/**
 * Late money (R14) assigned by a decision: the whole donation leaves its campaign's suspense pool
 * for a component's unrestricted money or a campaign's pool (the late campaign's own, when the
 * board accepts it there). Returning it to the donor is the donation's reversal instead.
 */
export function assignSuspense(command: AssignSuspense, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const donation = command.donation;
  if (!donation || donation.donationId !== command.donationId || !isSuspenseRestriction(donation.restrictionId) || !donation.cash) {
    return notFound('suspense donation', command.donationId);
  }
  const params = { donationId: donation.donationId };
  const reversal = state.reversedDonations.get(donation.donationId)?.reversalId;
  if (reversal !== undefined) {
    return reject(RejectionCode.INVALID_STATE, `Donation ${donation.donationId} was returned to the donor by ${reversal}`, { status: 'returned' }, {
      reason: 'suspense-returned', params: { ...params, reversalId: reversal },
    });
  }
  const assigned = state.suspenseAssignments.get(donation.donationId);
  if (assigned) {
    return reject(RejectionCode.INVALID_STATE, `Donation ${donation.donationId} was assigned by ${assigned.assignmentId}`, { status: 'assigned' }, {
      reason: 'suspense-assigned', params: { ...params, assignmentId: assigned.assignmentId },
    });
  }
  const moved = moveTargetOf(fund, command.to, donation.component);
  if (!moved.ok) return moved.rejection;
  const { toComponent, toCampaignId, toRestrictionId } = moved.target;
  const amount = new MoneyDecimal(donation.amountVnd);
  const shortfall = shortfallProblem(state, inflows, poolKeyOf(donation.component, donation.restrictionId), amount, command.now);
  if (shortfall) return shortfall;
  return accept({
    type: 'SuspenseAssigned',
    data: {
      fundId: fund.fundId, assignmentId: suspenseAssignmentIdOf(state.suspenseAssignments.size + 1), donationId: donation.donationId,
      campaignId: donation.campaignId ?? String(donation.restrictionId).slice('suspense:'.length), component: donation.component,
      restrictionId: String(donation.restrictionId), amount: amount.toFixed(), toComponent, toCampaignId, toRestrictionId,
      decisionRef: command.decisionRef, note: command.note, assignedBy: command.actor.userId, assignedAt: command.now,
    },
  });
}

/**
 * The lines linked to one payment may add up to its amount and no more: a payment made in several
 * bank transfers is linked line by line, and a line of another amount (a 5.000.000 debit named as
 * a 400.000 payment) is refused rather than kept as its proof. A transfer's lines are not summed:
 * its debit and the credit of its return may both be linked to it.
 */
function linkedBeyond(state: SpendingState, entryId: string, amount: MoneyDecimal, lineAmount: string): SpendingDecision | undefined {
  const linked = state.linkedDebits.get(entryId) ?? new MoneyDecimal(0);
  const after = linked.plus(lineAmount);
  if (after.lte(amount)) return undefined;
  return reject(
    RejectionCode.VALIDATION_FAILED,
    `reference: ${entryId} is ${amount.toFixed()} VND and lines of ${linked.toFixed()} VND are linked to it: a line of ${new MoneyDecimal(lineAmount).toFixed()} VND would make ${after.toFixed()} VND`,
    { field: 'reference', amount: amount.toFixed(), linked: linked.toFixed(), line: new MoneyDecimal(lineAmount).toFixed() },
  );
}

/**
 * The accountant's decision on a statement line no rule classified. A fee or interest is booked
 * (BankFeeCharged, InterestCredited) with the decision, in the same append; a disbursement names
 * the paid disbursement the line pays, a transfer the transfer it sends; `other` is recorded with
 * its note. Each line is decided once; a booking decided wrongly is reversed (BF-, IN-).
 */
export function classifyStatementLine(command: ClassifyStatementLine, state: SpendingState, fund: OpenFundState, inflows: Inflows): SpendingDecision {
  const found = command.line;
  if (!found || found.data.rowId !== command.rowId || found.data.fundId !== fund.fundId) return notFound('statement line', command.rowId);
  const line = found.data;
  const decided = state.decidedLines.get(line.rowId);
  if (decided !== undefined) {
    return reject(RejectionCode.INVALID_STATE, `Statement line ${line.rowId} was decided by ${decided}`, { status: 'classified' }, {
      reason: 'line-classified', params: { rowId: line.rowId, decidedBy: decided },
    });
  }
  const classified = {
    fundId: fund.fundId, classificationId: classificationIdOf(state.classifications + 1), rowId: line.rowId, statementId: line.statementId, as: command.as,
    amount: line.amount, postedAt: line.postedAt, reference: command.reference, note: command.note, classifiedBy: command.actor.userId, classifiedAt: command.now,
  };
  switch (command.as) {
    case 'fee':
    case 'interest': {
      const fee = command.as === 'fee';
      if (fee !== (line.direction === 'out')) return invalid('as', fee ? 'money that came in is no bank fee' : 'money that went out is no interest');
      const component = command.component ?? fund.components[0];
      if (!fund.components.includes(component)) {
        return reject(RejectionCode.UNKNOWN_COMPONENT, `Fund has no component "${component}"`, { component, known: fund.components });
      }
      // A line of a closed period is booked dated now, in an open period; the line keeps its own date.
      const bookedAt = closedPeriodHolding(fund, line.postedAt) === undefined ? line.postedAt : command.now;
      if (fee) {
        const shortfall = shortfallProblem(state, inflows, poolKeyOf(component, null), new MoneyDecimal(line.amount), bookedAt);
        if (shortfall) return shortfall;
      }
      const common = {
        fundId: fund.fundId, component, campaignId: null, amount: line.amount, fiscalYear: fiscalYearOf(bookedAt), account: line.account,
        memo: line.memo, reference: line.reference, source: { statementSha256: found.statementSha256, line: line.line, rowId: line.rowId, raw: line.raw },
      };
      const booked: SpendingEvent = fee
        ? { type: 'BankFeeCharged', data: { ...common, feeId: `BF-${String(state.bankFeeCount + 1).padStart(6, '0')}`, chargedAt: bookedAt } }
        : { type: 'InterestCredited', data: { ...common, interestId: `IN-${String(state.interestCount + 1).padStart(6, '0')}`, creditedAt: bookedAt } };
      const entryId = booked.type === 'BankFeeCharged' ? booked.data.feeId : booked.type === 'InterestCredited' ? booked.data.interestId : null;
      return accept<SpendingEvent>(booked, { type: 'StatementLineClassified', data: { ...classified, entryId } });
    }
    case 'disbursement': {
      // Money in pays no disbursement: a payout the bank returned is the disbursement's reversal.
      if (line.direction === 'in') return invalid('as', 'money that came in pays no disbursement');
      if (command.reference === null) return invalid('reference', 'must name the paid disbursement (DB-…) the line pays');
      const disbursement = state.disbursements.get(command.reference);
      if (!disbursement) return notFound('disbursement', command.reference);
      if (disbursement.status !== 'paid') {
        return reject(RejectionCode.INVALID_STATE, `Disbursement ${disbursement.disbursementId} is ${disbursement.status}, not paid`, { status: disbursement.status }, {
          reason: 'not-paid', params: { disbursementId: disbursement.disbursementId },
        });
      }
      const paid = [...disbursement.withheld.values()].reduce((sum, share) => sum.minus(share), disbursement.amount);
      const over = linkedBeyond(state, disbursement.disbursementId, paid, line.amount);
      if (over) return over;
      return accept({ type: 'StatementLineClassified', data: { ...classified, entryId: disbursement.disbursementId } });
    }
    case 'transfer': {
      if (command.reference === null) return invalid('reference', 'must name the transfer (TR-…) the line sends');
      const transfer = state.transfers.get(command.reference);
      if (!transfer) return notFound('transfer', command.reference);
      return accept({ type: 'StatementLineClassified', data: { ...classified, entryId: transfer.transferId } });
    }
    case 'other':
      return accept({ type: 'StatementLineClassified', data: { ...classified, entryId: null } });
  }
}
