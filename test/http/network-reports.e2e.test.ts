import { loadWorkbook, rowLabelled, sheetTexts, valueOf } from '../read-side/xlsx-reading';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { balanceAt, call, donationBody, expectError, expectStatus, openFund } from './support/http-helpers';

/**
 * The reports count every movement between chapters, pools and currencies exactly once (issue 18;
 * api-v2 "Between chapters", "Reports"; R5, R16, R17, R19), through the real HTTP stack: a commune
 * sends money up to the province (received, returned, still in transit), releases a restriction,
 * moves a campaign's leftovers; the province sells euros at a loss. Each report, in JSON, CSV and
 * XLSX, shows each movement once, and the network's money adds up: what the two funds hold plus
 * what is in transit between them is what entered the network.
 */
let ledger: TestLedger;
let accountant: string;
let provinceAccountant: string;
let approver: string;
let auditor: string;
let coordinator: string;

const COMMUNE = 'quy-xa-bao-cao';
const PROVINCE = 'quy-tinh-bao-cao';
const DAY_MS = 86_400_000;
/** A Vietnam calendar date `days` from now, YYYY-MM-DD. */
const vnDate = (days: number) => new Date(Date.now() + days * DAY_MS + 7 * 3_600_000).toISOString().slice(0, 10);

const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const get = (token: string, path: string) => call(ledger, 'get', path, undefined, { token });
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
type Row = Record<string, unknown>;
const line = (report: { rows: Row[] }, code: string) => report.rows.find((row) => row.line === code)?.amount;

async function send(amount: string): Promise<{ transferId: string; position: number }> {
  const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount, component: 'general', purpose: 'Chuyển lên tỉnh' });
  expectStatus(sent, 201);
  const approved = await post(approver, `/v1/funds/${COMMUNE}/transfers/${sent.body.transferId}/approve`);
  expectStatus(approved, 200);
  expect(approved.body.status).toBe('in_transit');
  return { transferId: sent.body.transferId as string, position: approved.body.position as number };
}

let firstSent: { transferId: string; position: number };
let head = 0;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán xã', ['accountant'])).token;
  provinceAccountant = (await ledger.user('Kế toán tỉnh', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
  await openFund(ledger, COMMUNE, { name: 'Quỹ xã Bảo Cáo' });
  await openFund(ledger, PROVINCE, { name: 'Quỹ tỉnh Bảo Cáo' });

  expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '10000000' })), 201);
  // Sent and received; sent and returned; sent and still in transit.
  firstSent = await send('6000000');
  expectStatus(await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${firstSent.transferId}/receive`), 200);
  const back = await send('1000000');
  expectStatus(await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${back.transferId}/return`, { reason: 'Không thuộc địa bàn' }), 200);
  await send('500000');

  // A restriction released with the donor's consent (R5): a move between pools, no receipt, no payment.
  const gift = await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '3000000', restriction: { purpose: 'Học bổng' } }));
  expectStatus(gift, 201);
  expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/restrictions/${gift.body.donationId}/release`, { consentRef: 'Thư đồng ý 3/2026', newPurpose: 'Hộ nghèo' }), 201);
  expectStatus(await post(approver, `/v1/funds/${COMMUNE}/restriction-releases/RR-000001/approve`), 200);

  // A campaign's leftovers reallocated after it closed (R19).
  const receiveFrom = new Date(Date.now() - DAY_MS).toISOString();
  const receiveUntil = new Date(Date.now() + 30 * DAY_MS).toISOString();
  expectStatus(await call(ledger, 'post', `/v1/funds/${COMMUNE}/campaigns`, { campaignId: 'tet-bao-cao', name: 'Tết vì người nghèo', kind: 'tet', receiveFrom, receiveUntil }), 201);
  expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '1000000', campaignId: 'tet-bao-cao' })), 201);
  expectStatus(await call(ledger, 'post', `/v1/funds/${COMMUNE}/campaigns/tet-bao-cao/close`), 200);
  expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-bao-cao/surplus`, {
    amount: '400000', component: 'general', to: { component: 'humanitarian' }, basis: 'Chương trình an sinh', decisionRef: 'QĐ 9/UBND',
  }), 201);

  // Euros received at a provisional rate and sold for less (R17). The province's first donation of
  // the year: it has the same number as the commune's first (DN-<year>-000001), each in its own fund.
  const euros = await post(provinceAccountant, `/v1/funds/${PROVINCE}/donations`, donationBody({ amount: '500.25', currency: 'EUR', fxRate: '27000' }));
  expectStatus(euros, 201);
  const sold = await post(provinceAccountant, `/v1/funds/${PROVINCE}/donations/${euros.body.donationId}/fx-settlement`, {
    vndAmount: '13406700', settledAt: new Date().toISOString(), reference: 'BNT-0425',
  });
  expectStatus(sold, 201);
  head = sold.body.position as number;
});

