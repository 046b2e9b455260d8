import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund } from './support/http-helpers';

/**
 * Late money (R14) assigned to another campaign and then returned to its donor, through the real
 * HTTP stack: the reversal is taken back from the pool the money was assigned to (the balance
 * says so), and every report and public figure of that campaign and of the suspense pool says the
 * same at the same log position.
 */
let ledger: TestLedger;
let accountant: string;
let auditor: string;
let head = 0;

const FUND = 'quy-tien-den-muon';
const CLOSED = 'lu-thang-muoi';
const NEXT = 'lu-thang-muoi-hai';

async function post(token: string, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const response = await call(ledger, 'post', path, body, { token });
  if (response.status !== 200 && response.status !== 201) expectStatus(response, 201);
  head = Math.max(head, Number(response.body.position));
  return response.body as Record<string, unknown>;
}

async function read(path: string, token: string | null = auditor): Promise<Record<string, unknown>> {
  const response = await call(ledger, 'get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, undefined, { token });
  expectStatus(response, 200);
  return response.body as Record<string, unknown>;
}

type Row = Record<string, unknown>;
const rowOf = (rows: unknown, key: string, value: string): Row => (rows as Row[]).find((row) => row[key] === value) ?? {};

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  await openFund(ledger, FUND);
  await post(accountant, `/v1/funds/${FUND}/campaigns`, {
    campaignId: CLOSED, name: 'Lũ tháng Mười', kind: 'disaster', receiveFrom: '2026-10-01T00:00:00+07:00', receiveUntil: '2026-10-31T23:59:59+07:00',
  });
  await post(accountant, `/v1/funds/${FUND}/campaigns`, {
    campaignId: NEXT, name: 'Lũ tháng Mười Hai', kind: 'disaster', receiveFrom: '2026-11-15T00:00:00+07:00', receiveUntil: '2026-12-20T23:59:59+07:00',
  });
  await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '10000000', campaignId: CLOSED, receivedAt: '2026-10-10T10:00:00+07:00', reference: 'FT-1' }));
  // A bank line of 2 November for the campaign that stopped receiving on 31 October: booked to its suspense pool.
  const statement = ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', '02/11/2026,FT-9,3.000.000,Ung ho lu,Nguyen Van Binh'].join('\n');
  const imported = await ledger.http().post(`/v1/funds/${FUND}/imports?campaignId=${CLOSED}`)
    .set('Authorization', `Bearer ${accountant}`).set('Content-Type', 'text/csv').send(statement);
  expectStatus(imported, 200);
  head = Number(imported.body.position);
  const waiting = await read(`/v1/funds/${FUND}/suspense`);
  const late = String((waiting.items as Row[])[0].donationId);
  await post(accountant, `/v1/funds/${FUND}/suspense/${late}/assign`, { campaignId: NEXT, decisionRef: 'QĐ 5/CTĐ' });
  await post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: late, reason: 'Nhà hảo tâm xin nhận lại' });
}, 30_000);

afterAll(async () => {
  await ledger?.close();
});

describe('R14 late money assigned to a campaign, then returned to its donor', () => {
  it('the campaign it was assigned to has nothing left of it, in the balance, the reports and the public site alike', async () => {
    const balance = await read(`/v1/funds/${FUND}/balance`);
    const next = (balance.byCampaign as Record<string, Row>)[NEXT];
    expect(next.available).toBe('0');
    const campaigns = await read(`/v1/funds/${FUND}/reports/campaigns`);
    const designations = await read(`/v1/funds/${FUND}/reports/designations`);
    const publicCampaigns = await read(`/v1/public/funds/${FUND}/campaigns`, null);
    const publicTotals = await read(`/v1/public/funds/${FUND}`, null);
    expect({ campaigns: campaigns.position, designations: designations.position, public: publicCampaigns.position })
      .toEqual({ campaigns: balance.asOfPosition, designations: balance.asOfPosition, public: balance.asOfPosition });
    expect({
      campaignsReport: rowOf(campaigns.rows, 'campaignId', NEXT).remaining,
      designations: rowOf(designations.rows, 'restrictionId', `campaign:${NEXT}`).available,
      publicCampaigns: rowOf(publicCampaigns.campaigns, 'campaignId', NEXT).remaining,
      publicTotals: (publicTotals.byCampaign as Record<string, Row>)[NEXT].available,
    }).toEqual({ campaignsReport: '0', designations: '0', publicCampaigns: '0', publicTotals: '0' });
    // The suspense pool gave the money on to the campaign, had it back and gave it back to the
    // donor: it holds nothing, and never less; the gift given back is no receipt of it.
    expect(rowOf(designations.rows, 'restrictionId', `suspense:${CLOSED}`)).toMatchObject({ received: '0', movedIn: '3000000', movedOut: '3000000', available: '0' });
    expect(designations.summary).toMatchObject({ available: '10000000' });
  });

  it('the campaign\'s days on the public site end where its balance does (nothing)', async () => {
    const daily = await read(`/v1/public/funds/${FUND}/daily?campaignId=${NEXT}`, null);
    const balance = await read(`/v1/funds/${FUND}/balance?atPosition=${String(daily.position)}`);
    // Assigned and returned the same day, the money never stayed: a day with no change is no day of the chart.
    const days = daily.days as Row[];
    const closing = days.length === 0 ? '0' : days[days.length - 1].closing;
    expect(closing).toBe((balance.byCampaign as Record<string, Row>)[NEXT].available);
  });
});
