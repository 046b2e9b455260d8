import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, disbursementBody, donationBody, expectStatus, openFund, tallyAnswers } from './support/http-helpers';
import { startOnSameData } from './support/same-data';

/**
 * Two servers on one SQLite file (README: a second server, or `ledger import`, beside the first).
 * Through one process the write path serialises what a decision reads and what it appends; across
 * processes the store does: an entry decided on a fund's closed periods fails to append, and is
 * decided again, once the other process has closed the period (the fund stream is held), and one
 * Idempotency-Key with two bodies is answered as its first write is (event ids derive from the key).
 */
let ledger: TestLedger;
let second: TestLedger;
let accountant: { userId: string; token: string };

beforeAll(async () => {
  ledger = await startTestLedger();
  // A second application on the same data folder, as test/http/race.e2e.test.ts does.
  second = await startOnSameData(ledger.dataDir, { owner: false });
  accountant = await ledger.user('Kế toán', ['accountant']);
});

afterAll(async () => {
  await second?.close();
  await ledger?.close();
});


/** The last quarter that has ended, in Vietnam time, and a business date inside it. */
function endedQuarter(): { period: string; inside: string } {
  const now = new Date(Date.now() + 7 * 3_600_000);
  let year = now.getUTCFullYear();
  let quarter = Math.floor(now.getUTCMonth() / 3); // the current quarter, 0-based: the previous is `quarter`
  if (quarter === 0) {
    year -= 1;
    quarter = 4;
  }
  const lastMonth = quarter * 3; // 1-based month of the quarter's end
  const day = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { period: `${year}-Q${quarter}`, inside: `${year}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+07:00` };
}

describe('a period close racing entries dated in it (api-v2.md "Policy, legal basis, periods")', () => {
  // api-v2.md: "An entry whose business date falls in a closed period is 422 PERIOD_CLOSED". So in
  // the log no donation or disbursement request dated in the period comes after its PeriodClosed:
  // each entry either landed before the close, or was refused.
  it('two processes: no donation or request dated in the quarter is appended after the quarter\'s PeriodClosed', async () => {
    const processes = 2;
    const { period, inside } = endedQuarter();
    const from = Date.parse(inside) - 80 * 86_400_000;
    const late: { fund: string; type: string; position: number; date: string; closedAt: number }[] = [];
    const answers: Response[] = [];
    for (let round = 0; round < 6; round++) {
      const fund = `quy-khoa-so-${processes}-${round}`;
      await openFund(ledger, fund);
      expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '900000000', receivedAt: inside }), { token: accountant.token }), 201);
      const apps = [ledger, second];
      const calls: Promise<Response>[] = [];
      for (let i = 0; i < 40; i++) {
        const app = apps[i % 2];
        calls.push(i % 2 === 0
          ? call(app, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '1000000', receivedAt: inside }), { token: accountant.token })
          : call(app, 'post', `/v1/funds/${fund}/disbursements`, disbursementBody({ amount: '1000000', requestedAt: inside, purpose: `Yêu cầu ${i}` }), { token: accountant.token }));
        if (i === 12) calls.push(call(apps[round % 2], 'post', `/v1/funds/${fund}/periods/${period}/close`, { decisionRef: `QĐ-${round}` }));
      }
      const responses = await Promise.all(calls);
      answers.push(...responses);
      let closedAt = Infinity;
      const dated: { type: string; position: number; date: string }[] = [];
      for await (const event of ledger.store.readAll({ afterPosition: 0 })) {
        const data = event.data as Record<string, unknown>;
        if (!event.streamId.endsWith(`.${fund}`) && !event.streamId.includes(`.${fund}.`)) continue;
        if (event.type === 'PeriodClosed') closedAt = event.position;
        const date = (data.receivedAt ?? data.requestedAt) as string | undefined;
        if ((event.type === 'DonationRecorded' || event.type === 'DisbursementRequested') && date !== undefined) {
          const at = Date.parse(date);
          if (at >= from && at <= Date.parse(inside) + 86_400_000) dated.push({ type: event.type, position: event.position, date });
        }
      }
      expect(closedAt).toBeLessThan(Infinity);
      for (const entry of dated) if (entry.position > closedAt) late.push({ fund, ...entry, closedAt });
    }
    // Never a 500; a refusal is 422 PERIOD_CLOSED (or 409 CONCURRENCY_CONFLICT after retries).
    for (const key of Object.keys(tallyAnswers(answers))) expect(['200', '201', '422 PERIOD_CLOSED', '409 CONCURRENCY_CONFLICT']).toContain(key);
    expect(late).toEqual([]);
  });
});

describe('one Idempotency-Key with two different bodies, sent at once through two processes (api.md Conventions)', () => {
  it('one is accepted, the other is 409 IDEMPOTENCY_KEY_REUSED, never 500, and only one event is appended per key', async () => {
    const fund = 'quy-khoa-trung';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '500000000' }), { token: accountant.token }), 201);
    const responses: Response[] = [];
    const perKey: Record<string, number> = {};
    for (let round = 0; round < 4; round++) {
      const pairs = await Promise.all(Array.from({ length: 10 }, (_, i) => {
        const key = `khoa-${round}-${i}`;
        // Same user, same key: a donation through one process, a disbursement request through the other.
        return Promise.all([
          call(ledger, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '2000000' }), { token: accountant.token, idempotencyKey: key }),
          call(second, 'post', `/v1/funds/${fund}/disbursements`, disbursementBody({ amount: '1000000' }), { token: accountant.token, idempotencyKey: key }),
        ]);
      }));
      for (const pair of pairs) {
        responses.push(...pair);
        perKey[`${round}`] = (perKey[`${round}`] ?? 0) + pair.filter((r) => r.status < 300).length;
      }
    }
    const counts = tallyAnswers(responses);
    for (const key of Object.keys(counts)) expect(['201', '409 IDEMPOTENCY_KEY_REUSED']).toContain(key);
    // Exactly one of each pair is accepted: 10 per round.
    expect(perKey).toEqual({ 0: 10, 1: 10, 2: 10, 3: 10 });
  });
});

