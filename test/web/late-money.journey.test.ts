import { asAdmin, asPerson, checkScreen, eventually, expectNoSidewaysScroll, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issues 18 and 16 in the browser: a statement brings two transfers for a campaign that had
 * already closed and a payment out the ledger cannot classify. The accountant finds the late
 * money on its own screen, assigns one transfer by the board's decision and returns the other to
 * its donor; the auditor reads what was decided; on the reconciliation screen the accountant
 * decides the line left to classify. Every figure on screen is the ledger's own answer.
 */
describe('staff app: late money and the lines left to classify', () => {
  let web: WebLedger;
  let fundId: string;
  let lan: Awaited<ReturnType<typeof person>>;
  let minh: Awaited<ReturnType<typeof person>>;
  const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  const printed = (days: number) => day(days).split('-').reverse().join('/');

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    lan = await person(web, 'Trần Thị Lan', ['accountant']);
    minh = await person(web, 'Lê Văn Minh', ['auditor']);
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'lu-mien-trung', name: 'Ủng hộ đồng bào lũ miền Trung', kind: 'disaster',
      receiveFrom: `${day(-30)}T00:00:00+07:00`, receiveUntil: `${day(-8)}T00:00:00+07:00`,
    });
    const csv = [
      'Ngày giao dịch;Số CT;Số tiền ghi có;Số tiền ghi nợ;Nội dung;Tên đối ứng',
      `${printed(-12)};FT501;1.000.000;;NGUYEN VAN HAI ung ho lu;NGUYEN VAN HAI`,
      `${printed(-3)};FT502;500.000;;PHAM THI HOA ung ho lu;PHAM THI HOA`,
      `${printed(-2)};FT503;200.000;;DO VAN TAM ung ho lu;DO VAN TAM`,
      `${printed(-1)};FT504;;3.000.000;CHUYEN TIEN MUA GAO CUU TRO;CTY LUONG THUC`,
    ].join('\n');
    const answer = await fetch(`${web.base}/v1/funds/${fundId}/imports?campaignId=lu-mien-trung&bankAccount=0071000555666`, {
      method: 'POST', headers: { authorization: `Bearer ${lan.token}`, 'content-type': 'text/csv' }, body: `\uFEFF${csv}\n`,
    });
    const imported = (await answer.json()) as { imported: number; suspense: number; debits: { unclassified: number } };
    expect(imported).toEqual(expect.objectContaining({ imported: 3, suspense: 2, debits: expect.objectContaining({ unclassified: 1 }) }));
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('the accountant assigns one late transfer by a decision and returns the other to its donor', async () => {
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Tiền đến sau hạn' }).click();
    await page.getByRole('heading', { name: 'Tiền ủng hộ đến sau khi đợt vận động kết thúc' }).waitFor();
    await page.locator('[data-figure="waiting-total"]').getByText('Tổng số chờ quyết định: 700.000 ₫').waitFor();
    const waiting = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/suspense?status=waiting`);
    const [hoa, tam] = waiting.items as { donationId: string; donorName: string }[];
    expect([hoa.donorName, tam.donorName]).toEqual(['PHAM THI HOA', 'DO VAN TAM']);
    await checkScreen(page, '18-late-money-waiting');
    // The campaign by its name, as the assignment's choice names it, never by its id.
    await page.getByRole('article', { name: hoa.donationId }).getByText('Đợt vận động: Ủng hộ đồng bào lũ miền Trung').waitFor();

    const assign = page.getByRole('form', { name: `Phân bổ khoản ${hoa.donationId}` });
    await assign.getByLabel('Phân bổ vào').selectOption({ label: 'Đợt vận động Ủng hộ đồng bào lũ miền Trung' });
    await assign.getByLabel('Số quyết định').fill('25/QĐ-CTĐ');
    await assign.getByRole('button', { name: 'Phân bổ' }).click();
    // The card leaves the waiting list once the answer is read back: it is decided.
    await page.getByRole('region', { name: 'Đã xử lý' }).getByText('SA-000001').waitFor();

    const back = page.getByRole('group', { name: `Trả lại khoản ${tam.donationId}` });
    await back.getByRole('button', { name: 'Trả lại người ủng hộ' }).click();
    await back.getByText('Cần điền mục này.').waitFor();
    await back.getByLabel('Lý do trả lại').fill('Người ủng hộ đề nghị nhận lại');
    // Filled in, the field no longer says it is required.
    await back.getByText('Cần điền mục này.').waitFor({ state: 'detached', timeout: 5_000 });
    await back.getByRole('button', { name: 'Trả lại người ủng hộ' }).click();
    await page.getByRole('region', { name: 'Đã xử lý' }).getByText('RV-000001').waitFor();

    await page.locator('[data-figure="waiting-total"]').getByText('Tổng số chờ quyết định: 0 ₫').waitFor();
    const decided = page.getByRole('region', { name: 'Đã xử lý' });
    await decided.getByRole('row', { name: new RegExp(`^${hoa.donationId} PHAM THI HOA 500\\.000 ₫ Đã phân bổ Đợt vận động Ủng hộ đồng bào lũ miền Trung · 25/QĐ-CTĐ · SA-000001`) }).waitFor();
    await decided.getByRole('row', { name: new RegExp(`^${tam.donationId} DO VAN TAM 200\\.000 ₫ Đã trả lại`) }).waitFor();
    await checkScreen(page, '18-late-money-decided');

    // The balance projection follows the log: read until it has the reversal.
    await eventually(async () => (await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance`)).received, '1500000');
    const balance = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance`);
    expect(balance).toMatchObject({ received: '1500000', suspense: '0' });
    expect((balance.byCampaign as Record<string, { received: string; movedIn: string }>)['lu-mien-trung']).toMatchObject({ received: '1000000', movedIn: '500000' });
  });

  it('the auditor reads what was decided, on a phone, without a form to change it', async () => {
    const { page } = await personPage(web, { width: 390, height: 844 });
    await signIn(page, minh.name, minh.password);
    await page.goto('/tien-den-sau-han');
    await page.getByRole('heading', { name: 'Tiền ủng hộ đến sau khi đợt vận động kết thúc' }).waitFor();
    await page.getByText('Không có khoản nào chờ quyết định.').waitFor();
    await page.getByRole('region', { name: 'Đã xử lý' }).getByText('SA-000001').waitFor();
    expect(await page.getByRole('button', { name: 'Phân bổ' }).count()).toBe(0);
    await page.getByRole('region', { name: 'Đã xử lý' }).getByRole('row', { name: /DO VAN TAM/ }).waitFor();
    await checkScreen(page, '18-late-money-auditor-390');
    // On a phone each decided line is a card: nothing scrolls sideways.
    await expectNoSidewaysScroll(page);
  });

  it('the accountant decides the statement line no rule classified, on the reconciliation screen', async () => {
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Đối chiếu sao kê' }).click();
    const toClassify = page.getByRole('region', { name: 'Dòng sao kê chờ kế toán phân loại' });
    await toClassify.getByRole('row', { name: /−3\.000\.000 ₫ CHUYEN TIEN MUA GAO CUU TRO/ }).waitFor();
    // Named by its day, amount and account, not by a line number that runs per file.
    const form = page.getByRole('form', { name: /^Phân loại dòng 5 ngày \d\d\/\d\d\/\d{4}, −3\.000\.000 ₫, tài khoản / });
    await form.getByLabel('Dòng này là').selectOption({ label: 'Khoản chi đã chi (ghi số DB-…)' });
    await form.getByLabel('Lý do, căn cứ').fill('Mua gạo cứu trợ theo hợp đồng 05/HĐ');
    await form.getByRole('button', { name: 'Phân loại' }).click();
    await form.getByText('Cần điền mục này.').waitFor();
    await form.getByLabel('Dòng này là').selectOption({ label: 'Khác (ghi rõ lý do)' });
    await form.getByRole('button', { name: 'Phân loại' }).click();
    // Decided, the line leaves the list of lines to classify, and what was decided stays said.
    await page.getByText('Không còn dòng nào chờ phân loại.').waitFor();
    await toClassify.getByText(/^Đã phân loại dòng 5 ngày \d\d\/\d\d\/\d{4}, −3\.000\.000 ₫, tài khoản .*: Khác \(ghi rõ lý do\)\.$/).waitFor();
    await checkScreen(page, '16-statement-line-classified');
    // The day's debits are accounted for: among those the accountant classified, none left to classify.
    await page.locator('[data-figure="classified"]').filter({ hasText: '3.000.000 ₫' }).waitFor();
    const other = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/statement-lines?status=other&minPosition=${await web.ledger.store.headPosition()}`);
    expect(other.items).toEqual([expect.objectContaining({ kind: 'other', classificationId: 'CL-000001', note: 'Mua gạo cứu trợ theo hợp đồng 05/HĐ' })]);
  });
});
