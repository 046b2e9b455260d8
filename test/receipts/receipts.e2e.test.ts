import { Streams } from '../../src/domain/streams';
import { campaignBody, call, client, countEvents, donationBody, expectError, expectNothingAppended, expectStatus, fiscalYearOf, openFund, type Client } from '../http/support/http-helpers';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { binaryBody, pdfPages } from './pdf-text';

const FUND = 'quy-cuu-tro';
let ledger: TestLedger;
let accountant: Client;
let auditor: Client;
let coordinator: Client;

async function donate(overrides: Record<string, unknown> = {}): Promise<{ donationId: string; receiptNo: string; receivedAt: string }> {
  const body = donationBody(overrides);
  const response = await accountant.post(`/v1/funds/${FUND}/donations`, body);
  expectStatus(response, 201);
  return { ...(response.body as { donationId: string; receiptNo: string }), receivedAt: String(body.receivedAt) };
}

async function pdf(who: Client, path: string): Promise<string[]> {
  const response = await who.get(path).buffer(true).parse(binaryBody);
  expectStatus(response, 200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return pdfPages(response.body as Buffer);
}

async function receiptEvents(donationId: string, receivedAt: string) {
  const events = await ledger.store.readStream(Streams.receipts(FUND, fiscalYearOf(receivedAt)));
  return events.filter((event) => event.type === 'ReceiptIssued' && (event.data as { donationId: string }).donationId === donationId);
}

beforeAll(async () => {
  ledger = await startTestLedger();
  await openFund(ledger, FUND, { chapter: 'Hội Chữ thập đỏ tỉnh Thừa Thiên Huế' });
  expectStatus(await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody()), 201);
  accountant = client(ledger, (await ledger.user('Trần Thị Bình', ['accountant'])).token);
  auditor = client(ledger, (await ledger.user('Lê Văn Kiểm', ['auditor'])).token);
  coordinator = client(ledger, (await ledger.user('Phạm Điều Phối', ['coordinator'])).token);
});

afterAll(async () => {
  await ledger.close();
});

