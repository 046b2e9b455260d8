import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/** An admin's housekeeping of people: who exists, who am I, a token rotated when it leaked. */
describe('users: list, me, token rotation and revocation', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('lists every user with roles and whether active, never a token or its hash', async () => {
    const lan = await ledger.user('Lan', ['accountant', 'approver']);
    const hoa = await ledger.user('Hoa', ['auditor']);
    await ledger.http().delete(`/v1/users/${hoa.userId}`).set(as(ADMIN_TOKEN)).expect(200);
    const answer = await ledger.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200);
    const users = answer.body.users as Record<string, unknown>[];
    expect(users).toEqual(expect.arrayContaining([
      { userId: lan.userId, name: 'Lan', roles: ['accountant', 'approver'], active: true },
      { userId: hoa.userId, name: 'Hoa', roles: ['auditor'], active: false },
    ]));
    expect(JSON.stringify(answer.body)).not.toMatch(/token/i);
  });

  it('answers /v1/me with the caller', async () => {
    const minh = await ledger.user('Minh', ['coordinator']);
    const answer = await ledger.http().get('/v1/me').set(as(minh.token)).expect(200);
    expect(answer.body).toEqual({ userId: minh.userId, name: 'Minh', roles: ['coordinator'], active: true });
  });

  it('rotates a token: the new one works at once, the old one never again', async () => {
    const tam = await ledger.user('Tâm', ['auditor']);
    const rotated = await ledger.http().post(`/v1/users/${tam.userId}/token`).set(as(ADMIN_TOKEN)).send({}).expect(200);
    expect(rotated.body.token).toMatch(/^ctd_[A-Za-z0-9_-]{43}$/);
    expect((await ledger.http().get('/v1/me').set(as(tam.token))).status).toBe(401);
    expect((await ledger.http().get('/v1/me').set(as(rotated.body.token as string))).body.name).toBe('Tâm');
  });

  it('refuses to rotate the token of a deactivated or unknown user', async () => {
    const gone = await ledger.user('Cũ', ['auditor']);
    await ledger.http().delete(`/v1/users/${gone.userId}`).set(as(ADMIN_TOKEN)).expect(200);
    const deactivated = await ledger.http().post(`/v1/users/${gone.userId}/token`).set(as(ADMIN_TOKEN)).send({});
    expect({ status: deactivated.status, code: deactivated.body.error.code }).toEqual({ status: 422, code: 'INVALID_STATE' });
    const unknown = await ledger.http().post('/v1/users/no-such-user/token').set(as(ADMIN_TOKEN)).send({});
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('revokes a token: it never works again, no new one is issued, the user stays active and signs in with a password', async () => {
    const an = await ledger.user('An', ['auditor']);
    await ledger.http().post(`/v1/users/${an.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'mật khẩu của An 2026' }).expect(204);
    const revoked = await ledger.http().delete(`/v1/users/${an.userId}/token`).set(as(ADMIN_TOKEN)).expect(200);
    expect(revoked.body).toEqual({ userId: an.userId, position: expect.any(Number) });
    expect((await ledger.http().get('/v1/me').set(as(an.token))).status).toBe(401);
    const listed = (await ledger.http().get('/v1/users').set(as(ADMIN_TOKEN)).expect(200)).body.users as { userId: string; active: boolean }[];
    expect(listed.find((user) => user.userId === an.userId)).toMatchObject({ active: true });
    const signedIn = await ledger.http().post('/v1/session').send({ name: 'An', password: 'mật khẩu của An 2026' });
    expect(signedIn.status).toBe(200);
    const again = await ledger.http().delete(`/v1/users/${an.userId}/token`).set(as(ADMIN_TOKEN));
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 422, code: 'INVALID_STATE' });
    const reissued = await ledger.http().post(`/v1/users/${an.userId}/token`).set(as(ADMIN_TOKEN)).send({}).expect(200);
    expect((await ledger.http().get('/v1/me').set(as(reissued.body.token as string))).body.name).toBe('An');
  });

  it('revokes nothing for an unknown user (404) and only for an admin (403)', async () => {
    const unknown = await ledger.http().delete('/v1/users/no-such-user/token').set(as(ADMIN_TOKEN));
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const clerk = await ledger.user('Thư', ['accountant']);
    expect((await ledger.http().delete(`/v1/users/${clerk.userId}/token`).set(as(clerk.token))).status).toBe(403);
    expect((await ledger.http().get('/v1/me').set(as(clerk.token))).status).toBe(200);
  });
});

describe('funds: the list', () => {
  let ledger: TestLedger;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('lists every fund by fundId for any staff role, in pages, at the position asked for', async () => {
    let position = 0;
    for (const fundId of ['quy-c', 'quy-a', 'quy-b']) {
      const opened = await ledger.http().post('/v1/funds').set(as(ADMIN_TOKEN)).send({ fundId, name: `Quỹ ${fundId}`, chapter: 'Hội CTĐ tỉnh An Giang' }).expect(201);
      position = opened.body.position as number;
    }
    const auditor = await ledger.user('Kiểm toán', ['auditor']);
    const first = await ledger.http().get(`/v1/funds?limit=2&minPosition=${position}`).set(as(auditor.token)).expect(200);
    expect(first.body).toMatchObject({ limit: 2, position: expect.any(Number), nextCursor: expect.any(String) });
    expect(first.body.position).toBeGreaterThanOrEqual(position);
    expect(first.body.items).toEqual([
      { fundId: 'quy-a', name: 'Quỹ quy-a', chapter: 'Hội CTĐ tỉnh An Giang', components: ['general', 'emergency-relief', 'humanitarian'], openedAt: expect.any(String) },
      expect.objectContaining({ fundId: 'quy-b' }),
    ]);
    const second = await ledger.http().get(`/v1/funds?limit=2&cursor=${first.body.nextCursor as string}`).set(as(auditor.token)).expect(200);
    expect(second.body.items.map((fund: { fundId: string }) => fund.fundId)).toEqual(['quy-c']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('needs a token, and names a bad limit or cursor', async () => {
    expect((await ledger.http().get('/v1/funds')).status).toBe(401);
    const badLimit = await ledger.http().get('/v1/funds?limit=0').set(as(ADMIN_TOKEN));
    expect({ status: badLimit.status, code: badLimit.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(badLimit.body.error.details)).toContain('limit');
    const badCursor = await ledger.http().get('/v1/funds?cursor=bm90LWEtY3Vyc29y').set(as(ADMIN_TOKEN));
    expect({ status: badCursor.status, code: badCursor.body.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(badCursor.body.error.details)).toContain('cursor');
  });
});
