import { randomBytes } from 'node:crypto';
import { asPerson, checkScreen, keepLastScreens, openFund, person, personPage, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * The key printed on a receipt: its QR code opens the gift's public page with the ledger's public
 * key (`&khoa=`), and the page checks the proof with that key, not with the key the server
 * publishes. A page whose key is not the one that signed the log says the check failed.
 */
describe('public site: the receipt\'s key checks the proof', () => {
  let web: WebLedger;
  let fundId: string;
  let qrPath = '';

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    const accountant = (await person(web, 'Trần Thị Lan', ['accountant'])).token;
    const gift = await asPerson(web, accountant, 'POST', `/v1/funds/${fundId}/donations`, {
      amount: '2500000', channel: 'bank_transfer', receivedAt: '2024-05-15T10:12:00+07:00', reference: 'FT24136PHAMBINH',
      donor: { name: 'Phạm Văn Bình', kind: 'individual' },
    });
    const donationId = String(gift.donationId);
    // The proof answers once a signed checkpoint covers the gift.
    let proofStatus = 0;
    for (let tries = 0; tries < 120 && proofStatus !== 200; tries += 1) {
      proofStatus = (await fetch(`${web.base}/v1/public/funds/${fundId}/donations/${donationId}/proof`)).status;
      if (proofStatus !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const receipt = await fetch(`${web.base}/v1/funds/${fundId}/donations/${donationId}/receipt.pdf`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(receipt.status).toBe(200);
    // The link under the QR code is the code's own text (receiptQrUrl): the page of the gift and the key.
    const link = /\/URI \(([^)]*)\)/.exec(Buffer.from(await receipt.arrayBuffer()).toString('latin1'))?.[1] ?? '';
    const url = new URL(link);
    expect(url.searchParams.get('khoan')).toBe(donationId);
    const published = (await (await fetch(`${web.base}/v1/public/keys`)).json()) as { publicKey: string }[];
    expect(Buffer.from(url.searchParams.get('khoa') ?? '', 'base64url').toString('base64')).toBe(published[0].publicKey);
    qrPath = `${url.pathname}${url.search}`;
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  const outcomeOn = async (path: string) => {
    const { page } = await personPage(web, { width: 360, height: 740 });
    // The key on the paper is all the check needs: the server's list of keys is never asked for.
    await page.route('**/v1/public/keys', (route) => route.abort());
    await page.goto(path);
    const gift = page.getByRole('region', { name: 'Khoản ủng hộ trên biên nhận' }).getByRole('listitem').filter({ hasText: 'Phạm Văn Bình' });
    await gift.getByText('2.500.000').waitFor();
    return { page, outcome: gift.getByRole('status') };
  };

  it('the page the QR code opens checks the gift with the key printed beside it, and says the keys match', async () => {
    const { page, outcome } = await outcomeOn(qrPath);
    await outcome.getByText(/^Đã xác minh: giao dịch ở vị trí \d+ có trong sổ quỹ gồm \d+ giao dịch, .* Khóa ký khớp với khóa in trên biên nhận của bạn\./).waitFor();
    await checkScreen(page, '48-public-site-receipt-key');
  });

  it('a key that did not sign the log fails the check, whatever key the server publishes', async () => {
    const other = qrPath.replace(/khoa=[^&]+/, `khoa=${randomBytes(32).toString('base64url')}`);
    const { page, outcome } = await outcomeOn(other);
    await outcome.getByText('Xác minh KHÔNG thành công. Bản chốt sổ không được ký bằng khóa in trên biên nhận của bạn.', { exact: false }).waitFor();
    expect(await outcome.getAttribute('class')).toContain('failed');
    await checkScreen(page, '48-public-site-receipt-other-key');
  });
});
