import { asPerson, checkScreen, donate, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Releasing a donor's restriction in the browser (R13): the approver reads the waiting request by
 * the purpose the donor gave, never by the ledger's id of the restricted pool; an accountant of a
 * fund with no restricted money is told so instead of an empty choice.
 */
describe('staff app: a restriction release waiting for approval', () => {
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

  it('names the restricted money by its purpose for the approver, and says when there is none to release', async () => {
    const lan = await person(web, 'Trần Thị Lan', ['accountant']);
    const minh = await person(web, 'Phạm Văn Minh', ['approver']);

    // No restricted money yet: the accountant is told so, no empty list to choose from.
    const accountant = await personPage(web, { width: 390, height: 844 });
    await signIn(accountant.page, lan.name, lan.password);
    await accountant.page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const moves = accountant.page.getByRole('region', { name: 'Giải tỏa chỉ định và điều chuyển số dư' });
    await moves.getByText('Không có khoản tiền chỉ định nào còn để giải tỏa.').waitFor();
    expect(await moves.getByLabel('Nguồn tiền chỉ định').count()).toBe(0);
    // No campaign either: no leftovers to reallocate, said in words instead of an empty choice.
    await moves.getByText('Quỹ chưa có đợt vận động nào để điều chuyển số dư.').waitFor();
    expect(await moves.getByRole('button', { name: 'Điều chuyển số dư của đợt vận động' }).count()).toBe(0);
    await checkScreen(accountant.page, '17-restriction-release-nothing-to-move');
    await accountant.context.close();

    const gift = await donate(web, lan.token, fundId, '5000000', { restriction: { purpose: 'Học bổng cho em Lê Văn Cường', beneficiary: 'Lê Văn Cường' } });
    const balance = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance?minPosition=${String(gift.position)}`);
    const pool = (balance.restricted as { restrictionId: string }[])[0];
    const asked = await asPerson(web, lan.token, 'POST', `/v1/funds/${fundId}/restrictions/${encodeURIComponent(pool.restrictionId)}/release`, {
      consentRef: 'Thư đồng ý ngày 01/12/2026', newPurpose: 'Mua sách vở cho học sinh xã Tân Phú',
    });
    const releaseId = String(asked.id ?? asked.releaseRequestId);

    const { page } = await personPage(web, { width: 390, height: 844 });
    await signIn(page, minh.name, minh.password);
    await page.getByRole('link', { name: 'Chuyển tiền giữa các cấp' }).click();
    const card = page.getByRole('article', { name: releaseId });
    await card.getByText('Học bổng cho em Lê Văn Cường → Mua sách vở cho học sinh xã Tân Phú', { exact: false }).waitFor();
    expect(await card.innerText()).not.toContain(pool.restrictionId);
    await checkScreen(page, '17-restriction-release-waiting');
    await card.getByRole('button', { name: `Duyệt: ${releaseId}` }).click();
    await page.getByRole('region', { name: 'Giải tỏa chỉ định và điều chuyển số dư' }).getByText('Không có mục nào.').waitFor();

    const after = await asPerson(web, lan.token, 'GET', `/v1/funds/${fundId}/balance?minPosition=${await web.ledger.store.headPosition()}`);
    expect((after.restricted as { restrictionId: string; available: string }[]).find((p) => p.restrictionId === pool.restrictionId)?.available ?? '0').toBe('0');
  });
});
