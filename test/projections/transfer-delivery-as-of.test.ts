import { balanceProjectionFor, type BalanceState } from '../../projections/balance.projection';
import { BusinessDateFilter, businessDateOf } from '../../projections/business-date';
import type { ProjectedEvent } from '../../projections/projection';
import type { LedgerEvent } from '../../src/domain/ledger-events';
import type { DeliveryReceipt } from '../../src/domain/spending/delivery-receipt';
import type { TransferDelivered, TransferRequested } from '../../src/domain/spending/spending.events';
import { ACCOUNTANT, donationRecorded, FUND_ID, fundOpened } from '../domain/builders';

/**
 * The closing half of a transfer to a ledger elsewhere, looked back at by business date: the
 * receiving ledger booked the money on its receipt's business date (receivedAt); the sending
 * ledger recorded that receipt later (recordedAt, the recording clock). By business date the
 * money left transit on the day it was booked there, as the movement register and the balance's
 * own closedAt say, whenever the sender got round to recording the receipt.
 */
const TR1 = `TR-${FUND_ID}-000001`;
const REQUESTED_AT = '2024-05-10T09:00:00+07:00';
const BOOKED_THERE = '2024-05-15T10:00:00+07:00';
const RECORDED_HERE = '2024-05-25T16:00:00+07:00';
const MAY_16_END = Date.parse('2024-05-16T23:59:59.999+07:00');

const requested: TransferRequested = {
  type: 'TransferRequested',
  data: {
    fundId: FUND_ID, transferId: TR1, toFundId: 'ctd-tinh-xa', external: true, amount: '400000', component: 'general', campaignId: null,
    restrictionId: null, restrictionPurpose: null, restrictionBeneficiary: null, purpose: 'Chuyển tiền ủng hộ lên Hội cấp tỉnh', note: null,
    approvalsRequired: 0, fiscalYear: 2024, requestedBy: ACCOUNTANT, requestedAt: REQUESTED_AT,
  },
};

const delivered: TransferDelivered = {
  type: 'TransferDelivered',
  data: {
    fundId: FUND_ID, transferId: TR1, toFundId: 'ctd-tinh-xa', amount: '400000', component: 'general', restrictionId: null, campaignId: null,
    toLedger: 'ctd-tinh-xa.example.vn/ledger', toChapter: 'Hội Chữ thập đỏ tỉnh', keyId: 'b2c3d4e5', receivedAt: BOOKED_THERE, receivedPosition: 77,
    receipt: {} as DeliveryReceipt, recordedBy: ACCOUNTANT, recordedAt: RECORDED_HERE,
  },
};

/** The balance by business date as replayBalance computes it: the filter, then the projection without the log-order checks. */
function balanceAsOf(asOfMs: number, ...events: LedgerEvent[]): BalanceState {
  const projection = balanceProjectionFor('business-date');
  const filter = new BusinessDateFilter(asOfMs);
  let state = projection.initialState();
  events.forEach((event, index) => {
    if (!filter.admits(event)) return;
    const projected: ProjectedEvent = { position: index + 1, streamId: 's', revision: index, recordedAt: '2024-05-25T09:00:00.000Z', actorUserId: 'u', event };
    state = projection.apply(state, projected);
  });
  return state;
}

describe('a delivered transfer looked back at by business date', () => {
  it('is dated by the day the receiving ledger booked it, not by when the sender recorded the receipt', () => {
    expect(businessDateOf(delivered)).toBe(BOOKED_THERE);
  });

  it('has left transit as of a day between the booking there and the recording here', () => {
    const events = [fundOpened(), donationRecorded({ sequence: 1, amountVnd: '1000000' }), requested, delivered];
    const fund = balanceAsOf(MAY_16_END, ...events).funds[FUND_ID];
    expect({ inTransitOut: fund.inTransitOut, transferredOut: fund.transferredOut }).toEqual({ inTransitOut: '0', transferredOut: '400000' });
  });

  it('is still in transit as of a day before the booking there', () => {
    const events = [fundOpened(), donationRecorded({ sequence: 1, amountVnd: '1000000' }), requested, delivered];
    const fund = balanceAsOf(Date.parse('2024-05-14T23:59:59.999+07:00'), ...events).funds[FUND_ID];
    expect({ inTransitOut: fund.inTransitOut, transferredOut: fund.transferredOut }).toEqual({ inTransitOut: '400000', transferredOut: '0' });
  });
});
