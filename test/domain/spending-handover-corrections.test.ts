import type { DisbursementRequested, HandoverCorrected, HandoverRecorded } from '../../src/domain/spending/spending.events';
import {
  COORDINATOR, disbursementApproved, disbursementId, disbursementPaid, disbursementRejected, disbursementRequested, donationRecorded, fundOpened, NOW, periodClosed, plusDays, requestDisbursement,
  reverseEntry,
} from './builders';
import { SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const money = donationRecorded({ sequence: 1, amountVnd: '100000000' });
const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
const DB1 = disbursementId(1);
const AN = { name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3' };
const HOA = { name: 'Lê Thị Hoa', commune: 'Xã Tân Phú', matchKey: 'le thi hoa|xa tan phu|ap 5' };
const BINH = { name: 'Trần Văn Bình', commune: 'Xã Tân Phú', matchKey: 'tran van binh|xa tan phu|ap 2' };

/** The Tết list: 500 000 VND to An and to Hoa. */
const tet: DisbursementRequested = disbursementRequested({
  sequence: 1, requestedAt: NOW, needCategory: 'tet-gift',
  distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null }, { beneficiaryId: 'BF-000002', ...HOA, amount: '500000', items: null }],
});
/** 1500 kg of rice to An, 100 kg to Hoa. */
const riceList: DisbursementRequested = disbursementRequested({
  sequence: 1, amount: '0', needCategory: 'food-water-medicine',
  distribution: [
    { beneficiaryId: 'BF-000001', ...AN, amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] },
    { beneficiaryId: 'BF-000002', ...HOA, amount: null, items: [{ description: 'Gạo tẻ', quantity: '100', unit: 'kg' }] },
  ],
});

function recorded(status: 'received' | 'absent' | 'refused', overrides: Partial<HandoverRecorded['data']> = {}): HandoverRecorded {
  return {
    type: 'HandoverRecorded',
    data: {
      fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', status, handedOverAt: NOW, evidenceRef: 'Danh sách ký nhận 1',
      recordedBy: COORDINATOR, recordedAt: NOW, ...overrides,
    },
  };
}

const correct = (overrides: Partial<{ beneficiaryId: string; reason: string; correctedAt: string | null }> = {}) => ({
  type: 'CorrectHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000001', reason: 'Ghi nhầm hộ: hộ An chưa đến nhận', correctedAt: null,
  actor: { userId: COORDINATOR }, now: NOW, ...overrides,
});

function correctedEvent(given: readonly (HandoverRecorded | DisbursementRequested | ReturnType<typeof disbursementApproved> | ReturnType<typeof disbursementPaid> | ReturnType<typeof disbursementRejected>)[]): HandoverCorrected {
  const [event] = SpendingDecider.given(...given).withFund(fund).withDonations(money, rice).when(correct()).events;
  return event as HandoverCorrected;
}

