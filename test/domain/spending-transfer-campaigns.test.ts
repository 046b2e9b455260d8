/**
 * Money another chapter sent for one of ITS campaigns (R16, R19): at the receiver it is money of
 * the transfer's kind (a restricted pool named by the transfer, or unrestricted money), never the
 * receiver's campaign of the same id; it is one of the receiver's campaigns' own money only when
 * the receiving accountant names that campaign on receipt. A campaign's own money in a fund comes
 * only from that fund's campaigns, so its leftovers, its transfers onward and its report count
 * only what the fund gathered or took in for it.
 */
import type { AssignTransferToCampaign, ReallocateSurplus, ReceiveTransfer, RequestTransfer, ReverseEntry } from '../../src/domain/spending/spending.commands';
import type { SpendingEvent, TransferApproved, TransferReceived, TransferRequested } from '../../src/domain/spending/spending.events';
import { evolveInflowsByTransfer } from '../../src/domain/spending/inflows';
import { campaignAvailableFrom } from '../../src/domain/spending/spending.rules';
import { upcast } from '../../src/domain/upcasters';
import { decideRecordDonation } from '../../src/domain/donation/donation.decide';
import { ACCOUNTANT, APPROVER_A, campaignClosed, campaignCreated, donationRecorded, FLOOD, FUND_ID, fundOpened, periodClosed, plusDays, recordDonation } from './builders';
import { donationStreamStateOf, fundStateOf, inflowsOf, SpendingDecider, spendingStateOf } from './given-when-then';

const PROVINCE = 'ctd-tinh';
const CENTRAL = 'ctd-trung-uong';
const TR1 = `TR-${FUND_ID}-000001`;
const TET = 'tet-nhan-ai-2024';
const SENT_AT = FLOOD.now;
const RECEIVED_ON = '2024-09-16T10:00:00+07:00';
const afterDeadline = plusDays(FLOOD.receiveUntil, 21);

const commune = fundOpened();
const province = fundOpened({ fundId: PROVINCE });
const provinceFlood = campaignCreated();
const provinceTet = campaignCreated({ campaignId: TET, name: 'Tết Nhân ái 2024', kind: 'tet', receiveFrom: '2024-01-01T00:00:00+07:00', receiveUntil: '2024-12-31T00:00:00+07:00' });
const provinceOther = campaignCreated({ campaignId: 'lu-mien-trung-2024', name: 'Lũ miền Trung 2024' });

