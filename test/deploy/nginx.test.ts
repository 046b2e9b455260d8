import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv } from '../../src/config/ledger-config';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * deploy/nginx.conf, the example of TLS in front of the ledger. No nginx runs on these machines,
 * so the file is checked as text for what it must say, and the headers it sets are sent to a real
 * ledger configured as its header comment says (LEDGER_TRUST_PROXY=1): the web app must work
 * through it (Secure cookie, Origin check) and each visitor must keep their own rate-limit bucket.
 */
const conf = readFileSync(join(__dirname, '..', '..', 'deploy', 'nginx.conf'), 'utf8');
const directives = conf.split('\n').map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line !== '');
const HOST = 'so-cai.example.vn';
const VISITOR = '203.0.113.7';

/** The proxy_set_header lines as the ledger receives them from a visitor at VISITOR over https. */
function proxiedHeaders(visitor = VISITOR): Record<string, string> {
  const values: Record<string, string> = { $host: HOST, $remote_addr: visitor, $scheme: 'https', '$proxy_add_x_forwarded_for': `${visitor}` };
  const headers: Record<string, string> = {};
  for (const line of directives) {
    const match = /^proxy_set_header\s+(\S+)\s+(.+);$/.exec(line);
    if (!match) continue;
    const value = match[2].replace(/^"(.*)"$/, '$1');
    headers[match[1]] = value.replace(/\$[a-z_]+/g, (name) => values[name] ?? name);
  }
  return headers;
}

describe('deploy/nginx.conf', () => {
  it('terminates TLS on 443 with modern protocols and HSTS, and sends plain HTTP to https', () => {
    expect(directives).toEqual(expect.arrayContaining(['listen 443 ssl;', 'ssl_protocols TLSv1.2 TLSv1.3;']));
    expect(directives.some((line) => line.startsWith('ssl_certificate ') && line.endsWith('fullchain.pem;'))).toBe(true);
    expect(directives.some((line) => line.startsWith('ssl_certificate_key '))).toBe(true);
    expect(directives).toContain('add_header Strict-Transport-Security "max-age=63072000" always;');
    expect(directives).toContain('return 301 https://$host$request_uri;');
  });

  it('passes to the ledger on the loopback address, and its header says how to start the ledger to match', () => {
    expect(directives).toContain('server 127.0.0.1:3000;');
    expect(conf).toContain('HOST=127.0.0.1 PORT=3000 LEDGER_TRUST_PROXY=1 ledger serve');
    expect(configFromEnv({ HOST: '127.0.0.1', PORT: '3000', LEDGER_TRUST_PROXY: '1' })).toMatchObject({ host: '127.0.0.1', port: 3000, trustProxy: 1 });
  });

  it('replaces X-Forwarded-For with the visitor address and tells the scheme and host', () => {
    expect(proxiedHeaders()).toMatchObject({ 'X-Forwarded-For': VISITOR, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': HOST, Host: HOST });
  });

  it('accepts statements as large as the ledger does, streamed, and keeps /metrics inside the network', () => {
    const limitMb = configFromEnv({}).limits?.importBodyMegabytes;
    expect(directives).toContain(`client_max_body_size ${limitMb}m;`);
    const imports = conf.slice(conf.indexOf('location ~ ^/v1/funds/[^/]+/imports$'));
    expect(imports.slice(0, imports.indexOf('}'))).toContain('proxy_request_buffering off;');
    const metrics = conf.slice(conf.indexOf('location = /metrics'));
    expect(metrics.slice(0, metrics.indexOf('}'))).toContain('deny all;');
  });

  describe('a ledger behind it (LEDGER_TRUST_PROXY=1)', () => {
    let ledger: TestLedger;
    let fundOpened = 0;
    const PASSWORD = 'mật khẩu qua nginx 2026';

    beforeAll(async () => {
      process.env.LEDGER_PUBLIC_RATE_LIMIT = '2';
      ledger = await startTestLedger({ trustProxy: configFromEnv({ LEDGER_TRUST_PROXY: '1' }).trustProxy }).finally(() => delete process.env.LEDGER_PUBLIC_RATE_LIMIT);
    });

    afterAll(async () => {
      await ledger?.close();
    });

    it('signs a visitor in with a Secure cookie and lets the web app write from https://so-cai.example.vn', async () => {
      const user = await ledger.user('Quản trị qua nginx', ['admin']);
      await ledger.http().post(`/v1/users/${user.userId}/password`).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ password: PASSWORD }).expect(204);
      const signedIn = await ledger.http().post('/v1/session').set(proxiedHeaders()).send({ name: 'Quản trị qua nginx', password: PASSWORD }).expect(200);
      const cookie = ([] as string[]).concat(signedIn.headers['set-cookie'])[0];
      expect(cookie).toMatch(/; Secure/);
      const opened = await ledger.http().post('/v1/funds').set(proxiedHeaders()).set('Cookie', cookie.split(';')[0]).set('Origin', `https://${HOST}`)
        .send({ fundId: 'quy-qua-nginx', name: 'Quỹ qua nginx' });
      expect(opened.status).toBe(201);
      fundOpened = Number(opened.body.position);
    });

    it('counts each visitor nginx names in their own rate-limit bucket', async () => {
      const visit = (visitor: string) => ledger.http().get(`/v1/public/funds/quy-qua-nginx?minPosition=${fundOpened}`).set(proxiedHeaders(visitor));
      expect([(await visit('198.51.100.1')).status, (await visit('198.51.100.1')).status, (await visit('198.51.100.1')).status]).toEqual([200, 200, 429]);
      expect((await visit('198.51.100.2')).status).toBe(200);
    });
  });
});
