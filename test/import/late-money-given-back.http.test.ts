import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund, vnTimestamp } from '../http/support/http-helpers';

/**
 * Late money (R14) booked from a bank statement into a campaign's suspense pool, assigned by a
 * decision to another campaign, then given back to its donor (README "Late money"): it leaves the
 * pool it was assigned to by a move back to its suspense pool, and is given back from there. No
 * campaign or component reads as having received less than its gifts: the balance's byCampaign
 * and byComponent, the campaigns report and the public campaign page agree.
 */
let ledger: TestLedger;
let accountant: string;
let auditor: string;
let head = 0;
/** The position after both assignments, before either gift was given back. */
let assigned = 0;

const FUND = 'quy-tien-den-muon';
const LATE = 'tet-som';          // a Tết campaign (no pool of its own) whose window closed ten days ago
const NEXT_TET = 'tet-muon';     // a Tết campaign receiving since (no pool of its own)
const FLOOD = 'lu-som';          // a disaster campaign (a pool of its own) whose window closed ten days ago
const NEXT_FLOOD = 'lu-muon';

/** The Vietnam day `n` days from today, at `time`; and as a statement prints it (dd/mm/yyyy). */
const at = (n: number, time: string) => `${vnTimestamp(n).slice(0, 10)}T${time}+07:00`;
const printed = (n: number) => vnTimestamp(n).slice(0, 10).split('-').reverse().join('/');

type Row = Record<string, unknown>;

async function post(token: string, path: string, body: unknown = {}): Promise<Row> {
  const response = await call(ledger, 'post', path, body, { token });
  if (response.status !== 200 && response.status !== 201) expectStatus(response, 201);
  head = Math.max(head, Number(response.body.position));
  return response.body as Row;
}

