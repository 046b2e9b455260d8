/**
 * Transfers between chapters' funds (R16; api-v2 "Between chapters"): decided in the sender's
 * spending stream, so they draw on the same pools as disbursements and emergency releases.
 */
import type { ApproveTransfer, ReceiveTransfer, RejectTransfer, RequestTransfer, ReturnTransfer } from '../../src/domain/spending/spending.commands';
import type { TransferApproved, TransferReceived, TransferRequested } from '../../src/domain/spending/spending.events';
import { evolveInflowsByTransfer } from '../../src/domain/spending/inflows';
import { availableInPool } from '../../src/domain/spending/spending.decide';
import {
  ACCOUNTANT, APPROVER_A, APPROVER_B, campaignCreated, disbursementRequested, donationRecorded, FLOOD, FUND_ID, fundOpened, NOW, periodClosed,
  requestDisbursement,
} from './builders';
import { inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const PROVINCE = 'ctd-tinh';
const TR1 = `TR-${FUND_ID}-000001`;
const fund = fundOpened();
const province = fundOpened({ fundId: PROVINCE });
const oneMillion = donationRecorded({ sequence: 1, amountVnd: '1000000' });

function requestTransfer(overrides: Partial<Omit<RequestTransfer, 'type'>> = {}): RequestTransfer {
  return {
    type: 'RequestTransfer', toFundId: PROVINCE, amount: '400000', component: 'general', campaignId: null, restrictionId: null,
    purpose: 'Chuyển tiền ủng hộ lên Hội cấp tỉnh', note: null, requestedAt: null, actor: { userId: ACCOUNTANT }, now: NOW, ...overrides,
  };
}
const approveTransfer = (transferId = TR1, userId = APPROVER_A, approvedAt: string | null = null): ApproveTransfer => ({
  type: 'ApproveTransfer', transferId, note: null, approvedAt, actor: { userId }, now: NOW,
});
const rejectTransfer = (transferId = TR1): RejectTransfer => ({ type: 'RejectTransfer', transferId, reason: 'Sai đơn vị nhận', actor: { userId: APPROVER_A }, now: NOW });
const receiveTransfer = (overrides: Partial<Omit<ReceiveTransfer, 'type'>> = {}): ReceiveTransfer => ({
  type: 'ReceiveTransfer', transferId: TR1, toFundId: PROVINCE, receivedAt: null, campaignId: null, actor: { userId: 'accountant-province' }, now: NOW, ...overrides,
});
const returnTransfer = (overrides: Partial<Omit<ReturnTransfer, 'type'>> = {}): ReturnTransfer => ({
  type: 'ReturnTransfer', transferId: TR1, toFundId: PROVINCE, reason: 'Không thuộc địa bàn', returnedAt: null,
  actor: { userId: 'accountant-province' }, now: NOW, ...overrides,
});

function transferRequested(overrides: Partial<TransferRequested['data']> = {}): TransferRequested {
  return {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, external: false, amount: '400000', component: 'general', campaignId: null,
      restrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển tiền ủng hộ lên Hội cấp tỉnh', note: null,
      approvalsRequired: 1, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: NOW, ...overrides,
    },
  };
}
const transferApproved = (approvedBy = APPROVER_A, approvalsCount = 1, approvalsRequired = 1): TransferApproved => ({
  type: 'TransferApproved',
  data: { fundId: FUND_ID, transferId: TR1, approvedBy, note: null, approvalsCount, approvalsRequired, fullyApproved: approvalsCount >= approvalsRequired, approvedAt: NOW },
});

