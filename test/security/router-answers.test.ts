import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * Answers the router gives before the application sees the request (a path that does not
 * decode) carry the same security headers as every other answer: they echo the path they refuse.
 */
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

describe('answers of the router itself', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('a path that does not decode is 400 in the error shape, with the security headers of every answer', async () => {
    const missing: string[] = [];
    for (const path of ['/v1/funds/%E0%A4%A', '/v1/public/funds/%3Cscript%3E%ZZ', '/%']) {
      const answer = await ledger.http().get(path);
      expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      for (const [header, pattern] of Object.entries(SECURITY_HEADERS)) {
        const value = answer.headers[header];
        if (typeof value !== 'string' || !pattern.test(value)) missing.push(`${path}: ${header} = ${String(value)}`);
      }
      if (answer.headers['x-powered-by'] !== undefined) missing.push(`${path}: x-powered-by is sent`);
    }
    expect(missing).toEqual([]);
  });
});
