import { asAdmin, asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 14, what the dashboard and the registers still lacked, in the browser: the fund's recent
 * activity (the latest events, who recorded them) and the statement imports whose answer had
 * rejected lines, listed for the accountant to look at again; the donations register filtered by
 * dates and by amount; the receipts of a period; the management-cost working of a year. Every
 * figure on screen is the ledger's own answer.
 */
describe('staff app: the dashboard\'s activity and imports, the registers\' filters, the management cost', () => {
  let web: WebLedger;
  let fundId: string;
  let hoa: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    hoa = await person(web, 'Ngô Thị Hoa', ['accountant']);
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows the latest events with who recorded them, and the import with a rejected line to look at again', async () => {
    const other = await person(web, 'Kế toán Quân', ['accountant']);
    const gift = await donate(web, other.token, fundId, '4200000', { donor: { name: 'Lý Văn Phúc', kind: 'individual' } });
    const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() - 86_400_000));
    const csv = ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', `${day},FT-D1,650.000,Ung ho,Vo Thi Mai`, '31/02/2026,FT-D2,100.000,Ngay sai,Ai do'].join('\n');
    const imported = await fetch(`${web.base}/v1/funds/${fundId}/imports?bankAccount=0071000999888`, {
      method: 'POST', headers: { authorization: `Bearer ${other.token}`, 'content-type': 'text/csv' }, body: csv,
    });
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { rejectedCount: number }).rejectedCount).toBe(1);

    const { page } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.getByRole('region', { name: 'Việc cần tôi làm' }).getByText('1 lần nhập sao kê có dòng bị từ chối hoặc cảnh báo').waitFor();
    const toReview = page.getByRole('region', { name: 'Sao kê cần xem lại' });
    const row = toReview.getByRole('row', { name: /0071000999888.*Kế toán Quân/ });
    await row.waitFor();
    expect(await row.locator('[data-figure="imported"]').innerText()).toBe('1');
    await row.getByText(/^Dòng 3: /).waitFor();

    const activity = page.getByRole('region', { name: 'Hoạt động gần đây' });
    const recent = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/activity?limit=15`);
    const items = recent.items as { position: number; type: string }[];
    expect(items.map((line) => line.type)).toEqual(['DonationRecorded', 'DonationRecorded', 'FundOpened']);
    await activity.getByRole('row', { name: new RegExp(`^${items[0].position} Ghi nhận quyên góp .*650\\.000 ₫ Kế toán Quân`) }).waitFor();
    await activity.getByRole('row', { name: new RegExp(`^${String(gift.position)} Ghi nhận quyên góp ${String(gift.receiptNo)} 4\\.200\\.000 ₫ Kế toán Quân`) }).waitFor();
    await activity.getByRole('row', { name: /Mở quỹ/ }).waitFor();
    expect(await activity.locator('tbody tr').count()).toBe(3);
    await checkScreen(page, '12-dashboard-activity-imports');

    // What she records herself is the newest line as soon as she comes back.
    await page.getByRole('link', { name: 'Ghi nhận quyên góp' }).click();
    await page.getByLabel('Số tiền').fill('300.000');
    await page.getByLabel('Tên người ủng hộ').fill('Đinh Công Tráng');
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận biên nhận .*: 300\.000 ₫\./).waitFor();
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await activity.locator('tbody tr').first().getByText('Ngô Thị Hoa').waitFor();
    expect(await activity.locator('tbody tr').first().innerText()).toMatch(/Ghi nhận quyên góp\s.*300\.000 ₫/);

    // Line 3 entered by hand: she says so, and the import leaves the list, its note kept.
    await row.getByRole('button', { name: /^Đã xử lý xong lần nhập lúc / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Đã xử lý xong' }).click();
    await dialog.getByText('Cần điền mục này.').waitFor();
    await dialog.getByLabel('Đã làm gì').fill('Dòng 3 sai ngày: đã ghi tay theo chứng từ ngân hàng');
    await checkScreen(page, '12-dashboard-import-reviewed');
    await dialog.getByRole('button', { name: 'Đã xử lý xong' }).click();
    await toReview.getByText('Không có lần nhập sao kê nào cần xem lại.').waitFor();
    expect(await page.getByRole('region', { name: 'Việc cần tôi làm' }).getByText(/lần nhập sao kê có dòng bị từ chối/).count()).toBe(0);
    const imports = (await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/imports`)).items as { needsReview: boolean; reviewed: { by: { name: string }; note: string } | null }[];
    expect(imports[0]).toMatchObject({ needsReview: false, reviewed: { by: { name: 'Ngô Thị Hoa' }, note: 'Dòng 3 sai ngày: đã ghi tay theo chứng từ ngân hàng' } });
  });

  it('filters the donations register by dates and by amount, prints a period\'s receipts, and reads the management-cost working', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const shown = (date: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
    await donate(web, hoa.token, fundId, '1234000', { receivedAt: daysAgo(10).toISOString(), donor: { name: 'Mười Ngày Trước', kind: 'individual' } });
    await donate(web, hoa.token, fundId, '2500000', { receivedAt: daysAgo(3).toISOString(), donor: { name: 'Ba Ngày Trước', kind: 'individual' } });
    await donate(web, hoa.token, fundId, '1234000', { donor: { name: 'Hôm Nay', kind: 'individual' } });
    await asPerson(web, hoa.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount: '700000', kind: 'management_cost', component: 'general', purpose: 'Văn phòng phẩm', beneficiary: 'Nhà sách Phương Nam',
    });

    const { page } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.getByRole('link', { name: 'Quyên góp', exact: true }).click();
    const filters = page.getByRole('search');
    await filters.getByLabel('Từ ngày').fill(shown(daysAgo(4)));
    await filters.getByLabel('Đến ngày').fill(shown(daysAgo(2)));
    await filters.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('row', { name: /Ba Ngày Trước.*2\.500\.000 ₫/ }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    const receipts = page.getByRole('link', { name: `In biên nhận mọi khoản nhận từ ${shown(daysAgo(4))} đến ${shown(daysAgo(2))}` });
    const pdf = await page.request.get(String(await receipts.getAttribute('href')));
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await filters.getByLabel('Từ ngày').fill('');
    await filters.getByLabel('Đến ngày').fill('');
    await filters.getByLabel('Số tiền').fill('1.234.000');
    await filters.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('row', { name: /Mười Ngày Trước/ }).waitFor();
    await page.getByRole('row', { name: /Hôm Nay/ }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('link', { name: /In biên nhận mọi khoản/ }).count()).toBe(0);
    await checkScreen(page, '13-donations-filters');
    const ledgerSays = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/donations?amount=1234000&minPosition=${await web.ledger.store.headPosition()}`);
    expect((ledgerSays.items as unknown[]).length).toBe(2);
    // A receipt number opens the donation as recorded: not printed yet, at its log position.
    const todays = (ledgerSays.items as { donationId: string; receiptNo: string; donor: { name: string } }[]).find((d) => d.donor.name === 'Hôm Nay') as { donationId: string; receiptNo: string };
    const recorded = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/donations/${todays.donationId}`);
    await page.getByRole('button', { name: `Xem chi tiết biên nhận ${todays.receiptNo}` }).click();
    const detail = page.getByRole('dialog', { name: `Biên nhận ${todays.receiptNo}` });
    await detail.getByText('Chưa in biên nhận').waitFor();
    await detail.getByText(`Đọc tại vị trí sổ ${String(recorded.position)}`).waitFor();
    await detail.getByText('1.234.000 ₫').waitFor();
    await checkScreen(page, '13-donation-detail');
    await detail.getByRole('button', { name: 'Đóng' }).click();

    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    const working = page.getByRole('region', { name: 'Chi phí quản lý' });
    const figures = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/management-cost`);
    const vnd = (value: unknown) => `${String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
    await working.getByRole('definition').filter({ hasText: vnd(figures.base) }).first().waitFor();
    expect(await working.locator('[data-figure="mgmt-used"]').innerText()).toBe(vnd(figures.used));
    expect(await working.locator('[data-figure="mgmt-remaining"]').innerText()).toBe(vnd(figures.remaining));
    await working.getByText(`Đọc tại vị trí sổ ${String(figures.position)}`).waitFor();
    await checkScreen(page, '14-management-cost');
    // A past year, as it closed.
    const lastYear = String(Number(figures.year) - 1);
    await working.getByLabel('Năm tài chính').fill(lastYear);
    await working.getByRole('button', { name: 'Xem' }).click();
    await working.getByLabel(`Chi phí quản lý năm ${lastYear}`).waitFor();
    const past = await asAdmin(web, 'GET', `/v1/funds/${fundId}/management-cost?year=${lastYear}`);
    expect(await working.locator('[data-figure="mgmt-used"]').innerText()).toBe(vnd(past.used));
    expect(await working.locator('[data-figure="mgmt-remaining"]').innerText()).toBe(vnd(past.remaining));
    await working.getByLabel('Năm tài chính').fill('năm ngoái');
    await working.getByRole('button', { name: 'Xem' }).click();
    await working.getByText('Giá trị không hợp lệ.').waitFor();
    await checkScreen(page, '14-management-cost-bad-year');
  });

  it('reverses a payment and an emergency release from the registers, each with its reason', async () => {
    const approver = await person(web, 'Duyệt chi Sơn', ['approver']);
    const coordinator = await person(web, 'Điều phối Vy', ['coordinator']);
    await donate(web, hoa.token, fundId, '30000000', { component: 'emergency-relief' });
    const request = await asPerson(web, hoa.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount: '900000', kind: 'relief', component: 'general', purpose: 'Mì gói cho hộ khó khăn', beneficiary: 'UBND phường Đa Kao',
    });
    const disbursements = `/v1/funds/${fundId}/disbursements/${String(request.disbursementId)}`;
    await asPerson(web, approver.token, 'POST', `${disbursements}/approve`, {});
    await asPerson(web, approver.token, 'POST', `${disbursements}/pay`, { paidAt: new Date().toISOString(), reference: 'PC-2026-077' });
    const release = await asPerson(web, coordinator.token, 'POST', `/v1/funds/${fundId}/emergency-releases`, {
      amount: '1500000', component: 'emergency-relief', incident: 'Ngập sâu phường Đa Kao', recipient: 'Tổ cứu hộ phường',
    });

    const { page } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    await page.getByRole('button', { name: 'Hủy bút toán: Mì gói cho hộ khó khăn' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do').fill('Chi nhầm hộ đã nhận đợt trước');
    await dialog.getByRole('button', { name: 'Hủy bút toán' }).click();
    await page.getByRole('region', { name: 'Sổ đề nghị chi' }).getByRole('row', { name: /Mì gói cho hộ khó khăn.*Đã hủy/ }).waitFor();
    // The register finds the reversed payments by their status, as the ledger does.
    await page.locator('select[name="status"]').selectOption({ label: 'Đã hủy' });
    await page.getByRole('region', { name: 'Sổ đề nghị chi' }).getByRole('row', { name: /Mì gói cho hộ khó khăn.*Đã hủy/ }).waitFor();
    await page.locator('select[name="status"]').selectOption({ label: 'Tất cả' });

    await page.getByRole('button', { name: 'Hủy bút toán: Ngập sâu phường Đa Kao' }).click();
    await page.getByRole('dialog').getByLabel('Lý do').fill('Giải ngân trùng với đội khác');
    await checkScreen(page, '15-reverse-release');
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy bút toán' }).click();
    await page.getByRole('region', { name: 'Sổ giải ngân khẩn cấp' }).getByRole('row', { name: /Ngập sâu phường Đa Kao.*Đã hủy/ }).waitFor();

    const reversed = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/disbursements?status=reversed&minPosition=${await web.ledger.store.headPosition()}`);
    expect((reversed.items as { disbursementId: string; status: string }[]).map((d) => d.disbursementId)).toEqual([request.disbursementId]);
    const cancelled = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/emergency-releases?status=cancelled&minPosition=${await web.ledger.store.headPosition()}`);
    expect((cancelled.items as { releaseId: string }[]).map((r) => r.releaseId)).toEqual([release.releaseId]);
    const balance = await asPerson(web, hoa.token, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(balance.outstandingEmergency).toBe('0');
  });
});
