/**
 * The public site's money per day agrees with the financial report for funds that send money to
 * each other (R16): a transfer is out of the sender on the day it goes in transit, back on the
 * day it is returned, and in the receiver on the day it arrives, each once; every day's closing
 * is the financial report's closing balance up to that day, and the campaign's is the campaigns
 * report's `remaining` up to that day.
 */
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, campaignBody, donationBody, expectStatus, openFund, vnTimestamp } from '../http/support/http-helpers';

const COMMUNE = 'quy-xa-ngay';
const PROVINCE = 'quy-tinh-ngay';
const CAMPAIGN = 'lu-ngay';
let ledger: TestLedger;
let accountant: string;
let approver: string;
let head = 0;

type Day = { day: string; received: string; distributed: string; transferredIn: string; transferredOut: string; closing: string };

async function post(token: string, path: string, body: unknown = {}) {
  const response = await call(ledger, 'post', path, body, { token });
  if (![200, 201].includes(response.status)) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  head = Math.max(head, Number(response.body.position));
  return response.body as Record<string, unknown>;
}

async function send(from: string, to: string, amount: string, extra: Record<string, unknown> = {}): Promise<string> {
  const sent = await post(accountant, `/v1/funds/${from}/transfers`, { toFundId: to, amount, component: 'general', purpose: 'Chuyển tiền', ...extra });
  await post(approver, `/v1/funds/${from}/transfers/${String(sent.transferId)}/approve`);
  return String(sent.transferId);
}

async function daily(fundId: string, campaignId?: string): Promise<Day[]> {
  const response = await call(ledger, 'get', `/v1/public/funds/${fundId}/daily?minPosition=${head}${campaignId ? `&campaignId=${campaignId}` : ''}`, undefined, { token: null });
  expectStatus(response, 200);
  return response.body.days as Day[];
}

async function report(fundId: string, name: string, to: string) {
  const response = await call(ledger, 'get', `/v1/funds/${fundId}/reports/${name}?to=${to}&minPosition=${head}`);
  expectStatus(response, 200);
  return response.body as { rows: Record<string, unknown>[] };
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  await openFund(ledger, COMMUNE);
  await openFund(ledger, PROVINCE);
  expectStatus(await call(ledger, 'post', `/v1/funds/${COMMUNE}/campaigns`, campaignBody({ campaignId: CAMPAIGN })), 201);
  await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '10000000', receivedAt: vnTimestamp(-5), reference: 'FT-N1' }));
  await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '3000000', receivedAt: vnTimestamp(-4), reference: 'FT-N2', campaignId: CAMPAIGN }));
  // Received on day −4 and reversed on day −2: counted until the reversal, as the financial report counts it.
  const wrong = await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '2000000', receivedAt: vnTimestamp(-4), reference: 'FT-N3' }));
  await post(accountant, `/v1/funds/${COMMUNE}/reversals`, { entryId: wrong.donationId, reason: 'Ghi nhầm', reversedAt: vnTimestamp(-2) });
  await post(accountant, `/v1/funds/${PROVINCE}/donations`, donationBody({ amount: '1000000', receivedAt: vnTimestamp(-3), reference: 'FT-T1' }));
  // Sent up and received; sent and returned; campaign money sent and still in transit; sent back down.
  const up = await send(COMMUNE, PROVINCE, '4000000');
  await post(accountant, `/v1/funds/${PROVINCE}/transfers/${up}/receive`);
  const back = await send(COMMUNE, PROVINCE, '1000000');
  await post(accountant, `/v1/funds/${PROVINCE}/transfers/${back}/return`, { reason: 'Không thuộc địa bàn' });
  await send(COMMUNE, PROVINCE, '1200000', { campaignId: CAMPAIGN, restrictionId: `campaign:${CAMPAIGN}` });
  const down = await send(PROVINCE, COMMUNE, '700000');
  await post(accountant, `/v1/funds/${COMMUNE}/transfers/${down}/receive`);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('GET /v1/public/funds/:fundId/daily with transfers between funds', () => {
  it('shows each transfer once, on its day, in the sender and in the receiver', async () => {
    const today = vnTimestamp(0).slice(0, 10);
    const commune = (await daily(COMMUNE)).find((d) => d.day === today);
    // Sent 4 000 000 + 1 000 000 + 1 200 000, of which 1 000 000 came back; 700 000 received from the province.
    expect(commune).toMatchObject({ transferredOut: '5200000', transferredIn: '700000' });
    const province = (await daily(PROVINCE)).find((d) => d.day === today);
    expect(province).toMatchObject({ transferredOut: '700000', transferredIn: '4000000' });
  });

  it('closes every day at the financial report\'s closing balance up to that day, for both funds', async () => {
    for (const fundId of [COMMUNE, PROVINCE]) {
      const days = await daily(fundId);
      expect(days.length).toBeGreaterThan(1);
      for (const day of days) {
        const financial = await report(fundId, 'financial', day.day);
        const closing = financial.rows.find((row) => row.line === 'closing')?.amount;
        expect({ fundId, day: day.day, closing: day.closing }).toEqual({ fundId, day: day.day, closing });
      }
    }
    const commune = await daily(COMMUNE);
    // 10 000 000 + 3 000 000 − 5 200 000 + 700 000, the reversed 2 000 000 counted from day −4 to day −2 only.
    expect(commune[commune.length - 1].closing).toBe('8500000');
    expect(commune.map((d) => d.day)).toContain(vnTimestamp(-2).slice(0, 10));
  });

  it('closes a campaign\'s days at what the campaigns report says it has left up to that day', async () => {
    const days = await daily(COMMUNE, CAMPAIGN);
    expect(days[days.length - 1]).toMatchObject({ transferredOut: '1200000', closing: '1800000' });
    for (const day of days) {
      const campaigns = await report(COMMUNE, 'campaigns', day.day);
      const remaining = campaigns.rows.find((row) => row.campaignId === CAMPAIGN)?.remaining;
      expect({ day: day.day, closing: day.closing }).toEqual({ day: day.day, closing: remaining });
    }
  });
});
