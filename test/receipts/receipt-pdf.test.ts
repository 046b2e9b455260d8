import { PassThrough, Writable } from 'node:stream';
import QRCode from 'qrcode';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import { decideIssueReceipts } from '../../src/domain/receipts/receipts.decide';
import { evolveReceiptStream, initialReceiptStreamState } from '../../src/domain/receipts/receipts.state';
import { receiptQrUrl, receiptsPdf, thankYouLetterPdf, viDecimal, vietnamDay, vndFigures, writeReceiptsPdf, type ReceiptPage } from '../../src/reports/receipt-pdf';
import { pdfFonts, pdfInfo, pdfPageGray, pdfPages, qrModulesDrawn } from './pdf-text';

const donation: DonationRecorded['data'] = {
  fundId: 'quy-cuu-tro', donationId: 'DN-2024-000007', receiptNo: '2024-000007', fiscalYear: 2024, component: 'general',
  campaignId: 'bao-yagi', restrictionId: 'bao-yagi', restriction: { purpose: 'Hỗ trợ đồng bào vùng lũ xã Làng Nủ', beneficiary: null },
  channel: 'bank_transfer', currency: 'VND', amount: '1500000', fxRate: null, amountVnd: '1500000', cash: true,
  revenueCategory: 'voluntary_contribution', inManagementCostBase: true,
  // 20:30 UTC on 10 September is 03:30 on 11 September in Vietnam: the receipt shows the Vietnamese day.
  receivedAt: '2024-09-10T20:30:00Z',
  donor: { name: 'Nguyễn Thị Ánh Tuyết', kind: 'individual', publicName: null, taxCode: null, address: 'Phường Thuận Thành, TP Huế', contact: null },
  reference: 'UNG HO BAO YAGI', inKind: null, note: null, source: null,
};

const page: ReceiptPage = {
  donation, chapter: 'Hội Chữ thập đỏ tỉnh Thừa Thiên Huế', fundName: 'Quỹ Cứu trợ', campaignName: 'Ủng hộ đồng bào bị ảnh hưởng bão Yagi',
  issuedAt: '2024-09-11T02:00:00Z', mark: 'original',
  publicUrl: 'https://minhbach.example.vn/cong-khai/quy-cuu-tro?khoan=DN-2024-000007',
  keyId: '5f3a9c1e', publicKey: 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=',
};

