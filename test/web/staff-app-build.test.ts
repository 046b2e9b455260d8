import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeOpenApiTypes } from '../../src/openapi-types';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { ensureWebBuilt, WEB } from './support/web-harness';

/** Issue 14, "How it is built": the client's types follow the served document; the first load stays small. */
describe('staff app: build', () => {
  it('the checked-in API types equal those generated from the OpenAPI document the ledger serves (run npm run api:types)', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ctd-schema-'));
    try {
      const fresh = join(scratch, 'schema.d.ts');
      await writeOpenApiTypes(fresh);
      expect(readFileSync(join(WEB, 'src', 'api', 'schema.d.ts'), 'utf8')).toBe(readFileSync(fresh, 'utf8'));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('loads at most 300 KB of JavaScript gzipped at first (the entry and what index.html preloads)', async () => {
    await ensureWebBuilt();
    const html = readFileSync(join(WEB, 'dist', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(WEB, 'dist', file))).length, 0);
    expect(gzipped).toBeLessThanOrEqual(300 * 1024);
  });
});

describe('staff app: served by the ledger at /', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    await ensureWebBuilt();
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('answers the app at / and at any screen address, its hashed files cached for a year', async () => {
    for (const path of ['/', '/quyen-gop', '/kiem-toan?x=1']) {
      const answer = await ledger.http().get(path).expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toContain('<div id="root"></div>');
    }
    const entry = /src="\/(assets\/[^"]+\.js)"/.exec((await ledger.http().get('/')).text)?.[1] as string;
    const script = await ledger.http().get(`/${entry}`).expect(200);
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('never shadows the API, its documents, the operator routes or the setup page', async () => {
    const unknown = await ledger.http().get('/v1/no-such-route').expect(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    await ledger.http().get('/health').expect(200);
    expect((await ledger.http().get('/docs-json').expect(200)).body.openapi).toBeDefined();
    expect((await ledger.http().get('/setup').expect(200)).text).toContain('Đặt mật khẩu');
    expect((await ledger.http().get('/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    await ledger.http().get('/assets/no-such-file.js').expect(404);
  });
});
