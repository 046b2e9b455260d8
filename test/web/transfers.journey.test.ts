import { asAdmin, asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 18, money between chapters in the browser: a commune's accountant sends money up to the
 * province, an approver approves it, and the province's accountant receives it on the province's
 * screen. It ends in the ledger's own figures: what left the commune is in the province.
 */
describe('staff app: sending money from a commune fund to a province fund', () => {
  let web: WebLedger;
  let provinceAccountant: Awaited<ReturnType<typeof person>>;
  const COMMUNE = 'ctd-xa-an-phu';
  const PROVINCE = 'ctd-tinh-quang-ninh';

  beforeAll(async () => {
    web = await startWebLedger();
    await openFund(web, COMMUNE, 'Quỹ Hội CTĐ xã An Phú');
    await openFund(web, PROVINCE, 'Quỹ Hội CTĐ tỉnh Quảng Ninh');
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('sends, approves and receives: the commune\'s transferredOut is the province\'s transferredIn', async () => {
    const communeAccountant = await person(web, 'Kế toán xã An Phú', ['accountant']);
    provinceAccountant = await person(web, 'Kế toán tỉnh', ['accountant']);
    const approver = await person(web, 'Chủ tịch Hội xã', ['approver']);
    await donate(web, communeAccountant.token, COMMUNE, '30000000');
    // The province's own campaign, which the province's accountant takes the money in for.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
    await asPerson(web, provinceAccountant.token, 'POST', `/v1/funds/${PROVINCE}/campaigns`, {
      campaignId: 'tet-nhan-ai-tinh', name: 'Tết Nhân ái của tỉnh', kind: 'tet', receiveFrom: day(-10), receiveUntil: day(30),
    });

    const { page, context } = await personPage(web);
    // No screen reads a fund before the fund list has said which one: no request for fund "".
    const withoutFund: string[] = [];
    page.on('request', (request) => { if (/\/v1\/funds\/(\/|$)/.test(new URL(request.url()).pathname)) withoutFund.push(new URL(request.url()).pathname); });
    await signIn(page, communeAccountant.name, communeAccountant.password);
    await page.locator('.fund-picker select').selectOption(COMMUNE);
    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const form = page.getByRole('region', { name: 'Chuyển tiền tới quỹ khác' });
    await form.getByLabel('Quỹ nhận').selectOption(PROVINCE);
    await form.getByLabel('Số tiền').fill('10.000.000');
    await form.getByLabel('Nội dung chi').fill('Chuyển tiền ủng hộ lên Hội cấp tỉnh');
    await form.getByRole('button', { name: 'Chuyển tiền tới quỹ khác' }).click();
    const transferId = `TR-${COMMUNE}-000001`;
    await page.getByText(`Đã ghi khoản chuyển ${transferId} (Chờ duyệt).`).waitFor();
    // The receiving fund by its name, its id beside it.
    await page.getByRole('region', { name: 'Các khoản đã chuyển đi' }).getByRole('row', { name: new RegExp(`${transferId}.*Quỹ Hội CTĐ tỉnh Quảng Ninh\\s*${PROVINCE}`) }).waitFor();
    await checkScreen(page, '15-transfers-send');
    // The commune's recent activity says what was done in words, with the transfer's number, never the ledger's event name.
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    const activity = page.getByRole('region', { name: 'Hoạt động gần đây' });
    await activity.getByRole('row', { name: new RegExp(`Lập khoản chuyển tiền ${transferId} 10\\.000\\.000 ₫ Kế toán xã An Phú`) }).waitFor();
    expect(await activity.getByText(/^Transfer[A-Z]/).count()).toBe(0);
    await checkScreen(page, '15-transfers-activity');
    // Opened again from its address (a bookmark, a reload): the screen waits for the fund list.
    await page.goto('/doi-chieu');
    await page.getByRole('heading', { name: 'Đối chiếu sao kê ngân hàng' }).waitFor();
    await page.goto('/');
    await activity.getByRole('row', { name: new RegExp(transferId) }).waitFor();
    expect(withoutFund).toEqual([]);
    await context.close();

    // Held at once: the commune's available money no longer counts it.
    const held = await asAdmin(web, 'GET', `/v1/funds/${COMMUNE}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(held).toMatchObject({ held: '10000000', available: '20000000' });
    await asPerson(web, approver.token, 'POST', `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`, {});

    const province = await personPage(web);
    await signIn(province.page, provinceAccountant.name, provinceAccountant.password);
    await province.page.locator('.fund-picker select').selectOption(PROVINCE);
    await province.page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const arriving = province.page.getByRole('region', { name: 'Đang chuyển tới quỹ này' });
    const card = arriving.getByRole('article', { name: transferId });
    await card.getByText('Chuyển tiền ủng hộ lên Hội cấp tỉnh').waitFor();
    await card.getByText(`Quỹ chuyển: Quỹ Hội CTĐ xã An Phú (${COMMUNE})`, { exact: false }).waitFor();
    await checkScreen(province.page, '15-transfers-arriving');
    await card.getByLabel('Nhận cho đợt vận động của quỹ này').selectOption('tet-nhan-ai-tinh');
    await card.getByRole('button', { name: 'Nhận tiền' }).click();
    await province.page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' }).getByRole('row', { name: new RegExp(`${transferId}.*Đã nhận`) }).waitFor();
    // The province's dashboard shows what it received from another fund.
    await province.page.getByRole('link', { name: 'Tổng quan' }).click();
    expect(await province.page.locator('[data-figure="transferredIn"]').innerText()).toBe('10.000.000 ₫');
    await province.context.close();

    const commune = await asAdmin(web, 'GET', `/v1/funds/${COMMUNE}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    const receiver = await asAdmin(web, 'GET', `/v1/funds/${PROVINCE}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect(commune).toMatchObject({ received: '30000000', held: '0', inTransitOut: '0', transferredOut: '10000000', available: '20000000' });
    expect(receiver).toMatchObject({ received: '0', inTransitIn: '0', transferredIn: '10000000', available: '10000000' });
    expect((receiver as { byCampaign: Record<string, unknown> }).byCampaign['tet-nhan-ai-tinh']).toMatchObject({ transferredIn: '10000000', available: '10000000' });
  });
  it('money received as general money is assigned afterwards to the province\'s campaign from the transfer\'s row, and the receipt is in the province\'s recent activity', async () => {
    const communeAccountant = await person(web, 'Kế toán xã An Phú 2', ['accountant']);
    const approver = await person(web, 'Phó Chủ tịch Hội xã', ['approver']);
    const sent = await asPerson(web, communeAccountant.token, 'POST', `/v1/funds/${COMMUNE}/transfers`, {
      toFundId: PROVINCE, amount: '5000000', component: 'general', purpose: 'Tiền ủng hộ Tết gửi lên tỉnh',
    }) as { transferId: string };
    const transferId = sent.transferId;
    await asPerson(web, approver.token, 'POST', `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`, {});
    await asPerson(web, provinceAccountant.token, 'POST', `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, {});

    const { page, context } = await personPage(web);
    await signIn(page, provinceAccountant.name, provinceAccountant.password);
    await page.locator('.fund-picker select').selectOption(PROVINCE);
    // The receipt was written in the commune's stream; the province's activity shows it all the same.
    const activity = page.getByRole('region', { name: 'Hoạt động gần đây' });
    await activity.getByRole('row', { name: new RegExp(`Nhận tiền chuyển đến ${transferId} 5\\.000\\.000 ₫ Kế toán tỉnh`) }).waitFor();
    // The commune's activity shows the same receipt as its money having arrived at the province, not as money coming in.
    await page.locator('.fund-picker select').selectOption(COMMUNE);
    await activity.getByRole('row', { name: new RegExp(`Quỹ nhận đã nhận tiền chuyển đi ${transferId} 5\\.000\\.000 ₫ Kế toán tỉnh`) }).waitFor();
    await page.locator('.fund-picker select').selectOption(PROVINCE);
    await activity.getByRole('row', { name: new RegExp(`Nhận tiền chuyển đến ${transferId}`) }).waitFor();
    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const received = page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' });
    // Taken in for the campaign at receipt: nothing to assign.
    await received.getByRole('row', { name: new RegExp(`TR-${COMMUNE}-000001.*Đã nhận`) }).waitFor();
    expect(await received.getByRole('button', { name: `Ghi cho đợt vận động: TR-${COMMUNE}-000001`, exact: true }).count()).toBe(0);
    await received.getByRole('button', { name: `Ghi cho đợt vận động: ${transferId}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Ghi khoản ${transferId} cho đợt vận động của quỹ này` });
    await dialog.getByRole('button', { name: 'Ghi cho đợt vận động' }).click();
    await dialog.getByText('Cần điền mục này.').first().waitFor();
    await dialog.getByLabel('Đợt vận động', { exact: true }).selectOption('tet-nhan-ai-tinh');
    await dialog.getByLabel('Lý do').fill('Công văn của Hội xã: tiền gửi cho Tết Nhân ái');
    await checkScreen(page, '15-transfers-assign');
    await dialog.getByRole('button', { name: 'Ghi cho đợt vận động' }).click();
    // The campaign by the name people read, never its id.
    await received.getByRole('row', { name: new RegExp(`${transferId}.*Đã ghi cho đợt Tết Nhân ái của tỉnh`) }).waitFor();
    expect(await received.getByRole('button', { name: `Ghi cho đợt vận động: ${transferId}`, exact: true }).count()).toBe(0);
    await context.close();

    const receiver = await asAdmin(web, 'GET', `/v1/funds/${PROVINCE}/balance?minPosition=${await web.ledger.store.headPosition()}`) as { available: string; byCampaign: Record<string, unknown> };
    expect(receiver.available).toBe('15000000');
    expect(receiver.byCampaign['tet-nhan-ai-tinh']).toMatchObject({ transferredIn: '10000000', movedIn: '5000000', available: '15000000' });
  });

  it('an assignment made in error is reversed from the transfer\'s row, and restricted money is refused in words about the assignment', async () => {
    const transferId = `TR-${COMMUNE}-000002`;
    // Sent for the commune's disaster campaign, received by the province as general money: the transfer's own pool.
    const communeAccountant = await person(web, 'Kế toán xã An Phú 3', ['accountant']);
    const approver = await person(web, 'Chủ tịch Hội xã 3', ['approver']);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
    await asPerson(web, communeAccountant.token, 'POST', `/v1/funds/${COMMUNE}/campaigns`, {
      campaignId: 'lu-xa-an-phu', name: 'Lũ xã An Phú', kind: 'disaster', receiveFrom: day(-10), receiveUntil: day(30),
    });
    await donate(web, communeAccountant.token, COMMUNE, '2000000', { campaignId: 'lu-xa-an-phu' });
    const sent = await asPerson(web, communeAccountant.token, 'POST', `/v1/funds/${COMMUNE}/transfers`, {
      toFundId: PROVINCE, amount: '2000000', component: 'general', campaignId: 'lu-xa-an-phu', purpose: 'Tiền lũ gửi lên tỉnh',
    }) as { transferId: string };
    await asPerson(web, approver.token, 'POST', `/v1/funds/${COMMUNE}/transfers/${sent.transferId}/approve`, {});
    await asPerson(web, provinceAccountant.token, 'POST', `/v1/funds/${PROVINCE}/transfers/${sent.transferId}/receive`, {});
    const { page, context } = await personPage(web);
    await signIn(page, provinceAccountant.name, provinceAccountant.password);
    await page.locator('.fund-picker select').selectOption(PROVINCE);
    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const received = page.getByRole('region', { name: 'Các khoản đã nhận hoặc đã trả lại' });
    await received.getByRole('button', { name: `Hủy ghi cho đợt vận động: ${transferId}` }).click();
    const dialog = page.getByRole('dialog', { name: `Hủy việc ghi khoản ${transferId} cho đợt Tết Nhân ái của tỉnh` });
    await dialog.getByRole('button', { name: 'Hủy ghi cho đợt vận động' }).click();
    await dialog.getByText('Cần điền mục này.').first().waitFor();
    await dialog.getByLabel('Lý do').fill('Ghi nhầm: Hội xã gửi tiền chung, không cho Tết Nhân ái');
    await checkScreen(page, '15-transfers-unassign');
    await dialog.getByRole('button', { name: 'Hủy ghi cho đợt vận động' }).click();
    // The money is general money again: the row no longer names the campaign, and it may be assigned anew.
    await received.getByRole('button', { name: `Ghi cho đợt vận động: ${transferId}`, exact: true }).waitFor();
    expect(await received.getByRole('row', { name: new RegExp(`${transferId}.*Đã ghi cho đợt`) }).count()).toBe(0);
    expect(await received.getByRole('button', { name: `Hủy ghi cho đợt vận động: ${transferId}` }).count()).toBe(0);
    const activity = async () => {
      await page.getByRole('link', { name: 'Tổng quan' }).click();
      return page.getByRole('region', { name: 'Hoạt động gần đây' });
    };
    await (await activity()).getByRole('row', { name: new RegExp(`Hủy ghi tiền chuyển đến cho đợt vận động.*5\\.000\\.000 ₫`) }).waitFor();

    const receiver = await asAdmin(web, 'GET', `/v1/funds/${PROVINCE}/balance?minPosition=${await web.ledger.store.headPosition()}`) as { available: string; byCampaign: Record<string, unknown> };
    // The fund's money did not change (the commune's 2,000,000 came in besides); the Tết campaign holds what it took in at receipt.
    expect(receiver.available).toBe('17000000');
    expect(receiver.byCampaign['tet-nhan-ai-tinh']).toMatchObject({ transferredIn: '10000000', movedIn: '5000000', movedOut: '5000000', available: '10000000' });

    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    // A campaign's money of the commune, received as the province's general money, keeps its pool: the Tết campaign has none.
    await received.getByRole('button', { name: `Ghi cho đợt vận động: ${sent.transferId}`, exact: true }).click();
    const assign = page.getByRole('dialog', { name: `Ghi khoản ${sent.transferId} cho đợt vận động của quỹ này` });
    await assign.getByLabel('Đợt vận động', { exact: true }).selectOption('tet-nhan-ai-tinh');
    await assign.getByLabel('Lý do').fill('Công văn của Hội xã');
    await assign.getByRole('button', { name: 'Ghi cho đợt vận động' }).click();
    await assign.getByText(/giữ nguyên mục đích hạn chế khi chuyển đến/).waitFor();
    expect(await assign.getByText('Khoản chi không đúng mục đích chỉ định của tiền.').count()).toBe(0);
    await checkScreen(page, '15-transfers-assign-restricted');
    await context.close();
  });
});
