import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { Books } from './support/books';
import {
  ADMIN_TOKEN, balanceAt, call, campaignBody, client, countEvents, disbursementBody, donationBody, expectError, expectNothingAppended,
  expectRejected, expectStatus, fiscalYearOf, openFund, releaseBody, sleep, vnTimestamp, type Balance, type Client,
} from './support/http-helpers';

/**
 * Each route of issue 2 through supertest on the real application (Fastify, SQLite file).
 * The main fund walks through a book-keeping story; after each step the balance read with
 * ?minPosition= (read-your-writes) must equal the test's own model of the books.
 */
let ledger: TestLedger;
let admin: Client;
let accountant: Client;
let approver1: Client;
let approver2: Client;
let coordinator: Client;
let auditor: Client;
/** Holds accountant and approver: may request, never approve its own request. */
let accountantApprover: Client;

const FUND = 'ctd-hcm';
const NOW = vnTimestamp(0);
const FY = fiscalYearOf(NOW);
const receipt = (n: number, year = FY) => `${year}-${String(n).padStart(6, '0')}`;

const books = new Books();

/** The same instant as `iso`, written with +07:00 and milliseconds kept. */
function withVietnamOffset(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${shifted.slice(0, 23)}+07:00`;
}
let lastPosition = 0;

async function checkBalance(position = lastPosition): Promise<Balance> {
  const balance = await balanceAt(ledger, FUND, position, tokens.auditor);
  books.check(balance);
  return balance;
}

const tokens: Record<string, string> = {};

beforeAll(async () => {
  ledger = await startTestLedger();
  admin = client(ledger, ADMIN_TOKEN);
  for (const [name, roles] of [
    ['accountant', ['accountant']],
    ['approver1', ['approver']],
    ['approver2', ['approver']],
    ['coordinator', ['coordinator']],
    ['auditor', ['auditor']],
    ['accountantApprover', ['accountant', 'approver']],
  ] as const) {
    tokens[name] = (await ledger.user(`Người dùng ${name}`, [...roles])).token;
  }
  accountant = client(ledger, tokens.accountant);
  approver1 = client(ledger, tokens.approver1);
  approver2 = client(ledger, tokens.approver2);
  coordinator = client(ledger, tokens.coordinator);
  auditor = client(ledger, tokens.auditor);
  accountantApprover = client(ledger, tokens.accountantApprover);
});

afterAll(async () => {
  await ledger?.close();
});

/** Records a donation and books it in the model. */
async function donate(body: Record<string, unknown>, expected: { receiptSeq: number; amountVnd: string; component?: string; restrictionId?: string | null; inKind?: boolean }) {
  const response = await accountant.post(`/v1/funds/${FUND}/donations`, body);
  expectStatus(response, 201);
  expect(response.body).toEqual({
    donationId: `DN-${receipt(expected.receiptSeq)}`,
    receiptNo: receipt(expected.receiptSeq),
    amountVnd: expected.amountVnd,
    position: expect.any(Number),
  });
  expect(response.body.position).toBeGreaterThan(lastPosition);
  lastPosition = response.body.position;
  if (expected.inKind) books.inKind(BigInt(expected.amountVnd));
  else books.donate(BigInt(expected.amountVnd), expected.component ?? 'general', expected.restrictionId ?? null);
  return response.body as { donationId: string; receiptNo: string; amountVnd: string; position: number };
}

function advance(response: { body: { position: number } }): void {
  expect(response.body.position).toBeGreaterThan(lastPosition);
  lastPosition = response.body.position;
}

describe('health and documentation', () => {
  it('GET /health answers 200 without a token', async () => {
    const response = await call(ledger, 'get', '/health', undefined, { token: null });
    expectStatus(response, 200);
    expect(response.body.status).toBe('ok');
  });

  it('GET /docs serves the OpenAPI UI and /docs-json the document, without a token', async () => {
    const ui = await call(ledger, 'get', '/docs', undefined, { token: null }).redirects(2);
    expectStatus(ui, 200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    const doc = await call(ledger, 'get', '/docs-json', undefined, { token: null });
    expectStatus(doc, 200);
    expect(doc.body.openapi).toMatch(/^3\./);
    // Decree 03/2026 replaced Decree 93/2019 on 2026-03-01: the description names both, with the day.
    expect(doc.body.info.description).toContain('Decree 93/2019/NĐ-CP until 2026-03-01, Decree 03/2026/NĐ-CP from then');
    for (const path of [
      '/v1/funds', '/v1/funds/{fundId}', '/v1/funds/{fundId}/campaigns', '/v1/funds/{fundId}/campaigns/{campaignId}/close',
      '/v1/funds/{fundId}/donations', '/v1/funds/{fundId}/disbursements', '/v1/funds/{fundId}/disbursements/{id}/approve',
      '/v1/funds/{fundId}/disbursements/{id}/reject', '/v1/funds/{fundId}/disbursements/{id}/pay',
      '/v1/funds/{fundId}/emergency-releases', '/v1/funds/{fundId}/emergency-releases/{id}/settle', '/v1/funds/{fundId}/reversals',
      '/v1/funds/{fundId}/balance', '/v1/users', '/v1/users/{userId}', '/health',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});

describe('users', () => {
  it('POST /v1/users creates a user whose token works at once; DELETE deactivates it and the token gets 401', async () => {
    const created = await admin.post('/v1/users', { name: 'Trần Thị Bình', roles: ['auditor', 'auditor'] });
    expectStatus(created, 201);
    expect(created.body).toEqual({ userId: expect.any(String), name: 'Trần Thị Bình', roles: ['auditor'], token: expect.any(String), position: expect.any(Number) });
    expect(created.body.token.length).toBeGreaterThanOrEqual(32);
    const bina = client(ledger, created.body.token);
    expectStatus(await bina.get('/health'), 200);
    // A read needs any role: the new auditor's token works (the fund does not exist yet: 404, not 401).
    expectError(await bina.get('/v1/funds/khong-co'), 404, 'NOT_FOUND');

    const removed = await admin.delete(`/v1/users/${created.body.userId}`);
    expectStatus(removed, 200);
    expect(removed.body).toMatchObject({ userId: created.body.userId, active: false, position: expect.any(Number) });
    expectError(await bina.get('/v1/funds/khong-co'), 401, 'UNAUTHENTICATED');

    await expectRejected(ledger, () => admin.delete(`/v1/users/${created.body.userId}`), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => admin.delete('/v1/users/khong-ton-tai'), 404, 'NOT_FOUND');
  });

  it('the admin of LEDGER_ADMIN_TOKEN exists; tokens are stored only as hashes', async () => {
    const events = [];
    for await (const event of ledger.store.readAll()) events.push(event);
    const serialised = JSON.stringify(events);
    expect(serialised).not.toContain(ADMIN_TOKEN);
    for (const token of Object.values(tokens)) expect(serialised).not.toContain(token);
  });
});

describe('funds', () => {
  it('POST /v1/funds opens a fund with the default components and policy; GET /v1/funds/:fundId reads it', async () => {
    const opened = await admin.post('/v1/funds', {
      fundId: FUND, name: 'Quỹ hoạt động Chữ thập đỏ TP.HCM', chapter: 'Hội Chữ thập đỏ TP.HCM', legalBasis: 'decree-03-2026',
    });
    expectStatus(opened, 201);
    expect(opened.body).toEqual({ fundId: FUND, position: expect.any(Number) });
    advance(opened);

    const fund = await auditor.get(`/v1/funds/${FUND}`);
    expectStatus(fund, 200);
    expect(fund.body).toMatchObject({
      fundId: FUND,
      name: 'Quỹ hoạt động Chữ thập đỏ TP.HCM',
      chapter: 'Hội Chữ thập đỏ TP.HCM',
      legalBasis: 'decree-03-2026',
      components: ['general', 'emergency-relief', 'humanitarian'],
      policy: {
        approvals: [{ above: '0', approvers: 1 }, { above: '100000000', approvers: 2 }],
        emergencyReleaseCap: '50000000',
        emergencySettlementDays: 30,
        managementCostWarnPercent: '5',
        managementCostCapPercent: '10',
      },
      policyVersion: 1,
      campaigns: [],
    });

    const balance = await checkBalance();
    expect(balance).toMatchObject({ fundId: FUND, currency: 'VND', received: '0', available: '0', restricted: [] });
  });

  it('the balance of a new fund lists each of its components, at zero', async () => {
    const balance = await balanceAt(ledger, FUND, lastPosition, tokens.auditor);
    const zero = { received: '0', disbursed: '0', held: '0', outstandingEmergency: '0', transferredIn: '0', inTransitOut: '0', transferredOut: '0',
      movedIn: '0', movedOut: '0', fxDifference: '0', available: '0' };
    expect(balance.byComponent).toEqual({ general: zero, 'emergency-relief': zero, humanitarian: zero });
  });

  it('opens a fund with its own components and policy', async () => {
    const opened = await admin.post('/v1/funds', {
      fundId: 'ctd-lao-cai', name: 'Quỹ CTĐ Lào Cai', components: ['general', 'nan-nhan-da-cam'],
      policy: { approvals: [{ above: '0', approvers: 1 }], emergencyReleaseCap: '10000000', emergencySettlementDays: 15, managementCostCapPercent: '10' },
    });
    expectStatus(opened, 201);
    const fund = await accountant.get('/v1/funds/ctd-lao-cai');
    expectStatus(fund, 200);
    expect(fund.body.components).toEqual(['general', 'nan-nhan-da-cam']);
    // Fields the body left out take their defaults; the open-emergency limit is three releases at the cap.
    expect(fund.body.policy).toEqual({
      approvals: [{ above: '0', approvers: 1 }], emergencyReleaseCap: '10000000', emergencySettlementDays: 15, managementCostWarnPercent: '5',
      managementCostCapPercent: '10', emergencyOpenLimit: '30000000', blockReleasesWhenOverdue: true, payerMayBeRequester: false,
    });
  });

  it('refuses a second fund with the same id, and a policy above 10 % management cost', async () => {
    await expectRejected(ledger, () => admin.post('/v1/funds', { fundId: FUND, name: 'again' }), 409, 'ALREADY_EXISTS');
    const response = await expectNothingAppended(ledger, async () =>
      admin.post('/v1/funds', { fundId: 'qua-tran', name: 'x', policy: { managementCostCapPercent: '10.5' } }),
    );
    expect([400, 422]).toContain(response.status);
    expect(['VALIDATION_FAILED', 'INVALID_POLICY']).toContain(response.body.error.code);
  });

  it('GET /v1/funds/:fundId of an unknown fund is 404', async () => {
    expectError(await auditor.get('/v1/funds/khong-co'), 404, 'NOT_FOUND');
    expectError(await auditor.get('/v1/funds/khong-co/balance'), 404, 'NOT_FOUND');
  });
});

describe('campaigns', () => {
  it('creates a disaster campaign (admin) and a humanitarian-month campaign (accountant); both appear on the fund', async () => {
    const disaster = await admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'bao-yagi', bankAccount: '0011001932418' }));
    expectStatus(disaster, 201);
    expect(disaster.body).toMatchObject({ fundId: FUND, campaignId: 'bao-yagi', position: expect.any(Number) });
    advance(disaster);
    const month = await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody({
      campaignId: 'thang-nhan-dao', name: 'Tháng Nhân đạo', kind: 'humanitarian_month', receiveFrom: vnTimestamp(-5), receiveUntil: vnTimestamp(200),
    }));
    expectStatus(month, 201);
    advance(month);
    const fund = await auditor.get(`/v1/funds/${FUND}`);
    const byId = Object.fromEntries(fund.body.campaigns.map((c: { campaignId: string }) => [c.campaignId, c]));
    expect(byId['bao-yagi']).toMatchObject({ kind: 'disaster', restrictionId: 'campaign:bao-yagi', closedAt: null });
    // Without distributeUntil, a disaster campaign distributes until 20 days after receiving ends.
    expect(Date.parse(byId['bao-yagi'].distributeUntil) - Date.parse(byId['bao-yagi'].receiveUntil)).toBe(20 * 86_400_000);
    expect(byId['thang-nhan-dao']).toMatchObject({ kind: 'humanitarian_month', restrictionId: null });
  });

  it('refuses a disaster campaign receiving 91 days, or distributing 21 days after; accepts exactly 90 and 20', async () => {
    const from = Date.now() - 86_400_000;
    const at = (days: number) => vnTimestamp(days, from);
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'lu-91', receiveFrom: at(0), receiveUntil: at(91) })), 422, 'CAMPAIGN_WINDOW_EXCEEDED');
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({
      campaignId: 'lu-21', receiveFrom: at(0), receiveUntil: at(30), distributeUntil: at(51),
    })), 422, 'CAMPAIGN_WINDOW_EXCEEDED');
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'nguoc', receiveFrom: at(5), receiveUntil: at(1) })), 422, 'INVALID_CAMPAIGN_WINDOW');
    const ok = await admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'lu-90', receiveFrom: at(0), receiveUntil: at(90), distributeUntil: at(110) }));
    expectStatus(ok, 201);
    advance(ok);
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'lu-90' })), 409, 'ALREADY_EXISTS');
    await expectRejected(ledger, () => admin.post('/v1/funds/khong-co/campaigns', campaignBody()), 404, 'NOT_FOUND');
  });

  it('closes a campaign (200); a donation received after the close is CAMPAIGN_CLOSED; closing again is INVALID_STATE', async () => {
    const created = await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'tet-2025', kind: 'tet', receiveFrom: vnTimestamp(-30), receiveUntil: vnTimestamp(30) }));
    expectStatus(created, 201);
    advance(created);
    const closed = await accountant.post(`/v1/funds/${FUND}/campaigns/tet-2025/close`);
    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ fundId: FUND, campaignId: 'tet-2025', status: 'closed', position: expect.any(Number) });
    advance(closed);
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ campaignId: 'tet-2025', receivedAt: vnTimestamp(1) })), 422, 'CAMPAIGN_CLOSED');
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns/tet-2025/close`), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => admin.post(`/v1/funds/${FUND}/campaigns/khong-co/close`), 404, 'NOT_FOUND');
    // After receiveUntil (of a campaign whose window is already over: a later date would be FUTURE_DATE), and before receiveFrom.
    const over = await accountant.post(`/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: 'tet-2024', kind: 'tet', receiveFrom: vnTimestamp(-40), receiveUntil: vnTimestamp(-3) }));
    expectStatus(over, 201);
    advance(over);
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ campaignId: 'tet-2024', receivedAt: vnTimestamp(-2) })), 422, 'CAMPAIGN_CLOSED');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ campaignId: 'bao-yagi', component: 'emergency-relief', receivedAt: vnTimestamp(-11) })), 422, 'CAMPAIGN_NOT_OPEN');
    await checkBalance();
  });
});

const ids: Record<string, string> = {};
const positions: { label: string; position: number; balance: Balance; after: string }[] = [];

async function snapshot(label: string): Promise<void> {
  const balance = await checkBalance();
  await sleep(5);
  positions.push({ label, position: lastPosition, balance, after: new Date().toISOString() });
  await sleep(5);
}

describe('donations of every channel', () => {
  it('records a VND bank transfer (receipt 1)', async () => {
    const d = await donate(donationBody({ amount: '500000000', reference: 'FT-001' }), { receiptSeq: 1, amountVnd: '500000000' });
    ids.vnd = d.donationId;
    await snapshot('vnd');
  });

  it('records USD with fxRate: the VND amount is rounded half-up to the dong', async () => {
    // 1000.01 × 24050 = 24 050 240.5 → 24 050 241 (half-up; half-even would give …240).
    const d = await donate(donationBody({ amount: '1000.01', currency: 'USD', fxRate: '24050', channel: 'online', donor: { name: 'John Smith', kind: 'individual' } }), {
      receiptSeq: 2, amountVnd: '24050241',
    });
    ids.usd = d.donationId;
    // 0.01 × 24049.5 = 240.495 → 240
    const small = await donate(donationBody({ amount: '0.01', currency: 'USD', fxRate: '24049.5' }), { receiptSeq: 3, amountVnd: '240' });
    ids.usdSmall = small.donationId;
    // 2.50 EUR × 26 000.3 = 65 000.75 → 65 001
    await donate(donationBody({ amount: '2.50', currency: 'EUR', fxRate: '26000.3', channel: 'cash' }), { receiptSeq: 4, amountVnd: '65001' });
    await snapshot('usd');
  });

  it('records an in-kind gift at its value: not cash, so nothing becomes available', async () => {
    const d = await donate(donationBody({
      amount: '15000000', channel: 'in_kind', component: 'humanitarian', reference: null,
      donor: { name: 'Công ty TNHH Gạo Việt', kind: 'organization', taxCode: '0312345678' },
      inKind: { description: 'Gạo ST25', quantity: '500', unit: 'kg', valuationMethod: 'giá thị trường ngày nhận' },
    }), { receiptSeq: 5, amountVnd: '15000000', inKind: true });
    ids.inKind = d.donationId;
    const balance = await checkBalance();
    expect(balance.inKindReceived).toBe('15000000');
  });

  it('records a restricted (designated) donation: its own pool, named by the donation id', async () => {
    const d = await donate(donationBody({
      amount: '40000000', component: 'humanitarian', restriction: { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null },
      donor: { name: 'Ẩn danh', kind: 'anonymous' },
    }), { receiptSeq: 6, amountVnd: '40000000', component: 'humanitarian', restrictionId: `DN-${receipt(6)}` });
    ids.restricted = d.donationId;
    const balance = await checkBalance();
    expect(balance.restricted.find((r) => r.restrictionId === d.donationId)).toMatchObject({ purpose: 'Hỗ trợ học sinh nghèo', available: '40000000' });
  });

  it('a donation to a disaster campaign is restricted to campaign:<id> even without a restriction', async () => {
    const d = await donate(donationBody({ amount: '200000000', component: 'emergency-relief', campaignId: 'bao-yagi' }), {
      receiptSeq: 7, amountVnd: '200000000', component: 'emergency-relief', restrictionId: 'campaign:bao-yagi',
    });
    ids.disaster = d.donationId;
    const balance = await checkBalance();
    expect(balance.restricted.find((r) => r.restrictionId === 'campaign:bao-yagi')).toMatchObject({ campaignId: 'bao-yagi', available: '200000000' });
    // The campaign's money is restricted: none of it is the component's unrestricted money.
    expect(balance.byComponent['emergency-relief']?.available ?? '0').toBe('0');
  });

  it('a donation to a non-disaster campaign stays unrestricted money of its component', async () => {
    await donate(donationBody({ amount: '100000000', component: 'emergency-relief', campaignId: 'thang-nhan-dao', channel: 'cash' }), {
      receiptSeq: 8, amountVnd: '100000000', component: 'emergency-relief',
    });
    await snapshot('donations');
  });

  it('refuses unknown components and funds, and appends nothing', async () => {
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ component: 'khong-co' })), 422, 'UNKNOWN_COMPONENT');
    await expectRejected(ledger, () => accountant.post('/v1/funds/khong-co/donations', donationBody()), 404, 'NOT_FOUND');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ campaignId: 'khong-co' })), 404, 'NOT_FOUND');
  });
});

describe('receipt numbers', () => {
  const F = 'so-bien-lai';
  const at = (year: number) => `${year}-06-15T10:00:00+07:00`;

  it('run 1, 2, 3… per fund and fiscal year (Vietnam time), with no gap after a rejection or under concurrency', async () => {
    await openFund(ledger, F);
    const post = (body: Record<string, unknown>) => accountant.post(`/v1/funds/${F}/donations`, body);
    const numbers: Record<number, string[]> = { 2024: [], 2025: [] };
    for (const year of [2024, 2025, 2024, 2024, 2025]) {
      const response = await post(donationBody({ receivedAt: at(year) }));
      expectStatus(response, 201);
      numbers[year].push(response.body.receiptNo);
      // A rejected donation in between consumes no number.
      await expectRejected(ledger, () => post(donationBody({ receivedAt: at(year), component: 'khong-co' })), 422, 'UNKNOWN_COMPONENT');
    }
    expect(numbers[2024]).toEqual(['2024-000001', '2024-000002', '2024-000003']);
    expect(numbers[2025]).toEqual(['2025-000001', '2025-000002']);

    // 31 Dec 2024 23:30 in Vietnam is 16:30 UTC: fiscal year 2024. 1 Jan 2025 00:30 (+07:00) is 2024 in UTC: still 2025.
    expect((await post(donationBody({ receivedAt: '2024-12-31T16:30:00Z' }))).body.receiptNo).toBe('2024-000004');
    expect((await post(donationBody({ receivedAt: '2025-01-01T00:30:00+07:00' }))).body.receiptNo).toBe('2025-000003');

    const concurrent = await Promise.all(Array.from({ length: 15 }, (_, i) => post(donationBody({ receivedAt: at(2024), amount: String(1000 + i) }))));
    for (const response of concurrent) expectStatus(response, 201);
    const seqs = concurrent.map((r) => Number(r.body.receiptNo.slice(5))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 15 }, (_, i) => 5 + i));
    for (const response of concurrent) expect(response.body.donationId).toBe(`DN-${response.body.receiptNo}`);
    // Receipt numbers are per fund: another fund starts again at 1.
    const other = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ receivedAt: at(2024), amount: '1000' }));
    expectStatus(other, 201);
    expect(other.body.receiptNo).toBe('2024-000001');
    books.donate(1000n, 'general');
    advance(other);
    ids.y2024 = other.body.donationId;
  });
});

describe('disbursements', () => {
  it('request → approve → pay: held while requested or approved, disbursed once paid', async () => {
    const requested = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '20000000' }));
    expectStatus(requested, 201);
    expect(requested.body).toEqual({ disbursementId: 'DB-000001', status: 'requested', approvalsRequired: 1, position: expect.any(Number) });
    advance(requested);
    books.request('DB-000001', 20_000_000n, 'general');
    await checkBalance();

    const approved = await approver1.post(`/v1/funds/${FUND}/disbursements/DB-000001/approve`, { note: 'Đồng ý' });
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ disbursementId: 'DB-000001', status: 'approved', position: expect.any(Number) });
    advance(approved);
    await checkBalance();

    const paid = await approver2.post(`/v1/funds/${FUND}/disbursements/DB-000001/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-0001' });
    expectStatus(paid, 200);
    expect(paid.body).toMatchObject({ disbursementId: 'DB-000001', status: 'paid', position: expect.any(Number) });
    advance(paid);
    books.pay('DB-000001');
    await snapshot('paid');

    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/DB-000001/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-0001b' }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/DB-000001/approve`, {}), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/DB-000001/reject`, { reason: 'muộn' }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/DB-000999/approve`, {}), 404, 'NOT_FOUND');
  });

  it('above 100,000,000 VND needs two distinct approvers; a humanitarian one is paid only with certificationRef', async () => {
    const requested = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '150000000', kind: 'humanitarian' }));
    expectStatus(requested, 201);
    const id = requested.body.disbursementId;
    expect(id).toBe('DB-000002');
    advance(requested);
    books.request(id, 150_000_000n, 'general');

    const first = await approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {});
    expectStatus(first, 200);
    expect(first.body).toMatchObject({ status: 'requested', approvalsCount: 1 });
    advance(first);
    // Not yet approved: cannot be paid. The same approver twice does not count.
    await expectRejected(ledger, () => approver1.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-2', certificationRef: 'CN-1' }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 422, 'DUPLICATE_APPROVAL');

    const second = await approver2.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {});
    expectStatus(second, 200);
    expect(second.body).toMatchObject({ status: 'approved', approvalsCount: 2 });
    advance(second);
    await checkBalance();

    await expectRejected(ledger, () => approver1.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-2' }), 422, 'CERTIFICATION_REQUIRED');
    const paid = await approver1.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-2', certificationRef: 'UBND-xa-An-Phu/2024/15' });
    expectStatus(paid, 200);
    advance(paid);
    books.pay(id);
    await checkBalance();
  });

  it('exactly 100,000,000 VND needs one approver; an approved disbursement can still be rejected, freeing the money', async () => {
    const requested = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '100000000', kind: 'humanitarian', certificationRef: 'CN-2' }));
    expectStatus(requested, 201);
    const id = requested.body.disbursementId;
    advance(requested);
    books.request(id, 100_000_000n, 'general');
    const approved = await approver2.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'approved', approvalsCount: 1 });
    advance(approved);
    await checkBalance();
    const rejected = await approver1.post(`/v1/funds/${FUND}/disbursements/${id}/reject`, { reason: 'Danh sách chưa đúng' });
    expectStatus(rejected, 200);
    expect(rejected.body).toMatchObject({ disbursementId: id, status: 'rejected' });
    advance(rejected);
    books.reject(id);
    await checkBalance();
    await expectRejected(ledger, () => approver1.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'x', certificationRef: 'y' }), 422, 'INVALID_STATE');
  });

  it('nobody approves their own request: SELF_APPROVAL_FORBIDDEN', async () => {
    const requested = await accountantApprover.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '5000000' }));
    expectStatus(requested, 201);
    const id = requested.body.disbursementId;
    advance(requested);
    books.request(id, 5_000_000n, 'general');
    await expectRejected(ledger, () => accountantApprover.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 422, 'SELF_APPROVAL_FORBIDDEN');
    const rejected = await accountantApprover.post(`/v1/funds/${FUND}/disbursements/${id}/reject`, { reason: 'Rút lại' });
    expectStatus(rejected, 200);
    advance(rejected);
    books.reject(id);
    await checkBalance();
  });

  it('INSUFFICIENT_FUNDS one dong over what is available; exactly what is available is accepted', async () => {
    const available = books.availableOf('general');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: String(available + 1n) })), 422, 'INSUFFICIENT_FUNDS');
    const exact = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: String(available) }));
    expectStatus(exact, 201);
    advance(exact);
    books.request(exact.body.disbursementId, available, 'general');
    const balance = await checkBalance();
    expect(balance.byComponent.general.available).toBe('0');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1' })), 422, 'INSUFFICIENT_FUNDS');
    const rejected = await approver1.post(`/v1/funds/${FUND}/disbursements/${exact.body.disbursementId}/reject`, { reason: 'thử' });
    expectStatus(rejected, 200);
    advance(rejected);
    books.reject(exact.body.disbursementId);
    await checkBalance();
  });

  it('draws on a restricted pool: the campaign pool and a designated donation; never for management costs', async () => {
    const fromCampaign = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '50000000', component: 'emergency-relief', campaignId: 'bao-yagi' }));
    expectStatus(fromCampaign, 201);
    advance(fromCampaign);
    books.request(fromCampaign.body.disbursementId, 50_000_000n, 'emergency-relief', 'campaign:bao-yagi');
    const approved = await approver1.post(`/v1/funds/${FUND}/disbursements/${fromCampaign.body.disbursementId}/approve`, {});
    advance(approved);
    const paid = await approver1.post(`/v1/funds/${FUND}/disbursements/${fromCampaign.body.disbursementId}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-YAGI-1' });
    expectStatus(paid, 200);
    advance(paid);
    books.pay(fromCampaign.body.disbursementId);

    const designated = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '40000000', component: 'humanitarian', restrictionId: ids.restricted, kind: 'humanitarian', certificationRef: 'CN-3' }));
    expectStatus(designated, 201);
    advance(designated);
    books.request(designated.body.disbursementId, 40_000_000n, 'humanitarian', ids.restricted);
    await checkBalance();

    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1', component: 'humanitarian', restrictionId: ids.restricted })), 422, 'INSUFFICIENT_FUNDS');
    const managementCost = await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000', kind: 'management_cost', component: 'emergency-relief', campaignId: 'bao-yagi' })), 422, 'RESTRICTION_MISMATCH');
    // Which meaning of the code: the staff app says it beside the campaign chosen.
    expect(managementCost.body.error.details).toMatchObject({ reason: 'management-cost' });
    // A designated donation's pool lives in its own component only.
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000', component: 'general', restrictionId: ids.restricted })), 422, 'RESTRICTION_MISMATCH');
    // The campaign pool has no money in the general component.
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000', component: 'general', restrictionId: 'campaign:bao-yagi' })), 422, 'INSUFFICIENT_FUNDS');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000', component: 'humanitarian', restrictionId: 'DN-1999-000001' })), 404, 'NOT_FOUND');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ component: 'khong-co' })), 422, 'UNKNOWN_COMPONENT');
    await expectRejected(ledger, () => accountant.post('/v1/funds/khong-co/disbursements', disbursementBody()), 404, 'NOT_FOUND');
    await snapshot('restricted');
  });
});

describe('emergency releases', () => {
  it('releases at once within the cap; one dong over the cap is EMERGENCY_CAP_EXCEEDED', async () => {
    const released = await coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '30000000' }));
    expectStatus(released, 201);
    expect(released.body).toMatchObject({ releaseId: 'ER-000001', settleBy: expect.any(String), position: expect.any(Number) });
    // settleBy is 30 days (the policy) after the release.
    const delay = Date.parse(released.body.settleBy) - Date.now();
    expect(delay).toBeGreaterThan(29 * 86_400_000);
    expect(delay).toBeLessThanOrEqual(30 * 86_400_000);
    advance(released);
    books.release('ER-000001', 30_000_000n, 'emergency-relief');
    await checkBalance();

    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '50000001' })), 422, 'EMERGENCY_CAP_EXCEEDED');
    const atCap = await coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '50000000', note: 'Đúng mức trần' }));
    expectStatus(atCap, 201);
    expect(atCap.body.releaseId).toBe('ER-000002');
    advance(atCap);
    books.release('ER-000002', 50_000_000n, 'emergency-relief');
    await snapshot('released');
    // 100 000 000 came in unrestricted to emergency-relief; 80 000 000 are out: 20 000 001 is too much.
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '20000001' })), 422, 'INSUFFICIENT_FUNDS');
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ component: 'khong-co' })), 422, 'UNKNOWN_COMPONENT');
  });

  it('settles with spent + returned = released: returned money is available again; a wrong sum is SETTLEMENT_MISMATCH', async () => {
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, { spent: '25000000', returned: '4999999', evidence: ['BB-12'] }), 422, 'SETTLEMENT_MISMATCH');
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, { spent: '25000000', returned: '5000001', evidence: ['BB-12'] }), 422, 'SETTLEMENT_MISMATCH');
    // Money spent needs evidence.
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, { spent: '25000000', returned: '5000000', evidence: [] }), 422, 'EVIDENCE_REQUIRED');
    const settled = await coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, { spent: '25000000', returned: '5000000', evidence: ['Biên bản bàn giao số 12/BB'] });
    expectStatus(settled, 200);
    expect(settled.body).toMatchObject({ releaseId: 'ER-000001', status: 'settled', position: expect.any(Number) });
    advance(settled);
    books.settle('ER-000001', 25_000_000n);
    await checkBalance();
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000001/settle`, { spent: '25000000', returned: '5000000', evidence: ['x'] }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000999/settle`, { spent: '1', returned: '0', evidence: ['x'] }), 404, 'NOT_FOUND');

    const allReturned = await coordinator.post(`/v1/funds/${FUND}/emergency-releases/ER-000002/settle`, { spent: '0', returned: '50000000', evidence: [] });
    expectStatus(allReturned, 200);
    advance(allReturned);
    books.settle('ER-000002', 0n);
    const balance = await checkBalance();
    expect(balance.byComponent['emergency-relief'].available).toBe('75000000');
  });
});

describe('reversals', () => {
  it('reverses a donation once (bounced transfer); the second time is ALREADY_REVERSED', async () => {
    const reversed = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: ids.usd, reason: 'Giao dịch bị ngân hàng hoàn trả' });
    expectStatus(reversed, 201);
    expect(reversed.body).toEqual({ reversalId: expect.stringMatching(/^RV-\d{6}$/), entryId: ids.usd, position: expect.any(Number) });
    advance(reversed);
    books.reverseDonation(24_050_241n, 'general');
    await checkBalance();
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: ids.usd, reason: 'lần hai' }), 422, 'ALREADY_REVERSED');
  });

  it('reverses a donation of another fiscal year, and an in-kind gift (its value leaves inKindReceived)', async () => {
    const old = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: ids.y2024, reason: 'Ghi nhầm' });
    expectStatus(old, 201);
    advance(old);
    books.reverseDonation(1000n, 'general');
    const gift = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: ids.inKind, reason: 'Hàng không nhận được' });
    expectStatus(gift, 201);
    advance(gift);
    books.inKind(-15_000_000n);
    await checkBalance();
  });

  it('reverses a payment once: the money is back in its pool; a second time is ALREADY_REVERSED', async () => {
    const reversed = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: 'DB-000001', reason: 'Chuyển khoản bị trả lại' });
    expectStatus(reversed, 201);
    expect(reversed.body.entryId).toBe('DB-000001');
    advance(reversed);
    books.reversePayment('DB-000001');
    await checkBalance();
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: 'DB-000001', reason: 'lần hai' }), 422, 'ALREADY_REVERSED');
  });

  it('refuses to reverse an unpaid disbursement, an unknown entry, or a donation whose money is held', async () => {
    // The designated donation's 40 000 000 are held by a requested disbursement.
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: ids.restricted, reason: 'x' }), 422, 'INSUFFICIENT_FUNDS');
    const held = [...(await auditor.get(`/v1/funds/${FUND}/balance?minPosition=${lastPosition}`)).body.restricted].find((r: { restrictionId: string }) => r.restrictionId === ids.restricted);
    expect(held.held).toBe('40000000');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: 'DB-000003', reason: 'x' }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: `DN-${receipt(999)}`, reason: 'x' }), 404, 'NOT_FOUND');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: 'DB-000999', reason: 'x' }), 404, 'NOT_FOUND');
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: 'XX-000001', reason: 'x' }), 404, 'NOT_FOUND');
    await snapshot('reversals');
  });
});

describe('management cost cap', () => {
  const F = 'quy-chi-phi';

  it('management costs may not exceed the policy percentage of the year\'s eligible cash (in-kind and named-beneficiary money excluded)', async () => {
    await openFund(ledger, F, { policy: { managementCostWarnPercent: '5', managementCostCapPercent: '5' } });
    const post = (path: string, body: unknown) => accountant.post(`/v1/funds/${F}${path}`, body);
    expectStatus(await post('/donations', donationBody({ amount: '100000000' })), 201);
    expectStatus(await post('/donations', donationBody({ amount: '50000000', restriction: { purpose: 'Mổ tim', beneficiary: 'Em Nguyễn Văn B' } })), 201);
    expectStatus(await post('/donations', donationBody({
      amount: '30000000', channel: 'in_kind', inKind: { description: 'Chăn', quantity: '300', unit: 'cái', valuationMethod: 'hoá đơn' },
    })), 201);
    // Base 100 000 000 → cap 5 % = 5 000 000.
    await expectRejected(ledger, () => post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '5000001' })), 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    const atCap = await post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '5000000', purpose: 'Văn phòng phẩm' }));
    expectStatus(atCap, 201);
    // Requested management cost counts against the cap.
    await expectRejected(ledger, () => post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '1' })), 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    // Rejecting it frees the cap again.
    expectStatus(await approver1.post(`/v1/funds/${F}/disbursements/${atCap.body.disbursementId}/reject`, { reason: 'gộp' }), 200);
    const small = await post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '1' }));
    expectStatus(small, 201);
    // Other kinds are not capped.
    expectStatus(await post('/disbursements', disbursementBody({ kind: 'transfer', amount: '60000000', purpose: 'Chuyển Hội CTĐ tỉnh' })), 201);
  });

  it('a fund with a 10 % policy caps at 10 %', async () => {
    await openFund(ledger, 'quy-10', { policy: { managementCostCapPercent: '10' } });
    expectStatus(await accountant.post('/v1/funds/quy-10/donations', donationBody({ amount: '12345678' })), 201);
    // 10 % of 12 345 678 = 1 234 567.8 → rounded down to 1 234 567.
    await expectRejected(ledger, () => accountant.post('/v1/funds/quy-10/disbursements', disbursementBody({ kind: 'management_cost', amount: '1234568' })), 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    expectStatus(await accountant.post('/v1/funds/quy-10/disbursements', disbursementBody({ kind: 'management_cost', amount: '1234567' })), 201);
  });
});

describe('what the log keeps', () => {
  it('a foreign-currency donation keeps its original amount, currency and rate beside the VND amount; in-kind keeps its details', async () => {
    const recorded: Record<string, Record<string, unknown>> = {};
    for await (const event of ledger.store.readAll()) {
      if (event.type === 'DonationRecorded' && event.data.fundId === FUND) recorded[String(event.data.donationId)] = event.data as Record<string, unknown>;
    }
    expect(recorded[ids.usd]).toMatchObject({ amount: '1000.01', currency: 'USD', fxRate: '24050', amountVnd: '24050241', cash: true });
    expect(recorded[ids.inKind]).toMatchObject({
      channel: 'in_kind', amountVnd: '15000000', cash: false,
      inKind: { description: 'Gạo ST25', quantity: '500', unit: 'kg', valuationMethod: 'giá thị trường ngày nhận' },
      donor: { name: 'Công ty TNHH Gạo Việt', kind: 'organization', taxCode: '0312345678' },
    });
    expect(recorded[ids.disaster]).toMatchObject({ campaignId: 'bao-yagi', restrictionId: 'campaign:bao-yagi' });
    expect(recorded[ids.vnd]).toMatchObject({ donor: { name: 'Nguyễn Văn An', publicName: 'Nguyễn V. A.' }, reference: 'FT-001' });
  });

  it('every event records the acting user and roles, the recording time, and (for a command with a key) the scoped key', async () => {
    const accountantId = (await accountant.post('/v1/funds/khong-co/donations', donationBody())).status; // 404: appends nothing
    expect(accountantId).toBe(404);
    const keyed = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '1234' }), { idempotencyKey: 'metadata-check' });
    expectStatus(keyed, 201);
    advance(keyed);
    books.donate(1234n, 'general');
    let found = false;
    for await (const event of ledger.store.readAll()) {
      expect(event.metadata.actor).toEqual({ userId: expect.any(String), roles: expect.any(Array) });
      expect(Number.isNaN(Date.parse(event.metadata.recordedAt))).toBe(false);
      if (event.position === keyed.body.position) {
        found = true;
        expect(event.metadata.actor.roles).toEqual(['accountant']);
        expect(event.metadata.idempotencyKey).toMatch(/metadata-check$/);
      }
      if (event.type === 'DisbursementApproved') expect(event.metadata.actor.roles).toEqual(expect.arrayContaining(['approver']));
    }
    expect(found).toBe(true);
  });
});

describe('balance reads', () => {
  it('?minPosition= answers once the read model has reached the position a command returned', async () => {
    const response = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '777' }));
    expectStatus(response, 201);
    advance(response);
    books.donate(777n, 'general');
    // Immediately, with no pause: read-your-writes.
    const balance = await balanceAt(ledger, FUND, response.body.position, tokens.approver1);
    books.check(balance);
  });

  it('?atPosition= gives the balance as it stood at each earlier position', async () => {
    expect(positions.length).toBeGreaterThanOrEqual(6);
    for (const earlier of positions) {
      const response = await auditor.get(`/v1/funds/${FUND}/balance?atPosition=${earlier.position}`);
      expectStatus(response, 200);
      expect({ label: earlier.label, ...response.body, asOfPosition: undefined }).toEqual({ label: earlier.label, ...earlier.balance, asOfPosition: undefined });
      expect(response.body.asOfPosition).toBeLessThanOrEqual(earlier.position);
    }
  });

  it('?recordedBefore= gives the balance as the log stood at that instant', async () => {
    for (const earlier of positions) {
      const response = await auditor.get(`/v1/funds/${FUND}/balance?recordedBefore=${encodeURIComponent(earlier.after)}`);
      expectStatus(response, 200);
      expect({ label: earlier.label, ...response.body, asOfPosition: undefined }).toEqual({ label: earlier.label, ...earlier.balance, asOfPosition: undefined });
    }
    // The same instants written with the Vietnam offset mean the same thing.
    for (const earlier of positions) {
      const response = await auditor.get(`/v1/funds/${FUND}/balance?recordedBefore=${encodeURIComponent(withVietnamOffset(earlier.after))}`);
      expectStatus(response, 200);
      expect({ label: earlier.label, ...response.body, asOfPosition: undefined }).toEqual({ label: earlier.label, ...earlier.balance, asOfPosition: undefined });
    }
    // Before the fund existed: 404, or a zero balance; never the current one.
    const before = await auditor.get(`/v1/funds/${FUND}/balance?recordedBefore=${encodeURIComponent('2000-01-01T00:00:00+07:00')}`);
    if (before.status === 200) expect(before.body).toMatchObject({ received: '0', available: '0' });
    else expectError(before, 404, 'NOT_FOUND');
  });

  it('refuses bad positions and dates with 400, and a position never reached with 503 PROJECTION_LAGGING', async () => {
    for (const query of ['minPosition=-1', 'minPosition=abc', 'atPosition=1.5', 'asOf=yesterday', 'asOf=2024-05-12T09:30:00', 'recordedBefore=2024-05-12']) {
      const response = await auditor.get(`/v1/funds/${FUND}/balance?${query}`);
      expectError(response, 400, 'VALIDATION_FAILED');
    }
    // Waits up to 5 s for a position the log never reaches, then says so.
    const head = await countEvents(ledger.store);
    const lagging = await auditor.get(`/v1/funds/${FUND}/balance?minPosition=${head + 1_000_000}`);
    expectError(lagging, 503, 'PROJECTION_LAGGING');
  });

  it('the final balance equals the model, for every role that reads', async () => {
    for (const token of [ADMIN_TOKEN, tokens.accountant, tokens.approver2, tokens.coordinator, tokens.auditor]) {
      books.check(await balanceAt(ledger, FUND, lastPosition, token));
    }
  });
});