describe('Transfers: requesting (R16; api-v2 "Between chapters")', () => {
  it('holds the amount at once in the sender\'s pool, numbered per sender, with the approvals the policy asks', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).withCounterpart(province)
      .when(requestTransfer())
      .then(transferRequested());
    const state = spendingStateOf(transferRequested());
    expect(availableInPool(state, inflowsOf(oneMillion), 'general').toFixed()).toBe('600000');
  });

  it('refuses one dong more than the pool holds, counting disbursements already held (INSUFFICIENT_FUNDS)', () => {
    SpendingDecider.given(disbursementRequested({ sequence: 1, amount: '700000' })).withFund(fund).withDonations(oneMillion).withCounterpart(province)
      .when(requestTransfer({ amount: '300001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { pool: 'general', requested: '300001', available: '300000' });
  });

  it('a held transfer leaves a disbursement only what is left: the two draw on one pool', () => {
    SpendingDecider.given(transferRequested({ amount: '900000' })).withFund(fund).withDonations(oneMillion)
      .when(requestDisbursement({ amount: '100001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { available: '100000' });
  });

  it('a transfer above the second tier needs two approvers, as a disbursement does', () => {
    const big = donationRecorded({ sequence: 1, amountVnd: '500000000' });
    SpendingDecider.given().withFund(fund).withDonations(big).withCounterpart(province)
      .when(requestTransfer({ amount: '150000000' }))
      .thenMatches({ data: { approvalsRequired: 2, amount: '150000000' } });
  });

  it('is to another fund than the sender (VALIDATION_FAILED on toFundId)', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion).withCounterpart(fund)
      .when(requestTransfer({ toFundId: FUND_ID }))
      .thenRejects('VALIDATION_FAILED', { field: 'toFundId' });
  });

  it('to a fund this ledger does not hold is external: it travels by a signed note', () => {
    SpendingDecider.given().withFund(fund).withDonations(oneMillion)
      .when(requestTransfer({ toFundId: 'ctd-trung-uong' }))
      .thenMatches({ data: { toFundId: 'ctd-trung-uong', external: true } });
  });

  it('into a component the receiving fund lacks is UNKNOWN_COMPONENT', () => {
    SpendingDecider.given().withFund(fundOpened({ components: ['general', 'nuoc-sach'] })).withDonations(donationRecorded({ sequence: 1, component: 'nuoc-sach' }))
      .withCounterpart(province)
      .when(requestTransfer({ component: 'nuoc-sach', amount: '1000' }))
      .thenRejects('UNKNOWN_COMPONENT', { component: 'nuoc-sach' });
  });

  it('carries a designated donation\'s purpose and beneficiary with the money (R5, R16)', () => {
    const gift = donationRecorded({ sequence: 1, amountVnd: '2000000', restriction: { purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M' } });
    SpendingDecider.given().withFund(fund).withDonations(gift).withCounterpart(province)
      .when(requestTransfer({ restrictionId: gift.data.donationId, amount: '2000000' }))
      .thenMatches({ data: { restrictionId: gift.data.donationId, restrictionPurpose: 'Chữa bệnh', restrictionBeneficiary: 'Nguyễn Thị M' } });
  });

  it('from a disaster campaign\'s pool belongs to the campaign however the pool was named', () => {
    const flood = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
    SpendingDecider.given().withFund(fund, campaignCreated()).withDonations(flood).withCounterpart(province)
      .when(requestTransfer({ restrictionId: FLOOD.pool, amount: '5000000', now: FLOOD.now }))
      .thenMatches({ data: { restrictionId: FLOOD.pool, campaignId: FLOOD.campaignId } });
  });

  it('names a disaster campaign\'s pool for the receiver in Vietnamese, by the campaign\'s name', () => {
    const flood = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
    SpendingDecider.given().withFund(fund, campaignCreated({ name: 'Ủng hộ bão Yagi' })).withDonations(flood).withCounterpart(province)
      .when(requestTransfer({ campaignId: FLOOD.campaignId, amount: '5000000', now: FLOOD.now }))
      .thenMatches({ data: { restrictionPurpose: 'Đợt vận động: Ủng hộ bão Yagi' } });
  });
});

describe('Transfers of a campaign without a pool of its own (R16): what the campaign holds, not its component', () => {
  const TET = 'tet-nhan-ai-2024';
  const tet = campaignCreated({ campaignId: TET, name: 'Tết Nhân ái 2024', kind: 'tet', receiveFrom: '2024-01-01T00:00:00+07:00', receiveUntil: '2024-06-30T00:00:00+07:00' });
  const tetGift = donationRecorded({ sequence: 1, amountVnd: '1000000', campaignId: TET, receivedAt: '2024-05-01T10:00:00+07:00' });
  const general = donationRecorded({ sequence: 2, amountVnd: '9000000', receivedAt: '2024-05-01T10:00:00+07:00' });

  it('5,000,000 of a campaign that received 1,000,000 is INSUFFICIENT_FUNDS, however much its component holds', () => {
    SpendingDecider.given().withFund(fund, tet).withDonations(tetGift, general).withCounterpart(province)
      .when(requestTransfer({ campaignId: TET, amount: '5000000' }))
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET, requested: '5000000', available: '1000000' });
  });

  it('sends what the campaign received less what was spent for it, to the dong', () => {
    const spent = disbursementRequested({ sequence: 1, amount: '400000', campaignId: TET, requestedAt: '2024-05-02T09:00:00+07:00' });
    SpendingDecider.given(spent).withFund(fund, tet).withDonations(tetGift, general).withCounterpart(province)
      .when(requestTransfer({ campaignId: TET, amount: '600000' }))
      .thenMatches({ type: 'TransferRequested', data: { campaignId: TET, restrictionId: null, amount: '600000' } });
    SpendingDecider.given(spent).withFund(fund, tet).withDonations(tetGift, general).withCounterpart(province)
      .when(requestTransfer({ campaignId: TET, amount: '600001' }))
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET, available: '600000' });
  });

  it('counts what the campaign holds at the close of the transfer\'s business date, not money it receives later', () => {
    const later = donationRecorded({ sequence: 3, amountVnd: '4000000', campaignId: TET, receivedAt: '2024-05-10T10:00:00+07:00' });
    SpendingDecider.given().withFund(fund, tet).withDonations(tetGift, later, general).withCounterpart(province)
      .when(requestTransfer({ campaignId: TET, amount: '2000000', requestedAt: '2024-05-05T09:00:00+07:00' }))
      .thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET, available: '1000000', asOf: '2024-05-05' });
  });

  it('the component\'s general money still goes without naming the campaign', () => {
    SpendingDecider.given().withFund(fund, tet).withDonations(tetGift, general).withCounterpart(province)
      .when(requestTransfer({ amount: '5000000' }))
      .thenMatches({ type: 'TransferRequested', data: { campaignId: null, amount: '5000000' } });
  });
});

