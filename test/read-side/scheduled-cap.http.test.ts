/**
 * A policy change the board scheduled for later in the current year (R6): the decider checks a
 * cost against today's cap; the year's working and the financial report of the year say the same
 * cap at the same position, and say it again whenever that position is read later, however the
 * calendar has moved past the change's effective date since.
 */
import type { Response } from 'supertest';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund } from '../http/support/http-helpers';
import { storyTakesPlaceOn } from '../support/story-date';

storyTakesPlaceOn('2026-12-08T10:00:00+07:00');
const FUND = 'quy-chinh-sach';
let ledger: TestLedger;
let accountant = '';
let head = 0;
const vietnam = (day: string) => `${day}T09:00:00+07:00`;

async function recorded(request: PromiseLike<Response>, status = 201): Promise<Record<string, unknown>> {
  const answer = await request;
  expectStatus(answer, status);
  head = Math.max(head, Number(answer.body.position ?? 0));
  return answer.body as Record<string, unknown>;
}

async function read(path: string): Promise<Record<string, any>> {
  const answer = await call(ledger, 'get', `${path}&minPosition=${head}`, undefined, { token: accountant });
  expectStatus(answer, 200);
  return answer.body as Record<string, any>;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  await openFund(ledger, FUND);
  await recorded(call(ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000', receivedAt: vietnam('2026-03-10') }), { token: accountant }));
  // The board lowers the cap from 20 December; today, 8 December, the cap is still 10 %.
  await recorded(call(ledger, 'put', `/v1/funds/${FUND}/policy`, {
    policy: { managementCostCapPercent: '6', managementCostWarnPercent: '3' }, effectiveFrom: '2026-12-20', decisionRef: 'QĐ-12/2026',
  }, { token: ADMIN_TOKEN }), 200);
  // 8,000,000 of management cost today: within today's cap of 10,000,000, the decider takes it.
  await recorded(call(ledger, 'post', `/v1/funds/${FUND}/disbursements`, {
    amount: '8000000', kind: 'management_cost', component: 'general', purpose: 'Lương văn phòng', beneficiary: 'Văn phòng Hội', requestedAt: vietnam('2026-12-08'),
  }, { token: accountant }));
}, 60_000);
afterAll(async () => ledger?.close());

it('the year\'s working and its financial report say the cap the decider checked the cost against', async () => {
  const working = await read(`/v1/funds/${FUND}/management-cost?year=2026`);
  const report = await read(`/v1/funds/${FUND}/reports/financial?from=2026-01-01&to=2026-12-31`);
  expect(report.position).toBe(working.position);
  expect({ capPercent: working.capPercent, warnPercent: working.warnPercent, limit: working.limit, overCap: working.overCap })
    .toEqual({ capPercent: '10', warnPercent: '5', limit: '10000000', overCap: false });
  expect({
    capPercent: report.summary.managementCostYearCapPercent, warnPercent: report.summary.managementCostWarnPercent,
    limit: report.summary.managementCostLimit, withinCap: report.summary.withinCap, periodCap: report.summary.managementCostCapPercent,
  }).toEqual({ capPercent: '10', warnPercent: '5', limit: '10000000', withinCap: true, periodCap: '10' });
});

it('the working and the report at a position say the same once the calendar passed the change, and today\'s working says the new cap', async () => {
  const position = head;
  const working = await read(`/v1/funds/${FUND}/management-cost?year=2026&atPosition=${position}`);
  const report = await read(`/v1/funds/${FUND}/reports/financial?from=2026-01-01&to=2026-12-31&atPosition=${position}`);
  // Nothing is recorded; only the calendar moves past the scheduled version's effective date.
  jest.setSystemTime(Date.parse('2026-12-21T10:00:00+07:00'));
  expect(await read(`/v1/funds/${FUND}/management-cost?year=2026&atPosition=${position}`)).toEqual(working);
  expect((await read(`/v1/funds/${FUND}/reports/financial?from=2026-01-01&to=2026-12-31&atPosition=${position}`)).sha256).toBe(report.sha256);
  // Read live, the working says what the decider checks a request against today: the new cap, the year over it.
  const today = await read(`/v1/funds/${FUND}/management-cost?year=2026`);
  expect({ capPercent: today.capPercent, limit: today.limit, overCap: today.overCap }).toEqual({ capPercent: '6', limit: '6000000', overCap: true });
});
