/**
 * Through the real app, without a token: what the public site reads beyond the totals and the
 * search. Each campaign with its official account, its figures and whether its distribution
 * deadline was met (met, missed, pending); money per day for the charts; the reports anyone may
 * download; and the search answer naming each donation's id and log position (for its proof).
 */
import './esm-interop';
import { PublicFundFacts } from '../../src/read-side/public-fund-facts';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { HOUR_MS, vnTime } from './scripted-history';

const FUND = 'quy-cong-khai-site';
let ledger: TestLedger;
let tokens: { accountant: string; approver: string };
let head = 0;
const ids: Record<string, string> = {};
const DAY_MS = 24 * HOUR_MS;

async function post(token: string, path: string, body: object): Promise<Record<string, unknown>> {
  const response = await ledger.http().post(`/v1/funds/${FUND}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  if (![200, 201].includes(response.status)) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  head = Math.max(head, Number(response.body.position));
  return response.body as Record<string, unknown>;
}
const donor = (name: string) => ({ name, kind: 'individual', publicName: null, taxCode: null, address: null, contact: '0909123456' });
const get = (path: string) => ledger.http().get(`/v1/public/funds/${FUND}${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`);

async function pay(campaignId: string, amount: string, requestedAt: string, paidAt: string): Promise<string> {
  const requested = await post(tokens.accountant, '/disbursements', {
    amount, kind: 'relief', component: 'general', restrictionId: `campaign:${campaignId}`, purpose: 'Gạo cho hộ bị ngập', beneficiary: `Hộ ${amount}`, requestedAt,
  });
  const id = String(requested.disbursementId);
  await post(tokens.approver, `/disbursements/${id}/approve`, {});
  await post(tokens.approver, `/disbursements/${id}/pay`, { paidAt, reference: `UNC-${id}` });
  return id;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  tokens = { accountant: (await ledger.user('ke-toan', ['accountant'])).token, approver: (await ledger.user('duyet', ['approver'])).token };
  const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ công khai' });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  // Met: every dong paid out before 28/10/2024.
  await post(tokens.accountant, '/campaigns', {
    campaignId: 'bao-yagi', name: 'Bão Yagi', kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-10-08T23:59:59+07:00',
    distributeUntil: '2024-10-28T23:59:59+07:00', bankAccount: '0011001932418',
  });
  // Missed: 2.000.000 of 3.000.000 still held on 05/06/2024.
  await post(tokens.accountant, '/campaigns', {
    campaignId: 'lu-mien-trung', name: 'Lũ miền Trung', kind: 'disaster', receiveFrom: '2024-05-01T00:00:00+07:00', receiveUntil: '2024-05-20T23:59:59+07:00',
    distributeUntil: '2024-06-05T23:59:59+07:00', bankAccount: '1903 5555 0000 11',
  });
  // Pending: its deadline is ahead.
  const now = Date.now();
  await post(tokens.accountant, '/campaigns', {
    campaignId: 'tet-nhan-ai', name: 'Tết nhân ái', kind: 'tet', receiveFrom: vnTime(now - DAY_MS), receiveUntil: vnTime(now + 60 * DAY_MS), distributeUntil: vnTime(now + 90 * DAY_MS),
  });
  const gift = async (campaignId: string, amount: string, receivedAt: string, reference: string, name = 'Nguyễn Văn An') => {
    const answer = await post(tokens.accountant, '/donations', { amount, channel: 'bank_transfer', receivedAt, reference, campaignId, donor: donor(name) });
    ids[reference] = String(answer.donationId);
  };
  await gift('bao-yagi', '3000000', '2024-09-10T09:00:00+07:00', 'FT-Y1');
  await gift('bao-yagi', '2000000', '2024-09-10T23:30:00+07:00', 'FT-Y2', 'Trần Thị Bích');
  await gift('bao-yagi', '1000000', '2024-09-12T08:00:00+07:00', 'FT-Y3');
  await post(tokens.accountant, '/reversals', { entryId: ids['FT-Y3'], reason: 'Chuyển nhầm', reversedAt: '2024-09-13T08:00:00+07:00' });
  await pay('bao-yagi', '5000000', '2024-09-20T08:00:00+07:00', '2024-10-01T10:00:00+07:00');
  await gift('lu-mien-trung', '3000000', '2024-05-15T10:00:00+07:00', 'FT-L1', 'Lê Văn Tám');
  await pay('lu-mien-trung', '1000000', '2024-05-25T08:00:00+07:00', '2024-06-01T10:00:00+07:00');
}, 60_000);
afterAll(async () => ledger?.close());

describe('GET /v1/public/funds/:fundId/campaigns', () => {
  it('gives each campaign its official account, figures and whether its distribution deadline was met, without a token', async () => {
    const answer = await get('/campaigns').expect(200);
    expect(answer.body.position).toBeGreaterThanOrEqual(head);
    const byId = Object.fromEntries(answer.body.campaigns.map((c: { campaignId: string }) => [c.campaignId, c]));
    expect(answer.body.campaigns.map((c: { campaignId: string }) => c.campaignId)).toEqual(['lu-mien-trung', 'bao-yagi', 'tet-nhan-ai']);
    expect(byId['bao-yagi']).toMatchObject({
      name: 'Bão Yagi', bankAccount: '0011001932418', received: '5000000', distributed: '5000000', remaining: '0',
      distributeUntil: '2024-10-28T23:59:59+07:00', distribution: { status: 'met', undistributedAtDeadline: null },
    });
    expect(byId['lu-mien-trung']).toMatchObject({
      bankAccount: '1903 5555 0000 11', received: '3000000', distributed: '1000000', remaining: '2000000',
      distribution: { status: 'missed', undistributedAtDeadline: '2000000' },
    });
    expect(byId['tet-nhan-ai']).toMatchObject({ bankAccount: null, received: '0', distribution: { status: 'pending', undistributedAtDeadline: null } });
    expect(JSON.stringify(answer.body)).not.toContain('0909123456');
  });

  it('answers 404 for a fund that does not exist, and 400 for a malformed one', async () => {
    expect((await ledger.http().get('/v1/public/funds/khong-co/campaigns').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await ledger.http().get('/v1/public/funds/KHONG%20HOP%20LE/campaigns').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /v1/public/funds/:fundId/daily', () => {
  it('sums cash received per Vietnam day (reversed gifts left out) and money paid out per day, with the closing the reports give', async () => {
    const yagi = await get('/daily?campaignId=bao-yagi').expect(200);
    expect(yagi.body).toMatchObject({ fundId: FUND, campaignId: 'bao-yagi' });
    const still = { transferredIn: '0', transferredOut: '0' };
    expect(yagi.body.days).toEqual([
      // 23:30 in Vietnam on the 10th is still the 10th.
      { day: '2024-09-10', received: '5000000', distributed: '0', ...still, adjustments: '0', closing: '5000000' },
      // The gift of the 12th, reversed on the 13th, is no bar of the chart, but was held in between (as the reports
      // count it): its own column says so, and each day adds up from its columns.
      { day: '2024-09-12', received: '0', distributed: '0', ...still, adjustments: '1000000', closing: '6000000' },
      { day: '2024-09-13', received: '0', distributed: '0', ...still, adjustments: '-1000000', closing: '5000000' },
      { day: '2024-10-01', received: '0', distributed: '5000000', ...still, adjustments: '0', closing: '0' },
    ]);
    const fund = await get('/daily').expect(200);
    expect(fund.body.campaignId).toBeNull();
    expect(fund.body.days.map((d: { day: string; closing: string }) => [d.day, d.closing])).toEqual([
      ['2024-05-15', '3000000'], ['2024-06-01', '2000000'], ['2024-09-10', '7000000'], ['2024-09-12', '8000000'], ['2024-09-13', '7000000'], ['2024-10-01', '2000000'],
    ]);
  });

  it('answers 404 for a campaign the fund does not have, 400 for a malformed one', async () => {
    expect((await get('/daily?campaignId=khong-co').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect((await get('/daily?campaignId=Sai%20Sai').expect(400)).body.error.details.fields[0].field).toBe('campaignId');
  });
});

describe('GET /v1/public/funds/:fundId/reports/:report', () => {
  it('lets anyone download the disclosure (published names only) and the campaigns report, with position and sha256', async () => {
    const json = await get('/reports/disclosure').expect(200);
    expect(json.body).toMatchObject({ report: 'disclosure', fundId: FUND });
    expect(json.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(json.body)).not.toContain('0909123456');
    const csv = await get('/reports/campaigns?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-report-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(csv.text).toContain('bao-yagi');
    const xlsx = await get('/reports/disclosure?format=xlsx').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('counts the donations a disclosure would list (the check that keeps a public download at most 100,000 of them)', async () => {
    await get('/reports/campaigns').expect(200);
    const facts = ledger.app.get(PublicFundFacts);
    const ms = (iso: string) => Date.parse(iso);
    // Every gift received, a reversed one too (the disclosure lists its reversal): an upper bound of the rows.
    expect(facts.donationsIn(FUND, null, null, head)).toBe(4);
    expect(facts.donationsIn(FUND, ms('2024-09-10T00:00:00+07:00'), ms('2024-09-10T23:59:59.999+07:00'), head)).toBe(2);
    expect(facts.donationsIn(FUND, ms('2024-09-11T00:00:00+07:00'), null, head)).toBe(1);
    expect(facts.donationsIn(FUND, null, ms('2024-06-30T23:59:59.999+07:00'), head)).toBe(1);
    // As the log stood before any gift.
    expect(facts.donationsIn(FUND, null, null, 1)).toBe(0);
  });

  it('gives a report as the log stood at a position (a publication\'s), as of a business date, and as recorded by a moment, as the staff\'s route does', async () => {
    const staff = (query: string) => ledger.http().get(`/v1/funds/${FUND}/reports/disclosure?${query}`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    const now = await get('/reports/disclosure').expect(200);
    const published = now.body.position as number;
    await post(tokens.accountant, '/donations', {
      amount: '700000', channel: 'bank_transfer', receivedAt: '2024-09-16T09:00:00+07:00', reference: 'FT-LATER', donor: donor('Đỗ Văn Sau'),
    });
    // The disclosure as published: the gift recorded since is not in it, and its bytes are those of then.
    const then = await get(`/reports/disclosure?atPosition=${published}`).expect(200);
    expect(then.body.position).toBe(published);
    expect(then.body.sha256).toBe(now.body.sha256);
    expect(JSON.stringify(then.body)).not.toContain('Đỗ Văn Sau');
    expect(then.body.sha256).toBe((await staff(`atPosition=${published}`)).body.sha256);
    expect(JSON.stringify((await get('/reports/disclosure').expect(200)).body)).toContain('Đỗ Văn Sau');
    // A business date ends the period there; the recording clock is a position of the log.
    const asOf = await get('/reports/disclosure?asOf=2024-06-30').expect(200);
    expect(asOf.body.sha256).toBe((await staff('asOf=2024-06-30')).body.sha256);
    expect(asOf.body.rows.filter((row: { section: string }) => row.section === 'donation').map((row: { name: string }) => row.name)).toEqual(['Lê Văn Tám']);
    const recorded = await get('/reports/campaigns?recordedBefore=2000-01-01T00:00:00%2B07:00').expect(404);
    expect(recorded.body.error.details).toMatchObject({ entity: 'fund' });
    // Refused with its field, never a 500.
    expect((await get('/reports/disclosure?from=2024-09-01&asOf=2024-08-01').expect(400)).body.error.details.fields[0].field).toBe('asOf');
    expect((await get(`/reports/disclosure?atPosition=${published + 1_000_000}`).expect(400)).body.error.details.fields[0].field).toBe('atPosition');
  });

  it('refuses the staff\'s other reports (400), never a 500', async () => {
    const refused = await get('/reports/financial').expect(400);
    expect(refused.body.error.details.fields[0].field).toBe('report');
  });
});

describe('GET /v1/public/funds/:fundId/donations names each donation for its proof', () => {
  it('answers the donation id and the log position of the event that recorded it', async () => {
    const found = await get('/donations?amount=3000000&date=2024-05-15').expect(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({ donationId: ids['FT-L1'], reference: 'FT-L1', donorName: 'Lê Văn Tám' });
    expect(found.body.items[0].position).toBeGreaterThan(0);
    expect(found.body.items[0].position).toBeLessThanOrEqual(head);
  });
});

describe('the public reads give a recent answer again, never one older than asked for', () => {
  it('a gift recorded now is in the campaigns and the days read with its position, and a disclosure of a month holds that month', async () => {
    await get('/campaigns').expect(200);
    await get('/daily?campaignId=bao-yagi').expect(200);
    await post(tokens.accountant, '/donations', {
      amount: '250000', channel: 'bank_transfer', receivedAt: '2024-09-15T09:00:00+07:00', reference: 'FT-Y4', campaignId: 'bao-yagi', donor: donor('Phạm Thị Hoa'),
    });
    const campaigns = await get('/campaigns').expect(200);
    expect(campaigns.body.position).toBeGreaterThanOrEqual(head);
    expect(campaigns.body.campaigns.find((c: { campaignId: string }) => c.campaignId === 'bao-yagi').received).toBe('5250000');
    const days = await get('/daily?campaignId=bao-yagi').expect(200);
    expect(days.body.days.find((d: { day: string }) => d.day === '2024-09-15')).toEqual({ day: '2024-09-15', received: '250000', distributed: '0', transferredIn: '0', transferredOut: '0', adjustments: '0', closing: '5250000' });
    const may = await get('/reports/disclosure?from=2024-05-01&to=2024-05-31').expect(200);
    const listed = may.body.rows.map((row: { section: string; name: string; cash: string }) => [row.section, row.name, row.cash]);
    expect(listed.filter(([section]: string[]) => section === 'donation')).toEqual([['donation', 'Lê Văn Tám', '3000000']]);
  });
});

describe('money a coordinator took out at once and has not settled', () => {
  it('is said on the campaign it came from (outstandingEmergency) and stays in its remaining until the settlement', async () => {
    const coordinator = (await ledger.user('dieu-phoi', ['coordinator'])).token;
    await post(coordinator, '/emergency-releases', {
      amount: '500000', component: 'general', restrictionId: 'campaign:lu-mien-trung', incident: 'Sạt lở thôn 3', recipient: 'Hội CTĐ xã Tân Phú', releasedAt: '2024-05-28T09:00:00+07:00',
    });
    const byId = Object.fromEntries((await get('/campaigns').expect(200)).body.campaigns.map((c: { campaignId: string }) => [c.campaignId, c]));
    expect(byId['lu-mien-trung']).toMatchObject({ received: '3000000', distributed: '1000000', remaining: '2000000', outstandingEmergency: '500000' });
    expect(byId['bao-yagi']).toMatchObject({ outstandingEmergency: '0' });
    const fund = await get('').expect(200);
    expect(fund.body).toMatchObject({ outstandingEmergency: '500000' });
  });
});
