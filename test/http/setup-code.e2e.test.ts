import { ADMIN_USER_ID } from '../../src/admin-bootstrap';
import { SetupCodes } from '../../src/access/sessions';
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * The setup link of the first start lets the admin choose their first password. Once the admin
 * has one, the code of the banner (printed in the server's output, which more people may read
 * than the admin) no longer sets it: it would take the account over.
 */
describe('the setup code once the admin has a password', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('is refused 401 and appends nothing; the admin\'s own password still signs in, the one sent with the code does not', async () => {
    const code = ledger.app.get(SetupCodes).issue(ADMIN_USER_ID);
    await ledger.http().post(`/v1/users/${ADMIN_USER_ID}/password`).set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ password: 'mật khẩu của quản trị viên' }).expect(204);
    const before = await countEvents(ledger.store);
    const taken = await ledger.http().post('/v1/setup').send({ code, password: 'mật khẩu của người khác' });
    expect({ status: taken.status, code: taken.body.error?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await countEvents(ledger.store)).toBe(before);
    expect((await ledger.http().post('/v1/session').send({ name: 'admin', password: 'mật khẩu của người khác' })).status).toBe(401);
    expect((await ledger.http().post('/v1/session').send({ name: 'admin', password: 'mật khẩu của quản trị viên' })).status).toBe(200);
  });
});
