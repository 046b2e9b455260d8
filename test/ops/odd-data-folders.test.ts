import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
   * read-models.db had applied it. Each read model past the log's head is rebuilt from the log at
   * start: kept, it would skip the log's next events as already applied and keep the lost one.
   */
  it('is rebuilt from the log at start: the balance and the register hold what the log holds, and the next gift', async () => {
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

    ledger = await startTestLedger({ dataDir });
    const fourth = await ledger.http().post(`/v1/funds/${FUND}/donations`).set(as(accountant)).send(gift('8000000', 4)).expect(201);
    // The lost gift's position is the new one's: a read model that kept its checkpoint would take it as applied.
    expect(fourth.body.position).toBe(third.body.position);
    const balance = await ledger.http().get(`/v1/funds/${FUND}/balance?minPosition=${fourth.body.position}`).set(as(accountant));
    const donations = await ledger.http().get(`/v1/funds/${FUND}/donations?minPosition=${fourth.body.position}`).set(as(accountant));
    const amounts = (donations.body.items as { amountVnd: string }[]).map((item) => item.amountVnd).sort();
    expect({ asOfPosition: balance.body.asOfPosition, received: balance.body.received, donationsListed: amounts })
      .toEqual({ asOfPosition: fourth.body.position, received: '11000000', donationsListed: ['1000000', '2000000', '8000000'] });
    const verify = await ledger.http().get('/v1/audit/verify').set(as(ADMIN_TOKEN));
    expect(verify.body).toMatchObject({ ok: true });
  }, 60_000);
});
