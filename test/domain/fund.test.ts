import type { FundEvent } from '../../src/domain/fund/fund.events';
import { periodClosedRejection } from '../../src/domain/fund/fund.periods';
import { campaignReceivingEnd, policyInForce, type FundState } from '../../src/domain/fund/fund.state';
import { upcast } from '../../src/domain/upcasters';
import {
  campaignClosed, campaignCreated, changePolicy, closeCampaign, closePeriod, createCampaign, DAY_MS, documentedDefaultPolicy, FLOOD,
  FUND_ID, fundOpened, NOW, OPENED_AT, openFund, periodClosed, plusDays, plusMs, policyChanged,
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
        legalBasis: 'decree-93-2019',
        components: ['general', 'emergency-relief', 'humanitarian'],
        policy: {
          approvals: [
            { above: '0', approvers: 1 },
            { above: '100000000', approvers: 2 },
          ],
          emergencyReleaseCap: '50000000',
          emergencySettlementDays: 30,
          managementCostWarnPercent: '5',
          managementCostCapPercent: '10',
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
      .when(openFund({ legalBasis: 'decree-03-2026', chapter: 'Hội CTĐ TP.HCM' }))
      .thenMatches({ data: { legalBasis: 'decree-03-2026', chapter: 'Hội CTĐ TP.HCM' } });
  });

  it('legal basis: defaults to decree-93-2019 for a fund opened before 1 March 2026 (Vietnam time), decree-03-2026 from then', () => {
    FundDecider.given().when(openFund({ now: '2026-02-28T23:59:59+07:00' })).thenMatches({ data: { legalBasis: 'decree-93-2019' } });
    FundDecider.given().when(openFund({ now: '2026-02-28T17:00:00Z' })).thenMatches({ data: { legalBasis: 'decree-03-2026' } });
  });

  it('legal basis: refuses any other value (VALIDATION_FAILED naming legalBasis)', () => {
    FundDecider.given().when(openFund({ legalBasis: 'Nghị định 93/2019/NĐ-CP' })).thenRejects('VALIDATION_FAILED', { field: 'legalBasis' });
  });

  it('legal basis: a fund opened before codes existed reads its free text as the default of its opening date', () => {
    const old = fundOpened();
    const state = openState(fundStateOf({ ...old, data: { ...old.data, legalBasis: 'Nghị định 93/2019/NĐ-CP' } }));
    expect(state.legalBasis).toBe('decree-93-2019');
  });

  it('R6: a policy whose warning share is above its cap is INVALID_POLICY; an old 3 % cap warns at 3 %', () => {
    FundDecider.given().when(openFund({ policy: { managementCostWarnPercent: '8', managementCostCapPercent: '7' } })).thenRejects('INVALID_POLICY');
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: '3' } })).thenMatches({ data: { policy: { managementCostWarnPercent: '3' } } });
  });

  it('lets the board raise the management cost share up to 10 % (R6)', () => {
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: '10' } })).thenMatches({ data: { policy: { managementCostCapPercent: '10' } } });
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: '7.5' } })).thenMatches({ data: { policy: { managementCostCapPercent: '7.5' } } });
  });

  it.each(['10.01', '11', '100'])('refuses a management cost share of %s %% with INVALID_POLICY', (percent) => {
    // It names the field, so a form shows the reason beside it.
    FundDecider.given().when(openFund({ policy: { managementCostCapPercent: percent } })).thenRejects('INVALID_POLICY', { field: 'policy.managementCostCapPercent' });
  });

  it.each([
    ['no approval tier', { approvals: [] }],
    ['zero approvers', { approvals: [{ above: '0', approvers: 0 }] }],
    ['a fractional approver count', { approvals: [{ above: '0', approvers: 1.5 }] }],
    ['a tier threshold that is not a VND amount', { approvals: [{ above: '1e6', approvers: 2 }] }],
    ['two tiers of one threshold', { approvals: [{ above: '0', approvers: 1 }, { above: '100', approvers: 2 }, { above: '100', approvers: 1 }] }],
    ['fewer approvers above a larger amount', { approvals: [{ above: '0', approvers: 2 }, { above: '100000000', approvers: 1 }] }],
    ['fewer approvers above a larger amount, the tiers out of order', { approvals: [{ above: '500000000', approvers: 2 }, { above: '0', approvers: 1 }, { above: '100000000', approvers: 3 }] }],
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

describe('Fund: policy versions (api-v2.md "Policy, legal basis, periods")', () => {
  it('merges the change into the newest version and records the decision, date and who changed it', () => {
    FundDecider.given(fundOpened(), policyChanged({ emergencyReleaseCap: '20000000' }))
      .when(changePolicy({ managementCostCapPercent: '8' }, NOW, { effectiveFrom: '2024-06-01', legalBasis: 'decree-93-2019' }))
      .then({
        type: 'PolicyChanged',
        data: {
          fundId: FUND_ID, version: 3, policy: { ...documentedDefaultPolicy(), emergencyReleaseCap: '20000000', managementCostCapPercent: '8' },
          changes: { managementCostCapPercent: '8' }, effectiveFrom: '2024-06-01', decisionRef: '12/QĐ-CTĐ', legalBasis: 'decree-93-2019',
          changedBy: 'admin-1', changedAt: NOW,
        },
      });
  });

  it('takes effect today at the earliest: an earlier date is EFFECTIVE_DATE_IN_PAST (a change never rewrites the past)', () => {
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-05-12' })).thenMatches({ type: 'PolicyChanged' });
    FundDecider.given(fundOpened())
      .when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-05-11' }))
      .thenRejects('EFFECTIVE_DATE_IN_PAST', { field: 'effectiveFrom', today: '2024-05-12' });
  });

  it('reads "today" in Vietnam time: at 23:30 UTC on 11 May it is already 12 May in Hà Nội', () => {
    FundDecider.given(fundOpened())
      .when(changePolicy({ emergencySettlementDays: 20 }, '2024-05-11T23:30:00Z', { effectiveFrom: '2024-05-11' }))
      .thenRejects('EFFECTIVE_DATE_IN_PAST');
  });

  it('takes effect by the end of next year at the latest: a mistyped year would hold back every later change', () => {
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2025-12-31' })).thenMatches({ type: 'PolicyChanged' });
    FundDecider.given(fundOpened())
      .when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2026-01-01' }))
      .thenRejects('VALIDATION_FAILED', { field: 'effectiveFrom' });
    FundDecider.given(fundOpened())
      .when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '9999-12-31' }))
      .thenRejects('VALIDATION_FAILED', { field: 'effectiveFrom' });
  });

  it('a fund whose recorded tiers name one threshold twice (before the rule) still changes its other fields; new tiers must not', () => {
    const doubled = fundOpened({ policy: { approvals: [{ above: '0', approvers: 1 }, { above: '100', approvers: 2 }, { above: '100', approvers: 1 }] } });
    FundDecider.given(doubled).when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-06-01' })).thenMatches({ type: 'PolicyChanged' });
    FundDecider.given(doubled)
      .when(changePolicy({ approvals: [{ above: '0', approvers: 1 }, { above: '5', approvers: 2 }, { above: '5', approvers: 3 }] }, NOW, { effectiveFrom: '2024-06-01' }))
      .thenRejects('INVALID_POLICY');
  });

  it('a larger amount may not need fewer approvers: refused naming policy.approvals, in new tiers only', () => {
    const weaker = [{ above: '0', approvers: 2 }, { above: '100000000', approvers: 1 }];
    FundDecider.given(fundOpened())
      .when(changePolicy({ approvals: weaker }, NOW, { effectiveFrom: '2024-06-01' }))
      .thenRejects('INVALID_POLICY', { field: 'policy.approvals' });
    // Tiers recorded before the rule stay as they are while the other rules change.
    FundDecider.given(fundOpened({ policy: { approvals: weaker } }))
      .when(changePolicy({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-06-01' }))
      .thenMatches({ type: 'PolicyChanged' });
  });

  it('names what is wrong with the policy before what is wrong with its date', () => {
    FundDecider.given(fundOpened(), policyChanged({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-07-01' }))
      .when(changePolicy({ managementCostCapPercent: '11' }, NOW, { effectiveFrom: '2024-06-30' }))
      .thenRejects('INVALID_POLICY');
  });

  it('may not slip in before a version already scheduled (EFFECTIVE_DATE_BEFORE_SCHEDULED)', () => {
    FundDecider.given(fundOpened(), policyChanged({ emergencySettlementDays: 20 }, NOW, { effectiveFrom: '2024-07-01' }))
      .when(changePolicy({ emergencySettlementDays: 25 }, NOW, { effectiveFrom: '2024-06-30' }))
      .thenRejects('EFFECTIVE_DATE_BEFORE_SCHEDULED', { scheduledVersion: 2, scheduledFrom: '2024-07-01' });
  });

  it.each([
    ['an effectiveFrom that is a timestamp', { effectiveFrom: '2024-06-01T00:00:00+07:00' }, 'effectiveFrom'],
    ['an effectiveFrom that is no calendar day', { effectiveFrom: '2024-02-30' }, 'effectiveFrom'],
    ['a decisionRef of spaces', { decisionRef: '   ' }, 'decisionRef'],
    ['an unknown legal basis', { legalBasis: 'decree-1-2000' as never }, 'legalBasis'],
  ])('refuses %s (VALIDATION_FAILED naming the field)', (_why, overrides, field) => {
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, NOW, overrides)).thenRejects('VALIDATION_FAILED', { field });
  });

  it('refuses a management cost share above 10 % (INVALID_POLICY)', () => {
    FundDecider.given(fundOpened()).when(changePolicy({ managementCostCapPercent: '10.5' })).thenRejects('INVALID_POLICY');
  });

  it('refuses a version that changes nothing (VALIDATION_FAILED naming policy); a change of legal basis alone is a version', () => {
    FundDecider.given(fundOpened()).when(changePolicy({})).thenRejects('VALIDATION_FAILED', { field: 'policy' });
    FundDecider.given(fundOpened()).when(changePolicy({}, NOW, { legalBasis: 'decree-03-2026' })).thenMatches({ data: { changes: {}, legalBasis: 'decree-03-2026' } });
  });

  it('needs an open fund (NOT_FOUND), before looking at the policy', () => {
    FundDecider.given().when(changePolicy({ managementCostCapPercent: '10.5' })).thenRejects('NOT_FOUND', { entity: 'fund' });
  });

  it('policyInForce: the opening policy governs every date before the first change; each version from its Vietnam day on', () => {
    const state = openState(fundStateOf(
      fundOpened(),
      policyChanged({ emergencyReleaseCap: '20000000' }, NOW, { effectiveFrom: '2024-07-01' }),
      policyChanged({ emergencyReleaseCap: '30000000' }, NOW, { effectiveFrom: '2025-01-01', legalBasis: 'decree-03-2026' }),
    ));
    expect(policyInForce(state, '2019-01-01T00:00:00+07:00').emergencyReleaseCap).toBe('50000000');
    expect(policyInForce(state, '2024-06-30T23:59:59+07:00').emergencyReleaseCap).toBe('50000000');
    expect(policyInForce(state, '2024-06-30T17:00:00Z').emergencyReleaseCap).toBe('20000000');
    expect(policyInForce(state, '2024-12-31T12:00:00+07:00').emergencyReleaseCap).toBe('20000000');
    expect(policyInForce(state, '2025-01-01').emergencyReleaseCap).toBe('30000000');
    expect(state.policyVersions.map((v) => [v.version, v.effectiveFrom, v.legalBasis])).toEqual([
      [1, null, 'decree-93-2019'], [2, '2024-07-01', 'decree-93-2019'], [3, '2025-01-01', 'decree-03-2026'],
    ]);
  });

  it('reads a v1 PolicyChanged (no date, no decision) as a version effective on the Vietnam day it was recorded', () => {
    const v1 = upcast('PolicyChanged', 1, { fundId: FUND_ID, policy: { ...documentedDefaultPolicy(), emergencyReleaseCap: '7000000' }, changedAt: '2024-05-11T20:00:00Z' });
    expect(v1).toMatchObject({ data: { version: null, effectiveFrom: '2024-05-12', decisionRef: null, legalBasis: null, changes: { emergencyReleaseCap: '7000000' } } });
    const state = openState(fundStateOf(fundOpened(), v1 as FundEvent));
    expect(policyInForce(state, '2024-05-11T23:00:00+07:00').emergencyReleaseCap).toBe('50000000');
    expect(policyInForce(state, '2024-05-12T00:00:00+07:00').emergencyReleaseCap).toBe('7000000');
  });
});

describe('Fund: Decree 03/2026 replaced Decree 93/2019 on 2026-03-01 (domain.md "Legal status")', () => {
  const REPLACED = { field: 'legalBasis', legalBasis: 'decree-93-2019', replacedOn: '2026-03-01' };

  it('refuses to open a fund on or after 2026-03-01 (Vietnam time) under decree-93-2019 (INVALID_POLICY naming legalBasis); the day before it may', () => {
    FundDecider.given().when(openFund({ legalBasis: 'decree-93-2019', now: '2026-02-28T17:00:00Z' })).thenRejects('INVALID_POLICY', REPLACED);
    FundDecider.given().when(openFund({ legalBasis: 'decree-93-2019', now: '2026-12-06T09:00:00+07:00' })).thenRejects('INVALID_POLICY', REPLACED);
    FundDecider.given().when(openFund({ legalBasis: 'decree-93-2019', now: '2026-02-28T23:59:59+07:00' })).thenMatches({ data: { legalBasis: 'decree-93-2019' } });
  });

  it('refuses a policy version effective on or after 2026-03-01 that names decree-93-2019; one effective the day before may', () => {
    const now = '2026-02-20T09:00:00+07:00';
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, now, { effectiveFrom: '2026-03-01', legalBasis: 'decree-93-2019' }))
      .thenRejects('INVALID_POLICY', REPLACED);
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, '2026-12-06T09:00:00+07:00', { legalBasis: 'decree-93-2019' }))
      .thenRejects('INVALID_POLICY', REPLACED);
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, now, { effectiveFrom: '2026-02-28', legalBasis: 'decree-93-2019' }))
      .thenMatches({ data: { effectiveFrom: '2026-02-28', legalBasis: 'decree-93-2019' } });
  });

  it('a version effective from 2026-03-01 that names no basis, of a fund under decree-93-2019, records decree-03-2026; one effective before inherits', () => {
    const now = '2026-02-20T09:00:00+07:00';
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, now, { effectiveFrom: '2026-03-01' }))
      .thenMatches({ data: { effectiveFrom: '2026-03-01', legalBasis: 'decree-03-2026' } });
    FundDecider.given(fundOpened()).when(changePolicy({ emergencySettlementDays: 20 }, now, { effectiveFrom: '2026-02-28' }))
      .thenMatches({ data: { effectiveFrom: '2026-02-28', legalBasis: null } });
  });

  it('a fund and a version already recorded under decree-93-2019 after the change stay readable: the fold takes them as recorded', () => {
    const state = openState(fundStateOf(
      { ...fundOpened(), data: { ...fundOpened().data, openedAt: '2026-04-01T09:00:00+07:00', legalBasis: 'decree-93-2019' } },
      policyChanged({ emergencySettlementDays: 20 }, '2026-04-02T09:00:00+07:00', { effectiveFrom: '2026-04-02', legalBasis: 'decree-93-2019' }),
    ));
    expect(state.policyVersions.map((v) => [v.version, v.legalBasis])).toEqual([[1, 'decree-93-2019'], [2, 'decree-93-2019']]);
  });
});

