import type { AidFacts, DistributionLineInput } from '../../src/domain/spending/spending.commands';
import type { DisbursementRequested } from '../../src/domain/spending/spending.events';
import {
  ACCOUNTANT, approve, APPROVER_A, COORDINATOR, disbursementApproved, periodClosed, disbursementId, disbursementRejected, disbursementRequested, donationRecorded,
  campaignCreated, FLOOD, fundOpened, NOW, paymentReversed, disbursementPaid, plusDays, rejectDisbursement, requestDisbursement, reverseEntry,
} from './builders';
import { matchKeyOf } from '../../src/domain/beneficiaries/beneficiaries.state';
import { upcast } from '../../src/domain/upcasters';
import { SpendingDecider, spendingStateOf } from './given-when-then';

const fund = fundOpened();
const money = donationRecorded({ sequence: 1, amountVnd: '100000000' });
const DB1 = disbursementId(1);
const DB2 = disbursementId(2);

const AN = { name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', matchKey: 'nguyen van an|xa tan phu|ap 3' };
const HOA = { name: 'Lê Thị Hoa', commune: 'Xã Tân Phú', matchKey: 'le thi hoa|xa tan phu|ap 5' };
const facts = (elsewhere: AidFacts['elsewhere'] = []): AidFacts => ({ beneficiaries: { 'BF-000001': AN, 'BF-000002': HOA }, elsewhere });

const tetLines: DistributionLineInput[] = [{ beneficiaryId: 'BF-000001', amount: '500000' }, { beneficiaryId: 'BF-000002', amount: '500000' }];

function tetRequest(overrides: Parameters<typeof requestDisbursement>[0] = {}) {
  return requestDisbursement({ needCategory: 'tet-gift', distribution: tetLines, aidFacts: facts(), ...overrides });
}

/** An earlier Tết gift to An (and Hoa) of this fund, `daysBefore` days before NOW. */
function earlierTet(daysBefore: number, sequence = 1): DisbursementRequested {
  return disbursementRequested({
    sequence, requestedAt: plusDays(NOW, -daysBefore), needCategory: 'tet-gift',
    distribution: [
      { beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null },
      { beneficiaryId: 'BF-000002', ...HOA, amount: '500000', items: null },
    ],
  });
}

describe('Distributions: a disbursement names who receives what (issue 17)', () => {
  it('records each line with the registry name and commune, and the need', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }))
      .when(tetRequest({ distribution: [{ beneficiaryId: 'BF-000001', amount: '500000' }, { beneficiaryId: 'BF-000002', items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] }] }))
      .thenMatches({
        type: 'DisbursementRequested',
        data: {
          needCategory: 'tet-gift',
          distribution: [
            { beneficiaryId: 'BF-000001', name: AN.name, commune: AN.commune, matchKey: AN.matchKey, amount: '500000', items: null },
            { beneficiaryId: 'BF-000002', name: HOA.name, amount: null, items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] },
          ],
        },
      });
  });

  it('refuses a beneficiary the registry does not know (NOT_FOUND)', () => {
    SpendingDecider.given().withFund(fund).withDonations(money)
      .when(tetRequest({ distribution: [{ beneficiaryId: 'BF-000009', amount: '1000' }] }))
      .thenRejects('NOT_FOUND', { entity: 'beneficiary', id: 'BF-000009' });
  });

  it('refuses a distribution without need, a line twice, a line with both or neither amount and items, amounts above the request', () => {
    const given = SpendingDecider.given().withFund(fund).withDonations(money);
    given.when(tetRequest({ needCategory: null })).thenRejects('VALIDATION_FAILED', { field: 'needCategory' });
    given.when(tetRequest({ needCategory: 'lottery' })).thenRejects('VALIDATION_FAILED', { field: 'needCategory' });
    given.when(tetRequest({ distribution: [tetLines[0], tetLines[0]] })).thenRejects('VALIDATION_FAILED', { field: 'distribution.1.beneficiaryId' });
    given.when(tetRequest({ distribution: [{ beneficiaryId: 'BF-000001' }] })).thenRejects('VALIDATION_FAILED', { field: 'distribution.0' });
    given.when(tetRequest({ distribution: [{ beneficiaryId: 'BF-000001', amount: '1', items: [] }] })).thenRejects('VALIDATION_FAILED', { field: 'distribution.0' });
    given.when(tetRequest({ amount: '999999' })).thenRejects('VALIDATION_FAILED', { field: 'distribution' });
    given.when(tetRequest({ distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo', quantity: '0', unit: 'kg' }] }] }))
      .thenRejects('VALIDATION_FAILED', { field: 'distribution.0.items.0.quantity' });
  });
});

describe('Duplicate aid: same beneficiary, same need, inside the window (issue 17; default 30 days)', () => {
  it('refuses a second Tết gift 29 days after the first (DUPLICATE_AID naming the earlier aid)', () => {
    SpendingDecider.given(earlierTet(29)).withFund(fund).withDonations(money)
      .when(tetRequest())
      .thenRejects('DUPLICATE_AID', {
        beneficiaryId: 'BF-000001', need: 'tet-gift', earlierFundId: 'ctd-hcm', earlierDisbursementId: DB1, windowDays: 30, duplicates: 2,
      });
  });

  it('accepts it 30 days after: the window counts whole Vietnam days between the two requests', () => {
    SpendingDecider.given(earlierTet(30)).withFund(fund).withDonations(money)
      .when(tetRequest())
      .thenMatches({ type: 'DisbursementRequested', data: { disbursementId: DB2 } });
  });

  describe('the boundary, in Vietnam business days: aid on day D, the same need again on D+window-1 is refused, on D+window and D+window+1 accepted', () => {
    /** The earlier Tết gift of this fund, requested at `requestedAt`. */
    const earlierAt = (requestedAt: string) => disbursementRequested({
      sequence: 1, requestedAt, needCategory: 'tet-gift',
      distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null }, { beneficiaryId: 'BF-000002', ...HOA, amount: '500000', items: null }],
    });
    const again = (requestedAt: string) => tetRequest({ requestedAt, now: requestedAt });
    it.each([
      // D = 2024-05-31 at 23:30 Vietnam time (16:30 UTC); the window crosses the month's end.
      ['2024-05-31T23:30:00+07:00', 30, '2024-06-29T00:30:00+07:00', 'refused'],
      ['2024-05-31T16:30:00Z', 30, '2024-06-29T23:30:00+07:00', 'refused'],
      ['2024-05-31T16:30:00Z', 30, '2024-06-29T17:00:00Z', 'accepted'],
      ['2024-05-31T23:30:00+07:00', 30, '2024-06-30T00:30:00+07:00', 'accepted'],
      ['2024-05-31T23:30:00+07:00', 30, '2024-07-01T09:00:00+07:00', 'accepted'],
      // A window of 10 days from 2024-06-25: D+9 is 2024-07-04, D+10 2024-07-05.
      ['2024-06-25T23:30:00+07:00', 10, '2024-07-04T23:59:00+07:00', 'refused'],
      ['2024-06-25T23:30:00+07:00', 10, '2024-07-05T00:00:00+07:00', 'accepted'],
      ['2024-06-25T23:30:00+07:00', 10, '2024-07-06T08:00:00+07:00', 'accepted'],
    ])('aid at %s, window %i days, again at %s: %s', (earlier, windowDays, later, outcome) => {
      const given = SpendingDecider.given(earlierAt(earlier)).withFund(fundOpened({ policy: { duplicateAidWindowDays: windowDays } })).withDonations(money);
      if (outcome === 'refused') given.when(again(later)).thenRejects('DUPLICATE_AID', { earlierDisbursementId: DB1, windowDays });
      else given.when(again(later)).thenMatches({ type: 'DisbursementRequested', data: { disbursementId: DB2 } });
    });
  });

  it('counts a backdated earlier request the same way, either side of the new one', () => {
    SpendingDecider.given(earlierTet(-1)).withFund(fund).withDonations(money)
      .when(tetRequest())
      .thenRejects('DUPLICATE_AID', { earlierDisbursementId: DB1 });
  });

  it('follows the policy window in force on the request date', () => {
    SpendingDecider.given(earlierTet(29)).withFund(fundOpened({ policy: { duplicateAidWindowDays: 10 } })).withDonations(money)
      .when(tetRequest())
      .thenMatches({ type: 'DisbursementRequested' });
  });

  it('lets another need through, and an earlier request that was rejected or whose payment was reversed', () => {
    SpendingDecider.given(earlierTet(1)).withFund(fund).withDonations(money)
      .when(tetRequest({ needCategory: 'housing-repair' }))
      .thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(earlierTet(1), disbursementRejected(1)).withFund(fund).withDonations(money)
      .when(tetRequest())
      .thenMatches({ type: 'DisbursementRequested' });
    const first = earlierTet(1);
    SpendingDecider.given(first, disbursementApproved(1), disbursementPaid(1), paymentReversed(first)).withFund(fund).withDonations(money)
      .when(tetRequest())
      .thenMatches({ type: 'DisbursementRequested' });
  });

  it("finds the same household in another fund of the ledger by its match key", () => {
    const elsewhere = [{ fundId: 'ctd-hn', disbursementId: 'DB-000007', beneficiaryId: 'BF-000040', need: 'tet-gift', requestedAt: plusDays(NOW, -3), matchKey: HOA.matchKey }];
    SpendingDecider.given().withFund(fund).withDonations(money)
      .when(tetRequest({ aidFacts: facts(elsewhere) }))
      .thenRejects('DUPLICATE_AID', { beneficiaryId: 'BF-000002', earlierFundId: 'ctd-hn', earlierDisbursementId: 'DB-000007' });
  });

  it('reads the match keys a v1 request stored with the commune\'s unit word as keys without it, the key matchKeyOf makes now', () => {
    const stored = { ...earlierTet(3).data, distribution: [{ beneficiaryId: 'BF-000040', ...HOA, amount: '500000', items: null }] };
    const read = upcast('DisbursementRequested', 1, stored) as DisbursementRequested;
    expect(read.data.distribution?.[0].matchKey).toBe('le thi hoa|tan phu|ap 5');
    expect(read.data.distribution?.[0].matchKey).toBe(matchKeyOf('Lê Thị Hoa', 'Tân Phú', 'Ấp 5'));
    expect(stored.distribution[0].matchKey).toBe('le thi hoa|xa tan phu|ap 5');
    // Made again from the line's own commune, as written: a ward named Phương Mai keeps its name.
    const ward = { ...stored, distribution: [{ ...stored.distribution[0], commune: 'Phường Phương Mai', matchKey: 'le thi hoa|phuong phuong mai|ap 5' }] };
    expect((upcast('DisbursementRequested', 1, ward) as DisbursementRequested).data.distribution?.[0].matchKey).toBe('le thi hoa|phuong mai|ap 5');
    const withoutLines = { ...earlierTet(3).data, distribution: undefined };
    expect(upcast('DisbursementRequested', 1, withoutLines).data).toBe(withoutLines);
  });

  it('reads the match keys a v2 request stored for a "thị trấn" written with two spaces or a no-break space as keys without the unit word', () => {
    for (const commune of ['Thị  trấn Mường Tè', 'Thị\u00a0trấn Mường Tè', 'Đặc  khu Phú Quốc']) {
      const storedKey = `lo van sang|${commune.startsWith('Đặc') ? 'dac khu phu quoc' : 'thi tran muong te'}|ban nam cum`;
      const stored = { ...earlierTet(3).data, distribution: [{ beneficiaryId: 'BF-000041', name: 'Lò Văn Sáng', commune, matchKey: storedKey, amount: '500000', items: null }] };
      const read = upcast('DisbursementRequested', 2, stored) as DisbursementRequested;
      expect(read.data.distribution?.[0].matchKey).toBe(matchKeyOf('Lò Văn Sáng', commune.startsWith('Đặc') ? 'Phú Quốc' : 'Mường Tè', 'Bản Nậm Củm'));
    }
    expect(matchKeyOf('Lò Văn Sáng', 'Thị  trấn Mường Tè', null)).toBe(matchKeyOf('Lò Văn Sáng', 'Thị trấn Mường Tè', null));
  });

  it('finds the same household registered twice in this fund (another registry entry under its match key), but never a beneficiary\'s own aid twice', () => {
    const twin = [{ fundId: 'ctd-hcm', disbursementId: 'DB-000009', beneficiaryId: 'BF-000077', need: 'tet-gift', requestedAt: plusDays(NOW, -3), matchKey: HOA.matchKey, forBeneficiaryIds: ['BF-000002'] }];
    SpendingDecider.given().withFund(fund).withDonations(money)
      .when(tetRequest({ aidFacts: facts(twin) }))
      .thenRejects('DUPLICATE_AID', { beneficiaryId: 'BF-000002', earlierFundId: 'ctd-hcm', earlierDisbursementId: 'DB-000009' });
    const itself = [{ ...twin[0], beneficiaryId: 'BF-000002' }];
    SpendingDecider.given().withFund(fund).withDonations(money)
      .when(tetRequest({ aidFacts: facts(itself) }))
      .thenMatches({ type: 'DisbursementRequested' });
  });

  it('accepts a resend with a reason, flagged with the earlier aid, and the approval records the override', () => {
    const outcome = SpendingDecider.given(earlierTet(5)).withFund(fund).withDonations(money)
      .when(tetRequest({ overrideDuplicate: { reason: ' Nhà bị cháy sau Tết ' } }));
    outcome.thenMatches({
      type: 'DisbursementRequested',
      data: {
        duplicateOverride: {
          reason: 'Nhà bị cháy sau Tết',
          earlier: [
            { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', need: 'tet-gift' },
            { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000002', need: 'tet-gift' },
          ],
        },
      },
    });
    SpendingDecider.given(earlierTet(5), ...outcome.events).withFund(fund).withDonations(money)
      .when(approve(DB2, APPROVER_A))
      .thenMatches({ type: 'DisbursementApproved', data: { disbursementId: DB2, duplicateOverrideApproved: true, fullyApproved: true } });
  });

  it('refuses an override with a blank reason', () => {
    SpendingDecider.given(earlierTet(5)).withFund(fund).withDonations(money)
      .when(tetRequest({ overrideDuplicate: { reason: '  ' } }))
      .thenRejects('VALIDATION_FAILED', { field: 'overrideDuplicate.reason' });
  });
});

describe('Hand-overs: who came for their share (issue 17)', () => {
  const handover = (overrides: Partial<{ beneficiaryId: string; status: string; handedOverAt: string; evidenceRef: string | null }> = {}) => ({
    type: 'RecordHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000001', status: 'received', handedOverAt: NOW,
    evidenceRef: 'Danh sách ký nhận số 1', actor: { userId: COORDINATOR }, now: NOW, ...overrides,
  });
  const approved = [earlierTet(0), disbursementApproved(1)];

  it('records a received share with its evidence', () => {
    SpendingDecider.given(...approved).withFund(fund).withDonations(money)
      .when(handover())
      .then({
        type: 'HandoverRecorded',
        data: {
          fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', status: 'received', handedOverAt: NOW,
          evidenceRef: 'Danh sách ký nhận số 1', recordedBy: COORDINATOR, recordedAt: NOW,
        },
      });
  });

  it('records an absent household, and later its share received; never received twice', () => {
    const absent = SpendingDecider.given(...approved).withFund(fund).withDonations(money).when(handover({ status: 'absent', evidenceRef: null })).events;
    const received = SpendingDecider.given(...approved, ...absent).withFund(fund).withDonations(money).when(handover()).events;
    SpendingDecider.given(...approved, ...absent, ...received).withFund(fund).withDonations(money)
      .when(handover())
      .thenRejects('INVALID_STATE');
  });

  it('refuses a request not yet approved, a beneficiary not on the list, a status unknown, a date before the request', () => {
    SpendingDecider.given(earlierTet(0)).withFund(fund).withDonations(money).when(handover()).thenRejects('INVALID_STATE', { status: 'requested' });
    SpendingDecider.given(...approved).withFund(fund).withDonations(money)
      .when(handover({ beneficiaryId: 'BF-000009' })).thenRejects('NOT_FOUND', { entity: 'distribution-line' });
    SpendingDecider.given(...approved).withFund(fund).withDonations(money).when(handover({ status: 'lost' })).thenRejects('VALIDATION_FAILED', { field: 'status' });
    SpendingDecider.given(...approved).withFund(fund).withDonations(money)
      .when(handover({ handedOverAt: plusDays(NOW, -1) })).thenRejects('DATE_BEFORE_REQUEST');
    SpendingDecider.given(...approved).withFund(fund).withDonations(money)
      .when(handover({ handedOverAt: plusDays(NOW, 3) })).thenRejects('FUTURE_DATE');
  });
});

it('keeps the requester apart from the hand-over: any accountant or coordinator records it', () => {
  expect(ACCOUNTANT).not.toBe(COORDINATOR);
});

describe('In-kind stock: never promised twice, never below zero (R12, R18)', () => {
  const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
  const riceLines = (kg: string, second = '0'): DistributionLineInput[] => [
    { beneficiaryId: 'BF-000001', items: [{ description: 'gạo tẻ', quantity: kg, unit: 'KG' }] },
    ...(second === '0' ? [] : [{ beneficiaryId: 'BF-000002', items: [{ description: 'Gạo tẻ', quantity: second, unit: 'kg' }] }]),
  ];
  const riceRequest = (kg: string, second = '0') => requestDisbursement({ amount: '0', needCategory: 'food-water-medicine', distribution: riceLines(kg, second), aidFacts: facts() });
  const promised = (kg: string, sequence = 1) => disbursementRequested({
    sequence, amount: '0', needCategory: 'food-water-medicine',
    distribution: [{ beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }],
  });

  it('hands out all the rice received, to the gram, counting one item whatever its case or diacritics', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, rice)
      .when(riceRequest('1999.999', '0.001'))
      .thenMatches({ type: 'DisbursementRequested', data: { distribution: [{ items: [{ quantity: '1999.999' }] }, { items: [{ quantity: '0.001' }] }] } });
  });

  it('refuses one gram more than is free, across the lines of one list (INSUFFICIENT_STOCK)', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, rice)
      .when(riceRequest('1000', '1000.001'))
      .thenRejects('INSUFFICIENT_STOCK', { item: 'gạo tẻ', available: '2000', requested: '2000.001' });
  });

  it('counts what standing distributions promised, and gives it back when one is rejected', () => {
    SpendingDecider.given(promised('1500')).withFund(fund).withDonations(money, rice)
      .when(riceRequest('501'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500' });
    SpendingDecider.given(promised('1500'), disbursementRejected(1)).withFund(fund).withDonations(money, rice)
      .when(riceRequest('2000'))
      .thenMatches({ type: 'DisbursementRequested' });
  });

  it('takes 0 as the amount of items alone, and nothing else', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, rice).when(riceRequest('10')).thenMatches({ data: { amount: '0' } });
    SpendingDecider.given().withFund(fund).withDonations(money, rice)
      .when(requestDisbursement({ amount: '0', needCategory: 'tet-gift', distribution: tetLines, aidFacts: facts() }))
      .thenRejects('VALIDATION_FAILED', { field: 'amount' });
    SpendingDecider.given().withFund(fund).withDonations(money).when(requestDisbursement({ amount: '0' })).thenRejects('VALIDATION_FAILED', { field: 'amount' });
  });

  it('refuses items nobody gave', () => {
    SpendingDecider.given().withFund(fund).withDonations(money)
      .when(riceRequest('1'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '0', requested: '1' });
  });

  it('refuses to reverse an in-kind gift whose items are already promised; reverses it, items and all, when they are free', () => {
    SpendingDecider.given(promised('1')).withFund(fund).withDonations(money, rice)
      .when(reverseEntry(rice.data.donationId, rice))
      .thenRejects('INSUFFICIENT_STOCK', { available: '1999', requested: '2000' });
    const reversal = SpendingDecider.given().withFund(fund).withDonations(money, rice).when(reverseEntry(rice.data.donationId, rice));
    reversal.thenMatches({ type: 'DonationReversed', data: { inKind: { description: 'Gạo tẻ', quantity: '2000', unit: 'kg' } } });
    SpendingDecider.given(...reversal.events).withFund(fund).withDonations(money, rice)
      .when(riceRequest('1'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '0' });
  });

  it('counts a received hand-over as handed out, and an absent one not', () => {
    const state = spendingStateOf(
      disbursementRequested({
        sequence: 1, amount: '0', needCategory: 'tet-gift',
        distribution: [
          { beneficiaryId: 'BF-000001', ...AN, amount: null, items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] },
          { beneficiaryId: 'BF-000002', ...HOA, amount: null, items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] },
        ],
      }),
      disbursementApproved(1),
      { type: 'HandoverRecorded', data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', status: 'received', handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR, recordedAt: NOW } },
      { type: 'HandoverRecorded', data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000002', status: 'absent', handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR, recordedAt: NOW } },
    );
    expect(state.itemsAllocated.get('gao te|kg')?.quantity.toFixed()).toBe('20');
    expect(state.itemsHandedOut.get('gao te|kg')?.quantity.toFixed()).toBe('10');
  });
});