async function read(path: string, token: string | null = auditor): Promise<Row> {
  const response = await call(ledger, 'get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, undefined, { token });
  expectStatus(response, 200);
  return response.body as Row;
}

async function importLate(campaignId: string, line: string): Promise<string> {
  const statement = ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', line].join('\n');
  const imported = await ledger.http().post(`/v1/funds/${FUND}/imports?campaignId=${campaignId}`)
    .set('Authorization', `Bearer ${accountant}`).set('Content-Type', 'text/csv').send(statement);
  expectStatus(imported, 200);
  expect(imported.body.suspense).toBe(1);
  head = Math.max(head, Number(imported.body.position));
  const waiting = await read(`/v1/funds/${FUND}/suspense?status=waiting`);
  const item = (waiting.items as Row[]).find((row) => row.campaignId === campaignId);
  return String(item?.donationId);
}

const rowOf = (rows: unknown, key: string, value: string): Row => (rows as Row[]).find((row) => row[key] === value) ?? {};

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  await openFund(ledger, FUND);
  const window = { receiveFrom: at(-40, '00:00:00'), receiveUntil: at(-10, '23:59:59'), distributeUntil: at(10, '23:59:59') };
  const later = { receiveFrom: at(-9, '00:00:00'), receiveUntil: at(40, '23:59:59') };
  await post(accountant, `/v1/funds/${FUND}/campaigns`, { campaignId: LATE, name: 'Tết sớm', kind: 'tet', ...window });
  await post(accountant, `/v1/funds/${FUND}/campaigns`, { campaignId: NEXT_TET, name: 'Tết muộn', kind: 'tet', ...later });
  await post(accountant, `/v1/funds/${FUND}/campaigns`, { campaignId: FLOOD, name: 'Lũ tháng Mười', kind: 'disaster', ...window });
  await post(accountant, `/v1/funds/${FUND}/campaigns`, { campaignId: NEXT_FLOOD, name: 'Lũ tháng Mười Hai', kind: 'disaster', ...later });
  // Other money of the fund, so that nothing below is a fund-level zero by accident.
  await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '7000000', receivedAt: at(-30, '10:00:00'), reference: 'G-1' }));
  await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '5000000', campaignId: LATE, receivedAt: at(-32, '10:00:00'), reference: 'T-1' }));
  await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '9000000', campaignId: FLOOD, receivedAt: at(-32, '10:00:00'), reference: 'L-1' }));

  // Bank lines after the windows closed: booked to each campaign's suspense pool (R14).
  const lateTet = await importLate(LATE, `${printed(-6)},FT-21,2.000.000,Ung ho tet,Tran Thi C`);
  const lateFlood = await importLate(FLOOD, `${printed(-5)},FT-22,3.000.000,Ung ho lu,Nguyen Van Binh`);
  // The board assigns each to the next campaign, then each donor asks for the money back.
  await post(accountant, `/v1/funds/${FUND}/suspense/${lateTet}/assign`, { campaignId: NEXT_TET, decisionRef: 'QĐ 5/CTĐ' });
  assigned = Number((await post(accountant, `/v1/funds/${FUND}/suspense/${lateFlood}/assign`, { campaignId: NEXT_FLOOD, decisionRef: 'QĐ 6/CTĐ' })).position);
  await post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: lateTet, reason: 'Nhà hảo tâm xin nhận lại' });
  await post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: lateFlood, reason: 'Nhà hảo tâm xin nhận lại' });
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('R14 late money assigned to the next campaign, then given back to its donor', () => {
  it.each([
    ['a campaign without a pool of its own (Tết)', NEXT_TET],
    ['a disaster campaign with its own pool', NEXT_FLOOD],
  ])('%s that never received a gift does not show a negative "received" in the balance, the campaigns report or the public page', async (_label, campaignId) => {
    const balance = await read(`/v1/funds/${FUND}/balance`);
    const campaigns = await read(`/v1/funds/${FUND}/reports/campaigns?atPosition=${String(balance.asOfPosition)}`);
    const publicCampaigns = await read(`/v1/public/funds/${FUND}/campaigns`, null);
    const figures = {
      balance: (balance.byCampaign as Record<string, Row>)[campaignId]?.received ?? '0',
      campaignsReport: rowOf(campaigns.rows, 'campaignId', campaignId).received,
      publicPage: rowOf(publicCampaigns.campaigns, 'campaignId', campaignId).received,
    };
    // The campaign received no gift: "received" (Tiền đã nhận) is 0 everywhere, never below; the
    // money came in by a move and left by a move.
    expect(figures).toEqual({ balance: '0', campaignsReport: '0', publicPage: '0' });
    // And the campaign holds nothing of the returned money.
    expect((balance.byCampaign as Record<string, Row>)[campaignId]?.available ?? '0').toBe('0');
  });

  it('the component the late money was booked in does not read as having received less than its gifts', async () => {
    const balance = await read(`/v1/funds/${FUND}/balance`);
    // The general component's unrestricted money received 7,000,000 (G-1) + 5,000,000 (the Tết
    // campaign's gift, a campaign without a pool): 12,000,000. The late Tết line went to the
    // suspense pool, never into this pool's receipts, so its return cannot lower them.
    expect((balance.byComponent as Record<string, Row>).general.received).toBe('12000000');
  });

  it('came in by a move and left by one: the campaign held the money between, and the fund received only its other gifts', async () => {
    const balance = await read(`/v1/funds/${FUND}/balance`);
    const then = await read(`/v1/funds/${FUND}/balance?atPosition=${assigned}`);
    for (const [campaignId, amount] of [[NEXT_TET, '2000000'], [NEXT_FLOOD, '3000000']]) {
      expect((then.byCampaign as Record<string, Row>)[campaignId]).toMatchObject({ received: '0', movedIn: amount, available: amount });
      expect((balance.byCampaign as Record<string, Row>)[campaignId]).toMatchObject({ received: '0', movedIn: amount, movedOut: amount, available: '0' });
    }
    expect(balance).toMatchObject({ received: '21000000', available: '21000000' });
  });
});
