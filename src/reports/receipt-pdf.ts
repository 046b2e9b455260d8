/// <reference path="./fontkit.d.ts" />
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Font } from 'fontkit';
import type PDFDocument from 'pdfkit';
import type QRCode from 'qrcode';
import type { DonationChannel, DonationRecorded } from '../domain/donation/donation.events';
import { campaignRestrictionId } from '../domain/fund/fund.decide';
import { amountAtScale, formatDecimalVietnamese } from '../domain/money';
import { vietnamDateOf } from '../domain/shared/calendar';
import { vndInWords } from './amount-in-words';
import { CODE_LABELS } from './report-labels';

/** One receipt as printed: the donation, where it belongs and whether this print is the first. */
export interface ReceiptPage {
  donation: DonationRecorded['data'];
  chapter: string;
  fundName: string;
  campaignName: string | null;
  /** Recording time of the first print (the issue date); null while no receipt was issued. */
  issuedAt: string | null;
  /**
   * The first print says nothing; later prints say "Bản sao"; a print that issued nothing says so;
   * the print of a donation a reversal took back says the receipt is void.
   */
  mark: 'original' | 'copy' | 'not_issued' | 'reversed';
  /** The public page of the gift, as printed for people to type; the QR code adds the key (receiptQrUrl). */
  publicUrl: string;
  /**
   * The key that signs the ledger's checkpoints when the receipt is printed: its id and its raw
   * Ed25519 public key in base64. On paper, it is the donor's own record of the key: the public
   * page checks the proof with it, not with whatever key the server publishes then.
   */
  keyId: string;
  publicKey: string;
}

/**
 * The font is shipped with the ledger (Be Vietnam Pro, SIL Open Font License) and embedded in
 * every file: a PDF that leans on the reader's fonts loses the diacritics on machines without them.
 */
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf'));
const FONT_REGULAR = join(FONT_DIR, 'BeVietnamPro_400Regular.ttf');
const FONT_BOLD = join(FONT_DIR, '..', '700Bold', 'BeVietnamPro_700Bold.ttf');

const CHANNEL_LABELS: Record<DonationChannel, string> = {
  cash: 'Tiền mặt',
  bank_transfer: 'Chuyển khoản',
  in_kind: 'Hiện vật',
  online: 'Trực tuyến',
};

const MARK_LABELS = {
  original: null, copy: 'Bản sao', not_issued: 'Bản xem – chưa cấp cho người ủng hộ', reversed: 'Khoản ủng hộ đã được đảo – biên nhận không có giá trị',
} as const;

/** `1500000` → `1.500.000 ₫`: Vietnamese digit grouping, from the decimal string (never a JS number). */
export function vndFigures(amountVnd: string): string {
  return `${viDecimal(amountVnd)} ₫`;
}

/** `25000.5` → `25.000,5`: a decimal string written the Vietnamese way (dot groups thousands, comma before the decimals). */
export const viDecimal = formatDecimalVietnamese;

/**
 * What the donor gave, for a letter: goods and their value; money in VND with its words; a gift in
 * foreign currency first in its own currency, as the donor sent it, then the VND it was booked at.
 */
function amountGiven(donation: DonationRecorded['data']): string {
  const inVnd = `${vndFigures(donation.amountVnd)} (${vndInWords(donation.amountVnd)})`;
  const foreign = donation.currency === 'VND' ? '' : `${viDecimal(amountAtScale(donation.amount, donation.currency))} ${donation.currency} (tỷ giá ${viDecimal(String(donation.fxRate))}: ${inVnd.replace(' (', ', ').replace(/\)$/, '')})`;
  if (donation.inKind) return `hiện vật ${donation.inKind.description}, ${viDecimal(donation.inKind.quantity)} ${donation.inKind.unit}, trị giá ${foreign === '' ? inVnd : foreign}`;
  return donation.currency === 'VND' ? `số tiền ${inVnd}` : `số tiền ${foreign}`;
}

/** dd/mm/yyyy in Vietnam time. */
export function vietnamDay(isoTimestamp: string): string {
  const [year, month, day] = vietnamDateOf(isoTimestamp).split('-');
  return `${day}/${month}/${year}`;
}

type QrLibrary = typeof QRCode;

interface PdfLibraries {
  PDFDocument: typeof PDFDocument;
  QRCode: QrLibrary;
  fonts: { regular: Font; bold: Font };
}

let libraries: Promise<PdfLibraries> | undefined;

/**
 * pdfkit (with its font engine) and qrcode load with the first receipt, not with the server:
 * loading them is a large share of a start's module loading, for routes few requests take.
 * The two faces are parsed then, once: a document given a file path parses it again and reads
 * its layout tables anew, half the CPU time of a single receipt.
 */