describe('In-kind stock handed out stays handed out, whatever becomes of its request (R18)', () => {
  const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
  const promised = disbursementRequested({
    sequence: 1, amount: '0', needCategory: 'food-water-medicine',
    distribution: [
      { beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] },
      { beneficiaryId: 'BF-000010', name: 'Khác Hai', commune: 'Xã Khác', matchKey: 'khac hai|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '100', unit: 'kg' }] },
    ],
  });
  const received = {
    type: 'HandoverRecorded' as const,
    data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000009', status: 'received' as const, handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR, recordedAt: NOW },
  };
  const riceRequest = (kg: string) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }], aidFacts: facts(),
  });

  it('keeps the 1500 kg handed out on an approved request out of the free stock once the request is rejected: 500 kg stay free', () => {
    const history = [promised, disbursementApproved(1), received, disbursementRejected(1)];
    SpendingDecider.given(...history).withFund(fund).withDonations(money, rice)
      .when(riceRequest('501'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '501' });
    SpendingDecider.given(...history).withFund(fund).withDonations(money, rice)
      .when(riceRequest('500'))
      .thenMatches({ type: 'DisbursementRequested' });
    const state = spendingStateOf(...history);
    expect(state.itemsAllocated.get('gao te|kg')?.quantity.toFixed()).toBe('1500');
    expect(state.itemsHandedOut.get('gao te|kg')?.quantity.toFixed()).toBe('1500');
  });

  it('keeps them out once the payment of the request is reversed', () => {
    const history = [promised, disbursementApproved(1), received, disbursementPaid(1), paymentReversed(promised)];
    SpendingDecider.given(...history).withFund(fund).withDonations(money, rice)
      .when(riceRequest('501'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '501' });
  });
});

