import { asAdmin, asPerson, checkScreen, donate, expectNoSidewaysScroll, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 14, the emergency coordinator's day in the browser: "Giải ngân khẩn cấp" in three
 * fields and one confirmation, with the cap and the money available shown before sending; a
 * release above the cap is refused next to the amount; their releases with the days left to
 * settle; the settlement with its evidence. It ends in the ledger's own figures.
 */
describe('staff app: the coordinator', () => {
  let web: WebLedger;
  let fundId: string;

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    const accountant = await person(web, 'Kế toán Hà', ['accountant']);
    await donate(web, accountant.token, fundId, '90000000', { component: 'emergency-relief' });
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('releases after one confirmation within the cap, sees the days left and settles with evidence', async () => {
    const tuan = await person(web, 'Vũ Anh Tuấn', ['coordinator']);
    const { page } = await personPage(web, { width: 390, height: 844 });
    await signIn(page, tuan.name, tuan.password);
    await page.getByRole('link', { name: 'Giải ngân khẩn cấp' }).click();
    await page.getByText('Hạn mức mỗi lần: 50.000.000 ₫').waitFor();
    await page.getByText('Quỹ cứu trợ khẩn cấp còn: 90.000.000 ₫').waitFor();

    // Above the cap: said next to the amount before any confirmation (it was said only after "Xác nhận").
    await page.getByLabel('Số tiền').fill('60.000.000');
    await page.getByLabel('Sự cố (bão lũ, sạt lở…)').fill('Lũ quét xã Trà Leng');
    await page.getByLabel('Người nhận tiền').fill('Đội cứu hộ xã Trà Leng');
    await page.getByRole('button', { name: 'Giải ngân' }).click();
    await page.locator('.field', { has: page.getByLabel('Số tiền') })
      .getByText('Vượt hạn mức mỗi lần giải ngân khẩn cấp (50.000.000 ₫): số tiền lớn hơn cần lập đề nghị chi và được duyệt.').waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await page.getByLabel('Số tiền').fill('15.000.000');
    await page.getByRole('button', { name: 'Giải ngân' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Giải ngân 15.000.000 ₫ cho Đội cứu hộ xã Trà Leng? Cần quyết toán trong 30 ngày.').waitFor();
    await checkScreen(page, '07-emergency-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Đã giải ngân .*\. Hạn quyết toán \d{2}\/\d{2}\/\d{4}\./).waitFor();

    const mine = page.getByRole('article', { name: 'Lũ quét xã Trà Leng' });
    await mine.getByText(/Còn (29|30|31) ngày/).waitFor();
    await checkScreen(page, '07-emergency');
    await mine.getByLabel('Đã chi').fill('14.200.000');
    await mine.getByLabel('Hoàn lại quỹ').fill('800.000');
    await mine.getByLabel('Chứng từ (mỗi dòng một số)').fill('PC-TL-01\nDS-nhan-tien-TL');
    await mine.getByRole('button', { name: 'Quyết toán' }).click();
    await mine.getByText('Đã quyết toán', { exact: false }).waitFor();
    // Settled, the card says what was spent and what came back (it said "Đã quyết toán" alone).
    await mine.getByText('Đã chi 14.200.000 ₫, hoàn lại quỹ 800.000 ₫.').waitFor();

    // Another coordinator's 21 small releases: the register shows them 20 a page.
    const other = await person(web, 'Điều phối Hải', ['coordinator']);
    for (let i = 1; i <= 21; i += 1) {
      await asPerson(web, other.token, 'POST', `/v1/funds/${fundId}/emergency-releases`, { amount: '100000', component: 'emergency-relief', incident: `Sự cố ${i}`, recipient: 'Tổ cứu hộ' });
    }
    await page.getByRole('link', { name: 'Chi quỹ' }).click();
    const register = page.getByRole('region', { name: 'Sổ giải ngân khẩn cấp' });
    await register.getByRole('row', { name: /Lũ quét xã Trà Leng.*15\.000\.000 ₫.*Đã quyết toán.*quyết toán ngày \d{2}\/\d{2}\/\d{4}, ghi sổ ngày \d{2}\/\d{2}\/\d{4}/ }).waitFor();
    await checkScreen(page, '07-releases-register');
    // On the phone each release is a card: nothing cut at the right edge, nothing to scroll sideways.
    await expectNoSidewaysScroll(page);
    expect(await register.locator('tbody tr').count()).toBe(20);
    await register.getByRole('button', { name: 'Trang sau' }).click();
    await register.getByRole('button', { name: 'Trang đầu' }).waitFor();
    await register.getByRole('row', { name: /Sự cố 21/ }).waitFor();
    expect(await register.locator('tbody tr').count()).toBe(2);

    // The donations register on the phone: each donation a card too.
    await page.getByRole('link', { name: 'Quyên góp', exact: true }).click();
    await page.getByRole('region', { name: 'Sổ quyên góp' }).getByText('90.000.000 ₫').waitFor();
    await checkScreen(page, '07-donations-register-phone');
    await expectNoSidewaysScroll(page);

    // Their own password, then out and in again with it.
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    // A wrong current password is said as such, beside it.
    await page.getByLabel('Mật khẩu hiện tại').fill('không phải mật khẩu của Tuấn');
    await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mật khẩu mới của Tuấn');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.locator('.field', { has: page.getByLabel('Mật khẩu hiện tại') }).getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(tuan.password);
    await page.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mật khẩu mới của Tuấn');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu.').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signIn(page, tuan.name, 'mật khẩu mới của Tuấn');

    const settled = await asAdmin(web, 'GET', `/v1/funds/${fundId}/emergency-releases?status=settled&minPosition=${await web.ledger.store.headPosition()}`);
    expect((settled.items as { spent: string; returned: string; evidence: string[] }[]).map((r) => [r.spent, r.returned, r.evidence]))
      .toEqual([['14200000', '800000', ['PC-TL-01', 'DS-nhan-tien-TL']]]);
    const balance = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(balance.outstandingEmergency).toBe('2100000');
    expect((balance.byComponent as Record<string, { available: string }>)['emergency-relief'].available).toBe('73700000');
  });

  it("releases a storm campaign's own money, finds the release among their own after a hundred by others, and settles it returned whole without evidence", async () => {
    const accountant = await person(web, 'Kế toán Bình', ['accountant']);
    await asPerson(web, accountant.token, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'bao-so-5', name: 'Bão số 5', kind: 'disaster',
      receiveFrom: new Date(Date.now() - 10 * 86_400_000).toISOString(), receiveUntil: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    });
    await donate(web, accountant.token, fundId, '30000000', { campaignId: 'bao-so-5' });
    // A hundred releases by another coordinator, recorded before this one's: more than one page of the register.
    const busy = await person(web, 'Điều phối Nam', ['coordinator']);
    for (let i = 1; i <= 100; i += 1) {
      await asPerson(web, busy.token, 'POST', `/v1/funds/${fundId}/emergency-releases`, { amount: '1000', component: 'emergency-relief', incident: `Hỗ trợ nhỏ ${i}`, recipient: 'Tổ cứu hộ' });
    }
    const mai = await person(web, 'Lò Thị Mai', ['coordinator']);
    const { page } = await personPage(web, { width: 390, height: 844 });
    await signIn(page, mai.name, mai.password);
    await page.getByRole('link', { name: 'Giải ngân khẩn cấp' }).click();
    await page.getByLabel('Đợt vận động', { exact: true }).selectOption({ label: 'Bão số 5' });
    await page.getByText('Đợt vận động "Bão số 5" còn: 30.000.000 ₫').waitFor();
    await page.getByLabel('Số tiền').fill('5.000.000');
    await page.getByLabel('Sự cố (bão lũ, sạt lở…)').fill('Bão số 5 sạt lở thôn Pá Khoang');
    await page.getByLabel('Người nhận tiền').fill('Trưởng bản Pá Khoang');
    await page.getByRole('button', { name: 'Giải ngân' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Đã giải ngân ER-\d{6}\./).waitFor();
    await checkScreen(page, '07-emergency-campaign');

    const mine = page.getByRole('article', { name: 'Bão số 5 sạt lở thôn Pá Khoang' });
    await mine.getByText(/Còn (29|30|31) ngày/).waitFor();
    // Nobody needed it: all of it back, nothing spent, so nothing to prove.
    await mine.getByLabel('Đã chi').fill('0');
    await mine.getByLabel('Hoàn lại quỹ').fill('5.000.000');
    await mine.getByRole('button', { name: 'Quyết toán' }).click();
    await mine.getByText('Đã quyết toán', { exact: false }).waitFor();

    const head = await web.ledger.store.headPosition();
    const release = await asAdmin(web, 'GET', `/v1/funds/${fundId}/emergency-releases?releasedBy=${mai.userId}&minPosition=${head}`);
    expect((release.items as Record<string, unknown>[]).map((r) => [r.incident, r.campaignId, r.status, r.spent, r.returned]))
      .toEqual([['Bão số 5 sạt lở thôn Pá Khoang', 'bao-so-5', 'settled', '0', '5000000']]);
    const balance = await asAdmin(web, 'GET', `/v1/funds/${fundId}/balance?minPosition=${head}`);
    expect((balance.byCampaign as Record<string, { available: string }>)['bao-so-5'].available).toBe('30000000');
  });
});
