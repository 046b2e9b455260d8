/**
 * Reports of past periods as an auditor checks them, over HTTP on the real application (a real
 * SQLite file): one fund's history from October 2025 to December 2026 with everything that
 * crosses a period's end (an emergency release open at the year's end, a transfer in transit, a
 * gift in dollars sold the next year, a payment reversed the next quarter, a bank fee charged on
 * the year's last day and refunded a year later, interest, goods) and the board closing 2025 and
 * 2026-Q1 between entries. Each figure is worked out by hand in the comments.
 */
import type ExcelJS from 'exceljs';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { ADMIN_TOKEN, call, donationBody, expectError, expectStatus, openFund } from '../http/support/http-helpers';
import { SUMMARY_LABELS } from '../../src/reports/report-labels';
import { loadWorkbook, rowLabelled, valueOf } from './xlsx-reading';
import { storyTakesPlaceOn } from '../support/story-date';

const FUND = 'quy-chuoi-ky';
const PROVINCE = 'quy-chuoi-tinh';

let ledger: TestLedger;
let accountant: string;
let approver: string;
let payer: string;
let coordinator: string;

// "Today" is a day of 2026-Q4, whatever the date the suite runs on: the 2025 fee is refunded today, in 2026-Q4.
storyTakesPlaceOn('2026-12-04T10:00:00+07:00');

type Row = { line: string; amount: string };
type Report = { rows: Row[]; summary: Record<string, unknown>; position: number; sha256: string };

const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const at = (day: string, time = '09:00:00') => `${day}T${time}+07:00`;
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

async function financial(from: string, to: string, query = ''): Promise<Report> {
  const response = await call(ledger, 'get', `/v1/funds/${FUND}/reports/financial?from=${from}&to=${to}&minPosition=${head}${query}`, undefined, { token: accountant });
  expectStatus(response, 200);
  return response.body as Report;
}
const lines = (report: Report) => Object.fromEntries(report.rows.map((row) => [row.line, row.amount]));

async function ok(response: Promise<import('supertest').Response>, status = 201) {
  const answered = await response;
  expectStatus(answered, status);
  head = Math.max(head, Number(answered.body.position ?? 0));
  return answered.body as Record<string, unknown> & { position: number };
}

async function disburse(kind: string, amount: string, requestedAt: string, paidAt: string): Promise<string> {
  const requested = await ok(post(accountant, `/v1/funds/${FUND}/disbursements`, {
    kind, amount, component: 'general', purpose: 'Chi theo quyết định', beneficiary: 'UBND xã An Phú', requestedAt,
    ...(kind === 'relief' ? { certificationRef: 'XN-12' } : {}),
  }));
  const id = String(requested.disbursementId);
  await ok(post(approver, `/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
  await ok(post(payer, `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt, reference: `UNC-${id}` }), 200);
  return id;
}

/** A statement of the fund's account with only what is no gift: fees and interest on their days. */
const statement = [
  'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM,,,,,,',
  'SAO KÊ TÀI KHOẢN/ ACCOUNT STATEMENT,,,,,,',
  'Số tài khoản/ Account number: 0011001777777,,,,,,',
  'STT,Ngày giao dịch/ TNX Date,Số CT/ Doc No,Số tiền ghi nợ/ Debit,Số tiền ghi có/ Credit,Số dư/ Balance,Nội dung chi tiết/ Transactions in detail',
  '1,31/12/2025,9981.00001,22.000,,,Phi duy tri tai khoan quy 4/2025',
  '2,31/03/2026,0000.00002,,18.500,,Tra lai tien gui thang 03/2026',
  '3,30/06/2026,9981.00003,11.000,,,Phi SMS Banking thang 06/2026',
].join('\r\n');