describe("Hand-overs of a humanitarian distribution need the commune's certification of its list (R11)", () => {
  const humanitarian = disbursementRequested({
    sequence: 1, kind: 'humanitarian', needCategory: 'tet-gift',
    distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: '500000', items: null }, { beneficiaryId: 'BF-000002', ...HOA, amount: '500000', items: null }],
  });
  const handover = (status: string) => ({
    type: 'RecordHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000001', status, handedOverAt: NOW,
    evidenceRef: null, actor: { userId: COORDINATOR }, now: NOW,
  });

  it('refuses a share received from an approved humanitarian request that names no certification (CERTIFICATION_REQUIRED)', () => {
    SpendingDecider.given(humanitarian, disbursementApproved(1)).withFund(fund).withDonations(money)
      .when(handover('received'))
      .thenRejects('CERTIFICATION_REQUIRED');
  });

  it('records an absent household all the same, and a share received once the certification is on the request or its payment', () => {
    SpendingDecider.given(humanitarian, disbursementApproved(1)).withFund(fund).withDonations(money)
      .when(handover('absent'))
      .thenMatches({ type: 'HandoverRecorded', data: { status: 'absent' } });
    SpendingDecider.given(humanitarian, disbursementApproved(1), disbursementPaid(1, '12/QĐ-UBND')).withFund(fund).withDonations(money)
      .when(handover('received'))
      .thenMatches({ type: 'HandoverRecorded', data: { status: 'received' } });
    const certified = disbursementRequested({ ...humanitarian.data, sequence: 1, certificationRef: '12/QĐ-UBND' });
    SpendingDecider.given(certified, disbursementApproved(1)).withFund(fund).withDonations(money)
      .when(handover('received'))
      .thenMatches({ type: 'HandoverRecorded', data: { status: 'received' } });
  });
});

