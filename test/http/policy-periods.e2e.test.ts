/**
 * api-v2.md "Policy, legal basis, periods" through the real app: policy versions and their
 * history, closing periods, and the management-cost working (R6) the decider and the financial
 * report share.
 */
import { randomUUID } from 'node:crypto';
import { Streams } from '../../src/domain/streams';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, client, disbursementBody, donationBody, expectError, expectRejected, expectStatus, fiscalYearOf, openFund, vnTimestamp,
  type Client,
} from './support/http-helpers';

let ledger: TestLedger;
let admin: Client;
let accountant: Client;
let auditor: Client;
let approver: Client;

const NOW = vnTimestamp(0);
const FY = fiscalYearOf(NOW);
const TODAY = NOW.slice(0, 10);
const YESTERDAY = vnTimestamp(-1).slice(0, 10);

beforeAll(async () => {
  ledger = await startTestLedger();
  admin = client(ledger, ADMIN_TOKEN);
  accountant = client(ledger, (await ledger.user('Kế toán', ['accountant'])).token);
  auditor = client(ledger, (await ledger.user('Kiểm toán', ['auditor'])).token);
  approver = client(ledger, (await ledger.user('Giám đốc', ['approver'])).token);
});
afterAll(async () => ledger?.close());

describe('R6: the management-cost working', () => {
  it("R6: a salary in a year that has received nothing yet is paid from last year's unused budget; GET management-cost shows the working", async () => {
    await openFund(ledger, 'quy-luong');
    expectStatus(await accountant.post('/v1/funds/quy-luong/donations', donationBody({ amount: '1000000000', receivedAt: `${FY - 1}-06-01T09:00:00+07:00` })), 201);
    const salary = await accountant.post('/v1/funds/quy-luong/disbursements', disbursementBody({ kind: 'management_cost', amount: '1000000', purpose: 'Lương kế toán' }));
    expectStatus(salary, 201);
    expect(salary.body.managementCostWarning).toBe(false);
    const thisYear = await auditor.get(`/v1/funds/quy-luong/management-cost?year=${FY}`);
    expectStatus(thisYear, 200);
    expect(thisYear.body).toMatchObject({
      year: FY, base: '0', warnPercent: '5', capPercent: '10', budget: '0', carriedForward: '50000000', used: '1000000', remaining: '49000000',
      warning: false, position: expect.any(Number),
    });
    const lastYear = await auditor.get(`/v1/funds/quy-luong/management-cost?year=${FY - 1}`);
    expect(lastYear.body).toMatchObject({ year: FY - 1, base: '1000000000', budget: '50000000', carriedForward: '0', used: '0', remaining: '50000000' });
    const nextYear = await auditor.get(`/v1/funds/quy-luong/management-cost?year=${FY + 1}`);
    // What this year drew from last year's budget is not carried again.
    expect(nextYear.body).toMatchObject({ year: FY + 1, base: '0', carriedForward: '49000000', used: '0' });
    expectError(await auditor.get('/v1/funds/quy-luong/management-cost?year=20x5'), 400, 'VALIDATION_FAILED');
    expectError(await auditor.get('/v1/funds/khong-co/management-cost'), 404, 'NOT_FOUND');
  });

  it("R6: past the board's share a cost succeeds flagged managementCostWarning, and the financial report flags the year; past the cap it is 422", async () => {
    await openFund(ledger, 'quy-canh-bao');
    const post = (path: string, body: unknown) => accountant.post(`/v1/funds/quy-canh-bao${path}`, body);
    expectStatus(await post('/donations', donationBody({ amount: '100000000' })), 201);
    expect((await post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '5000000' }))).body.managementCostWarning).toBe(false);
    const over = await post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '1' }));
    expectStatus(over, 201);
    expect(over.body.managementCostWarning).toBe(true);
    const refused = await expectRejected(ledger, () => post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '5000000' })), 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    expect(refused.body.error.details).toMatchObject({ fiscalYear: FY, base: '100000000', capPercent: '10', carriedForward: '0', cap: '10000000', used: '5000001' });
    const working = await auditor.get('/v1/funds/quy-canh-bao/management-cost');
    expect(working.body).toMatchObject({ year: FY, used: '5000001', remaining: '-1', warning: true });
    const report = await auditor.get(`/v1/funds/quy-canh-bao/reports/financial?from=${FY}-01-01&to=${FY}-12-31&minPosition=${over.body.position}`);
    expectStatus(report, 200);
    expect(report.body.summary).toMatchObject({
      managementCostYear: FY, managementCostYearBase: '100000000', managementCostBudget: '5000000', managementCostUsed: '5000001', managementCostWarning: true,
    });
  });
});

