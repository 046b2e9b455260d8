import { startTestLedger, type TestLedger } from '../support/ledger-app';

/**
 * A chapter's ledger is often opened over plain http on the office network (http://192.168.1.10:3000).
 * Its pages must then load: a Content-Security-Policy asking the browser to upgrade every request
 * to https would send the app's scripts to an https:// nothing answers, a blank page. Served over
 * https (LEDGER_PUBLIC_URL), the policy asks for it.
 */
describe('the Content-Security-Policy and plain http', () => {
  const policyOf = async (ledger: TestLedger) => String((await ledger.http().get('/').expect(200)).headers['content-security-policy']);
  let ledgers: TestLedger[] = [];
  afterAll(async () => {
    for (const ledger of ledgers) await ledger.close();
  });

  it('asks no upgrade to https of a ledger served over http, and asks it of one served over https', async () => {
    const plain = await startTestLedger();
    const secure = await startTestLedger({ publicUrl: 'https://quy.example.vn' });
    ledgers = [plain, secure];
    const overHttp = await policyOf(plain);
    expect(overHttp).toMatch(/default-src 'self'/);
    expect(overHttp).not.toMatch(/upgrade-insecure-requests/);
    expect(await policyOf(secure)).toMatch(/upgrade-insecure-requests/);
  });
});
