import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * api-v2.md "People and sessions": five failed logins per name per 15 minutes, then 429. The
 * limit holds for attempts sent at once as well as one after another: a password check takes
 * a while, and attempts still being checked count against the name.
 */
describe('sign-in attempts sent at once', () => {
  let ledger: TestLedger;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('twenty wrong passwords for one name sent together: at most five are checked (401), the rest are 429 RATE_LIMITED', async () => {
    const user = await ledger.user('Người bị dò', ['accountant']);
    await ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'mật khẩu thật dài 2026' }).expect(204);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) =>
      ledger.http().post('/v1/session').send({ name: 'Người bị dò', password: `đoán mò lần thứ ${index}` }).then((answer) => answer.status)));
    expect(answers.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(answers.filter((status) => status !== 401 && status !== 429)).toEqual([]);
    const right = await ledger.http().post('/v1/session').send({ name: 'Người bị dò', password: 'mật khẩu thật dài 2026' });
    expect({ status: right.status, code: right.body.error?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });

  it('twenty wrong current passwords sent together by a user changing their own: at most five are checked, the rest are 429', async () => {
    const user = await ledger.user('Người đổi mật khẩu', ['approver']);
    await ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'mật khẩu ban đầu dài' }).expect(204);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) =>
      ledger.http().post(`/v1/users/${user.userId}/password`).set(as(user.token))
        .send({ password: 'mật khẩu mới thật dài', currentPassword: `đoán mò lần thứ ${index}` }).then((answer) => answer.status)));
    expect(answers.filter((status) => status === 400).length).toBeLessThanOrEqual(5);
    expect(answers.filter((status) => status !== 400 && status !== 429)).toEqual([]);
  });

  it('a right password sent among wrong ones at once signs in only while the name is within its limit; a success does not count as a failure', async () => {
    const user = await ledger.user('Người đăng nhập đúng', ['auditor']);
    await ledger.http().post(`/v1/users/${user.userId}/password`).set(as(ADMIN_TOKEN)).send({ password: 'mật khẩu đúng rất dài' }).expect(204);
    const together = await Promise.all([
      ledger.http().post('/v1/session').send({ name: 'Người đăng nhập đúng', password: 'mật khẩu đúng rất dài' }),
      ledger.http().post('/v1/session').send({ name: 'Người đăng nhập đúng', password: 'sai một lần thôi nhé' }),
    ]);
    expect(together.map((answer) => answer.status)).toEqual([200, 401]);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await ledger.http().post('/v1/session').send({ name: 'Người đăng nhập đúng', password: 'mật khẩu đúng rất dài' })).status).toBe(200);
    }
    // One failure so far: three more still leave the right password working.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await ledger.http().post('/v1/session').send({ name: 'Người đăng nhập đúng', password: `sai lần nữa ${attempt} nhé` })).status).toBe(401);
    }
    expect((await ledger.http().post('/v1/session').send({ name: 'Người đăng nhập đúng', password: 'mật khẩu đúng rất dài' })).status).toBe(200);
  });
});
