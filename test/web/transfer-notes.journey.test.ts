import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asAdmin, asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 18, money to a ledger elsewhere in the browser, across two installations: the commune's
 * accountant on ledger A sends money to a province fund that only ledger B holds and downloads
 * the signed note; on ledger B the admin registers A's key, the province's accountant imports the
 * note and sees the money arrive; importing it again says it is already booked. The province
 * downloads the signed receipt of the booking; the commune, trusting B's key, uploads it and its
 * transfer is delivered: nothing is left in transit. The note brought general money, which the
 * province's accountant assigns to one of the province's campaigns from its row.
 */
describe('staff app: a transfer note from one installation to another', () => {
  let a: WebLedger;
  let b: WebLedger;
  const folder = mkdtempSync(join(tmpdir(), 'giay-chuyen-tien-'));
  const COMMUNE = 'ctd-xa-tan-hoa';
  const PROVINCE = 'ctd-tinh-dong-thap';

  beforeAll(async () => {
    a = await startWebLedger();
    b = await startWebLedger();
    await openFund(a, COMMUNE, 'Quỹ Hội CTĐ xã Tân Hòa');
    await openFund(b, PROVINCE, 'Quỹ Hội CTĐ tỉnh Đồng Tháp');
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('sends with a signed note, registers the key, imports once: the province has the money, a second import books nothing', async () => {
    const communeAccountant = await person(a, 'Kế toán xã Tân Hòa', ['accountant']);
    const communeApprover = await person(a, 'Chủ tịch Hội xã Tân Hòa', ['approver']);
    const provinceAdmin = await person(b, 'Quản trị tỉnh', ['admin']);
    const provinceAccountant = await person(b, 'Kế toán tỉnh Đồng Tháp', ['accountant']);
    await donate(a, communeAccountant.token, COMMUNE, '20000000');

    // Ledger A: the commune sends to a fund it does not hold.
    const sender = await personPage(a);
    await signIn(sender.page, communeAccountant.name, communeAccountant.password);
    await sender.page.locator('.fund-picker select').selectOption(COMMUNE);
    await sender.page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const form = sender.page.getByRole('region', { name: 'Chuyển tiền tới quỹ khác' });
    await form.getByLabel('Quỹ nhận', { exact: true }).selectOption({ label: 'Quỹ của Hội ở nơi khác (dùng giấy chuyển tiền)' });
    await form.getByLabel('Mã quỹ nhận ở nơi khác').fill(PROVINCE);
    await form.getByLabel('Số tiền').fill('7.500.000');
    await form.getByLabel('Nội dung chi').fill('Ủng hộ đồng bào lũ lụt qua Hội tỉnh');
    await form.getByRole('button', { name: 'Chuyển tiền tới quỹ khác' }).click();
    const transferId = `TR-${COMMUNE}-000001`;
    await sender.page.getByText(`Đã ghi khoản chuyển ${transferId} (Chờ duyệt).`).waitFor();
    await asPerson(a, communeApprover.token, 'POST', `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`, {});
    await sender.page.reload();
    const sentRow = sender.page.getByRole('region', { name: 'Các khoản đã chuyển đi' }).getByRole('row', { name: new RegExp(transferId) });
    await sentRow.getByRole('button', { name: `Tải giấy chuyển tiền: ${transferId}` }).click();
    const link = sentRow.getByRole('link', { name: `Tải về giay-chuyen-tien-${transferId}.json` });
    const [download] = await Promise.all([sender.page.waitForEvent('download'), link.click()]);
    // Kept where the accountant would save it: the browser's own copy goes with its context.
    const notePath = join(folder, download.suggestedFilename());
    await download.saveAs(notePath);
    const note = JSON.parse(readFileSync(notePath, 'utf8')) as Record<string, unknown>;
    expect(note).toMatchObject({ transferId, toFundId: PROVINCE, amount: '7500000', currency: 'VND', fromChapter: 'Hội Chữ thập đỏ Quận 1' });
    await checkScreen(sender.page, '16-transfer-note-download');
    await sender.context.close();

    // Ledger B: the admin trusts A's key, as A publishes it.
    const [keyOfA] = (await (await fetch(`${a.base}/v1/public/keys`)).json()) as { keyId: string; publicKey: string }[];
    const admin = await personPage(b);
    await signIn(admin.page, provinceAdmin.name, provinceAdmin.password);
    await admin.page.locator('.fund-picker select').selectOption(PROVINCE);
    await admin.page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const keys = admin.page.getByRole('region', { name: 'Khóa tin cậy của Hội ở nơi khác' });
    await keys.getByLabel('Mã khóa').fill(keyOfA.keyId);
    await keys.getByLabel('Khóa công khai (base64)').fill(keyOfA.publicKey);
    await keys.getByLabel('Hội gửi').fill('Hội Chữ thập đỏ xã Tân Hòa');
    await keys.getByRole('button', { name: 'Đăng ký khóa' }).click();
    await keys.getByRole('row', { name: new RegExp(`${keyOfA.keyId}.*Tân Hòa`) }).waitFor();
    await checkScreen(admin.page, '16-transfer-note-trusted-key');
    await admin.context.close();

    // Ledger B: the province's accountant imports the note, on a phone.
    const receiver = await personPage(b, { width: 390, height: 844 });
    await signIn(receiver.page, provinceAccountant.name, provinceAccountant.password);
    await receiver.page.locator('.fund-picker select').selectOption(PROVINCE);
    await receiver.page.goto('/chuyen-tien');
    const importForm = receiver.page.getByRole('region', { name: 'Nhận tiền bằng giấy chuyển tiền' });
    await importForm.getByLabel('Tệp giấy chuyển tiền').setInputFiles(notePath);
    await importForm.getByRole('button', { name: 'Ghi nhận tiền đến' }).click();
    await importForm.getByText(`Đã ghi nhận khoản ${transferId} từ Hội Chữ thập đỏ Quận 1:`).waitFor();
    await receiver.page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' }).getByRole('row', { name: new RegExp(`${transferId}.*Đã nhận`) }).waitFor();
    await checkScreen(receiver.page, '16-transfer-note-imported');

    // The same note again: already booked, nothing added.
    await importForm.getByRole('button', { name: 'Ghi nhận tiền đến' }).click();
    await importForm.getByText(new RegExp(`Giấy chuyển tiền ${transferId} đã được ghi nhận lúc .*; không ghi lần nữa\\.`)).waitFor();
    await checkScreen(receiver.page, '16-transfer-note-already');

    // The note brought general money: the province's accountant assigns it to the province's Tết campaign, from its row.
    const vn = (days: number) => new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
    await asAdmin(b, 'POST', `/v1/funds/${PROVINCE}/campaigns`, { campaignId: 'tet-tinh', name: 'Tết Nhân ái của tỉnh', kind: 'tet', receiveFrom: vn(-10), receiveUntil: vn(30) });
    await receiver.page.reload();
    const receivedRows = receiver.page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' });
    await receivedRows.getByRole('button', { name: `Ghi cho đợt vận động: ${transferId}`, exact: true }).click();
    const assign = receiver.page.getByRole('dialog', { name: `Ghi khoản ${transferId} cho đợt vận động của quỹ này` });
    await assign.getByLabel('Đợt vận động', { exact: true }).selectOption('tet-tinh');
    await assign.getByLabel('Lý do').fill('Thư của Hội xã Tân Hòa: tiền cho Tết Nhân ái');
    await assign.getByRole('button', { name: 'Ghi cho đợt vận động' }).click();
    await receivedRows.getByRole('row', { name: new RegExp(`${transferId}.*Đã ghi cho đợt Tết Nhân ái của tỉnh`) }).waitFor();
    await checkScreen(receiver.page, '16-transfer-note-assigned');

    // Ledger B: the province's accountant downloads the signed receipt of the booking, for the commune.
    const receivedRow = receiver.page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' }).getByRole('row', { name: new RegExp(transferId) });
    await receivedRow.getByRole('button', { name: `Tải biên nhận: ${transferId}` }).click();
    const receiptLink = receivedRow.getByRole('link', { name: `Tải về bien-nhan-${transferId}.json` });
    const [receiptDownload] = await Promise.all([receiver.page.waitForEvent('download'), receiptLink.click()]);
    const receiptPath = join(folder, receiptDownload.suggestedFilename());
    await receiptDownload.saveAs(receiptPath);
    expect(JSON.parse(readFileSync(receiptPath, 'utf8'))).toMatchObject({ format: 'ctd-transfer-receipt/1', transferId, toFundId: PROVINCE, amount: '7500000' });
    await checkScreen(receiver.page, '16-transfer-receipt-download');
    await receiver.context.close();

    const province = await asAdmin(b, 'GET', `/v1/funds/${PROVINCE}/balance?minPosition=${await b.ledger.store.headPosition()}`);
    expect(province).toMatchObject({ received: '0', transferredIn: '7500000', available: '7500000' });
    expect((province.byCampaign as Record<string, unknown>)['tet-tinh']).toMatchObject({ movedIn: '7500000', available: '7500000' });
    const inTransit = await asAdmin(a, 'GET', `/v1/funds/${COMMUNE}/balance?minPosition=${await a.ledger.store.headPosition()}`);
    expect(inTransit).toMatchObject({ inTransitOut: '7500000', available: '12500000' });

    // Ledger A: its admin trusts B's key (as B publishes it); the commune's accountant uploads the receipt.
    const [keyOfB] = (await (await fetch(`${b.base}/v1/public/keys`)).json()) as { keyId: string; publicKey: string }[];
    await asAdmin(a, 'POST', `/v1/funds/${COMMUNE}/trusted-keys`, { keyId: keyOfB.keyId, publicKey: keyOfB.publicKey, chapter: 'Hội Chữ thập đỏ tỉnh Đồng Tháp' });
    const closing = await personPage(a);
    await signIn(closing.page, communeAccountant.name, communeAccountant.password);
    await closing.page.locator('.fund-picker select').selectOption(COMMUNE);
    await closing.page.goto('/chuyen-tien');
    const sentAgain = closing.page.getByRole('region', { name: 'Các khoản đã chuyển đi' }).getByRole('row', { name: new RegExp(transferId) });
    await sentAgain.getByLabel('Tải lên biên nhận của Hội nhận').setInputFiles(receiptPath);
    await closing.page.getByRole('region', { name: 'Các khoản đã chuyển đi' }).getByRole('row', { name: new RegExp(`${transferId}.*Đã đến nơi`) }).waitFor();
    await checkScreen(closing.page, '16-transfer-delivered');
    await closing.context.close();

    const commune = await asAdmin(a, 'GET', `/v1/funds/${COMMUNE}/balance?minPosition=${await a.ledger.store.headPosition()}`);
    expect(commune).toMatchObject({ inTransitOut: '0', transferredOut: '7500000', available: '12500000' });
  });
});