let head = 0;
/** The reports as the board published them, right after closing their period. */
let published2025: Report;
let publishedQ1: Report;
let publishedAt2025 = 0;
/** A recording time after the closes and before the entries made after them, and the log's head then. */
let recordedBetween = '';
let headBetween = 0;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt Minh', ['approver'])).token;
  payer = (await ledger.user('Thủ quỹ Hòa', ['approver'])).token;
  coordinator = (await ledger.user('Điều phối Sơn', ['coordinator'])).token;
  await openFund(ledger, FUND);
  await openFund(ledger, PROVINCE);

  // 2025-Q4. Cash 60,000,000 + 20,000,000 (emergency-relief) + 1,500,000 + USD 1,000 at 25,000 = 106,500,000; goods 3,000,000.
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '60000000', receivedAt: at('2025-10-05') })));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '20000000', component: 'emergency-relief', receivedAt: at('2025-10-06') })));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({
    channel: 'in_kind', amount: '3000000', receivedAt: at('2025-10-07'), reference: null,
    inKind: { description: 'Gạo tẻ', quantity: '200', unit: 'kg', valuationMethod: 'giá thị trường' },
  })));
  const small = await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '1500000', receivedAt: at('2025-10-08') })));
  const dollars = await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '1000', currency: 'USD', fxRate: '25000', receivedAt: at('2025-11-03') })));
  // Relief 10,000,000 paid 12 November; its payment is reversed on 5 March 2026.
  const relief = await disburse('relief', '10000000', at('2025-11-10'), at('2025-11-12'));
  // 5,000,000 released on 20 December, settled on 15 January (4,500,000 spent, 500,000 back).
  const release = await ok(post(coordinator, `/v1/funds/${FUND}/emergency-releases`, {
    amount: '5000000', component: 'emergency-relief', incident: 'Lũ quét thôn 3', recipient: 'Hội CTĐ xã An Phú', releasedAt: at('2025-12-20'),
  }));
  // 4,000,000 to the province: in transit from 30 December 2025, received on 5 January 2026.
  const transfer = await ok(post(accountant, `/v1/funds/${FUND}/transfers`, {
    toFundId: PROVINCE, amount: '4000000', component: 'general', purpose: 'Nộp lên tỉnh', requestedAt: at('2025-12-28'),
  }));
  await ok(post(approver, `/v1/funds/${FUND}/transfers/${String(transfer.transferId)}/approve`, { approvedAt: at('2025-12-30') }), 200);
  // A fee of 22,000 on 31 December 2025, interest of 18,500 on 31 March 2026, a fee of 11,000 on 30 June 2026.
  const imported = await ledger.http().post(`/v1/funds/${FUND}/imports`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(statement);
  expectStatus(imported, 200);
  expect(imported.body.debits).toMatchObject({ fees: 2, interest: 1 });
  head = Math.max(head, imported.body.position as number);

  // 2026-Q1: the transfer arrives, the dollars are sold for 25,400,000 (a gain of 400,000), the release is settled,
  // a management cost of 1,000,000 is paid, the relief payment of November is reversed.
  await ok(post(accountant, `/v1/funds/${PROVINCE}/transfers/${String(transfer.transferId)}/receive`, { receivedAt: at('2026-01-05') }), 200);
  await ok(post(accountant, `/v1/funds/${FUND}/donations/${String(dollars.donationId)}/fx-settlement`, { vndAmount: '25400000', settledAt: at('2026-01-10'), reference: 'BNT-1' }));
  await ok(post(coordinator, `/v1/funds/${FUND}/emergency-releases/${String(release.releaseId)}/settle`, {
    spent: '4500000', returned: '500000', evidence: ['Biên bản phát 7/1'], settledAt: at('2026-01-15'),
  }), 200);
  await disburse('management_cost', '1000000', at('2026-02-10'), at('2026-02-12'));
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: relief, reason: 'Xã trả lại, trùng danh sách', reversedAt: at('2026-03-05') }));

  // 2026-Q2: 2,000,000 in; the 1,500,000 of October 2025 given back on 2 May.
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '2000000', receivedAt: at('2026-04-10') })));
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: small.donationId, reason: 'Người ủng hộ chuyển nhầm', reversedAt: at('2026-05-02') }));

  // The board closes 2025 and publishes its report; then closes 2026-Q1.
  await ok(post(ADMIN_TOKEN, `/v1/funds/${FUND}/periods/2025/close`, { decisionRef: '05/QĐ-CTĐ' }), 200);
  published2025 = await financial('2025-01-01', '2025-12-31');
  publishedAt2025 = published2025.position;
  await ok(post(ADMIN_TOKEN, `/v1/funds/${FUND}/periods/2026-Q1/close`, { decisionRef: '09/QĐ-CTĐ' }), 200);
  publishedQ1 = await financial('2026-01-01', '2026-03-31');
  await new Promise((resolve) => setTimeout(resolve, 20));
  recordedBetween = new Date().toISOString();
  headBetween = head;
  await new Promise((resolve) => setTimeout(resolve, 20));

  // After the closes: the 2025 fee is refunded (dated today, in 2026-Q4), and a gift of 20 May found late is entered (Q2 is open).
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: 'BF-000001', reason: 'Ngân hàng hoàn phí' }));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '700000', receivedAt: at('2026-05-20') })));
}, 120_000);

