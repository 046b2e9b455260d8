import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import {
  asPerson, checkScreen, donate, eventually, expectNoSidewaysScroll, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger,
} from './support/web-harness';

/**
 * Issue 17, "who received what, no one twice, no one left out": an accountant imports a commune's
 * list of poor households on "Đối tượng", draws up the Tết gift for all of them, an approver
 * approves it, hand-overs are ticked on the sheet, and the coverage report shows the one household
 * left out. The public list of who received aid carries no id number, address or phone. Once the
 * list is paid, a household that never came has its share closed and its cash given back to the fund.
 */
describe('staff app: beneficiaries, a Tết distribution and its coverage', () => {
  let web: WebLedger;
  let fundId: string;
  const ID_NUMBERS = ['079123456789', '079987654321', '080111222333'];
  const LIST = [
    'DANH SÁCH HỘ NGHÈO XÃ TÂN PHÚ NĂM 2026',
    'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Số điện thoại,Loại hộ',
    `1,Nguyễn Văn An,${ID_NUMBERS[0]},Ấp 3,12 đường Số 3 ấp 3,0903123456,Hộ nghèo`,
    `2,Lê Thị Hoa,${ID_NUMBERS[1]},Ấp 5,7 đường Kênh ấp 5,0903654321,Hộ nghèo`,
    `3,Trần Văn Bình,${ID_NUMBERS[2]},Ấp 1,45 tổ 2 ấp 1,0903777888,Hộ nghèo`,
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

  it('imports a commune list, distributes Tết gifts, records hand-overs and finds the one household left out', async () => {
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    const minh = await person(web, 'Phạm Văn Minh', ['approver']);
    await donate(web, lan.token, fundId, '10000000');
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    await page.getByRole('heading', { name: 'Đối tượng hưởng trợ giúp', level: 1 }).waitFor();

    const importing = page.getByRole('region', { name: 'Nhập danh sách của xã' });
    await importing.getByLabel('Xã, phường').fill('Xã Tân Phú');
    await importing.getByLabel('Loại danh sách').selectOption('poor');
    await importing.getByLabel('Số xác nhận của UBND xã').fill('12/QĐ-UBND');
    await importing.getByLabel('Tệp danh sách (CSV, XLSX)').setInputFiles({ name: 'ho-ngheo-tan-phu.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST, 'utf8') });
    await importing.getByRole('button', { name: 'Nhập danh sách' }).click();
    await importing.getByText('Đã nhập DS-0001: thêm 3, trùng với người đã có 0, dòng lặp lại trong tệp 0, dòng bị từ chối 0.').waitFor();

    const registry = page.getByRole('region', { name: 'Danh sách đối tượng' });
    await registry.getByText('3 đối tượng').waitFor();
    await registry.getByRole('row', { name: /Lê Thị Hoa/ }).getByText('…4321').waitFor();
    await checkScreen(page, '40-beneficiaries-list');

    const distribute = page.getByRole('region', { name: 'Lập danh sách phân phối' });
    await distribute.getByLabel('Nhu cầu').selectOption('tet-gift');
    await distribute.getByLabel('Số tiền mỗi hộ').fill('500.000');
    await distribute.getByLabel('Nội dung chi').fill('Quà Tết Bính Ngọ cho hộ nghèo xã Tân Phú');
    await distribute.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await distribute.getByText('Đã lập đề nghị DB-000001; chờ duyệt.').waitFor();

    // Awaiting approval, the sheet offers no hand-over (the ledger records none before it) and says why.
    const sheet = page.getByRole('region', { name: 'Danh sách ký nhận' });
    await eventually(async () => sheet.getByLabel('Số khoản chi').inputValue(), 'DB-000001');
    await sheet.getByText('Đề nghị chưa được duyệt: chỉ ghi nhận trao sau khi đề nghị được duyệt. Danh sách tự cập nhật khi đề nghị được duyệt.').waitFor();
    await sheet.getByRole('row', { name: /Nguyễn Văn An/ }).getByText('Chưa ghi nhận').waitFor();
    expect(await sheet.getByRole('button', { name: /đã nhận|vắng mặt|từ chối nhận/ }).count()).toBe(0);

    await asPerson(web, minh.token, 'POST', `/v1/funds/${fundId}/disbursements/DB-000001/approve`, {});

    // Approved, the sheet opens its hand-overs by itself.
    await sheet.getByRole('button', { name: 'Nguyễn Văn An đã nhận' }).waitFor();
    expect(await sheet.getByText(/^Đề nghị chưa được duyệt/).count()).toBe(0);
    await sheet.getByLabel('Chứng từ ký nhận').fill('Danh sách ký nhận số 1/2026');
    // Recorded, with its date: "Đã nhận · đã đánh dấu trên máy, chờ gửi" is the hand-over kept on
    // the device on its way to the ledger, and the row changes (and moves the rows below it) once
    // the ledger has it; a click on the next row meanwhile can land on nothing.
    await sheet.getByRole('button', { name: 'Nguyễn Văn An đã nhận' }).click();
    await sheet.getByRole('row', { name: /Nguyễn Văn An/ }).getByText(/^Đã nhận · \d\d\/\d\d\/\d{4}/).waitFor();
    await sheet.getByRole('button', { name: 'Lê Thị Hoa đã nhận' }).click();
    await sheet.getByRole('row', { name: /Lê Thị Hoa/ }).getByText(/^Đã nhận · \d\d\/\d\d\/\d{4}/).waitFor();
    await checkScreen(page, '41-beneficiaries-handover');
    // On a phone (390 px) each line of the sheet is a card: the name on one line, the buttons below it.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    const name = sheet.getByRole('rowheader', { name: 'Trần Văn Bình' });
    await name.scrollIntoViewIfNeeded();
    const box = await name.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(250);
    const received = await sheet.getByRole('button', { name: 'Trần Văn Bình đã nhận' }).boundingBox();
    expect((received?.x ?? 0) + (received?.width ?? 0)).toBeLessThanOrEqual(390);
    await checkScreen(page, '41-beneficiaries-handover-phone');
    if (desktop) await page.setViewportSize(desktop);

    const coverage = page.getByRole('region', { name: 'Báo cáo bao phủ' });
    await coverage.getByText('2/3 hộ đã nhận; 1 hộ chưa nhận.').waitFor();
    const leftOut = coverage.getByRole('table', { name: 'Chưa nhận' });
    await leftOut.getByRole('row', { name: /Trần Văn Bình/ }).getByText('Có tên, chưa trao').waitFor();
    expect(await leftOut.getByRole('row').count()).toBe(2);
    await checkScreen(page, '42-beneficiaries-coverage');

    // The ledger's own figures, read through the API.
    const report = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/reports/coverage?listId=DS-0001&need=tet-gift`);
    expect(report).toMatchObject({ total: 3, receivedCount: 2, notReceivedCount: 1 });
    expect((report.notReceived as { name: string }[]).map((entry) => entry.name)).toEqual(['Trần Văn Bình']);

    // The coverage downloaded from the screen is the report document: named by its position, laid out for the finance office.
    const xlsxDownload = page.waitForEvent('download');
    await coverage.getByRole('link', { name: 'Tải XLSX' }).click();
    const downloaded = await xlsxDownload;
    expect(downloaded.suggestedFilename()).toBe(`${fundId}-coverage-${String(report.position)}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(String(await downloaded.path())) as unknown as ExcelJS.Buffer);
    const texts = workbook.worksheets[0].getSheetValues().flat().filter((value): value is string => typeof value === 'string');
    expect(texts).toEqual(expect.arrayContaining(['BÁO CÁO BAO PHỦ DANH SÁCH ĐỐI TƯỢNG', `SHA-256: ${String(report.sha256)}`, 'Trần Văn Bình', 'Có tên, chưa trao']));
    const csvDownload = page.waitForEvent('download');
    await coverage.getByRole('link', { name: 'Tải CSV' }).click();
    const csv = readFileSync(String(await (await csvDownload).path()), 'utf8');
    expect(csv.trimEnd().split('\r\n').pop()).toBe(`# position=${String(report.position)} sha256=${String(report.sha256)}`);

    // The public list: names, commune and amounts, and not one id number, address or phone.
    const published = await fetch(`${web.base}/v1/public/funds/${fundId}/beneficiaries`);
    const text = await published.text();
    expect(published.status).toBe(200);
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('500000');
    for (const secret of [...ID_NUMBERS, ...ID_NUMBERS.map((id) => id.slice(-4)), 'đường', 'ấp 3', 'Ấp 3', '0903']) expect(text).not.toContain(secret);

    // Hoa's share was ticked in error: the hand-over is corrected with its reason, and she is left out again.
    await sheet.getByRole('button', { name: 'Điều chỉnh lần ghi nhận trao của Lê Thị Hoa: ghi nhầm' }).click();
    const correcting = page.getByRole('dialog', { name: 'Điều chỉnh lần ghi nhận "Đã nhận" của Lê Thị Hoa' });
    await correcting.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
    await correcting.getByText('Cần điền mục này.').waitFor();
    await correcting.getByLabel('Lý do').fill('Đánh dấu nhầm dòng: bà Hoa chưa đến nhận');
    // Filled in, the field no longer says it is required.
    await correcting.getByText('Cần điền mục này.').waitFor({ state: 'detached', timeout: 5_000 });
    await checkScreen(page, '43-beneficiaries-handover-correct');
    await correcting.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
    await correcting.waitFor({ state: 'detached' });
    await sheet.getByRole('row', { name: /Lê Thị Hoa/ }).getByText('Chưa ghi nhận').waitFor();
    await sheet.getByRole('row', { name: /Lê Thị Hoa/ }).getByText(/đã điều chỉnh lần ghi "Đã nhận" ngày .*: Đánh dấu nhầm dòng: bà Hoa chưa đến nhận/).waitFor();
    await coverage.getByText('1/3 hộ đã nhận; 2 hộ chưa nhận.').waitFor();
    const corrected = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/reports/coverage?listId=DS-0001&need=tet-gift`);
    expect(corrected).toMatchObject({ total: 3, receivedCount: 1, notReceivedCount: 2 });

    // The list is paid in cash to the commune officer; Bình never comes, his share is closed, and
    // the officer gives his 500 000 VND back to the chapter: the accountant records the return.
    const vnNow = () => `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
    await asPerson(web, minh.token, 'POST', `/v1/funds/${fundId}/disbursements/DB-000001/pay`, { paidAt: vnNow(), reference: 'UNC-TET-01' });
    await sheet.getByLabel('Chứng từ ký nhận').fill('Biên bản vắng mặt 02/BB');
    await sheet.getByRole('button', { name: 'Trần Văn Bình vắng mặt' }).click();
    await sheet.getByRole('button', { name: 'Khóa phần của Trần Văn Bình: không trao, hàng trở lại kho' }).click();
    await sheet.getByRole('row', { name: /Trần Văn Bình/ }).getByText(/đã khóa, không trao/).waitFor();
    const before = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    await sheet.getByRole('button', { name: 'Ghi nhận tiền phần của Trần Văn Bình không phát được đã nộp lại quỹ' }).click();
    const returning = page.getByRole('dialog', { name: /^Ghi nhận nộp lại quỹ .* của Trần Văn Bình$/ });
    await returning.getByRole('button', { name: 'Ghi nộp lại quỹ' }).click();
    await returning.getByText('Cần điền mục này.').waitFor();
    await returning.getByLabel('Số phiếu thu / biên bản nộp lại').fill('Phiếu thu PT-0007');
    await returning.getByText('Cần điền mục này.').waitFor({ state: 'detached', timeout: 5_000 });
    await checkScreen(page, '44-beneficiaries-money-returned');
    await returning.getByRole('button', { name: 'Ghi nộp lại quỹ' }).click();
    await returning.waitFor({ state: 'detached' });
    await sheet.getByRole('row', { name: /Trần Văn Bình/ }).getByText(/đã nộp lại quỹ .* ngày .*: Phiếu thu PT-0007/).waitFor();
    expect(await sheet.getByRole('button', { name: 'Ghi nhận tiền phần của Trần Văn Bình không phát được đã nộp lại quỹ' }).count()).toBe(0);
    await eventually(async () => {
      const after = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance`);
      return (BigInt(String(after.available)) - BigInt(String(before.available))).toString();
    }, '500000');
    // The disbursements register shows the list's amount with what came back of it.
    await page.getByRole('link', { name: 'Chi quỹ', exact: true }).click();
    await page.getByRole('row', { name: /Quà Tết Bính Ngọ/ }).getByText(/nộp lại quỹ 500\.000.*\(phần không phát được\)/).waitFor();

    // Rice money for two households: Hoa refuses it before the list is paid, and her share is
    // closed then. The payment leaves her 300 000 VND in the fund: nothing to give back later.
    await asPerson(web, lan.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount: '600000', kind: 'relief', component: 'general', purpose: 'Tiền mua gạo cứu đói', beneficiary: 'UBND xã Tân Phú', needCategory: 'food-water-medicine',
      distribution: [{ beneficiaryId: 'BF-000001', amount: '300000' }, { beneficiaryId: 'BF-000002', amount: '300000' }],
    });
    await asPerson(web, minh.token, 'POST', `/v1/funds/${fundId}/disbursements/DB-000002/approve`, {});
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    await sheet.getByLabel('Số khoản chi').fill('DB-000002');
    await sheet.getByLabel('Chứng từ ký nhận').fill('Biên bản từ chối 03/BB');
    await sheet.getByRole('button', { name: 'Lê Thị Hoa từ chối nhận' }).click();
    await sheet.getByRole('button', { name: 'Khóa phần của Lê Thị Hoa: không trao, hàng trở lại kho' }).click();
    await sheet.getByRole('row', { name: /Lê Thị Hoa/ }).getByText(/đã khóa, không trao/).waitFor();
    const paid = await asPerson(web, minh.token, 'POST', `/v1/funds/${fundId}/disbursements/DB-000002/pay`, { paidAt: vnNow(), reference: 'UNC-GAO-01' });
    expect(paid.withheld).toEqual([{ beneficiaryId: 'BF-000002', amount: '300000' }]);
    await page.reload();
    await sheet.getByLabel('Số khoản chi').fill('DB-000002');
    await sheet.getByRole('row', { name: /Lê Thị Hoa/ }).getByText('(khóa trước khi chi: không chi trả, tiền vẫn ở quỹ)').waitFor();
    expect(await sheet.getByRole('button', { name: 'Ghi nhận tiền phần của Lê Thị Hoa không phát được đã nộp lại quỹ' }).count()).toBe(0);
    await checkScreen(page, '45-beneficiaries-share-withheld');
    await page.getByRole('link', { name: 'Chi quỹ', exact: true }).click();
    await page.getByRole('row', { name: /Tiền mua gạo cứu đói/ }).getByText(/không chi 300\.000.*\(phần khóa trước khi chi\)/).waitFor();

    // A second Tết gift for the same list is duplicate aid (R12): sent again with a reason, the
    // approver reads the reason and the earlier aid on the request's card before approving it.
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    await registry.getByLabel('Danh sách', { exact: true }).selectOption('DS-0001');
    await distribute.getByLabel('Nhu cầu').selectOption('tet-gift');
    await distribute.getByLabel('Số tiền mỗi hộ').fill('200.000');
    await distribute.getByLabel('Nội dung chi').fill('Quà Tết bổ sung cho hộ bị cháy nhà');
    await distribute.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await distribute.getByRole('alert').getByText(/^Trùng trợ giúp: (Nguyễn Văn An|Lê Thị Hoa|Trần Văn Bình) \(BF-00000\d\) đã được hỗ trợ cùng nhu cầu trong khoản chi DB-000001/).waitFor();
    await distribute.getByLabel('Lý do vẫn hỗ trợ').fill('Nhà bị cháy sau đợt trao quà');
    await distribute.getByRole('button', { name: 'Vẫn lập đề nghị, kèm lý do' }).click();
    await distribute.getByText('Đã lập đề nghị DB-000003; chờ duyệt.').waitFor();
    const approverPage = (await personPage(web)).page;
    await signIn(approverPage, minh.name, minh.password);
    await approverPage.getByRole('link', { name: 'Chờ tôi duyệt' }).click();
    const request = approverPage.getByRole('article', { name: 'Quà Tết bổ sung cho hộ bị cháy nhà' });
    const notice = request.getByRole('note', { name: 'Trợ giúp trùng: đề nghị gửi lại kèm lý do' });
    await notice.getByText('Lý do: Nhà bị cháy sau đợt trao quà').waitFor();
    await notice.getByText(/^Đã nhận trợ giúp trước: BF-00000\d · DB-000001 \(ctd-quan-1, \d\d\/\d\d\/\d{4}\)/).waitFor();
    await checkScreen(approverPage, '45-approver-duplicate-aid');
    await request.getByRole('button', { name: 'Duyệt, chấp thuận trợ giúp trùng' }).click();
    await approverPage.getByText('Đã duyệt DB-000003: Quà Tết bổ sung cho hộ bị cháy nhà.').waitFor();
    // The overrides approved are listed with the approver's name, never a user id.
    await page.reload();
    const overrides = page.getByRole('table', { name: 'Trợ giúp trùng đã được chấp thuận' });
    await overrides.getByRole('row', { name: /^DB-000003 Nhà bị cháy sau đợt trao quà .* Phạm Văn Minh$/ }).waitFor();
  });

  it('reverses a paid list for what is still out: the dialog says how much comes back and why, the register and the sheet show what came back', async () => {
    const thu = await person(web, 'Vũ Thị Thu', ['accountant']);
    const duyet = await person(web, 'Hoàng Văn Duyệt', ['approver']);
    await donate(web, thu.token, fundId, '5000000');
    const vnNow = () => `${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
    const household = async (name: string) => String((await asPerson(web, thu.token, 'POST', `/v1/funds/${fundId}/beneficiaries`, {
      kind: 'household', name, commune: 'Xã Phước Lộc', categories: ['poor'],
    })).beneficiaryId);
    const [tam, sang, ly] = [await household('Đinh Văn Tâm'), await household('Mai Thị Sáng'), await household('Quách Thị Lý')];
    const requested = await asPerson(web, thu.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount: '900000', kind: 'relief', component: 'general', purpose: 'Tiền sửa nhà sau lốc xoáy', beneficiary: 'UBND xã Phước Lộc', needCategory: 'housing-repair',
      distribution: [tam, sang, ly].map((beneficiaryId) => ({ beneficiaryId, amount: '300000' })),
    });
    const id = String(requested.disbursementId);
    const handovers = `/v1/funds/${fundId}/disbursements/${id}/handovers`;
    await asPerson(web, duyet.token, 'POST', `/v1/funds/${fundId}/disbursements/${id}/approve`, {});
    // Tâm moved away before the payment: his share is closed and the payment leaves it out.
    await asPerson(web, thu.token, 'POST', handovers, { beneficiaryId: tam, status: 'absent', handedOverAt: vnNow(), evidenceRef: 'BB-01', closed: true });
    await asPerson(web, duyet.token, 'POST', `/v1/funds/${fundId}/disbursements/${id}/pay`, { paidAt: vnNow(), reference: 'UNC-LOC-01' });
    // Sáng never came after it: her share is closed and the officer gives her 300 000 VND back.
    await asPerson(web, thu.token, 'POST', handovers, { beneficiaryId: sang, status: 'absent', handedOverAt: vnNow(), evidenceRef: 'BB-02', closed: true });
    await asPerson(web, thu.token, 'POST', `${handovers}/${sang}/money-returned`, { evidenceRef: 'Phiếu thu PT-0011' });

    const { page } = await personPage(web);
    await signIn(page, thu.name, thu.password);
    await page.getByRole('link', { name: 'Chi quỹ', exact: true }).click();
    const row = page.getByRole('row', { name: /Tiền sửa nhà sau lốc xoáy/ });
    await row.getByRole('button', { name: 'Hủy bút toán: Tiền sửa nhà sau lốc xoáy' }).click();
    const reversing = page.getByRole('dialog', { name: 'Hủy bút toán Tiền sửa nhà sau lốc xoáy' });
    // Before confirming: the 300 000 VND still out comes back, not the 900 000 VND of the request, and why.
    await reversing.getByText('Quỹ sẽ nhận lại 300.000 ₫, không phải toàn bộ 900.000 ₫ của khoản chi:').waitFor();
    await reversing.getByText('300.000 ₫ không chi (phần khóa trước khi chi, tiền vẫn ở quỹ)').waitFor();
    await reversing.getByText('300.000 ₫ đã nộp lại quỹ (phần không phát được)').waitFor();
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await checkScreen(page, '46-disbursement-reverse-given-back-phone');
    if (desktop) await page.setViewportSize(desktop);
    await reversing.getByLabel('Lý do').fill('Chi nhầm danh sách');
    await reversing.getByRole('button', { name: 'Hủy bút toán' }).click();
    await reversing.waitFor({ state: 'detached' });
    // The register: reversed, and what came back.
    await row.getByRole('cell', { name: /^Đã hủy\s*quỹ nhận lại 300\.000 ₫$/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await checkScreen(page, '46-disbursement-reversed-phone');
    if (desktop) await page.setViewportSize(desktop);

    // The hand-over sheet of the list says the same.
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    const sheet = page.getByRole('region', { name: 'Danh sách ký nhận' });
    await sheet.getByLabel('Số khoản chi').fill(id);
    await sheet.getByText(/^Đã hủy khoản chi ngày .*: Chi nhầm danh sách\. Quỹ nhận lại 300\.000 ₫\.$/).waitFor();
    // A reversed request hands nothing out: Lý's share, never handed over, offers no hand-over to tick.
    await sheet.getByRole('row', { name: /Quách Thị Lý/ }).getByText('Chưa ghi nhận').waitFor();
    expect(await sheet.getByRole('button', { name: 'Quách Thị Lý đã nhận' }).count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(page);
    await checkScreen(page, '46-beneficiaries-sheet-reversed-phone');
    if (desktop) await page.setViewportSize(desktop);
    const reversed = await asPerson(web, thu.token, 'GET', `/v1/funds/${fundId}/disbursements/${id}/distribution`);
    expect(reversed.reversal).toMatchObject({ reason: 'Chi nhầm danh sách', givenBack: '300000' });
  });

  it('hands an appeal\'s money out to a commune list from the appeal\'s own pool: choosing the campaign chooses the component it sits in', async () => {
    // The form had no campaign: a list's aid was paid from the fund's unrestricted money, never the appeal's.
    const an = await person(web, 'Vũ Thị An', ['accountant']);
    const day = 86_400_000;
    await asPerson(web, an.token, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'lu-thang-12', name: 'Lũ lụt tháng 12', kind: 'disaster',
      receiveFrom: new Date(Date.now() - day).toISOString(), receiveUntil: new Date(Date.now() + 30 * day).toISOString(),
    });
    await donate(web, an.token, fundId, '5000000', { campaignId: 'lu-thang-12', component: 'emergency-relief' });
    const { page } = await personPage(web);
    await signIn(page, an.name, an.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    await page.getByRole('region', { name: 'Danh sách đối tượng' }).getByLabel('Danh sách', { exact: true }).selectOption('DS-0001');
    const distribute = page.getByRole('region', { name: 'Lập danh sách phân phối' });
    await distribute.getByLabel('Nhu cầu').selectOption('housing-repair');
    await distribute.getByLabel('Số tiền mỗi hộ').fill('1.000.000');
    await distribute.getByLabel('Nội dung chi').fill('Hỗ trợ sửa nhà sau lũ');
    await distribute.getByLabel('Đợt vận động').selectOption({ label: 'Lũ lụt tháng 12' });
    expect(await distribute.getByLabel('Quỹ thành phần').inputValue()).toBe('emergency-relief');
    await checkScreen(page, '46-beneficiaries-distribute-appeal');
    await distribute.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    const requested = await distribute.getByText(/^Đã lập đề nghị DB-\d{6}; chờ duyệt\.$/).textContent();
    const disbursementId = /DB-\d{6}/.exec(requested ?? '')?.[0];
    // The register, once it has the request: the appeal's pool, in the component its money sits in.
    const ofAppeal = async () => JSON.stringify(((await asPerson(web, an.token, 'GET', `/v1/funds/${fundId}/disbursements?campaignId=lu-thang-12`)).items as Record<string, unknown>[])
      .map((d) => [d.disbursementId, d.amount, d.component, d.restrictionId]));
    await eventually(ofAppeal, JSON.stringify([[disbursementId, '3000000', 'emergency-relief', 'campaign:lu-thang-12']]));
  });

  it('shows the in-kind stock pool by pool under the names people read: the campaign\'s name, the donor\'s purpose, the component', async () => {
    const kho = await person(web, 'Đỗ Thị Kho', ['accountant']);
    const day = 86_400_000;
    await asPerson(web, kho.token, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'bao-so-3', name: 'Bão số 3 Yagi', kind: 'disaster',
      receiveFrom: new Date(Date.now() - day).toISOString(), receiveUntil: new Date(Date.now() + 30 * day).toISOString(),
    });
    const inKind = (description: string, extra: Record<string, unknown>) => donate(web, kho.token, fundId, '1000000', {
      channel: 'in_kind', inKind: { description, quantity: '40', unit: 'kg', valuationMethod: 'giá chợ 25.000 đ/kg' }, ...extra,
    });
    await inKind('Gạo tẻ', { campaignId: 'bao-so-3' });
    await inKind('Gạo nếp', { restriction: { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null } });
    await inKind('Đậu xanh', {});
    const { page } = await personPage(web);
    await signIn(page, kho.name, kho.password);
    await page.getByRole('link', { name: 'Đối tượng', exact: true }).click();
    const byPool = page.getByRole('table', { name: 'Kho hiện vật theo nguồn (hiện vật có mục đích chỉ phân phối từ đúng nguồn đó)' });
    await byPool.getByRole('row', { name: /Gạo tẻ/ }).getByRole('cell', { name: 'Bão số 3 Yagi', exact: true }).waitFor();
    await byPool.getByRole('row', { name: /Gạo nếp/ }).getByRole('cell', { name: 'Hỗ trợ học sinh nghèo', exact: true }).waitFor();
    await byPool.getByRole('row', { name: /Đậu xanh/ }).getByRole('cell', { name: 'Quỹ chung', exact: true }).waitFor();
    expect(await byPool.getByText('bao-so-3').count()).toBe(0);
    await checkScreen(page, '45-beneficiaries-stock-by-pool');
  });
  it('says a refused id number as an id-number problem beside its field, in Vietnamese', async () => {
    const lan = await person(web, 'Trần Thị Lành', ['accountant']);
    const { page } = await personPage(web);
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Đối tượng' }).click();
    const form = page.getByRole('region', { name: 'Thêm một đối tượng' }).locator('form');
    await form.getByLabel('Họ và tên').fill('Lê Văn Thử');
    await form.getByLabel('Xã, phường').fill('Xã Trà Tập');
    await form.getByLabel('Số CCCD/CMND').fill('123');
    await form.getByRole('button', { name: 'Thêm đối tượng' }).click();
    await form.getByText('Có mục chưa đúng, xem bên cạnh từng ô.').waitFor();
    const idField = form.locator('.field').filter({ has: page.getByLabel('Số CCCD/CMND') });
    // "idNumber must be 9 (CMND) or 12 (CCCD) digits": not an amount to write as 1.500.000.
    expect((await idField.locator('.react-aria-FieldError').innerText()).trim()).toBe('Số CCCD/CMND gồm 9 (CMND) hoặc 12 (CCCD) chữ số.');
    await checkScreen(page, '19-beneficiary-id-refused');
  });
});
