import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, disbursementBody, donationBody, expectStatus, openFund } from '../http/support/http-helpers';
import { startOnSameData } from '../http/support/same-data';

/**
 * One Idempotency-Key with two different bodies, sent at once through two servers on one SQLite
 * file (api.md Conventions: the same key with a different body is 409 IDEMPOTENCY_KEY_REUSED). The
 * events' ids derive from the key and event_id is unique in the log: the second write meets the
 * first in another stream and is answered as that first write is, never with a 500.
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

function tally(responses: Response[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${r.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

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
    const counts = tally(responses);
    for (const key of Object.keys(counts)) expect(['201', '409 IDEMPOTENCY_KEY_REUSED']).toContain(key);
    // Exactly one of each pair is accepted: 10 per round.
    expect(perKey).toEqual({ 0: 10, 1: 10, 2: 10, 3: 10 });
  });
});

