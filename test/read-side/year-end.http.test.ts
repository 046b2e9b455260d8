/**
 * A chapter's year end over HTTP on the real application, as its accountant closes 2025 and opens
 * 2026, and as an auditor reproduces the published 2025 figures in March 2026: the board closes
 * 2025 and publishes every report of it (JSON, CSV, XLSX), then January brings what 2025 left
 * open (a gift and a payment reversed, a share's money given back, a campaign still receiving, an
 * emergency release settled, a transfer received, a management cost of 2025 paid, dollars sold).
 */
import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { ADMIN_TOKEN, call, donationBody, expectError, expectNothingAppended, expectStatus, openFund } from '../http/support/http-helpers';
import { jsonWithInstants, loadWorkbook, sheetTexts, tableAsJson, valueOf } from './xlsx-reading';

const FUND = 'quy-cuoi-nam';
const PROVINCE = 'quy-cuoi-nam-tinh';
const CAMPAIGN = 'tet-nhan-ai-2026';
const REPORTS = ['financial', 'designations', 'campaigns', 'donors', 'disclosure', 'network'] as const;
const YEAR_2025 = 'from=2025-01-01&to=2025-12-31';
const YEAR_2026 = 'from=2026-01-01&to=2026-12-31';

let ledger: TestLedger;
let accountant: string;
let approver: string;
let payer: string;
let coordinator: string;
let head = 0;

type Row = Record<string, unknown> & { line?: string; amount?: string };
type Report = { rows: Row[]; summary: Record<string, unknown>; position: number; sha256: string; from?: unknown; to?: unknown };

const at = (day: string, time = '09:00:00') => `${day}T${time}+07:00`;
const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

async function ok(response: PromiseLike<Response>, status = 201) {
  const answered = await response;
  expectStatus(answered, status);
  head = Math.max(head, Number(answered.body.position ?? 0));
  return answered.body as Record<string, unknown> & { position: number };
}

async function report(name: string, query: string, fund = FUND): Promise<Report> {
  const response = await call(ledger, 'get', `/v1/funds/${fund}/reports/${name}?${query}&minPosition=${head}`, undefined, { token: accountant });
  expectStatus(response, 200);
  return response.body as Report;
}

async function file(name: string, query: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const response = await ledger.http().get(`/v1/funds/${FUND}/reports/${name}?${query}&minPosition=${head}&format=${format}`)
    .set('Authorization', `Bearer ${accountant}`).buffer(true).parse(binary);
  expectStatus(response, 200);
  return response.body as Buffer;
}

const lines = (document: Report) => Object.fromEntries(document.rows.map((row) => [String(row.line), String(row.amount)]));

/** Every cell of every sheet, as shown, row by row. */
async function cells(bytes: Buffer): Promise<unknown[][]> {
  const workbook = await loadWorkbook(bytes);
  const shown: unknown[][] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      const values: unknown[] = [sheet.name];
      row.eachCell((cell) => values.push(valueOf(cell)));
      shown.push(values);
    });
  }
  return shown;
}

async function disburse(body: Record<string, unknown>, paidAt: string | null): Promise<string> {
  const requested = await ok(post(accountant, `/v1/funds/${FUND}/disbursements`, {
    component: 'general', purpose: 'Chi theo quyết định', beneficiary: 'UBND xã An Phú', ...body,
  }));
  const id = String(requested.disbursementId);
  await ok(post(approver, `/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
  if (paidAt !== null) await ok(post(payer, `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt, reference: `UNC-${id}` }), 200);
  return id;
}

/** What the board published for 2025, right after closing it. */
const published = new Map<string, { json: Report; csv: Buffer; xlsx: Buffer }>();
let publishedAt = 0;
let recordedAfterPublishing = '';
let published2025Balance: Record<string, unknown> = {};
let published2025Cost: Record<string, unknown> = {};

