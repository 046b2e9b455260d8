import { pdfPages } from '../receipts/pdf-text';
import { asPerson, checkScreen, eventually, keepLastScreens, openFund, person, personPage, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 15, the public site: a donor on a phone (360 px) opens /cong-khai/:fundId without signing
 * in, sees the campaign's figures, its official account and that its distribution deadline was
 * missed, finds their gift by `3.000.000` and `15/05/2024`, sees its receipt number and position,
 * and presses "Xác minh": verified in the browser, and said to fail when the proof is tampered with
 * on the way. They read what the fund published, with the file's SHA-256 and whether
 * it met its deadline. Every screen passes axe-core with no serious violation.
 */
describe('public site: a donor checks the fund and finds their gift', () => {
  let web: WebLedger;
  let fundId: string;
  let accountant: string;
  const SHA = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a';

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    accountant = (await person(web, 'Trần Thị Lan', ['accountant'])).token;
    const approver = (await person(web, 'Phạm Văn Duyệt', ['approver'])).token;
    const post = (token: string, path: string, body: unknown) => asPerson(web, token, 'POST', `/v1/funds/${fundId}${path}`, body);
    await post(accountant, '/campaigns', {
      campaignId: 'lu-mien-trung', name: 'Lũ miền Trung 2024', kind: 'disaster', receiveFrom: '2024-05-01T00:00:00+07:00',
      receiveUntil: '2024-05-20T23:59:59+07:00', distributeUntil: '2024-06-05T23:59:59+07:00', bankAccount: '0011001932418',
    });
    const gift = (amount: string, receivedAt: string, reference: string, name: string) => post(accountant, '/donations', {
      amount, channel: 'bank_transfer', receivedAt, reference, campaignId: 'lu-mien-trung',
      donor: { name, kind: 'individual', publicName: null, taxCode: null, address: null, contact: '0909 123 456' },
    });
    await gift('3000000', '2024-05-15T10:12:00+07:00', 'FT24136LEVANTAM', 'Lê Văn Tám');
    await gift('3000000', '2024-05-16T08:00:00+07:00', 'FT24137KHAC', 'Nguyễn Thị Hoa');
    await gift('500000', '2024-05-15T11:00:00+07:00', 'FT24136NHO', 'Đỗ Minh Châu');
    const requested = await post(accountant, '/disbursements', {
      amount: '1000000', kind: 'relief', component: 'general', restrictionId: 'campaign:lu-mien-trung', purpose: 'Gạo cho hộ bị ngập',
      beneficiary: 'Hộ bà Nguyễn Thị Cúc', requestedAt: '2024-05-25T08:00:00+07:00',
    });
    await post(approver, `/disbursements/${String(requested.disbursementId)}/approve`, {});
    await post(approver, `/disbursements/${String(requested.disbursementId)}/pay`, { paidAt: '2024-06-01T10:00:00+07:00', reference: 'UNC-01' });
    // After the deadline, 2,000,000 of what was left goes to the province's fund (approved: on its way there).
    await openFund(web, 'ctd-tinh', 'Quỹ hoạt động Hội CTĐ Tỉnh');
    const forwarded = await post(accountant, '/transfers', {
      toFundId: 'ctd-tinh', amount: '2000000', component: 'general', campaignId: 'lu-mien-trung', purpose: 'Chuyển lên tỉnh', requestedAt: '2024-06-10T09:00:00+07:00',
    });
    await post(approver, `/transfers/${String(forwarded.transferId)}/approve`, { approvedAt: '2024-06-10T10:00:00+07:00' });
    await post(accountant, '/publications', {
      kind: 'campaign-receipts', campaignId: 'lu-mien-trung', channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai/lu-mien-trung',
      publishedAt: '2024-05-30T09:00:00+07:00', contentSha256: SHA,
    });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows the campaign, its official account and deadline, finds a gift by amount and date, and lists what was published, at 360 px', async () => {
    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${fundId}`);
    await page.getByRole('heading', { name: 'Quỹ hoạt động Hội CTĐ Quận 1', level: 1 }).waitFor();

    const campaign = page.getByRole('article', { name: 'Lũ miền Trung 2024' });
    await campaign.getByText('0011001932418').waitFor();
    await campaign.getByText('Quá hạn: còn 5.500.000 ₫ chưa phân phối khi hết hạn').waitFor();
    // The campaign's "received" figure (the chart's table below it also shows the day's closing).
    await campaign.locator('.figure').filter({ hasText: 'Đã nhận' }).getByText('6.500.000 ₫', { exact: true }).waitFor();
    await campaign.getByRole('img', { name: /Từ 15\/05\/2024 đến 10\/06\/2024: nhận 6\.500\.000 ₫, phân phối 1\.000\.000 ₫/ }).waitFor();
    // What went to the province, so that received − distributed − sent is what the card says is left.
    await campaign.getByRole('definition').filter({ hasText: '2.000.000 ₫' }).waitFor();
    expect(await campaign.getByRole('term').allTextContents()).toContain('Chuyển cho quỹ khác (kể cả đang chuyển)');
    await campaign.locator('.figure').filter({ hasText: 'Còn lại' }).getByText('3.500.000 ₫', { exact: true }).waitFor();
    // What the fund holds (the chart's table below it also shows each day's closing).
    await page.getByRole('region', { name: 'Tổng quan quỹ' }).locator('.figure').filter({ hasText: 'Còn lại' }).getByText('3.500.000 ₫', { exact: true }).waitFor();
    // Nothing wider than the phone: no sideways scrolling.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await checkScreen(page, '40-public-site-phone');
    // The campaign's day table, opened, scrolls inside its card (a box the keyboard reaches), never the page.
    await campaign.getByText('Xem số liệu theo ngày').click();
    const dayTable = campaign.getByRole('region', { name: 'Bảng số liệu theo ngày' });
    await dayTable.getByRole('row', { name: /^10\/06\/2024/ }).waitFor();
    // Each row adds up from its own columns: what no other column names is in "Điều chỉnh khác", said under the table.
    await dayTable.getByRole('columnheader', { name: 'Điều chỉnh khác' }).waitFor();
    await campaign.getByText(/^Số dư cuối ngày = số dư ngày trước \+ nhận − phân phối/).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await checkScreen(page, '40-public-site-phone-days');
    await campaign.getByText('Xem số liệu theo ngày').click();

    const search = page.getByRole('region', { name: 'Tra cứu khoản ủng hộ' });
    await search.getByLabel('Số tiền').fill('ba triệu');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Số tiền chưa đúng. Ví dụ: 3.000.000, 3000000 hoặc 3tr.').waitFor();
    expect(await search.getByLabel('Số tiền').getAttribute('aria-invalid')).toBe('true');

    await search.getByLabel('Số tiền').fill('3.000.000');
    await search.getByLabel('Ngày chuyển').fill('15/05/2024');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Tìm thấy 1 khoản ủng hộ.').waitFor();
    const result = search.getByRole('listitem').filter({ hasText: 'Lê Văn Tám' });
    await result.getByText('FT24136LEVANTAM').waitFor();
    await result.getByText(/^\d{4}-\d+/).first().waitFor();
    expect(Number(await result.locator('dt:text-is("Vị trí trong sổ") + dd').textContent())).toBeGreaterThan(0);
    await result.getByRole('button', { name: 'Xác minh' }).waitFor();
    await checkScreen(page, '41-public-site-search');

    // By name without diacritics, and by "3tr".
    await search.getByLabel('Số tiền').fill('3tr');
    await search.getByLabel('Ngày chuyển').fill('');
    await search.getByLabel('Tên người ủng hộ').fill('nguyen thi hoa');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Hoa' }).waitFor();
    await eventually(() => search.getByRole('listitem').count(), 1);

    const published = page.getByRole('region', { name: 'Những gì quỹ đã công khai' });
    const item = published.getByRole('listitem').filter({ hasText: 'Kết quả tiếp nhận' });
    await item.getByText(SHA).waitFor();
    await item.getByText('Đúng hạn (hạn 04/06/2024)').waitFor();
    await item.getByText('30/05/2024').waitFor();
    // Declared for 30/05/2024, recorded in the ledger today: the page shows both.
    await item.locator('dt:text-is("Ghi vào sổ lúc") + dd').getByText(/^\d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
    await item.getByText('Trang thông tin điện tử').waitFor();
    expect(await published.getByRole('link', { name: 'Excel, tháng 05/2024' }).getAttribute('href'))
      .toBe(`/v1/public/funds/${fundId}/reports/disclosure?format=xlsx&from=2024-05-01&to=2024-05-31`);
    const download = await fetch(`${web.base}/v1/public/funds/${fundId}/reports/disclosure?format=csv&from=2024-05-01&to=2024-05-31&minPosition=${await web.ledger.store.headPosition()}`);
    expect(await download.text()).toContain('Lê Văn Tám');
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    // The donor's contact is never on the page.
    expect(await page.content()).not.toContain('0909 123 456');
    // The same page on a desktop screen.
    await page.setViewportSize({ width: 1366, height: 900 });
    await checkScreen(page, '45-public-site-desktop');
  });

  it('on a slow network an earlier search answering late never replaces the later one; a search refused for its input leaves no earlier results on screen', async () => {
    // Requests a service worker sends are not routed: this page goes to the network itself.
    const { page } = await personPage(web, { width: 390, height: 844 }, { serviceWorkers: 'block' });
    // The first search's answer is held back until the second one has been shown.
    let releaseSlow: () => void = () => undefined;
    const slowHeld = new Promise<void>((resolve) => { releaseSlow = resolve; });
    await page.route(/\/v1\/public\/funds\/[^/]+\/donations\?.*q=nguyen/, async (route) => {
      await slowHeld;
      await route.continue();
    });
    await page.goto(`/cong-khai/${fundId}`);
    const search = page.getByRole('region', { name: 'Tra cứu khoản ủng hộ' });
    await search.getByLabel('Tên người ủng hộ').fill('nguyen thi hoa');
    const slowAnswer = page.waitForResponse(/[?&]q=nguyen/);
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByLabel('Tên người ủng hộ').fill('do minh chau');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByRole('listitem').filter({ hasText: 'Đỗ Minh Châu' }).waitFor();
    releaseSlow();
    await slowAnswer;
    // The late answer has had its turn of the page's event loop.
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 300))');
    expect(await search.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Hoa' }).count()).toBe(0);
    await search.getByText('Tìm thấy 1 khoản ủng hộ.').waitFor();

    await search.getByLabel('Số tiền').fill('ba triệu');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Số tiền chưa đúng. Ví dụ: 3.000.000, 3000000 hoặc 3tr.').waitFor();
    expect(await search.getByRole('listitem').count()).toBe(0);
    expect(await search.getByText('Tìm thấy 1 khoản ủng hộ.').count()).toBe(0);
  });

  it('Xác minh: the gift found by 3.000.000 and 15/05/2024 is verified in the browser; a tampered proof is said to fail', async () => {
    // The ledger signs a checkpoint covering a new donation within its interval: the journey starts once one does.
    const found = (await (await fetch(`${web.base}/v1/public/funds/${fundId}/donations?reference=FT24136LEVANTAM&minPosition=${await web.ledger.store.headPosition()}`)).json()) as { items: { donationId: string }[] };
    const proofUrl = `${web.base}/v1/public/funds/${fundId}/donations/${found.items[0].donationId}/proof`;
    // Asked twice a second at most: the public routes allow 600 requests a minute per address, the page's own included.
    let status = 0;
    for (let tries = 0; tries < 120 && status !== 200; tries += 1) {
      status = (await fetch(proofUrl)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(200);

    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${fundId}`);
    const search = page.getByRole('region', { name: 'Tra cứu khoản ủng hộ' });
    await search.getByLabel('Số tiền').fill('3.000.000');
    await search.getByLabel('Ngày chuyển').fill('15/05/2024');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    const result = search.getByRole('listitem').filter({ hasText: 'Lê Văn Tám' });
    const position = await result.locator('dt:text-is("Vị trí trong sổ") + dd').textContent();

    await result.getByRole('button', { name: 'Xác minh' }).click();
    const outcome = result.getByRole('status');
    await outcome.getByText(new RegExp(`^Đã xác minh: giao dịch ở vị trí ${position} có trong sổ quỹ gồm \\d+ giao dịch.* hãy đối chiếu với biên lai chuyển khoản của bạn\\.$`)).waitFor();
    expect(await outcome.getAttribute('class')).toContain('verified');
    await checkScreen(page, '43-public-site-verified');

    // A forger between the ledger and the donor changes one step of the audit path: the check fails, and says so.
    await page.route('**/donations/*/proof', async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { proof: { auditPath: string[]; leafHash: string } };
      if (body.proof.auditPath.length > 0) body.proof.auditPath[0] = body.proof.auditPath[0].replace(/^./, (c) => (c === '0' ? '1' : '0'));
      else body.proof.leafHash = body.proof.leafHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      await route.fulfill({ response: answer, json: body });
    });
    await result.getByRole('button', { name: 'Xác minh' }).click();
    await outcome.getByText(/^Xác minh KHÔNG thành công\./).waitFor();
    expect(await outcome.getAttribute('class')).toContain('failed');
    expect(await outcome.textContent()).not.toContain('Đã xác minh');
    await checkScreen(page, '44-public-site-tampered');
  });

  it('the receipt\'s QR code opens the gift on the public site, checked against the signed log at once; an unknown gift is said to be missing', async () => {
    const found = (await (await fetch(`${web.base}/v1/public/funds/${fundId}/donations?reference=FT24136LEVANTAM&minPosition=${await web.ledger.store.headPosition()}`)).json()) as { items: { donationId: string }[] };
    const donationId = found.items[0].donationId;
    let proofStatus = 0;
    for (let tries = 0; tries < 120 && proofStatus !== 200; tries += 1) {
      proofStatus = (await fetch(`${web.base}/v1/public/funds/${fundId}/donations/${donationId}/proof`)).status;
      if (proofStatus !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const receipt = await fetch(`${web.base}/v1/funds/${fundId}/donations/${donationId}/receipt.pdf`, { headers: { authorization: `Bearer ${accountant}` } });
    expect(receipt.status).toBe(200);
    const [text] = pdfPages(Buffer.from(await receipt.arrayBuffer()));
    // The address under the QR code (the code holds the same text), as printed: LEDGER_PUBLIC_URL, then the page of the gift.
    const printed = /\/cong-khai\/[a-z0-9-]+\?khoan=DN-\d{4}-\d+?(?=\D|$)/.exec(text.replace(/\s+/g, ''))?.[0];
    expect(printed).toBe(`/cong-khai/${fundId}?khoan=${donationId}`);

    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(printed as string);
    const entry = page.getByRole('region', { name: 'Khoản ủng hộ trên biên nhận' });
    const gift = entry.getByRole('listitem').filter({ hasText: 'Lê Văn Tám' });
    await gift.getByText('3.000.000').waitFor();
    const position = await gift.locator('dt:text-is("Vị trí trong sổ") + dd').textContent();
    const outcome = gift.getByRole('status');
    await outcome.getByText(new RegExp(`^Đã xác minh: giao dịch ở vị trí ${position} có trong sổ quỹ gồm \\d+ giao dịch`)).waitFor();
    // It comes before the fund's overview: it is what the donor came for.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.slice(0, 2)).toEqual(['Khoản ủng hộ trên biên nhận', 'Tổng quan quỹ']);
    await checkScreen(page, '46-public-site-receipt-entry');

    await page.goto(`/cong-khai/${fundId}?khoan=DN-2024-999999`);
    await page.getByRole('region', { name: 'Khoản ủng hộ trên biên nhận' })
      .getByText('Không tìm thấy khoản ủng hộ ghi trên biên nhận này trong sổ quỹ.', { exact: false }).waitFor();
  });

  it('finds a gift imported from the bank statement by the number on the donor\'s own receipt, never by an account number', async () => {
    const statementFund = await openFund(web, 'quy-an-phu', 'Quỹ cứu trợ xã An Phú');
    const statement = [
      'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
      '01/09/2024,5213.45946,,500.000,MBVCB.6987707712.NGUYEN VAN AN chuyen tien.CT tu 0071000123456 NGUYEN VAN AN toi 0011001932418 QUY CUU TRO XA AN PHU',
      '01/09/2024,5078.12345,,200.000,TRAN THI BICH chuyen khoan ung ho dong bao bi bao lu',
    ].join('\n');
    const imported = await fetch(`${web.base}/v1/funds/${statementFund}/imports?bankAccount=0011001932418`, {
      method: 'POST', headers: { authorization: `Bearer ${accountant}`, 'content-type': 'text/csv' }, body: statement,
    });
    expect(imported.status).toBe(200);
    const { position } = (await imported.json()) as { position: number };
    // The page reads the registers as they are: the import has reached them first.
    await fetch(`${web.base}/v1/public/funds/${statementFund}/donations?minPosition=${position}`);

    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${statementFund}`);
    const search = page.getByRole('region', { name: 'Tra cứu khoản ủng hộ' });
    await search.getByText('Mã trên biên lai chuyển khoản của bạn (ví dụ: MBVCB.6987707712 hoặc chỉ số sau MBVCB., FT24136…) hoặc số chứng từ trên sao kê').waitFor();
    await search.getByLabel('Mã giao dịch ngân hàng').fill('6987707712');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Tìm thấy 1 khoản ủng hộ.').waitFor();
    const result = search.getByRole('listitem').filter({ hasText: 'NGUYEN VAN AN' });
    await result.getByText('5213.45946').waitFor();
    await result.getByRole('button', { name: 'Xác minh' }).waitFor();
    await checkScreen(page, '47-public-site-sender-number');

    // The sender's account is in the same memo: it finds nothing.
    await search.getByLabel('Mã giao dịch ngân hàng').fill('0071000123456');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Không tìm thấy khoản ủng hộ nào khớp. Hãy thử bớt một điều kiện, hoặc tên không dấu.').waitFor();

    // Typed as the receipt prints it, prefix and all, the receipt's number finds the same gift.
    await search.getByLabel('Mã giao dịch ngân hàng').fill('MBVCB.6987707712');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    await search.getByText('Tìm thấy 1 khoản ủng hộ.').waitFor();
    await search.getByRole('listitem').filter({ hasText: 'NGUYEN VAN AN' }).getByText('5213.45946').waitFor();
  });

  it('says plainly when the fund does not exist, and what a new fund has not done yet', async () => {
    const { page } = await personPage(web);
    await page.goto('/cong-khai/khong-co-quy-nay');
    await page.getByText('Không tìm thấy quỹ "khong-co-quy-nay".').waitFor();
    await checkScreen(page, '42-public-site-unknown-fund');
    // An address cut short before the fund's id: the page, in Vietnamese, not the API's JSON.
    for (const address of ['/cong-khai', '/cong-khai/']) {
      await page.goto(address);
      await page.getByText('Địa chỉ trang chưa đúng: cần có mã quỹ, ví dụ /cong-khai/ctd-quan-1.').waitFor();
    }

    const empty = await openFund(web, 'quy-moi-mo', 'Quỹ mới mở');
    await page.goto(`/cong-khai/${empty}`);
    await page.getByRole('heading', { name: 'Quỹ mới mở', level: 1 }).waitFor();
    await page.getByText('Chưa có khoản thu, chi nào.').waitFor();
    await page.getByText('Quỹ chưa mở đợt vận động nào.').waitFor();
    await page.getByText('Quỹ chưa ghi nhận lần công khai nào.').waitFor();
    await checkScreen(page, '46-public-site-new-fund');
  });

  it('finds a gift the fund took back, said plainly with the day it was reversed, rather than hiding it', async () => {
    const post = (path: string, body: unknown) => asPerson(web, accountant, 'POST', `/v1/funds/${fundId}${path}`, body);
    const wrong = await post('/donations', {
      amount: '4000000', channel: 'bank_transfer', receivedAt: '2024-05-17T09:00:00+07:00', reference: 'FT24138NHAM', campaignId: 'lu-mien-trung',
      donor: { name: 'Hoàng Thị Nhàn', kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
    });
    await post('/reversals', { entryId: String(wrong.donationId), reason: 'Ghi nhầm quỹ', reversedAt: '2024-05-18T09:00:00+07:00' });
    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${fundId}`);
    const search = page.getByRole('region', { name: 'Tra cứu khoản ủng hộ' });
    await search.getByLabel('Mã giao dịch ngân hàng').fill('FT24138NHAM');
    await search.getByRole('button', { name: 'Tra cứu' }).click();
    const result = search.getByRole('listitem').filter({ hasText: 'FT24138NHAM' });
    await result.getByText('Đã hủy ngày 18/05/2024: khoản này không còn tính vào số liệu của quỹ').waitFor();
    // Its name is not shown, nor found: the reversal may have been what corrected it.
    expect(await result.getByText('Hoàng Thị Nhàn').count()).toBe(0);
    // It counts in no total: the campaign still says what it said.
    await page.getByRole('article', { name: 'Lũ miền Trung 2024' }).locator('.figure').filter({ hasText: 'Đã nhận' }).getByText('6.500.000 ₫', { exact: true }).waitFor();
    await checkScreen(page, '47-public-site-reversed-gift');
  });

  it('says how much of what is left a coordinator took out at once and has not settled yet, on the fund and on the campaign', async () => {
    const coordinator = (await person(web, 'Lê Văn Điều', ['coordinator'])).token;
    const released = await asPerson(web, coordinator, 'POST', `/v1/funds/${fundId}/emergency-releases`, {
      amount: '500000', component: 'general', restrictionId: 'campaign:lu-mien-trung', incident: 'Sạt lở thôn 3', recipient: 'Hội CTĐ xã Tân Phú',
      releasedAt: '2024-05-28T09:00:00+07:00',
    });
    // The public answers of the last five seconds may be given again: the page is opened once they stand past the release.
    for (const read of ['', '/campaigns']) {
      expect((await fetch(`${web.base}/v1/public/funds/${fundId}${read}?minPosition=${String(released.position)}`)).status).toBe(200);
    }
    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${fundId}`);
    const line = 'Trong số còn lại: tạm ứng khẩn cấp chưa quyết toán';
    const fund = page.getByRole('region', { name: 'Tổng quan quỹ' });
    await fund.locator('dl > div', { hasText: line }).getByText('500.000 ₫').waitFor();
    const campaign = page.getByRole('article', { name: 'Lũ miền Trung 2024' });
    await campaign.locator('dl > div', { hasText: line }).getByText('500.000 ₫').waitFor();
    await campaign.locator('.figure').filter({ hasText: 'Còn lại' }).getByText('3.500.000 ₫', { exact: true }).waitFor();
    await checkScreen(page, '48-public-site-emergency-outstanding');
  });
});
