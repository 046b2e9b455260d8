import { campaignReceivingEnd, type FundState } from '../../src/domain/fund/fund.state';
import {
  campaignClosed, campaignCreated, changePolicy, closeCampaign, createCampaign, DAY_MS, documentedDefaultPolicy, FLOOD,
  FUND_ID, fundOpened, NOW, OPENED_AT, openFund, plusDays, plusMs, policyChanged,
} from './builders';
import { FundDecider, fundStateOf } from './given-when-then';

const openState = (state: FundState) => {
  if (state.status !== 'open') throw new Error('fund is not open');
  return state;
};

describe('Fund: opening (R1, api.md "Fund, policy, campaign")', () => {
  it('opens with the documented component funds and policy when none are given', () => {
    FundDecider.given().when(openFund()).then({
      type: 'FundOpened',
      data: {
        fundId: FUND_ID,
        name: 'Quỹ hoạt động Chữ thập đỏ TP. Hồ Chí Minh',
        chapter: null,
        legalBasis: null,
        components: ['general', 'emergency-relief', 'humanitarian'],
        policy: {
          approvals: [
            { above: '0', approvers: 1 },
            { above: '100000000', approvers: 2 },
          ],
          emergencyReleaseCap: '50000000',
          emergencySettlementDays: 30,
          managementCostCapPercent: '5',
          emergencyOpenLimit: '150000000',
          blockReleasesWhenOverdue: true,
          payerMayBeRequester: false,
        },
        openedAt: OPENED_AT,
      },
    });
  });

  it('takes the defaults for the policy fields it is not given', () => {
    FundDecider.given()
      .when(openFund({ policy: { emergencySettlementDays: 14 } }))
      .thenMatches({ data: { policy: { ...documentedDefaultPolicy(), emergencySettlementDays: 14 } } });
  });

  it('keeps the components it is given, once each, and an empty list means the defaults', () => {
    FundDecider.given()
      .when(openFund({ components: ['general', 'chat-doc-da-cam', 'general'] }))
      .thenMatches({ data: { components: ['general', 'chat-doc-da-cam'] } });
    FundDecider.given().when(openFund({ components: [] })).thenMatches({ data: { components: ['general', 'emergency-relief', 'humanitarian'] } });
  });

  it('records the legal basis and chapter (Decree 93/2019 or 03/2026)', () => {
    FundDecider.given()
      .when(openFund({ legalBasis: 'Nghị định 03/2026/NĐ-CP', chapter: 'Hội CTĐ TP.HCM' }))
      .thenMatches({ data: { legalBasis: 'Nghị định 03/2026/NĐ-CP', chapter: 'Hội CTĐ TP.HCM' } });
  });

  it('lets the board raise the management cost share up to 10 % (R6)', () => {
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: '10' } })).thenMatches({ data: { policy: { managementCostCapPercent: '10' } } });
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: '7.5' } })).thenMatches({ data: { policy: { managementCostCapPercent: '7.5' } } });
  });

  it.each(['10.01', '11', '100'])('refuses a management cost share of %s %% with INVALID_POLICY', (percent) => {
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: percent } })).thenRejects('INVALID_POLICY');
  });

  it.each([
    ['no approval tier', { approvals: [] }],
    ['zero approvers', { approvals: [{ above: '0', approvers: 0 }] }],
    ['a fractional approver count', { approvals: [{ above: '0', approvers: 1.5 }] }],
    ['a tier threshold that is not a VND amount', { approvals: [{ above: '1e6', approvers: 2 }] }],
    ['a zero emergency cap', { emergencyReleaseCap: '0' }],
    ['an emergency cap with a fraction', { emergencyReleaseCap: '1.5' }],
    ['zero settlement days', { emergencySettlementDays: 0 }],
    ['more than a year to settle', { emergencySettlementDays: 366 }],
    ['a management cost share that is not a decimal string', { managementCostCapPercent: '5%' }],
    ['a zero management cost share', { managementCostCapPercent: '0' }],
  ])('refuses a policy with %s (INVALID_POLICY)', (_why, policy) => {
    FundDecider.given().when(openFund({ policy })).thenRejects('INVALID_POLICY');
  });

  it('refuses to open a fund twice (ALREADY_EXISTS)', () => {
    FundDecider.given(fundOpened()).when(openFund()).thenRejects('ALREADY_EXISTS', { fundId: FUND_ID });
  });

  it('precedence: opening an existing fund with a bad policy is ALREADY_EXISTS, not INVALID_POLICY', () => {
    FundDecider.given(fundOpened()).when(openFund({ policy: { managementCostCapPercent: '50' } })).thenRejects('ALREADY_EXISTS');
  });

  it('folds FundOpened into an open fund with no campaigns', () => {
    const state = openState(fundStateOf(fundOpened()));
    expect(state.components).toEqual(['general', 'emergency-relief', 'humanitarian']);
    expect(state.policy).toEqual(documentedDefaultPolicy());
    expect(state.campaigns).toEqual({});
  });
});