describe('A hand-over recorded in error is corrected by an event of its own, never by editing it', () => {
  const paid = [tet, disbursementApproved(1), disbursementPaid(1)];

  it('sets aside An\'s cash share wrongly recorded as received: the share has no hand-over again, with who, when and why', () => {
    SpendingDecider.given(...paid, recorded('received')).withFund(fund).withDonations(money)
      .when(correct())
      .then({
        type: 'HandoverCorrected',
        data: {
          fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001',
          corrected: { status: 'received', handedOverAt: NOW, evidenceRef: 'Danh sách ký nhận 1', recordedBy: COORDINATOR },
          restored: null, reason: 'Ghi nhầm hộ: hộ An chưa đến nhận', correctedAt: NOW, recordedBy: COORDINATOR, recordedAt: NOW,
        },
      });
    const state = spendingStateOf(...paid, recorded('received'), correctedEvent([...paid, recorded('received')]));
    expect(state.disbursements.get(DB1)?.handovers.has('BF-000001')).toBe(false);
  });

  it('lets the paid Tết list be reversed once the wrong cash hand-over is corrected (it was 422 INVALID_STATE reverse-handed-over)', () => {
    const wrong = recorded('received');
    SpendingDecider.given(...paid, wrong).withFund(fund).withDonations(money)
      .when(reverseEntry(DB1))
      .thenRejects('INVALID_STATE', { beneficiaryId: 'BF-000001' });
    SpendingDecider.given(...paid, wrong, correctedEvent([...paid, wrong])).withFund(fund).withDonations(money)
      .when(reverseEntry(DB1))
      .thenMatches({ type: 'PaymentReversed', data: { disbursementId: DB1, amount: '1000000' } });
  });

  it('puts the share back to absent when An was first recorded absent, then wrongly as received', () => {
    const absent = recorded('absent', { evidenceRef: null });
    const history = [...paid, absent, recorded('received')];
    const event = correctedEvent(history);
    expect(event.data.restored).toEqual({ status: 'absent', handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR });
    const state = spendingStateOf(...history, event);
    expect(state.disbursements.get(DB1)?.handovers.get('BF-000001')).toMatchObject({ status: 'absent', closed: false });
  });

  it('refuses a share already corrected (INVALID_STATE handover-corrected) until a new hand-over is recorded, then corrects that one', () => {
    const history = [...paid, recorded('received')];
    const first = correctedEvent(history);
    SpendingDecider.given(...history, first).withFund(fund).withDonations(money)
      .when(correct())
      .thenRejects('INVALID_STATE', { correctedAt: NOW, correctedBy: COORDINATOR });
    const again = recorded('received', { evidenceRef: 'Danh sách ký nhận 2' });
    SpendingDecider.given(...history, first, again).withFund(fund).withDonations(money)
      .when(correct())
      .thenMatches({ type: 'HandoverCorrected', data: { corrected: { evidenceRef: 'Danh sách ký nhận 2' }, restored: null } });
  });

  it('refuses a share with no hand-over (a request not yet approved has none), a beneficiary not on the list, a blank reason, a date before the hand-over', () => {
    SpendingDecider.given(...paid).withFund(fund).withDonations(money).when(correct()).thenRejects('NOT_FOUND', { entity: 'handover', id: 'BF-000001' });
    SpendingDecider.given(...paid, recorded('received')).withFund(fund).withDonations(money)
      .when(correct({ beneficiaryId: 'BF-000009' })).thenRejects('NOT_FOUND', { entity: 'distribution-line' });
    SpendingDecider.given(...paid, recorded('received')).withFund(fund).withDonations(money)
      .when(correct({ reason: '  ' })).thenRejects('VALIDATION_FAILED', { field: 'reason' });
    SpendingDecider.given(tet).withFund(fund).withDonations(money).when(correct()).thenRejects('NOT_FOUND', { entity: 'handover' });
    SpendingDecider.given(...paid, recorded('received')).withFund(fund).withDonations(money)
      .when(correct({ correctedAt: plusDays(NOW, -1) })).thenRejects('DATE_BEFORE_REQUEST');
  });
});

