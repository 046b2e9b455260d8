/**
 * Who may pay, and what paying too early says: SELF_PAYMENT_FORBIDDEN unless the policy allows a
 * one-person chapter (payerMayBeRequester); approvals counted in the answer and in the refusal.
 */
import {
  ACCOUNTANT, approve, APPROVER_A, APPROVER_B, disbursementApproved, disbursementId, disbursementRequested, donationRecorded, fundOpened,
  pay, policyChanged,
} from './builders';
import { SpendingDecider } from './given-when-then';

const fund = fundOpened();
const money = donationRecorded({ sequence: 1, amountVnd: '200000000' });
const DB1 = disbursementId(1);
const big = disbursementRequested({ sequence: 1, amount: '120000000', approvalsRequired: 2 });

describe('SELF_PAYMENT_FORBIDDEN: the payer is not the requester (finding 12)', () => {
  const approved = [disbursementRequested({ sequence: 1 }), disbursementApproved(1)];

  it('refuses the requester as payer by default', () => {
    SpendingDecider.given(...approved).withFund(fund).withDonations(money)
      .when(pay(DB1, { userId: ACCOUNTANT }))
      .thenRejects('SELF_PAYMENT_FORBIDDEN', { requestedBy: ACCOUNTANT });
  });

  it('lets the requester pay when the policy allows it (payerMayBeRequester)', () => {
    SpendingDecider.given(...approved).withFund(fund, policyChanged({ payerMayBeRequester: true })).withDonations(money)
      .when(pay(DB1, { userId: ACCOUNTANT }))
      .thenMatches({ type: 'DisbursementPaid', data: { paidBy: ACCOUNTANT } });
  });

  it('lets anyone else pay', () => {
    SpendingDecider.given(...approved).withFund(fund).withDonations(money).when(pay(DB1, { userId: APPROVER_B })).thenMatches({ type: 'DisbursementPaid' });
  });
});

describe('Approvals counted (finding 13)', () => {
  it('records how many approvals are required on each approval', () => {
    SpendingDecider.given(big).withFund(fund).withDonations(money)
      .when(approve(DB1, APPROVER_A))
      .thenMatches({ data: { approvalsCount: 1, approvalsRequired: 2, fullyApproved: false } });
  });

  it('refuses paying a request not fully approved with "needs 2 approvals, has 1" (INVALID_STATE)', () => {
    const outcome = SpendingDecider.given(big, disbursementApproved(1, APPROVER_A, { approvalsCount: 1, fullyApproved: false }))
      .withFund(fund).withDonations(money)
      .when(pay(DB1, { userId: APPROVER_B }));
    outcome.thenRejects('INVALID_STATE', { approvalsRequired: 2, approvalsCount: 1, status: 'requested' });
    expect(outcome.rejection.message).toContain('needs 2 approvals, has 1');
  });

  it('says "has 0" for a request nobody approved yet', () => {
    const outcome = SpendingDecider.given(big).withFund(fund).withDonations(money).when(pay(DB1));
    outcome.thenRejects('INVALID_STATE', { approvalsRequired: 2, approvalsCount: 0 });
    expect(outcome.rejection.message).toContain('needs 2 approvals, has 0');
  });
});
