import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealedTokenHash } from '../../src/access/tokens';
import { readLedgerSecret } from '../../src/shared/ledger-secret';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { requestJson } from '../soak/support/http-client';
import { buildLedgerOnce, LedgerProcess } from '../soak/support/ledger-process';
import { report, sizeFromEnv } from '../soak/support/size';

/**
 * Security basics through real HTTP: helmet's headers on every kind of answer; rate limits where
 * abuse comes from outside (public routes, failed authentication), per client address and
 * answered 429 RATE_LIMITED, while authenticated staff are never throttled; tokens stored only
 * as hashes (not one plaintext token in the SQLite files) and never logged, nor donors' contact
 * data; CORS closed to foreign origins.
 */
const FUND = 'quy-an-toan';
/** Staff writes sent in one burst: SECURITY_WRITES (2,000 in npm test, 20,000 with SOAK=1). */
const STAFF_WRITES = sizeFromEnv('SECURITY_WRITES', 2000, 20_000);
const now = () => `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
const donation = (overrides: Record<string, unknown> = {}) => ({
  amount: '1000000', channel: 'bank_transfer', receivedAt: now(), donor: { name: 'Nguyễn Văn An', kind: 'individual' }, ...overrides,
});

/** The headers helmet sets, as this app configures it; each must be on every answer. */
const SECURITY_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /default-src 'self'/,
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^(SAMEORIGIN|DENY)$/,
  'referrer-policy': /no-referrer/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
  'x-dns-prefetch-control': /^off$/,
  'x-permitted-cross-domain-policies': /^none$/,
};

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * One HTTP request from a chosen local address. Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so 127.0.0.1 and 127.0.0.2 are two clients of one server, no IPv6 needed.
 */
function from(localAddress: string) {
  return (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, localAddress, path, method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: 20_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: Record<string, unknown> = {};
            try {
              body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
            } catch {
              body = { text };
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 20 s`)));
      req.on('error', reject);
      req.end(options.body);
    });
}

