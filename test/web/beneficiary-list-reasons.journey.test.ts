import { checkScreen, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * A commune's list with lines the ledger refuses: "Đối tượng" names each with its line number and
 * the reason in the app's language (Vietnamese first), whatever language the browser itself asks for.
 */
describe('staff app: the rejected lines of a commune list, in the app\'s language', () => {
  let web: WebLedger;
  let fundId: string;
  const LIST = [
    'STT,Họ và tên,Số CCCD,Địa chỉ',
    '1,Nguyễn Văn An,079123456789,Ấp 3',
    '2,Lê Thị Hoa,12345,Ấp 5',
    '3,,,Ấp 1',
  ].join('\n');

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows line 3 refused for its id number and line 4 for its missing name, in Vietnamese', async () => {
    expect(fundId).toBeTruthy();
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    // A staff member whose browser asks for English pages, in the app as it opens: Vietnamese.
    const { context } = await personPage(web);
    await context.close();
    const english = await web.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh', baseURL: web.base });
    const page = await english.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    const importing = page.getByRole('region', { name: 'Nhập danh sách của xã' });
    await importing.getByLabel('Xã, phường').fill('Xã Tân Phú');
    await importing.getByLabel('Số xác nhận của UBND xã').fill('12/QĐ-UBND');
    await importing.getByLabel('Tệp danh sách (CSV, XLSX)').setInputFiles({ name: 'ho-ngheo.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST, 'utf8') });
    await importing.getByRole('button', { name: 'Nhập danh sách' }).click();
    await importing.getByText('Đã nhập DS-0001: thêm 1, trùng với người đã có 0, dòng lặp lại trong tệp 0, dòng bị từ chối 2.').waitFor();
    const rejected = importing.getByRole('table');
    await rejected.getByRole('row', { name: /^3 / }).getByText('Số CMND/CCCD: phải gồm 9 (CMND) hoặc 12 (CCCD) chữ số').waitFor();
    await rejected.getByRole('row', { name: /^4 / }).getByText('Họ và tên: không được để trống').waitFor();
    await checkScreen(page, '40-beneficiaries-list-rejected-lines');
    await english.close();
  });

  it("warns, Vietnamese first, when the list's title names another commune than the one chosen; the list is recorded", async () => {
    const hoa = await person(web, 'Lê Thị Hòa', ['accountant']);
    const { page, context } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    const importing = page.getByRole('region', { name: 'Nhập danh sách của xã' });
    await importing.getByLabel('Xã, phường').fill('Xã Trà Tập');
    await importing.getByLabel('Số xác nhận của UBND xã').fill('51/QĐ-UBND');
    const titled = ['UBND XÃ TRÀ LENG', 'DANH SÁCH HỘ BỊ ẢNH HƯỞNG NĂM 2027', 'Họ và tên,Số CCCD,Địa chỉ', 'Hồ Văn Lũ,049088001122,Thôn 1'].join('\n');
    await importing.getByLabel('Tệp danh sách (CSV, XLSX)').setInputFiles({ name: 'tra-leng.csv', mimeType: 'text/csv', buffer: Buffer.from(titled, 'utf8') });
    await importing.getByRole('button', { name: 'Nhập danh sách' }).click();
    await importing.getByText(/^Đã nhập DS-\d+: thêm 1,/).waitFor();
    const warnings = importing.getByRole('table', { name: 'Cần xem lại: danh sách đã được ghi nhận' });
    await warnings.getByRole('row', { name: /^1 / }).getByText('Xã, phường: tiêu đề danh sách ghi XÃ TRÀ LENG; danh sách được nhập cho Xã Trà Tập').waitFor();
    await checkScreen(page, '40-beneficiaries-list-other-commune');
    await context.close();
  });

  it('counts a line repeating an earlier line of the file apart from people registered before, and names both names one id number carries', async () => {
    const lam = await person(web, 'Trần Văn Lâm', ['accountant']);
    const { page, context } = await personPage(web);
    await signIn(page, lam.name, lam.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    const importing = page.getByRole('region', { name: 'Nhập danh sách của xã' });
    await importing.getByLabel('Xã, phường').fill('Xã Trà Dơn');
    await importing.getByLabel('Số xác nhận của UBND xã').fill('52/QĐ-UBND');
    const twice = ['Họ và tên,Số CCCD,Địa chỉ', 'Nguyễn Thị Lụa,049188009911,Thôn 2', 'Đinh Văn Nam,049188009911,Thôn 2'].join('\n');
    await importing.getByLabel('Tệp danh sách (CSV, XLSX)').setInputFiles({ name: 'tra-don.csv', mimeType: 'text/csv', buffer: Buffer.from(twice, 'utf8') });
    await importing.getByRole('button', { name: 'Nhập danh sách' }).click();
    await importing.getByText(/^Đã nhập DS-\d+: thêm 1, trùng với người đã có 0, dòng lặp lại trong tệp 1, dòng bị từ chối 0\.$/).waitFor();
    const warnings = importing.getByRole('table', { name: 'Cần xem lại: danh sách đã được ghi nhận' });
    await warnings.getByRole('row', { name: /^3 / })
      .getByText('Số CMND/CCCD: cùng một hộ với dòng 2 (cùng số giấy tờ nhưng dòng đó ghi tên "Nguyễn Thị Lụa", dòng này "Đinh Văn Nam"); chỉ ghi vào danh sách một lần, hãy hỏi lại xã xem đây là ai')
      .waitFor();
    await checkScreen(page, '40-beneficiaries-list-repeated-id');
    await context.close();
  });
});
