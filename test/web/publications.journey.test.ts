import { createHash } from 'node:crypto';
import { asAdmin, asPerson, checkScreen, eventually, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 15, "Publications and deadlines": the dashboard's "Hạn công khai" shows a campaign's
 * receipts total coming due; the accountant records its publication on "Công khai", the file's
 * SHA-256 computed in the browser; the obligation moves from due to met, and leaves the card.
 */
describe('staff app: publications and their deadlines', () => {
  let web: WebLedger;
  let fundId: string;
  const DAY = 86_400_000;
  /** Receiving ended five days ago (Vietnam time): its total received is due ten days from now. */
  const receiveUntil = new Date(Date.now() - 5 * DAY);
  const vietnamDay = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const obligationYear = vietnamDay(receiveUntil).slice(0, 4);

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'lu-mien-trung', name: 'Lũ miền Trung', kind: 'disaster',
      receiveFrom: new Date(Date.now() - 20 * DAY).toISOString(), receiveUntil: receiveUntil.toISOString(),
      distributeUntil: new Date(Date.now() + 10 * DAY).toISOString(),
    });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('the receipts obligation of a campaign moves from due to met when its publication is recorded in the app', async () => {
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);

    const card = page.getByRole('region', { name: 'Hạn công khai' });
    await card.getByText(/Sắp đến hạn: Tổng số tiếp nhận · Lũ miền Trung/).waitFor();

    await page.getByRole('link', { name: 'Công khai', exact: true }).click();
    await page.getByRole('heading', { name: 'Công khai', level: 1 }).waitFor();
    await page.getByLabel('Năm', { exact: true }).selectOption(obligationYear);
    const receiptsRow = page.getByRole('row', { name: /Tổng số tiếp nhận · Lũ miền Trung/ });
    await receiptsRow.getByText('Chưa đến hạn').waitFor();
    await checkScreen(page, '30-publications');

    // The file's SHA-256 is computed in the browser, and is the file's own.
    const file = Buffer.from('Báo cáo tổng số tiền tiếp nhận đợt Lũ miền Trung', 'utf8');
    const expected = createHash('sha256').update(file).digest('hex');
    await page.getByLabel('Nội dung công khai').selectOption('campaign-receipts');
    await page.getByLabel('Đợt vận động').selectOption('lu-mien-trung');
    await page.getByLabel('Hình thức').selectOption('website');
    await page.getByLabel('Địa chỉ (URL)').fill('https://chuthapdo.example.vn/cong-khai/lu-mien-trung');
    await page.getByLabel(/Tệp đã công khai/).setInputFiles({ name: 'tiep-nhan.pdf', mimeType: 'application/pdf', buffer: file });
    await eventually(async () => page.getByLabel('SHA-256 của tệp').inputValue(), expected);
    // Dated before receiving ended: refused beside the date, with the first day it may be dated.
    const dateField = page.getByRole('textbox', { name: 'Ngày công khai' });
    const today = await dateField.inputValue();
    await dateField.fill('01/01/2020');
    await page.getByRole('button', { name: 'Ghi nhận công khai' }).click();
    await page.locator('.field', { has: dateField })
      .getByText(/^Ngày công khai 01\/01\/2020 quá sớm: tổng số tiếp nhận của đợt vận động chỉ được công khai từ ngày \d\d\/\d\d\/\d{4}, khi đợt vận động đã hết thời gian tiếp nhận$/).waitFor();
    await dateField.fill(today);
    // An address typed without its scheme is refused saying how to write it ("Giá trị không hợp lệ." before).
    const url = page.getByLabel('Địa chỉ (URL)');
    await url.fill('chuthapdo.example.vn/cong-khai/lu-mien-trung');
    await page.getByRole('button', { name: 'Ghi nhận công khai' }).click();
    await page.locator('.field', { has: url }).getByText('Nhập địa chỉ đầy đủ, bắt đầu bằng https:// (hoặc http://), ví dụ https://chuthapdo.vn/cong-khai.').waitFor();
    await url.fill('https://chuthapdo.example.vn/cong-khai/lu-mien-trung');
    await page.getByRole('button', { name: 'Ghi nhận công khai' }).click();
    await page.getByText('Đã ghi nhận pub-1.').waitFor();

    await receiptsRow.getByText('Đã công khai đúng hạn').waitFor();
    await receiptsRow.getByText(/pub-1/).waitFor();
    await checkScreen(page, '31-publications-met');

    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await card.getByText(/Sắp đến hạn: Tổng số tiếp nhận · Lũ miền Trung/).waitFor({ state: 'detached' });
    await card.getByText(/Lũ miền Trung/).first().waitFor();
  });

  it('the card lists an obligation left unmet years ago as overdue, and one of next year falling due within 30 days', async () => {
    const olderFund = await openFund(web, 'ctd-huyen-cu', 'Quỹ hoạt động Hội CTĐ huyện Cũ');
    const yearsAgo = (years: number, days = 0) => new Date(Date.now() - years * 365 * DAY + days * DAY).toISOString();
    // A programme of three years ago entered with its real dates: its call was due the day it began, and was never published.
    await asAdmin(web, 'POST', `/v1/funds/${olderFund}/campaigns`, {
      campaignId: 'xuan-yeu-thuong', name: 'Xuân yêu thương', kind: 'other', receiveFrom: yearsAgo(3), receiveUntil: yearsAgo(3, 20),
    });
    // A campaign beginning in 27 days: its call falls due then, in the next year when seen in December.
    await asAdmin(web, 'POST', `/v1/funds/${olderFund}/campaigns`, {
      campaignId: 'tet-nhan-ai', name: 'Tết Nhân ái', kind: 'tet', receiveFrom: new Date(Date.now() + 27 * DAY).toISOString(), receiveUntil: new Date(Date.now() + 40 * DAY).toISOString(),
    });
    const hoa = await person(web, 'Lê Thị Hoa', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.locator('.fund-picker select').selectOption(olderFund);
    const card = page.getByRole('region', { name: 'Hạn công khai' });
    await card.getByText(/Quá hạn: Văn bản kêu gọi vận động · Xuân yêu thương/).waitFor();
    await card.getByText(/Sắp đến hạn: Văn bản kêu gọi vận động · Tết Nhân ái/).waitFor();
  });

  it("a year published and then changed by a late gift says so on its row, with the position that reproduces what was published", async () => {
    const yearFund = await openFund(web, 'ctd-xa-nam-cu', 'Quỹ hoạt động Hội CTĐ xã Năm Cũ');
    const hoa = await person(web, 'Lê Thị Hoa', ['accountant']);
    const post = (path: string, body: unknown) => asPerson(web, hoa.token, 'POST', `/v1/funds/${yearFund}${path}`, body);
    const gift = (amount: string, receivedAt: string, reference: string) => post('/donations', {
      amount, channel: 'bank_transfer', receivedAt, reference, donor: { name: 'Phạm Văn Bình', kind: 'individual', publicName: null, taxCode: null, address: null, contact: null },
    });
    await gift('5000000', '2025-06-01T09:00:00+07:00', 'FT-2025-1');
    const published = await post('/publications', {
      kind: 'annual-contributions', period: '2025', channel: 'website', url: 'https://chuthapdo.example.vn/cong-khai/2025', publishedAt: '2026-03-20',
      contentSha256: createHash('sha256').update('Danh sách đóng góp năm 2025').digest('hex'),
    });
    const { page } = await personPage(web);
    await signIn(page, hoa.name, hoa.password);
    await page.locator('.fund-picker select').selectOption(yearFund);
    await page.getByRole('link', { name: 'Công khai', exact: true }).click();
    await page.getByLabel('Năm', { exact: true }).selectOption('2025');
    const yearRow = page.getByRole('row', { name: /Các khoản đóng góp của năm · 2025/ });
    await yearRow.getByText('Số liệu vẫn như lúc công bố').waitFor();
    // A quarter as people write it, never its code 2025-Q3.
    await page.getByRole('row', { name: /Công khai tài chính quý · quý 3\/2025/ }).waitFor();
    expect(await page.getByRole('row', { name: /2025-Q3/ }).count()).toBe(0);

    // A gift of August 2025 entered late: what was published is no longer what the books say.
    await gift('3000000', '2025-08-01T09:00:00+07:00', 'FT-2025-MUON');
    await page.reload();
    await page.getByLabel('Năm', { exact: true }).selectOption('2025');
    // The position the published file stated: the log's last event before the publication (on SQLite, the one before it).
    await yearRow.getByText(`Số liệu kỳ này đã thay đổi sau khi công bố (bản đã công bố: vị trí sổ ${String(Number(published.position) - 1)})`).waitFor();
    await checkScreen(page, '32-publications-figures-changed');
  });
});