function pdfLibraries(): Promise<PdfLibraries> {
  libraries ??= loadPdfLibraries().catch((error: unknown) => {
    libraries = undefined;
    throw error;
  });
  return libraries;
}

async function loadPdfLibraries(): Promise<PdfLibraries> {
  const [{ default: pdfDocument }, { default: qrcode }, fontkit, regular, bold] = await Promise.all([
    import('pdfkit'), import('qrcode'), import('fontkit'), readFile(FONT_REGULAR), readFile(FONT_BOLD),
  ]);
  return { PDFDocument: pdfDocument, QRCode: qrcode, fonts: { regular: fontkit.create(regular), bold: fontkit.create(bold) } };
}

function newDocument({ PDFDocument: Document, fonts }: PdfLibraries, title: string): PDFKit.PDFDocument {
  const doc = new Document({ size: 'A5', margin: 36, autoFirstPage: false, info: { Title: title, Producer: 'ctd-fund-ledger' } });
  // pdfkit takes a parsed fontkit font as well as a path or bytes; @types/pdfkit lists only the latter.
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  return doc;
}

/** Writes a document into `output`, each chunk as pdfkit gives it; resolves once `output` has finished. */
function streamInto(doc: PDFKit.PDFDocument, output: Writable): Promise<void> {
  const written = pipeline(doc, output);
  // Awaited once the last page is drawn; until then a reader that went away shows as a destroyed output.
  written.catch(() => undefined);
  return written;
}

/**
 * Waits until `output` can take more: pdfkit pushes each finished page without asking, so the
 * drawing itself waits for the reader, and a period file holds no more in memory than the
 * reader's buffers (a few pages) however slow the download. It yields to the event loop after every page even when
 * there is room, so a long file does not hold up the server's other requests.
 */
function roomIn(output: Writable): Promise<void> {
  if (!output.writableNeedDrain || output.destroyed) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const ready = (): void => {
      output.off('drain', ready).off('close', ready);
      resolve();
    };
    output.on('drain', ready).on('close', ready);
  });
}

/** The bytes of what `write` puts into a stream, for a file sent whole. */
async function bytesOf(write: (output: Writable) => Promise<void>): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(output);
  return Buffer.concat(chunks);
}

/**
 * Text as the page carries it: composed (NFC). Names typed on a keyboard that sends decomposed
 * Vietnamese (a letter, then its marks) print right, but their marks would be separate glyphs in
 * the text layer, which then reads back "Đă ̣ ng" when searched or copied.
 */
function composed(text: string): string {
  return text.normalize('NFC');
}

function header(doc: PDFKit.PDFDocument, page: ReceiptPage): void {
  doc.font('bold').fontSize(10).text(composed(page.chapter).toLocaleUpperCase('vi'), { align: 'left' });
  doc.font('regular').fontSize(10).text(composed(page.fundName));
  doc.moveDown(1);
}

function line(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('regular').text(composed(value));
}

/** A component of the fund as the reports name it ("Quỹ cứu trợ khẩn cấp"); one a fund named itself, as named. */
function componentLabel(component: string): string {
  return (CODE_LABELS.component as Record<string, string>)[component] ?? component;
}

/**
 * What the gift may be spent on: its own restriction; else its disaster campaign's, when it went
 * into that campaign's pool (Decree 93/2021); money nothing restricts is its component's, named.
 * A text that named the campaign just before (`campaignNamed`) says "this campaign".
 */
function purposeOf(donation: DonationRecorded['data'], campaignName: string | null, campaignNamed = false): string {
  if (!donation.restriction) {
    const campaignPool = donation.campaignId !== null && donation.restrictionId === campaignRestrictionId(donation.campaignId);
    if (campaignPool && campaignNamed) return 'Dành riêng cho đợt vận động này';
    if (campaignPool) return campaignName ? `Dành riêng cho đợt vận động “${campaignName}”` : 'Dành riêng cho đợt vận động';
    return `Không hạn định (${componentLabel(donation.component)})`;
  }
  const beneficiary = donation.restriction.beneficiary ? ` – người nhận: ${donation.restriction.beneficiary}` : '';
  return `${donation.restriction.purpose}${beneficiary}`;
}

function amountLines(doc: PDFKit.PDFDocument, donation: DonationRecorded['data']): void {
  const original = donation.currency === 'VND' ? '' : ` (${viDecimal(amountAtScale(donation.amount, donation.currency))} ${donation.currency}, tỷ giá ${viDecimal(String(donation.fxRate))})`;
  // A gift in kind is no money: the figure is its value, as the gift was valued.
  line(doc, donation.cash ? 'Số tiền' : 'Giá trị', `${vndFigures(donation.amountVnd)}${original}`);
  line(doc, 'Bằng chữ', vndInWords(donation.amountVnd));
  if (donation.inKind) {
    const gift = donation.inKind;
    line(doc, 'Hiện vật', `${gift.description}, ${viDecimal(gift.quantity)} ${gift.unit} (định giá: ${gift.valuationMethod})`);
  }
}