describe('Transfers: approval per policy', () => {
  it('one approval puts a one-approver transfer in transit', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).when(approveTransfer()).then(transferApproved());
    expect(spendingStateOf(transferRequested(), transferApproved()).transfers.get(TR1)?.status).toBe('in_transit');
  });

  it('nobody approves their own transfer; nobody approves twice; a second approver completes two', () => {
    const two = transferRequested({ approvalsRequired: 2 });
    SpendingDecider.given(two).withFund(fund).when(approveTransfer(TR1, ACCOUNTANT)).thenRejects('SELF_APPROVAL_FORBIDDEN');
    SpendingDecider.given(two, transferApproved(APPROVER_A, 1, 2)).withFund(fund).when(approveTransfer(TR1, APPROVER_A)).thenRejects('DUPLICATE_APPROVAL');
    SpendingDecider.given(two, transferApproved(APPROVER_A, 1, 2)).withFund(fund).when(approveTransfer(TR1, APPROVER_B))
      .thenMatches({ data: { approvalsCount: 2, fullyApproved: true } });
  });

  it('a rejected transfer frees its money; an approved one can no longer be rejected', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).when(rejectTransfer()).thenMatches({ type: 'TransferRejected' });
    const state = spendingStateOf(transferRequested(), { type: 'TransferRejected', data: { fundId: FUND_ID, transferId: TR1, rejectedBy: APPROVER_A, reason: 'x', rejectedAt: NOW } });
    expect(availableInPool(state, inflowsOf(oneMillion), 'general').toFixed()).toBe('1000000');
    SpendingDecider.given(transferRequested(), transferApproved()).withFund(fund).when(rejectTransfer())
      .thenRejects('INVALID_STATE', { status: 'in_transit' });
  });

  it('an unknown transfer is NOT_FOUND', () => {
    SpendingDecider.given().withFund(fund).when(approveTransfer('TR-ctd-hcm-000009')).thenRejects('NOT_FOUND', { entity: 'transfer' });
  });

  it('takes the approval\'s business date, so a past transfer goes in transit on the day it did; not before its request, nor in a closed period, nor later than tomorrow', () => {
    const requested = transferRequested({ requestedAt: '2024-03-29T09:00:00+07:00' });
    SpendingDecider.given(requested).withFund(fund).when(approveTransfer(TR1, APPROVER_A, '2024-03-29T11:00:00+07:00'))
      .thenMatches({ type: 'TransferApproved', data: { approvedAt: '2024-03-29T11:00:00+07:00', fullyApproved: true } });
    const approvedBack = { ...transferApproved(), data: { ...transferApproved().data, approvedAt: '2024-03-29T11:00:00+07:00' } };
    expect(spendingStateOf(requested, approvedBack).transfers.get(TR1)?.sentAt).toBe('2024-03-29T11:00:00+07:00');
    SpendingDecider.given(requested).withFund(fund).when(approveTransfer(TR1, APPROVER_A, '2024-03-28T11:00:00+07:00'))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'approvedAt' });
    SpendingDecider.given(requested).withFund(fund, periodClosed('2024-Q1', '2024-01-01', '2024-03-31', '2024-04-10T09:00:00+07:00'))
      .when(approveTransfer(TR1, APPROVER_A, '2024-03-29T11:00:00+07:00')).thenRejects('PERIOD_CLOSED', { period: '2024-Q1' });
    SpendingDecider.given(requested).withFund(fund).when(approveTransfer(TR1, APPROVER_A, '2099-01-01T00:00:00+07:00'))
      .thenRejects('FUTURE_DATE', { field: 'approvedAt' });
  });
});