describe('R21 receipt (biên nhận) as a PDF', () => {
  it('is A5 with the font embedded, and every Vietnamese word reads back intact', async () => {
    const pdf = await receiptsPdf([page]);
    expect(pdfInfo(pdf)).toMatch(/Page size:\s+419\.53 x 595\.28 pts/);
    expect(pdfFonts(pdf)).toMatch(/BeVietnamPro.*TrueType.*yes\s+yes/);
    const [text] = pdfPages(pdf);
    for (const expected of [
      'HỘI CHỮ THẬP ĐỎ TỈNH THỪA THIÊN HUẾ', 'Quỹ Cứu trợ', 'BIÊN NHẬN ỦNG HỘ', 'Số: 2024-000007', 'Ngày nhận: 11/09/2024',
      'Người ủng hộ: Nguyễn Thị Ánh Tuyết', 'Số tiền: 1.500.000 ₫', 'Bằng chữ: Một triệu năm trăm nghìn đồng',
      'Mục đích: Hỗ trợ đồng bào vùng lũ xã Làng Nủ', 'Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi', 'Hình thức: Chuyển khoản',
      'Ngày lập biên nhận: 11/09/2024', 'Khóa ký của sổ quỹ 5f3a9c1e (Ed25519):',
    ]) expect(text).toContain(expected.normalize('NFC'));
    // The address under the QR code wraps at a slash; joined again it is the public entry's address.
    expect(text.replace(/ /g, '')).toContain(page.publicUrl);
    // The key printed whole: what the donor compares, and what the public page checks the proof with.
    expect(text.replace(/\s+/g, '')).toContain(page.publicKey);
    // The QR code on the page, read module by module, is the code of the public entry's address with the key printed beside it.
    expect(receiptQrUrl(page)).toBe('https://minhbach.example.vn/cong-khai/quy-cuu-tro?khoan=DN-2024-000007&khoa=O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik');
    const { modules } = QRCode.create(receiptQrUrl(page), { errorCorrectionLevel: 'M' });
    const drawn = qrModulesDrawn(pdfPageGray(pdf, 1, 288), { size: modules.size, leftPt: 36, sidePt: 80, marginModules: 1 });
    expect(drawn).toEqual(Array.from(modules.data, (bit) => bit === 1));
    expect(text).not.toContain('Bản sao');
  });

  it('marks a later print "Bản sao" and a print that issued nothing as not issued', async () => {
    const [copy, unissued] = pdfPages(await receiptsPdf([{ ...page, mark: 'copy' }, { ...page, mark: 'not_issued', issuedAt: null }]));
    expect(copy).toContain('Bản sao');
    expect(unissued).toContain('chưa cấp cho người ủng hộ');
    expect(unissued).not.toContain('Bản sao');
  });

  it('says a receipt is void when a reversal took the donation back, and writes a foreign amount and its rate the Vietnamese way', async () => {
    const [voided] = pdfPages(await receiptsPdf([{ ...page, mark: 'reversed' }]));
    expect(voided).toContain('biên nhận không có giá trị');
    const foreign = { ...donation, currency: 'USD', amount: '1000.50', fxRate: '25400.5', amountVnd: '25413200' };
    const [text] = pdfPages(await receiptsPdf([{ ...page, donation: foreign }]));
    expect(text).toContain('(1.000,50 USD, tỷ giá 25.400,5)');
  });

  it('writes a foreign amount at its currency\'s scale, however it was typed: 100 USD is 100,00 USD, 1.000,5 USD is 1.000,50 USD', async () => {
    const typed = (amount: string, currency = 'USD') => ({ ...donation, currency, amount, fxRate: '25000', amountVnd: '2500000' });
    const [whole, short, yen] = pdfPages(await receiptsPdf([
      { ...page, donation: typed('100') }, { ...page, donation: typed('1000.5') }, { ...page, donation: typed('15000', 'JPY') },
    ]));
    expect(whole).toContain('(100,00 USD, tỷ giá 25.000)');
    expect(short).toContain('(1.000,50 USD, tỷ giá 25.000)');
    expect(yen).toContain('(15.000 JPY, tỷ giá 25.000)');
  });

  it('thanks a donor in foreign currency for the amount they gave, with its VND at the rate booked', async () => {
    const foreign = { ...donation, currency: 'USD', amount: '100', fxRate: '25400.5', amountVnd: '2540050' };
    const [letter] = pdfPages(await thankYouLetterPdf({ ...page, donation: foreign }));
    expect(letter.replace(/\s+/g, ' ')).toContain('số tiền 100,00 USD (tỷ giá 25.400,5: 2.540.050 ₫'.normalize('NFC'));
  });

  it('names the campaign as the purpose of a gift its disaster campaign restricts, and the general fund only for money nothing restricts', async () => {
    // No restriction of its own, but recorded into the disaster campaign's pool (Decree 93/2021): not general-fund money.
    const toCampaign = { ...donation, restriction: null, restrictionId: 'campaign:bao-yagi' };
    const [campaignText] = pdfPages(await receiptsPdf([{ ...page, donation: toCampaign }]));
    expect(campaignText).not.toMatch(new RegExp('quỹ chung'.normalize('NFC'), 'i'));
    expect(campaignText).toContain('Mục đích: Dành riêng cho đợt vận động “Ủng hộ đồng bào bị ảnh hưởng bão Yagi”'.normalize('NFC'));
    const [letter] = pdfPages(await thankYouLetterPdf({ ...page, donation: toCampaign }));
    expect(letter).not.toMatch(new RegExp('quỹ chung'.normalize('NFC'), 'i'));
    // The letter names the campaign once, then says "this campaign" (it read the name twice in one sentence).
    const flat = letter.replace(/\s+/g, ' ');
    expect(flat.split('Ủng hộ đồng bào bị ảnh hưởng bão Yagi'.normalize('NFC'))).toHaveLength(2);
    expect(flat).toContain('mục đích: Dành riêng cho đợt vận động này'.normalize('NFC'));
    const general = { ...donation, campaignId: null, restriction: null, restrictionId: null };
    const [generalText] = pdfPages(await receiptsPdf([{ ...page, donation: general, campaignName: null }]));
    expect(generalText).toContain('Mục đích: Không hạn định (Quỹ chung)'.normalize('NFC'));
    // Unrestricted money of another component is that component's, never "the general fund".
    const relief = { ...general, component: 'emergency-relief' };
    const [reliefText] = pdfPages(await receiptsPdf([{ ...page, donation: relief, campaignName: null }]));
    expect(reliefText).toContain('Mục đích: Không hạn định (Quỹ cứu trợ khẩn cấp)'.normalize('NFC'));
    expect(reliefText).toContain('Đợt vận động: Không thuộc đợt vận động nào'.normalize('NFC'));
  });

  it('writes the quantity of a gift in kind the Vietnamese way, as it writes amounts', async () => {
    // "1.250 tấn" reads as one thousand two hundred and fifty tonnes to a Vietnamese reader.
    const rice = {
      ...donation, channel: 'in_kind' as const, cash: false, amount: '18750000', amountVnd: '18750000',
      inKind: { description: 'Gạo ST25', quantity: '1.250', unit: 'tấn', valuationMethod: 'giá thị trường ngày nhận' },
    };
    const [text] = pdfPages(await receiptsPdf([{ ...page, donation: rice }]));
    expect(text).toContain('Hiện vật: Gạo ST25, 1,250 tấn (định giá: giá thị trường ngày nhận)'.normalize('NFC'));
    // Its figure is a value, not money handed over; the letter thanks for the goods.
    expect(text).toContain('Giá trị: 18.750.000 ₫'.normalize('NFC'));
    expect(text).not.toContain('Số tiền:');
    const [letter] = pdfPages(await thankYouLetterPdf({ ...page, donation: rice }));
    expect(letter.replace(/\s+/g, ' ')).toContain('hiện vật Gạo ST25, 1,250 tấn, trị giá 18.750.000 ₫'.normalize('NFC'));
    const water = { ...rice, inKind: { ...rice.inKind, description: 'Nước uống đóng chai', quantity: '12000', unit: 'chai' } };
    const [waterText] = pdfPages(await receiptsPdf([{ ...page, donation: water }]));
    expect(waterText).toContain('Hiện vật: Nước uống đóng chai, 12.000 chai'.normalize('NFC'));
    // Goods valued in a foreign currency (R17): the letter names it and the rate, as the receipt does.
    const shirts = {
      ...rice, currency: 'USD', amount: '10.00', fxRate: '25000', amountVnd: '250000',
      inKind: { description: 'Áo', quantity: '1500', unit: 'cái', valuationMethod: 'giá nhà tài trợ' },
    };
    const [shirtsText] = pdfPages(await receiptsPdf([{ ...page, donation: shirts }]));
    expect(shirtsText).toContain('Giá trị: 250.000 ₫ (10,00 USD, tỷ giá 25.000)'.normalize('NFC'));
    const [shirtsLetter] = pdfPages(await thankYouLetterPdf({ ...page, donation: shirts }));
    expect(shirtsLetter.replace(/\s+/g, ' ')).toContain('hiện vật Áo, 1.500 cái, trị giá 10,00 USD (tỷ giá 25.000: 250.000 ₫'.normalize('NFC'));
  });

  it('reads back whole words when the names were typed decomposed (NFD), as some Vietnamese keyboards send them', async () => {
    const nfd = (text: string) => text.normalize('NFD');
    const decomposed: ReceiptPage = {
      ...page, chapter: nfd(page.chapter), fundName: nfd(page.fundName), campaignName: nfd(String(page.campaignName)),
      donation: {
        ...donation, donor: { ...donation.donor, name: nfd('Đặng Thị Ỷ Lan'), address: nfd('Xã Quảng Điền, Huế') },
        restriction: { purpose: nfd('Hỗ trợ đồng bào vùng lũ'), beneficiary: null }, reference: nfd('Ủng hộ bão Yagi'),
      },
    };
    const [text] = pdfPages(await receiptsPdf([decomposed]));
    for (const expected of [
      'HỘI CHỮ THẬP ĐỎ TỈNH THỪA THIÊN HUẾ', 'Người ủng hộ: Đặng Thị Ỷ Lan', 'Địa chỉ: Xã Quảng Điền, Huế', 'Mục đích: Hỗ trợ đồng bào vùng lũ',
      'Đợt vận động: Ủng hộ đồng bào bị ảnh hưởng bão Yagi', 'Nội dung/Mã giao dịch: Ủng hộ bão Yagi',
    ]) expect(text).toContain(expected.normalize('NFC'));
    const [letter] = pdfPages(await thankYouLetterPdf(decomposed));
    expect(letter).toContain('Kính gửi: Đặng Thị Ỷ Lan'.normalize('NFC'));
    expect(letter).toContain('Hội Chữ thập đỏ tỉnh Thừa Thiên Huế trân trọng cảm ơn'.normalize('NFC'));
  });

  it('thanks a donor who gave without a name as a benefactor, not as "Ẩn danh"', async () => {
    const anonymous = { ...donation, donor: { ...donation.donor, name: 'Ẩn danh', kind: 'anonymous' as const, address: null } };
    const [letter] = pdfPages(await thankYouLetterPdf({ ...page, donation: anonymous }));
    expect(letter).toContain('Kính gửi: Quý nhà hảo tâm'.normalize('NFC'));
    expect(letter).not.toContain('Ẩn danh'.normalize('NFC'));
  });

  it('puts many receipts in one file, one page each, and says so when a period has none', async () => {
    const second = { ...page, donation: { ...donation, donationId: 'DN-2024-000008', receiptNo: '2024-000008', amountVnd: '1000005', amount: '1000005' } };
    const pages = pdfPages(await receiptsPdf([page, second]));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('Số: 2024-000008');
    expect(pages[1]).toContain('Một triệu không trăm linh năm đồng');
    expect(pdfPages(await receiptsPdf([]))).toEqual(['Không có khoản ủng hộ nào trong kỳ này.']);
  });

  it('writes the thank-you letter (thư cảm ơn) to the donor by name, with the amount in words', async () => {
    const [text] = pdfPages(await thankYouLetterPdf(page));
    for (const expected of ['THƯ CẢM ƠN', 'Kính gửi: Nguyễn Thị Ánh Tuyết', '1.500.000 ₫ (Một triệu năm trăm nghìn đồng)', 'Biên nhận số 2024-000007']) {
      expect(text).toContain(expected.normalize('NFC'));
    }
  });

  it('shows VND with dots between thousands and dates as dd/mm/yyyy in Vietnam time', () => {
    expect(vndFigures('1')).toBe('1 ₫');
    expect(vndFigures('1500000')).toBe('1.500.000 ₫');
    expect(vndFigures('999999999999999')).toBe('999.999.999.999.999 ₫');
    expect(viDecimal('25000.5')).toBe('25.000,5');
    expect(viDecimal('1000.50')).toBe('1.000,50');
    expect(viDecimal('0.000125')).toBe('0,000125');
    expect(vietnamDay('2024-12-31T17:00:00Z')).toBe('01/01/2025');
    expect(vietnamDay('2024-12-31T16:59:59Z')).toBe('31/12/2024');
  });
});