function receiptPage(doc: PDFKit.PDFDocument, QRCode: QrLibrary, page: ReceiptPage): void {
  const { donation } = page;
  doc.addPage();
  header(doc, page);
  doc.font('bold').fontSize(15).text('BIÊN NHẬN ỦNG HỘ', { align: 'center' });
  doc.font('regular').fontSize(10).text(`Số: ${donation.receiptNo}`, { align: 'center' });
  const mark = MARK_LABELS[page.mark];
  if (mark) doc.font('bold').fontSize(11).fillColor('#b00000').text(mark, { align: 'center' }).fillColor('black');
  doc.moveDown(0.8);
  line(doc, 'Ngày nhận', vietnamDay(donation.receivedAt));
  line(doc, 'Người ủng hộ', donation.donor.name);
  if (donation.donor.address) line(doc, 'Địa chỉ', donation.donor.address);
  if (donation.donor.taxCode) line(doc, 'Mã số thuế', donation.donor.taxCode);
  amountLines(doc, donation);
  line(doc, 'Hình thức', CHANNEL_LABELS[donation.channel]);
  line(doc, 'Mục đích', purposeOf(donation, page.campaignName));
  line(doc, 'Đợt vận động', page.campaignName ?? 'Không thuộc đợt vận động nào');
  if (donation.reference) line(doc, 'Nội dung/Mã giao dịch', donation.reference);
  line(doc, 'Ngày lập biên nhận', page.issuedAt ? vietnamDay(page.issuedAt) : 'chưa cấp');
  qrBlock(doc, QRCode, page);
  signatures(doc, 'Người ủng hộ', 'Người nhận (Kế toán)');
}

/** The QR code's side on the page, in points, and the light border around its modules, in modules. */
const QR_SIDE_PT = 80;
const QR_MARGIN_MODULES = 1;

/**
 * The QR code to the public entry, drawn as one vector path: a rectangle per run of dark modules
 * in a row, filled at once. An image would be encoded as a PNG only for pdfkit to decode it again,
 * and would print its modules 6 or 7 pixels wide; the path is a few hundred bytes, sharp at any
 * printer's resolution.
 */
function qrCode(doc: PDFKit.PDFDocument, QRCode: QrLibrary, url: string, left: number, top: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const unit = QR_SIDE_PT / (count + 2 * QR_MARGIN_MODULES);
  const runs: string[] = [];
  for (let row = 0; row < count; row++) {
    const offset = row * count;
    for (let column = 0; column < count; column++) {
      if (!modules.data[offset + column]) continue;
      const start = column;
      while (column + 1 < count && modules.data[offset + column + 1]) column++;
      runs.push(`${start} ${row} ${column + 1 - start} 1 re`);
    }
  }
  doc.save().translate(left + unit * QR_MARGIN_MODULES, top + unit * QR_MARGIN_MODULES).scale(unit);
  doc.addContent(runs.join('\n')).fill('black').restore();
}

/**
 * What the QR code opens: the gift's public page naming the key printed beside it (`&khoa=`, the
 * raw public key in base64url), with which the page checks the proof.
 */
export function receiptQrUrl(page: Pick<ReceiptPage, 'publicUrl' | 'publicKey'>): string {
  return `${page.publicUrl}&khoa=${Buffer.from(page.publicKey, 'base64').toString('base64url')}`;
}

function qrBlock(doc: PDFKit.PDFDocument, QRCode: QrLibrary, page: Pick<ReceiptPage, 'publicUrl' | 'keyId' | 'publicKey'>): void {
  const url = receiptQrUrl(page);
  const top = doc.y + 8;
  qrCode(doc, QRCode, url, doc.page.margins.left, top);
  doc.font('regular').fontSize(8).text('Tra cứu công khai khoản ủng hộ này:', doc.page.margins.left + 90, top + 10, { width: 250 });
  doc.text(page.publicUrl, { width: 250, link: url });
  doc.text(`Khóa ký của sổ quỹ ${page.keyId} (Ed25519): ${page.publicKey}`, { width: 250 });
  doc.x = doc.page.margins.left;
  doc.y = top + 90;
}

