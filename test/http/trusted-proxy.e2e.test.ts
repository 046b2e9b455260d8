import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Behind a reverse proxy every visitor arrives from the proxy's address. With LEDGER_TRUST_PROXY
 * naming that proxy, the public rate limit counts the client the proxy names in X-Forwarded-For,
 * so one busy visitor does not lock every other visitor out; without it the header is ignored
 * (test/security/security-basics.test.ts holds that side).
 */
describe('public rate limits behind a trusted reverse proxy', () => {
  const LIMIT = 3;
  let ledger: TestLedger;

  beforeAll(async () => {
    process.env.LEDGER_PUBLIC_RATE_LIMIT = String(LIMIT);
    try {
      ledger = await startTestLedger({ trustProxy: '127.0.0.1,::1,::ffff:127.0.0.1' });
    } finally {
      delete process.env.LEDGER_PUBLIC_RATE_LIMIT;
    }
  });

  afterAll(async () => {
    await ledger?.close();
  });

  const visit = (client: string) => ledger.http().get('/health').set('X-Forwarded-For', client);

  it('counts each client the proxy names in its own bucket', async () => {
    for (let call = 1; call <= LIMIT; call++) expect({ call, status: (await visit('203.0.113.10')).status }).toEqual({ call, status: 200 });
    const limited = await visit('203.0.113.10');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await visit('203.0.113.11')).status).toBe(200);
  });
});