/** The province's own 1,000,000 for its flood campaign and its Tết campaign. */
const ownFlood = donationRecorded({ sequence: 1, amountVnd: '1000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt });
const ownTet = donationRecorded({ sequence: 2, amountVnd: '1000000', campaignId: TET, receivedAt: FLOOD.receivedAt });

function sent(overrides: Partial<TransferRequested['data']> = {}): [TransferRequested, TransferApproved] {
  return [
    {
      type: 'TransferRequested',
      data: {
        fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, external: false, amount: '5000000', component: 'general', campaignId: FLOOD.campaignId,
        restrictionId: FLOOD.pool, restrictionPurpose: 'Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi', restrictionBeneficiary: null,
        purpose: 'Chuyển tiền bão Yagi lên Hội cấp tỉnh', note: null, approvalsRequired: 1, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: SENT_AT, ...overrides,
      },
    },
    {
      type: 'TransferApproved',
      data: { fundId: FUND_ID, transferId: TR1, approvedBy: APPROVER_A, note: null, approvalsCount: 1, approvalsRequired: 1, fullyApproved: true, approvedAt: SENT_AT },
    },
  ];
}
/** The sender's campaign money without a pool of its own (a Tết campaign's), into the receiver's humanitarian component. */
const sentTet = () => sent({ campaignId: TET, restrictionId: null, restrictionPurpose: null, component: 'humanitarian' });

const receive = (overrides: Partial<Omit<ReceiveTransfer, 'type'>> = {}): ReceiveTransfer => ({
  type: 'ReceiveTransfer', transferId: TR1, toFundId: PROVINCE, receivedAt: RECEIVED_ON, campaignId: null, actor: { userId: 'accountant-province' }, now: RECEIVED_ON,
  ...overrides,
});

/** The receipt the province's accountant makes, as the sender's stream decides it. */
function received(transfer: [TransferRequested, TransferApproved], command = receive()): TransferReceived {
  return SpendingDecider.given(...transfer).withFund(commune).withCounterpart(province, provinceFlood, provinceTet, provinceOther).when(command).events[0] as TransferReceived;
}

const leftovers = (amount: string, overrides: Partial<Omit<ReallocateSurplus, 'type'>> = {}): ReallocateSurplus => ({
  type: 'ReallocateSurplus', campaignId: FLOOD.campaignId, amount, component: null, to: { component: 'humanitarian' },
  basis: 'Chuyển phần còn lại sang quỹ trợ giúp nhân đạo', decisionRef: 'QĐ 12/CTĐ', reallocatedAt: null, actor: { userId: ACCOUNTANT }, now: afterDeadline, ...overrides,
});
const onward = (overrides: Partial<Omit<RequestTransfer, 'type'>> = {}): RequestTransfer => ({
  type: 'RequestTransfer', toFundId: CENTRAL, amount: '3000000', component: 'humanitarian', campaignId: TET, restrictionId: null,
  purpose: 'Chuyển lên Trung ương', note: null, requestedAt: null, actor: { userId: ACCOUNTANT }, now: '2024-09-20T10:00:00+07:00', ...overrides,
});

describe('A transfer received for the sender\'s campaign is not the receiver\'s campaign of the same id (R16, R19)', () => {
  it('a disaster campaign\'s pool arrives as a restricted pool named by the transfer, with its purpose, for no campaign of the receiver', () => {
    expect(received(sent())).toMatchObject({
      type: 'TransferReceived',
      data: { campaignId: FLOOD.campaignId, receivedRestrictionId: TR1, receivedCampaignId: null, restrictionPurpose: 'Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi' },
    });
    const inflows = evolveInflowsByTransfer(inflowsOf(), received(sent()));
    expect(inflows.cashByPool.get(`general#${TR1}`)?.toFixed()).toBe('5000000');
    expect(inflows.cashByPool.has(`general#${FLOOD.pool}`)).toBe(false);
    expect(inflows.restrictions.get(TR1)).toMatchObject({ campaignId: null, purpose: 'Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi' });
  });

  it('both funds have a campaign bao-yagi-2024: the receiver\'s leftovers are its own 1,000,000, not the 5,000,000 the commune sent for its own', () => {
    const given = SpendingDecider.given().withFund(province, provinceFlood).withDonations(ownFlood).withTransfersIn(received(sent()));
    given.when(leftovers('3000000')).thenRejects('INSUFFICIENT_FUNDS', { requested: '3000000', available: '1000000' });
    given.when(leftovers('1000000')).thenMatches({ type: 'SurplusReallocated', data: { campaignId: FLOOD.campaignId, amount: '1000000', restrictionId: FLOOD.pool } });
    expect(campaignAvailableFrom(spendingStateOf(), given.context().inflows, FLOOD.campaignId, afterDeadline).amount.toFixed()).toBe('1000000');
  });

  it('the money received stays spendable as the transfer\'s restricted pool: sent onward by its pool', () => {
    SpendingDecider.given().withFund(province, provinceFlood).withDonations(ownFlood).withTransfersIn(received(sent())).withCounterpart(fundOpened({ fundId: CENTRAL }))
      .when(onward({ component: 'general', campaignId: null, restrictionId: TR1, amount: '5000000' }))
      .thenMatches({ type: 'TransferRequested', data: { restrictionId: TR1, campaignId: null, amount: '5000000' } });
  });

  it('a campaign without a pool of its own: the commune\'s Tết money is the province\'s general money, not its Tết campaign\'s', () => {
    expect(received(sentTet())).toMatchObject({ data: { campaignId: TET, receivedRestrictionId: null, receivedCampaignId: null } });
    const given = SpendingDecider.given().withFund(province, provinceTet).withDonations(ownTet).withTransfersIn(received(sentTet()))
      .withCounterpart(fundOpened({ fundId: CENTRAL }));
    given.when(onward()).thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET, requested: '3000000', available: '1000000' });
    // Its money came into one component only: the leftovers find it there without being told.
    expect([...given.context().inflows.componentsByCampaign.get(TET) ?? []]).toEqual(['general']);
  });

  it('a receiver with no campaign of that id gets no campaign money for it (no phantom campaign)', () => {
    const inflows = evolveInflowsByTransfer(inflowsOf(), received(sentTet()));
    expect(inflows.datedByCampaign.has(TET)).toBe(false);
    expect(inflows.componentsByCampaign.has(TET)).toBe(false);
    expect(inflows.cashByPool.get('humanitarian')?.toFixed()).toBe('5000000');
  });
});

