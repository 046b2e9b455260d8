import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { ConnectionLost, requestJson } from '../soak/support/http-client';

/**
 * Never a hang, even when a read model cannot advance. The event below is one no command can
 * produce (the settlement of a release that was never made), appended straight to the log as a
 * bug or a damaged file would leave it: the emergency register cannot apply it and, as designed,
 * retries from its checkpoint instead of skipping it, while the other registers go on. Every read
 * must then answer after one documented 5 s wait at most: 503 PROJECTION_LAGGING, or 200 when
 * it needs no stuck model. Found while the prototype-key defect (prototype-ids.test.ts) left a
 * register stuck: a report then waited 20 × 5 s before answering. The client gives up at 15 s:
 * three times the one wait, room for a machine whose two cores the rest of the suite keeps busy
 * (and for a collection of a worker's heap of some GB), and a seventh of the hang it guards against.
 */
const FUND = 'quy-ket';
const ANSWER_WITHIN_MS = 15_000;
let ledger: TestLedger;
let base: string;
let accountant: string;

jest.setTimeout(180_000);

beforeAll(async () => {
  ledger = await startTestLedger();
  await ledger.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  const donation = { amount: '1000000', channel: 'cash', receivedAt: '2026-05-12T09:30:00+07:00', donor: { name: 'An', kind: 'individual' } };
  expect((await requestJson(base, 'POST', '/v1/funds', { token: ADMIN_TOKEN, body: { fundId: FUND, name: 'Quỹ' } })).status).toBe(201);
  expect((await requestJson(base, 'POST', `/v1/funds/${FUND}/donations`, { token: accountant, body: donation })).status).toBe(201);
  await ledger.store.append(`ctd.spending.${FUND}`, [{
    eventId: randomUUID(),
    type: 'EmergencyReleaseSettled',
    data: { fundId: FUND, releaseId: 'ER-999999', spent: '0', returned: '1000', evidence: [], settledBy: 'nobody', settledAt: new Date().toISOString() },
    metadata: { actor: { userId: 'nobody', roles: [] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString(), schemaVersion: 1 },
  }], 'no_stream');
  // Later events: the registers that can apply them move past the one that cannot.
  expect((await requestJson(base, 'POST', `/v1/funds/${FUND}/donations`, { token: accountant, body: { ...donation, amount: '2000000' } })).status).toBe(201);
});

afterAll(async () => {
  // While a read hangs, closing waits for it: up to 20 × 5 s with the defect, a moment without.
  await ledger?.close();
});

async function timed(path: string, token?: string): Promise<string> {
  const started = Date.now();
  try {
    const answer = await requestJson(base, 'GET', path, { token, timeoutMs: ANSWER_WITHIN_MS });
    const code = (answer.body.error as { code?: string } | undefined)?.code;
    return answer.status < 300 ? String(answer.status) : `${answer.status} ${code}`;
  } catch (error) {
    if (error instanceof ConnectionLost) return `no answer within ${Date.now() - started} ms`;
    throw error;
  }
}

describe('a read model that cannot advance', () => {
  it.each([
    ['a report', `/v1/funds/${FUND}/reports/donors`, true],
    ['the donation register', `/v1/funds/${FUND}/donations`, true],
    ['the emergency releases register', `/v1/funds/${FUND}/emergency-releases`, true],
    ['the public donation search (no token)', `/v1/public/funds/${FUND}/donations`, false],
  ] as const)(`%s answers within ${ANSWER_WITHIN_MS / 1000} s: 200 or 503 PROJECTION_LAGGING, never a hang`, async (_name, path, authenticated) => {
    expect(['200', '503 PROJECTION_LAGGING']).toContain(await timed(path, authenticated ? accountant : undefined));
  });
});
