import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { balanceAt, call, campaignBody, disbursementBody, donationBody, expectError, expectStatus, openFund } from './support/http-helpers';

/**
 * Gifts in foreign currency (R17) through the real HTTP stack: recorded at a provisional rate,
 * sold to a bank for VND, then reversed. The fund holds the VND the bank paid, so a reversal
 * takes that back, and the balance and the financial report agree afterwards.
 */
let ledger: TestLedger;
let accountant: string;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
});

afterAll(async () => {
  await ledger?.close();
});

type Row = Record<string, unknown>;
const post = (path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token: accountant });
const line = (report: { rows: Row[] }, code: string) => report.rows.find((row) => row.line === code)?.amount;

async function report(fundId: string, name: string, minPosition: number, query = '') {
  const response = await call(ledger, 'get', `/v1/funds/${fundId}/reports/${name}?minPosition=${minPosition}${query}`, undefined, { token: accountant });
  expectStatus(response, 200);
  return response.body as { rows: Row[]; summary: Row; position: number };
}

/** A gift of `amount` `currency` at `fxRate`, sold to the bank for `vndAmount`. */
async function soldGift(fundId: string, amount: string, currency: string, fxRate: string, vndAmount: string) {
  const gift = await post(`/v1/funds/${fundId}/donations`, donationBody({ amount, currency, fxRate }));
  expectStatus(gift, 201);
  const sold = await post(`/v1/funds/${fundId}/donations/${gift.body.donationId}/fx-settlement`, { vndAmount, settledAt: new Date().toISOString(), reference: `BNT-${fundId}` });
  expectStatus(sold, 201);
  return gift.body.donationId as string;
}

describe('reversing a gift in foreign currency the bank already bought', () => {
  it('sold at a loss: the reversal takes back the VND the bank paid, and nothing is left of the gift or its loss', async () => {
    const fund = 'quy-ngoai-te-lo';
    await openFund(ledger, fund);
    // 100 EUR at 27,000 = 2,700,000 provisional; the bank paid 2,650,000: a loss of 50,000.
    const donationId = await soldGift(fund, '100.00', 'EUR', '27000', '2650000');
    // The donation as read says what the bank paid for it (R17: the settled VND is its ledger amount from then on).
    const read = await call(ledger, 'get', `/v1/funds/${fund}/donations/${donationId}`, undefined, { token: accountant });
    expect(read.body).toMatchObject({ amountVnd: '2700000', fxSettlement: { settlementId: 'FX-000001', settledVnd: '2650000', difference: '-50000', reference: `BNT-${fund}` } });
    const reversed = await post(`/v1/funds/${fund}/reversals`, { entryId: donationId, reason: 'Nhà tài trợ chuyển nhầm' });
    expectStatus(reversed, 201);
    const balance = await balanceAt(ledger, fund, reversed.body.position);
    expect(balance).toMatchObject({ received: '0', available: '0' });
    expect(balance.byComponent.general).toMatchObject({ received: '0', fxDifference: '0', available: '0' });
    const financial = await report(fund, 'financial', reversed.body.position);
    expect(line(financial, 'receipts.voluntary_contribution')).toBe('0');
    expect(line(financial, 'payments.fxLoss')).toBe('0');
    expect(line(financial, 'closing')).toBe('0');
  });

  it('sold at a gain: the reversal takes the gain back too, so it can no longer be spent', async () => {
    const fund = 'quy-ngoai-te-lai';
    await openFund(ledger, fund);
    expectStatus(await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '1000000' })), 201);
    // 100 USD at 25,000 = 2,500,000 provisional; the bank paid 2,530,000: a gain of 30,000.
    const donationId = await soldGift(fund, '100.00', 'USD', '25000', '2530000');
    const reversed = await post(`/v1/funds/${fund}/reversals`, { entryId: donationId, reason: 'Ghi nhầm quỹ' });
    expectStatus(reversed, 201);
    const balance = await balanceAt(ledger, fund, reversed.body.position);
    expect(balance.byComponent.general).toMatchObject({ received: '1000000', fxDifference: '0', available: '1000000' });
    const financial = await report(fund, 'financial', reversed.body.position);
    expect(line(financial, 'receipts.fxGain')).toBe('0');
    expect(line(financial, 'closing')).toBe('1000000');
    // At the position before the reversal, the report still shows the gain and the gift.
    const before = await report(fund, 'financial', reversed.body.position, `&atPosition=${reversed.body.position - 1}`);
    expect(line(before, 'receipts.fxGain')).toBe('30000');
    expect(line(before, 'closing')).toBe('3530000');
    // The read models equal a fresh replay of the log.
    const verify = await call(ledger, 'get', '/v1/audit/verify');
    expectStatus(verify, 200);
    expect(verify.body).toMatchObject({ ok: true });
    const tooMuch = await post(`/v1/funds/${fund}/disbursements`, disbursementBody({ amount: '1030000' }));
    expectError(tooMuch, 422, 'INSUFFICIENT_FUNDS');
  });
});

