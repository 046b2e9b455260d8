import { asPerson, checkScreen, keepLastScreens, openFund, person, personPage, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 15, who received aid: after a Tết distribution to two households of two communes is
 * approved, a visitor on a phone (360 px) sees "Người nhận hỗ trợ" on /cong-khai/:fundId with each
 * name, commune, need and amount, narrows it to one commune, and the page shows no id number,
 * no address and no phone. The screen passes axe-core with no serious violation.
 */
describe('public site: who received aid', () => {
  let web: WebLedger;
  let fundId: string;
  const ID_AN = '079123456789';
  const ID_HOA = '079987654321';

  beforeAll(async () => {
    web = await startWebLedger();
    fundId = await openFund(web);
    const accountant = (await person(web, 'Trần Thị Lan', ['accountant'])).token;
    const approver = (await person(web, 'Phạm Văn Duyệt', ['approver'])).token;
    const post = (token: string, path: string, body: unknown) => asPerson(web, token, 'POST', `/v1/funds/${fundId}${path}`, body);
    await post(accountant, '/donations', {
      amount: '5000000', channel: 'bank_transfer', receivedAt: '2026-01-10T09:00:00+07:00', reference: 'FT26010TET',
      donor: { name: 'Công ty An Bình', kind: 'organization', publicName: null, taxCode: null, address: null, contact: '0909 123 456' },
    });
    const an = await post(accountant, '/beneficiaries', {
      kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: 'Ấp 3, đường Số 7', idNumber: ID_AN, categories: ['poor'],
    });
    const hoa = await post(accountant, '/beneficiaries', {
      kind: 'household', name: 'Lê Thị Hoa', commune: 'Xã Phú Hòa', address: 'Tổ 12, khu phố Bình An', idNumber: ID_HOA, categories: ['near_poor'],
    });
    const requested = await post(accountant, '/disbursements', {
      amount: '1000000', kind: 'relief', component: 'general', purpose: 'Quà Tết cho hộ nghèo', beneficiary: 'Hộ nghèo theo danh sách', needCategory: 'tet-gift',
      requestedAt: '2026-01-20T08:00:00+07:00',
      distribution: [{ beneficiaryId: String(an.beneficiaryId), amount: '500000' }, { beneficiaryId: String(hoa.beneficiaryId), amount: '500000' }],
    });
    await post(approver, `/disbursements/${String(requested.disbursementId)}/approve`, {});
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('lists name, commune, need and amount, filters by commune, and never shows an id number, address or phone, at 360 px', async () => {
    const { page } = await personPage(web, { width: 360, height: 740 });
    await page.goto(`/cong-khai/${fundId}`);
    const section = page.getByRole('region', { name: 'Người nhận hỗ trợ' });
    const an = section.getByRole('row').filter({ hasText: 'Nguyễn Văn An' });
    await an.getByText('Xã Tân Phú').waitFor();
    await an.getByText('Quà Tết').waitFor();
    await an.getByText('500.000 ₫').waitFor();
    // Aid of no campaign names no fund it was not paid from ("Quỹ chung" was written for any component's).
    expect(await an.getByRole('cell').last().textContent()).toBe('—');
    await section.getByRole('row').filter({ hasText: 'Lê Thị Hoa' }).getByText('Xã Phú Hòa').waitFor();
    await section.getByText('2 người nhận').waitFor();
    // The list says the log position it was read at, as the fund's figures do.
    const stated = await (await fetch(`${web.base}/v1/public/funds/${fundId}/beneficiaries`)).json() as { position: number };
    await section.getByText(`Danh sách tính đến vị trí sổ ${stated.position}.`, { exact: true }).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(360);
    await checkScreen(page, '45-public-aid-phone');

    const text = String(await page.evaluate('document.body.innerText'));
    for (const secret of [ID_AN, ID_HOA, '6789', '4321', 'Ấp 3', 'đường Số 7', 'Tổ 12', 'khu phố Bình An', '0909', '123 456']) {
      expect(text).not.toContain(secret);
    }

    await section.getByLabel('Lọc theo xã, phường').selectOption('Xã Phú Hòa');
    await section.getByText('1 người nhận').waitFor();
    expect(await section.getByRole('row').filter({ hasText: 'Nguyễn Văn An' }).count()).toBe(0);
    await section.getByRole('row').filter({ hasText: 'Lê Thị Hoa' }).waitFor();
  });
});