describe('Fund: closing periods (api-v2.md "Policy, legal basis, periods")', () => {
  it('closes a fiscal year or a quarter that has ended, naming its days', () => {
    FundDecider.given(fundOpened())
      .when(closePeriod('2023', NOW))
      .then({ type: 'PeriodClosed', data: { fundId: FUND_ID, period: '2023', from: '2023-01-01', to: '2023-12-31', decisionRef: '30/QĐ-CTĐ', closedBy: 'admin-1', closedAt: NOW } });
    FundDecider.given(fundOpened()).when(closePeriod('2024-Q1', NOW)).thenMatches({ data: { from: '2024-01-01', to: '2024-03-31' } });
  });

  it('refuses a period that has not ended in Vietnam time (PERIOD_NOT_ENDED)', () => {
    FundDecider.given(fundOpened()).when(closePeriod('2024-Q2', NOW)).thenRejects('PERIOD_NOT_ENDED', { period: '2024-Q2' });
    FundDecider.given(fundOpened()).when(closePeriod('2024-Q1', '2024-03-31T16:59:59Z')).thenRejects('PERIOD_NOT_ENDED');
    FundDecider.given(fundOpened()).when(closePeriod('2024-Q1', '2024-03-31T17:00:00Z')).thenMatches({ type: 'PeriodClosed' });
  });

  it('refuses closing again, or a quarter of a closed year (INVALID_STATE)', () => {
    FundDecider.given(fundOpened(), periodClosed('2023', '2023-01-01', '2023-12-31'))
      .when(closePeriod('2023-Q3', NOW))
      .thenRejects('INVALID_STATE', { closedAs: '2023' });
    FundDecider.given(fundOpened(), periodClosed('2023-Q3', '2023-07-01', '2023-09-30')).when(closePeriod('2023-Q3', NOW)).thenRejects('INVALID_STATE');
  });

  it.each([['2023-Q5', 'period'], ['23', 'period'], ['2023-q1', 'period']])('refuses the period %s (VALIDATION_FAILED)', (period, field) => {
    FundDecider.given(fundOpened()).when(closePeriod(period, NOW)).thenRejects('VALIDATION_FAILED', { field });
  });

  it('refuses a decisionRef of spaces (VALIDATION_FAILED naming decisionRef)', () => {
    FundDecider.given(fundOpened()).when(closePeriod('2023', NOW, '   ')).thenRejects('VALIDATION_FAILED', { field: 'decisionRef' });
  });

  it('PERIOD_CLOSED: periodClosedRejection names the closed period holding the Vietnam day of a business date', () => {
    const state = fundStateOf(fundOpened(), periodClosed('2023', '2023-01-01', '2023-12-31'), periodClosed('2024-Q1', '2024-01-01', '2024-03-31'));
    expect(periodClosedRejection(state, '2023-06-01T10:00:00+07:00')).toMatchObject({ ok: false, rejection: { code: 'PERIOD_CLOSED', details: { period: '2023' } } });
    expect(periodClosedRejection(state, '2024-03-31T16:59:59Z')).toMatchObject({ rejection: { code: 'PERIOD_CLOSED', details: { period: '2024-Q1' } } });
    expect(periodClosedRejection(state, '2024-03-31T17:00:00Z')).toBeUndefined();
    expect(periodClosedRejection(state, 'not a date')).toBeUndefined();
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
          distributeUntil: '2024-12-27T00:00:00+07:00',
          bankAccount: '0011001932418',
          restrictionId: 'campaign:bao-yagi-2024',
          createdAt: NOW,
        },
      });
  });

  it('answers a defaulted distributeUntil in the offset receiveUntil was given in (R15)', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: '2024-11-06T17:00:00.500Z' }))
      .thenMatches({ data: { distributeUntil: '2024-11-26T17:00:00.500Z' } });
    FundDecider.given(fundOpened())
      .when(createCampaign({ receiveUntil: '2024-11-06T20:00:00-05:00', receiveFrom: '2024-09-08T00:00:00-05:00' }))
      .thenMatches({ data: { distributeUntil: '2024-11-26T20:00:00-05:00' } });
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
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: from })).thenRejects('INVALID_CAMPAIGN_WINDOW', { field: 'receiveUntil' });
    FundDecider.given(fundOpened()).when(createCampaign({ receiveUntil: plusMs(from, -1), kind: 'tet' })).thenRejects('INVALID_CAMPAIGN_WINDOW');
  });

  it('refuses distribution ending before receiving ends (INVALID_CAMPAIGN_WINDOW)', () => {
    FundDecider.given(fundOpened())
      .when(createCampaign({ kind: 'other', distributeUntil: plusMs(FLOOD.receiveUntil, -1) }))
      .thenRejects('INVALID_CAMPAIGN_WINDOW', { field: 'distributeUntil' });
  });

  it('R14: refuses an account another campaign receives on at the same time, however it is spaced; an ended or closed campaign\'s account is free', () => {
    const flood = campaignCreated({ bankAccount: '0011001932418' });
    FundDecider.given(fundOpened(), flood)
      .when(createCampaign({ campaignId: 'lu-thang-10', bankAccount: '0011 0019 32418', receiveFrom: '2024-10-01T00:00:00+07:00', receiveUntil: '2024-10-20T23:59:59+07:00' }))
      .thenRejects('VALIDATION_FAILED', { field: 'bankAccount' });
    FundDecider.given(fundOpened(), flood)
      .when(createCampaign({ campaignId: 'lu-thang-12', bankAccount: '0011001932418', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2024-12-20T23:59:59+07:00' }))
      .thenMatches({ data: { campaignId: 'lu-thang-12', bankAccount: '0011001932418' } });
    FundDecider.given(fundOpened(), flood, campaignClosed(FLOOD.campaignId, '2024-09-30T17:00:00+07:00'))
      .when(createCampaign({ campaignId: 'lu-thang-10', bankAccount: '0011001932418', receiveFrom: '2024-10-01T00:00:00+07:00', receiveUntil: '2024-10-20T23:59:59+07:00' }))
      .thenMatches({ data: { campaignId: 'lu-thang-10' } });
    FundDecider.given(fundOpened(), flood)
      .when(createCampaign({ campaignId: 'lu-thang-10', bankAccount: '1903 5555 8888', receiveFrom: '2024-10-01T00:00:00+07:00', receiveUntil: '2024-10-20T23:59:59+07:00' }))
      .thenMatches({ data: { campaignId: 'lu-thang-10' } });
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