describe('Fund: policy changes', () => {
  it('merges the change into the current policy', () => {
    FundDecider.given(fundOpened(), policyChanged({ emergencyReleaseCap: '20000000' }))
      .when(changePolicy({ managementCostCapPercent: '8' }))
      .then({
        type: 'PolicyChanged',
        data: { fundId: FUND_ID, policy: { ...documentedDefaultPolicy(), emergencyReleaseCap: '20000000', managementCostCapPercent: '8' }, changedAt: NOW },
      });
  });

  it('refuses a management cost share above 10 % (INVALID_POLICY)', () => {
    FundDecider.given(fundOpened()).when(changePolicy({ managementCostCapPercent: '10.5' })).thenRejects('INVALID_POLICY');
  });

  it('needs an open fund (NOT_FOUND), before looking at the policy', () => {
    FundDecider.given().when(changePolicy({ managementCostCapPercent: '10.5' })).thenRejects('NOT_FOUND', { entity: 'fund' });
  });
});

describe('Fund: campaigns and the disaster windows of Decree 93/2021 Art. 8 (R14, R15)', () => {
  const from = FLOOD.receiveFrom; // 2024-09-08T00:00:00+07:00
  const ninetyDaysLater = plusDays(from, 90);

  it('creates a disaster campaign restricted to its own pool, distributing until 20 days after receiving by default', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: '2024-12-07T00:00:00+07:00' }))
      .then({
        type: 'CampaignCreated',
        data: {
          fundId: FUND_ID,
          campaignId: 'bao-yagi-2024',
          name: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
          kind: 'disaster',
          receiveFrom: '2024-09-08T00:00:00+07:00',
          receiveUntil: '2024-12-07T00:00:00+07:00',
          distributeUntil: '2024-12-26T17:00:00.000Z',
          bankAccount: '0011001932418',
          restrictionId: 'campaign:bao-yagi-2024',
          createdAt: NOW,
        },
      });
  });

  it('receives for exactly 90 days', () => {
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: ninetyDaysLater })).thenMatches({ data: { receiveUntil: ninetyDaysLater } });
  });

  it('refuses 90 days and 1 ms of receiving (CAMPAIGN_WINDOW_EXCEEDED)', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: plusMs(ninetyDaysLater, 1) }))
      .thenRejects('CAMPAIGN_WINDOW_EXCEEDED', { field: 'receiveUntil', maxDays: 90 });
  });

  it('refuses a window that runs into the 91st day', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: '2024-12-07T23:59:59+07:00' }))
      .thenRejects('CAMPAIGN_WINDOW_EXCEEDED', { field: 'receiveUntil' });
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: plusDays(from, 91) }))
      .thenRejects('CAMPAIGN_WINDOW_EXCEEDED', { field: 'receiveUntil' });
  });

  it('distributes until exactly 20 days after receiving closes', () => {
    const until = FLOOD.receiveUntil;
    FundDecider.given(fundOpened())
      .when(createCampaign({ distributeUntil: plusDays(until, 20) }))
      .thenMatches({ data: { distributeUntil: plusDays(until, 20) } });
  });

  it('refuses distribution 21 days, or 20 days and 1 ms, after receiving closes', () => {
    const until = FLOOD.receiveUntil;
    FundDecider.given(fundOpened())
      .when(createCampaign({ distributeUntil: plusDays(until, 21) }))
      .thenRejects('CAMPAIGN_WINDOW_EXCEEDED', { field: 'distributeUntil', maxDays: 20 });
    FundDecider.given(fundOpened())
      .when(createCampaign({ distributeUntil: plusMs(plusDays(until, 20), 1) }))
      .thenRejects('CAMPAIGN_WINDOW_EXCEEDED', { field: 'distributeUntil' });
  });

  it('measures the windows in instants, whatever offsets the timestamps carry', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveFrom: '2024-09-07T17:00:00Z', receiveUntil: '2024-12-06T17:00:00Z', distributeUntil: '2024-12-27T00:00:00+07:00' }))
      .thenMatches({ type: 'CampaignCreated' });
  });

  it('does not limit other kinds of campaign, nor give them a pool or a distribution end', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ campaignId: 'thang-nhan-dao-2024', kind: 'humanitarian_month', receiveFrom: '2024-05-01T00:00:00+07:00', receiveUntil: '2024-12-31T23:59:59+07:00' }))
      .thenMatches({ data: { kind: 'humanitarian_month', distributeUntil: null, restrictionId: null } });
  });

  it('refuses a window that ends when or before it starts (INVALID_CAMPAIGN_WINDOW)', () => {
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: from })).thenRejects('INVALID_CAMPAIGN_WINDOW');
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: plusMs(from, -1), kind: 'tet' })).thenRejects('INVALID_CAMPAIGN_WINDOW');
  });

  it('refuses distribution ending before receiving ends (INVALID_CAMPAIGN_WINDOW)', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ kind: 'other', distributeUntil: plusMs(FLOOD.receiveUntil, -1) }))
      .thenRejects('INVALID_CAMPAIGN_WINDOW');
  });

  it('refuses a campaign id already used (ALREADY_EXISTS)', () => {
    FundDecider.given(fundOpened(), campaignCreated()).when(createCampaign()).thenRejects('ALREADY_EXISTS', { campaignId: FLOOD.campaignId });
  });

  it('needs an open fund (NOT_FOUND)', () => {
    FundDecider.given().when(createCampaign()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('precedence: NOT_FOUND → ALREADY_EXISTS → INVALID_CAMPAIGN_WINDOW → CAMPAIGN_WINDOW_EXCEEDED', () => {
    const tooLongAndInverted = { receiveUntil: plusDays(from, 120), distributeUntil: plusDays(from, 100) };
    FundDecider.given().when(createCampaign(tooLongAndInverted)).thenRejects('NOT_FOUND');
    FundDecider.given(fundOpened(), campaignCreated()).when(createCampaign(tooLongAndInverted)).thenRejects('ALREADY_EXISTS');
    FundDecider.given(fundOpened()).when(createCampaign(tooLongAndInverted)).thenRejects('INVALID_CAMPAIGN_WINDOW');
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: plusDays(from, 120) })).thenRejects('CAMPAIGN_WINDOW_EXCEEDED');
  });

  it('refuses a disaster campaign window that is not made of timestamps, rather than throwing', () => {
    const outcome = FundDecider.given(fundOpened()).when(createCampaign({ receiveFrom: 'hôm qua', receiveUntil: 'ngày mai' }));
    expect(outcome.decision.ok).toBe(false);
  });

  it('refuses any campaign window that is not made of timestamps, rather than recording it', () => {
    const outcome = FundDecider.given(fundOpened()).when(createCampaign({ kind: 'other', receiveFrom: 'hôm qua', receiveUntil: 'ngày mai' }));
    expect(outcome.decision.ok).toBe(false);
  });

  it('folds a created campaign into the fund, open for receiving', () => {
    const state = openState(fundStateOf(fundOpened(), campaignCreated()));
    expect(state.campaigns[FLOOD.campaignId]).toMatchObject({ kind: 'disaster', restrictionId: FLOOD.pool, closedAt: null });
    expect(campaignReceivingEnd(state.campaigns[FLOOD.campaignId]!)).toBe(FLOOD.receiveUntil);
  });
});

