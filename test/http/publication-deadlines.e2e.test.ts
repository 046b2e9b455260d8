/**
 * api-v2.md "Publications and obligations" as a fund's accountant and an inspector meet them:
 * deadlines at their edges in Vietnam time, a campaign closed early, bad publications refused
 * naming the field, and the obligations read back by the three clocks (asOf, atPosition,
 * recordedBefore).
 */
import { releaseTestData, startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  campaignBody, client, donationBody, expectError, expectNothingAppended, expectRejected, expectStatus, openFund, validationFields, vnTimestamp, type Client,
} from './support/http-helpers';

const FUND = 'quy-han-cong-khai';
const SHA = 'b'.repeat(64);
/** Disaster campaigns long over: receiving ends on 2024-10-07, their receipts are due by 2024-10-22. */
const window = (campaignId: string) => ({
  campaignId, kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-10-07T23:59:59+07:00',
  distributeUntil: '2024-10-27T23:59:59+07:00',
});

describe('publication deadlines at their edges, and read back by the three clocks', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let auditor: Client;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    auditor = client(ledger, (await ledger.user('Thanh tra', ['auditor'])).token);
    await openFund(ledger, FUND);
    for (const id of ['bao-a', 'bao-b', 'bao-c', 'bao-d']) expectStatus(await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody(window(id))), 201);
  });
  afterAll(async () => ledger?.close());

  const publish = (campaignId: string, publishedAt: string, kind = 'campaign-receipts') =>
    accountant.post(`/v1/funds/${FUND}/publications`, { kind, campaignId, channel: 'posting', publishedAt, contentSha256: SHA });
  const obligation = async (campaignId: string, query = '', kind = 'campaign-receipts', year = 2024) => {
    const response = await auditor.get(`/v1/funds/${FUND}/obligations?year=${year}${query}`);
    expectStatus(response, 200);
    return (response.body.obligations as Array<Record<string, unknown>>).find((o) => o.kind === kind && o.campaignId === campaignId);
  };

  it('R23: 23:59 (+07:00) on dueBy is met; 00:00 (+07:00) the day after, or 17:00Z on dueBy, is met_late', async () => {
    expectStatus(await publish('bao-a', '2024-10-22T23:59:00+07:00'), 201);
    expectStatus(await publish('bao-b', '2024-10-23T00:00:00+07:00'), 201);
    expectStatus(await publish('bao-c', '2024-10-22T17:00:00Z'), 201);
    expect(await obligation('bao-a')).toMatchObject({ dueBy: '2024-10-22', status: 'met' });
    expect(await obligation('bao-b')).toMatchObject({ dueBy: '2024-10-22', status: 'met_late' });
    expect(await obligation('bao-c')).toMatchObject({ dueBy: '2024-10-22', status: 'met_late' });
    const listed = await ledger.http().get(`/v1/public/funds/${FUND}/publications`);
    expect(listed.body.publications.map((p: { campaignId: string; deadline: unknown }) => [p.campaignId, p.deadline])).toEqual([
      ['bao-a', { dueBy: '2024-10-22', onTime: true }], ['bao-b', { dueBy: '2024-10-22', onTime: false }], ['bao-c', { dueBy: '2024-10-22', onTime: false }],
    ]);
  });

  it('R22: the call is published before mobilising: at 09:00 on the day receiving started at midnight it is met_late, the evening before met', async () => {
    expectStatus(await publish('bao-a', '2024-09-07T21:00:00+07:00', 'campaign-call'), 201);
    expectStatus(await publish('bao-b', '2024-09-08T09:00:00+07:00', 'campaign-call'), 201);
    expect(await obligation('bao-a', '', 'campaign-call')).toMatchObject({ dueBy: '2024-09-08', dueAt: '2024-09-08T00:00:00+07:00', status: 'met' });
    expect(await obligation('bao-b', '', 'campaign-call')).toMatchObject({ dueBy: '2024-09-08', dueAt: '2024-09-08T00:00:00+07:00', status: 'met_late' });
    const listed = await ledger.http().get(`/v1/public/funds/${FUND}/publications`);
    expect(listed.body.publications.filter((p: { kind: string }) => p.kind === 'campaign-call').map((p: { deadline: unknown }) => p.deadline)).toEqual([
      { dueBy: '2024-09-08', dueAt: '2024-09-08T00:00:00+07:00', onTime: true }, { dueBy: '2024-09-08', dueAt: '2024-09-08T00:00:00+07:00', onTime: false },
    ]);
  });

  it('R23: unmet, due through dueBy and overdue from the next day; asOf a timestamp (+07:00) judges its Vietnam day', async () => {
    expect(await obligation('bao-d', '&asOf=2024-10-22')).toMatchObject({ status: 'due' });
    expect(await obligation('bao-d', '&asOf=2024-10-23')).toMatchObject({ status: 'overdue' });
    expect(await obligation('bao-d', `&asOf=${encodeURIComponent('2024-10-22T23:59:59+07:00')}`)).toMatchObject({ status: 'due' });
    expect(await obligation('bao-d', `&asOf=${encodeURIComponent('2024-10-22T17:00:00Z')}`)).toMatchObject({ status: 'overdue' });
  });

  it('R26: asOf a timestamp counts what was published by that instant, not later the same day', async () => {
    const asOf = (at: string) => obligation('bao-a', `&asOf=${encodeURIComponent(at)}`);
    expect(await asOf('2024-10-22T23:58:59+07:00')).toMatchObject({ status: 'due', publication: null });
    expect(await asOf('2024-10-22T23:59:00+07:00')).toMatchObject({ status: 'met' });
  });

  it('R26: recordedBefore reads the obligations as the log was recorded by then, stated as position', async () => {
    const before = new Date().toISOString();
    const made = await publish('bao-d', '2024-10-30');
    expectStatus(made, 201);
    expect(await obligation('bao-d')).toMatchObject({ status: 'met_late' });
    const response = await auditor.get(`/v1/funds/${FUND}/obligations?year=2024&recordedBefore=${encodeURIComponent(before)}`);
    expectStatus(response, 200);
    expect(response.body.position).toBeLessThan(made.body.position);
    expect(response.body.obligations.find((o: Record<string, unknown>) => o.kind === 'campaign-receipts' && o.campaignId === 'bao-d'))
      .toMatchObject({ status: 'overdue', publication: null });
    expect(validationFields(await auditor.get(`/v1/funds/${FUND}/obligations?recordedBefore=yesterday`))).toContain('recordedBefore');
  });

  it('R23: a campaign closed early owes its receipts 15 days after the close; asOf a day before the close, it was due from receiveUntil', async () => {
    const today = vnTimestamp(0).slice(0, 10);
    const from = vnTimestamp(-5);
    const until = vnTimestamp(40);
    expectStatus(await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'lu-som', receiveFrom: from, receiveUntil: until })), 201);
    const year = Number(today.slice(0, 4));
    const yesterday = vnTimestamp(-1).slice(0, 10);
    const plus = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    expectStatus(await accountant.post(`/v1/funds/${FUND}/campaigns/lu-som/close`, {}), 200);
    // The day before the close, receiving was to run until receiveUntil: what was due then is dated from it.
    const untilYear = Number(until.slice(0, 4));
    expect(await obligation('lu-som', `&asOf=${yesterday}`, 'campaign-receipts', untilYear)).toMatchObject({ dueBy: plus(until.slice(0, 10), 15), status: 'due' });
    expect(await obligation('lu-som', '', 'campaign-receipts', year)).toMatchObject({ arisesOn: today, dueBy: plus(today, 15), status: 'due' });
    await expectRejected(ledger, () => publish('lu-som', yesterday), 422, 'PUBLISHED_BEFORE_END');
    expectStatus(await publish('lu-som', today), 201);
    expect(await obligation('lu-som', '', 'campaign-receipts', year)).toMatchObject({ status: 'met' });
  });

  const CALLS = ['bao-a 2024-09-07T21:00:00+07:00', 'bao-b 2024-09-08T09:00:00+07:00'];

  it('R26: the publications, staff and public, read back by asOf, atPosition and recordedBefore: what was published then', async () => {
    const ids = async (path: string) => {
      const response = await auditor.get(path);
      expectStatus(response, 200);
      return (response.body.publications as Array<{ campaignId: string; publishedAt: string }>).map((p) => `${p.campaignId} ${p.publishedAt}`);
    };
    const all = await ids(`/v1/funds/${FUND}/publications`);
    expect(all).toEqual(expect.arrayContaining(['bao-a 2024-10-22T23:59:00+07:00', 'bao-d 2024-10-30']));
    for (const base of [`/v1/funds/${FUND}/publications`, `/v1/public/funds/${FUND}/publications`]) {
      expect(await ids(`${base}?asOf=2024-09-07`)).toEqual(['bao-a 2024-09-07T21:00:00+07:00']);
      // 17:00Z on the 22nd is midnight in Vietnam: published on the 23rd.
      expect(await ids(`${base}?asOf=2024-10-22`)).toEqual([...CALLS, 'bao-a 2024-10-22T23:59:00+07:00']);
      expect(await ids(`${base}?asOf=2024-10-23`)).toEqual([...CALLS, 'bao-a 2024-10-22T23:59:00+07:00', 'bao-b 2024-10-23T00:00:00+07:00', 'bao-c 2024-10-22T17:00:00Z']);
      const positions = ((await auditor.get(base)).body.publications as Array<{ position: number }>).map((p) => p.position);
      const first = { position: Math.min(...positions) };
      const atFirst = await auditor.get(`${base}?atPosition=${first.position}`);
      expectStatus(atFirst, 200);
      expect(atFirst.body.position).toBe(first.position);
      expect(atFirst.body.publications).toHaveLength(1);
      expectError(await auditor.get(`${base}?recordedBefore=${encodeURIComponent('2000-01-01T00:00:00+07:00')}`), 404, 'NOT_FOUND');
      expect(validationFields(await auditor.get(`${base}?asOf=hom-qua`))).toContain('asOf');
    }
  });

  it('R24: a period or campaign that does not exist, a kind that does not fit its period, a future date, no hash: 4xx naming the field, nothing appended', async () => {
    const post = (body: Record<string, unknown>) => expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${FUND}/publications`, {
      channel: 'posting', publishedAt: '2025-05-01', contentSha256: SHA, ...body,
    }));
    expect(validationFields(await post({ kind: 'quarterly-disclosure', period: '2024' }))).toEqual(['period']);
    expect(validationFields(await post({ kind: 'quarterly-disclosure', period: '2024-Q5' }))).toEqual(['period']);
    expect(validationFields(await post({ kind: 'annual-contributions', period: '2024-Q1' }))).toEqual(['period']);
    expect(validationFields(await post({ kind: 'annual-contributions', period: '2024-13' }))).toEqual(['period']);
    expect(validationFields(await post({ kind: 'campaign-receipts', campaignId: 'bao-a', period: '2024' }))).toEqual(['period']);
    expect(validationFields(await post({ kind: 'annual-report', period: '2024', contentSha256: 'khong-phai-ma-bam' }))).toEqual(['contentSha256']);
    expect(validationFields(await post({ kind: 'annual-report', period: '2024', contentSha256: 'B'.repeat(64) }))).toEqual(['contentSha256']);
    const missing = await post({ kind: 'campaign-receipts', campaignId: 'khong-co' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('khong-co');
    const future = await post({ kind: 'annual-report', period: '2024', publishedAt: vnTimestamp(3) });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'FUTURE_DATE', details: expect.objectContaining({ field: 'publishedAt' }) });
  });
});

describe('a fund that moved to the ledger mid-year, the gifts it had received before entered', () => {
  let ledger: TestLedger;
  let accountant: Client;
  const FUND_MOVED = 'quy-chuyen-sang-so';

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
    await openFund(ledger, FUND_MOVED);
  });
  afterAll(async () => ledger?.close());

  it('R24: owes the disclosures of that year from its first gift\'s quarter; read back before the gift was entered, it owed none', async () => {
    // Last year, in Vietnam time: the fund was opened in the ledger this year.
    const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)) - 1;
    const obligations = async (query = '') => {
      const response = await accountant.get(`/v1/funds/${FUND_MOVED}/obligations?year=${year}${query}`);
      expectStatus(response, 200);
      return response.body as { obligations: Array<{ kind: string; period: string }>; position: number };
    };
    const quarters = async (query = '') => (await obligations(query)).obligations.filter((o) => o.kind === 'quarterly-disclosure').map((o) => o.period);
    expect(await quarters()).toEqual([]);
    const gift = await accountant.post(`/v1/funds/${FUND_MOVED}/donations`, donationBody({ amount: '1000000', receivedAt: `${year}-05-10T09:00:00+07:00` }));
    expectStatus(gift, 201);
    expect(await quarters()).toEqual([`${year}-Q2`, `${year}-Q3`, `${year}-Q4`]);
    expect(await quarters(`&atPosition=${String(gift.body.position - 1)}`)).toEqual([]);
    // The answer says the position it stands at: asked again there, it is the same answer.
    const now = await obligations();
    expect(now.position).toBe(gift.body.position);
    expect((await obligations(`&atPosition=${String(now.position)}`)).obligations).toEqual(now.obligations);
    // Its third quarter's disclosure, recorded with the day it was made, says whether it kept its deadline.
    expectStatus(await accountant.post(`/v1/funds/${FUND_MOVED}/publications`, {
      kind: 'quarterly-disclosure', period: `${year}-Q3`, channel: 'posting', publishedAt: `${year}-10-20`, contentSha256: SHA,
    }), 201);
    const listed = await ledger.http().get(`/v1/public/funds/${FUND_MOVED}/publications`).expect(200);
    expect(listed.body.publications.map((p: { period: string; deadline: unknown }) => [p.period, p.deadline])).toEqual([[`${year}-Q3`, { dueBy: `${year}-10-30`, onTime: true }]]);
    // A gift dated earlier still, entered after the disclosure: the list stands at it, and reads the same there.
    const earlier = await accountant.post(`/v1/funds/${FUND_MOVED}/donations`, donationBody({ amount: '500000', receivedAt: `${year}-02-03T09:00:00+07:00` }));
    expectStatus(earlier, 201);
    const relisted = await ledger.http().get(`/v1/public/funds/${FUND_MOVED}/publications`).expect(200);
    expect(relisted.body.position).toBe(earlier.body.position);
    expect((await ledger.http().get(`/v1/public/funds/${FUND_MOVED}/publications?atPosition=${String(relisted.body.position)}`).expect(200)).body).toEqual(relisted.body);
    expect(await quarters()).toEqual([`${year}-Q1`, `${year}-Q2`, `${year}-Q3`, `${year}-Q4`]);
  });
});