describe('A request whose shares were handed over is not rejected: what left the fund stays out of it', () => {
  const approved = [earlierTet(0), disbursementApproved(1)];
  const handed = (beneficiaryId: string, status: 'received' | 'absent') => ({
    type: 'HandoverRecorded' as const,
    data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId, status, handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR, recordedAt: NOW },
  });

  it('refuses to reject an approved Tết list once An received 500 000 VND of it (INVALID_STATE): the 1 000 000 held would be available again', () => {
    SpendingDecider.given(...approved, handed('BF-000001', 'received')).withFund(fund).withDonations(money)
      .when(rejectDisbursement(DB1))
      .thenRejects('INVALID_STATE', { status: 'approved' });
  });

  it('rejects it while nobody has received a share', () => {
    SpendingDecider.given(...approved, handed('BF-000001', 'absent')).withFund(fund).withDonations(money)
      .when(rejectDisbursement(DB1))
      .thenMatches({ type: 'DisbursementRejected', data: { disbursementId: DB1 } });
  });
});

describe('Hand-overs are dated entries: none in a closed period', () => {
  // The Tết list was requested on 10 May and approved; the second quarter is closed on 12 May.
  const approved = [earlierTet(2), disbursementApproved(1)];
  const closedQ2 = periodClosed('2024-Q2', '2024-04-01', '2024-06-30');
  const handover = (handedOverAt: string) => ({
    type: 'RecordHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000001', status: 'received', handedOverAt,
    evidenceRef: null, actor: { userId: COORDINATOR }, now: NOW,
  });

  it('refuses a share received dated 11 May (Vietnam time) once the quarter holding it is closed (PERIOD_CLOSED)', () => {
    SpendingDecider.given(...approved).withFund(fund, closedQ2).withDonations(money)
      .when(handover('2024-05-11T08:00:00+07:00'))
      .thenRejects('PERIOD_CLOSED', { period: '2024-Q2' });
  });

  it('records it in an open period', () => {
    SpendingDecider.given(...approved).withFund(fund, periodClosed('2024-Q1', '2024-01-01', '2024-03-31')).withDonations(money)
      .when(handover('2024-05-11T08:00:00+07:00'))
      .thenMatches({ type: 'HandoverRecorded' });
  });
});

