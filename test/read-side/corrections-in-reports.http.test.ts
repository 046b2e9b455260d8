/**
 * Reports and the management-cost working of past periods after corrections, over HTTP on the
 * real application (a real SQLite file): a reversal counts on its own date, so a bank fee or
 * interest reversed this year leaves last year's (closed) report as it was and shows in this
 * year's; a report or working at an earlier position uses only what the log held then, policy
 * included; the management-cost base is never below zero.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, campaignBody, donationBody, expectStatus, fiscalYearOf, openFund, vnTimestamp } from '../http/support/http-helpers';

const FEES = 'quy-xa-phi-hoan';
const POLICY = 'quy-xa-chinh-sach';
const REVERSED = 'quy-xa-hoan-qua';
const vietcombankCsv = readFileSync(join(__dirname, '..', 'import', 'fixtures', 'banks', 'vietcombank.csv'));
const THIS_YEAR = fiscalYearOf(vnTimestamp());
const LAST_YEAR = THIS_YEAR - 1;

let ledger: TestLedger;
let accountant: string;

const post = (path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token: accountant });
const get = (path: string) => call(ledger, 'get', path);
type Report = { rows: { line: string; amount: string }[]; summary: Record<string, unknown>; position: number };
const financial = async (fundId: string, year: number, query: string) => {
  const response = await get(`/v1/funds/${fundId}/reports/financial?from=${year}-01-01&to=${year}-12-31&${query}`);
  expectStatus(response, 200);
  return response.body as Report;
};
const amounts = (report: Report) => Object.fromEntries(report.rows.map((row) => [row.line, row.amount]));

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Hạnh', ['accountant'])).token;
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('a bank fee and interest reversed a year later (README "a reversal counts on its own date")', () => {
  let opened: number;
  let imported: number;
  let reversed: number;
  let before: Record<string, string>;

  beforeAll(async () => {
    opened = (await openFund(ledger, FEES)).position;
    // Statement of 1–2 September 2024: 1.700.000 given, a fee of 11.000 (BF-000001), interest of 25.340 (IN-000001).
    const response = await ledger.http().post(`/v1/funds/${FEES}/imports`).set('Authorization', `Bearer ${accountant}`)
      .set('content-type', 'text/csv').send(vietcombankCsv);
    expectStatus(response, 200);
    imported = response.body.position;
    expectStatus(await call(ledger, 'post', `/v1/funds/${FEES}/periods/2024/close`, { decisionRef: '40/QĐ-CTĐ' }), 200);
    before = amounts(await financial(FEES, 2024, `minPosition=${imported}`));
    expectStatus(await post(`/v1/funds/${FEES}/reversals`, { entryId: 'BF-000001', reason: 'Ngân hàng hoàn phí' }), 201);
    const last = await post(`/v1/funds/${FEES}/reversals`, { entryId: 'IN-000001', reason: 'Lãi ghi nhầm tài khoản' });
    expectStatus(last, 201);
    reversed = last.body.position;
  });

  it('the closed year\'s report is what it was, and agrees with the balance at its last day', async () => {
    expect(before).toMatchObject({ 'payments.management_cost': '11000', 'receipts.interest': '25340', closing: '1714340' });
    const after = await financial(FEES, 2024, `minPosition=${reversed}`);
    expect(amounts(after)).toEqual(before);
    expect(after.summary).toMatchObject({ managementCost: '11000', managementCostYearBase: '1725340', managementCostUsed: '11000' });
    const balance = await get(`/v1/funds/${FEES}/balance?asOf=2024-12-31&minPosition=${reversed}`);
    expectStatus(balance, 200);
    expect(balance.body.available).toBe(after.rows.find((row) => row.line === 'closing')?.amount);
  });

  it('the year of the reversals shows them: the fee back against management cost, the interest out of receipts', async () => {
    const report = amounts(await financial(FEES, THIS_YEAR, `minPosition=${reversed}`));
    expect(report).toMatchObject({ opening: '1714340', 'payments.management_cost': '-11000', 'receipts.interest': '-25340', closing: '1700000' });
    const balance = await get(`/v1/funds/${FEES}/balance?minPosition=${reversed}`);
    expect(balance.body.available).toBe('1700000');
  });

  it('the public site\'s daily closing keeps the fee and the interest on their days, and takes them back on the day of the reversals', async () => {
    const daily = await ledger.http().get(`/v1/public/funds/${FEES}/daily?minPosition=${reversed}`);
    expectStatus(daily, 200);
    const days = (daily.body.days as { day: string; closing: string }[]).map((day) => [day.day, day.closing]);
    // The two statement days, then the day of the reversals (today, Vietnam time).
    expect(days.slice(0, 2)).toEqual([['2024-09-01', '689000'], ['2024-09-02', '1714340']]);
    expect(days.slice(2)).toEqual([[expect.stringMatching(`^${THIS_YEAR}-`), '1700000']]);
    // Each day adds up from its own columns: the fee and the interest on their days, their reversals on theirs.
    type Day = { received: string; distributed: string; transferredIn: string; transferredOut: string; adjustments: string; closing: string };
    let before = 0n;
    for (const day of daily.body.days as Day[]) {
      const sum = before + BigInt(day.received) - BigInt(day.distributed) + BigInt(day.transferredIn) - BigInt(day.transferredOut) + BigInt(day.adjustments);
      expect(sum.toString()).toBe(day.closing);
      before = BigInt(day.closing);
    }
    expect((daily.body.days as Day[]).map((day) => day.adjustments)).toEqual(['-11000', '25340', '-14340']);
  });

  it('the management-cost working counts the fee in the year it was charged and its reversal in the year of the reversal', async () => {
    const charged = await get(`/v1/funds/${FEES}/management-cost?year=2024&minPosition=${reversed}`);
    expectStatus(charged, 200);
    expect(charged.body).toMatchObject({ year: 2024, base: '1725340', used: '11000' });
    const refunded = await get(`/v1/funds/${FEES}/management-cost?year=${THIS_YEAR}&minPosition=${reversed}`);
    expect(refunded.body).toMatchObject({ year: THIS_YEAR, base: '0', used: '-11000' });
  });

  it('answers at an earlier position when asked (?atPosition), and says so', async () => {
    const atOpening = await get(`/v1/funds/${FEES}/management-cost?year=2024&atPosition=${opened}`);
    expectStatus(atOpening, 200);
    expect(atOpening.body).toMatchObject({ year: 2024, base: '0', used: '0', position: opened });
    const beforeReversal = await get(`/v1/funds/${FEES}/management-cost?year=${THIS_YEAR}&atPosition=${imported}`);
    expect(beforeReversal.body).toMatchObject({ used: '0', position: imported });
  });
});

describe('a report at an earlier position and of an earlier period uses the policy of then', () => {
  let beforeChange: number;
  let changed: number;

  beforeAll(async () => {
    await openFund(ledger, POLICY);
    const gift = await post(`/v1/funds/${POLICY}/donations`, donationBody({ amount: '10000000' }));
    expectStatus(gift, 201);
    beforeChange = gift.body.position;
    const policy = await call(ledger, 'put', `/v1/funds/${POLICY}/policy`, {
      policy: { managementCostCapPercent: '8' }, effectiveFrom: vnTimestamp().slice(0, 10), decisionRef: '41/QĐ-CTĐ',
    });
    expectStatus(policy, 200);
    changed = policy.body.position;
  });

  it('at the position before the change: the cap of then, in every summary field', async () => {
    const report = await financial(POLICY, THIS_YEAR, `atPosition=${beforeChange}&minPosition=${changed}`);
    expect(report.position).toBe(beforeChange);
    expect(report.summary).toMatchObject({ managementCostCapPercent: '10', managementCostCap: '1000000', managementCostYearCapPercent: '10' });
  });

  it('at the head: last year under the version in force at its end, this year under the new one', async () => {
    const last = await financial(POLICY, LAST_YEAR, `minPosition=${changed}`);
    expect(last.summary).toMatchObject({ managementCostCapPercent: '10', managementCostYearCapPercent: '10' });
    const current = await financial(POLICY, THIS_YEAR, `minPosition=${changed}`);
    expect(current.summary).toMatchObject({ managementCostCapPercent: '8', managementCostCap: '800000', managementCostYearCapPercent: '8' });
  });
});

describe('a year whose reversals exceed what it received', () => {
  let last: number;

  beforeAll(async () => {
    await openFund(ledger, REVERSED);
    const earlier = await post(`/v1/funds/${REVERSED}/donations`, donationBody({
      amount: '15000000', receivedAt: `${LAST_YEAR}-06-01T09:00:00+07:00`, donor: { name: 'Công ty Hòa Bình', kind: 'organization', publicName: 'Công ty Hòa Bình', taxCode: null, address: null, contact: null },
    }));
    expectStatus(earlier, 201);
    expectStatus(await post(`/v1/funds/${REVERSED}/donations`, donationBody({ amount: '7000000' })), 201);
    const reversal = await post(`/v1/funds/${REVERSED}/reversals`, { entryId: earlier.body.donationId, reason: 'Ghi nhầm quỹ' });
    expectStatus(reversal, 201);
    last = reversal.body.position;
  });

  it('has a management-cost base of zero, a cap of zero and nothing spent within it', async () => {
    const report = await financial(REVERSED, THIS_YEAR, `minPosition=${last}`);
    expect(report.summary).toMatchObject({
      managementCost: '0', managementCostBase: '0', managementCostCap: '0', withinCap: true, managementCostPercent: null, managementCostYearBase: '0',
    });
  });

  it('leaves the gift reversed by the position out of last year\'s donors report, though the reversal is dated this year', async () => {
    const donors = await get(`/v1/funds/${REVERSED}/reports/donors?from=${LAST_YEAR}-01-01&to=${LAST_YEAR}-12-31&minPosition=${last}`);
    expectStatus(donors, 200);
    expect(donors.body.rows).toEqual([]);
    const beforeReversal = await get(`/v1/funds/${REVERSED}/reports/donors?from=${LAST_YEAR}-01-01&to=${LAST_YEAR}-12-31&atPosition=${last - 1}`);
    expect(beforeReversal.body.rows).toEqual([expect.objectContaining({ donorName: 'Công ty Hòa Bình', total: '15000000' })]);
  });
});

describe('a campaign closed by hand', () => {
  const CLOSED = 'quy-xa-dong-som';
  let created: number;
  let closed: { position: number };

  beforeAll(async () => {
    await openFund(ledger, CLOSED);
    const campaign = await call(ledger, 'post', `/v1/funds/${CLOSED}/campaigns`, campaignBody({ campaignId: 'lu-som', receiveFrom: vnTimestamp(-5), receiveUntil: vnTimestamp(30) }));
    expectStatus(campaign, 201);
    const other = await call(ledger, 'post', `/v1/funds/${CLOSED}/campaigns`, campaignBody({ campaignId: 'lu-tiep', receiveFrom: vnTimestamp(-5), receiveUntil: vnTimestamp(30) }));
    expectStatus(other, 201);
    created = other.body.position;
    const response = await call(ledger, 'post', `/v1/funds/${CLOSED}/campaigns/lu-som/close`, {});
    expectStatus(response, 200);
    closed = response.body;
  });

  it('is listed in the campaigns report with when it was closed, beside its planned receiveUntil; the others with closedAt null', async () => {
    const report = await get(`/v1/funds/${CLOSED}/reports/campaigns?from=${THIS_YEAR}-01-01&minPosition=${closed.position}`);
    expectStatus(report, 200);
    const row = (id: string) => report.body.rows.find((each: { campaignId: string }) => each.campaignId === id);
    expect(row('lu-som')).toMatchObject({ receiveUntil: expect.any(String), closedAt: expect.any(String) });
    expect(Date.parse(row('lu-som').closedAt)).toBeLessThan(Date.parse(row('lu-som').receiveUntil));
    expect(row('lu-tiep')).toMatchObject({ closedAt: null });
    expect(report.body.columns.map((column: { key: string }) => column.key)).toContain('closedAt');
  });

  it('at a position before the close, the report is the one the log gave then: no campaign closed, no closedAt column', async () => {
    const report = await get(`/v1/funds/${CLOSED}/reports/campaigns?from=${THIS_YEAR}-01-01&atPosition=${created}&minPosition=${closed.position}`);
    expectStatus(report, 200);
    expect(report.body.columns.map((column: { key: string }) => column.key)).not.toContain('closedAt');
    expect(report.body.rows.every((row: Record<string, unknown>) => !('closedAt' in row))).toBe(true);
  });
});