afterAll(async () => {
  await ledger?.close();
});

const report = async (token: string, fundId: string, name: string, query = '') => {
  const response = await get(token, `/v1/funds/${fundId}/reports/${name}?minPosition=${head}${query}`);
  expectStatus(response, 200);
  return response.body as { rows: Row[]; summary: Row; position: number; sha256: string; columns: { key: string }[] };
};

describe('the financial report counts each movement once', () => {
  it('the sender: every transfer is a payment the day it went in transit, a return a receipt; moves between pools are neither', async () => {
    const financial = await report(accountant, COMMUNE, 'financial');
    expect(line(financial, 'receipts.voluntary_contribution')).toBe('14000000');
    expect(line(financial, 'receipts.transfersReturned')).toBe('1000000');
    expect(line(financial, 'receipts.transfersIn')).toBe('0');
    expect(line(financial, 'payments.transfersOut')).toBe('7500000');
    expect(line(financial, 'receipts.total')).toBe('15000000');
    expect(line(financial, 'payments.total')).toBe('7500000');
    expect(line(financial, 'closing')).toBe('7500000');
    expect(line(financial, 'memo.inTransitOut')).toBe('500000');
    expect(line(financial, 'memo.poolMoves')).toBe('3400000');
    // Nothing is held or outstanding: the closing balance is what the balance says is available.
    const balance = await balanceAt(ledger, COMMUNE, head);
    expect(balance).toMatchObject({ available: '7500000', inTransitOut: '500000', transferredOut: '6000000' });
  });

  it('the receiver: money received from the commune is a receipt; the FX loss a payment of its own; both VND amounts stated', async () => {
    const financial = await report(provinceAccountant, PROVINCE, 'financial');
    expect(line(financial, 'receipts.voluntary_contribution')).toBe('13506750');
    expect(line(financial, 'receipts.transfersIn')).toBe('6000000');
    expect(line(financial, 'receipts.fxGain')).toBe('0');
    expect(line(financial, 'payments.fxLoss')).toBe('100050');
    expect(line(financial, 'payments.transfersOut')).toBe('0');
    expect(line(financial, 'closing')).toBe('19406700');
    expect(line(financial, 'memo.inTransitIn')).toBe('500000');
    expect(line(financial, 'memo.fxProvisional')).toBe('13506750');
    expect(line(financial, 'memo.fxSettled')).toBe('13406700');
    expect(await balanceAt(ledger, PROVINCE, head)).toMatchObject({ available: '19406700', inTransitIn: '500000' });
  });

  it('the network\'s money is conserved: both closing balances and the money in transit are what entered it', async () => {
    const commune = await report(auditor, COMMUNE, 'financial');
    const province = await report(auditor, PROVINCE, 'financial');
    const held = BigInt(line(commune, 'closing') as string) + BigInt(line(province, 'closing') as string) + BigInt(line(commune, 'memo.inTransitOut') as string);
    // 14 000 000 donated at the commune, 13 506 750 at the province, less the 100 050 lost on the euros.
    expect(held).toBe(14_000_000n + 13_506_750n - 100_050n);
    // Money in transit is counted once: at the sender; the receiver only states it.
    expect(line(province, 'memo.inTransitIn')).toBe(line(commune, 'memo.inTransitOut'));
  });

  it('before the first transfer arrived (atPosition), it was the commune\'s payment and in transit, not yet the province\'s receipt', async () => {
    const commune = await report(accountant, COMMUNE, 'financial', `&atPosition=${firstSent.position}`);
    const province = await report(accountant, PROVINCE, 'financial', `&atPosition=${firstSent.position}`);
    expect(commune.position).toBe(firstSent.position);
    expect(line(commune, 'payments.transfersOut')).toBe('6000000');
    expect(line(commune, 'memo.inTransitOut')).toBe('6000000');
    expect(line(province, 'receipts.transfersIn')).toBe('0');
    expect(line(province, 'memo.inTransitIn')).toBe('6000000');
  });

  it('a period after the sending starts with it already gone (opening balance), and counts nothing again', async () => {
    const later = await report(accountant, COMMUNE, 'financial', `&from=${vnDate(1)}&to=${vnDate(2)}`);
    expect(line(later, 'opening')).toBe('7500000');
    expect(line(later, 'payments.transfersOut')).toBe('0');
    expect(line(later, 'receipts.transfersReturned')).toBe('0');
    expect(line(later, 'closing')).toBe('7500000');
  });
});