describe('In-kind stock is kept per pool: items given for a purpose or a campaign go only to it (R5, R18)', () => {
  const forPupils = { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null };
  // 2000 kg of Gạo tẻ given for poor pupils: its own restricted pool, named by the donation.
  const designatedRice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000', restriction: forPupils });
  const floodRice = donationRecorded({
    sequence: 3, channel: 'in_kind', amountVnd: '50000000', campaignId: FLOOD.campaignId, restrictionId: FLOOD.pool, receivedAt: FLOOD.receivedAt,
  });
  const otherFlood = campaignCreated({ campaignId: 'lu-mien-trung', receiveFrom: FLOOD.receiveFrom, receiveUntil: FLOOD.receiveUntil });
  const riceFor = (kg: string, source: Partial<Parameters<typeof requestDisbursement>[0]> = {}) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', aidFacts: facts(), now: FLOOD.now,
    distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }], ...source,
  });

  it('refuses rice given for poor pupils on a distribution from the general pool (INSUFFICIENT_STOCK: the pool holds none)', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, designatedRice)
      .when(riceFor('10'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '0', requested: '10' });
  });

  it('hands it out from its own pool, and only as much as that pool received', () => {
    const designated = SpendingDecider.given().withFund(fund).withDonations(money, designatedRice, floodRice, otherFloodRice());
    designated.when(riceFor('2000', { restrictionId: designatedRice.data.donationId }))
      .thenMatches({ type: 'DisbursementRequested', data: { restrictionId: designatedRice.data.donationId } });
    designated.when(riceFor('2000.001', { restrictionId: designatedRice.data.donationId }))
      .thenRejects('INSUFFICIENT_STOCK', { available: '2000', requested: '2000.001' });
  });

  it("refuses a disaster campaign's rice on another campaign's distribution; gives it on its own", () => {
    const given = SpendingDecider.given().withFund(fund, campaignCreated(), otherFlood).withDonations(money, floodRice);
    given.when(riceFor('1', { campaignId: 'lu-mien-trung' })).thenRejects('INSUFFICIENT_STOCK', { available: '0', requested: '1' });
    given.when(riceFor('1')).thenRejects('INSUFFICIENT_STOCK', { available: '0', requested: '1' });
    given.when(riceFor('2000', { campaignId: FLOOD.campaignId })).thenMatches({ type: 'DisbursementRequested', data: { restrictionId: FLOOD.pool } });
  });

  it("counts what a pool's standing distributions promised against that pool alone", () => {
    const promisedForPupils = disbursementRequested({
      sequence: 1, amount: '0', needCategory: 'food-water-medicine', restrictionId: designatedRice.data.donationId,
      distribution: [{ beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] }],
    });
    const plainRice = donationRecorded({ sequence: 4, channel: 'in_kind', amountVnd: '50000000' });
    const given = SpendingDecider.given(promisedForPupils).withFund(fund).withDonations(money, designatedRice, plainRice);
    given.when(riceFor('2000')).thenMatches({ type: 'DisbursementRequested', data: { restrictionId: null } });
    given.when(riceFor('501', { restrictionId: designatedRice.data.donationId })).thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '501' });
  });

  it("reverses an in-kind gift against its own pool's free stock: another pool's promises do not block it", () => {
    const plainRice = donationRecorded({ sequence: 4, channel: 'in_kind', amountVnd: '50000000' });
    const promisedPlain = disbursementRequested({
      sequence: 1, amount: '0', needCategory: 'food-water-medicine',
      distribution: [{ beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] }],
    });
    SpendingDecider.given(promisedPlain).withFund(fund).withDonations(money, designatedRice, plainRice)
      .when(reverseEntry(designatedRice.data.donationId, designatedRice))
      .thenMatches({ type: 'DonationReversed', data: { inKind: { quantity: '2000' } } });
    SpendingDecider.given(promisedPlain).withFund(fund).withDonations(money, designatedRice, plainRice)
      .when(reverseEntry(plainRice.data.donationId, plainRice))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '2000' });
  });

  function otherFloodRice() {
    return donationRecorded({ sequence: 5, channel: 'in_kind', amountVnd: '1000000', campaignId: 'lu-mien-trung', restrictionId: 'campaign:lu-mien-trung' });
  }
});

