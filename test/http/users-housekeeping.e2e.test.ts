import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/** An admin's housekeeping of people: who exists, who am I, a token rotated when it leaked. */
describe('users: list, me, token rotation', () => {
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
});