describe('Fund: closing a campaign (R14, R29)', () => {
  const closedAt = '2024-10-01T17:00:00+07:00';

  it('closes an open campaign', () => {
    FundDecider.given(fundOpened(), campaignCreated())
      .when(closeCampaign(FLOOD.campaignId, closedAt))
      .then({ type: 'CampaignClosed', data: { fundId: FUND_ID, campaignId: FLOOD.campaignId, closedAt } });
  });

  it('refuses to close it twice (INVALID_STATE)', () => {
    FundDecider.given(fundOpened(), campaignCreated(), campaignClosed(FLOOD.campaignId, closedAt))
      .when(closeCampaign(FLOOD.campaignId, NOW))
      .thenRejects('INVALID_STATE');
  });

  it('refuses an unknown campaign, or a fund that is not open (NOT_FOUND)', () => {
    FundDecider.given(fundOpened()).when(closeCampaign('khong-co')).thenRejects('NOT_FOUND', { entity: 'campaign' });
    FundDecider.given().when(closeCampaign()).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('ends receiving at the close when it comes before receiveUntil, and at receiveUntil otherwise', () => {
    const early = openState(fundStateOf(fundOpened(), campaignCreated(), campaignClosed(FLOOD.campaignId, closedAt)));
    expect(campaignReceivingEnd(early.campaigns[FLOOD.campaignId]!)).toBe(closedAt);
    const late = openState(fundStateOf(fundOpened(), campaignCreated(), campaignClosed(FLOOD.campaignId, plusMs(FLOOD.receiveUntil, DAY_MS))));
    expect(campaignReceivingEnd(late.campaigns[FLOOD.campaignId]!)).toBe(FLOOD.receiveUntil);
  });
});