/** Lets the event loop go round `turns` times (setImmediate callbacks run one round each). */
async function eventLoopTurns(turns: number): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('R21 a period file goes out as it is drawn', () => {
  /** A period of `count` receipts, read one at a time; `read()` says how many pages were taken so far. */
  function period(count: number): { pages: Iterable<ReceiptPage>; read: () => number } {
    let taken = 0;
    function* pages(): Generator<ReceiptPage> {
      for (let index = 1; index <= count; index++) {
        taken++;
        const receiptNo = `2024-${String(index).padStart(6, '0')}`;
        yield { ...page, donation: { ...donation, donationId: `DN-${receiptNo}`, receiptNo } };
      }
    }
    return { pages: pages(), read: () => taken };
  }

  it('draws no further ahead of its reader than the reader\'s buffer holds, and stops when the reader goes away', async () => {
    const { pages, read } = period(200);
    const taken: Buffer[] = [];
    // A reader that takes the first chunk and then nothing more (its write never completes), with
    // room for 1 KB: less than a page (about 3 KB compressed).
    const stalled = new Writable({ highWaterMark: 1024, write: (chunk: Buffer) => void taken.push(chunk) });
    const writing = writeReceiptsPdf(pages, stalled);
    // Drawing a page takes one turn of the event loop at most: a writer that ignored the reader
    // would have drawn all 200 pages in these 400 turns.
    await eventLoopTurns(400);
    expect(taken.length).toBeGreaterThan(0);
    expect(read()).toBeLessThan(4);
    stalled.destroy();
    await expect(writing).rejects.toThrow(/premature close/i);
    expect(read()).toBeLessThan(4);
  });

  it('draws two files at once, page by page in turn, each with its own font subset reading back whole', async () => {
    const letters = { ...page, donation: { ...donation, donor: { ...donation.donor, name: 'Đặng Thị Ỷ Lan' } } };
    const [first, second] = await Promise.all([receiptsPdf(period(3).pages), receiptsPdf([letters, letters, letters])]);
    expect(pdfPages(first)[2]).toContain('Người ủng hộ: Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    expect(pdfPages(second)[2]).toContain('Người ủng hộ: Đặng Thị Ỷ Lan'.normalize('NFC'));
    expect(pdfFonts(second)).toMatch(/BeVietnamPro.*TrueType.*yes\s+yes/);
  });

  it('writes the same file into a stream as it gives whole', async () => {
    const chunks: Buffer[] = [];
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeReceiptsPdf(period(3).pages, output);
    const pages = pdfPages(Buffer.concat(chunks));
    expect(pages).toHaveLength(3);
    expect(pages[2]).toContain('Số: 2024-000003');
  });
});

describe('R21 ReceiptIssued is decided once per receipt', () => {
  const command = (ids: string[], reversed: Record<string, string> = {}) => ({
    type: 'IssueReceipts' as const, fundId: 'quy-cuu-tro', fiscalYear: 2024, now: '2024-09-11T02:00:00Z',
    donations: ids.map((donationId) => ({ donationId, receiptNo: donationId.slice(3), reversedBy: reversed[donationId] ?? null })),
  });

  it('issues a receipt never printed, and nothing for one already issued or named twice', () => {
    const first = decideIssueReceipts(command(['DN-2024-000001', 'DN-2024-000001']), initialReceiptStreamState());
    expect(first).toEqual({ ok: true, events: [{ type: 'ReceiptIssued', data: {
      fundId: 'quy-cuu-tro', donationId: 'DN-2024-000001', receiptNo: '2024-000001', fiscalYear: 2024, issuedAt: '2024-09-11T02:00:00Z',
    } }] });
    const state = first.ok ? first.events.reduce(evolveReceiptStream, initialReceiptStreamState()) : initialReceiptStreamState();
    expect(decideIssueReceipts(command(['DN-2024-000001']), state)).toEqual({ ok: true, events: [] });
    const mixed = decideIssueReceipts(command(['DN-2024-000001', 'DN-2024-000002']), state);
    expect(mixed.ok && mixed.events.map((e) => e.data.donationId)).toEqual(['DN-2024-000002']);
  });

  it('issues nothing for a donation a reversal took back, and still issues the others of the print', () => {
    const decision = decideIssueReceipts(command(['DN-2024-000001', 'DN-2024-000002'], { 'DN-2024-000001': 'RV-000001' }), initialReceiptStreamState());
    expect(decision.ok && decision.events.map((e) => e.data.donationId)).toEqual(['DN-2024-000002']);
  });
});