describe('The receiving accountant names one of the fund\'s own campaigns for the money (R16, R19)', () => {
  it('a disaster campaign: the money enters its pool and is its own money', () => {
    const event = received(sent(), receive({ campaignId: FLOOD.campaignId }));
    expect(event).toMatchObject({ data: { receivedRestrictionId: FLOOD.pool, receivedCampaignId: FLOOD.campaignId } });
    SpendingDecider.given().withFund(province, provinceFlood).withDonations(ownFlood).withTransfersIn(event)
      .when(leftovers('6000000')).thenMatches({ type: 'SurplusReallocated', data: { amount: '6000000' } });
  });

  it('a campaign of another id: the money enters that campaign\'s pool', () => {
    const event = received(sent(), receive({ campaignId: 'lu-mien-trung-2024' }));
    expect(event).toMatchObject({ data: { receivedRestrictionId: 'campaign:lu-mien-trung-2024', receivedCampaignId: 'lu-mien-trung-2024' } });
    const inflows = evolveInflowsByTransfer(inflowsOf(), event);
    expect(inflows.datedByCampaign.has(FLOOD.campaignId)).toBe(false);
    expect(campaignAvailableFrom(spendingStateOf(), inflows, 'lu-mien-trung-2024', RECEIVED_ON).amount.toFixed()).toBe('5000000');
  });

  it('a campaign without a pool of its own: unrestricted money becomes the campaign\'s, in its component', () => {
    const event = received(sentTet(), receive({ campaignId: TET }));
    expect(event).toMatchObject({ data: { receivedRestrictionId: null, receivedCampaignId: TET } });
    SpendingDecider.given().withFund(province, provinceTet).withDonations(ownTet).withTransfersIn(event).withCounterpart(fundOpened({ fundId: CENTRAL }))
      .when(onward({ amount: '5000000' })).thenMatches({ type: 'TransferRequested', data: { campaignId: TET, amount: '5000000' } });
  });

  it('restricted money named for a campaign without a pool keeps its restriction, in the transfer\'s pool, as that campaign\'s', () => {
    const event = received(sent(), receive({ campaignId: TET }));
    expect(event).toMatchObject({ data: { receivedRestrictionId: TR1, receivedCampaignId: TET } });
    expect(evolveInflowsByTransfer(inflowsOf(), event).restrictions.get(TR1)).toMatchObject({ campaignId: TET });
  });

  it('a designated gift keeps its donor\'s purpose and beneficiary in the transfer\'s pool, as the named campaign\'s', () => {
    const designated = sent({ campaignId: null, restrictionId: 'DN-2024-000009', restrictionPurpose: 'Chữa bệnh', restrictionBeneficiary: 'Nguyễn Thị M' });
    const event = received(designated, receive({ campaignId: FLOOD.campaignId }));
    expect(event).toMatchObject({ data: { receivedRestrictionId: TR1, receivedCampaignId: FLOOD.campaignId } });
    expect(evolveInflowsByTransfer(inflowsOf(), event).restrictions.get(TR1)).toMatchObject({ campaignId: FLOOD.campaignId, beneficiary: 'Nguyễn Thị M', purpose: 'Chữa bệnh' });
  });

  it('a campaign the receiving fund does not have is NOT_FOUND, and nothing is received', () => {
    SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, provinceTet)
      .when(receive({ campaignId: FLOOD.campaignId }))
      .thenRejects('NOT_FOUND', { entity: 'campaign', id: FLOOD.campaignId });
  });
});