describe('R21 receipts through the application', () => {
  it('prints the first receipt as the original with ReceiptIssued, every later one as "Bản sao"', async () => {
    const gift = await donate({ donor: { name: 'Nguyễn Thị Ánh Tuyết', kind: 'individual' }, campaignId: 'bao-yagi' });
    const path = `/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf`;
    const [first] = await pdf(accountant, path);
    expect(first).toContain('Người ủng hộ: Nguyễn Thị Ánh Tuyết');
    expect(first).toContain('Bằng chữ: Một triệu năm trăm nghìn đồng');
    expect(first).toContain('Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi');
    expect(first).toContain(`Số: ${gift.receiptNo}`);
    // The QR code and the link under it open the public site's page of this gift, which checks it in the browser.
    expect(first.replace(/\s+/g, '')).toContain(`/cong-khai/${FUND}?khoan=${gift.donationId}`);
    expect(first).not.toContain('Bản sao');
    expect(await receiptEvents(gift.donationId, gift.receivedAt)).toHaveLength(1);

    const [second] = await expectNothingAppended(ledger, () => pdf(accountant, path));
    expect(second).toContain('Bản sao');
    expect(await receiptEvents(gift.donationId, gift.receivedAt)).toHaveLength(1);

    const shown = await accountant.get(`/v1/funds/${FUND}/donations/${gift.donationId}`);
    expectStatus(shown, 200);
    expect(shown.body).toMatchObject({ donationId: gift.donationId, amountVnd: '1500000', receiptIssuedAt: expect.any(String), reversed: false, reversal: null });
  });

  it('names the disaster campaign as the purpose of a gift given to it without a restriction of its own, in the receipt and the letter', async () => {
    const gift = await donate({ campaignId: 'bao-yagi' });
    const path = `/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf`;
    const [receipt] = await pdf(accountant, path);
    expect(receipt).toContain('Mục đích: Dành riêng cho đợt vận động “Ủng hộ đồng bào bị ảnh hưởng bão Yagi”');
    expect(receipt).not.toMatch(new RegExp('quỹ chung'.normalize('NFC'), 'i'));
    const [letter] = await pdf(accountant, `${path}?letter=1`);
    expect(letter).not.toMatch(new RegExp('quỹ chung'.normalize('NFC'), 'i'));
  });

  it('records one ReceiptIssued when two first prints arrive at once', async () => {
    const gift = await donate();
    const path = `/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf`;
    const prints = await Promise.all([pdf(accountant, path), pdf(accountant, path), pdf(accountant, path)]);
    expect(await receiptEvents(gift.donationId, gift.receivedAt)).toHaveLength(1);
    expect(prints.filter(([text]) => !text.includes('Bản sao'))).toHaveLength(1);
  });

  it('lets an auditor read a receipt without writing: never issued, it says so', async () => {
    const gift = await donate();
    const [text] = await expectNothingAppended(ledger, () => pdf(auditor, `/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf`));
    expect(text).toContain('chưa cấp cho người ủng hộ');
    expect(await receiptEvents(gift.donationId, gift.receivedAt)).toHaveLength(0);
  });

  it('gives the thank-you letter with letter=1 and issues nothing for it', async () => {
    const gift = await donate({ donor: { name: 'Công ty TNHH Hải Đăng', kind: 'organization' }, amount: '1000005' });
    const [text] = await expectNothingAppended(ledger, () => pdf(accountant, `/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf?letter=1`));
    expect(text).toContain('THƯ CẢM ƠN');
    expect(text).toContain('Kính gửi: Công ty TNHH Hải Đăng');
    expect(text).toContain('1.000.005 ₫ (Một triệu không trăm linh năm đồng)');
  });

  it('puts every receipt of a period in one file, issuing those never printed and copying the rest', async () => {
    const latest = await donate();
    const day = latest.receivedAt.slice(0, 10);
    const recorded = await ledger.store.readStream(Streams.donations(FUND, fiscalYearOf(latest.receivedAt)));
    const issuedBefore = (await ledger.store.readStream(Streams.receipts(FUND, fiscalYearOf(latest.receivedAt)))).length;
    const pages = await pdf(accountant, `/v1/funds/${FUND}/receipts.pdf?from=${day}&to=${day}`);
    expect(pages).toHaveLength(recorded.length);
    expect(pages.every((text) => text.includes('BIÊN NHẬN ỦNG HỘ'))).toBe(true);
    const originals = pages.filter((text) => !text.includes('Bản sao'));
    expect(originals.length).toBe(recorded.length - issuedBefore);
    expect(originals.some((text) => text.includes(`Số: ${latest.receiptNo}`))).toBe(true);
    for (const event of recorded) {
      const { donationId, receivedAt } = event.data as { donationId: string; receivedAt: string };
      expect(await receiptEvents(donationId, receivedAt)).toHaveLength(1);
    }
    const again = await expectNothingAppended(ledger, () => pdf(accountant, `/v1/funds/${FUND}/receipts.pdf?from=${day}&to=${day}`));
    expect(again).toHaveLength(pages.length);
    expect(again.every((text) => text.includes('Bản sao'))).toBe(true);
  });

  it('issues no receipt for a donation a reversal took back: its print says the receipt is void, alone or in a period file, and a receipt issued before reprints void', async () => {
    const fund = 'quy-hoan-tra';
    await openFund(ledger, fund);
    const give = async () => {
      const body = donationBody();
      const response = await accountant.post(`/v1/funds/${fund}/donations`, body);
      expectStatus(response, 201);
      return { donationId: (response.body as { donationId: string }).donationId, receivedAt: String(body.receivedAt) };
    };
    const [never, issued] = [await give(), await give()];
    const receiptPath = (donationId: string) => `/v1/funds/${fund}/donations/${donationId}/receipt.pdf`;
    await pdf(accountant, receiptPath(issued.donationId));
    for (const gift of [never, issued]) {
      expectStatus(await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: gift.donationId, reason: 'Chuyển khoản bị hoàn trả' }), 201);
    }
    const [text] = await expectNothingAppended(ledger, () => pdf(accountant, receiptPath(never.donationId)));
    expect(text).toContain('biên nhận không có giá trị');
    // Read alone, the donation says it was taken back, as its row in the register does.
    expect((await accountant.get(`/v1/funds/${fund}/donations/${never.donationId}`)).body).toMatchObject({
      receiptIssuedAt: null, reversed: true, reversal: { reversalId: expect.stringMatching(/^RV-/), reversedAt: expect.any(String), reason: 'Chuyển khoản bị hoàn trả' },
    });
    const [again] = await pdf(accountant, receiptPath(issued.donationId));
    expect(again).toContain('biên nhận không có giá trị');
    expect(again).not.toContain('Bản sao');
    const day = never.receivedAt.slice(0, 10);
    const period = await expectNothingAppended(ledger, () => pdf(accountant, `/v1/funds/${fund}/receipts.pdf?from=${day}&to=${day}`));
    expect(period).toHaveLength(2);
    expect(period.every((page) => page.includes('biên nhận không có giá trị'))).toBe(true);
    const receipts = await ledger.store.readStream(Streams.receipts(fund, fiscalYearOf(never.receivedAt)));
    expect(receipts.map((event) => (event.data as { donationId: string }).donationId)).toEqual([issued.donationId]);
    const letter = await accountant.get(`${receiptPath(never.donationId)}?letter=1`);
    expectError(letter, 422, 'ALREADY_REVERSED');
    expect((letter.body as { error: { message: string } }).error.message).toContain(never.donationId);
  });

  it('refuses bad input naming the field, unknown donations with 404, and other roles, appending nothing', async () => {
    const gift = await donate();
    await expectNothingAppended(ledger, async () => {
      expectError(await accountant.get(`/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf?letter=yes`), 400, 'VALIDATION_FAILED');
      expectError(await accountant.get(`/v1/funds/${FUND}/donations/DN-2024-999999/receipt.pdf`), 404, 'NOT_FOUND');
      expectError(await accountant.get(`/v1/funds/${FUND}/donations/nonsense`), 400, 'VALIDATION_FAILED');
      expectError(await accountant.get(`/v1/funds/khong-co/donations/${gift.donationId}`), 404, 'NOT_FOUND');
      expectError(await accountant.get(`/v1/funds/${FUND}/receipts.pdf?from=2024-01-01`), 400, 'VALIDATION_FAILED');
      expectError(await accountant.get(`/v1/funds/${FUND}/receipts.pdf?from=2020-01-01&to=2024-12-31`), 400, 'VALIDATION_FAILED');
      expectError(await coordinator.get(`/v1/funds/${FUND}/donations/${gift.donationId}/receipt.pdf`), 403, 'FORBIDDEN');
    });
    expect(await countEvents(ledger.store)).toBeGreaterThan(0);
  });
});
