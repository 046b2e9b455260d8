/**
 * Statement files as banks and spreadsheets write them, at their odd edges, through the real
 * application: each transfer read as printed, or the line refused with its reason.
 */
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

const FUND = 'quy-binh-an';

let ledger: TestLedger;
let accountant: string;

function importFile(body: Buffer, query = '?bankAccount=0071000246810') {
  return ledger.http().post(`/v1/funds/${FUND}/imports${query}`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(body);
}

async function donationAmounts(sha256: string): Promise<string[]> {
  const amounts: string[] = [];
  for await (const event of ledger.store.readAll()) {
    const data = event.data as { amountVnd?: string; source?: { fileSha256?: string } };
    if (event.type === 'DonationRecorded' && data.source?.fileSha256 === sha256) amounts.push(data.amountVnd as string);
  }
  return amounts;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Mai', ['accountant'])).token;
  const response = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ phường Bình An' });
  expect(response.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('a ";" statement whose amounts group thousands with "," and whose memos hold commas', () => {
  it('is read by ";": every line booked with its amount', async () => {
    const csv = Buffer.from([
      'Ngày giao dịch;Số CT;Số tiền ghi có;Số tiền ghi nợ;Số dư;Nội dung',
      '05/09/2024;FT1;1,000,000;;1,000,000;NGUYEN VAN AN ung ho, mien Bac, bao Yagi',
      '05/09/2024;FT2;2,000,000;;3,000,000;TRAN THI BINH ung ho',
      '',
    ].join('\r\n'));
    const response = await importFile(csv);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, rejectedCount: 0 }));
    expect(await donationAmounts(response.body.fileSha256)).toEqual(['1000000', '2000000']);
  });
});
