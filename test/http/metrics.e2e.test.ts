import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DonationRegisterProjection } from '../../projections/donation-register.projection';
import { MetricsController } from '../../src/http/controllers/metrics.controller';
import { LedgerMetrics } from '../../src/ops/metrics';
import { ProjectionsService } from '../../src/projection-runner/projections.service';
import { genericCsv } from '../import/support/statements';
import { ADMIN_TOKEN, releaseTestData, startTestLedger, type TestLedger } from '../support/ledger-app';

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
    // Both donations took the bulk lane (the refused one too); the balance read did not.
    expect(plain(text, 'ledger_bulk_requests_total')).toBe(2);
    expect(plain(text, 'ledger_bulk_requests_waiting')).toBe(0);
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

/** The value of an unlabelled sample, or undefined when the line is absent. */
function plain(text: string, name: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

const statement = (lines: number, prefix: string) => genericCsv(Array.from({ length: lines }, (_, index) => ({
  date: '20/09/2024', reference: `${prefix}${index}`, credit: '10.000', description: `ung ho dong bao bao lu ${prefix}${index}`,
})));

/**
 * The SQLite adapter reports its group commits and its lag in events is a count of events; on
 * EventStoreDB (the http-on-eventstoredb project) the log is remote and its positions are commit
 * positions, so those two tests are for SQLite only.
 */
const onSqlite = process.env.LEDGER_TEST_STORE === 'eventstoredb' ? it.skip : it;

describe('GET /metrics: the store, imports, verification and overdue releases', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ctd-ledger-metrics-'));
  let ledger: TestLedger;
  let accountant: string;
  const scrape = async (on: TestLedger = ledger) => (await on.http().get('/metrics').expect(200)).text;

  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir });
    accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId: FUND, name: 'Quỹ đo lường' }).expect(201);
    await ledger.http().post(`/v1/funds/${FUND}/campaigns`).set(as(ADMIN_TOKEN)).send({
      campaignId: 'bao-yagi', name: 'Bão Yagi', kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-09-30T23:59:59+07:00',
    }).expect(201);
  });

  afterAll(async () => {
    await ledger?.close();
    await releaseTestData(dataDir);
  });

  onSqlite('times appends and their group commit (fsync) and counts the appends of each commit', async () => {
    const before = await scrape();
    const donation = { amount: '500000', channel: 'cash', receivedAt: '2026-11-20T09:00:00+07:00', donor: { name: 'Trần Văn Bảo', kind: 'individual' } };
    // Sent together: the store writes appends queued in the same turn of the event loop in one commit.
    await Promise.all(Array.from({ length: 8 }, () => ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(donation).expect(201)));
    const after = await scrape();
    const grew = (name: string) => (plain(after, name) ?? 0) - (plain(before, name) ?? 0);
    expect(grew('ledger_store_append_duration_seconds_count')).toBeGreaterThanOrEqual(8);
    expect(grew('ledger_store_commit_batch_appends_sum')).toBeGreaterThanOrEqual(8);
    expect(grew('ledger_store_commit_fsync_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(grew('ledger_store_commit_fsync_duration_seconds_count')).toBe(grew('ledger_store_commit_batch_appends_count'));
    expect(grew('ledger_store_events_written_total')).toBeGreaterThanOrEqual(8);
    expect(plain(after, 'ledger_store_commits_failed_total')).toBe(0);
  });

  onSqlite('shows a projection\'s lag in events and seconds growing while an import runs, and back to 0 once it has caught up', async () => {
    // The donation register stops following, as a slow or stuck read model would: its lag is
    // then exactly what the import has appended so far, whenever the scrape lands.
    await ledger.app.get(ProjectionsService).tableRunner(DonationRegisterProjection).stop();
    const lagOf = (text: string) => sample(text, 'ledger_projection_lag_events', { projection: 'donation-register' }) ?? Number.NaN;
    const startLag = lagOf(await scrape());
    let importing = true;
    const imported = Promise.resolve(ledger.http().post(`/v1/funds/${FUND}/imports?campaignId=bao-yagi`).set(as(accountant))
      .set('content-type', 'text/csv; charset=utf-8').send(Buffer.from(statement(5_000, 'LAG'), 'utf8')))
      .finally(() => (importing = false));
    const during: number[] = [];
    while (importing) during.push(lagOf(await scrape()));
    const answer = await imported;
    expect(answer.status).toBe(200);
    expect(answer.body.imported).toBe(5_000);
    const after = await scrape();
    // Its lag is every event the import appended: the 5,000 donations and the statement's own StatementImported.
    expect(lagOf(after)).toBe(startLag + 5_000 + 1);
    expect(sample(after, 'ledger_projection_lag_seconds', { projection: 'donation-register' })).toBeGreaterThan(0);
    // Moving: scrapes between the import's batches of 1,000 saw part of it, never less than before.
    expect(during.some((lag) => lag > startLag && lag < startLag + 5_000)).toBe(true);
    expect(during).toEqual([...during].sort((a, b) => a - b));
    // The running projections caught up; the import's lines were counted.
    await ledger.http().get(`/v1/funds/${FUND}/balance?minPosition=${answer.body.position}`).set(as(accountant)).expect(200);
    expect(sample(await scrape(), 'ledger_projection_lag_events', { projection: 'balance' })).toBe(0);
    expect(plain(after, 'ledger_import_lines_total')).toBe(5_000);
    expect(plain(after, 'ledger_import_lines_per_second')).toBeGreaterThan(0);
    expect(plain(after, 'ledger_imports_in_progress')).toBe(0);

    // Restarted, the register catches up from its checkpoint.
    await ledger.close();
    ledger = await startTestLedger({ dataDir });
    await ledger.http().get(`/v1/funds/${FUND}/donations?limit=1&minPosition=${answer.body.position}`).set(as(accountant)).expect(200);
    const caughtUp = await scrape();
    expect(lagOf(caughtUp)).toBe(0);
    expect(sample(caughtUp, 'ledger_projection_lag_seconds', { projection: 'donation-register' })).toBe(0);
  });

  it('counts verifications of the log by outcome; says nothing of the last one before there was one', async () => {
    const before = await scrape();
    expect(sample(before, 'ledger_verify_runs_total', { outcome: 'failed' })).toBe(0);
    // A 0 would read as "found a problem" and fire the alert after every restart.
    expect(plain(before, 'ledger_verify_last_ok')).toBeUndefined();
    expect(plain(before, 'ledger_verify_last_run_timestamp_seconds')).toBeUndefined();
    const verified = await ledger.http().get('/v1/audit/verify').set(as(ADMIN_TOKEN)).expect(200);
    expect(verified.body.ok).toBe(true);
    const text = await scrape();
    expect(sample(text, 'ledger_verify_runs_total', { outcome: 'ok' })).toBe(1);
    expect(plain(text, 'ledger_verify_last_ok')).toBe(1);
    expect(plain(text, 'ledger_verify_last_run_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 3600);
  });

  it('counts open emergency releases past their settle-by date, per fund', async () => {
    const coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
    const gift = { amount: '9000000', component: 'emergency-relief', channel: 'cash', receivedAt: '2026-11-20T09:00:00+07:00', donor: { name: 'Lê Thị Cúc', kind: 'individual' } };
    await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift).expect(201);
    const released = await ledger.http().post(`/v1/funds/${FUND}/emergency-releases`).set(as(coordinator))
      .send({ amount: '1000000', component: 'emergency-relief', incident: 'Sạt lở', recipient: 'Hội CTĐ huyện' }).expect(201);
    await ledger.http().get(`/v1/funds/${FUND}/emergency-releases?minPosition=${released.body.position}`).set(as(coordinator)).expect(200);
    expect(sample(await scrape(), 'ledger_emergency_releases_overdue', { fund: FUND })).toBeUndefined();
    // A scrape a day after the settle-by date, through the same source the route reads.
    const metrics = ledger.app.get(MetricsController);
    const later = await ledger.app.get(LedgerMetrics).exposition(metrics.source, Date.parse(released.body.settleBy as string) + 86_400_000);
    expect(sample(later, 'ledger_emergency_releases_overdue', { fund: FUND })).toBe(1);
  });
});