describe('a campaign\'s gift in foreign currency, sold and reversed', () => {
  it('leaves the campaign as it was before the gift, in the balance and in the campaigns report', async () => {
    const fund = 'quy-ngoai-te-chien-dich';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/campaigns`, campaignBody({ campaignId: 'lu-2026' })), 201);
    expectStatus(await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '500000', campaignId: 'lu-2026' })), 201);
    const gift = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '200.00', currency: 'EUR', fxRate: '27000', campaignId: 'lu-2026' }));
    expectStatus(gift, 201);
    const sold = await post(`/v1/funds/${fund}/donations/${gift.body.donationId}/fx-settlement`, { vndAmount: '5450000', settledAt: new Date().toISOString(), reference: 'BNT-7' });
    expectStatus(sold, 201);
    const reversed = await post(`/v1/funds/${fund}/reversals`, { entryId: gift.body.donationId, reason: 'Nhà tài trợ rút lại' });
    expectStatus(reversed, 201);
    const balance = await call(ledger, 'get', `/v1/funds/${fund}/balance?minPosition=${reversed.body.position}`, undefined, { token: accountant });
    expect(balance.body.byCampaign['lu-2026']).toMatchObject({ received: '500000', fxDifference: '0', available: '500000' });
    const campaigns = await report(fund, 'campaigns', reversed.body.position);
    expect(campaigns.rows.find((row) => row.campaignId === 'lu-2026')).toMatchObject({ received: '500000', fxDifference: '0', remaining: '500000' });
    const designations = await report(fund, 'designations', reversed.body.position);
    expect(designations.rows.find((row) => row.restrictionId === 'campaign:lu-2026')).toMatchObject({ fxDifference: '0', available: '500000' });
  });
});

describe('a campaign\'s gift in foreign currency sold after the campaign\'s leftovers were moved on (R17, R19)', () => {
  it('books the loss where the leftovers went: the campaign that ended shows neither the loss nor money below nothing', async () => {
    const fund = 'quy-ngoai-te-du-con-lai';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/campaigns`, campaignBody({
      campaignId: 'tet-2026', kind: 'tet', receiveFrom: '2026-09-01T00:00:00+07:00', receiveUntil: '2026-09-30T23:59:59+07:00',
    }), { token: accountant }), 201);
    const gift = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '100.00', currency: 'USD', fxRate: '25000', campaignId: 'tet-2026', receivedAt: '2026-09-10T09:00:00+07:00' }));
    expectStatus(gift, 201);
    expectStatus(await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '9000000', receivedAt: '2026-09-10T09:00:00+07:00', reference: 'CHUNG-1' })), 201);
    expectStatus(await post(`/v1/funds/${fund}/campaigns/tet-2026/close`), 200);
    expectStatus(await post(`/v1/funds/${fund}/campaigns/tet-2026/surplus`, {
      amount: '2500000', to: { component: 'humanitarian' }, basis: 'Chương trình an sinh (Điều 11(2))', decisionRef: 'QĐ 10/UBND',
    }), 201);
    const sold = await post(`/v1/funds/${fund}/donations/${gift.body.donationId}/fx-settlement`, { vndAmount: '2400000', settledAt: new Date().toISOString(), reference: 'BNT-8' });
    expectStatus(sold, 201);
    const balance = await call(ledger, 'get', `/v1/funds/${fund}/balance?minPosition=${sold.body.position}`, undefined, { token: accountant });
    expect(balance.body.byCampaign['tet-2026']).toMatchObject({ fxDifference: '0', available: '0' });
    expect(balance.body.byComponent.humanitarian).toMatchObject({ movedIn: '2500000', fxDifference: '-100000', available: '2400000' });
    const campaigns = await report(fund, 'campaigns', sold.body.position);
    expect(campaigns.rows.find((row) => row.campaignId === 'tet-2026')).toMatchObject({ fxDifference: '0', remaining: '0' });
  });
});