describe('Money taken in for one of the fund\'s own campaigns is judged by the campaign\'s receiving window, as a donation is', () => {
  /** The province's Yagi campaign, closed by its board on 1 October 2024, before its receiveUntil. */
  const CLOSED_ON = '2024-10-01T09:00:00+07:00';
  const closedFlood = campaignClosed(FLOOD.campaignId, CLOSED_ON);
  /** What a donation to the same campaign on the same date is answered: the receipt must be answered the same. */
  const donationAnswer = (receivedAt: string, ...fundEvents: Parameters<typeof fundStateOf>) =>
    decideRecordDonation(recordDonation({ fundId: PROVINCE, campaignId: FLOOD.campaignId, receivedAt }), donationStreamStateOf(), fundStateOf(province, ...fundEvents));

  it('a campaign its board closed: CAMPAIGN_CLOSED from the day it closed, with the donation\'s details, and nothing is received', () => {
    const lateOn = '2024-10-02T10:00:00+07:00';
    const outcome = SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, provinceFlood, closedFlood)
      .when(receive({ campaignId: FLOOD.campaignId, receivedAt: lateOn, now: lateOn }));
    outcome.thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, receivingEnded: CLOSED_ON });
    expect(outcome.decision).toEqual(donationAnswer(lateOn, provinceFlood, closedFlood));
    expect(outcome.stateAfter().transfers.get(TR1)?.status).toBe('in_transit');
  });

  it('past the campaign\'s receiveUntil: CAMPAIGN_CLOSED naming the day receiving ended', () => {
    const lateOn = plusDays(FLOOD.receiveUntil, 1);
    const outcome = SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, provinceFlood)
      .when(receive({ campaignId: FLOOD.campaignId, receivedAt: lateOn, now: lateOn }));
    outcome.thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, receivingEnded: FLOOD.receiveUntil });
    expect(outcome.decision).toEqual(donationAnswer(lateOn, provinceFlood));
  });

  it('a campaign that does not receive yet: CAMPAIGN_NOT_OPEN naming the day it starts', () => {
    const later = campaignCreated({ campaignId: 'lu-cuoi-nam-2024', name: 'Lũ cuối năm 2024', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2025-01-30T00:00:00+07:00' });
    const outcome = SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, later)
      .when(receive({ campaignId: 'lu-cuoi-nam-2024' }));
    outcome.thenRejects('CAMPAIGN_NOT_OPEN', { campaignId: 'lu-cuoi-nam-2024', receiveFrom: '2024-12-01T00:00:00+07:00' });
    const asDonation = decideRecordDonation(recordDonation({ fundId: PROVINCE, campaignId: 'lu-cuoi-nam-2024', receivedAt: RECEIVED_ON }), donationStreamStateOf(), fundStateOf(province, later));
    expect(outcome.decision).toEqual(asDonation);
  });

  it('received on a day the campaign still received (before its board closed it) is taken in for it', () => {
    SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, provinceFlood, closedFlood)
      .when(receive({ campaignId: FLOOD.campaignId, now: '2024-10-02T10:00:00+07:00' }))
      .thenMatches({ type: 'TransferReceived', data: { receivedCampaignId: FLOOD.campaignId, receivedRestrictionId: FLOOD.pool, receivedAt: RECEIVED_ON } });
  });

  it('received as the fund\'s general money, a closed campaign of the receiver does not stand in the way', () => {
    const lateOn = plusDays(FLOOD.receiveUntil, 1);
    SpendingDecider.given(...sent()).withFund(commune).withCounterpart(province, provinceFlood, closedFlood)
      .when(receive({ receivedAt: lateOn, now: lateOn }))
      .thenMatches({ type: 'TransferReceived', data: { receivedCampaignId: null, receivedRestrictionId: TR1 } });
  });
});

