import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { asPerson, checkScreen, screenshot, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 14, the auditor's day in the browser, read-only: the journal with positions and hashes,
 * the verification of the chain, the balance as of a business date or a log position, and a
 * report downloaded with its sha256 shown. Every figure is compared with the ledger's own
 * answer, and no screen offers the auditor anything that writes.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const vietnamDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

describe('staff app: the auditor', () => {
  let web: WebLedger;
  let fundId: string;
  let midPosition: number;
  let restrictedGiftPosition: number;
  let riceGiftPosition: number;

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    const accountant = await person(web, 'Kế toán Hà', ['accountant']);
    // Nguyễn Văn An gave ten days ago, Trần Thị Bé today: a report as of five days ago lists An alone.
    const first = await donate(web, accountant.token, fundId, '5000000', { donor: { name: 'Nguyễn Văn An', kind: 'individual' }, receivedAt: new Date(Date.now() - 10 * DAY_MS).toISOString() });
    midPosition = Number(first.position);
    await donate(web, accountant.token, fundId, '7000000', { donor: { name: 'Trần Thị Bé', kind: 'individual' } });
    // Money a donor set apart: the balance at a position shows its pool beside the components'.
    restrictedGiftPosition = Number((await donate(web, accountant.token, fundId, '1500000', {
      donor: { name: 'Lê Văn Cường', kind: 'individual' }, restriction: { purpose: 'Sữa cho trẻ em mồ côi', beneficiary: null },
    })).position);
    // Goods came in two gifts; the stock at a position counts only those recorded by then.
    riceGiftPosition = Number((await donate(web, accountant.token, fundId, '2500000', {
      channel: 'in_kind', donor: { name: 'Công ty Lương thực Miền Trung', kind: 'organization' },
      inKind: { description: 'Gạo tẻ', quantity: '100', unit: 'kg', valuationMethod: 'giá chợ' },
    })).position);
    await donate(web, accountant.token, fundId, '2000000', {
      channel: 'in_kind', donor: { name: 'Công ty Lương thực Miền Trung', kind: 'organization' },
      inKind: { description: 'Gạo tẻ', quantity: '80', unit: 'kg', valuationMethod: 'giá chợ' },
    });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('reads the journal, verifies, looks back at a position and downloads a report with its sha256, writing nothing', async () => {
    const mai = await person(web, 'Kiểm toán Mai', ['auditor']);
    const { page } = await personPage(web);
    await signIn(page, mai.name, mai.password);
    const menu = page.getByRole('navigation', { name: 'Trình đơn chính' });
    for (const writing of ['Ghi nhận quyên góp', 'Đợt vận động', 'Chờ tôi duyệt', 'Giải ngân khẩn cấp', 'Quản trị']) expect(await menu.getByRole('link', { name: writing }).count()).toBe(0);
    await menu.getByRole('link', { name: 'Quyên góp' }).click();
    await page.getByRole('row', { name: /Nguyễn Văn An/ }).waitFor();
    expect(await page.getByRole('button', { name: /Hủy bút toán/ }).count()).toBe(0);
    await menu.getByRole('link', { name: 'Chi quỹ' }).click();
    expect(await page.getByRole('button', { name: 'Lập đề nghị chi' }).count()).toBe(0);

    await menu.getByRole('link', { name: 'Kiểm toán' }).click();
    const journal = page.getByRole('region', { name: 'Nhật ký sổ' });
    const lines = (await (await fetch(`${web.base}/v1/journal`, { headers: { authorization: `Bearer ${mai.token}` } })).text()).trim().split('\n').map((l) => JSON.parse(l) as { position: number; hash: string });
    await journal.getByRole('row', { name: new RegExp(`^${lines[0].position} .*${lines[0].hash}`) }).waitFor();
    expect(await journal.locator('tbody tr').count()).toBe(lines.length);

    await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    const verified = await asPerson(web, mai.token, 'GET', '/v1/audit/verify');
    await page.getByText(`Chuỗi băm toàn vẹn: đã kiểm ${String(verified.eventsChecked)} sự kiện.`).waitFor();

    const lookBack = page.getByRole('region', { name: 'Số dư tại một thời điểm' });
    await lookBack.getByLabel('Theo vị trí sổ').fill(String(midPosition));
    await lookBack.getByRole('button', { name: 'Xem' }).click();
    const atMid = await asPerson(web, mai.token, 'GET', `/v1/funds/${fundId}/balance?atPosition=${midPosition}`);
    expect(atMid.available).toBe('5000000');
    await lookBack.getByText('Có thể chi: 5.000.000 ₫').waitFor();
    await lookBack.getByText(`Đọc tại vị trí sổ ${String(atMid.asOfPosition)}`).waitFor();
    // At the last gift: the components' unrestricted money and the pool set apart add up to the figure above.
    await lookBack.getByLabel('Theo vị trí sổ').fill(String(restrictedGiftPosition));
    await lookBack.getByRole('button', { name: 'Xem' }).click();
    await lookBack.getByText('Có thể chi: 13.500.000 ₫').waitFor();
    await lookBack.getByRole('table', { name: 'Tiền có mục đích chỉ định' }).getByRole('row', { name: /Sữa cho trẻ em mồ côi.*1\.500\.000 ₫/ }).waitFor();

    // The in-kind stock by the log's clocks: at the first gift of rice, 100 kg; before it, none; no business date to type.
    const stockAt = page.getByRole('region', { name: 'Kho hiện vật tại một thời điểm của sổ' });
    expect(await stockAt.getByLabel('Theo ngày nghiệp vụ').count()).toBe(0);
    await stockAt.getByLabel('Theo vị trí sổ').fill(String(riceGiftPosition));
    await stockAt.getByRole('button', { name: 'Xem' }).click();
    const stockThen = await asPerson(web, mai.token, 'GET', `/v1/funds/${fundId}/stock?atPosition=${riceGiftPosition}`);
    expect(stockThen.items).toEqual([expect.objectContaining({ description: 'Gạo tẻ', received: '100', onHand: '100' })]);
    await stockAt.getByRole('table', { name: 'Kho hiện vật' }).getByRole('row', { name: /Gạo tẻ kg 100 0 0 100 100/ }).waitFor();
    await stockAt.getByText(`Đọc tại vị trí sổ ${String(riceGiftPosition)}`).waitFor();
    await stockAt.getByLabel('Theo vị trí sổ').fill(String(riceGiftPosition - 1));
    await stockAt.getByRole('button', { name: 'Xem' }).click();
    await stockAt.getByText('Lúc đó kho không có hàng hiện vật nào.').waitFor();
    await stockAt.getByLabel('Theo vị trí sổ').fill('');
    await stockAt.getByRole('button', { name: 'Xem' }).click();
    await stockAt.getByRole('table', { name: 'Kho hiện vật' }).getByRole('row', { name: /Gạo tẻ kg 180 0 0 180 180/ }).waitFor();
    await checkScreen(page, '10-audit-stock-at');

    const reports = page.getByRole('region', { name: 'Báo cáo' });
    await reports.getByLabel('Báo cáo', { exact: true }).selectOption('donors');
    await reports.getByLabel('Định dạng').selectOption('csv');
    await reports.getByRole('button', { name: 'Tải về' }).click();
    const shown = await reports.locator('[data-sha256]').getAttribute('data-sha256');
    const bytes = Buffer.from(await (await fetch(`${web.base}/v1/funds/${fundId}/reports/donors?format=csv`, { headers: { authorization: `Bearer ${mai.token}` } })).arrayBuffer());
    expect(shown).toBe(createHash('sha256').update(bytes).digest('hex'));
    const download = page.waitForEvent('download');
    await reports.getByRole('link', { name: `${fundId}-donors.csv` }).click();
    expect((await download).suggestedFilename()).toBe(`${fundId}-donors.csv`);
    // The CSV states the position it was computed at, as its X-Report-Position says.
    const donorsAt = await fetch(`${web.base}/v1/funds/${fundId}/reports/donors?format=json`, { headers: { authorization: `Bearer ${mai.token}` } });
    const headPosition = ((await donorsAt.json()) as { position: number }).position;
    await reports.getByText(`Báo cáo tính tại vị trí sổ ${String(headPosition)}`).waitFor();
    await checkScreen(page, '10-audit');

    // The same three clocks as the balance: a report as of a business date (the period ends there) ...
    const fiveDaysAgo = vietnamDay.format(new Date(Date.now() - 5 * DAY_MS));
    const asOfDay = fiveDaysAgo.split('/').reverse().join('-');
    await reports.getByLabel('Định dạng').selectOption('json');
    await reports.getByLabel('Theo ngày nghiệp vụ').fill(fiveDaysAgo);
    await reports.getByRole('button', { name: 'Tải về' }).click();
    const asOf = (await asPerson(web, mai.token, 'GET', `/v1/funds/${fundId}/reports/donors?asOf=${asOfDay}`)) as { position: number; to: number; rows: { donor?: string; name?: string }[]; sha256: string };
    expect(asOf.to).toBe(Date.parse(`${asOfDay}T23:59:59.999+07:00`));
    expect(JSON.stringify(asOf.rows)).toContain('Nguyễn Văn An');
    expect(JSON.stringify(asOf.rows)).not.toContain('Trần Thị Bé');
    await reports.getByText(`Kỳ báo cáo: đầu sổ đến ${fiveDaysAgo}`).waitFor();
    await reports.getByText(`Báo cáo tính tại vị trí sổ ${String(asOf.position)}`).waitFor();
    const asOfBytes = Buffer.from(await (await fetch(`${web.base}/v1/funds/${fundId}/reports/donors?format=json&asOf=${asOfDay}`, { headers: { authorization: `Bearer ${mai.token}` } })).arrayBuffer());
    expect(await reports.locator('[data-sha256]').getAttribute('data-sha256')).toBe(createHash('sha256').update(asOfBytes).digest('hex'));
    // ... at a log position, stated as the report's ...
    await reports.getByLabel('Theo ngày nghiệp vụ').fill('');
    await reports.getByLabel('Theo vị trí sổ').fill(String(midPosition));
    await reports.getByRole('button', { name: 'Tải về' }).click();
    await reports.getByText(`Báo cáo tính tại vị trí sổ ${String(midPosition)}`).waitFor();
    await reports.getByText('Kỳ báo cáo: đầu sổ đến nay').waitFor();
    // ... and as recorded before a moment, typed in Vietnam time: before the fund was opened there was no such fund.
    await reports.getByLabel('Theo vị trí sổ').fill('');
    await reports.getByLabel('Ghi nhận trước').fill('31/12/2026');
    await reports.getByRole('button', { name: 'Tải về' }).click();
    await reports.getByText('Ngày giờ viết như 31/12/2026 17:00 (giờ Việt Nam).').waitFor();
    await reports.getByLabel('Ghi nhận trước').fill('01/01/2020 08:00');
    await reports.getByRole('button', { name: 'Tải về' }).click();
    await reports.getByText('Không tìm thấy.').waitFor();

    // The file tampered with under the running server: verify names the first bad position.
    const db = new Database(join(web.ledger.dataDir, 'ledger.db'));
    try {
      const { data } = db.prepare('SELECT data FROM events WHERE position = ?').get(3) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data.replace(/}$/, ',"x":1}'), 3);
    } finally {
      db.close();
    }
    await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    await page.getByText('Chuỗi băm hỏng từ vị trí 3: nội dung không khớp mã băm').waitFor();

    // English is the second language of every string.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Audit', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Verify the hash chain' }).waitFor();
    await screenshot(page, '10-audit-english');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Kiểm toán', exact: true }).waitFor();
  });
});