describe('recording a gift in foreign currency', () => {
  it('keeps the amount at its currency\'s scale (USD 2, JPY 0) and the VND rounded half-up to the dong', async () => {
    const fund = 'quy-ngoai-te-ghi';
    await openFund(ledger, fund);
    // 100 USD typed as "100" (the staff app sends "1.000,50" as "1000.5"): the bank's 100.00 USD.
    const dollars = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '100', currency: 'USD', fxRate: '25400.5' }));
    expectStatus(dollars, 201);
    expect(dollars.body.amountVnd).toBe('2540050');
    const half = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '1000.5', currency: 'USD', fxRate: '25000.01' }));
    // 1000.5 × 25000.01 = 25,012,510.005: half-up to 25,012,510.
    expect(half.body.amountVnd).toBe('25012510');
    const yen = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '15000', currency: 'JPY', fxRate: '166.5' }));
    expect(yen.body.amountVnd).toBe('2497500');
    // Not sold yet: no settlement; a VND gift has no such field.
    expect((await call(ledger, 'get', `/v1/funds/${fund}/donations/${yen.body.donationId}`, undefined, { token: accountant })).body.fxSettlement).toBeNull();
    const read = async (id: string) => (await call(ledger, 'get', `/v1/funds/${fund}/donations/${id}?minPosition=${yen.body.position}`, undefined, { token: accountant })).body;
    expect(await read(dollars.body.donationId)).toMatchObject({ currency: 'USD', amount: '100.00', fxRate: '25400.5', amountVnd: '2540050' });
    expect(await read(half.body.donationId)).toMatchObject({ amount: '1000.50' });
    expect(await read(yen.body.donationId)).toMatchObject({ currency: 'JPY', amount: '15000' });
    // The public disclosure (Decree 93/2019 Art. 38(4)) names each gift in the currency it was given, beside its VND.
    const disclosure = await report(fund, 'disclosure', yen.body.position);
    const gifts = disclosure.rows.filter((row) => row.section === 'donation');
    expect(gifts.map((row) => [row.cash, row.description])).toEqual([
      ['2540050', '100,00 USD, tỷ giá 25.400,5'], ['25012510', '1.000,50 USD, tỷ giá 25.000,01'], ['2497500', '15.000 JPY, tỷ giá 166,5'],
    ]);
    const dong = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '1000' }));
    expect((await call(ledger, 'get', `/v1/funds/${fund}/donations/${dong.body.donationId}`, undefined, { token: accountant })).body).not.toHaveProperty('fxSettlement');
  });
});

describe('goods in the disclosure (R17, R18, R31)', () => {
  type DisclosureRow = { reference: string; description: string | null; inKindValue: string };
  const described = async (fundId: string, minPosition: number) => {
    const rows = (await report(fundId, 'disclosure', minPosition)).rows as DisclosureRow[];
    return (receiptNo: string) => rows.find((row) => row.reference === receiptNo);
  };

  it('names the currency and the rate goods were valued in, as it does for money in that currency', async () => {
    const fund = 'quy-hien-vat-ngoai-te';
    await openFund(ledger, fund);
    const goods = await post(`/v1/funds/${fund}/donations`, donationBody({
      amount: '10.00', currency: 'USD', fxRate: '25000', channel: 'in_kind', reference: null,
      inKind: { description: 'Áo', quantity: '1500', unit: 'cái', valuationMethod: 'giá thị trường' },
    }));
    expectStatus(goods, 201);
    expect(goods.body.amountVnd).toBe('250000');
    const cash = await post(`/v1/funds/${fund}/donations`, donationBody({ amount: '10.00', currency: 'USD', fxRate: '25000' }));
    expectStatus(cash, 201);
    const row = await described(fund, cash.body.position);
    expect(row(cash.body.receiptNo)?.description).toBe('10,00 USD, tỷ giá 25.000');
    expect(row(goods.body.receiptNo)).toMatchObject({ description: 'Áo (1.500 cái; 10,00 USD, tỷ giá 25.000)', inKindValue: '250000' });
  });

  it('writes quantities the Vietnamese way, as the same document writes money: "." between thousands, "," before decimals', async () => {
    const fund = 'quy-so-luong';
    await openFund(ledger, fund);
    const rice = await post(`/v1/funds/${fund}/donations`, donationBody({
      amount: '3000000', channel: 'in_kind', reference: null, inKind: { description: 'Gạo', quantity: '100.5', unit: 'kg', valuationMethod: 'giá thị trường' },
    }));
    expectStatus(rice, 201);
    const shirts = await post(`/v1/funds/${fund}/donations`, donationBody({
      amount: '4500000', channel: 'in_kind', reference: null, inKind: { description: 'Áo', quantity: '1500', unit: 'cái', valuationMethod: 'giá thị trường' },
    }));
    expectStatus(shirts, 201);
    const row = await described(fund, shirts.body.position);
    expect([row(rice.body.receiptNo)?.description, row(shirts.body.receiptNo)?.description]).toEqual(['Gạo (100,5 kg)', 'Áo (1.500 cái)']);
  });
});