describe('Money received as general money, assigned afterwards to one of the fund\'s own campaigns', () => {
  const ASSIGNED_ON = '2024-09-20T10:00:00+07:00';
  const assign = (receipt: TransferReceived, overrides: Partial<Omit<AssignTransferToCampaign, 'type'>> = {}): AssignTransferToCampaign => ({
    type: 'AssignTransferToCampaign', transferId: TR1, campaignId: FLOOD.campaignId, reason: 'Công văn 12/CTĐ-xã: tiền gửi cho đợt bão Yagi',
    received: receipt.data, actor: { userId: 'accountant-province' }, now: ASSIGNED_ON, ...overrides,
  });
  /** The province's books after the receipt, with its own campaigns' money, deciding in its own spending stream. */
  const provinceBooks = (receipt: TransferReceived, ...history: SpendingEvent[]) => SpendingDecider.given(...history)
    .withFund(province, provinceFlood, provinceTet).withDonations(ownFlood, ownTet).withTransfersIn(receipt).withCounterpart(fundOpened({ fundId: CENTRAL }));
  const assigned = (receipt: TransferReceived, overrides: Partial<Omit<AssignTransferToCampaign, 'type'>> = {}) =>
    provinceBooks(receipt).when(assign(receipt, overrides)).events[0];

  it('a campaign\'s money received as the transfer\'s pool moves into the disaster campaign\'s pool, which then holds it as its own', () => {
    const receipt = received(sent());
    const event = assigned(receipt);
    expect(event).toEqual({
      type: 'TransferAssignedToCampaign',
      data: {
        fundId: PROVINCE, assignmentId: 'TA-000001', transferId: TR1, fromFundId: FUND_ID, receivedAt: RECEIVED_ON, amount: '5000000',
        component: 'general', restrictionId: TR1, toComponent: 'general', toCampaignId: FLOOD.campaignId, toRestrictionId: FLOOD.pool,
        reason: 'Công văn 12/CTĐ-xã: tiền gửi cho đợt bão Yagi', assignedBy: 'accountant-province', assignedAt: ASSIGNED_ON,
      },
    });
    const after = provinceBooks(receipt, event);
    after.when(leftovers('6000001')).thenRejects('INSUFFICIENT_FUNDS');
    after.when(leftovers('6000000')).thenMatches({ type: 'SurplusReallocated', data: { amount: '6000000', restrictionId: FLOOD.pool } });
    // The transfer's pool is empty: the money is not spendable twice.
    after.when(onward({ component: 'general', campaignId: null, restrictionId: TR1, amount: '1' })).thenRejects('INSUFFICIENT_FUNDS');
  });

  it('general money assigned to a campaign without a pool stays in its component, as the campaign\'s own money', () => {
    const receipt = received(sentTet());
    const event = assigned(receipt, { campaignId: TET });
    expect(event).toMatchObject({ data: { component: 'humanitarian', restrictionId: null, toComponent: 'humanitarian', toCampaignId: TET, toRestrictionId: null } });
    provinceBooks(receipt).when(onward({ amount: '5000000' })).thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET });
    provinceBooks(receipt, event).when(onward({ amount: '5000000' })).thenMatches({ type: 'TransferRequested', data: { campaignId: TET, amount: '5000000' } });
    expect(campaignAvailableFrom(spendingStateOf(event), evolveInflowsByTransfer(inflowsOf(ownTet), receipt), TET, ASSIGNED_ON).amount.toFixed()).toBe('6000000');
  });

  it('leftovers of a campaign without a pool whose money came only by an assignment move from the component it came into, unnamed', () => {
    const receipt = received(sentTet());
    const event = assigned(receipt, { campaignId: TET });
    const afterTet = '2025-01-20T10:00:00+07:00';
    const closedTet = { ...campaignClosed(TET, '2025-01-10T10:00:00+07:00'), data: { fundId: PROVINCE, campaignId: TET, closedAt: '2025-01-10T10:00:00+07:00' } };
    const books = SpendingDecider.given(event).withFund(province, provinceFlood, provinceTet, closedTet).withDonations(ownFlood).withTransfersIn(receipt);
    books.when(leftovers('5000000', { campaignId: TET, to: { component: 'general' }, now: afterTet }))
      .thenMatches({ type: 'SurplusReallocated', data: { campaignId: TET, component: 'humanitarian', restrictionId: null, amount: '5000000' } });
  });

  it('is assigned once, and never money already received for a campaign', () => {
    const receipt = received(sent());
    provinceBooks(receipt, assigned(receipt)).when(assign(receipt, { campaignId: 'lu-mien-trung-2024' }))
      .thenRejects('INVALID_STATE', { status: 'assigned', assignmentId: 'TA-000001' });
    const named = received(sent(), receive({ campaignId: FLOOD.campaignId }));
    provinceBooks(named).when(assign(named)).thenRejects('INVALID_STATE', { status: 'received', receivedCampaignId: FLOOD.campaignId });
  });

  it('restricted money keeps its restriction: a donor\'s designation, or a campaign\'s money for a campaign without a pool, is RESTRICTION_MISMATCH', () => {
    const designated = received(sent({ campaignId: null, restrictionId: 'DN-2024-000009', restrictionPurpose: 'Chữa bệnh', restrictionBeneficiary: 'Nguyễn Thị M' }));
    provinceBooks(designated).when(assign(designated)).thenRejects('RESTRICTION_MISMATCH', { restrictionId: TR1, campaignId: FLOOD.campaignId });
    const campaignMoney = received(sent());
    provinceBooks(campaignMoney).when(assign(campaignMoney, { campaignId: TET })).thenRejects('RESTRICTION_MISMATCH', { restrictionId: TR1, campaignId: TET });
  });

  it('the campaign is judged receiving on the day the money arrived, as a donation that day would be', () => {
    const late = plusDays(FLOOD.receiveUntil, 1);
    const receipt = received(sent(), receive({ receivedAt: late, now: late }));
    provinceBooks(receipt).when(assign(receipt, { now: late }))
      .thenRejects('CAMPAIGN_CLOSED', { campaignId: FLOOD.campaignId, receivingEnded: FLOOD.receiveUntil });
  });

  it('money booked as arriving later (a receipt may be dated up to tomorrow) is assigned from then on: DATE_BEFORE_REQUEST before', () => {
    const tomorrow = plusDays(ASSIGNED_ON, 1);
    const receipt = received(sent(), receive({ receivedAt: tomorrow, now: ASSIGNED_ON }));
    provinceBooks(receipt).when(assign(receipt)).thenRejects('DATE_BEFORE_REQUEST', { field: 'assignedAt', value: ASSIGNED_ON, receivedAt: tomorrow });
    provinceBooks(receipt).when(assign(receipt, { now: tomorrow })).thenMatches({ type: 'TransferAssignedToCampaign', data: { assignedAt: tomorrow } });
  });

  it('a campaign the fund does not have, or a transfer it did not receive, is NOT_FOUND', () => {
    const receipt = received(sent());
    provinceBooks(receipt).when(assign(receipt, { campaignId: 'khong-co' })).thenRejects('NOT_FOUND', { entity: 'campaign', id: 'khong-co' });
    provinceBooks(receipt).when(assign(receipt, { received: null })).thenRejects('NOT_FOUND', { entity: 'transfer', id: TR1 });
    provinceBooks(receipt).when(assign(receipt, { received: { ...receipt.data, toFundId: 'ctd-khac' } })).thenRejects('NOT_FOUND', { entity: 'transfer', id: TR1 });
  });

  it('money the fund spent meanwhile is no longer there to assign: INSUFFICIENT_FUNDS', () => {
    const receipt = received(sent());
    const spent = provinceBooks(receipt).when(onward({ component: 'general', campaignId: null, restrictionId: TR1, amount: '1000000', now: ASSIGNED_ON })).events[0];
    provinceBooks(receipt, spent).when(assign(receipt)).thenRejects('INSUFFICIENT_FUNDS');
  });
});