describe('Transfers: received or returned by the receiving chapter', () => {
  const inTransit = [transferRequested(), transferApproved()] as const;

  it('received: the money leaves the sender for good and enters the receiver\'s same pool', () => {
    SpendingDecider.given(...inTransit).withFund(fund).withCounterpart(province)
      .when(receiveTransfer())
      .then({
        type: 'TransferReceived',
        data: {
          fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, amount: '400000', component: 'general', restrictionId: null,
          receivedRestrictionId: null, receivedCampaignId: null, campaignId: null, restrictionPurpose: null, restrictionBeneficiary: null,
          receivedBy: 'accountant-province', receivedAt: NOW,
        },
      });
  });

  it('a requested transfer is not yet received; a received one is neither received again nor returned', () => {
    SpendingDecider.given(transferRequested()).withFund(fund).withCounterpart(province).when(receiveTransfer()).thenRejects('INVALID_STATE', { status: 'requested' });
    const received: TransferReceived = {
      type: 'TransferReceived',
      data: {
        fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, amount: '400000', component: 'general', restrictionId: null, receivedRestrictionId: null, receivedCampaignId: null,
        campaignId: null, restrictionPurpose: null, restrictionBeneficiary: null, receivedBy: 'accountant-province', receivedAt: NOW,
      },
    };
    SpendingDecider.given(...inTransit, received).withFund(fund).withCounterpart(province).when(receiveTransfer()).thenRejects('INVALID_STATE', { status: 'received' });
    SpendingDecider.given(...inTransit, received).withFund(fund).withCounterpart(province).when(returnTransfer()).thenRejects('INVALID_STATE', { status: 'received' });
  });

  it('only the fund it was sent to receives it (NOT_FOUND for any other)', () => {
    SpendingDecider.given(...inTransit).withFund(fund).withCounterpart(fundOpened({ fundId: 'ctd-khac' }))
      .when(receiveTransfer({ toFundId: 'ctd-khac' }))
      .thenRejects('NOT_FOUND', { entity: 'transfer' });
  });

  it('a receipt dated in a period the receiver closed is PERIOD_CLOSED', () => {
    SpendingDecider.given(...inTransit).withFund(fund).withCounterpart(province, { ...periodClosed('2024-05', '2024-05-01', '2024-05-31'), data: { ...periodClosed('2024-05', '2024-05-01', '2024-05-31').data, fundId: PROVINCE } })
      .when(receiveTransfer())
      .thenRejects('PERIOD_CLOSED');
  });

  it('a receipt or a return dated before the transfer went in transit is DATE_BEFORE_REQUEST (no period would report it)', () => {
    const approvedLater = { ...transferApproved(), data: { ...transferApproved().data, approvedAt: '2024-05-10T10:00:00+07:00' } };
    const sent = [transferRequested({ requestedAt: '2024-05-01T10:00:00+07:00' }), approvedLater] as const;
    SpendingDecider.given(...sent).withFund(fund).withCounterpart(province)
      .when(receiveTransfer({ receivedAt: '2024-05-09T10:00:00+07:00' }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'receivedAt', value: '2024-05-09T10:00:00+07:00', sentAt: '2024-05-10T10:00:00+07:00' });
    SpendingDecider.given(...sent).withFund(fund).withCounterpart(province)
      .when(returnTransfer({ returnedAt: '2024-05-09T10:00:00+07:00' }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'returnedAt', sentAt: '2024-05-10T10:00:00+07:00' });
    // A transfer needing no approval is in transit from its request's business date.
    SpendingDecider.given(transferRequested({ approvalsRequired: 0, requestedAt: '2024-05-10T10:00:00+07:00' })).withFund(fund).withCounterpart(province)
      .when(receiveTransfer({ receivedAt: '2024-05-09T10:00:00+07:00' }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'receivedAt', sentAt: '2024-05-10T10:00:00+07:00' });
    SpendingDecider.given(...sent).withFund(fund).withCounterpart(province)
      .when(receiveTransfer({ receivedAt: '2024-05-10T10:00:00+07:00' }))
      .thenMatches({ type: 'TransferReceived', data: { receivedAt: '2024-05-10T10:00:00+07:00' } });
  });

  it('a receipt dated in a period the sender closed is PERIOD_CLOSED: the money would leave the sender\'s transit in its closed books', () => {
    const senderClosedMay = periodClosed('2024-05', '2024-05-01', '2024-05-31', '2024-06-03T09:00:00+07:00');
    SpendingDecider.given(...inTransit).withFund(fund, senderClosedMay).withCounterpart(province)
      .when(receiveTransfer({ receivedAt: '2024-05-20T10:00:00+07:00', now: '2024-06-05T10:00:00+07:00' }))
      .thenRejects('PERIOD_CLOSED', { period: '2024-05' });
    SpendingDecider.given(...inTransit).withFund(fund, senderClosedMay).withCounterpart(province)
      .when(receiveTransfer({ receivedAt: '2024-06-04T10:00:00+07:00', now: '2024-06-05T10:00:00+07:00' }))
      .thenMatches({ type: 'TransferReceived', data: { receivedAt: '2024-06-04T10:00:00+07:00' } });
  });

  it('a return dated in a period the sender closed is PERIOD_CLOSED: the money would come back into the sender\'s closed books', () => {
    const senderClosedMay = periodClosed('2024-05', '2024-05-01', '2024-05-31', '2024-06-03T09:00:00+07:00');
    SpendingDecider.given(...inTransit).withFund(fund, senderClosedMay).withCounterpart(province)
      .when(returnTransfer({ returnedAt: '2024-05-20T10:00:00+07:00', now: '2024-06-05T10:00:00+07:00' }))
      .thenRejects('PERIOD_CLOSED', { period: '2024-05' });
    SpendingDecider.given(...inTransit).withFund(fund, senderClosedMay).withCounterpart(province)
      .when(returnTransfer({ returnedAt: '2024-06-04T10:00:00+07:00', now: '2024-06-05T10:00:00+07:00' }))
      .thenMatches({ type: 'TransferReturned', data: { returnedAt: '2024-06-04T10:00:00+07:00' } });
  });

  it('returned: the sender has the money available again', () => {
    SpendingDecider.given(...inTransit).withFund(fund).withCounterpart(province).when(returnTransfer())
      .thenMatches({ type: 'TransferReturned', data: { amount: '400000', reason: 'Không thuộc địa bàn' } });
    const state = spendingStateOf(...inTransit, {
      type: 'TransferReturned',
      data: { fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, amount: '400000', component: 'general', restrictionId: null, campaignId: null, reason: 'x', returnedBy: 'a', returnedAt: NOW },
    });
    expect(availableInPool(state, inflowsOf(oneMillion), 'general').toFixed()).toBe('1000000');
  });

  it('a designated gift arrives as a pool of its own named by the transfer, paid only to its beneficiary (R5)', () => {
    const gift = donationRecorded({ sequence: 1, amountVnd: '2000000', restriction: { purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M' } });
    const requested = transferRequested({ amount: '2000000', restrictionId: gift.data.donationId, restrictionPurpose: 'Chữa bệnh', restrictionBeneficiary: 'Nguyễn Thị M' });
    const outcome = SpendingDecider.given(requested, transferApproved()).withFund(fund).withCounterpart(province).when(receiveTransfer());
    outcome.thenMatches({ data: { restrictionId: gift.data.donationId, receivedRestrictionId: TR1, restrictionPurpose: 'Chữa bệnh' } });
    const received = (outcome.decision as { ok: true; events: TransferReceived[] }).events[0];
    // At the receiver: the pool holds the money, restricted to its purpose and its beneficiary.
    const receiverInflows = evolveInflowsByTransfer(inflowsOf(), received);
    expect(receiverInflows.cashByPool.get(`general#${TR1}`)?.toFixed()).toBe('2000000');
    expect(receiverInflows.restrictions.get(TR1)).toMatchObject({ purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M', component: 'general' });
  });

  it('a campaign\'s money keeps its restriction at the receiver, in a pool named by the transfer: the sender\'s campaign is not the receiver\'s', () => {
    const requested = transferRequested({ restrictionId: FLOOD.pool, campaignId: FLOOD.campaignId, restrictionPurpose: `Campaign ${FLOOD.campaignId}` });
    SpendingDecider.given(requested, transferApproved()).withFund(fund).withCounterpart(province).when(receiveTransfer())
      .thenMatches({ data: { receivedRestrictionId: TR1, receivedCampaignId: null, campaignId: FLOOD.campaignId } });
  });
});
