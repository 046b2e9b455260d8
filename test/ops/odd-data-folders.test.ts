import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, ConfigError } from '../../src/config/ledger-config';
import { refuseUnservableLog } from '../../src/ops/log-integrity';
import { cliVerify } from '../audit/ledger-fixture';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Data folders in an odd state (README "Operating the ledger"): the ledger starts on them without
 * serving a figure its log does not hold.
 */
const FUND = 'quy-van-hanh';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const gift = (amount: string, n: number) => ({
  amount, channel: 'cash', receivedAt: '2026-11-20T09:00:00+07:00', donor: { name: `Nhà hảo tâm ${n}`, kind: 'individual' }, component: 'general',
});

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function copyLogFiles(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    const source = join(from, `ledger.db${suffix}`);
    const target = join(to, `ledger.db${suffix}`);
    if (existsSync(source)) copyFileSync(source, target);
    else rmSync(target, { force: true });
  }
}

describe('a data folder whose read models stand ahead of its log', () => {
  let ledger: TestLedger | undefined;
  afterEach(async () => {
    await ledger?.close();
    ledger = undefined;
  });

  /**
   * The log lost its last commit (ledger.db put back from an earlier copy, a torn last write) while
   * read-models.db had applied it. Served, the read models would keep the lost gift and skip the
   * next one, written at the same position, as applied; rebuilt, the loss would go unnoticed. The
   * server refuses to start, naming the file and both ways on; verify names the gap.
   */
  it('is refused at the server\'s start, verify names the gap, and with the read models removed the log is served as it is', async () => {
    const root = mkdtempSync(join(tmpdir(), 'read-models-ahead-'));
    roots.push(root);
    const dataDir = join(root, 'data');
    const saved = join(root, 'saved');
    mkdirSync(saved);

    ledger = await startTestLedger({ dataDir });
    const accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId: FUND, name: 'Quỹ vận hành' }).expect(201);
    await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('1000000', 1)).expect(201);
    await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('2000000', 2)).expect(201);
    await ledger.close();
    ledger = undefined;
    copyLogFiles(dataDir, saved);

    // A third gift, applied by every read model, then the log loses it.
    ledger = await startTestLedger({ dataDir });
    const third = await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('4000000', 3)).expect(201);
    await ledger.http().get(`/v1/funds/${FUND}/balance?minPosition=${third.body.position}`).set(as(accountant)).expect(200);
    await ledger.http().get(`/v1/funds/${FUND}/donations?minPosition=${third.body.position}`).set(as(accountant)).expect(200);
    await ledger.close();
    ledger = undefined;
    copyLogFiles(saved, dataDir);

    const config = configFromEnv({ LEDGER_DATA_DIR: dataDir });
    expect(() => refuseUnservableLog(config)).toThrow(ConfigError);
    expect(() => refuseUnservableLog(config))
      .toThrow(new RegExp(`read-models\\.db in .* stands at position ${third.body.position as number} \\(.*balance.*\\) but the log ends at ${third.body.position - 1}: .*ledger restore.*remove read-models\\.db`));
    const verified = await cliVerify(dataDir);
    expect(verified).toMatchObject({ code: 1, result: { ok: false, reason: 'position_gap', firstBadPosition: third.body.position } });

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `read-models.db${suffix}`), { force: true });
    expect(() => refuseUnservableLog(config)).not.toThrow();
    ledger = await startTestLedger({ dataDir });
    const fourth = await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('8000000', 4)).expect(201);
    expect(fourth.body.position).toBe(third.body.position);
    const balance = await ledger.http().get(`/v1/funds/${FUND}/balance?minPosition=${fourth.body.position}`).set(as(accountant));
    const donations = await ledger.http().get(`/v1/funds/${FUND}/donations?minPosition=${fourth.body.position}`).set(as(accountant));
    const amounts = (donations.body.items as { amountVnd: string }[]).map((item) => item.amountVnd).sort();
    expect({ asOfPosition: balance.body.asOfPosition, received: balance.body.received, donationsListed: amounts })
      .toEqual({ asOfPosition: fourth.body.position, received: '11000000', donationsListed: ['1000000', '2000000', '8000000'] });
  }, 60_000);
});


describe('a log whose last pages are torn (ledger.db cut short by 2 KiB)', () => {
  const root = mkdtempSync(join(tmpdir(), 'torn-log-'));
  roots.push(root);
  const dataDir = join(root, 'data');
  const intact = join(root, 'intact');

  beforeAll(async () => {
    const ledger = await startTestLedger({ dataDir });
    const accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId: FUND, name: 'Quỹ vận hành' }).expect(201);
    for (let i = 0; i < 40; i++) await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('1000000', i)).expect(201);
    await ledger.close();
    mkdirSync(intact);
    copyLogFiles(dataDir, intact);
    const file = join(dataDir, 'ledger.db');
    truncateSync(file, statSync(file).size - 2048);
  }, 60_000);

  it('is refused at the server\'s start, naming ledger.db and what to do; the same log whole starts', () => {
    const config = (dir: string) => configFromEnv({ LEDGER_DATA_DIR: dir });
    expect(() => refuseUnservableLog(config(intact))).not.toThrow();
    expect(() => refuseUnservableLog(config(dataDir))).toThrow(ConfigError);
    expect(() => refuseUnservableLog(config(dataDir))).toThrow(/ledger\.db in .* is damaged \(SQLite's quick_check: .+\): .*ledger restore/);
  });

  it('`ledger verify` names the first position after the last one it could read, never position 0', async () => {
    const { code, result } = await cliVerify(dataDir);
    expect(code).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.firstBadPosition).toBe(Number(result.lastPosition) + 1);
    // The torn page gives back a row that reads as position 0: the event after the last whole one is the bad one.
    expect(result).toMatchObject({ reason: 'position_order', message: expect.stringMatching(/^position 0 follows position \d+$/) });
  }, 60_000);
});
