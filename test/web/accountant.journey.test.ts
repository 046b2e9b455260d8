import { asAdmin, keepLastScreens, checkScreen, openFund, person, personPage, screenshot, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 14, the accountant's day in the browser: donations of every channel (VND, foreign
 * currency with the VND amount shown as the rate is typed, in kind with items, restricted, for
 * a campaign), a submission whose answer is lost and is sent again (recorded once: the form's
 * one idempotency key), the register with donor search without diacritics, filters and paging,
 * and a reversal with its reason. It ends in the ledger's own balance.
 */
describe('staff app: the accountant', () => {
  let web: WebLedger;
  let fundId: string;

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'hoc-bong-2026', name: 'Học bổng 2026', kind: 'other',
      receiveFrom: new Date(Date.now() - 86_400_000).toISOString(), receiveUntil: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('records every channel once each, finds, pages and reverses in the register; the balance agrees', async () => {
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await checkScreen(page, '02-dashboard');

    // A bank transfer in VND whose first answer is lost on the way: sent again, recorded once.
    await page.getByRole('link', { name: 'Ghi nhận quyên góp' }).click();
    let lostOne = false;
    await page.route('**/v1/funds/*/donations', async (route) => {
      if (route.request().method() !== 'POST' || lostOne) return route.continue();
      lostOne = true;
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByLabel('Số tiền').fill('1.500.000');
    await page.getByLabel('Tên người ủng hộ').fill('Nguyễn Văn An');
    await page.getByLabel('Số chứng từ / mã giao dịch').fill('FT26001');
    await checkScreen(page, '03-record-donation');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText('Không kết nối được máy chủ.').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 1\.500\.000 ₫\./).waitFor();
    await page.unroute('**/v1/funds/*/donations');

    // An API error appears next to its field, in Vietnamese: VND has no fraction.
    await page.getByRole('button', { name: 'Ghi nhận khoản khác' }).click();
    await page.getByLabel('Số tiền').fill('1500,5');
    await page.getByLabel('Tên người ủng hộ').fill('Lê Thị Bình');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText('Có mục chưa đúng, xem bên cạnh từng ô.').waitFor();
    const amountField = page.locator('.field', { has: page.getByLabel('Số tiền') });
    await expectText(amountField, /Số tiền viết như 1\.500\.000 hoặc 1500000\.|Giá trị không hợp lệ\./);
    await checkScreen(page, '03-record-donation-error');

    // Foreign currency: the VND amount is shown as the rate is typed.
    await page.getByLabel('Số tiền').fill('100');
    await page.getByLabel('Loại tiền').selectOption('USD');
    await page.getByLabel('Tỷ giá (đồng cho 1 đơn vị)').fill('25.400');
    await page.getByText('Quy ra đồng: 2.540.000 ₫').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 2\.540\.000 ₫\./).waitFor();

    // In kind, with its items and their valuation.
    await page.getByRole('button', { name: 'Ghi nhận khoản khác' }).click();
    await page.getByLabel('Hình thức').selectOption('in_kind');
    await page.getByLabel('Giá trị quy ra đồng').fill('7500000');
    await page.getByLabel('Mô tả hiện vật').fill('Gạo ST25');
    await page.getByLabel('Số lượng').fill('1.500');
    await page.getByLabel('Đơn vị tính').fill('kg');
    await page.getByLabel('Cách định giá').fill('Giá thị trường ngày nhận');
    await page.getByLabel('Loại người ủng hộ').selectOption('organization');
    await page.getByLabel('Tên người ủng hộ').fill('Công ty Gạo Việt');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 7\.500\.000 ₫\./).waitFor();

    // Restricted to a purpose, for a campaign.
    await page.getByRole('button', { name: 'Ghi nhận khoản khác' }).click();
    await page.getByLabel('Số tiền').fill('3.000.000');
    await page.getByLabel('Tên người ủng hộ').fill('Phạm Minh Châu');
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption('hoc-bong-2026');
    await page.getByLabel('Tiền có mục đích chỉ định').check();
    await page.getByLabel('Mục đích chỉ định', { exact: true }).fill('Học bổng cho học sinh nghèo');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 3\.000\.000 ₫\./).waitFor();

    // Enough donations for a second page of the register.
    for (let i = 1; i <= 20; i += 1) {
      await fetch(`${web.base}/v1/funds/${fundId}/donations`, {
        method: 'POST', headers: { authorization: `Bearer ${lan.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: '100000', channel: 'cash', receivedAt: new Date().toISOString(), donor: { name: `Người ủng hộ ${i}`, kind: 'individual' } }),
      });
    }

    await page.getByRole('link', { name: 'Quyên góp', exact: true }).click();
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await page.getByText('Trang 2').waitFor();
    await page.getByLabel('Người ủng hộ (gõ không dấu cũng được)').fill('nguyen van an');
    await page.getByRole('button', { name: 'Tìm' }).click();
    const anRow = page.getByRole('row', { name: /Nguyễn Văn An/ });
    await anRow.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await checkScreen(page, '04-donations-register');
    await page.getByLabel('Người ủng hộ (gõ không dấu cũng được)').fill('');
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption('hoc-bong-2026');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('row', { name: /Phạm Minh Châu/ }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    // The goods' quantity as people read numbers: 1.500 kg.
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption('');
    await page.getByLabel('Người ủng hộ (gõ không dấu cũng được)').fill('cong ty gao viet');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('row', { name: /Công ty Gạo Việt/ }).getByText('1.500 kg Gạo ST25').waitFor();
    await page.getByLabel('Người ủng hộ (gõ không dấu cũng được)').fill('');
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption('hoc-bong-2026');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('row', { name: /Phạm Minh Châu/ }).waitFor();

    // Print that donation's receipt from the register: a PDF, and the ledger records it as issued.
    const receiptLink = page.getByRole('row', { name: /Phạm Minh Châu/ }).getByRole('link', { name: /^In biên nhận/ });
    const receiptPath = String(await receiptLink.getAttribute('href'));
    const receipt = await page.request.get(receiptPath);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toMatch(/^application\/pdf/);
    expect((await receipt.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = await asAdmin(web, 'GET', receiptPath.replace(/\/receipt\.pdf$/, ''));
    expect(printed.receiptIssuedAt).not.toBeNull();

    // Reverse the first donation with a reason, from the register.
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption('');
    await page.getByLabel('Người ủng hộ (gõ không dấu cũng được)').fill('nguyen van an');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await anRow.getByRole('button', { name: /Hủy bút toán/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Ghi trùng với sao kê ngân hàng');
    // The correction's date: blank is today; it is checked before sending, and the ledger refuses one before the gift, beside the field.
    const dateField = dialog.locator('.field', { has: page.getByLabel('Ngày hạch toán điều chỉnh (không bắt buộc)') });
    // A day its month lacks is said as such; a date written another way is shown how to write it.
    await dialog.getByLabel('Ngày hạch toán điều chỉnh (không bắt buộc)').fill('31/02/2026');
    await dialog.getByRole('button', { name: 'Hủy bút toán' }).click();
    await dateField.getByText('Tháng 2/2026 không có ngày 31.').waitFor();
    await dialog.getByLabel('Ngày hạch toán điều chỉnh (không bắt buộc)').fill('2026-02-28');
    await dialog.getByRole('button', { name: 'Hủy bút toán' }).click();
    await dateField.getByText('Ngày viết như 31/12/2026.').waitFor();
    const vnDay = (offsetDays: number) => new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    await dialog.getByLabel('Ngày hạch toán điều chỉnh (không bắt buộc)').fill(vnDay(-1));
    await dialog.getByRole('button', { name: 'Hủy bút toán' }).click();
    await dateField.getByText('Ngày hạch toán điều chỉnh không được trước ngày của bút toán gốc.').waitFor();
    await dialog.getByLabel('Ngày hạch toán điều chỉnh (không bắt buộc)').fill(vnDay(0));
    await checkScreen(page, '05-reverse-dialog');
    await dialog.getByRole('button', { name: 'Hủy bút toán' }).click();
    await page.getByText('Đã hủy: Ghi trùng với sao kê ngân hàng').waitFor();

    // The ledger's own figures: each donation once, the reversed one out of the balance.
    const donations = await asAdmin(web, 'GET', `/v1/funds/${fundId}/donations?donor=nguyen%20van%20an&minPosition=${await web.ledger.store.headPosition()}`);
    expect((donations.items as unknown[]).length).toBe(1);
    const balance = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    // 2.540.000 (USD) + 3.000.000 (restricted) + 20 × 100.000 in money; the rice is in kind.
    expect(balance.received).toBe(String(2_540_000 + 3_000_000 + 2_000_000));
    expect(balance.inKindReceived).toBe('7500000');
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByText('7.540.000 ₫').first().waitFor();
    await screenshot(page, '02-dashboard-after');
  });

  it('imports a statement by drag and drop with its progress and result; the same file again adds nothing', async () => {
    const thu = await person(web, 'Phan Thị Thu', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, thu.name, thu.password);
    await page.getByRole('link', { name: 'Nhập sao kê' }).click();
    await page.getByLabel('Số tài khoản (nếu sao kê không ghi)').fill('0071000123456');
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() - 2 * 86_400_000));
    const csv = [
      'Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng',
      `${day},FT-A1,500.000,Ung ho quy CTD,Nguyen Van Binh`,
      `${day},FT-A2,1.200.000,Ung ho nguoi ngheo,Tran Thi Cuc`,
      `${day},FT-A3,300000,Ung ho,Le Van Dung`,
      '32/13/2026,FT-A4,100.000,Ngay sai,Ai do',
    ].join('\n');
    const before = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    const dataTransfer = await page.evaluateHandle(`(() => { const dt = new DataTransfer(); dt.items.add(new File([${JSON.stringify(csv)}], 'sao-ke-thang-12.csv', { type: 'text/csv' })); return dt; })()`);
    const dropZone = page.getByTestId('drop-zone');
    for (const type of ['dragenter', 'dragover', 'drop']) await dropZone.dispatchEvent(type, { dataTransfer });
    const result = page.getByRole('region', { name: 'Kết quả nhập sao-ke-thang-12.csv' });
    await result.waitFor();
    await page.getByText('Đã tải lên').waitFor();
    expect(await result.locator('[data-figure="imported"]').innerText()).toBe('3');
    expect(await result.locator('[data-figure="rejected"]').innerText()).toBe('1');
    await result.getByRole('row', { name: /^5 / }).waitFor();
    // A statement with a refused line is not recorded: the screen says so, and what to do.
    await result.getByText('Sao kê này chưa được ghi nhận vì có dòng bị từ chối: sửa các dòng dưới đây trong tệp rồi nhập lại; các dòng đã ghi sổ sẽ không bị ghi lần nữa.').waitFor();
    expect(await result.getByRole('link', { name: 'Xem đối chiếu tài khoản' }).count()).toBe(0);
    await checkScreen(page, '11-statement-import');
    const csvDownload = page.waitForEvent('download');
    await result.getByRole('link', { name: 'Tải kết quả (CSV)' }).click();
    expect((await csvDownload).suggestedFilename()).toBe('ket-qua-sao-ke-thang-12.csv');

    await page.locator('input[type="file"]').setInputFiles({ name: 'sao-ke-thang-12.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('region', { name: 'Kết quả nhập sao-ke-thang-12.csv' }).locator('[data-figure="duplicates"]').getByText('3').waitFor();
    expect(await page.locator('[data-figure="imported"]').innerText()).toBe('0');

    const after = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(BigInt(String(after.received)) - BigInt(String(before.received))).toBe(2_000_000n);

    // A bank fee dated before the fund held any money is not booked: the screen says why, in Vietnamese.
    const feeCsv = ['Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Nội dung', '02/01/2024,FEE-1,11.000,,Phi SMS Banking'].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'phi-sms.csv', mimeType: 'text/csv', buffer: Buffer.from(feeCsv) });
    const feeResult = page.getByRole('region', { name: 'Kết quả nhập phi-sms.csv' });
    await feeResult.getByText(/^Dòng 2: phí ngân hàng lớn hơn số tiền không chỉ định của hợp phần vào ngày đó nên chưa ghi/).waitFor();
    await checkScreen(page, '15-statement-fee-left');
  });

  it('works on a 360 px phone, keyboard only', async () => {
    const minh = await person(web, 'Đỗ Văn Minh', ['accountant']);
    const { page, context } = await personPage(web, { width: 360, height: 740 });
    await page.goto('/');
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(minh.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(minh.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Trình đơn chính' }).waitFor();
    await page.goto('/quyen-gop/moi');
    await page.getByLabel('Số tiền').focus();
    await page.keyboard.type('250000');
    await page.getByLabel('Tên người ủng hộ').focus();
    await page.keyboard.type('Hoàng Thu Hà');
    await page.keyboard.press('Enter');
    await page.getByText(/Đã ghi nhận biên nhận .*: 250\.000 ₫\./).waitFor();
    await checkScreen(page, '09-phone-record-donation');
    // No screen is wider than the phone: wide tables scroll inside their own frame.
    for (const [link, name] of [['Tổng quan', 'dashboard'], ['Quyên góp', 'donations'], ['Chi quỹ', 'disbursements'], ['Nhập sao kê', 'import']] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screenshot(page, `09-phone-${name}`);
    }
    await context.close();
  });

  it('a session that ends under a half-filled form asks for the password over the page: what was typed stays, and is sent once back', async () => {
    const thu = await person(web, 'Vũ Thị Thu', ['accountant']);
    const { page, context } = await personPage(web);
    await signIn(page, thu.name, thu.password);
    await page.goto('/quyen-gop/moi');
    await page.getByLabel('Số tiền').fill('750.000');
    await page.getByLabel('Tên người ủng hộ').fill('Trịnh Văn Khải');
    // Signed out in another tab of the same browser: the session of this page has ended.
    const other = await context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: 'Đăng xuất' }).click();
    await other.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await other.close();
    await page.bringToFront();
    // Sent (unless the page already noticed on coming to the front): refused, and the password asked for where she is.
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click({ timeout: 3_000 }).catch(() => undefined);
    const dialog = page.getByRole('dialog', { name: 'Phiên đăng nhập đã hết' });
    await dialog.getByText(/^Nhập lại mật khẩu của Vũ Thị Thu để làm tiếp/).waitFor();
    await dialog.getByLabel('Mật khẩu').fill('không phải mật khẩu');
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.getByText('Mật khẩu không đúng.').waitFor();
    await checkScreen(page, '05-session-ended');
    await dialog.getByLabel('Mật khẩu').fill(thu.password);
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Số tiền').inputValue()).toBe('750.000');
    expect(await page.getByLabel('Tên người ủng hộ').inputValue()).toBe('Trịnh Văn Khải');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 750\.000 ₫\./).waitFor();
    await context.close();
  });
  it('records state budget money under its revenue category, outside the management-cost base, and the receipt\'s detail says so', async () => {
    const fund = await openFund(web, 'ctd-ngan-sach', 'Quỹ nhận ngân sách');
    const lan = await person(web, 'Đỗ Thị Ngân', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.locator('.fund-picker select').selectOption(fund);
    await page.getByRole('link', { name: 'Ghi nhận quyên góp' }).click();
    await page.getByLabel('Số tiền').fill('50.000.000');
    await page.getByLabel('Loại người ủng hộ').selectOption('organization');
    await page.getByLabel('Tên người ủng hộ').fill('UBND tỉnh Yên Bái');
    await page.getByLabel('Nguồn thu').selectOption('state_budget');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 50\.000\.000 ₫\./).waitFor();

    const ledgerSays = await asAdmin(web, 'GET', `/v1/funds/${fund}/donations?minPosition=${await web.ledger.store.headPosition()}`);
    const [recorded] = ledgerSays.items as { receiptNo: string; revenueCategory: string; inManagementCostBase: boolean }[];
    expect(recorded).toMatchObject({ revenueCategory: 'state_budget', inManagementCostBase: false });
    expect(await asAdmin(web, 'GET', `/v1/funds/${fund}/management-cost`)).toMatchObject({ base: '0' });
    await page.getByRole('link', { name: 'Quyên góp', exact: true }).click();
    await page.getByRole('button', { name: `Xem chi tiết biên nhận ${recorded.receiptNo}` }).click();
    const detail = page.getByRole('dialog', { name: `Biên nhận ${recorded.receiptNo}` });
    expect(await detail.locator('[data-figure="revenue-category"]').innerText()).toBe('Ngân sách nhà nước (nhiệm vụ được giao, đặt hàng): ngoài cơ sở tính chi phí quản lý');
    await checkScreen(page, '13-donation-detail-state-budget');
  });
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp): Promise<void> {
  await locator.getByText(pattern).waitFor();
}