describe('R2, R6: a donation\'s revenue category', () => {
  it('state budget money is booked under its category and stays out of the management-cost base; service income counts in it', async () => {
    await openFund(ledger, 'quy-ngan-sach');
    const post = (body: unknown) => accountant.post('/v1/funds/quy-ngan-sach/donations', body);
    const state = await post(donationBody({ amount: '400000000', revenueCategory: 'state_budget', donor: { name: 'UBND tỉnh Yên Bái', kind: 'organization' } }));
    expectStatus(state, 201);
    const service = await post(donationBody({ amount: '100000000', revenueCategory: 'service_income' }));
    expectStatus(service, 201);
    const gift = await post(donationBody({ amount: '100000000' }));
    expectStatus(gift, 201);
    const working = await auditor.get(`/v1/funds/quy-ngan-sach/management-cost?year=${FY}&minPosition=${gift.body.position}`);
    expect(working.body).toMatchObject({ year: FY, base: '200000000', budget: '10000000' });
    const refused = await expectRejected(ledger, () => accountant.post('/v1/funds/quy-ngan-sach/disbursements',
      disbursementBody({ kind: 'management_cost', amount: '20000001' })), 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    expect(refused.body.error.details).toMatchObject({ base: '200000000', cap: '20000000' });
    const report = await auditor.get(`/v1/funds/quy-ngan-sach/reports/financial?from=${FY}-01-01&to=${FY}-12-31&minPosition=${gift.body.position}`);
    const line = (code: string) => (report.body.rows as { line: string; amount: string }[]).find((row) => row.line === code)?.amount;
    expect([line('receipts.state_budget'), line('receipts.service_income'), line('receipts.voluntary_contribution')]).toEqual(['400000000', '100000000', '100000000']);
    const register = await auditor.get(`/v1/funds/quy-ngan-sach/donations/${state.body.donationId as string}?minPosition=${gift.body.position}`);
    expect(register.body).toMatchObject({ revenueCategory: 'state_budget', inManagementCostBase: false });
  });

  it('interest is never a donation, and an unknown category is 400 naming revenueCategory, appending nothing', async () => {
    await openFund(ledger, 'quy-lai');
    for (const revenueCategory of ['interest', 'tien-lai', 7]) {
      const refused = await expectRejected(ledger, () => accountant.post('/v1/funds/quy-lai/donations', donationBody({ revenueCategory })), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(refused.body.error.details)).toContain('revenueCategory');
    }
  });
});

describe('R6: the hard stop at payment', () => {
  it('a salary approved before a gift was reversed past the cap is 422 MANAGEMENT_COST_CAP_EXCEEDED at payment, said in Vietnamese, and paid once revenue brings the year back within it', async () => {
    await openFund(ledger, 'quy-tran');
    const post = (path: string, body: unknown) => accountant.post(`/v1/funds/quy-tran${path}`, body);
    expectStatus(await post('/donations', donationBody({ amount: '100000000' })), 201);
    const wrong = await post('/donations', donationBody({ amount: '30000000' }));
    expectStatus(wrong, 201);
    // 130,000,000 of revenue: a cap of 13,000,000; 12,000,000 of salaries is within it.
    const salary = await post('/disbursements', disbursementBody({ kind: 'management_cost', amount: '12000000', purpose: 'Lương quý IV' }));
    expectStatus(salary, 201);
    expectStatus(await approver.post(`/v1/funds/quy-tran/disbursements/${salary.body.disbursementId}/approve`, {}), 200);
    const reversed = await post('/reversals', { entryId: wrong.body.donationId, reason: 'Ghi trùng sao kê' });
    expectStatus(reversed, 201);
    const working = await auditor.get(`/v1/funds/quy-tran/management-cost?minPosition=${reversed.body.position}`);
    expect(working.body).toMatchObject({ year: FY, base: '100000000', used: '12000000', limit: '10000000', overCap: true });
    const payment = () => approver.post(`/v1/funds/quy-tran/disbursements/${salary.body.disbursementId}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-0901' }, { headers: { 'Accept-Language': 'vi' } });
    const refused = await expectRejected(ledger, payment, 422, 'MANAGEMENT_COST_CAP_EXCEEDED');
    expect(refused.body.error.details).toMatchObject({ fiscalYear: FY, cap: '10000000', used: '12000000', disbursementId: salary.body.disbursementId });
    expect(refused.body.error.message).toContain(`khoản ${salary.body.disbursementId} chỉ được chi khi chi phí quản lý của năm trở lại trong mức trần`);
    const more = await post('/donations', donationBody({ amount: '20000000' }));
    expectStatus(more, 201);
    expectStatus(await payment(), 200);
    const after = await auditor.get(`/v1/funds/quy-tran/management-cost?minPosition=${more.body.position}`);
    expect(after.body).toMatchObject({ base: '120000000', used: '12000000', limit: '12000000', overCap: false });
  });
});

describe('policy versions (PUT /v1/funds/:fundId/policy)', () => {
  it('a change from today on answers {version, position}; the history lists every version with its decision and position', async () => {
    await openFund(ledger, 'quy-chinh-sach', { legalBasis: 'decree-03-2026' });
    const changed = await admin.put('/v1/funds/quy-chinh-sach/policy', {
      policy: { managementCostWarnPercent: '4' }, effectiveFrom: TODAY, decisionRef: '15/QĐ-CTĐ', legalBasis: 'decree-03-2026',
    });
    expectStatus(changed, 200);
    expect(changed.body).toEqual({ version: 2, position: expect.any(Number) });
    const history = await auditor.get('/v1/funds/quy-chinh-sach/policy/history');
    expectStatus(history, 200);
    expect(history.body.versions).toHaveLength(2);
    expect(history.body.versions[0]).toMatchObject({ version: 1, effectiveFrom: null, decisionRef: null, legalBasis: 'decree-03-2026', position: expect.any(Number) });
    expect(history.body.versions[1]).toMatchObject({
      version: 2, effectiveFrom: TODAY, decisionRef: '15/QĐ-CTĐ', legalBasis: 'decree-03-2026', changedBy: expect.any(String),
      recordedAt: expect.any(String), position: changed.body.position,
      policy: { managementCostWarnPercent: '4', managementCostCapPercent: '10', emergencySettlementDays: 30 }, changes: { managementCostWarnPercent: '4' },
    });
    const fund = await auditor.get('/v1/funds/quy-chinh-sach');
    expect(fund.body).toMatchObject({ policyVersion: 2, legalBasis: 'decree-03-2026', policy: { managementCostWarnPercent: '4' } });
  });

  it('a version scheduled for tomorrow does not govern today: the fund shows it as scheduled, a request today takes today\'s approvals', async () => {
    await openFund(ledger, 'quy-hen-ngay');
    expectStatus(await accountant.post('/v1/funds/quy-hen-ngay/donations', donationBody({ amount: '500000000' })), 201);
    const tomorrow = vnTimestamp(1).slice(0, 10);
    const scheduled = await admin.put('/v1/funds/quy-hen-ngay/policy', {
      policy: { approvals: [{ above: '0', approvers: 3 }] }, effectiveFrom: tomorrow, decisionRef: '18/QĐ-CTĐ',
    });
    expectStatus(scheduled, 200);
    const fund = await auditor.get('/v1/funds/quy-hen-ngay');
    expect(fund.body).toMatchObject({ policyVersion: 1, scheduledPolicy: { version: 2, effectiveFrom: tomorrow }, policy: { approvals: [{ above: '0', approvers: 1 }, { above: '100000000', approvers: 2 }] } });
    const today = await accountant.post('/v1/funds/quy-hen-ngay/disbursements', disbursementBody({ amount: '1000000' }));
    expectStatus(today, 201);
    const approved = await client(ledger, (await ledger.user('Duyệt', ['approver'])).token).post(`/v1/funds/quy-hen-ngay/disbursements/${today.body.disbursementId}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'approved' });
    await expectRejected(ledger, () => admin.put('/v1/funds/quy-hen-ngay/policy', {
      policy: { emergencySettlementDays: 10 }, effectiveFrom: TODAY, decisionRef: '19/QĐ-CTĐ',
    }), 422, 'EFFECTIVE_DATE_BEFORE_SCHEDULED');
  });

  it('EFFECTIVE_DATE_IN_PAST: a change never rewrites the past', async () => {
    await openFund(ledger, 'quy-qua-khu');
    const response = await expectRejected(ledger, () => admin.put('/v1/funds/quy-qua-khu/policy', {
      policy: { emergencySettlementDays: 20 }, effectiveFrom: YESTERDAY, decisionRef: '16/QĐ-CTĐ',
    }), 422, 'EFFECTIVE_DATE_IN_PAST');
    expect(response.body.error.details).toMatchObject({ field: 'effectiveFrom', today: TODAY });
  });

  it.each([
    ['a decisionRef of spaces', { decisionRef: '   ' }, 'decisionRef'],
    ['an unknown legal basis', { legalBasis: 'nghi-dinh-moi' }, 'legalBasis'],
    ['an effectiveFrom that is a timestamp', { effectiveFrom: NOW }, 'effectiveFrom'],
    ['a warning share that is no decimal string', { policy: { managementCostWarnPercent: 5 } }, 'policy.managementCostWarnPercent'],
    ['no policy object', { policy: undefined }, 'policy'],
  ])('refuses %s with 400 naming the field, appending nothing', async (_why, override, field) => {
    await openFund(ledger, `quy-sai-${field.replace(/\W/g, '').toLowerCase()}`).catch(() => undefined);
    const body: Record<string, unknown> = { policy: { emergencySettlementDays: 20 }, effectiveFrom: TODAY, decisionRef: '17/QĐ-CTĐ', ...override };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const response = await expectRejected(ledger, () => admin.put(`/v1/funds/quy-sai-${field.replace(/\W/g, '').toLowerCase()}/policy`, body), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(response.body.error)).toContain(field);
  });

  it('only an admin changes the policy (403), and an unknown fund is 404', async () => {
    expectError(await accountant.put('/v1/funds/quy-chinh-sach/policy', { policy: {}, effectiveFrom: TODAY, decisionRef: '1' }), 403, 'FORBIDDEN');
    expectError(await admin.put('/v1/funds/khong-co/policy', { policy: {}, effectiveFrom: TODAY, decisionRef: '1' }), 404, 'NOT_FOUND');
  });

  it('Decree 93/2019 was replaced on 2026-03-01: a fund opened or a version effective from then under decree-93-2019 is 422 INVALID_POLICY naming legalBasis, in Vietnamese too, appending nothing', async () => {
    const opening = await expectRejected(ledger, () => admin.post('/v1/funds', { fundId: 'quy-nd-cu', name: 'Quỹ theo nghị định cũ', legalBasis: 'decree-93-2019' }, { headers: { 'Accept-Language': 'en' } }), 422, 'INVALID_POLICY');
    expect(opening.body.error.details).toMatchObject({ field: 'legalBasis', legalBasis: 'decree-93-2019', effectiveFrom: TODAY, replacedOn: '2026-03-01' });
    expect(opening.body.error.message).toContain('Decree 93/2019 was replaced by Decree 03/2026 on 2026-03-01');
    await openFund(ledger, 'quy-nd-moi');
    const body = { policy: { emergencySettlementDays: 20 }, effectiveFrom: TODAY, decisionRef: '20/QĐ-CTĐ', legalBasis: 'decree-93-2019' };
    const version = await expectRejected(ledger, () => admin.put('/v1/funds/quy-nd-moi/policy', body, { headers: { 'Accept-Language': 'vi' } }), 422, 'INVALID_POLICY');
    expect(version.body.error.details).toMatchObject({ field: 'legalBasis', replacedOn: '2026-03-01' });
    const today = TODAY.split('-').reverse().join('/');
    expect(version.body.error.message).toBe(`Chính sách quỹ không hợp lệ: legalBasis decree-93-2019 không được áp dụng cho chính sách có hiệu lực từ ngày ${today}: Nghị định 93/2019 đã được thay thế bởi Nghị định 03/2026 từ ngày 01/03/2026`);
    expectStatus(await admin.put('/v1/funds/quy-nd-moi/policy', { ...body, legalBasis: undefined }), 200);
    const history = await auditor.get('/v1/funds/quy-nd-moi/policy/history');
    expect(history.body.versions.map((v: { legalBasis: string }) => v.legalBasis)).toEqual(['decree-03-2026', 'decree-03-2026']);
  });

  it('a fund opened in 2025 under Decree 93/2019 that never changed its basis reads decree-03-2026 as the basis governing it today; its policy history keeps what was recorded', async () => {
    await openFund(ledger, 'quy-mau');
    const [template] = await ledger.store.readStream(Streams.fund('quy-mau'));
    const opened = template.data as Record<string, unknown>;
    await ledger.store.append(Streams.fund('quy-2025'), [{
      eventId: randomUUID(), type: 'FundOpened',
      data: { ...opened, fundId: 'quy-2025', name: 'Quỹ mở năm 2025', legalBasis: 'decree-93-2019', openedAt: '2025-06-02T08:00:00+07:00' },
      metadata: { ...template.metadata, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: '2025-06-02T01:00:00.000Z' },
    }], 'no_stream');
    const fund = await auditor.get('/v1/funds/quy-2025');
    expectStatus(fund, 200);
    expect({ legalBasis: fund.body.legalBasis, policyVersion: fund.body.policyVersion }).toEqual({ legalBasis: 'decree-03-2026', policyVersion: 1 });
    const history = await auditor.get('/v1/funds/quy-2025/policy/history');
    expect(history.body.versions.map((v: { legalBasis: string }) => v.legalBasis)).toEqual(['decree-93-2019']);
  });

  it('a fund opened with a legal basis that is not one of the two decrees is 400', async () => {
    await expectRejected(ledger, () => admin.post('/v1/funds', { fundId: 'quy-nd', name: 'x', legalBasis: 'Nghị định 93/2019/NĐ-CP' }), 400, 'VALIDATION_FAILED');
  });
});