describe('Money designated for a named person is handed out only to that person, line by line (R5)', () => {
  const TI = { name: 'Lê Văn Tí', commune: 'Xã Tân Phú', matchKey: 'le van ti|xa tan phu|ap 1' };
  const forTi = donationRecorded({ sequence: 2, amountVnd: '3000000', restriction: { purpose: 'Chữa bệnh cho em Lê Văn Tí', beneficiary: 'Lê Văn Tí' } });
  const withTi: AidFacts = { beneficiaries: { 'BF-000001': AN, 'BF-000002': HOA, 'BF-000003': TI }, elsewhere: [] };
  const designatedRequest = (lines: DistributionLineInput[]) => requestDisbursement({
    amount: '1000000', restrictionId: forTi.data.donationId, beneficiary: 'Lê Văn Tí', needCategory: 'food-water-medicine', distribution: lines, aidFacts: withTi,
  });

  it("refuses a request paid to 'Lê Văn Tí' whose distribution hands the money to Lê Thị Hoa (RESTRICTION_MISMATCH)", () => {
    SpendingDecider.given().withFund(fund).withDonations(money, forTi)
      .when(designatedRequest([{ beneficiaryId: 'BF-000002', amount: '1000000' }]))
      .thenRejects('RESTRICTION_MISMATCH', { restrictionId: forTi.data.donationId, beneficiary: 'Lê Văn Tí' });
    SpendingDecider.given().withFund(fund).withDonations(money, forTi)
      .when(designatedRequest([{ beneficiaryId: 'BF-000003', amount: '500000' }, { beneficiaryId: 'BF-000001', amount: '500000' }]))
      .thenRejects('RESTRICTION_MISMATCH', { beneficiary: 'Lê Văn Tí' });
  });

  it('hands it to him, his name compared without case or diacritics', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, forTi)
      .when(designatedRequest([{ beneficiaryId: 'BF-000003', amount: '1000000' }]))
      .thenMatches({ type: 'DisbursementRequested', data: { restrictionId: forTi.data.donationId, distribution: [{ beneficiaryId: 'BF-000003', name: 'Lê Văn Tí' }] } });
  });
});

