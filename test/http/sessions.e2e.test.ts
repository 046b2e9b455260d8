import { ADMIN_USER_ID, AdminBootstrap } from '../../src/admin-bootstrap';
import { requestHashOf } from '../../src/command-handling/command-metadata';
import { SetupCodes } from '../../src/access/sessions';
import { ADMIN_TOKEN, countEvents, releaseTestData, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * api-v2.md "People and sessions": the staff app signs people in with a name and a password and
 * carries a session cookie; the cookie only changes things from the ledger's own pages.
 */
const HOST = 'so-cai.ctd.test';
const OWN_ORIGIN = `http://${HOST}`;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sessions: sign in with a password', () => {
  let ledger: TestLedger;
  let serial = 0;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  /** A user with a password set by the admin; names are unique per test. */
  async function person(roles: string[], password = 'mật khẩu thật dài 2026') {
    const name = `Người thử ${++serial}`;
    const user = await ledger.user(name, roles);
    await ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password }).expect(204);
    return { ...user, name, password };
  }

  function signIn(name: string, password: string) {
    return ledger.http().post('/v1/session').set('Host', HOST).send({ name, password });
  }

  /** The cookie pair (`ctd_session=…`) of a sign-in answer. */
  function cookieOf(response: { headers: Record<string, unknown> }): string {
    const header = ([] as string[]).concat(response.headers['set-cookie'] as string[] | string)[0];
    return header.split(';')[0];
  }

  it('signs in: 200 with the user and an httpOnly, SameSite=Strict, Path=/ cookie, not Secure over http', async () => {
    const lan = await person(['accountant']);
    const answer = await signIn(lan.name, lan.password).expect(200);
    expect(answer.body).toEqual({ userId: lan.userId, name: lan.name, roles: ['accountant'] });
    const header = ([] as string[]).concat(answer.headers['set-cookie'])[0];
    expect(header).toMatch(/^ctd_session=[A-Za-z0-9_-]{43}; /);
    const attributes = header.split(';').slice(1).map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes).not.toContain('Secure');
  });

  it('marks the cookie Secure when the request came over https (told by a trusted proxy)', async () => {
    const proxied = await startTestLedger({ trustProxy: '127.0.0.1,::1,::ffff:127.0.0.1' });
    try {
      const user = await proxied.user('Qua proxy', ['auditor']);
      await proxied.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'mật khẩu thật dài 2026' }).expect(204);
      const answer = await proxied.http().post('/v1/session').set('X-Forwarded-Proto', 'https').send({ name: 'Qua proxy', password: 'mật khẩu thật dài 2026' }).expect(200);
      expect(([] as string[]).concat(answer.headers['set-cookie'])[0].split(';').map((part) => part.trim())).toContain('Secure');
    } finally {
      await proxied.close();
    }
  });

  it('reads with the cookie, no bearer token needed', async () => {
    const hoa = await person(['auditor']);
    const cookie = cookieOf(await signIn(hoa.name, hoa.password).expect(200));
    const me = await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', cookie).expect(200);
    expect(me.body).toEqual({ userId: hoa.userId, name: hoa.name, roles: ['auditor'], active: true });
  });

  it('a write carried by the cookie works when its Origin is the ledger\'s own', async () => {
    const admin = await person(['admin']);
    const cookie = cookieOf(await signIn(admin.name, admin.password).expect(200));
    const created = await ledger.http().post('/v1/funds').set('Host', HOST).set('Cookie', cookie).set('Origin', OWN_ORIGIN)
      .send({ fundId: 'quy-phien', name: 'Quỹ phiên' });
    expect(created.status).toBe(201);
  });

  it('a write carried by the cookie without Origin, or from another Origin, is 403 naming the Origin check and appends nothing', async () => {
    const admin = await person(['admin']);
    const cookie = cookieOf(await signIn(admin.name, admin.password).expect(200));
    for (const origin of [undefined, 'https://ke-gian.example', `https://${HOST}`, 'null']) {
      const before = await countEvents(ledger.store);
      let call = ledger.http().post('/v1/funds').set('Host', HOST).set('Cookie', cookie).set('Accept-Language', 'en');
      if (origin !== undefined) call = call.set('Origin', origin);
      const refused = await call.send({ fundId: `quy-la-${serial}`, name: 'Quỹ lạ' });
      expect({ origin, status: refused.status, code: refused.body.error?.code }).toEqual({ origin, status: 403, code: 'FORBIDDEN' });
      expect(refused.body.error.message).toMatch(/Origin check/);
      expect(await countEvents(ledger.store)).toBe(before);
    }
  });

  it('a bearer request is not subject to the Origin check', async () => {
    const other = await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).set('Origin', 'https://ke-gian.example').send({ fundId: 'quy-bearer', name: 'Quỹ bearer' });
    expect(other.status).toBe(201);
  });

  it('signs out: 204, the cookie is cleared and no longer works', async () => {
    const minh = await person(['coordinator']);
    const cookie = cookieOf(await signIn(minh.name, minh.password).expect(200));
    const out = await ledger.http().delete('/v1/session').set('Host', HOST).set('Cookie', cookie).set('Origin', OWN_ORIGIN).expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'])[0]).toMatch(/^ctd_session=; .*Max-Age=0/);
    const after = await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', cookie);
    expect({ status: after.status, code: after.body.error.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('a wrong password and an unknown name get the same 401, and no cookie', async () => {
    const tam = await person(['auditor']);
    const wrong = await signIn(tam.name, 'không phải mật khẩu này');
    const unknown = await signIn('Không có ai tên này', 'không phải mật khẩu này');
    const noPassword = await ledger.user(`Chưa có mật khẩu ${serial}`, ['auditor']);
    const unset = await signIn(`Chưa có mật khẩu ${serial}`, 'không phải mật khẩu này');
    expect(noPassword.userId).toBeTruthy();
    for (const answer of [wrong, unknown, unset]) {
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 401, body: wrong.body });
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('locks a name out after five failed sign-ins in 15 minutes (429 with Retry-After), even with the right password; another name is unaffected', async () => {
    const locked = await person(['accountant']);
    const other = await person(['accountant']);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signIn(locked.name, 'sai mật khẩu lần nữa')).status).toBe(401);
    const refused = await signIn(locked.name, locked.password);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect((await signIn(other.name, other.password)).status).toBe(200);
  });

  it('deactivating a user ends their sessions and they cannot sign in again', async () => {
    const leaver = await person(['accountant']);
    const cookie = cookieOf(await signIn(leaver.name, leaver.password).expect(200));
    await ledger.http().delete(`/v1/users/${leaver.userId}`).set(as(ADMIN_TOKEN)).expect(200);
    expect((await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', cookie)).status).toBe(401);
    expect((await signIn(leaver.name, leaver.password)).status).toBe(401);
  });

  it('rotating a user\'s token ends their sessions', async () => {
    const rotated = await person(['approver']);
    const cookie = cookieOf(await signIn(rotated.name, rotated.password).expect(200));
    await ledger.http().post(`/v1/users/${rotated.userId}/token`).set(as(ADMIN_TOKEN)).send({}).expect(200);
    expect((await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', cookie)).status).toBe(401);
  });

  it('refuses a password shorter than 10 characters (400 naming the field) and appends nothing', async () => {
    const short = await ledger.user(`Mật khẩu ngắn ${++serial}`, ['auditor']);
    const before = await countEvents(ledger.store);
    const refused = await ledger.http().post(`/v1/users/${short.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'ngắn quá' });
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused.body.error.details.fields).toEqual([{ field: 'password', reason: 'must be at least 10 characters' }]);
    expect(await countEvents(ledger.store)).toBe(before);
    // Ten spaces are no password.
    const blank = await ledger.http().post(`/v1/users/${short.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: ' '.repeat(10) });
    expect(blank.body.error.details.fields).toEqual([{ field: 'password', reason: 'must not be blank' }]);
    // Ten Vietnamese letters are ten characters, however they were typed.
    expect((await ledger.http().post(`/v1/users/${short.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'ệệệệệệệệệệ'.normalize('NFD') })).status).toBe(204);
  });

  it('lets a user change their own password with the current one; another user\'s only an admin', async () => {
    const self = await person(['accountant']);
    const bystander = await person(['accountant']);
    const own = (body: object) => ledger.http().post(`/v1/users/${self.userId}/password`).set(as(self.token)).send(body);
    const missing = await own({ password: 'mật khẩu mới đủ dài' });
    expect({ status: missing.status, fields: missing.body.error.details.fields }).toEqual({ status: 400, fields: [{ field: 'currentPassword', reason: 'is required to change your own password' }] });
    expect((await own({ password: 'mật khẩu mới đủ dài', currentPassword: 'không đúng đâu nhé' })).status).toBe(400);
    expect((await own({ password: 'mật khẩu mới đủ dài', currentPassword: self.password })).status).toBe(204);
    expect((await signIn(self.name, 'mật khẩu mới đủ dài')).status).toBe(200);
    const foreign = await ledger.http().post(`/v1/users/${bystander.userId}/password`).set(as(self.token)).send({ password: 'chiếm tài khoản người khác' });
    expect({ status: foreign.status, code: foreign.body.error.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('never shows the password or its hash in any answer', async () => {
    const secret = 'bí mật không bao giờ lộ';
    const kept = await person(['admin'], secret);
    const cookie = cookieOf(await signIn(kept.name, secret).expect(200));
    const answers = [
      await ledger.http().get('/v1/users').set(as(ADMIN_TOKEN)),
      await ledger.http().get('/v1/me').set('Host', HOST).set('Cookie', cookie),
      await ledger.http().get('/v1/users').set('Host', HOST).set('Cookie', cookie),
      await signIn(kept.name, secret),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toMatch(/scrypt|passwordHash/i);
    }
  });

  it('keeps the password out of the log: the event holds a salted scrypt hash sealed under the ledger\'s secret, and a keyed request\'s hash holds no plain hash of the body', async () => {
    const secret = 'không ghi vào sổ bao giờ';
    const user = await ledger.user(`Sổ cái ${++serial}`, ['auditor']);
    const path = `/v1/users/${user.userId}/password`;
    await ledger.http().post(path).set(as(ADMIN_TOKEN)).set('Idempotency-Key', `mk-${serial}`).send({ password: secret }).expect(204);
    const events = [];
    for await (const event of ledger.store.readAll()) if (event.type === 'UserPasswordSet' && event.data.userId === user.userId) events.push(event);
    expect(events).toHaveLength(1);
    expect(String(events[0].data.passwordHash)).toMatch(/^scrypt-hmac\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(events[0])).not.toContain(secret);
    // A plain sha256 of a body holding the password could be guessed offline: the request hash holds the password's
    // sealed fingerprint (and not nothing, or another password under the same key would pass for a retry).
    const bodyHash = requestHashOf({ method: 'POST', route: '/v1/users/:userId/password', params: { userId: user.userId }, body: { password: secret } });
    expect(events[0].metadata.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[0].metadata.requestHash).not.toBe(bodyHash);
    expect(events[0].metadata.requestHash).not.toBe(requestHashOf({ method: 'POST', route: '/v1/users/:userId/password', params: { userId: user.userId } }));
  });

  it('a keyed password request sent again is recognised, and the same key with another password is 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const user = await ledger.user(`Khóa lặp ${++serial}`, ['accountant']);
    const name = `Khóa lặp ${serial}`;
    const send = (password: string) => ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).set('Idempotency-Key', `mk-lap-${serial}`).send({ password });
    await send('mật khẩu đầu tiên dài').expect(204);
    const before = await countEvents(ledger.store);
    await send('mật khẩu đầu tiên dài').expect(204);
    expect(await countEvents(ledger.store)).toBe(before);
    const other = await send('mật khẩu thứ hai khác');
    expect({ status: other.status, code: other.body.error?.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await countEvents(ledger.store)).toBe(before);
    expect((await signIn(name, 'mật khẩu đầu tiên dài')).status).toBe(200);
  });

  it('the setup code of the start-up banner sets a password once', async () => {
    const code = ledger.app.get(SetupCodes).issue(ADMIN_USER_ID);
    const short = await ledger.http().post('/v1/setup').send({ code, password: 'ngắn' });
    expect({ status: short.status, field: short.body.error.details.fields[0].field }).toEqual({ status: 400, field: 'password' });
    await ledger.http().post('/v1/setup').send({ code, password: 'mật khẩu quản trị viên' }).expect(204);
    expect((await signIn('admin', 'mật khẩu quản trị viên')).body.userId).toBe(ADMIN_USER_ID);
    const before = await countEvents(ledger.store);
    const again = await ledger.http().post('/v1/setup').send({ code, password: 'mật khẩu thứ hai dài' });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await countEvents(ledger.store)).toBe(before);
  });
});

describe('the first start: a setup link beside the admin token', () => {
  /** A ledger started for its first time, and what it printed on stdout meanwhile. */
  async function firstStart(config: Parameters<typeof startTestLedger>[0]): Promise<{ ledger: TestLedger; banner: string }> {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const ledger = await startTestLedger({ adminToken: null, ...config });
      return { ledger, banner: written.join('') };
    } finally {
      process.stdout.write = write;
    }
  }

  it('prints http://localhost:<port>/setup#<code> beside the token line, and the code works', async () => {
    const { ledger, banner } = await firstStart({ port: 8123 });
    try {
      const bootstrap = ledger.app.get(AdminBootstrap);
      expect(banner).toContain(`  ${bootstrap.createdToken}\n`);
      expect(banner).toContain(`  http://localhost:8123/setup#${bootstrap.setupCode}\n`);
      const page = await ledger.http().get('/setup').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Đặt mật khẩu cho quản trị viên');
      expect(page.text).toContain("fetch('/v1/setup'");
      await ledger.http().post('/v1/setup').send({ code: bootstrap.setupCode, password: 'mật khẩu quản trị viên' }).expect(204);
      expect((await ledger.http().post('/v1/session').send({ name: 'admin', password: 'mật khẩu quản trị viên' })).status).toBe(200);
    } finally {
      await ledger.close();
    }
  });

  it('prints a new link at every start until the admin has chosen a password: a restart before the link was used locks nobody out', async () => {
    const { ledger, banner } = await firstStart({ port: 8125 });
    const { dataDir } = ledger;
    const firstCode = String(ledger.app.get(AdminBootstrap).setupCode);
    await ledger.app.close();
    const again = await firstStart({ port: 8125, dataDir });
    try {
      const bootstrap = again.ledger.app.get(AdminBootstrap);
      const code = String(bootstrap.setupCode);
      expect(code).not.toBe(firstCode);
      // Said once the server listens, as main.ts and `ledger serve` do; nothing while the ledger only opens.
      expect(again.banner).toBe('');
      const said: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => said.push(String(chunk)) > 0) as typeof process.stdout.write;
      try {
        bootstrap.printSetupLink(8125);
      } finally {
        process.stdout.write = write;
      }
      expect(said.join('')).toContain("The admin's password has not been chosen yet");
      expect(said.join('')).toContain(`  http://localhost:8125/setup#${code}\n`);
      expect(again.ledger.app.get(AdminBootstrap).createdToken).toBeUndefined();
      await again.ledger.http().post('/v1/setup').send({ code: firstCode, password: 'mật khẩu quản trị viên' }).expect(401);
      await again.ledger.http().post('/v1/setup').send({ code, password: 'mật khẩu quản trị viên' }).expect(204);
    } finally {
      await again.ledger.app.close();
    }
    // Once the password is chosen, a start prints no link.
    const third = await firstStart({ port: 8125, dataDir });
    try {
      expect(third.ledger.app.get(AdminBootstrap).setupCode).toBeUndefined();
      expect(third.banner).not.toContain('/setup#');
      expect((await third.ledger.http().post('/v1/session').send({ name: 'admin', password: 'mật khẩu quản trị viên' })).status).toBe(200);
    } finally {
      await third.ledger.close();
      await releaseTestData(dataDir);
    }
  });

  it('prints the link at LEDGER_PUBLIC_URL when the ledger is reached there, not at localhost', async () => {
    const { ledger, banner } = await firstStart({ port: 8124, publicUrl: 'http://192.168.1.10:3000' });
    try {
      expect(banner).toContain(`  http://192.168.1.10:3000/setup#${String(ledger.app.get(AdminBootstrap).setupCode)}\n`);
      expect(banner).not.toContain('localhost');
    } finally {
      await ledger.close();
    }
  });
});
