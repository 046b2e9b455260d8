/**
 * An import sent with an Idempotency-Key (api.md "Conventions"): the same key with the same file
 * and parameters answers the first import's answer again and appends nothing; the same key with
 * another file or other parameters is 409 IDEMPOTENCY_KEY_REUSED.
 */
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { genericCsv } from './support/statements';

const FUND = 'quy-hoa-binh';

let ledger: TestLedger;
let accountant: string;

function importFile(body: Buffer, key: string, query = '?bankAccount=0071000864200') {
  return ledger.http().post(`/v1/funds/${FUND}/imports${query}`).set('Authorization', `Bearer ${accountant}`).set('Idempotency-Key', key)
    .set('content-type', 'text/csv').send(body);
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Thu', ['accountant'])).token;
  const response = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ xã Hòa Bình' });
  expect(response.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('an import sent again with its Idempotency-Key', () => {
  const csv = Buffer.from(genericCsv([
    { date: '14/10/2024', reference: 'FT-K1', credit: '100.000', description: 'TRINH VAN MUOI ung ho' },
    { date: '14/10/2024', reference: 'FT-K2', credit: '250.000', description: 'LY THI HONG ung ho' },
  ]));

  it('answers the first answer again and appends nothing', async () => {
    const first = await importFile(csv, 'sao-ke-thang-10');
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ imported: 2, duplicates: 0 }));
    const before = await countEvents(ledger.store);
    const again = await importFile(csv, 'sao-ke-thang-10');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countEvents(ledger.store)).toBe(before);
    // The dashboard lists the import once, without the answer kept for its sender's retries.
    const listed = await ledger.http().get(`/v1/funds/${FUND}/imports`).set('Authorization', `Bearer ${accountant}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(Object.keys(listed.body.items[0])).not.toEqual(expect.arrayContaining(['answer']));
    expect(Object.keys(listed.body.items[0])).not.toEqual(expect.arrayContaining(['idempotencyKey']));
  });

  it('with another file, or other parameters, is 409 IDEMPOTENCY_KEY_REUSED and appends nothing', async () => {
    const before = await countEvents(ledger.store);
    const other = Buffer.from(genericCsv([{ date: '15/10/2024', reference: 'FT-K3', credit: '300.000', description: 'MAC VAN BA ung ho' }]));
    const otherFile = await importFile(other, 'sao-ke-thang-10');
    expect(otherFile.status).toBe(409);
    expect(otherFile.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherQuery = await importFile(csv, 'sao-ke-thang-10', '?bankAccount=0071000864200&component=humanitarian');
    expect(otherQuery.status).toBe(409);
    expect(otherQuery.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countEvents(ledger.store)).toBe(before);
  });
});

describe('an import sent with the key of a command of another route', () => {
  it('is 409 IDEMPOTENCY_KEY_REUSED and appends nothing', async () => {
    const donation = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${accountant}`).set('Idempotency-Key', 'phieu-thu-7')
      .send({ amount: '500000', currency: 'VND', fxRate: null, channel: 'cash', receivedAt: '2024-10-14T09:00:00+07:00', donor: { name: 'Đỗ Thị Bảy', kind: 'individual' } });
    expect(donation.status).toBe(201);
    const before = await countEvents(ledger.store);
    const csv = Buffer.from(genericCsv([{ date: '16/10/2024', reference: 'FT-K7', credit: '700.000', description: 'DO THI BAY ung ho' }]));
    const response = await importFile(csv, 'phieu-thu-7');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countEvents(ledger.store)).toBe(before);
  });
});