function signatures(doc: PDFKit.PDFDocument, left: string, right: string): void {
  const width = (doc.page.width - doc.page.margins.left - doc.page.margins.right) / 2;
  const top = doc.y + 6;
  doc.font('bold').fontSize(10).text(left, doc.page.margins.left, top, { width, align: 'center' });
  doc.text(right, doc.page.margins.left + width, top, { width, align: 'center' });
  doc.font('regular').fontSize(8).text('(Ký, ghi rõ họ tên)', doc.page.margins.left, top + 14, { width, align: 'center' });
  doc.text('(Ký, ghi rõ họ tên)', doc.page.margins.left + width, top + 14, { width, align: 'center' });
  doc.x = doc.page.margins.left;
}

/** Pages drawn between two emptyings of the fonts' layout caches (see forgetWordLayouts). */
const PAGES_PER_LAYOUT_CACHE = 500;

/**
 * pdfkit keeps the glyph layout of every word it has drawn (each font's `layoutCache`) for the
 * life of the document. The words of the form repeat from page to page, but each receipt adds its
 * own number, reference and public address: 7 KB a page, 70 MB kept for a file of 10,000
 * receipts. Emptying the caches now and then keeps what is worth keeping (the next pages lay the
 * form's words out again at once) and lets the rest go; the pages come out the same. A pdfkit
 * without these caches leaves nothing to empty.
 */
function forgetWordLayouts(doc: PDFKit.PDFDocument): void {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(fonts)) {
    if (typeof font.layoutCache === 'object' && font.layoutCache !== null) font.layoutCache = Object.create(null);
  }
}

/**
 * The receipts in one A5 file, one page each, in the order given, written into `output` page by
 * page as they are drawn; `pages` is read one page at a time, as `output` takes them. Stops
 * drawing when `output` is destroyed (the reader went away), and then rejects.
 */
export async function writeReceiptsPdf(pages: Iterable<ReceiptPage>, output: Writable, title = 'Biên nhận ủng hộ'): Promise<void> {
  const loaded = await pdfLibraries();
  const doc = newDocument(loaded, title);
  const written = streamInto(doc, output);
  let drawn = 0;
  for (const page of pages) {
    if (output.destroyed) break;
    receiptPage(doc, loaded.QRCode, page);
    drawn++;
    if (drawn % PAGES_PER_LAYOUT_CACHE === 0) forgetWordLayouts(doc);
    await roomIn(output);
  }
  if (drawn === 0 && !output.destroyed) {
    doc.addPage();
    doc.font('regular').fontSize(11).text('Không có khoản ủng hộ nào trong kỳ này.');
  }
  doc.end();
  await written;
}

/** The receipts in one A5 file, as bytes (one receipt, or a file kept whole). */
export function receiptsPdf(pages: Iterable<ReceiptPage>, title = 'Biên nhận ủng hộ'): Promise<Buffer> {
  return bytesOf((output) => writeReceiptsPdf(pages, output, title));
}

/** The thank-you letter (thư cảm ơn) for one donation; customary, with no legal form (R21). */
export async function thankYouLetterPdf(page: ReceiptPage): Promise<Buffer> {
  const { donation } = page;
  const loaded = await pdfLibraries();
  const doc = newDocument(loaded, 'Thư cảm ơn');
  const done = bytesOf((output) => streamInto(doc, output));
  doc.addPage();
  header(doc, page);
  doc.font('bold').fontSize(15).text('THƯ CẢM ƠN', { align: 'center' });
  doc.moveDown(1);
  // A donor who gave without a name is thanked as such, not as "Ẩn danh".
  const addressee = donation.donor.kind === 'anonymous' ? 'Quý nhà hảo tâm' : donation.donor.name;
  doc.font('regular').fontSize(11).text(composed(`Kính gửi: ${addressee}`));
  doc.moveDown(0.6);
  const campaign = page.campaignName ? ` trong đợt vận động “${page.campaignName}”` : '';
  doc.text(composed(
    `${page.chapter} trân trọng cảm ơn tấm lòng hảo tâm của Quý vị đã ủng hộ ${page.fundName}${campaign} ` +
      `${amountGiven(donation)} ngày ${vietnamDay(donation.receivedAt)}, ` +
      `mục đích: ${purposeOf(donation, page.campaignName, campaign !== '')}. Biên nhận số ${donation.receiptNo}.`),
    { align: 'justify' },
  );
  doc.moveDown(0.6);
  doc.text('Sự chung tay của Quý vị giúp chúng tôi kịp thời hỗ trợ những người có hoàn cảnh khó khăn. Mọi khoản ủng hộ đều được công khai và có thể tra cứu theo mã QR dưới đây.', { align: 'justify' });
  qrBlock(doc, loaded.QRCode, page);
  doc.font('bold').fontSize(10).text(composed(`TM. ${page.chapter}`), { align: 'right' });
  doc.end();
  return done;
}
