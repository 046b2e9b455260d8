import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asPerson, checkScreen, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 16 in the browser: the accountant drops Vietcombank's own statement file, reads what
 * became of its lines (donations, the SMS fee, the interest, a transfer left to classify), opens
 * the reconciliation of the account and finds the statement's days against the books, and the
 * line left for her. Every figure on screen is the ledger's own answer.
 */
describe('staff app: a bank statement and its reconciliation', () => {
  let web: WebLedger;
  let fundId: string;
  let lan: Awaited<ReturnType<typeof person>>;
  const statement = readFileSync(join(__dirname, '..', 'import', 'fixtures', 'banks', 'vietcombank.csv'));

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    lan = await person(web, 'Trần Thị Lan', ['accountant']);
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('imports the statement as the bank gives it and reconciles the account day by day', async () => {
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Nhập sao kê' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'SaoKe_0011001932418.csv', mimeType: 'text/csv', buffer: statement });
    const result = page.getByRole('region', { name: 'Kết quả nhập SaoKe_0011001932418.csv' });
    await result.waitFor();
    await result.locator('[data-figure="imported"]').getByText('3').waitFor();
    expect(await result.locator('[data-figure="fees"]').innerText()).toBe('1');
    expect(await result.locator('[data-figure="interest"]').innerText()).toBe('1');
    expect(await result.locator('[data-figure="unclassified"]').innerText()).toBe('1');
    await result.getByText('Số dư khớp trên 4 dòng.').waitFor();
    await result.getByText('Sao kê tài khoản 0011001932418, 01/09/2024 – 02/09/2024').waitFor();
    await checkScreen(page, '16-statement-import-vietcombank');

    await result.getByRole('link', { name: 'Xem đối chiếu tài khoản' }).click();
    await page.getByRole('heading', { name: 'Đối chiếu sao kê ngân hàng' }).waitFor();
    const statements = page.getByRole('region', { name: 'Các sao kê đã nhập' });
    await statements.getByRole('row', { name: /^0011001932418 01\/09\/2024 – 02\/09\/2024 1\.000\.000\.000 ₫ 996\.714\.340 ₫ 6 Khớp \(4 số dư\)/ }).waitFor();

    const days = page.getByRole('region', { name: 'Tài khoản 0011001932418 theo từng ngày' });
    await days.getByText('Mọi ngày đều có sao kê.').waitFor();
    const first = days.locator('tr[data-day="2024-09-01"]');
    await first.waitFor();
    expect(await first.innerText()).toMatch(/700\.000 ₫\s+11\.000 ₫\s+1\.000\.689\.000 ₫\s+700\.000 ₫ \(2\)/);
    expect(await days.locator('tr[data-day="2024-09-02"] [data-figure="not-booked"]').innerText()).toBe('0 ₫');
    const answer = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/bank-accounts/0011001932418/reconciliation?minPosition=${await web.ledger.store.headPosition()}`);
    expect(answer.uncoveredDays).toEqual([]);

    const toClassify = page.getByRole('region', { name: 'Dòng sao kê chờ kế toán phân loại' });
    await toClassify.getByRole('row', { name: /^02\/09\/2024 0011001932418 15 −5\.000\.000 ₫ Chuyen tien ho tro xa Tan Son/ }).waitFor();
    await checkScreen(page, '16-reconciliation');
  });

  it('refuses a statement whose balance breaks, naming the line, and a file whose headings fit no layout, naming what it saw', async () => {
    const altered = readFileSync(join(__dirname, '..', 'import', 'fixtures', 'banks', 'vietinbank.csv'), 'utf8').replace(',,150.000,50.450.000,', ',,105.000,50.450.000,');
    const before = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/statements?minPosition=${await web.ledger.store.headPosition()}`);
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Nhập sao kê' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'LichSuGiaoDich.csv', mimeType: 'text/csv', buffer: Buffer.from(altered) });
    await page.getByText('Sao kê không khớp số dư: có dòng bị thiếu hoặc bị sửa. Chưa ghi sổ dòng nào. Số dư không khớp từ dòng 8.').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'khac.csv', mimeType: 'text/csv', buffer: Buffer.from('STT;Ngày chứng từ;Tiền vào\n1;01/09/2024;100.000\n') });
    await page.getByText(/Các tiêu đề cột thấy trong tệp: STT \| Ngày chứng từ \| Tiền vào\./).waitFor();
    await checkScreen(page, '16-statement-refused');
    expect(await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/statements`)).toEqual(expect.objectContaining({ statements: before.statements }));
  });
  it('imports a statement whose own totals line its lines do not add up to, and says so in Vietnamese beside the result', async () => {
    const csv = [
      'Số tài khoản: 0071000987654', 'Ngày giao dịch;Số CT;Số tiền ghi có;Số tiền ghi nợ;Nội dung',
      '03/09/2024;FT31;200.000;;PHAM VAN DUC ung ho', '03/09/2024;FT32;300.000;;VO THI EM ung ho', 'Cộng phát sinh;;600.000;0;', '',
    ].join('\r\n');
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Nhập sao kê' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'SaoKe_0071000987654.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByRole('region', { name: 'Kết quả nhập SaoKe_0071000987654.csv' });
    await result.locator('[data-figure="imported"]').getByText('2').waitFor();
    await result.getByRole('list', { name: 'Cảnh báo' }).getByText(
      'Dòng 5: dòng tổng cộng của sao kê (ghi có 600.000 ₫, ghi nợ 0 ₫) không khớp với tổng các dòng phía trên (ghi có 500.000 ₫, ghi nợ 0 ₫): '
        + 'có thể thiếu hoặc bị sửa một dòng, hãy đối chiếu tệp với sao kê của ngân hàng',
    ).waitFor();
    // Without a balance column no balance was compared: not said to agree.
    expect(await result.locator('[data-figure="balance-check"]').innerText()).toBe(
      'Sao kê không in số dư nên không kiểm tra được số dư từng dòng; sổ quỹ chỉ đối chiếu được với dòng tổng cộng (nếu có).',
    );
    await checkScreen(page, '16-statement-totals-differ');
  });
});