describe('closing periods (POST /v1/funds/:fundId/periods/:period/close)', () => {
  it('PERIOD_CLOSED: after the board closes last year, a donation dated in it is refused naming the period', async () => {
    await openFund(ledger, 'quy-khoa-so');
    const closed = await admin.post(`/v1/funds/quy-khoa-so/periods/${FY - 1}/close`, { decisionRef: '30/QĐ-CTĐ' });
    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ fundId: 'quy-khoa-so', period: String(FY - 1), from: `${FY - 1}-01-01`, to: `${FY - 1}-12-31`, status: 'closed' });
    const refused = await expectRejected(ledger, () => accountant.post('/v1/funds/quy-khoa-so/donations', donationBody({ receivedAt: `${FY - 1}-12-31T22:00:00+07:00` })), 422, 'PERIOD_CLOSED');
    expect(refused.body.error.details).toMatchObject({ period: String(FY - 1) });
    expectStatus(await accountant.post('/v1/funds/quy-khoa-so/donations', donationBody()), 201);
    await expectRejected(ledger, () => admin.post(`/v1/funds/quy-khoa-so/periods/${FY - 1}-Q2/close`, { decisionRef: '31/QĐ-CTĐ' }), 422, 'INVALID_STATE');
    await expectRejected(ledger, () => admin.post(`/v1/funds/quy-khoa-so/periods/${FY}/close`, { decisionRef: '32/QĐ-CTĐ' }), 422, 'PERIOD_NOT_ENDED');
    const fund = await auditor.get('/v1/funds/quy-khoa-so');
    expect(fund.body.closedPeriods).toEqual([expect.objectContaining({ period: String(FY - 1), decisionRef: '30/QĐ-CTĐ' })]);
  });

  it('refuses a period that names none, a blank decisionRef (400), and anyone but an admin (403)', async () => {
    await openFund(ledger, 'quy-ky-sai');
    await expectRejected(ledger, () => admin.post('/v1/funds/quy-ky-sai/periods/2024-Q5/close', { decisionRef: '1' }), 400, 'VALIDATION_FAILED');
    await expectRejected(ledger, () => admin.post('/v1/funds/quy-ky-sai/periods/2024/close', { decisionRef: '  ' }), 400, 'VALIDATION_FAILED');
    expectError(await accountant.post('/v1/funds/quy-ky-sai/periods/2024/close', { decisionRef: '1' }), 403, 'FORBIDDEN');
  });
});

describe('campaign defaults answer in the caller\'s offset', () => {
  it('a defaulted distributeUntil comes back in the offset receiveUntil was given in', async () => {
    await openFund(ledger, 'quy-bao');
    const receiveUntil = `${vnTimestamp(30).slice(0, 10)}T23:59:59+07:00`;
    const created = await accountant.post('/v1/funds/quy-bao/campaigns', {
      campaignId: 'bao-so-3', name: 'Bão số 3', kind: 'disaster', receiveFrom: vnTimestamp(-1), receiveUntil,
    });
    expectStatus(created, 201);
    const fund = await auditor.get('/v1/funds/quy-bao');
    const distributeUntil = fund.body.campaigns[0].distributeUntil as string;
    expect(distributeUntil.endsWith('+07:00')).toBe(true);
    expect(Date.parse(distributeUntil) - Date.parse(receiveUntil)).toBe(20 * 86_400_000);
  });
});
