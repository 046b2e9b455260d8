/**
 * What one request writes in hundreds of events: a statement's lines and a period's receipts.
 * Every line is booked once and every receipt issued once, whatever one append of the store may
 * carry. On EventStoreDB (the `http-on-eventstoredb` project) the protocol test server and the
 * ledger both have a MaxAppendSize of 64 KiB (the real server's default is 1 MiB, which a
 * 1,000-line batch of an import passes): the import's batch of 300 lines (about 450 KB) and the
 * period's 300 receipts (about 220 KB) reach the server in several appends.
 */
import { Streams } from '../../src/domain/streams';
import { binaryBody } from '../receipts/pdf-text';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { client, countEvents, expectStatus, openFund, type Client } from './support/http-helpers';

const FUND = 'quy-dot-cao-diem';
const LINES = 300;
const MAX_APPEND_SIZE = 65_536;
let ledger: TestLedger;
let accountant: Client;
let accountantToken: string;

beforeAll(async () => {
  ledger = await startTestLedger({ eventStoreMaxAppendSize: MAX_APPEND_SIZE });
  await openFund(ledger, FUND);
  accountantToken = (await ledger.user('Kế toán', ['accountant'])).token;
  accountant = client(ledger, accountantToken);
});

afterAll(async () => {
  await ledger.close();
});

const statement = () => {
  const lines = Array.from({ length: LINES }, (_, index) =>
    `03/09/2024,FT24247${String(index).padStart(6, '0')},${100 + (index % 800)}.000,UNG HO DONG BAO BI BAO LU MIEN BAC - ${index},NGUYEN VAN KHACH ${index}`);
  return ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', ...lines].join('\n');
};

const upload = (body: string) => ledger.http().post(`/v1/funds/${FUND}/imports?bankAccount=0011001932418`)
  .set('Authorization', `Bearer ${accountantToken}`).set('Content-Type', 'text/csv').send(body);

describe('a request that writes thousands of events', () => {
  it('imports a 300-line statement whole, receipt numbers without a gap, and books nothing the second time', async () => {
    const first = await upload(statement());
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ imported: LINES, duplicates: 0, rejected: [] });
    const donations = await ledger.store.readStream(Streams.donations(FUND, 2024));
    expect(donations.map((event) => event.data.receiptNo)).toEqual(Array.from({ length: LINES }, (_, index) => `2024-${String(index + 1).padStart(6, '0')}`));

    const before = await countEvents(ledger.store);
    const again = await upload(statement());
    expect(again.status).toBeLessThan(300);
    expect(again.body).toMatchObject({ imported: 0 });
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('issues every receipt of the period once in one print, and none the second time', async () => {
    const print = () => accountant.get(`/v1/funds/${FUND}/receipts.pdf?from=2024-09-03&to=2024-09-03`).buffer(true).parse(binaryBody);
    const first = await print();
    expectStatus(first, 200);
    const issued = (await ledger.store.readStream(Streams.receipts(FUND, 2024))).filter((event) => event.type === 'ReceiptIssued');
    expect(issued).toHaveLength(LINES);
    expect(new Set(issued.map((event) => event.data.donationId)).size).toBe(LINES);

    const before = await countEvents(ledger.store);
    expectStatus(await print(), 200);
    expect(await countEvents(ledger.store)).toBe(before);
  });
});
