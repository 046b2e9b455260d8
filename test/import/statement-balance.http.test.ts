/**
 * A statement whose opening balance stands in the table, below the header, and that has no
 * balance column: its closing balance line is checked before anything of it is booked.
 */
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';

const FUND = 'quy-phu-my';
let ledger: TestLedger;
let accountant: string;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  const response = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ cứu trợ xã Phú Mỹ' });
  expect(response.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

const statement = (lines: readonly string[]) => Buffer.from([
  'Số tài khoản: 0011001932418',
  'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
  'Số dư đầu kỳ,,,,1.000.000',
  ...lines,
].join('\n'));

function importFile(body: Buffer) {
  return ledger.http().post(`/v1/funds/${FUND}/imports`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(body);
}

it('with a line missing, is refused at its closing balance and books nothing', async () => {
  const before = await countEvents(ledger.store);
  const response = await importFile(statement(['01/09/2024,A1,,100.000,Ung ho', 'Số dư cuối kỳ,,,,1.300.000']));
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe('STATEMENT_UNBALANCED');
  expect(response.body.error.details.balanceCheck).toEqual({ ok: false, checkedLines: 1, firstBreakLine: 5, expected: '1100000', printed: '1300000' });
  expect(await countEvents(ledger.store)).toBe(before);
});

it('whole, is booked and recorded with its balances', async () => {
  const response = await importFile(statement(['01/09/2024,A1,,100.000,Ung ho', '02/09/2024,A2,,200.000,Ung ho', 'Số dư cuối kỳ,,,,1.300.000']));
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ imported: 2, balanceCheck: { ok: true, checkedLines: 1 }, statement: { openingBalance: '1000000', closingBalance: '1300000' } });
});