let port = 0;
const json = (token: string | undefined, body?: unknown): { headers: Record<string, string>; body?: string } => ({
  headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

const errorCode = (answer: { body: Record<string, unknown> }) => (answer.body.error as { code?: string } | undefined)?.code;

describe('security basics over real HTTP, from two client addresses (127.0.0.1 and 127.0.0.2)', () => {
  let ledger: TestLedger;
  const one = from('127.0.0.1');
  const two = from('127.0.0.2');
  let accountant: string;
  let fundOpened = 0;
  const PUBLIC_LIMIT = 20;
  const FAILURE_LIMIT = 5;

  beforeAll(async () => {
    // Read when the guard is constructed: set for this application only.
    process.env.LEDGER_PUBLIC_RATE_LIMIT = String(PUBLIC_LIMIT);
    process.env.LEDGER_AUTH_FAILURE_LIMIT = String(FAILURE_LIMIT);
    try {
      ledger = await startTestLedger();
    } finally {
      delete process.env.LEDGER_PUBLIC_RATE_LIMIT;
      delete process.env.LEDGER_AUTH_FAILURE_LIMIT;
    }
    await ledger.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ledger.app.getHttpServer().address() as AddressInfo).port;
    accountant = (await ledger.user('Kế toán', ['accountant'])).token;
    const opened = await one('/v1/funds', { method: 'POST', ...json(ADMIN_TOKEN, { fundId: FUND, name: 'Quỹ an toàn' }) });
    expect(opened.status).toBe(201);
    fundOpened = Number(opened.body.position);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('helmet headers are on every kind of answer: 200, 201, 400, 401, 403, 404, 415 and the docs', async () => {
    const donations = `/v1/funds/${FUND}/donations`;
    const answers: [string, RawAnswer][] = [
      ['GET /health (200)', await two('/health')],
      ['POST donation (201)', await two(donations, { method: 'POST', ...json(accountant, donation()) })],
      ['POST donation, bad body (400)', await two(donations, { method: 'POST', ...json(accountant, { amount: '1e6' }) })],
      ['GET fund without a token (401)', await one(`/v1/funds/${FUND}`)],
      ['POST fund as accountant (403)', await two('/v1/funds', { method: 'POST', ...json(accountant, {}) })],
      ['GET an unknown route (404)', await two('/v1/nothing-here', json(accountant))],
      ['POST text/plain (415)', await two(donations, { method: 'POST', headers: { authorization: `Bearer ${accountant}`, 'content-type': 'text/plain' }, body: 'x' })],
      ['GET /docs-json (200)', await two('/docs-json')],
    ];
    const missing: string[] = [];
    for (const [label, answer] of answers) {
      for (const [header, pattern] of Object.entries(SECURITY_HEADERS)) {
        const value = answer.headers[header];
        if (typeof value !== 'string' || !pattern.test(value)) missing.push(`${label} [${answer.status}]: ${header} = ${String(value)}`);
      }
      if (answer.headers['x-powered-by'] !== undefined) missing.push(`${label}: x-powered-by is sent`);
    }
    expect(missing).toEqual([]);
  });

  it(`public routes are limited per client address: call number ${PUBLIC_LIMIT + 1} in a minute is 429 RATE_LIMITED; another address is not affected; X-Forwarded-For changes nothing`, async () => {
    const path = `/v1/public/funds/${FUND}?minPosition=${fundOpened}`;
    for (let i = 1; i <= PUBLIC_LIMIT; i++) expect({ call: i, status: (await one(path)).status }).toEqual({ call: i, status: 200 });
    const limited = await one(path);
    expect({ status: limited.status, code: errorCode(limited) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(String((limited.body.error as { message: string }).message).length).toBeGreaterThan(10);
    // RFC 9110 Retry-After and the RateLimit fields tell a client when to come back.
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect({ limit: limited.headers['ratelimit-limit'], remaining: limited.headers['ratelimit-remaining'], reset: limited.headers['ratelimit-reset'] })
      .toEqual({ limit: String(PUBLIC_LIMIT), remaining: '0', reset: String(retryAfter) });
    const spoofed = await one(path, { headers: { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' } });
    expect(spoofed.status).toBe(429);
    expect((await one('/health')).status).toBe(429);
    expect((await two(path)).status).toBe(200);
    // Staff reading through the authenticated routes are not counted against their address.
    expect((await one(`/v1/funds/${FUND}/balance`, json(accountant))).status).toBe(200);
  });

  it(`failed authentication is limited per address: failure number ${FAILURE_LIMIT + 1} is 429 RATE_LIMITED, yet a valid token from that address still works`, async () => {
    const path = `/v1/funds/${FUND}`;
    const wrong = 'ctd_not-a-token-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (let i = 1; i <= FAILURE_LIMIT; i++) {
      const failed = await two(path, json(i % 2 === 0 ? undefined : wrong));
      expect({ failure: i, status: failed.status, code: errorCode(failed) }).toEqual({ failure: i, status: 401, code: 'UNAUTHENTICATED' });
    }
    for (const token of [wrong, undefined, ADMIN_TOKEN.slice(0, -1)]) {
      const limited = await two(`/v1/funds/${FUND}/donations`, { method: 'POST', ...json(token, donation()) });
      expect({ status: limited.status, code: errorCode(limited) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    }
    expect((await two(path, json(accountant))).status).toBe(200);
    // The other address has its own count.
    expect((await one(path, json(wrong))).status).toBe(401);
  });

  it(`authenticated staff writes are never throttled: ${STAFF_WRITES} quick donations, 25 at a time, from addresses already over both limits`, async () => {
    const total = STAFF_WRITES;
    const outcomes = new Map<string, number>();
    let sent = 0;
    const worker = async () => {
      while (sent < total) {
        const n = ++sent;
        const answer = await (n % 2 === 0 ? one : two)(`/v1/funds/${FUND}/donations`, { method: 'POST', ...json(accountant, donation({ amount: String(1000 + n), reference: `FT-${n}` })) });
        const key = answer.status < 300 ? String(answer.status) : `${answer.status} ${errorCode(answer)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    };
    const before = await ledger.store.headPosition();
    await Promise.all(Array.from({ length: 25 }, worker));
    expect(Object.fromEntries(outcomes)).toEqual({ 201: total });
    expect((await ledger.store.headPosition()) - before).toBe(total);
    report(`security: ${total} staff writes in a burst, all 201; public limit ${PUBLIC_LIMIT}/min and failure limit ${FAILURE_LIMIT}/min per address enforced`);
  }, 900_000);

  it('CORS is closed: a foreign Origin gets no Access-Control-Allow-Origin, on a simple request or a preflight', async () => {
    const origin = 'https://evil.example';
    const simple = await one(`/v1/funds/${FUND}`, { headers: { origin, authorization: `Bearer ${accountant}` } });
    const preflight = await one(`/v1/funds/${FUND}/donations`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(simple.status).toBe(200);
    for (const answer of [simple, preflight]) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
      expect(answer.headers['access-control-allow-methods']).toBeUndefined();
    }
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });
});

describe('tokens are stored hashed and never logged; donors\' contact data is not logged', () => {
  let buildRoot: string;
  let dataDir: string;
  let server: LedgerProcess | undefined;
  const adminToken = `log-admin-${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 32)}`;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-security-'));
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a real server at LEDGER_LOG_LEVEL=info: no token and no contact data in its output or in any file of its data folder', async () => {
    server = await LedgerProcess.start(buildRoot, { dataDir, adminToken, logLevel: 'info' });
    const base = server.baseUrl;
    const issued: string[] = [adminToken];
    for (const roles of [['accountant'], ['approver'], ['auditor', 'admin']]) {
      const created = await requestJson(base, 'POST', '/v1/users', { token: adminToken, body: { name: `Người ${roles.join('+')}`, roles } });
      expect(created.status).toBe(201);
      issued.push(String(created.body.token));
    }
    const [, accountantToken, approverToken] = issued;
    const secrets = { contact: 'lienhe-0909123456@example.vn', taxCode: '0312999888', address: '12 Đường Bí Mật, Quận 1' };
    expect((await requestJson(base, 'POST', '/v1/funds', { token: adminToken, body: { fundId: FUND, name: 'Quỹ' } })).status).toBe(201);
    const given = await requestJson(base, 'POST', `/v1/funds/${FUND}/donations`, {
      token: accountantToken, body: donation({ donor: { name: 'Trần Thị Bình', kind: 'individual', ...secrets } }), idempotencyKey: 'log-check-1',
    });
    expect(given.status).toBe(201);
    // Failures of every kind, carrying tokens in the places a careless logger would print.
    await requestJson(base, 'GET', `/v1/funds/${FUND}`, { token: `${accountantToken}x` });
    await requestJson(base, 'POST', `/v1/funds/${FUND}/donations`, { token: approverToken, body: donation() });
    await requestJson(base, 'POST', `/v1/funds/${FUND}/donations`, { token: accountantToken, body: { ...donation(), amount: accountantToken } });
    await requestJson(base, 'GET', `/v1/journal`, { token: issued[3] });
    // The files as they are while it runs (with their write-ahead logs), and after a clean stop.
    const scan = () => readdirSync(dataDir, { recursive: true }).map(String).filter((name) => /\.db(-wal|-shm)?$/.test(name)).map((name) => [name, readFileSync(join(dataDir, name))] as const);
    const whileRunning = scan();
    const stopped = await server.stop();
    expect(stopped.signal === 'SIGTERM' || stopped.code === 0).toBe(true);

    const output = `${server.stdout}\n${server.stderr}`;
    expect(output).toMatch(/"level":30/);
    // One access line per answered request: request id, user, route, status, duration, and the
    // error code of a refusal.
    const access = output.split('\n').filter((line) => line.includes('"log":"access"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(access.find((line) => line.route === '/v1/funds/:fundId/donations' && line.status === 201)).toMatchObject({
      method: 'POST', url: `/v1/funds/${FUND}/donations`, userId: expect.any(String), reqId: expect.any(String), ms: expect.any(Number),
    });
    expect(access.find((line) => line.status === 401)).toMatchObject({ route: '/v1/funds/:fundId', userId: null, code: 'UNAUTHENTICATED' });
    expect(access.find((line) => line.status === 403)).toMatchObject({ code: 'FORBIDDEN' });
    // The shutdown says what it does; the log turns synchronous first, so the lines survive the re-raised signal (test/ops/shutdown-log.test.ts).
    expect(output).toMatch(/SIGTERM received: no new connections; answering the requests in flight/);
    expect(output).toMatch(/Stopped after SIGTERM: every answered request is committed/);
    const leaks: string[] = [];
    for (const [index, token] of issued.entries()) if (output.includes(token)) leaks.push(`token #${index} is in the server's output`);
    for (const [field, value] of Object.entries(secrets)) if (output.includes(value)) leaks.push(`the donor's ${field} is in the server's output`);

    const contents = [...whileRunning, ...scan()];
    const files = [...new Set(contents.map(([name]) => name))];
    expect(files).toEqual(expect.arrayContaining(['ledger.db', 'ledger.db-wal']));
    for (const [index, token] of issued.entries()) {
      for (const [name, bytes] of contents) if (bytes.includes(Buffer.from(token, 'utf8'))) leaks.push(`token #${index} is stored in plain text in ${name}`);
      // Only its hash is kept: it is there, so the file really was searched. The ledger's own tokens
      // are kept as their sha256; the one the operator chose (LEDGER_ADMIN_TOKEN, #0) sealed under the ledger's secret.
      const hash = index === 0
        ? sealedTokenHash(token, readLedgerSecret(dataDir))
        : createHash('sha256').update(token, 'utf8').digest('hex');
      if (!contents.some(([, bytes]) => bytes.includes(Buffer.from(hash, 'utf8')))) leaks.push(`the hash of token #${index} is in no file`);
    }
    expect(leaks).toEqual([]);
    report(`security: ${issued.length} tokens, ${files.length} SQLite files and ${output.split('\n').length} lines of info-level log searched: no token in plain text, no contact data logged`);
  }, 120_000);
});