describe('the public totals and the public campaigns count each movement once', () => {
  it('what both funds show the public, plus what is in transit, is what entered the network', async () => {
    const totals = async (fundId: string) => {
      const response = await call(ledger, 'get', `/v1/public/funds/${fundId}?minPosition=${head}`, undefined, { token: null });
      expectStatus(response, 200);
      return response.body as Record<string, string>;
    };
    const commune = await totals(COMMUNE);
    const province = await totals(PROVINCE);
    expect(commune).toMatchObject({ received: '14000000', transferredOut: '6000000', inTransitOut: '500000', available: '7500000' });
    expect(province).toMatchObject({ received: '13506750', transferredIn: '6000000', fxDifference: '-100050', available: '19406700' });
    expect(BigInt(commune.available) + BigInt(province.available) + BigInt(commune.inTransitOut)).toBe(14_000_000n + 13_506_750n - 100_050n);
  });

  it('the public campaign shows what is left after its leftovers moved', async () => {
    const response = await call(ledger, 'get', `/v1/public/funds/${COMMUNE}/campaigns?minPosition=${head}`, undefined, { token: null });
    expectStatus(response, 200);
    const campaigns = (response.body.campaigns ?? response.body) as Row[];
    expect(campaigns.find((c) => c.campaignId === 'tet-bao-cao')).toMatchObject({ received: '1000000', movedOut: '400000', movedIn: '0', remaining: '600000' });
  });
});

describe('campaigns and designations count moves between pools', () => {
  it('the campaign\'s leftovers moved out once; what remains is what the balance has', async () => {
    const campaigns = await report(accountant, COMMUNE, 'campaigns');
    const tet = campaigns.rows.find((row) => row.campaignId === 'tet-bao-cao');
    expect(tet).toMatchObject({ received: '1000000', movedOut: '400000', movedIn: '0', transferredOut: '0', remaining: '600000' });
  });

  it('the released restriction moved out of its pool once; the transfers, made from general money, not in any pool', async () => {
    const designations = await report(accountant, COMMUNE, 'designations');
    expect(designations.rows).toEqual([expect.objectContaining({ purpose: 'Học bổng', received: '3000000', movedOut: '3000000', held: '0', available: '0' })]);
  });

  it('a fund without any such movement keeps its layout', async () => {
    head = Math.max(head, (await openFund(ledger, 'quy-khong-chuyen')).position);
    const financial = await report(accountant, 'quy-khong-chuyen', 'financial');
    expect(financial.rows.map((row) => row.line)).not.toContain('payments.transfersOut');
  });
});