/** Ids of the 2025 entries January corrects or completes. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt Minh', ['approver'])).token;
  payer = (await ledger.user('Thủ quỹ Hòa', ['approver'])).token;
  coordinator = (await ledger.user('Điều phối Sơn', ['coordinator'])).token;
  await openFund(ledger, FUND, { chapter: 'Hội Chữ thập đỏ huyện Đức Phổ' });
  await openFund(ledger, PROVINCE);
  await ok(post(ADMIN_TOKEN, `/v1/funds/${FUND}/campaigns`, {
    campaignId: CAMPAIGN, name: 'Tết Nhân ái 2026', kind: 'tet',
    receiveFrom: at('2025-12-01', '00:00:00'), receiveUntil: at('2026-01-31', '23:59:59'), distributeUntil: at('2026-02-15', '23:59:59'),
  }));

  // 2025. Cash in: 50,000,000 + 10,000,000 (reversed in 2026) + 20,000,000 emergency-relief + 8,000,000 for scholarships
  // + 15,000,000 for Tết + USD 1,000 at 25,000 (25,000,000) = 128,000,000.
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '50000000', receivedAt: at('2025-03-10') })));
  ids.giftReversed = String((await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({
    amount: '10000000', receivedAt: at('2025-06-01'), donor: { name: 'Công ty TNHH An Bình', kind: 'organization', publicName: 'Công ty An Bình' },
  })))).donationId);
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '20000000', component: 'emergency-relief', receivedAt: at('2025-07-01') })));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({
    amount: '8000000', receivedAt: at('2025-09-01'), restriction: { purpose: 'Học bổng cho học sinh nghèo', beneficiary: null },
  })));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '15000000', campaignId: CAMPAIGN, receivedAt: at('2025-12-05') })));
  ids.dollars = String((await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({
    amount: '1000', currency: 'USD', fxRate: '25000', receivedAt: at('2025-11-20'),
  })))).donationId);

  // Payments of 2025: relief 5,000,000 (reversed in 2026), scholarships 3,000,000, Tết gifts 2 × 1,000,000 out of the
  // campaign (one household absent: its money given back in January), a management cost of 1,500,000 requested in
  // December and paid in January.
  ids.reliefReversed = await disburse({ kind: 'relief', amount: '5000000', requestedAt: at('2025-10-01') }, at('2025-10-03'));
  await disburse({ kind: 'relief', amount: '3000000', requestedAt: at('2025-10-10') }, at('2025-10-11'));
  const beneficiaries: string[] = [];
  for (const name of ['Nguyễn Thị Mai', 'Trần Văn Bảy']) {
    const registered = await ok(post(accountant, `/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Phổ Châu', categories: ['poor'] }));
    beneficiaries.push(String(registered.beneficiaryId));
  }
  ids.tetGifts = await disburse({
    kind: 'relief', amount: '2000000', campaignId: CAMPAIGN, needCategory: 'tet-gift', purpose: 'Quà Tết cho hộ nghèo', requestedAt: at('2025-12-18'),
    distribution: beneficiaries.map((beneficiaryId) => ({ beneficiaryId, amount: '1000000' })),
  }, at('2025-12-20'));
  ids.absent = beneficiaries[1];
  await ok(post(coordinator, `/v1/funds/${FUND}/disbursements/${ids.tetGifts}/handovers`, {
    beneficiaryId: beneficiaries[0], status: 'received', handedOverAt: at('2025-12-22'), evidenceRef: 'Biên bản 01/BB',
  }));
  await ok(post(coordinator, `/v1/funds/${FUND}/disbursements/${ids.tetGifts}/handovers`, {
    beneficiaryId: beneficiaries[1], status: 'absent', handedOverAt: at('2025-12-22'), evidenceRef: 'Biên bản 02/BB: chuyển đi nơi khác', closed: true,
  }));
  ids.managementCost = await disburse({ kind: 'management_cost', amount: '1500000', purpose: 'Văn phòng phẩm quý 4/2025', requestedAt: at('2025-12-15') }, null);
  // A management cost of 800,000 paid in November, its payment reversed in January (the supplier refunded it).
  ids.costReversed = await disburse({ kind: 'management_cost', amount: '800000', purpose: 'Thuê xe vận chuyển hàng', requestedAt: at('2025-11-04') }, at('2025-11-05'));
  // 6,000,000 released on 22 December out of emergency-relief, settled on 5 January.
  ids.release = String((await ok(post(coordinator, `/v1/funds/${FUND}/emergency-releases`, {
    amount: '6000000', component: 'emergency-relief', incident: 'Lũ quét thôn 3', recipient: 'Hội CTĐ xã Phổ Châu', releasedAt: at('2025-12-22'),
  }))).releaseId);
  // 4,000,000 to the province, in transit from 30 December, received on 3 January.
  ids.transfer = String((await ok(post(accountant, `/v1/funds/${FUND}/transfers`, {
    toFundId: PROVINCE, amount: '4000000', component: 'general', purpose: 'Nộp lên tỉnh', requestedAt: at('2025-12-29'),
  }))).transferId);
  await ok(post(approver, `/v1/funds/${FUND}/transfers/${ids.transfer}/approve`, { approvedAt: at('2025-12-30') }), 200);

  // The board closes 2025 and publishes its reports and its contributions.
  await ok(post(ADMIN_TOKEN, `/v1/funds/${FUND}/periods/2025/close`, { decisionRef: '01/QĐ-CTĐ' }), 200);
  for (const name of REPORTS) {
    published.set(name, { json: await report(name, YEAR_2025), csv: await file(name, YEAR_2025, 'csv'), xlsx: await file(name, YEAR_2025, 'xlsx') });
  }
  publishedAt = published.get('financial')!.json.position;
  published2025Balance = (await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=2025-12-31&minPosition=${head}`, undefined, { token: accountant })).body;
  published2025Cost = (await call(ledger, 'get', `/v1/funds/${FUND}/management-cost?year=2025&minPosition=${head}`, undefined, { token: accountant })).body;
  await new Promise((resolve) => setTimeout(resolve, 20));
  recordedAfterPublishing = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 20));

  // January 2026: what 2025 left open.
  await ok(post(accountant, `/v1/funds/${PROVINCE}/transfers/${ids.transfer}/receive`, { receivedAt: at('2026-01-03') }), 200);
  await ok(post(coordinator, `/v1/funds/${FUND}/emergency-releases/${ids.release}/settle`, {
    spent: '5500000', returned: '500000', evidence: ['Biên bản phát hàng 04/01'], settledAt: at('2026-01-05'),
  }), 200);
  await ok(post(payer, `/v1/funds/${FUND}/disbursements/${ids.managementCost}/pay`, { paidAt: at('2026-01-06'), reference: 'UNC-QL-01' }), 200);
  await ok(post(accountant, `/v1/funds/${FUND}/donations/${ids.dollars}/fx-settlement`, { vndAmount: '25300000', settledAt: at('2026-01-08'), reference: 'BNT-1' }));
  await ok(post(accountant, `/v1/funds/${FUND}/disbursements/${ids.tetGifts}/handovers/${ids.absent}/money-returned`, {
    evidenceRef: 'Phiếu thu PT-0001: cán bộ xã nộp lại', returnedAt: at('2026-01-10'),
  }));
  await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '5000000', campaignId: CAMPAIGN, receivedAt: at('2026-01-12') })));
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: ids.giftReversed, reason: 'Công ty chuyển nhầm', reversedAt: at('2026-01-20') }));
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: ids.reliefReversed, reason: 'Xã trả lại, trùng danh sách', reversedAt: at('2026-02-01') }));
  await ok(post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: ids.costReversed, reason: 'Nhà xe hoàn tiền', reversedAt: at('2026-01-15') }));
  await disburse({ kind: 'relief', amount: '4000000', campaignId: CAMPAIGN, purpose: 'Quà Tết đợt 2', requestedAt: at('2026-01-25') }, at('2026-01-26'));
}, 180_000);

afterAll(async () => {
  await ledger?.close();
});

describe('2026 opens with what 2025 closed with', () => {
  it('2025 by hand: 128,000,000 in; relief 10,000,000, management cost 800,000, transfer 4,000,000 out; the release and the transfer stated open', async () => {
    expect(lines(published.get('financial')!.json)).toMatchObject({
      opening: '0', 'receipts.voluntary_contribution': '128000000', 'receipts.total': '128000000',
      'payments.relief': '10000000', 'payments.management_cost': '800000', 'payments.transfersOut': '4000000', 'payments.emergency': '0',
      'payments.total': '14800000', closing: '113200000', 'memo.emergencyOutstanding': '6000000', 'memo.inTransitOut': '4000000',
    });
  });

  it('2026 by hand: opening = 2025 closing; the reversals, the money given back, the settlement, the cost of 2025, the FX gain', async () => {
    const year = lines(await report('financial', YEAR_2026));
    expect(year).toMatchObject({
      opening: '113200000', 'receipts.voluntary_contribution': '-5000000', 'receipts.fxGain': '300000', 'receipts.total': '-4700000',
      // 4,000,000 of Tết gifts − 5,000,000 relief reversed − 1,000,000 given back; 1,500,000 of management cost paid − 800,000 refunded.
      'payments.relief': '-2000000', 'payments.management_cost': '700000', 'payments.emergency': '5500000', 'payments.transfersOut': '0',
      'payments.total': '4200000', closing: '104300000', 'memo.emergencyOutstanding': '0', 'memo.inTransitOut': '0',
    });
    expect(year.opening).toBe(lines(await report('financial', YEAR_2025)).closing);
  });

  it('each year\'s closing is the balance as of its last day, and per component the balance carries over', async () => {
    for (const [query, day] of [[YEAR_2025, '2025-12-31'], [YEAR_2026, '2026-12-31']] as const) {
      const closing = lines(await report('financial', query)).closing;
      const balance = (await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=${day}&minPosition=${head}`, undefined, { token: accountant })).body;
      expect(closing).toBe(String(BigInt(balance.available) + BigInt(balance.held) + BigInt(balance.outstandingEmergency)));
    }
    const now = (await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=2025-12-31&minPosition=${head}`, undefined, { token: accountant })).body;
    expect({ ...now, asOfPosition: null }).toEqual({ ...published2025Balance, asOfPosition: null });
  });

  it('the Tết campaign: 2026 starts from what 2025 left it, and ends at the balance\'s campaign figures', async () => {
    const row = async (query: string) => (await report('campaigns', query)).rows.find((r) => r.campaignId === CAMPAIGN) as Record<string, string>;
    const y2025 = await row(YEAR_2025);
    const y2026 = await row(YEAR_2026);
    expect(y2025).toMatchObject({ received: '15000000', distributed: '2000000', remaining: '13000000' });
    expect(y2026).toMatchObject({ received: '5000000', distributed: '3000000', remaining: '15000000', distributedByDeadline: false, undistributedAtDeadline: '15000000' });
    // In 2025, and in 2026 as of a day before distribution ends, the deadline has not come: no verdict yet.
    expect(y2025).toMatchObject({ distributedByDeadline: null, undistributedAtDeadline: null });
    expect(await row(`${YEAR_2026}&asOf=2026-02-10`)).toMatchObject({ received: '5000000', distributed: '3000000', distributedByDeadline: null, undistributedAtDeadline: null });
    const balance = (await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=2026-12-31&minPosition=${head}`, undefined, { token: accountant })).body;
    const figures = balance.byCampaign[CAMPAIGN] as Record<string, string>;
    expect(y2026.remaining).toBe(String(BigInt(figures.available) + BigInt(figures.held) + BigInt(figures.outstandingEmergency)));
  });
});

describe('the management cost of 2025 paid or refunded in 2026 (R6 per year)', () => {
  const working = async (query: string) => (await call(ledger, 'get', `/v1/funds/${FUND}/management-cost?${query}&minPosition=${head}`, undefined, { token: accountant })).body;

  it('2025 as published: a cost requested in December counts in 2025 (by its request), paid in January or not', async () => {
    // Base: the cash gifts of 2025 at their VND value, 128,000,000; budget 5 %: 6,400,000; used 1,500,000 + 800,000.
    expect(published2025Cost).toMatchObject({ base: '128000000', budget: '6400000', used: '2300000', remaining: '4100000' });
  });

  it('the closed year 2025 asked in 2026, today or as of 31 December, is the working published; the refund of January lowers 2026', async () => {
    for (const query of ['year=2025', 'year=2025&asOf=2025-12-31', 'asOf=2025-12-31', `year=2025&atPosition=${publishedAt}`,
      `year=2025&recordedBefore=${encodeURIComponent(recordedAfterPublishing)}`]) {
      const y2025 = await working(query);
      expect({ query, ...y2025 }).toEqual({ query, ...published2025Cost, position: y2025.position });
    }
    // As a bank fee refunded the next year (R30), the 800,000 given back counts in the year it came back.
    expect(await working('year=2026')).toMatchObject({ carriedForward: '4100000', used: '-800000' });
    // As of a day before the refund, 2026 had used nothing; from its day on, it has the 800,000 back.
    expect(await working('asOf=2026-01-14')).toMatchObject({ year: 2026, carriedForward: '4100000', used: '0' });
    expect(await working('asOf=2026-01-15')).toMatchObject({ year: 2026, carriedForward: '4100000', used: '-800000' });
  });

  it('the 2025 financial report keeps the management-cost working it was published with', async () => {
    const summary = (await report('financial', YEAR_2025)).summary;
    expect(summary).toEqual(published.get('financial')!.json.summary);
  });
});

describe('after the close, what may still be recorded into 2025', () => {
  const refusals: [string, (language: string) => Promise<Response>][] = [
    ['a gift dated 31 December', (language) => call(ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000', receivedAt: at('2025-12-31', '23:00:00') }), {
      token: accountant, headers: { 'Accept-Language': language },
    })],
    ['a request dated in 2025', (language) => call(ledger, 'post', `/v1/funds/${FUND}/disbursements`, {
      kind: 'relief', amount: '100000', component: 'general', purpose: 'Chi bổ sung', beneficiary: 'UBND xã An Phú', requestedAt: at('2025-12-30'),
    }, { token: accountant, headers: { 'Accept-Language': language } })],
    ['a reversal dated in 2025', (language) => call(ledger, 'post', `/v1/funds/${FUND}/reversals`, { entryId: 'DN-2025-000001', reason: 'Ghi lùi', reversedAt: at('2025-12-31') }, {
      token: accountant, headers: { 'Accept-Language': language },
    })],
    ['a release dated in 2025', (language) => call(ledger, 'post', `/v1/funds/${FUND}/emergency-releases`, {
      amount: '100000', component: 'emergency-relief', incident: 'Cháy nhà', recipient: 'Hội CTĐ xã', releasedAt: at('2025-12-31'),
    }, { token: coordinator, headers: { 'Accept-Language': language } })],
    ['a foreign-currency sale dated in 2025', (language) => call(ledger, 'post', `/v1/funds/${FUND}/donations/${ids.dollars}/fx-settlement`, {
      vndAmount: '25300000', settledAt: at('2025-12-31'), reference: 'BNT-2',
    }, { token: accountant, headers: { 'Accept-Language': language } })],
  ];

  it.each(refusals)('%s is 422 PERIOD_CLOSED naming 2025 and the board\'s decision, in Vietnamese and in English; nothing appended', async (_name, act) => {
    const refused = await expectNothingAppended(ledger, () => act('vi'));
    expectError(refused, 422, 'PERIOD_CLOSED');
    expect(refused.body.error.details).toMatchObject({ period: '2025', decisionRef: '01/QĐ-CTĐ' });
    expect(refused.body.error.message).toContain('Kỳ 2025 đã khóa sổ (quyết định 01/QĐ-CTĐ)');
    const english = await act('en');
    expectError(english, 422, 'PERIOD_CLOSED');
    expect(english.body.error.message).toContain('Period 2025 is closed (decision 01/QĐ-CTĐ)');
  });
});

describe('every 2025 report asked in 2026 is the report published', () => {
  it.each(REPORTS)('%s: at the published position, the same document and sha256', async (name) => {
    const { json } = published.get(name)!;
    const again = await report(name, `${YEAR_2025}&atPosition=${publishedAt}`);
    expect({ sha256: again.sha256, position: again.position }).toEqual({ sha256: json.sha256, position: json.position });
  });

  it.each(REPORTS)('%s: recorded before the January entries, the same document and sha256', async (name) => {
    const { json } = published.get(name)!;
    const again = await report(name, `${YEAR_2025}&recordedBefore=${encodeURIComponent(recordedAfterPublishing)}`);
    expect({ sha256: again.sha256, position: again.position }).toEqual({ sha256: json.sha256, position: json.position });
  });

  it.each(REPORTS.filter((name) => name !== 'donors'))('%s: asked today, as of 31 December 2025, the same rows and summary', async (name) => {
    const { json } = published.get(name)!;
    const today = await report(name, `${YEAR_2025}&asOf=2025-12-31`);
    expect(today.rows).toEqual(json.rows);
    expect(today.summary).toEqual(json.summary);
  });

  it.each(REPORTS)('%s: the CSV and the XLSX at the published position are the files published', async (name) => {
    const { csv, xlsx } = published.get(name)!;
    expect((await file(name, `${YEAR_2025}&atPosition=${publishedAt}`, 'csv')).toString('utf8')).toBe(csv.toString('utf8'));
    expect(await cells(await file(name, `${YEAR_2025}&atPosition=${publishedAt}`, 'xlsx'))).toEqual(await cells(xlsx));
  });
});

describe('after the close, what 2025 still takes', () => {
  it('an accountant prints the receipt of a 2025 gift: the first print issues it (a receipt is no money entry)', async () => {
    const response = await ledger.http().get(`/v1/funds/${FUND}/donations/DN-2025-000001/receipt.pdf`).set('Authorization', `Bearer ${accountant}`).buffer(true).parse(binary);
    expectStatus(response, 200);
    expect(response.headers['content-type']).toContain('application/pdf');
  });
});

describe('the obligations of 2025 and of the campaign across the year end, seen in 2026', () => {
  const obligations = async (query: string) => {
    const response = await call(ledger, 'get', `/v1/funds/${FUND}/obligations?${query}`, undefined, { token: accountant });
    expectStatus(response, 200);
    return (response.body.obligations as Array<Record<string, unknown>>).filter((o) => o.campaignId === CAMPAIGN);
  };

  it('the call belongs to 2025 (receiving starts in December), the receipts and the distribution to 2026; published ones are met', async () => {
    expect(await obligations('year=2025')).toEqual([expect.objectContaining({ kind: 'campaign-call', dueBy: '2025-12-01', status: 'overdue' })]);
    // Receiving ends on 31 January: its results within 30 days (not a disaster campaign); distribution ends on 15 February.
    expect(await obligations('year=2026&asOf=2026-03-01')).toEqual([
      expect.objectContaining({ kind: 'campaign-receipts', dueBy: '2026-03-02', status: 'due' }),
      expect.objectContaining({ kind: 'campaign-distribution', dueBy: '2026-03-17', status: 'due' }),
    ]);
    const publication = (kind: string, publishedAt: string) => ok(post(accountant, `/v1/funds/${FUND}/publications`, {
      kind, campaignId: CAMPAIGN, channel: 'posting', publishedAt, contentSha256: 'a'.repeat(64),
    }));
    // A publication is no money entry: one of December is recorded after 2025 was closed.
    await publication('campaign-call', '2025-11-28');
    await publication('campaign-receipts', '2026-02-25');
    expect(await obligations('year=2025')).toEqual([expect.objectContaining({ kind: 'campaign-call', status: 'met' })]);
    expect(await obligations('year=2026')).toEqual([
      expect.objectContaining({ kind: 'campaign-receipts', status: 'met' }),
      expect.objectContaining({ kind: 'campaign-distribution', status: 'overdue' }),
    ]);
    expect(await obligations('year=2026&asOf=2026-03-01')).toEqual([
      expect.objectContaining({ kind: 'campaign-receipts', status: 'met' }),
      expect.objectContaining({ kind: 'campaign-distribution', status: 'due' }),
    ]);
  });
});

describe('the XLSX and CSV of both years say what the JSON says', () => {
  const YEARS = [{ name: '2025', query: YEAR_2025, title: 'Từ ngày 01/01/2025 đến ngày 31/12/2025' }, { name: '2026', query: YEAR_2026, title: 'Từ ngày 01/01/2026 đến ngày 31/12/2026' }];
  const CASES = YEARS.flatMap((year) => (['designations', 'campaigns', 'donors', 'disclosure'] as const).map((name) => ({ ...year, report: name })));

  it.each(CASES)('$report $name: the table is the JSON (money as numbers), under a title block naming the period, the unit, the position and the sha256', async ({ query, title, report: name }) => {
    const json = await report(name, query);
    const workbook = await loadWorkbook(await file(name, query, 'xlsx'));
    const sheet = workbook.worksheets[0];
    expect(tableAsJson(sheet, json as never, name)).toEqual(jsonWithInstants(json as never, name));
    const texts = sheetTexts(sheet).join('\n');
    for (const expected of [title, 'Đơn vị tính: đồng', String(json.position), json.sha256, 'Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị']) expect(texts).toContain(expected);
  });

  it.each(YEARS)('financial $name: I–IV and every line a number equal to the JSON figure, negative ones too', async ({ query, title }) => {
    const json = await report('financial', query);
    const sheet = (await loadWorkbook(await file('financial', query, 'xlsx'))).worksheets[0];
    const figures = new Map<string, unknown>();
    sheet.eachRow((row) => {
      const first = valueOf(row.getCell(1));
      if (typeof first === 'string' && ['I', 'II', 'III', 'IV'].includes(first)) figures.set(first, valueOf(row.getCell(3)) ?? 0);
    });
    const byLine = lines(json);
    expect(Object.fromEntries(figures)).toEqual({
      I: Number(byLine.opening), II: Number(byLine['receipts.total']), III: Number(byLine['payments.total']), IV: Number(byLine.closing),
    });
    expect(sheetTexts(sheet).join('\n')).toContain(title);
  });

  it.each(YEARS.flatMap((year) => REPORTS.map((name) => ({ ...year, report: name }))))('$report $name: the CSV states the JSON\'s position and sha256 on its last line', async ({ query, report: name }) => {
    const json = await report(name, query);
    const csv = (await file(name, query, 'csv')).toString('utf8');
    const last = csv.trimEnd().split('\r\n').pop();
    expect(last).toBe(`# position=${json.position} sha256=${json.sha256}`);
  });
});

describe('per pool and between chapters across the year end', () => {
  it.each([[YEAR_2025, '2025-12-31'], [YEAR_2026, '2026-12-31']])('designations %s: each restricted pool\'s available is the balance\'s as of its last day', async (query, day) => {
    const designations = await report('designations', query);
    const balance = (await call(ledger, 'get', `/v1/funds/${FUND}/balance?asOf=${day}&minPosition=${head}`, undefined, { token: accountant })).body;
    const fromReport = Object.fromEntries(designations.rows.map((row) => [String(row.restrictionId), String(row.available)]));
    const fromBalance = Object.fromEntries((balance.restricted as Array<{ restrictionId: string; available: string }>).map((pool) => [pool.restrictionId, pool.available]));
    expect(fromReport).toEqual(fromBalance);
  });

  it('the province: 2025 states the 4,000,000 on its way (not its money yet), 2026 receives it; its 2026 opens with its 2025 closing', async () => {
    const y2025 = lines(await report('financial', YEAR_2025, PROVINCE));
    const y2026 = lines(await report('financial', YEAR_2026, PROVINCE));
    expect(y2025).toMatchObject({ 'receipts.transfersIn': '0', closing: '0', 'memo.inTransitIn': '4000000' });
    expect(y2026).toMatchObject({ opening: '0', 'receipts.transfersIn': '4000000', closing: '4000000', 'memo.inTransitIn': '0' });
  });

  it('the network report: in transit at the end of 2025 since 30 December, arrived in 2026', async () => {
    const y2025 = await report('network', YEAR_2025);
    expect(y2025.rows).toContainEqual(expect.objectContaining({ section: 'outgoing', counterpartFundId: PROVINCE, sent: '4000000', inTransit: '4000000', daysInTransit: 1 }));
    const y2026 = await report('network', YEAR_2026);
    expect(y2026.rows).toContainEqual(expect.objectContaining({ section: 'outgoing', counterpartFundId: PROVINCE, sent: '0', arrived: '4000000', inTransit: '0' }));
    expect(y2026.rows.filter((row) => row.section === 'in-transit-outgoing')).toEqual([]);
  });
});

describe('a bank statement of late December imported after the close', () => {
  it('its gifts dated in 2025 are rejected naming the line and PERIOD_CLOSED; its January gift is booked', async () => {
    const statement = [
      'Số tài khoản/ Account number: 0011001999999,,,,',
      'Ngày giao dịch/ TNX Date,Số CT/ Doc No,Số tiền ghi nợ/ Debit,Số tiền ghi có/ Credit,Nội dung chi tiết/ Transactions in detail',
      '30/12/2025,5213.00001,,2.000.000,NGUYEN VAN BA ung ho quy',
      '02/01/2026,5213.00002,,3.000.000,TRAN THI TU ung ho quy',
    ].join('\r\n');
    const imported = await ledger.http().post(`/v1/funds/${FUND}/imports`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(statement);
    expectStatus(imported, 200);
    head = Math.max(head, Number(imported.body.position ?? 0));
    expect(imported.body.imported).toBe(1);
    expect(imported.body.rejected).toEqual([expect.objectContaining({ line: 3, code: 'PERIOD_CLOSED', message: expect.stringContaining('2025') })]);
    const after = await report('financial', YEAR_2025);
    expect({ rows: after.rows, summary: after.summary }).toEqual({ rows: published.get('financial')!.json.rows, summary: published.get('financial')!.json.summary });
  });
});

describe('the year\'s edge is midnight in Vietnam, whatever offset a date is written in', () => {
  it('23:59:59 on 31 December in Vietnam, written in UTC, is 2025 (closed); a second later it is 2026, numbered and reported there', async () => {
    const late = await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000', receivedAt: '2025-12-31T16:59:59Z' }));
    expectError(late, 422, 'PERIOD_CLOSED');
    const before = lines(await report('financial', YEAR_2026))['receipts.voluntary_contribution'];
    const first = await ok(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000', receivedAt: '2025-12-31T17:00:00Z' })));
    expect(String(first.donationId)).toMatch(/^DN-2026-/);
    expect(lines(await report('financial', YEAR_2026))['receipts.voluntary_contribution']).toBe(String(BigInt(before) + 100000n));
    expect((await report('financial', YEAR_2025)).rows).toEqual(published.get('financial')!.json.rows);
  });
});

describe('the XLSX totals of both years', () => {
  const CASES = [YEAR_2025, YEAR_2026].flatMap((query) => (['designations', 'campaigns', 'donors'] as const).map((name) => ({ query, report: name })));

  it.each(CASES)('$report $query: the Tổng cộng row sums every money column of the JSON', async ({ query, report: name }) => {
    const json = await report(name, query) as Report & { columns: { key: string; money?: boolean }[] };
    const sheet = (await loadWorkbook(await file(name, query, 'xlsx'))).worksheets[0];
    let totals: import('exceljs').Row | undefined;
    sheet.eachRow((row) => { if (valueOf(row.getCell(1)) === 'Tổng cộng' && totals === undefined) totals = row; });
    expect(totals).toBeDefined();
    json.columns.forEach((column, i) => {
      if (!column.money) return;
      const cell = totals!.getCell(i + 1);
      const shown = valueOf(cell) ?? 0;
      const expected = json.rows.reduce((sum, row) => sum + BigInt(String(row[column.key] ?? '0')), 0n);
      expect({ column: column.key, shown, formula: typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value })
        .toEqual({ column: column.key, shown: Number(expected), formula: true });
    });
  });
});

describe('a designated pool\'s payment of 2025 reversed in 2026', () => {
  const POOL_FUND = 'quy-cuoi-nam-hoc-bong';
  const publishedPool = new Map<string, Report>();
  let poolHead = 0;
  const poolReport = async (name: string, query: string) => {
    const response = await call(ledger, 'get', `/v1/funds/${POOL_FUND}/reports/${name}?${query}&minPosition=${poolHead}`, undefined, { token: accountant });
    expectStatus(response, 200);
    return response.body as Report;
  };
  const step = async (response: PromiseLike<Response>, status = 201) => {
    const body = await ok(response, status);
    poolHead = Math.max(poolHead, body.position);
    return body;
  };

  beforeAll(async () => {
    await openFund(ledger, POOL_FUND);
    await step(post(accountant, `/v1/funds/${POOL_FUND}/donations`, donationBody({
      amount: '8000000', receivedAt: at('2025-09-01'), restriction: { purpose: 'Học bổng cho học sinh nghèo', beneficiary: null },
    })));
    const balance = (await call(ledger, 'get', `/v1/funds/${POOL_FUND}/balance?minPosition=${poolHead}`, undefined, { token: accountant })).body;
    const restrictionId = String(balance.restricted[0].restrictionId);
    const requested = await step(post(accountant, `/v1/funds/${POOL_FUND}/disbursements`, {
      kind: 'relief', amount: '3000000', component: 'general', restrictionId, purpose: 'Học bổng học kỳ I', beneficiary: 'Trường THCS Phổ Châu', requestedAt: at('2025-10-10'),
    }));
    const id = String(requested.disbursementId);
    await step(post(approver, `/v1/funds/${POOL_FUND}/disbursements/${id}/approve`, {}), 200);
    await step(post(payer, `/v1/funds/${POOL_FUND}/disbursements/${id}/pay`, { paidAt: at('2025-10-11'), reference: 'UNC-HB-1' }), 200);
    await step(post(ADMIN_TOKEN, `/v1/funds/${POOL_FUND}/periods/2025/close`, { decisionRef: '02/QĐ-CTĐ' }), 200);
    for (const name of ['disclosure', 'designations', 'financial']) publishedPool.set(name, await poolReport(name, YEAR_2025));
    await step(post(accountant, `/v1/funds/${POOL_FUND}/reversals`, { entryId: id, reason: 'Trường trả lại: học sinh chuyển trường', reversedAt: at('2026-01-10') }));
  }, 60_000);

  it.each(['disclosure', 'designations', 'financial'])('%s of 2025, asked after the reversal, is the one published', async (name) => {
    const today = await poolReport(name, YEAR_2025);
    expect({ rows: today.rows, summary: today.summary }).toEqual({ rows: publishedPool.get(name)!.rows, summary: publishedPool.get(name)!.summary });
  });

  it('2026: the pool has its 3,000,000 back from 10 January (designations up to the end of 2026)', async () => {
    const pool = (await poolReport('designations', YEAR_2026)).rows[0];
    expect(pool).toMatchObject({ received: '8000000', disbursed: '0', available: '8000000' });
  });
});
