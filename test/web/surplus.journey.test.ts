import { asAdmin, asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * A campaign's leftovers reallocated in the browser (R19): the accountant of a closed Tết
 * campaign whose money came into two components is told to choose the component to take it
 * from, chooses it, and the money moves on the decision named.
 */
describe('staff app: a campaign\'s leftovers reallocated', () => {
  let web: WebLedger;
  let fundId: string;

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

  it('asks which component to take a campaign\'s money from when it came into two, and moves it from the one chosen', async () => {
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns`, {
      campaignId: 'tet-2026', name: 'Tết Nhân ái 2026', kind: 'tet', receiveFrom: '2026-11-01T00:00:00+07:00', receiveUntil: '2026-11-30T23:59:59+07:00',
    });
    const gift = (amount: string, component: string) => donate(web, lan.token, fundId, amount, { campaignId: 'tet-2026', component, receivedAt: '2026-11-15T09:00:00+07:00' });
    await gift('3000000', 'general');
    await gift('2000000', 'humanitarian');
    await asAdmin(web, 'POST', `/v1/funds/${fundId}/campaigns/tet-2026/close`, {});

    const { page } = await personPage(web, { width: 390, height: 844 });
    await signIn(page, lan.name, lan.password);
    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const form = page.getByRole('form', { name: 'Điều chuyển số dư của đợt vận động' });
    await form.getByLabel('Đợt vận động', { exact: true }).selectOption({ label: 'Tết Nhân ái 2026' });
    expect(await form.getByLabel('Lấy từ quỹ thành phần').inputValue()).toBe('');
    await form.getByLabel('Số tiền').fill('2.000.000');
    await form.getByLabel('Chuyển vào quỹ thành phần').selectOption({ label: 'Quỹ chung' });
    await form.getByLabel('Căn cứ').fill('Chuyển số dư đợt Tết sang quỹ chung');
    await form.getByLabel('Số quyết định').fill('QĐ 15/CTĐ');
    await form.getByRole('button', { name: 'Điều chuyển số dư của đợt vận động' }).click();
    // Its money is in two components: the ledger does not guess which one.
    await form.getByText('Tiền của đợt không nằm trong một quỹ thành phần duy nhất: hãy chọn quỹ thành phần để lấy.').waitFor();
    await checkScreen(page, '18-surplus-choose-component');

    await form.getByLabel('Lấy từ quỹ thành phần').selectOption({ label: 'Nhân đạo' });
    await form.getByRole('button', { name: 'Điều chuyển số dư của đợt vận động' }).click();
    await page.getByText(/Đã điều chuyển số dư/).waitFor();

    const balance = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    const byComponent = balance.byComponent as Record<string, { available: string }>;
    expect(byComponent.humanitarian.available).toBe('0');
    expect(byComponent.general.available).toBe('5000000');
  });
});