describe('GET /v1/funds/:fundId/reports/network', () => {
  it('at the province: what the commune sent, what arrived, what came back, what is still on its way and for how long', async () => {
    const network = await report(approver, PROVINCE, 'network', `&to=${vnDate(3)}`);
    const incoming = network.rows.filter((row) => row.section === 'incoming');
    expect(incoming).toEqual([expect.objectContaining({
      counterpartFundId: COMMUNE, counterpartName: 'Quỹ xã Bảo Cáo', transfers: 3, sent: '7500000', arrived: '6000000', returned: '1000000',
      inTransit: '500000', daysInTransit: 3,
    })]);
    expect(network.rows.filter((row) => row.section === 'in-transit-incoming')).toEqual([
      expect.objectContaining({ transferId: `TR-${COMMUNE}-000003`, inTransit: '500000', daysInTransit: 3 }),
    ]);
    expect(network.summary).toMatchObject({ incomingSent: '7500000', incomingArrived: '6000000', incomingInTransit: '500000', outgoingSent: '0', longestInTransitDays: 3 });
    expect(network.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('at the commune: the same transfers, seen as sent', async () => {
    const network = await report(accountant, COMMUNE, 'network');
    expect(network.rows.filter((row) => row.section === 'outgoing')).toEqual([expect.objectContaining({
      counterpartFundId: PROVINCE, sent: '7500000', arrived: '6000000', returned: '1000000', inTransit: '500000', daysInTransit: null,
    })]);
    expect(network.summary).toMatchObject({ outgoingInTransit: '500000', incomingSent: '0' });
  });

  it('at an earlier position: the first transfer on its way, nothing arrived', async () => {
    const network = await report(auditor, PROVINCE, 'network', `&atPosition=${firstSent.position}`);
    expect(network.position).toBe(firstSent.position);
    expect(network.rows.find((row) => row.section === 'incoming')).toMatchObject({ sent: '6000000', arrived: '0', inTransit: '6000000' });
  });

  it('as CSV and XLSX: the same figures, money as numbers, Vietnamese labels, position and sha256', async () => {
    const json = await report(accountant, PROVINCE, 'network');
    const csv = await get(accountant, `/v1/funds/${PROVINCE}/reports/network?format=csv&atPosition=${json.position}`);
    expectStatus(csv, 200);
    expect(csv.headers['x-report-sha256']).toBe(json.sha256);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('Phần,Mã quỹ,Tên quỹ,Mã chuyển tiền,Số lần chuyển trong kỳ,Đã gửi,Đã đến nơi,Bị trả lại,Đang trên đường (cuối kỳ),Ngày gửi (khoản lâu nhất),Số ngày trên đường');
    expect(lines[1]).toMatch(new RegExp(`^incoming,${COMMUNE},Quỹ xã Bảo Cáo,,3,7500000,6000000,1000000,500000,`));
    expect(lines[lines.length - 1]).toBe(`# position=${json.position} sha256=${json.sha256}`);

    const xlsx = await get(accountant, `/v1/funds/${PROVINCE}/reports/network?format=xlsx&atPosition=${json.position}`).buffer(true).parse(binary);
    expectStatus(xlsx, 200);
    const workbook = await loadWorkbook(xlsx.body as Buffer);
    const sheet = workbook.worksheets[0];
    const texts = sheetTexts(sheet);
    expect(texts).toEqual(expect.arrayContaining(['BÁO CÁO CHUYỂN TIỀN GIỮA CÁC CẤP TRONG HỆ THỐNG', 'I. NHẬN TỪ CÁC QUỸ KHÁC (CẤP DƯỚI)', 'Nhận từ quỹ khác', 'Khoản chuyển đến đang trên đường']));
    const row = rowLabelled(sheet, 'Nhận từ quỹ khác');
    expect(row).toBeDefined();
    expect([6, 7, 8, 9].map((column) => valueOf((row as NonNullable<typeof row>).getCell(column)))).toEqual([7500000, 6000000, 1000000, 500000]);
    expect(texts.join(' ')).toContain(json.sha256);
  });

  it('the financial statement in XLSX: the new lines with their Vietnamese labels, as numbers, and the notes outside receipts and payments', async () => {
    const xlsx = await get(accountant, `/v1/funds/${COMMUNE}/reports/financial?format=xlsx&minPosition=${head}`).buffer(true).parse(binary);
    expectStatus(xlsx, 200);
    const sheet = (await loadWorkbook(xlsx.body as Buffer)).worksheets[0];
    const amountOf = (label: string) => valueOf((rowLabelled(sheet, label, 2) as NonNullable<ReturnType<typeof rowLabelled>>).getCell(3));
    expect(amountOf('Chuyển tiền cho quỹ khác trong hệ thống')).toBe(7500000);
    expect(amountOf('Tiền đã chuyển đi bị trả lại')).toBe(1000000);
    expect(amountOf('Tiền đã chuyển đi, quỹ nhận chưa nhận (cuối kỳ)')).toBe(500000);
    expect(amountOf('Chuyển giữa các nguồn trong quỹ (không tính thu, chi)')).toBe(3400000);
    expect(amountOf('Số dư cuối kỳ')).toBe(7500000);
    expect(sheetTexts(sheet)).toContain('Thông tin thêm (không tính vào thu, chi)');
  });

  it('is for the accountant, the approver and the auditor', async () => {
    expectError(await get(coordinator, `/v1/funds/${PROVINCE}/reports/network`), 403, 'FORBIDDEN');
    expectError(await get(auditor, `/v1/funds/${PROVINCE}/reports/network?to=nope`), 400, 'VALIDATION_FAILED');
    expectError(await get(auditor, '/v1/funds/quy-khong-co/reports/network'), 404, 'NOT_FOUND');
  });
});