afterAll(async () => {
  await ledger?.close();
});

const QUARTERS = [
  { name: '2025-Q4', from: '2025-10-01', to: '2025-12-31' },
  { name: '2026-Q1', from: '2026-01-01', to: '2026-03-31' },
  { name: '2026-Q2', from: '2026-04-01', to: '2026-06-30' },
  { name: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
  { name: '2026-Q4', from: '2026-10-01', to: '2026-12-31' },
];

describe('the financial reports of consecutive periods chain, and agree with the balance at their ends', () => {
  it('2025-Q4 by hand: the gifts, the relief paid, the fee of 31 December, the transfer gone; the open release and the money in transit stated', async () => {
    expect(lines(await financial('2025-10-01', '2025-12-31'))).toMatchObject({
      opening: '0', 'receipts.voluntary_contribution': '106500000', 'receipts.total': '106500000',
      'payments.relief': '10000000', 'payments.management_cost': '22000', 'payments.transfersOut': '4000000', 'payments.emergency': '0',
      'payments.total': '14022000', closing: '92478000', 'memo.emergencyOutstanding': '5000000', 'memo.inTransitOut': '4000000',
    });
  });

  it('2026-Q1 by hand: interest, the FX gain, the management cost, the settled release, the relief payment back', async () => {
    expect(lines(await financial('2026-01-01', '2026-03-31'))).toMatchObject({
      opening: '92478000', 'receipts.interest': '18500', 'receipts.fxGain': '400000', 'receipts.total': '418500',
      'payments.relief': '-10000000', 'payments.management_cost': '1000000', 'payments.emergency': '4500000', 'payments.total': '-4500000',
      closing: '97396500', 'memo.emergencyOutstanding': '0', 'memo.inTransitOut': '0',
    });
  });

  it.each(QUARTERS.slice(1).map((quarter, i) => ({ before: QUARTERS[i], quarter })))('$quarter.name opens with what $before.name closed with', async ({ before, quarter }) => {
    const closed = lines(await financial(before.from, before.to)).closing;
    expect(lines(await financial(quarter.from, quarter.to)).opening).toBe(closed);
  });

  it.each(QUARTERS)('$name: closing = opening + receipts − payments, and = the balance as of its last day (available + held + unsettled emergency money)', async ({ from, to }) => {
    const report = lines(await financial(from, to));
    expect(BigInt(report.closing)).toBe(BigInt(report.opening) + BigInt(report['receipts.total']) - BigInt(report['payments.total']));
    const balance = await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=${to}&minPosition=${head}`, undefined, { token: accountant });
    expectStatus(balance, 200);
    const b = balance.body as Record<string, string>;
    expect(report.closing).toBe(String(BigInt(b.available) + BigInt(b.held) + BigInt(b.outstandingEmergency)));
  });

  it('the year 2026 is its four quarters: opening of the first, receipts and payments summed line by line, closing of the last', async () => {
    const year = lines(await financial('2026-01-01', '2026-12-31'));
    const quarters = await Promise.all(QUARTERS.slice(1).map(async (q) => lines(await financial(q.from, q.to))));
    expect(year.opening).toBe(lines(await financial('2025-01-01', '2025-12-31')).closing);
    expect(year.opening).toBe(quarters[0].opening);
    expect(year.closing).toBe(quarters[3].closing);
    for (const line of Object.keys(year).filter((key) => key.startsWith('receipts.') || key.startsWith('payments.'))) {
      expect({ line, amount: year[line] }).toEqual({ line, amount: String(quarters.reduce((sum, q) => sum + BigInt(q[line] ?? '0'), 0n)) });
    }
  });
});

describe('a closed period\'s report asked today is the report the board published', () => {
  it('2025, asked after the fee was refunded in 2026: the same figures; at the published position, the same document and sha256', async () => {
    const today = await financial('2025-01-01', '2025-12-31');
    expect(today.rows).toEqual(published2025.rows);
    expect(today.summary).toEqual(published2025.summary);
    const asPublished = await financial('2025-01-01', '2025-12-31', `&atPosition=${publishedAt2025}`);
    expect({ sha256: asPublished.sha256, position: asPublished.position }).toEqual({ sha256: published2025.sha256, position: publishedAt2025 });
  });

  it('2026-Q1, asked after a gift of May was entered late: the same figures; the late gift is in Q2, the refund of the 2025 fee in Q4', async () => {
    const today = await financial('2026-01-01', '2026-03-31');
    expect(today.rows).toEqual(publishedQ1.rows);
    expect(lines(await financial('2026-04-01', '2026-06-30'))).toMatchObject({
      opening: '97396500', 'receipts.voluntary_contribution': '1200000', 'payments.management_cost': '11000', closing: '98585500',
    });
    expect(lines(await financial('2026-10-01', '2026-12-31'))).toMatchObject({ opening: '98585500', 'payments.management_cost': '-22000', closing: '98607500' });
  });

  it('asked with ?asOf=, a report stands at that business date: the year 2026 as of 31 March is the first quarter', async () => {
    const asOf = await financial('2026-01-01', '2026-12-31', '&asOf=2026-03-31');
    expect(asOf.rows).toEqual((await financial('2026-01-01', '2026-03-31')).rows);
    expect((asOf as unknown as { to: number }).to).toBe(Date.parse('2026-03-31T23:59:59.999+07:00'));
    // Later than the period's end, asOf changes nothing: the report already stands at its end.
    expect((await financial('2025-01-01', '2025-12-31', '&asOf=2026-06-30')).rows).toEqual(published2025.rows);
    const refused = await call(ledger, 'get', `/v1/funds/${FUND}/reports/financial?from=2026-04-01&to=2026-06-30&asOf=2026-03-31`, undefined, { token: accountant });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.body.error.details.fields).toEqual([expect.objectContaining({ field: 'asOf' })]);
    expectError(await call(ledger, 'get', `/v1/funds/${FUND}/reports/financial?asOf=31/03/2026`, undefined, { token: accountant }), 400, 'VALIDATION_FAILED');
  });

  it('asked with a recordedBefore before anything was recorded: the answer a position before the fund gives', async () => {
    const before = await call(ledger, 'get', `/v1/funds/${FUND}/reports/financial?recordedBefore=2000-01-01T00:00:00%2B07:00`, undefined, { token: accountant });
    const atOne = await call(ledger, 'get', `/v1/funds/${FUND}/reports/financial?atPosition=1`, undefined, { token: accountant });
    expect({ status: before.status, code: before.body.error?.code }).toEqual({ status: atOne.status, code: atOne.body.error?.code });
  });

  it('a fund not yet opened at the position asked for is 404 NOT_FOUND naming it, alike on reports, the management cost and the balance', async () => {
    const history = await call(ledger, 'get', `/v1/funds/${PROVINCE}/policy/history`, undefined, { token: accountant });
    expectStatus(history, 200);
    const opened = Number(history.body.versions[0].position);
    const reads = (query: string) => [
      `/v1/funds/${PROVINCE}/reports/financial?${query}`, `/v1/funds/${PROVINCE}/reports/donors?format=csv&${query}`,
      `/v1/funds/${PROVINCE}/reports/network?${query}`, `/v1/funds/${PROVINCE}/management-cost?${query}`, `/v1/funds/${PROVINCE}/balance?${query}`,
    ];
    const cases: [string, number][] = [
      [`atPosition=${opened - 1}`, opened - 1], ['atPosition=0', 0], ['recordedBefore=2000-01-01T00:00:00%2B07:00', 0],
      [`asOf=2026-03-31&atPosition=${opened - 1}`, opened - 1],
    ];
    for (const [query, position] of cases) {
      for (const path of reads(query)) {
        const answer = await call(ledger, 'get', path, undefined, { token: accountant });
        expect({ path, status: answer.status, code: answer.body.error?.code, details: answer.body.error?.details, named: String(answer.body.error?.message).includes(PROVINCE) })
          .toEqual({ path, status: 404, code: 'NOT_FOUND', details: { entity: 'fund', atPosition: position }, named: true });
      }
    }
    // From its opening on, each answers, stating that position.
    for (const path of reads(`atPosition=${opened}`)) {
      const answer = await call(ledger, 'get', path, undefined, { token: accountant });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    expect((await call(ledger, 'get', `/v1/funds/${PROVINCE}/balance?atPosition=${opened}`, undefined, { token: accountant })).body.asOfPosition).toBe(opened);
    expect((await call(ledger, 'get', `/v1/funds/${PROVINCE}/management-cost?atPosition=${opened}`, undefined, { token: accountant })).body.position).toBe(opened);
  });

  it('asked with ?recordedBefore=, a report is the log as it was recorded then: Q2 without the gift entered late', async () => {
    const recorded = await financial('2026-04-01', '2026-06-30', `&recordedBefore=${recordedBetween}`);
    expect(recorded.position).toBe(headBetween);
    expect(lines(recorded)).toMatchObject({ 'receipts.voluntary_contribution': '500000', closing: '97885500' });
    expect(recorded.sha256).toBe((await financial('2026-04-01', '2026-06-30', `&atPosition=${headBetween}`)).sha256);
    // With atPosition too, the earlier of the two.
    expect((await financial('2026-04-01', '2026-06-30', `&recordedBefore=${recordedBetween}&atPosition=${publishedAt2025}`)).position).toBe(publishedAt2025);
  });

  it('an entry dated in a closed quarter is refused naming it; nothing in its report moves', async () => {
    const refused = await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000', receivedAt: at('2026-02-02') }));
    expectError(refused, 422, 'PERIOD_CLOSED');
    expect(refused.body.error.details).toMatchObject({ period: '2026-Q1' });
  });
});

describe('the management-cost working across the periods (R6, R30)', () => {
  it('2025: base 106,500,000 (cash gifts, the dollars at their rate, no goods), the fee of 31 December used; its refund in 2026 leaves 2025 as it was', async () => {
    const working = await call(ledger, 'get', `/v1/funds/${FUND}/management-cost?year=2025&minPosition=${head}`, undefined, { token: accountant });
    expect(working.body).toMatchObject({ base: '106500000', budget: '5325000', used: '22000', remaining: '5303000', limit: '10650000' });
    expect(published2025.summary).toMatchObject({ managementCost: '22000', managementCostBase: '106500000', managementCostUsed: '22000', withinCap: true });
  });

  it('2026: base 2,000,000 + 700,000 + 18,500 interest − 1,500,000 given back = 1,218,500; used 1,000,000 + 11,000 − 22,000 refunded', async () => {
    const working = await call(ledger, 'get', `/v1/funds/${FUND}/management-cost?year=2026&minPosition=${head}`, undefined, { token: accountant });
    expect(working.body).toMatchObject({ base: '1218500', budget: '60925', carriedForward: '5303000', used: '989000', remaining: '4374925' });
    const year = await financial('2026-01-01', '2026-12-31');
    expect(year.summary).toMatchObject({ managementCost: '989000', managementCostBase: '1218500', managementCostUsed: '989000', managementCostCarriedForward: '5303000' });
  });
});

describe('the management-cost working looks back by the three clocks', () => {
  const working = (query: string) => call(ledger, 'get', `/v1/funds/${FUND}/management-cost?minPosition=${head}&${query}`, undefined, { token: accountant });

  it('?asOf=2026-03-31: what was received, charged and requested by then (the year taken from the date); the interest of 31 March in, the May gifts out', async () => {
    const asOf = await working('asOf=2026-03-31');
    expectStatus(asOf, 200);
    expect(asOf.body).toMatchObject({ year: 2026, base: '18500', budget: '925', carriedForward: '5303000', used: '1000000', remaining: '4303925' });
    expect((await working('year=2026&asOf=2026-03-31')).body).toEqual(asOf.body);
    // A year that ended before the date is the year as it closed.
    expect((await working('year=2025&asOf=2026-03-31')).body).toMatchObject({ base: '106500000', used: '22000' });
    expectError(await working('asOf=31/03/2026'), 400, 'VALIDATION_FAILED');
  });

  it('?recordedBefore=: the log as recorded then, before the fee was refunded and the May gift entered', async () => {
    const recorded = await working(`year=2026&recordedBefore=${recordedBetween}`);
    expectStatus(recorded, 200);
    expect(recorded.body).toMatchObject({ position: headBetween, base: '518500', used: '1011000' });
  });
});

describe('the XLSX of a past period adds up', () => {
  async function workbook(from: string, to: string): Promise<ExcelJS.Worksheet> {
    const response = await ledger.http().get(`/v1/funds/${FUND}/reports/financial?from=${from}&to=${to}&minPosition=${head}&format=xlsx`)
      .set('Authorization', `Bearer ${accountant}`).buffer(true).parse(binary);
    expectStatus(response, 200);
    return (await loadWorkbook(response.body as Buffer)).worksheets[0];
  }

  it.each([QUARTERS[0], QUARTERS[1], QUARTERS[3], { name: '2026', from: '2026-01-01', to: '2026-12-31' }])('$name: every money cell a number, each total the SUM of its lines, closing = I + II − III, all as the JSON says', async ({ from, to }) => {
    const json = lines(await financial(from, to));
    const sheet = await workbook(from, to);
    const byRoman = new Map<string, ExcelJS.Row>();
    const detail: number[][] = [];
    let section = -1;
    sheet.eachRow((row) => {
      const first = valueOf(row.getCell(1));
      if (first === 'I' || first === 'II' || first === 'III' || first === 'IV') {
        byRoman.set(first, row);
        section = first === 'II' ? 0 : first === 'III' ? 1 : -1;
        if (section >= 0) detail[section] = [];
        return;
      }
      if (section >= 0 && typeof first === 'string' && /^\d+$/.test(first)) {
        const amount = valueOf(row.getCell(3));
        expect(typeof amount).toBe('number');
        detail[section].push(amount as number);
      } else if (section >= 0) section = -1;
    });
    // exceljs reads a formula's cached <v>0</v> back as no result: a total of zero reads as 0 here.
    const amountOf = (roman: string) => {
      const cell = byRoman.get(roman)!.getCell(3);
      const value = valueOf(cell);
      return value === undefined && typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value ? 0 : value;
    };
    for (const roman of ['I', 'II', 'III', 'IV']) expect(typeof amountOf(roman)).toBe('number');
    expect(amountOf('I')).toBe(Number(json.opening));
    expect(amountOf('II')).toBe(Number(json['receipts.total']));
    expect(amountOf('III')).toBe(Number(json['payments.total']));
    expect(amountOf('IV')).toBe(Number(json.closing));
    expect(detail[0].reduce((a, b) => a + b, 0)).toBe(Number(json['receipts.total']));
    expect(detail[1].reduce((a, b) => a + b, 0)).toBe(Number(json['payments.total']));
    expect((amountOf('I') as number) + (amountOf('II') as number) - (amountOf('III') as number)).toBe(amountOf('IV'));
    // The management-cost working under the statement: each money figure a number, as the JSON states it.
    const document = await financial(from, to);
    for (const [key, value] of Object.entries(document.summary)) {
      if (SUMMARY_LABELS[key]?.kind !== 'money') continue;
      const row = rowLabelled(sheet, SUMMARY_LABELS[key].label, 2);
      expect({ key, value: row === undefined ? undefined : valueOf(row.getCell(3)) }).toEqual({ key, value: Number(value) });
    }
    const formulaOf = (roman: string) => (byRoman.get(roman)!.getCell(3).value as { formula?: string }).formula;
    expect(formulaOf('II')).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(formulaOf('III')).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(formulaOf('IV')).toMatch(/^C\d+\+C\d+-C\d+$/);
  });

  it('names Decree 03/2026 alone over the management cost of a fund opened in December 2026, for its first year as for all its time', async () => {
    const headings = (sheet: ExcelJS.Worksheet) => {
      const found: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.value.startsWith('Chi phí quản lý (')) found.push(cell.value);
      }));
      return found;
    };
    const decree03 = ['Chi phí quản lý (Nghị định 03/2026; tỷ lệ theo mức của Nghị định 93/2019, Điều 37)'];
    expect(headings(await workbook('2026-01-01', '2026-12-31'))).toEqual(decree03);
    const allTime = await ledger.http().get(`/v1/funds/${FUND}/reports/financial?minPosition=${head}&format=xlsx`)
      .set('Authorization', `Bearer ${accountant}`).buffer(true).parse(binary);
    expectStatus(allTime, 200);
    expect(headings((await loadWorkbook(allTime.body as Buffer)).worksheets[0])).toEqual(decree03);
  });
});

describe('a disaster campaign\'s figures chain from quarter to quarter (campaigns report)', () => {
  const CAMPAIGN_FUND = 'quy-chuoi-dot';
  const CAMPAIGN = 'lu-cuoi-2025';
  type CampaignRow = Record<string, string | number | boolean | null>;
  let last = 0;

  async function campaignRow(from: string, to: string): Promise<CampaignRow> {
    const response = await call(ledger, 'get', `/v1/funds/${CAMPAIGN_FUND}/reports/campaigns?from=${from}&to=${to}&minPosition=${last}`, undefined, { token: accountant });
    expectStatus(response, 200);
    return (response.body.rows as CampaignRow[]).find((row) => row.campaignId === CAMPAIGN) as CampaignRow;
  }
  const step = async (response: Promise<import('supertest').Response>, status = 201) => {
    const body = await ok(response, status);
    last = Math.max(last, body.position);
    return body;
  };

  beforeAll(async () => {
    await openFund(ledger, CAMPAIGN_FUND);
    await step(post(ADMIN_TOKEN, `/v1/funds/${CAMPAIGN_FUND}/campaigns`, {
      campaignId: CAMPAIGN, name: 'Cứu trợ lũ cuối năm 2025', kind: 'disaster',
      receiveFrom: at('2025-11-01', '00:00:00'), receiveUntil: at('2026-01-29', '23:59:59'), distributeUntil: at('2026-02-18', '23:59:59'),
    }));
    const gift = (amount: string, day: string, extra: Record<string, unknown> = {}) =>
      step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/donations`, donationBody({ amount, campaignId: CAMPAIGN, receivedAt: at(day), ...extra })));
    // 2025-Q4: 30,000,000 and USD 500 at 25,000 (12,500,000) in; relief 10,000,000 paid; 4,000,000 released; 5,000,000 sent to the province.
    await gift('30000000', '2025-11-05');
    const dollars = await gift('500', '2025-12-10', { currency: 'USD', fxRate: '25000' });
    const requested = await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/disbursements`, {
      kind: 'relief', amount: '10000000', component: 'general', campaignId: CAMPAIGN, purpose: 'Gạo cho 100 hộ', beneficiary: 'UBND xã Tân Phú',
      certificationRef: 'XN-3', requestedAt: at('2025-12-15'),
    }));
    const relief = String(requested.disbursementId);
    await step(post(approver, `/v1/funds/${CAMPAIGN_FUND}/disbursements/${relief}/approve`, {}), 200);
    await step(post(payer, `/v1/funds/${CAMPAIGN_FUND}/disbursements/${relief}/pay`, { paidAt: at('2025-12-16'), reference: 'UNC-1' }), 200);
    const release = await step(post(coordinator, `/v1/funds/${CAMPAIGN_FUND}/emergency-releases`, {
      amount: '4000000', component: 'general', campaignId: CAMPAIGN, incident: 'Sạt lở thôn 5', recipient: 'Hội CTĐ xã Tân Phú', releasedAt: at('2025-12-28'),
    }));
    const transfer = await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/transfers`, {
      toFundId: PROVINCE, amount: '5000000', component: 'general', campaignId: CAMPAIGN, purpose: 'Hỗ trợ huyện bạn', requestedAt: at('2025-12-29'),
    }));
    await step(post(approver, `/v1/funds/${CAMPAIGN_FUND}/transfers/${String(transfer.transferId)}/approve`, { approvedAt: at('2025-12-30') }), 200);
    // 2026-Q1: 8,000,000 in and given back; the transfer arrives; the release settled (3,000,000 spent); the dollars sold
    // for 12,300,000 (a loss of 200,000); the relief payment reversed; after distribution ends, 5,000,000 left over moved to general.
    const late = await gift('8000000', '2026-01-10');
    await step(post(accountant, `/v1/funds/${PROVINCE}/transfers/${String(transfer.transferId)}/receive`, { receivedAt: at('2026-01-04') }), 200);
    await step(post(coordinator, `/v1/funds/${CAMPAIGN_FUND}/emergency-releases/${String(release.releaseId)}/settle`, {
      spent: '3000000', returned: '1000000', evidence: ['Biên bản 6/1'], settledAt: at('2026-01-06'),
    }), 200);
    await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/donations/${String(dollars.donationId)}/fx-settlement`, { vndAmount: '12300000', settledAt: at('2026-01-08'), reference: 'BNT-2' }));
    await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/reversals`, { entryId: relief, reason: 'Xã trả lại', reversedAt: at('2026-01-20') }));
    await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/reversals`, { entryId: late.donationId, reason: 'Chuyển nhầm', reversedAt: at('2026-02-01') }));
    await step(post(accountant, `/v1/funds/${CAMPAIGN_FUND}/campaigns/${CAMPAIGN}/surplus`, {
      amount: '5000000', to: { component: 'general' }, basis: 'Tiền còn lại sau đợt', decisionRef: 'QĐ 12/CTĐ', reallocatedAt: at('2026-03-01'),
    }));
  }, 60_000);

  it('2025-Q4 and 2026-Q1 by hand', async () => {
    expect(await campaignRow('2025-10-01', '2025-12-31')).toMatchObject({
      received: '42500000', distributed: '10000000', transferredOut: '0', inTransitOut: '5000000', fxDifference: '0', movedOut: '0', remaining: '27500000',
    });
    // 27,500,000 + 0 received (8,000,000 in and back) + 10,000,000 repaid − 3,000,000 spent − 200,000 lost − 5,000,000 moved out.
    expect(await campaignRow('2026-01-01', '2026-03-31')).toMatchObject({
      received: '0', distributed: '-7000000', transferredOut: '5000000', inTransitOut: '0', fxDifference: '-200000', movedOut: '5000000', remaining: '29300000',
    });
  });

  it.each([['2025-Q4', '2026-Q1'], ['2026-Q1', '2026-Q2']])('%s → %s: remaining(N) + received − distributed + in − out − Δ in transit + moves + FX = remaining(N + 1), and = the balance\'s campaign at its end', async (before, after) => {
    const period = (name: string) => QUARTERS.find((q) => q.name === name)!;
    const n = await campaignRow(period(before).from, period(before).to);
    const next = await campaignRow(period(after).from, period(after).to);
    const big = (value: unknown) => BigInt(String(value));
    expect(big(next.remaining)).toBe(big(n.remaining) + big(next.received) - big(next.distributed) + big(next.transferredIn) - big(next.transferredOut)
      - (big(next.inTransitOut) - big(n.inTransitOut)) + big(next.movedIn) - big(next.movedOut) + big(next.fxDifference));
    const balance = await call(ledger, 'get', `/v1/funds/${CAMPAIGN_FUND}/balance?asOf=${period(after).to}&minPosition=${last}`, undefined, { token: accountant });
    expectStatus(balance, 200);
    const figures = balance.body.byCampaign[CAMPAIGN] as Record<string, string>;
    expect(String(next.remaining)).toBe(String(big(figures.available) + big(figures.held) + big(figures.outstandingEmergency)));
  });
});

describe('a bank fee dated in a closed quarter, classified after the close', () => {
  const FEE_FUND = 'quy-chuoi-phi';
  let beforeFee: Report;
  let classified = 0;
  const report = async (from: string, to: string) => {
    const response = await call(ledger, 'get', `/v1/funds/${FEE_FUND}/reports/financial?from=${from}&to=${to}&minPosition=${classified}`, undefined, { token: accountant });
    expectStatus(response, 200);
    return response.body as Report;
  };

  beforeAll(async () => {
    await openFund(ledger, FEE_FUND);
    await ok(post(accountant, `/v1/funds/${FEE_FUND}/donations`, donationBody({ amount: '1000000', receivedAt: at('2026-01-05') })));
    classified = (await ok(post(ADMIN_TOKEN, `/v1/funds/${FEE_FUND}/periods/2026-Q1/close`, { decisionRef: '10/QĐ-CTĐ' }), 200)).position;
    beforeFee = await report('2026-01-01', '2026-03-31');
    const imported = await ledger.http().post(`/v1/funds/${FEE_FUND}/imports`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv')
      .send(statement.replace('0011001777777', '0011001888888').split('\r\n').filter((line, i) => i < 4 || line.startsWith('3,')).join('\r\n').replace('30/06/2026', '15/02/2026'));
    expectStatus(imported, 200);
    expect(imported.body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['LINE_IN_CLOSED_PERIOD']);
    const lines = await call(ledger, 'get', `/v1/funds/${FEE_FUND}/statement-lines?status=unclassified&minPosition=${imported.body.position}`, undefined, { token: accountant });
    const booked = await ok(post(accountant, `/v1/funds/${FEE_FUND}/statement-lines/${lines.body.items[0].rowId}/classify`, { as: 'fee', note: 'Phí tháng 2, kỳ đã khóa' }));
    classified = booked.position;
  }, 60_000);

  it('leaves the closed quarter\'s report as it was; the fee is a management cost of the day it was classified (2026-Q4), in the year\'s working from then on', async () => {
    expect((await report('2026-01-01', '2026-03-31')).rows).toEqual(beforeFee.rows);
    expect(lines(await report('2026-10-01', '2026-12-31'))).toMatchObject({ opening: '1000000', 'payments.management_cost': '11000', closing: '989000' });
    const working = (query: string) => call(ledger, 'get', `/v1/funds/${FEE_FUND}/management-cost?year=2026&minPosition=${classified}${query}`, undefined, { token: accountant });
    expect((await working('')).body).toMatchObject({ base: '1000000', used: '11000' });
    expect((await working('&asOf=2026-03-31')).body).toMatchObject({ base: '1000000', used: '0' });
  });
});