describe('In-kind stock is dated: items received later never go out on a distribution dated earlier (R18)', () => {
  // 2000 kg of Gạo tẻ received on 10 May 2024.
  const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' });
  const riceOn = (requestedAt: string, kg: string) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', requestedAt, aidFacts: facts(),
    distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }],
  });

  it('refuses 10 kg handed out on a request dated 1 May, before the rice came in (INSUFFICIENT_STOCK as of that day)', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, rice)
      .when(riceOn('2024-05-01T09:00:00+07:00', '10'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '0', requested: '10', asOf: '2024-05-01' });
  });

  it('takes it on the day the rice came in, and keeps a later request paid for', () => {
    SpendingDecider.given().withFund(fund).withDonations(money, rice)
      .when(riceOn('2024-05-10T16:00:00+07:00', '2000'))
      .thenMatches({ type: 'DisbursementRequested' });
    const later = disbursementRequested({
      sequence: 1, amount: '0', needCategory: 'food-water-medicine', requestedAt: '2024-05-11T09:00:00+07:00',
      distribution: [{ beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] }],
    });
    const moreRice = donationRecorded({ sequence: 3, channel: 'in_kind', amountVnd: '25000000', receivedAt: '2024-05-12T08:00:00+07:00', inKind: { ...rice.data.inKind!, quantity: '1000' } });
    // 3000 kg in all, 1500 promised on the 11th: 1500 free today, but only 500 on the 10th.
    SpendingDecider.given(later).withFund(fund).withDonations(money, rice, moreRice)
      .when(riceOn('2024-05-10T16:00:00+07:00', '501'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '500', requested: '501' });
    SpendingDecider.given(later).withFund(fund).withDonations(money, rice, moreRice)
      .when(riceOn('2024-05-12T09:00:00+07:00', '1500'))
      .thenMatches({ type: 'DisbursementRequested' });
  });
});

describe('A paid distribution whose money was handed to households is not reversed: that money left the fund', () => {
  const paid = [earlierTet(0), disbursementApproved(1), disbursementPaid(1)];
  const handed = (beneficiaryId: string, status: 'received' | 'absent') => ({
    type: 'HandoverRecorded' as const,
    data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId, status, handedOverAt: NOW, evidenceRef: null, recordedBy: COORDINATOR, recordedAt: NOW },
  });

  it('refuses to reverse the paid Tết list once An received 500 000 VND in cash (INVALID_STATE): the pool would show 1 000 000 back, 500 000 of it in a household', () => {
    SpendingDecider.given(...paid, handed('BF-000001', 'received')).withFund(fund).withDonations(money)
      .when(reverseEntry(DB1))
      .thenRejects('INVALID_STATE', { status: 'paid', beneficiaryId: 'BF-000001' });
  });

  it('reverses it while nobody has received their money', () => {
    SpendingDecider.given(...paid, handed('BF-000001', 'absent')).withFund(fund).withDonations(money)
      .when(reverseEntry(DB1))
      .thenMatches({ type: 'PaymentReversed', data: { disbursementId: DB1, amount: '1000000' } });
  });
});

