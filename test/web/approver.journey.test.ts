import { asAdmin, asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 14, the approver's day and the dashboard in the browser: the inbox holds the requests
 * waiting for them, never their own, with the pool's money left and the approvals given; they
 * approve, reject with a reason and pay with a reference and a date. The dashboard shows the
 * balances with the position they were read at and what needs them now. Both end in the
 * ledger's own figures.
 */
describe('staff app: the approver and the dashboard', () => {
  let web: WebLedger;
  let fundId: string;
  let accountant: Awaited<ReturnType<typeof person>>;
  let binh: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    accountant = await person(web, 'Kế toán Hà', ['accountant']);
    binh = await person(web, 'Lê Văn Bình', ['approver', 'accountant', 'coordinator']);
    await donate(web, accountant.token, fundId, '80000000');
    await donate(web, accountant.token, fundId, '20000000', { component: 'emergency-relief' });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  const request = (token: string, amount: string, purpose: string) => asPerson(web, token, 'POST', `/v1/funds/${fundId}/disbursements`, {
    amount, kind: 'relief', component: 'general', purpose, beneficiary: 'UBND phường Bến Nghé',
  });

  it('approves, rejects with a reason and pays what waits for them, never their own request', async () => {
    // The accountant requests the first disbursement in the browser.
    const { page: accountantPage, context: accountantContext } = await personPage(web);
    await signIn(accountantPage, accountant.name, accountant.password);
    await accountantPage.getByRole('link', { name: 'Chi quỹ' }).click();
    const requestForm = accountantPage.getByRole('region', { name: 'Lập đề nghị chi' });
    // More than the fund holds: beside the amount, the ledger says which pool holds how much.
    await requestForm.getByLabel('Số tiền').fill('900.000.000');
    await requestForm.getByLabel('Nội dung chi').fill('Chăn ấm cho hộ nghèo');
    await requestForm.getByLabel('Người nhận').fill('UBND phường Bến Nghé');
    await requestForm.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await requestForm.getByText(/^Nguồn Quỹ chung chỉ còn [\d.]+ đồng khả dụng, số đề nghị là 900\.000\.000 đồng$/).waitFor();
    // The recipient is published with the disclosure: a phone number typed with the name is refused beside it.
    await requestForm.getByLabel('Số tiền').fill('12.000.000');
    await requestForm.getByLabel('Nội dung chi').fill('Chăn ấm cho hộ nghèo');
    await requestForm.getByLabel('Người nhận').fill('UBND phường Bến Nghé, ĐT 028 3822 5234');
    await requestForm.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await requestForm.getByText('Tên này được công khai: chỉ ghi tên, không ghi số điện thoại, số giấy tờ hay số tài khoản.').waitFor();
    await requestForm.getByLabel('Số tiền').fill('12.000.000');
    await requestForm.getByLabel('Nội dung chi').fill('Chăn ấm cho hộ nghèo');
    await requestForm.getByLabel('Người nhận').fill('UBND phường Bến Nghé');
    await requestForm.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await accountantPage.getByText(/Đã lập đề nghị chi .*\./).waitFor();
    await checkScreen(accountantPage, '06-disbursements');
    await accountantContext.close();
    const blankets = (await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=requested&minPosition=${await web.ledger.store.headPosition()}`)).items as { disbursementId: string }[];
    expect(blankets).toHaveLength(1);
    const blanket = blankets[0];
    const rice = await request(accountant.token, '5000000', 'Gạo cứu đói');
    await request(binh.token, '3000000', 'Đề nghị của chính Bình');
    const { page } = await personPage(web);
    await signIn(page, binh.name, binh.password);
    await page.getByRole('link', { name: 'Chờ tôi duyệt' }).click();
    const blanketCard = page.getByRole('article', { name: 'Chăn ấm cho hộ nghèo' });
    await blanketCard.waitFor();
    await blanketCard.getByText('Đã duyệt 0/1').waitFor();
    // The general pool: 80.000.000 received, 20.000.000 held by the three requests.
    // The figure is already net of the requests waiting, this one too: the card says so.
    await blanketCard.getByText(/Còn có thể chi \(đã trừ các đề nghị đang chờ, kể cả đề nghị này\): 60\.000\.000 ₫/).waitFor();
    expect(await page.getByRole('article', { name: 'Đề nghị của chính Bình' }).count()).toBe(0);
    await checkScreen(page, '06-approver-inbox');

    await blanketCard.getByRole('button', { name: 'Duyệt' }).click();
    const riceCard = page.getByRole('article', { name: 'Gạo cứu đói' }).first();
    await riceCard.getByRole('button', { name: 'Từ chối' }).click();
    await riceCard.getByLabel('Lý do').fill('Trùng với đợt phát tuần trước');
    await riceCard.getByRole('button', { name: 'Từ chối' }).last().click();
    await page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByRole('article', { name: 'Chăn ấm cho hộ nghèo' }).waitFor();
    const toPay = page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByRole('article', { name: 'Chăn ấm cho hộ nghèo' });
    await toPay.getByLabel('Số chứng từ chi').fill('PC-2026-014');
    await toPay.getByRole('button', { name: 'Chi tiền' }).click();
    await page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByText('Không có mục nào.').waitFor();
    // Each card said what it was (its DB- number); what was done stays said once the cards have gone.
    for (const done of [
      `Đã duyệt ${String(blanket.disbursementId)}: Chăn ấm cho hộ nghèo.`, `Đã từ chối ${String(rice.disbursementId)}: Gạo cứu đói.`, `Đã chi ${String(blanket.disbursementId)}: Chăn ấm cho hộ nghèo.`,
    ]) await page.getByText(done, { exact: true }).waitFor();

    const paid = await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=paid&minPosition=${await web.ledger.store.headPosition()}`);
    expect((paid.items as { disbursementId: string; paymentReference: string }[]).map((d) => [d.disbursementId, d.paymentReference])).toEqual([[blanket.disbursementId, 'PC-2026-014']]);
    const rejected = await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=rejected&minPosition=${await web.ledger.store.headPosition()}`);
    expect((rejected.items as { disbursementId: string; rejectionReason: string }[]).map((d) => [d.disbursementId, d.rejectionReason])).toEqual([[rice.disbursementId, 'Trùng với đợt phát tuần trước']]);
    const balance = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(balance.disbursed).toBe('12000000');
  });

  it('the dashboard shows balances by component, pool and campaign at a position, and what needs me now', async () => {
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'bao-so-9', name: 'Ủng hộ đồng bào bão số 9', kind: 'disaster',
      receiveFrom: new Date(Date.now() - 86_400_000).toISOString(), receiveUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    await donate(web, accountant.token, fundId, '4000000', { campaignId: 'bao-so-9' });
    await donate(web, accountant.token, fundId, '2000000', { restriction: { purpose: 'Sữa cho trẻ em', beneficiary: null } });
    await request(accountant.token, '1000000', 'Nước sạch');
    await asPerson(web, binh.token, 'POST', `/v1/funds/${fundId}/emergency-releases`, {
      amount: '2000000', component: 'emergency-relief', incident: 'Sạt lở', recipient: 'Tổ cứu hộ',
    });
    const { page } = await personPage(web);
    await signIn(page, binh.name, binh.password);
    const needsMe = page.getByRole('region', { name: 'Việc cần tôi làm' });
    await needsMe.getByText('1 đề nghị chi chờ tôi duyệt').waitFor();
    await needsMe.getByText('1 khoản giải ngân khẩn cấp của tôi chưa quyết toán').waitFor();
    await needsMe.getByText(/Đợt vận động Ủng hộ đồng bào bão số 9 ngừng nhận ngày/).waitFor();
    await page.getByRole('region', { name: 'Theo quỹ thành phần (tiền không chỉ định)' }).getByRole('row', { name: /Cứu trợ khẩn cấp/ }).waitFor();
    await page.getByRole('region', { name: 'Tiền có mục đích chỉ định' }).getByRole('row', { name: /Sữa cho trẻ em.*2\.000\.000 ₫/ }).waitFor();
    await page.getByRole('region', { name: 'Theo đợt vận động' }).getByRole('row', { name: /Ủng hộ đồng bào bão số 9.*4\.000\.000 ₫/ }).waitFor();
    // What the campaign's money is held for and released without settlement stands in its row, as on the public card.
    const campaignHead = await page.getByRole('region', { name: 'Theo đợt vận động' }).getByRole('columnheader').allTextContents();
    expect(campaignHead).toEqual(['Đợt vận động', 'Đã nhận', 'Đã chi', 'Đang giữ cho đề nghị chi', 'Giải ngân khẩn cấp chưa quyết toán', 'Có thể chi']);
    const balance = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance`);
    await page.getByText(`Đọc tại vị trí sổ ${String(balance.asOfPosition)}`).first().waitFor();
    const available = await page.locator('[data-figure="available"]').innerText();
    expect(available).toBe(`${String(balance.available).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`);
    await checkScreen(page, '02-dashboard-needs-me');
  });

  it('the pay button says why a list whose every share was closed is not paid, and the request is rejected from the same card', async () => {
    const household = async (name: string) => String((await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/beneficiaries`, {
      kind: 'household', name, commune: 'Xã Bình Mỹ', categories: ['poor'],
    })).beneficiaryId);
    const households = [await household('Đoàn Văn Tư'), await household('Khúc Thị Năm')];
    const requested = await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount: '800000', kind: 'relief', component: 'general', purpose: 'Tiền gạo hai hộ đã chuyển đi', beneficiary: 'UBND xã Bình Mỹ', needCategory: 'food-water-medicine',
      distribution: households.map((beneficiaryId) => ({ beneficiaryId, amount: '400000' })),
    });
    const id = String(requested.disbursementId);
    await asPerson(web, binh.token, 'POST', `/v1/funds/${fundId}/disbursements/${id}/approve`, {});
    for (const beneficiaryId of households) {
      await asPerson(web, binh.token, 'POST', `/v1/funds/${fundId}/disbursements/${id}/handovers`, {
        beneficiaryId, status: 'absent', handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản vắng mặt 11/BB', closed: true,
      });
    }
    const { page } = await personPage(web);
    await signIn(page, binh.name, binh.password);
    await page.getByRole('link', { name: 'Chờ tôi duyệt' }).click();
    const card = page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByRole('article', { name: 'Tiền gạo hai hộ đã chuyển đi' });
    await card.getByLabel('Số chứng từ chi').fill('PC-2026-020');
    await card.getByRole('button', { name: 'Chi tiền' }).click();
    await card.getByRole('alert').getByText('Không còn gì để chi: mọi phần của danh sách đã được khóa là không trao. Hãy từ chối đề nghị để trả số tiền đang giữ về quỹ.').waitFor();
    expect((await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=approved&minPosition=${await web.ledger.store.headPosition()}`)).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ disbursementId: id })]),
    );
    await checkScreen(page, '06-approver-nothing-to-pay');
    await card.getByLabel('Lý do').fill('Hai hộ đã chuyển khỏi xã, không ai nhận');
    await card.getByRole('button', { name: 'Từ chối' }).click();
    await page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByRole('article', { name: 'Tiền gạo hai hộ đã chuyển đi' }).waitFor({ state: 'detached' });
    const rejected = (await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=rejected&minPosition=${await web.ledger.store.headPosition()}`)).items as { disbursementId: string; rejectionReason: string }[];
    expect(rejected.find((d) => d.disbursementId === id)?.rejectionReason).toBe('Hai hộ đã chuyển khỏi xã, không ai nhận');
  });
  it('a management cost approved before a gift was reversed past the cap waits: the pay button says why in the ledger\'s words, and the working says the year is over its cap', async () => {
    const working = async () => asPerson(web, binh.token, 'GET', `/v1/funds/${fundId}/management-cost?minPosition=${await web.ledger.store.headPosition()}`);
    const gift = await donate(web, accountant.token, fundId, '30000000', { donor: { name: 'Công ty Sao Mai', kind: 'organization' } });
    const before = await working();
    // Up to the limit with the gift in the base; without it, the year's limit is 3.000.000 lower.
    const amount = String(BigInt(String(before.limit)) - BigInt(String(before.used)));
    const salary = await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/disbursements`, {
      amount, kind: 'management_cost', component: 'general', purpose: 'Lương bộ phận kế toán quý IV', beneficiary: 'Nhân viên văn phòng Hội',
    });
    const id = String(salary.disbursementId);
    await asPerson(web, binh.token, 'POST', `/v1/funds/${fundId}/disbursements/${id}/approve`, {});
    await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/reversals`, { entryId: gift.donationId, reason: 'Công ty chuyển nhầm, đã hoàn trả' });
    expect(await working()).toMatchObject({ overCap: true });

    const { page } = await personPage(web);
    await signIn(page, binh.name, binh.password);
    await page.getByRole('link', { name: 'Chờ tôi duyệt' }).click();
    const card = page.getByRole('region', { name: 'Đã duyệt, chờ chi' }).getByRole('article', { name: 'Lương bộ phận kế toán quý IV' });
    await card.getByLabel('Số chứng từ chi').fill('PC-2026-031');
    await card.getByRole('button', { name: 'Chi tiền' }).click();
    await card.getByRole('alert').getByText(new RegExp(`vượt mức trần .* khoản ${id} chỉ được chi khi chi phí quản lý của năm trở lại trong mức trần`)).waitFor();
    expect((await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=approved&minPosition=${await web.ledger.store.headPosition()}`)).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ disbursementId: id })]),
    );
    await checkScreen(page, '06-approver-over-cap');
    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    await page.getByRole('region', { name: 'Chi phí quản lý' }).getByText(/^Đã vượt mức trần của năm/).waitFor();
  });

  it('the accountant withdraws a request of their own with its reason, and is offered no such thing on another\'s', async () => {
    const mine = await request(accountant.token, '2000000', 'Đề nghị lập nhầm');
    await request(binh.token, '1000000', 'Đề nghị của người khác');
    const { page } = await personPage(web);
    await signIn(page, accountant.name, accountant.password);
    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    const register = page.getByRole('region', { name: 'Sổ đề nghị chi' });
    await register.getByRole('row', { name: /Đề nghị của người khác/ }).waitFor();
    expect(await register.getByRole('button', { name: 'Rút đề nghị: Đề nghị của người khác' }).count()).toBe(0);
    await register.getByRole('button', { name: 'Rút đề nghị: Đề nghị lập nhầm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Rút đề nghị' }).click();
    await dialog.getByText('Cần điền mục này.').waitFor();
    await dialog.getByLabel('Lý do').fill('Lập nhầm số tiền');
    await checkScreen(page, '06-withdraw-request');
    await dialog.getByRole('button', { name: 'Rút đề nghị' }).click();
    await dialog.waitFor({ state: 'detached' });
    await register.getByRole('row', { name: /Đề nghị lập nhầm/ }).getByText('Từ chối').waitFor();
    const rejected = await asAdmin(web, 'GET', `/v1/funds/${fundId}/disbursements?status=rejected&minPosition=${await web.ledger.store.headPosition()}`);
    expect((rejected.items as { disbursementId: string; rejectionReason: string }[]).find((d) => d.disbursementId === mine.disbursementId))
      .toMatchObject({ rejectionReason: 'Lập nhầm số tiền' });
  });
  it('a management cost asked of an appeal\'s money is refused beside the campaign chosen, saying what to choose instead', async () => {
    // Said under "Người nhận", as a purpose the money did not match, it left the accountant guessing.
    const day = 86_400_000;
    await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'lu-quang-nam', name: 'Lũ Quảng Nam', kind: 'disaster',
      receiveFrom: new Date(Date.now() - day).toISOString(), receiveUntil: new Date(Date.now() + 30 * day).toISOString(),
    });
    await donate(web, accountant.token, fundId, '4000000', { campaignId: 'lu-quang-nam', component: 'emergency-relief' });
    const { page } = await personPage(web);
    await signIn(page, accountant.name, accountant.password);
    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    const form = page.getByRole('region', { name: 'Lập đề nghị chi' });
    await form.getByLabel('Số tiền').fill('1.000.000');
    await form.getByLabel('Loại chi').selectOption('management_cost');
    await form.getByLabel('Đợt vận động').selectOption({ label: 'Lũ Quảng Nam' });
    // The campaign's money sits in the relief component: choosing the campaign chose it.
    expect(await form.getByLabel('Quỹ thành phần').inputValue()).toBe('emergency-relief');
    await form.getByLabel('Nội dung chi').fill('Xăng xe đi phát quà');
    await form.getByLabel('Người nhận').fill('Đội xe Hội CTĐ');
    await form.getByRole('button', { name: 'Lập đề nghị chi' }).click();
    await form.locator('.field', { has: page.getByLabel('Đợt vận động') })
      .getByText('Chi phí quản lý không được chi từ tiền của đợt vận động hay tiền ủng hộ có chỉ định: hãy chọn "Không thuộc đợt vận động" để chi từ tiền không chỉ định.').waitFor();
    expect(await form.locator('.field', { has: page.getByLabel('Người nhận') }).getByText(/mục đích/).count()).toBe(0);
  });
});
