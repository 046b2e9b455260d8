import { BalanceProjection, type BalanceState } from '../../projections/balance.projection';
import { presentBalance } from '../../src/http/controllers/funds.controller';
import type { ProjectedEvent } from '../../projections/projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import {
  campaignCreated, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded, donationReversed, emergencyReleaseCancelled,
  emergencyReleased, emergencyReleaseSettled, emergencySettlementReversed, FLOOD, FUND_ID, fundOpened, paymentReversed,
} from '../domain/builders';

/** Events in, state out: the balance projection as a pure reducer. */
function project(...events: LedgerEvent[]): BalanceState {
  let state = BalanceProjection.initialState();
  events.forEach((event, index) => {
    const projected: ProjectedEvent = { position: index + 1, streamId: 's', revision: index, recordedAt: '2024-05-12T02:30:00.000Z', actorUserId: 'u', event };
    state = BalanceProjection.apply(state, projected);
  });
  return state;
}

const figures = (f: { received: string; disbursed: string; held: string; outstandingEmergency: string; available: string }) =>
  [f.received, f.disbursed, f.held, f.outstandingEmergency, f.available];

describe('balance projection', () => {
  it('moves money through held, disbursed, outstanding and back, keeping available = received − the rest', () => {
    const state = project(
      fundOpened(),
      donationRecorded({ sequence: 1, amountVnd: '10000000' }),
      disbursementRequested({ sequence: 1, amount: '3000000' }),
      disbursementRequested({ sequence: 2, amount: '2000000' }),
      disbursementRejected(2),
      disbursementPaid(1),
      emergencyReleased({ sequence: 1, amount: '4000000', component: 'general' }),
      emergencyReleaseSettled(1, '2500000', '1500000'),
    );
    // received 10M; paid 3M + emergency spent 2.5M; nothing held or outstanding.
    expect(figures(state.funds[FUND_ID])).toEqual(['10000000', '5500000', '0', '0', '4500000']);
    expect(figures(state.funds[FUND_ID].pools.general)).toEqual(['10000000', '5500000', '0', '0', '4500000']);
  });

  it('takes a reversed donation and a reversed payment back out of the figures', () => {
    const first = donationRecorded({ sequence: 1, amountVnd: '6000000' });
    const second = donationRecorded({ sequence: 2, amountVnd: '1000000' });
    const requested = disbursementRequested({ sequence: 1, amount: '2000000' });
    const state = project(fundOpened(), first, second, requested, disbursementPaid(1), paymentReversed(requested, 1), donationReversed(second, 2));
    expect(figures(state.funds[FUND_ID])).toEqual(['6000000', '0', '0', '0', '6000000']);
  });

  it('keeps in-kind gifts at value, outside cash', () => {
    const state = project(fundOpened(), donationRecorded({ sequence: 1, channel: 'in_kind', amountVnd: '50000000' }));
    expect(state.funds[FUND_ID].inKindReceived).toBe('50000000');
    expect(state.funds[FUND_ID].available).toBe('0');
  });

  it('credits each campaign with its own donations, also in a pool shared with other campaigns, and on reversal', () => {
    const tet = donationRecorded({ sequence: 1, amountVnd: '3000000', campaignId: 'tet-2024' });
    const month = donationRecorded({ sequence: 2, amountVnd: '5000000', campaignId: 'thang-nhan-dao' });
    const plain = donationRecorded({ sequence: 3, amountVnd: '700000' });
    const state = project(fundOpened(), tet, month, plain, donationReversed(month, 1));
    const campaigns = state.funds[FUND_ID].campaigns;
    expect(campaigns['tet-2024'].received).toBe('3000000');
    expect(campaigns['thang-nhan-dao'].received).toBe('0');
    expect(state.funds[FUND_ID].received).toBe('3700000');
  });

  it('keeps an FX donation at its VND amount', () => {
    const usd = donationRecorded({ sequence: 1, currency: 'USD', amount: '10.05', fxRate: '25000.5', amountVnd: '251255' });
    expect(project(fundOpened(), usd).funds[FUND_ID].received).toBe('251255');
  });

  it('refuses to let a pool go below zero: that is a corrupted log, not a state', () => {
    expect(() => project(fundOpened(), disbursementRequested({ sequence: 1, amount: '1' }))).toThrow(/below zero/);
  });

  it('R1 campaign pool: money drawn from a disaster campaign\'s pool counts for that campaign however the event named the pool', () => {
    const gift = donationRecorded({ sequence: 1, amountVnd: '100000000', campaignId: 'bao-yagi', restrictionId: 'campaign:bao-yagi' });
    // Written before the decider stored the campaign: only the pool is named.
    const requested = disbursementRequested({ sequence: 1, amount: '60000000', campaignId: null, restrictionId: 'campaign:bao-yagi' });
    const released = emergencyReleased({ sequence: 1, amount: '10000000', component: 'general', campaignId: null, restrictionId: 'campaign:bao-yagi' });
    const state = project(
      fundOpened(), campaignCreated({ campaignId: 'bao-yagi' }), gift, requested, disbursementPaid(1), released, emergencyReleaseSettled(1, '4000000', '6000000'),
    );
    expect(figures(state.funds[FUND_ID].campaigns['bao-yagi'])).toEqual(['100000000', '64000000', '0', '0', '36000000']);
    expect(figures(state.funds[FUND_ID].pools['general#campaign:bao-yagi'])).toEqual(['100000000', '64000000', '0', '0', '36000000']);
  });

  it('R15 campaign without a pool: its received and disbursed are tracked and its available never goes below zero', () => {
    const gift = donationRecorded({ sequence: 1, amountVnd: '5000000', campaignId: 'hoc-bong' });
    const other = donationRecorded({ sequence: 2, amountVnd: '20000000' });
    // The spending names the campaign but is drawn from the component's unrestricted money.
    const requested = disbursementRequested({ sequence: 1, amount: '8000000', campaignId: 'hoc-bong' });
    const state = project(fundOpened(), campaignCreated({ campaignId: 'hoc-bong', kind: 'other' }), gift, other, requested, disbursementPaid(1));
    expect(figures(state.funds[FUND_ID].campaigns['hoc-bong'])).toEqual(['5000000', '8000000', '0', '0', '0']);
    expect(figures(state.funds[FUND_ID].pools.general)).toEqual(['25000000', '8000000', '0', '0', '17000000']);
  });

  it('puts a reversed emergency settlement back outstanding: its spent money is no longer disbursed', () => {
    const released = emergencyReleased({ sequence: 1, amount: '4000000', component: 'general', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool });
    const money = donationRecorded({ sequence: 1, amountVnd: '10000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool });
    const state = project(fundOpened(), money, released, emergencyReleaseSettled(1, '2500000', '1500000'), emergencySettlementReversed(released, '2500000', '1500000'));
    const fund = state.funds[FUND_ID];
    // received 10M; nothing disbursed; the whole 4M outstanding again.
    expect(figures(fund)).toEqual(['10000000', '0', '0', '4000000', '6000000']);
    expect(figures(fund.pools[`general#${FLOOD.pool}`])).toEqual(['10000000', '0', '0', '4000000', '6000000']);
    expect(figures(fund.campaigns[FLOOD.campaignId])).toEqual(['10000000', '0', '0', '4000000', '6000000']);
  });

  it('returns a cancelled emergency release to its pool', () => {
    const released = emergencyReleased({ sequence: 1, amount: '4000000', component: 'general' });
    const state = project(fundOpened(), donationRecorded({ sequence: 1, amountVnd: '10000000' }), released, emergencyReleaseCancelled(released));
    expect(figures(state.funds[FUND_ID])).toEqual(['10000000', '0', '0', '0', '10000000']);
    expect(figures(state.funds[FUND_ID].pools.general)).toEqual(['10000000', '0', '0', '0', '10000000']);
  });
});

describe('the balance answer names a campaign\'s pool received from another fund in Vietnamese', () => {
  const PROVINCE = 'ctd-tinh';
  const TR = `TR-${FUND_ID}-000001`;
  const sent: LedgerEvent = {
    type: 'TransferRequested',
    data: {
      fundId: FUND_ID, transferId: TR, toFundId: PROVINCE, external: false, amount: '5000000', component: 'emergency-relief', campaignId: FLOOD.campaignId,
      restrictionId: FLOOD.pool, restrictionPurpose: `Campaign ${FLOOD.campaignId}`, restrictionBeneficiary: null, purpose: 'Chuyển lên tỉnh', note: null,
      approvalsRequired: 0, fiscalYear: 2024, requestedBy: 'accountant-1', requestedAt: FLOOD.now,
    },
  };
  const received: LedgerEvent = {
    type: 'TransferReceived',
    data: {
      fundId: FUND_ID, transferId: TR, toFundId: PROVINCE, amount: '5000000', component: 'emergency-relief', restrictionId: FLOOD.pool,
      receivedRestrictionId: FLOOD.pool, receivedCampaignId: FLOOD.campaignId, campaignId: FLOOD.campaignId, restrictionPurpose: `Campaign ${FLOOD.campaignId}`,
      restrictionBeneficiary: null, receivedBy: 'accountant-province', receivedAt: FLOOD.now,
    },
  };

  it('an English name an earlier version stored reads as the campaign\'s Vietnamese name, or its id when this fund does not know it', () => {
    const state = project(
      fundOpened(), fundOpened({ fundId: PROVINCE }), campaignCreated(),
      donationRecorded({ sequence: 1, amountVnd: '5000000', component: 'emergency-relief', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt }),
      sent, received,
    );
    const components = ['general', 'emergency-relief', 'humanitarian'];
    const known = presentBalance(PROVINCE, components, state.funds[PROVINCE], 6, (id) => (id === FLOOD.campaignId ? 'Bão Yagi' : undefined));
    expect(known.restricted).toEqual([expect.objectContaining({ restrictionId: FLOOD.pool, purpose: 'Đợt vận động: Bão Yagi', available: '5000000' })]);
    const unknown = presentBalance(PROVINCE, components, state.funds[PROVINCE], 6, () => undefined);
    expect(unknown.restricted).toEqual([expect.objectContaining({ purpose: `Đợt vận động: ${FLOOD.campaignId}` })]);
  });
});