describe('A share nobody came for is closed as not delivered by a recorded decision: its goods are free again (R18)', () => {
  const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
  const promised = disbursementRequested({
    sequence: 1, amount: '0', needCategory: 'food-water-medicine',
    distribution: [
      { beneficiaryId: 'BF-000009', name: 'Khác', commune: 'Xã Khác', matchKey: 'khac|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '1500', unit: 'kg' }] },
      { beneficiaryId: 'BF-000010', name: 'Khác Hai', commune: 'Xã Khác', matchKey: 'khac hai|xa khac|', amount: null, items: [{ description: 'Gạo tẻ', quantity: '100', unit: 'kg' }] },
    ],
  });
  const recorded = (status: 'received' | 'absent' | 'refused', closed = false) => ({
    type: 'HandoverRecorded' as const,
    data: {
      fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000009', status, handedOverAt: NOW, evidenceRef: 'Biên bản 3',
      recordedBy: COORDINATOR, recordedAt: NOW, ...(closed ? { closed: true as const } : {}),
    },
  });
  const handover = (overrides: Partial<{ status: string; closed: boolean; beneficiaryId: string }> = {}) => ({
    type: 'RecordHandover' as const, disbursementId: DB1, beneficiaryId: 'BF-000009', status: 'refused', handedOverAt: NOW,
    evidenceRef: 'Biên bản 3', closed: false, actor: { userId: COORDINATOR }, now: NOW, ...overrides,
  });
  const riceRequest = (kg: string) => requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] }], aidFacts: facts(),
  });
  const paid = [promised, disbursementApproved(1), disbursementPaid(1)];

  it('keeps the 1500 kg of a refused share promised: 400 kg stay free, 401 are refused', () => {
    SpendingDecider.given(...paid, recorded('refused')).withFund(fund).withDonations(money, rice)
      .when(riceRequest('401'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '400', requested: '401' });
  });

  it('records the refused share closed, with its evidence', () => {
    SpendingDecider.given(...paid).withFund(fund).withDonations(money, rice)
      .when(handover({ closed: true }))
      .thenMatches({ type: 'HandoverRecorded', data: { status: 'refused', closed: true, evidenceRef: 'Biên bản 3' } });
  });

  it('frees its 1500 kg once closed: 1900 kg are free for the next list', () => {
    SpendingDecider.given(...paid, recorded('refused', true)).withFund(fund).withDonations(money, rice)
      .when(riceRequest('1900'))
      .thenMatches({ type: 'DisbursementRequested' });
    SpendingDecider.given(...paid, recorded('refused', true)).withFund(fund).withDonations(money, rice)
      .when(riceRequest('1901'))
      .thenRejects('INSUFFICIENT_STOCK', { available: '1900', requested: '1901' });
  });

  it('never gives the same 1500 kg back twice when the payment is then reversed', () => {
    const state = spendingStateOf(...paid, recorded('absent', true), paymentReversed(promised));
    expect(state.itemsAllocated.get('gao te|kg')?.quantity.toFixed()).toBe('0');
  });

  it('refuses a received share closed, and any hand-over of a closed share (INVALID_STATE)', () => {
    SpendingDecider.given(...paid).withFund(fund).withDonations(money, rice)
      .when(handover({ status: 'received', closed: true }))
      .thenRejects('VALIDATION_FAILED', { field: 'closed' });
    SpendingDecider.given(...paid, recorded('absent', true)).withFund(fund).withDonations(money, rice)
      .when(handover({ status: 'received' }))
      .thenRejects('INVALID_STATE', { status: 'absent', closed: true });
  });
});

it('counts no duplicate aid from a share closed as not delivered: Hoa received nothing of the earlier Tết list', () => {
  const closed = {
    type: 'HandoverRecorded' as const,
    data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000002', status: 'absent' as const, handedOverAt: NOW, evidenceRef: 'Biên bản 4', recordedBy: COORDINATOR, recordedAt: NOW, closed: true as const },
  };
  const hoaAgain = tetRequest({ amount: '500000', distribution: [{ beneficiaryId: 'BF-000002', amount: '500000' }] });
  SpendingDecider.given(earlierTet(3), disbursementApproved(1)).withFund(fund).withDonations(money)
    .when(hoaAgain)
    .thenRejects('DUPLICATE_AID', { beneficiaryId: 'BF-000002' });
  SpendingDecider.given(earlierTet(3), disbursementApproved(1), closed).withFund(fund).withDonations(money)
    .when(hoaAgain)
    .thenMatches({ type: 'DisbursementRequested' });
});

describe('Goods handed over stay aid received when the payment of their request is reversed (R18)', () => {
  const rice = donationRecorded({ sequence: 2, channel: 'in_kind', amountVnd: '50000000' }); // 2000 kg of Gạo tẻ
  const riceToAn = disbursementRequested({
    sequence: 1, amount: '0', requestedAt: plusDays(NOW, -3), needCategory: 'food-water-medicine',
    distribution: [{ beneficiaryId: 'BF-000001', ...AN, amount: null, items: [{ description: 'Gạo tẻ', quantity: '20', unit: 'kg' }] }],
  });
  const anReceived = {
    type: 'HandoverRecorded' as const,
    data: { fundId: 'ctd-hcm', disbursementId: DB1, beneficiaryId: 'BF-000001', status: 'received' as const, handedOverAt: NOW, evidenceRef: 'Biên bản giao gạo', recordedBy: COORDINATOR, recordedAt: NOW },
  };
  const riceAgain = requestDisbursement({
    amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: 'BF-000001', items: [{ description: 'Gạo tẻ', quantity: '20', unit: 'kg' }] }], aidFacts: facts(),
  });

  it('refuses more rice for An inside the window (DUPLICATE_AID): he took home the 20 kg of the reversed request', () => {
    SpendingDecider.given(riceToAn, disbursementApproved(1), anReceived, disbursementPaid(1), paymentReversed(riceToAn)).withFund(fund).withDonations(money, rice)
      .when(riceAgain)
      .thenRejects('DUPLICATE_AID', { beneficiaryId: 'BF-000001', earlierDisbursementId: DB1 });
  });

  it('lets it through when nobody had come for the rice before the reversal', () => {
    SpendingDecider.given(riceToAn, disbursementApproved(1), disbursementPaid(1), paymentReversed(riceToAn)).withFund(fund).withDonations(money, rice)
      .when(riceAgain)
      .thenMatches({ type: 'DisbursementRequested' });
  });
});
