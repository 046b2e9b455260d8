import { createHash } from 'node:crypto';
import { asPerson, checkScreen, donate, expectNoSidewaysScroll, keepLastScreens, openFund, person, personPage, signIn, startWebLedger, type WebLedger } from './support/web-harness';

/**
 * Issue 18, the network report in the browser: two communes send money up to the province; one
 * transfer arrives, the other is still on its way. The province's approver opens "Báo cáo mạng
 * lưới" and reads, per commune, what was sent, what arrived and what is still in transit and for
 * how long, then downloads it at the position shown: the CSV with its sha256, the XLSX. Every figure is the
 * ledger's own (the report's JSON at the same position).
 */
describe('staff app: the network report of a province', () => {
  let web: WebLedger;
  const COMMUNE_A = 'ctd-xa-binh-an';
  const COMMUNE_B = 'ctd-xa-hoa-binh';
  const PROVINCE = 'ctd-tinh-binh-dinh';

  beforeAll(async () => {
    web = await startWebLedger();
    await openFund(web, COMMUNE_A, 'Quỹ Hội CTĐ xã Bình An');
    await openFund(web, COMMUNE_B, 'Quỹ Hội CTĐ xã Hòa Bình');
    await openFund(web, PROVINCE, 'Quỹ Hội CTĐ tỉnh Bình Định');
  });

  afterEach(async () => {
    await keepLastScreens(expect.getState().currentTestName ?? 'test');
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows per commune what was sent, arrived and is still in transit, and downloads it (CSV with its sha256, XLSX)', async () => {
    const communeAccountant = await person(web, 'Kế toán xã', ['accountant']);
    const provinceAccountant = await person(web, 'Kế toán tỉnh Bình Định', ['accountant']);
    const approver = await person(web, 'Chủ tịch Hội tỉnh', ['approver']);
    await donate(web, communeAccountant.token, COMMUNE_A, '12000000');
    await donate(web, communeAccountant.token, COMMUNE_B, '8000000');
    const send = async (fundId: string, amount: string) => {
      const sent = await asPerson(web, communeAccountant.token, 'POST', `/v1/funds/${fundId}/transfers`, { toFundId: PROVINCE, amount, component: 'general', purpose: 'Chuyển tiền ủng hộ lên tỉnh' });
      await asPerson(web, approver.token, 'POST', `/v1/funds/${fundId}/transfers/${String(sent.transferId)}/approve`, {});
      return String(sent.transferId);
    };
    const arrived = await send(COMMUNE_A, '5000000');
    await asPerson(web, provinceAccountant.token, 'POST', `/v1/funds/${PROVINCE}/transfers/${arrived}/receive`, {});
    const travelling = await send(COMMUNE_B, '2000000');

    for (const size of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
      const { page, context } = await personPage(web, size);
      await signIn(page, approver.name, approver.password);
      await page.locator('.fund-picker select').selectOption(PROVINCE);
      await page.getByRole('link', { name: 'Báo cáo mạng lưới' }).click();
      await page.getByRole('heading', { name: 'Chuyển tiền trong hệ thống: báo cáo mạng lưới' }).waitFor();
      const incoming = page.getByRole('region', { name: 'Nhận từ các quỹ khác (cấp dưới)' });
      const rowA = incoming.getByRole('row', { name: /Quỹ Hội CTĐ xã Bình An/ });
      const rowB = incoming.getByRole('row', { name: /Quỹ Hội CTĐ xã Hòa Bình/ });
      await rowA.waitFor();
      expect((await rowA.getByRole('cell').allInnerTexts()).map((text) => text.trim())).toEqual(['5.000.000 ₫', '5.000.000 ₫', '0 ₫', '0 ₫', '—']);
      expect((await rowB.getByRole('cell').allInnerTexts()).map((text) => text.trim())).toEqual(['2.000.000 ₫', '0 ₫', '0 ₫', '2.000.000 ₫', '0 ngày']);
      const onTheWay = page.getByRole('region', { name: 'Các khoản đang trên đường' });
      await onTheWay.getByRole('row', { name: new RegExp(travelling) }).waitFor();
      await page.getByRole('region', { name: 'Chuyển cho các quỹ khác' }).getByText('Không có mục nào.').waitFor();
      await checkScreen(page, size.width < 600 ? '16-network-report-390' : '16-network-report');
      // On a phone each row is a card: nothing scrolls sideways.
      if (size.width < 600) await expectNoSidewaysScroll(page);

      if (size.width >= 600) {
        // The file downloaded is the report at the position the screen was read at; its sha256 is shown.
        const shownPosition = (await page.getByText(/Đọc tại vị trí sổ \d+/).innerText()).match(/\d+/)?.[0];
        const downloads = page.getByRole('region', { name: 'Tải báo cáo' });
        await downloads.getByRole('button', { name: 'CSV' }).click();
        const shown = await downloads.locator('[data-sha256]').getAttribute('data-sha256');
        const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
        const bytes = Buffer.from(await (await fetch(`${web.base}/v1/funds/${PROVINCE}/reports/network?to=${today}&format=csv&atPosition=${shownPosition}`, {
          headers: { authorization: `Bearer ${approver.token}` },
        })).arrayBuffer());
        expect(shown).toBe(createHash('sha256').update(bytes).digest('hex'));
        const download = page.waitForEvent('download');
        await downloads.getByRole('link', { name: `${PROVINCE}-network-${shownPosition}.csv` }).click();
        expect((await download).suggestedFilename()).toBe(`${PROVINCE}-network-${shownPosition}.csv`);
        // The workbook for the finance office: its name says the position it was computed at.
        await downloads.getByRole('button', { name: 'XLSX' }).click();
        await downloads.getByRole('link', { name: `${PROVINCE}-network-${shownPosition}.xlsx` }).waitFor();
      }
      await context.close();
    }

    // The figures on the screen are the ledger's own.
    const json = await asPerson(web, approver.token, 'GET', `/v1/funds/${PROVINCE}/reports/network?minPosition=${await web.ledger.store.headPosition()}`);
    expect(json.summary).toMatchObject({ incomingSent: '7000000', incomingArrived: '5000000', incomingInTransit: '2000000' });
  });
});
