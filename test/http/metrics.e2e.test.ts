import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

const FUND = 'quy-do-luong';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The value of one sample of the exposition, or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const labelText = line.slice(name.length + 1, line.indexOf('}'));
    if (wanted.every((pair) => labelText.split(',').includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics (Prometheus)', () => {
  let ledger: TestLedger;
  let accountant: string;

  beforeAll(async () => {
    ledger = await startTestLedger();
    accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId: FUND, name: 'Quỹ đo lường' }).expect(201);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('counts commands by route and outcome, times requests per route, and shows each projection caught up', async () => {
    const donation = { amount: '1000000', channel: 'cash', receivedAt: '2026-11-20T09:00:00+07:00', donor: { name: 'Nguyễn Văn An', kind: 'individual' } };
    const recorded = await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(donation).expect(201);
    await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send({ ...donation, component: 'khong-co' }).expect(422);
    await ledger.http().get(`/v1/funds/${FUND}/balance?minPosition=${recorded.body.position}`).set(as(accountant)).expect(200);

    const scraped = await ledger.http().get('/metrics').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    const text = scraped.text;
    const route = '/v1/funds/:fundId/donations';
    expect(sample(text, 'ledger_commands_total', { route, outcome: 'ok' })).toBe(1);
    expect(sample(text, 'ledger_commands_total', { route, outcome: 'UNKNOWN_COMPONENT' })).toBe(1);
    expect(sample(text, 'ledger_http_request_duration_seconds_count', { method: 'POST', route, status: '201' })).toBe(1);
    expect(sample(text, 'ledger_projection_lag_events', { projection: 'balance' })).toBe(0);
    expect(sample(text, 'ledger_projection_lag_seconds', { projection: 'balance' })).toBe(0);
    expect(text).toMatch(/^ledger_log_head_position \d+$/m);
    expect(text).toMatch(/^ledger_process_cpu_user_seconds_total /m);
  });
});

describe('GET /metrics with LEDGER_METRICS_TOKEN', () => {
  let ledger: TestLedger;
  const metricsToken = 'metrics-token-0123456789abcdef';

  beforeAll(async () => {
    ledger = await startTestLedger({ metricsToken });
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('answers only the metrics token, not a user token', async () => {
    expect((await ledger.http().get('/metrics')).status).toBe(401);
    expect((await ledger.http().get('/metrics').set(as(ADMIN_TOKEN))).status).toBe(401);
    const scraped = await ledger.http().get('/metrics').set(as(metricsToken)).expect(200);
    expect(scraped.text).toMatch(/^# TYPE ledger_commands_total counter$/m);
  });
});