describe('An assignment of received money to a campaign is corrected by its reversal, never edited', () => {
  const ASSIGNED_ON = '2024-09-20T10:00:00+07:00';
  const REVERSED_ON = '2024-09-25T10:00:00+07:00';
  const assign = (receipt: TransferReceived, overrides: Partial<Omit<AssignTransferToCampaign, 'type'>> = {}): AssignTransferToCampaign => ({
    type: 'AssignTransferToCampaign', transferId: TR1, campaignId: FLOOD.campaignId, reason: 'Công văn 12/CTĐ-xã: tiền gửi cho đợt bão Yagi',
    received: receipt.data, actor: { userId: 'accountant-province' }, now: ASSIGNED_ON, ...overrides,
  });
  const reverse = (overrides: Partial<Omit<ReverseEntry, 'type'>> = {}): ReverseEntry => ({
    type: 'ReverseEntry', entryId: 'TA-000001', reason: 'Ghi nhầm đợt vận động', donation: null, reversedAt: null,
    actor: { userId: 'accountant-province' }, now: REVERSED_ON, ...overrides,
  });
  const provinceBooks = (receipt: TransferReceived, ...history: SpendingEvent[]) => SpendingDecider.given(...history)
    .withFund(province, provinceFlood, provinceTet, provinceOther).withDonations(ownFlood, ownTet).withTransfersIn(receipt).withCounterpart(fundOpened({ fundId: CENTRAL }));
  const assignedTo = (receipt: TransferReceived, overrides: Partial<Omit<AssignTransferToCampaign, 'type'>> = {}, ...history: SpendingEvent[]) =>
    provinceBooks(receipt, ...history).when(assign(receipt, overrides)).events[0];

  it('the money goes back to the pool the receipt put it in, out of the campaign\'s pool, on the reversal\'s date', () => {
    const receipt = received(sent());
    const assignment = assignedTo(receipt);
    const reversal = provinceBooks(receipt, assignment).when(reverse()).events[0];
    expect(reversal).toEqual({
      type: 'TransferAssignmentReversed',
      data: {
        fundId: PROVINCE, reversalId: 'RV-000001', assignmentId: 'TA-000001', transferId: TR1, fromFundId: FUND_ID, amount: '5000000',
        component: 'general', restrictionId: TR1, toComponent: 'general', toCampaignId: FLOOD.campaignId, toRestrictionId: FLOOD.pool,
        reason: 'Ghi nhầm đợt vận động', reversedBy: 'accountant-province', reversedAt: REVERSED_ON,
      },
    });
    const after = provinceBooks(receipt, assignment, reversal);
    // The campaign holds its own 1,000,000 again, the transfer's pool the 5,000,000.
    after.when(leftovers('1000001')).thenRejects('INSUFFICIENT_FUNDS');
    after.when(leftovers('1000000')).thenMatches({ type: 'SurplusReallocated', data: { amount: '1000000' } });
    after.when(onward({ component: 'general', campaignId: null, restrictionId: TR1, amount: '5000000', now: REVERSED_ON }))
      .thenMatches({ type: 'TransferRequested', data: { restrictionId: TR1, amount: '5000000' } });
  });

  it('a campaign without a pool of its own no longer holds the money as its own', () => {
    const receipt = received(sentTet());
    const assignment = assignedTo(receipt, { campaignId: TET });
    const reversal = provinceBooks(receipt, assignment).when(reverse()).events[0];
    expect(reversal).toMatchObject({ data: { component: 'humanitarian', restrictionId: null, toCampaignId: TET, toRestrictionId: null } });
    provinceBooks(receipt, assignment, reversal).when(onward({ amount: '5000000', now: REVERSED_ON })).thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET });
    expect(campaignAvailableFrom(spendingStateOf(assignment, reversal), evolveInflowsByTransfer(inflowsOf(ownTet), receipt), TET, REVERSED_ON).amount.toFixed()).toBe('1000000');
  });

  it('after its reversal the transfer may be assigned again, under a new number', () => {
    const receipt = received(sent());
    const assignment = assignedTo(receipt);
    const reversal = provinceBooks(receipt, assignment).when(reverse()).events[0];
    const again = assignedTo(receipt, { campaignId: 'lu-mien-trung-2024', now: REVERSED_ON }, assignment, reversal);
    expect(again).toMatchObject({ type: 'TransferAssignedToCampaign', data: { assignmentId: 'TA-000002', toCampaignId: 'lu-mien-trung-2024', restrictionId: TR1 } });
    // The second assignment is reversed by its own number; the first stays reversed.
    provinceBooks(receipt, assignment, reversal, again).when(reverse({ entryId: 'TA-000002' }))
      .thenMatches({ type: 'TransferAssignmentReversed', data: { reversalId: 'RV-000002', assignmentId: 'TA-000002', toCampaignId: 'lu-mien-trung-2024' } });
  });

  it('is reversed once: ALREADY_REVERSED naming the reversal', () => {
    const receipt = received(sent());
    const assignment = assignedTo(receipt);
    const reversal = provinceBooks(receipt, assignment).when(reverse()).events[0];
    provinceBooks(receipt, assignment, reversal).when(reverse()).thenRejects('ALREADY_REVERSED');
    expect(provinceBooks(receipt, assignment, reversal).when(reverse()).rejection).toMatchObject({ params: { assignmentId: 'TA-000001', reversalId: 'RV-000001' } });
  });

  it('only while the whole amount is still in the campaign\'s pool: INSUFFICIENT_FUNDS once the campaign spent some of it', () => {
    const receipt = received(sent());
    const assignment = assignedTo(receipt);
    const spent = provinceBooks(receipt, assignment)
      .when(onward({ component: 'general', campaignId: FLOOD.campaignId, restrictionId: null, amount: '2000000', now: '2024-09-22T10:00:00+07:00' })).events[0];
    provinceBooks(receipt, assignment, spent).when(reverse()).thenRejects('INSUFFICIENT_FUNDS', { pool: `general#${FLOOD.pool}` });
    const tet = received(sentTet());
    const tetAssignment = assignedTo(tet, { campaignId: TET });
    const tetSpent = provinceBooks(tet, tetAssignment).when(onward({ amount: '2000000', now: '2024-09-22T10:00:00+07:00' })).events[0];
    provinceBooks(tet, tetAssignment, tetSpent).when(reverse()).thenRejects('INSUFFICIENT_FUNDS', { campaignId: TET });
  });

  it('never dated before the assignment, nor in a period the fund closed', () => {
    const receipt = received(sent());
    const assignment = assignedTo(receipt);
    provinceBooks(receipt, assignment).when(reverse({ reversedAt: '2024-09-19T10:00:00+07:00' }))
      .thenRejects('DATE_BEFORE_REQUEST', { field: 'reversedAt', assignedAt: ASSIGNED_ON });
    const closed = { ...periodClosed('2024-09', '2024-09-01T00:00:00+07:00', '2024-09-30T23:59:59+07:00'), data: { ...periodClosed('2024-09', '2024-09-01T00:00:00+07:00', '2024-09-30T23:59:59+07:00').data, fundId: PROVINCE } };
    SpendingDecider.given(assignment).withFund(province, provinceFlood, provinceTet, closed).withDonations(ownFlood, ownTet).withTransfersIn(receipt)
      .when(reverse()).thenRejects('PERIOD_CLOSED');
  });

  it('an assignment the fund did not make is NOT_FOUND', () => {
    const receipt = received(sent());
    provinceBooks(receipt, assignedTo(receipt)).when(reverse({ entryId: 'TA-000002' })).thenRejects('NOT_FOUND', { entity: 'entry', id: 'TA-000002' });
  });
});

describe('Transfers received before the receiver could name its campaign (TransferReceived v1)', () => {
  const v1 = (receivedRestrictionId: string | null, campaignId: string | null) => ({
    fundId: FUND_ID, transferId: TR1, toFundId: PROVINCE, amount: '5000000', component: 'general', restrictionId: receivedRestrictionId, receivedRestrictionId,
    campaignId, restrictionPurpose: null, restrictionBeneficiary: null, receivedBy: 'accountant-province', receivedAt: RECEIVED_ON,
  });

  it('money that entered the receiver\'s pool `campaign:<id>` stays that campaign\'s, where it is', () => {
    expect(upcast('TransferReceived', 1, v1(FLOOD.pool, FLOOD.campaignId))).toMatchObject({ data: { receivedRestrictionId: FLOOD.pool, receivedCampaignId: FLOOD.campaignId } });
  });

  it('unrestricted money sent for the sender\'s campaign, or a designated gift, is no campaign\'s of the receiver', () => {
    expect(upcast('TransferReceived', 1, v1(null, TET))).toMatchObject({ data: { receivedCampaignId: null, campaignId: TET } });
    expect(upcast('TransferReceived', 1, v1(TR1, TET))).toMatchObject({ data: { receivedCampaignId: null } });
  });
});