describe('Goods wrongly recorded as handed out go back to promised (R18)', () => {
  const approved = [riceList, disbursementApproved(1)];
  const riceRequest = (kg: string) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: 'BF-000003', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }],
    aidFacts: { beneficiaries: { 'BF-000003': BINH }, elsewhere: [] },
  });

  it('takes An\'s 1500 kg out of "handed out" and keeps them promised to his share', () => {
    const history = [...approved, recorded('received')];
    const state = spendingStateOf(...history, correctedEvent(history));
    expect(state.itemsHandedOut.get('gao te|kg')?.quantity.toFixed()).toBe('0');
    expect(state.itemsAllocated.get('gao te|kg')?.quantity.toFixed()).toBe('1600');
  });

  it('promises the 1500 kg of a share wrongly closed as not delivered again: 400 kg stay free, 401 are refused', () => {
    const closed = recorded('absent', { closed: true });
    const history = [...approved, closed];
    const corrected = correctedEvent(history);
    expect(corrected.data.corrected).toMatchObject({ status: 'absent', closed: true });
    SpendingDecider.given(...history).withFund(fund).withDonations(money, rice).when(riceRequest('1900')).thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...history, corrected).withFund(fund).withDonations(money, rice)
      .when(riceRequest('401'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '400', requested: '401' });
    expect(spendingStateOf(...history, corrected).disbursements.get(DB1)?.handovers.has('BF-000001')).toBe(false);
  });

  it('gives the 1500 kg wrongly recorded as handed out back to the stock when the request was rejected since: 2000 kg free, not 500', () => {
    const history = [...approved, recorded('received'), disbursementRejected(1)];
    SpendingDecider.given(...history).withFund(fund).withDonations(money, rice).when(riceRequest('501'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '501' });
    const corrected = correctedEvent(history);
    SpendingDecider.given(...history, corrected).withFund(fund).withDonations(money, rice).when(riceRequest('2000')).thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...history, corrected).withFund(fund).withDonations(money, rice)
      .when(riceRequest('2001'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '2000', requested: '2001' });
    const state = spendingStateOf(...history, corrected);
    expect(state.itemsHandedOut.get('gao te|kg')?.quantity.toFixed()).toBe('0');
    expect(state.itemsAllocated.get('gao te|kg')?.quantity.toFixed()).toBe('0');
  });

  it('refuses to reopen a closed share whose freed rice went to another list since (INSUFFICIENT_STOCK)', () => {
    const closed = recorded('absent', { closed: true });
    const other = disbursementRequested({
      sequence: 2, amount: '0', needCategory: 'food-water-medicine',
      distribution: [{ beneficiaryId: 'BF-000002', ...HOA, amount: null, items: [{ description: 'Gạo tẻ', quantity: '1000', unit: 'kg' }] }],
    });
    SpendingDecider.given(...approved, closed, other).withFund(fund).withDonations(money, rice)
      .when(correct())
      .thenRejects('INSUFFICIENT_STOCK', { available: '900', requested: '1500' });
  });

  it('counts An\'s Tết share as earlier aid again (DUPLICATE_AID) once its wrong closing is set aside', () => {
    const history = [tet, disbursementApproved(1), recorded('absent', { closed: true })];
    const anAgain = requestDisbursement({
      amount: '500000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: 'BF-000001', amount: '500000' }],
      aidFacts: { beneficiaries: { 'BF-000001': AN }, elsewhere: [] },
    });
    SpendingDecider.given(...history).withFund(fund).withDonations(money).when(anAgain).thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...history, correctedEvent(history)).withFund(fund).withDonations(money)
      .when(anAgain)
      .thenRejects('DUPLICATE_AID', { beneficiaryId: 'BF-000001', earlierDisbursementId: DB1 });
  });
});

describe('A hand-over of a closed period is not corrected: that period handed it out', () => {
  // The Tết list was requested on 10 May; An's share was recorded received on 11 May; the second quarter is closed.
  const requested = disbursementRequested({ ...tet.data, sequence: 1, requestedAt: plusDays(NOW, -2) });
  const onMay11 = recorded('received', { handedOverAt: '2024-05-11T08:00:00+07:00' });
  const history = [requested, disbursementApproved(1), onMay11];

  it('refuses it once 2024-Q2 is closed, dated after the quarter (PERIOD_CLOSED)', () => {
    SpendingDecider.given(...history).withFund(fund, periodClosed('2024-Q2', '2024-04-01', '2024-06-30')).withDonations(money)
      .when(correct())
      .thenRejects('PERIOD_CLOSED', { period: '2024-Q2' });
  });

  it('corrects it while the quarter is open', () => {
    SpendingDecider.given(...history).withFund(fund, periodClosed('2024-Q1', '2024-01-01', '2024-03-31')).withDonations(money)
      .when(correct())
      .thenMatches({ type: 'HandoverCorrected' });
  });
});
