/**
 * Style rule 1: deciders are pure. Every given/when/then scenario already decides twice and
 * deep-compares state, context and command before and after (see given-when-then.ts); this suite
 * says it once more, out loud, on a state that has seen every kind of event.
 */
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import { decideFund } from '../../src/domain/fund/fund.decide';
import { decideSpending, type SpendingContext } from '../../src/domain/spending/spending.decide';
import type { SpendingCommand } from '../../src/domain/spending/spending.commands';
import { decideUsers } from '../../src/domain/users/users.decide';
import {
  approve, campaignClosed, campaignCreated, changePolicy, closeCampaign, createCampaign, createUser, deactivateUser, disbursementApproved,
  disbursementId, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded, donationReversed, emergencyReleased,
  emergencyReleaseSettled, FLOOD, FUND_ID, fundOpened, openFund, pay, paymentReversed, policyChanged, recordDonation, rejectDisbursement,
  releaseEmergency, releaseId, requestDisbursement, reverseEntry, settleEmergency, userCreated, userDeactivated,
} from './builders';
import { donationStreamStateOf, fundStateOf, inflowsOf, snapshot, spendingStateOf, usersStateOf } from './given-when-then';

const fundEvents = [fundOpened(), policyChanged({ emergencyReleaseCap: '40000000' }), campaignCreated(), campaignClosed(FLOOD.campaignId, '2024-10-30T00:00:00+07:00')];
const donations = [
  donationRecorded({ sequence: 1, amountVnd: '300000000' }),
  donationRecorded({ sequence: 2, amountVnd: '80000000', component: 'emergency-relief' }),
  donationRecorded({ sequence: 3, amountVnd: '5000000', restriction: { purpose: 'Học bổng', beneficiary: 'Em Lê Văn C' } }),
  donationRecorded({ sequence: 4, amountVnd: '9000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt }),
  donationRecorded({ sequence: 5, amountVnd: '7000000', channel: 'in_kind' }),
];
const requested = disbursementRequested({ sequence: 3, amount: '2000000' });
const spendingEvents = [
  disbursementRequested({ sequence: 1, amount: '150000000', approvalsRequired: 2 }),
  disbursementApproved(1, 'approver-1', { approvalsCount: 1, fullyApproved: false }),
  disbursementRequested({ sequence: 2, amount: '1000000' }),
  disbursementRejected(2),
  requested,
  disbursementApproved(3),
  disbursementPaid(3),
  paymentReversed(requested, 1),
  disbursementRequested({ sequence: 4, amount: '1000000', kind: 'humanitarian' }),
  disbursementApproved(4),
  emergencyReleased({ sequence: 1, amount: '20000000' }),
  emergencyReleaseSettled(1, '15000000', '5000000'),
  emergencyReleased({ sequence: 2, amount: '10000000' }),
  donationReversed(donations[4]!, 2),
];

const spendingCommands: SpendingCommand[] = [
  requestDisbursement({ amount: '1000000' }),
  requestDisbursement({ amount: '999999999' }),
  requestDisbursement({ kind: 'management_cost', amount: '1000000' }),
  requestDisbursement({ campaignId: FLOOD.campaignId, amount: '1000000' }),
  requestDisbursement({ restrictionId: donations[2]!.data.donationId, amount: '1' }),
  approve(disbursementId(1), 'approver-2'),
  approve(disbursementId(1), 'approver-1'),
  approve(disbursementId(4)),
  rejectDisbursement(disbursementId(1)),
  pay(disbursementId(4)),
  pay(disbursementId(4), { certificationRef: 'UBND-xa-12/QD' }),
  releaseEmergency({ amount: '40000000' }),
  releaseEmergency({ amount: '40000001' }),
  settleEmergency(releaseId(2), '4000000', '6000000'),
  settleEmergency(releaseId(1), '20000000', '0'),
  reverseEntry(donations[0]!.data.donationId, donations[0]!),
  reverseEntry(donations[4]!.data.donationId, donations[4]!),
  reverseEntry(disbursementId(3)),
  reverseEntry('DB-000404'),
];

function expectPure<Decision>(decideOnce: () => Decision, observed: () => unknown): void {
  const before = snapshot(observed());
  const first = decideOnce();
  expect(snapshot(observed())).toEqual(before);
  const second = decideOnce();
  expect(snapshot(observed())).toEqual(before);
  expect(snapshot(second)).toEqual(snapshot(first));
}

describe('Deciders are pure: same answer twice, nothing they are given changes', () => {
  it.each(spendingCommands.map((command) => [command.type, command] as const))('spending: %s', (_type, command) => {
    const state = spendingStateOf(...spendingEvents);
    const context: SpendingContext = { fundId: FUND_ID, fund: fundStateOf(...fundEvents), inflows: inflowsOf(...donations) };
    expectPure(() => decideSpending(command, state, context), () => ({ state, context, command }));
  });

  it.each([
    ['OpenFund', openFund()],
    ['ChangePolicy', changePolicy({ managementCostCapPercent: '7', approvals: [{ above: '0', approvers: 2 }] })],
    ['CreateCampaign', createCampaign({ campaignId: 'lu-mien-trung-2024' })],
    ['CloseCampaign', closeCampaign(FLOOD.campaignId)],
  ] as const)('fund: %s', (_type, command) => {
    const state = fundStateOf(...fundEvents);
    expectPure(() => decideFund(command, state), () => ({ state, command }));
  });

  it.each([
    ['unrestricted', recordDonation()],
    ['to the campaign', recordDonation({ campaignId: FLOOD.campaignId, receivedAt: FLOOD.receivedAt, restriction: { purpose: 'Trường học', beneficiary: null } })],
    ['after the close', recordDonation({ campaignId: FLOOD.campaignId, receivedAt: '2024-11-01T00:00:00+07:00' })],
  ] as const)('donation: %s', (_what, command) => {
    const stream = donationStreamStateOf(...donations);
    const fund = fundStateOf(...fundEvents);
    expectPure(() => decideRecordDonation(command, stream, fund), () => ({ stream, fund, command }));
  });

  it.each([
    ['CreateUser', createUser('u-moi', ['approver', 'approver'])],
    ['CreateUser (taken)', createUser('u-a')],
    ['DeactivateUser', deactivateUser('u-a')],
    ['DeactivateUser (again)', deactivateUser('u-b')],
  ] as const)('users: %s', (_type, command) => {
    const state = usersStateOf(userCreated('u-a'), userCreated('u-b'), userDeactivated('u-b'));
    expectPure(() => decideUsers(command, state), () => ({ state, command }));
  });
});
