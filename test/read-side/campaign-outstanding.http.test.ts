/**
 * Money a coordinator released in an emergency from a disaster campaign's pool is in the
 * campaign's "Còn lại" until its settlement says what was spent: the staff's campaigns report
 * says how much of it is released and not settled, as the public campaign page does, at every
 * position; a fund that never released any from a campaign keeps the report's columns it had.
 */
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, campaignBody, donationBody, expectStatus, openFund, releaseBody } from '../http/support/http-helpers';

let ledger: TestLedger;
let accountant = '';
let coordinator = '';

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
});
afterAll(async () => ledger?.close());

const campaignsReport = async (fundId: string, position: number) => {
  const answer = await call(ledger, 'get', `/v1/funds/${fundId}/reports/campaigns?atPosition=${position}`, undefined, { token: accountant });
  expectStatus(answer, 200);
  return answer.body as { columns: { key: string }[]; rows: Record<string, unknown>[] };
};

it('says beside "Còn lại" what of it was released in an emergency and not settled, before, during and after the settlement', async () => {
  const FUND = 'quy-tam-ung';
  await openFund(ledger, FUND);
  // Receiving from a month ago to a month ahead: a disaster campaign receives for at most 90 days.
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString();
  expectStatus(await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({
    campaignId: 'lu-mien-trung', kind: 'disaster', receiveFrom: day(-30), receiveUntil: day(30),
  }), { token: accountant }), 201);
  const gift = await call(ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '60000000', campaignId: 'lu-mien-trung', component: 'emergency-relief' }), { token: accountant });
  expectStatus(gift, 201);
  const released = await call(ledger, 'post', `/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '30000000', campaignId: 'lu-mien-trung', component: 'emergency-relief' }), { token: coordinator });
  expectStatus(released, 201);
  const settled = await call(ledger, 'post', `/v1/funds/${FUND}/emergency-releases/${String(released.body.releaseId)}/settle`, {
    spent: '25000000', returned: '5000000', evidence: ['Biên bản bàn giao 12/BB'],
  }, { token: coordinator });
  expectStatus(settled, 200);

  const figures = async (position: number) => {
    const report = await campaignsReport(FUND, position);
    const [row] = report.rows;
    return { columns: report.columns.filter((column) => column.key === 'outstandingEmergency').length, distributed: row.distributed, remaining: row.remaining, outstandingEmergency: row.outstandingEmergency };
  };
  // Before any release the report is the one it always was.
  expect(await figures(Number(gift.body.position))).toEqual({ columns: 0, distributed: '0', remaining: '60000000', outstandingEmergency: undefined });
  expect(await figures(Number(released.body.position))).toEqual({ columns: 1, distributed: '0', remaining: '60000000', outstandingEmergency: '30000000' });
  expect(await figures(Number(settled.body.position))).toEqual({ columns: 1, distributed: '25000000', remaining: '35000000', outstandingEmergency: '0' });
  // The public campaign page says the same.
  const publicPage = await ledger.http().get(`/v1/public/funds/${FUND}/campaigns?minPosition=${Number(settled.body.position)}`);
  expectStatus(publicPage, 200);
  const shown = (publicPage.body.items ?? publicPage.body.campaigns ?? publicPage.body) as Record<string, unknown>[];
  expect(shown.find((campaign) => campaign.campaignId === 'lu-mien-trung')).toMatchObject({ remaining: '35000000', outstandingEmergency: '0' });
});

it('keeps the columns of a fund that never released money from a campaign', async () => {
  const FUND = 'quy-khong-tam-ung';
  await openFund(ledger, FUND);
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  expectStatus(await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({
    campaignId: 'tet-yeu-thuong', kind: 'tet', receiveFrom: `${thisYear}-01-01T00:00:00+07:00`, receiveUntil: `${thisYear}-12-31T23:59:59+07:00`,
  }), { token: accountant }), 201);
  const gift = await call(ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000', campaignId: 'tet-yeu-thuong' }), { token: accountant });
  expectStatus(gift, 201);
  expect((await campaignsReport(FUND, Number(gift.body.position))).columns.map((column) => column.key)).not.toContain('outstandingEmergency');
});
