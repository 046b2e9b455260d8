import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { type Answer, ConnectionLost, requestJson } from '../soak/support/http-client';

/**
 * Ids chosen by people (fund, component, campaign) are lowercase slugs, and `constructor` is one:
 * it matches the documented pattern. Found by the hostile-input fuzz (fast-check draws such names
 * on purpose): state kept in plain objects looks such an id up on Object.prototype, so a campaign
 * that does not exist is found, closed, and an event appended for it. Such an id must be an
 * ordinary id: unknown until created, then like any other, and the read models and the process's
 * own Object stay untouched. (A separate file: the defect writes onto the global Object.)
 */
const NAME = 'constructor';
let ledger: TestLedger;
let base: string;
let accountant: string;
const now = () => `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
const donation = (extra: Record<string, unknown> = {}) => ({ amount: '1000000', channel: 'cash', receivedAt: now(), donor: { name: 'An', kind: 'individual' }, ...extra });
const outcome = (answer: Answer) => (answer.status < 300 ? answer.status : `${answer.status} ${(answer.body.error as { code?: string } | undefined)?.code}`);
const pollutedKeys = () => Object.getOwnPropertyNames(Object).filter((key) => ['closedAt', 'received', 'held', 'disbursed', 'available', 'outstandingEmergency'].includes(key));

beforeAll(async () => {
  ledger = await startTestLedger();
  await ledger.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  expect((await requestJson(base, 'POST', '/v1/funds', { token: ADMIN_TOKEN, body: { fundId: 'quy-nguyen-mau', name: 'Quỹ', components: ['general', NAME] } })).status).toBe(201);
});

afterAll(async () => {
  await ledger?.close();
});

describe(`"${NAME}" as an id is an ordinary id`, () => {
  it('a campaign that was never created is not found: closing it, giving to it, or spending for it is 404, and nothing is appended', async () => {
    const fund = '/v1/funds/quy-nguyen-mau';
    const before = await ledger.store.headPosition();
    const answers = {
      close: outcome(await requestJson(base, 'POST', `${fund}/campaigns/${NAME}/close`, { token: ADMIN_TOKEN })),
      donation: outcome(await requestJson(base, 'POST', `${fund}/donations`, { token: accountant, body: donation({ campaignId: NAME }) })),
      disbursement: outcome(await requestJson(base, 'POST', `${fund}/disbursements`, {
        token: accountant, body: { amount: '1', kind: 'relief', component: 'general', campaignId: NAME, purpose: 'x', beneficiary: 'y' },
      })),
    };
    expect(answers).toEqual({ close: '404 NOT_FOUND', donation: '404 NOT_FOUND', disbursement: '404 NOT_FOUND' });
    expect(await ledger.store.headPosition()).toBe(before);
  });

  it('it can be created, and is then a campaign like any other', async () => {
    const created = await requestJson(base, 'POST', '/v1/funds/quy-nguyen-mau/campaigns', {
      token: ADMIN_TOKEN, body: { campaignId: NAME, name: 'Tên lạ', kind: 'other', receiveFrom: '2026-01-01T00:00:00+07:00', receiveUntil: '2027-12-31T00:00:00+07:00' },
    });
    expect(outcome(created)).toBe(201);
  });

  it(`a component and a fund named "${NAME}" hold money like any other, and every read model keeps up`, async () => {
    const intoComponent = await requestJson(base, 'POST', '/v1/funds/quy-nguyen-mau/donations', { token: accountant, body: donation({ component: NAME }) });
    expect(outcome(intoComponent)).toBe(201);
    const opened = await requestJson(base, 'POST', '/v1/funds', { token: ADMIN_TOKEN, body: { fundId: NAME, name: 'Quỹ tên lạ' } });
    expect(outcome(opened)).toBe(201);
    const given = await requestJson(base, 'POST', `/v1/funds/${NAME}/donations`, { token: accountant, body: donation({ amount: '2500000' }) });
    expect(outcome(given)).toBe(201);
    const position = Number(given.body.position);
    const component = await requestJson(base, 'GET', `/v1/funds/quy-nguyen-mau/balance?minPosition=${position}`, { token: accountant, timeoutMs: 15_000 });
    expect({ status: component.status, received: (component.body.byComponent as Record<string, { received?: string }> | undefined)?.[NAME]?.received }).toEqual({ status: 200, received: '1000000' });
    const fund = await requestJson(base, 'GET', `/v1/funds/${NAME}/balance?minPosition=${position}`, { token: accountant, timeoutMs: 15_000 });
    expect({ status: fund.status, received: fund.body.received }).toEqual({ status: 200, received: '2500000' });
  });

  it('no projection reports an error (GET /health)', async () => {
    const health = await requestJson(base, 'GET', '/health');
    const errors = Object.entries((health.body.info ?? health.body.error ?? {}) as Record<string, { lastError?: unknown }>).filter(([, value]) => value.lastError !== undefined);
    expect(errors).toEqual([]);
  });

  it('verify passes', async () => {
    const verified = await requestJson(base, 'GET', '/v1/audit/verify', { token: ADMIN_TOKEN, timeoutMs: 30_000 });
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('a report answers within 15 s (never a hang, whatever state the read models are in)', async () => {
    let report: Answer | string;
    try {
      report = await requestJson(base, 'GET', '/v1/funds/quy-nguyen-mau/reports/financial', { token: accountant, timeoutMs: 15_000 });
    } catch (error) {
      report = error instanceof ConnectionLost ? `no answer within 15 s: ${error.message}` : String(error);
    }
    expect(typeof report === 'string' ? report : report.status).toBe(200);
  }, 30_000);

  it('the server process\'s own Object is not written to', () => {
    expect(pollutedKeys()).toEqual([]);
  });
});
