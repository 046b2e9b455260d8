/**
 * Late money, corrections of every money entry and the accountant's decisions on statement lines,
 * over HTTP on the real application (a real SQLite file): a statement line for a closed campaign
 * waits in the campaign's suspense pool until a decision assigns it or its reversal returns it;
 * transfers, bank fees and interest are reversed; an unclassified line is decided once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { balanceAt, call, campaignBody, disbursementBody, donationBody, expectError, expectStatus, openFund, vnTimestamp } from '../http/support/http-helpers';
import { genericCsv } from './support/statements';

const FUND = 'quy-xa-hoa-binh';
const BANK_FUND = 'quy-xa-an-thanh';
const PROVINCE = 'quy-tinh-hoa-binh';
const CAMPAIGN = 'lu-thang-muoi';
const vietcombankCsv = readFileSync(join(__dirname, 'fixtures', 'banks', 'vietcombank.csv'));

let ledger: TestLedger;
let accountant: string;
let approver: string;
let auditor: string;

const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const get = (path: string, token = auditor) => call(ledger, 'get', path, undefined, { token });
/** dd/mm/yyyy of a day `days` from today, Vietnam time: how the statement prints it. */
const statementDay = (days: number) => {
  const [year, month, day] = vnTimestamp(days).slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
};
function importFile(fundId: string, body: Buffer | string, query = '') {
  return ledger.http().post(`/v1/funds/${fundId}/imports${query}`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(Buffer.from(body));
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Hạnh', ['accountant'])).token;
  approver = (await ledger.user('Chủ tịch Hội', ['approver'])).token;
  auditor = (await ledger.user('Kiểm soát Long', ['auditor'])).token;
  await openFund(ledger, FUND);
  await openFund(ledger, BANK_FUND);
  await openFund(ledger, PROVINCE);
  expectStatus(await call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({
    campaignId: CAMPAIGN, name: 'Ủng hộ đồng bào vùng lũ tháng Mười', receiveFrom: vnTimestamp(-20), receiveUntil: vnTimestamp(-6),
  }), { token: ADMIN_TOKEN }), 201);
}, 60_000);

afterAll(async () => {
  await ledger?.close();
});

describe('late money (R14)', () => {
  let imported: { position: number };

  it('a statement line after the campaign closed is booked to its suspense pool and counted as suspense, not refused', async () => {
    const csv = genericCsv([
      { date: statementDay(-10), reference: 'FT101', credit: '2.000.000', description: 'NGUYEN THI LAN ung ho lu' },
      { date: statementDay(-3), reference: 'FT102', credit: '500.000', description: 'TRAN VAN BINH ung ho lu' },
      { date: statementDay(-2), reference: 'FT103', credit: '300.000', description: 'LE THI CUC ung ho lu' },
    ]);
    const response = await importFile(FUND, csv, `?campaignId=${CAMPAIGN}&bankAccount=0071000777888`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 3, suspense: 2, rejected: [], rejectedCount: 0 }));
    imported = response.body;
  });

  it('is listed for a decision to the accountant, the approver and the auditor, with the fund\'s total waiting', async () => {
    for (const token of [accountant, approver, auditor]) {
      const list = await get(`/v1/funds/${FUND}/suspense?status=waiting&minPosition=${imported.position}`, token);
      expectStatus(list, 200);
      expect(list.body.waitingVnd).toBe('800000');
      expect(list.body.items).toEqual([
        expect.objectContaining({ campaignId: CAMPAIGN, restrictionId: `suspense:${CAMPAIGN}`, amountVnd: '500000', donorName: 'TRAN VAN BINH', status: 'waiting', reference: 'FT102' }),
        expect.objectContaining({ amountVnd: '300000', donorName: 'LE THI CUC', status: 'waiting' }),
      ]);
    }
    expectError(await get(`/v1/funds/${FUND}/suspense?status=nowhere`), 400, 'VALIDATION_FAILED');
  });

  it('counts once in the balance, for no campaign, and nothing spends it', async () => {
    const balance = await balanceAt(ledger, FUND, imported.position);
    // available is what a new disbursement may still take (api.md): late money waiting for a decision is not.
    expect(balance).toMatchObject({ received: '2800000', suspense: '800000', available: '2000000' });
    const totals = await ledger.http().get(`/v1/public/funds/${FUND}?minPosition=${imported.position}`);
    expect(totals.body).toMatchObject({ received: '2800000', available: '2000000' });
    expect((balance as unknown as { byCampaign: Record<string, { received: string }> }).byCampaign[CAMPAIGN]).toMatchObject({ received: '2000000' });
    expect(balance.restricted).toEqual(expect.arrayContaining([expect.objectContaining({ restrictionId: `suspense:${CAMPAIGN}`, received: '800000', campaignId: null })]));
    const spend = await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '100000', restrictionId: `suspense:${CAMPAIGN}` }));
    expectError(spend, 422, 'RESTRICTION_MISMATCH');
  });

  it('a single donation recorded by hand after the window is still CAMPAIGN_CLOSED', async () => {
    expectError(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ campaignId: CAMPAIGN, receivedAt: vnTimestamp(-1) })), 422, 'CAMPAIGN_CLOSED');
  });

  it('is assigned by a decision to a component, once; the auditor may not assign', async () => {
    const [first] = (await get(`/v1/funds/${FUND}/suspense?status=waiting`)).body.items as { donationId: string }[];
    expectError(await post(auditor, `/v1/funds/${FUND}/suspense/${first.donationId}/assign`, { component: 'general', decisionRef: '15/QĐ-CTĐ' }), 403, 'FORBIDDEN');
    expectError(await post(accountant, `/v1/funds/${FUND}/suspense/${first.donationId}/assign`, { component: 'general', campaignId: CAMPAIGN, decisionRef: '15/QĐ-CTĐ' }), 400, 'VALIDATION_FAILED');
    const assigned = await post(accountant, `/v1/funds/${FUND}/suspense/${first.donationId}/assign`, { component: 'general', decisionRef: '15/QĐ-CTĐ' });
    expectStatus(assigned, 201);
    expect(assigned.body).toMatchObject({ assignmentId: 'SA-000001', donationId: first.donationId, status: 'assigned', amount: '500000', toComponent: 'general', toCampaignId: null });
    expectError(await post(accountant, `/v1/funds/${FUND}/suspense/${first.donationId}/assign`, { component: 'general', decisionRef: '15/QĐ-CTĐ' }), 422, 'INVALID_STATE');
    const balance = await balanceAt(ledger, FUND, assigned.body.position);
    expect(balance).toMatchObject({ received: '2800000', suspense: '300000' });
    expect(balance.byComponent.general).toMatchObject({ movedIn: '500000', available: '500000' });
    const list = await get(`/v1/funds/${FUND}/suspense?status=assigned&minPosition=${assigned.body.position}`);
    expect(list.body.items).toEqual([expect.objectContaining({ donationId: first.donationId, assignmentId: 'SA-000001', toComponent: 'general', decisionRef: '15/QĐ-CTĐ' })]);
    expectStatus(await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '500000' })), 201);
  });

  it('is returned to the donor by the donation\'s reversal, and then no longer waits', async () => {
    const [second] = (await get(`/v1/funds/${FUND}/suspense?status=waiting`)).body.items as { donationId: string }[];
    const returned = await post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: second.donationId, reason: 'Trả lại người ủng hộ: đợt vận động đã kết thúc' });
    expectStatus(returned, 201);
    const list = await get(`/v1/funds/${FUND}/suspense?minPosition=${returned.body.position}`);
    expect(list.body.waitingVnd).toBe('0');
    expect(list.body.items.map((item: { status: string }) => item.status)).toEqual(['assigned', 'returned']);
    const balance = await balanceAt(ledger, FUND, returned.body.position);
    expect(balance).toMatchObject({ received: '2500000', suspense: '0' });
  });
});

describe('reversals of transfers, bank fees and interest (api-v2 "Corrections")', () => {
  let lineId: string;

  it('a bank fee reversed is no longer management cost, in the balance and the financial report', async () => {
    const imported = await importFile(BANK_FUND, vietcombankCsv);
    expect(imported.status).toBe(200);
    expectStatus(await get(`/v1/funds/${BANK_FUND}/balance?minPosition=${imported.body.position}`), 200);
    const reversed = await post(accountant, `/v1/funds/${BANK_FUND}/reversals`, { entryId: 'BF-000001', reason: 'Ngân hàng hoàn phí SMS' });
    expectStatus(reversed, 201);
    expect(reversed.body).toMatchObject({ reversalId: 'RV-000001', entryId: 'BF-000001' });
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/reversals`, { entryId: 'BF-000001', reason: 'lần hai' }), 422, 'ALREADY_REVERSED');
    const balance = await balanceAt(ledger, BANK_FUND, reversed.body.position);
    expect(balance).toMatchObject({ received: '1725340', disbursed: '0', available: '1725340' });
    // A reversal counts on its own date: the fee stays a cost of 2024, its reversal lowers the cost of this year.
    const cost = await get(`/v1/funds/${BANK_FUND}/management-cost?year=2024`);
    expect(cost.body.used).toBe('11000');
    const thisYear = await get(`/v1/funds/${BANK_FUND}/management-cost`);
    expect(thisYear.body.used).toBe('-11000');
    const report = await get(`/v1/funds/${BANK_FUND}/reports/financial?from=2024-09-01&to=2024-09-30&minPosition=${reversed.body.position}`);
    expectStatus(report, 200);
    const amount = (line: string) => report.body.rows.find((row: { line: string }) => row.line === line)?.amount ?? '0';
    expect(amount('payments.management_cost')).toBe('11000');
    expect(amount('receipts.interest')).toBe('25340');
    const since = await get(`/v1/funds/${BANK_FUND}/reports/financial?from=2024-10-01&minPosition=${reversed.body.position}`);
    expect(since.body.rows.find((row: { line: string }) => row.line === 'payments.management_cost')?.amount).toBe('-11000');
    const lines = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=fee&minPosition=${reversed.body.position}`);
    expect(lines.body.items).toEqual([expect.objectContaining({ entryId: 'BF-000001', reversalId: 'RV-000001' })]);
    // The reconciliation no longer counts the fee among what the ledger booked that day.
    const reconciliation = await get(`/v1/funds/${BANK_FUND}/bank-accounts/0011001932418/reconciliation?minPosition=${reversed.body.position}`);
    expectStatus(reconciliation, 200);
    expect(reconciliation.body.days.map((day: { day: string; ledger: { fees: string } }) => [day.day, day.ledger.fees])).toEqual([['2024-09-01', '0'], ['2024-09-02', '0']]);
  });

  it('interest reversed is no longer revenue', async () => {
    const reversed = await post(accountant, `/v1/funds/${BANK_FUND}/reversals`, { entryId: 'IN-000001', reason: 'Lãi ghi nhầm tài khoản' });
    expectStatus(reversed, 201);
    const balance = await balanceAt(ledger, BANK_FUND, reversed.body.position);
    expect(balance).toMatchObject({ received: '1700000', available: '1700000' });
    // September's report keeps the interest it was credited; the report since shows its reversal, on its own date.
    const report = await get(`/v1/funds/${BANK_FUND}/reports/financial?from=2024-09-01&to=2024-09-30&minPosition=${reversed.body.position}`);
    const amount = (line: string) => report.body.rows.find((row: { line: string }) => row.line === line)?.amount ?? '0';
    expect(amount('receipts.interest')).toBe('25340');
    expect(amount('closing')).toBe('1714340');
    const since = await get(`/v1/funds/${BANK_FUND}/reports/financial?from=2024-10-01&minPosition=${reversed.body.position}`);
    const sinceAmount = (line: string) => since.body.rows.find((row: { line: string }) => row.line === line)?.amount ?? '0';
    expect(sinceAmount('receipts.interest')).toBe('-25340');
    expect(sinceAmount('closing')).toBe('1700000');
    // The reconciliation no longer counts the interest as booked: the statement's credit is no longer explained.
    const reconciliation = await get(`/v1/funds/${BANK_FUND}/bank-accounts/0011001932418/reconciliation?from=2024-09-02&to=2024-09-02&minPosition=${reversed.body.position}`);
    expectStatus(reconciliation, 200);
    expect(reconciliation.body.days).toEqual([expect.objectContaining({
      day: '2024-09-02', ledger: expect.objectContaining({ donations: '1000000', interest: '0' }), creditsNotBooked: '25340',
    })]);
  });

  it('a transfer in transit reversed by its sender is back in the sender\'s pool, and the receiver no longer expects it', async () => {
    const sent = await post(accountant, `/v1/funds/${BANK_FUND}/transfers`, { toFundId: PROVINCE, amount: '700000', component: 'general', purpose: 'Chuyển lên tỉnh' });
    expectStatus(sent, 201);
    const approved = await post(approver, `/v1/funds/${BANK_FUND}/transfers/${sent.body.transferId}/approve`);
    expectStatus(approved, 200);
    expect(await balanceAt(ledger, PROVINCE, approved.body.position)).toMatchObject({ inTransitIn: '700000' });
    const reversed = await post(accountant, `/v1/funds/${BANK_FUND}/reversals`, { entryId: sent.body.transferId, reason: 'Chuyển nhầm đơn vị' });
    expectStatus(reversed, 201);
    expect(await balanceAt(ledger, BANK_FUND, reversed.body.position)).toMatchObject({ inTransitOut: '0', available: '1700000' });
    expect(await balanceAt(ledger, PROVINCE, reversed.body.position)).toMatchObject({ inTransitIn: '0' });
    expectError(await post(accountant, `/v1/funds/${PROVINCE}/transfers/${sent.body.transferId}/receive`), 422, 'INVALID_STATE');
    // The reports say the sender took it back, not that the receiver returned it.
    const network = await get(`/v1/funds/${BANK_FUND}/reports/network?minPosition=${reversed.body.position}`);
    expectStatus(network, 200);
    expect(network.body.summary).toMatchObject({ outgoingReturned: '0', outgoingReversed: '700000' });
    expect(network.body.rows).toEqual([expect.objectContaining({ section: 'outgoing', counterpartFundId: PROVINCE, returned: '0', reversed: '700000' })]);
    const financial = await get(`/v1/funds/${BANK_FUND}/reports/financial?minPosition=${reversed.body.position}`);
    const line = (code: string) => financial.body.rows.find((row: { line: string }) => row.line === code)?.amount;
    expect([line('receipts.transfersReturned'), line('receipts.transfersReversed')]).toEqual(['0', '700000']);
    const province = await get(`/v1/funds/${PROVINCE}/reports/network?minPosition=${reversed.body.position}`);
    expect(province.body.summary).toMatchObject({ incomingReturned: '0', incomingReversed: '700000' });
  });

  it('a received transfer is refused: the receiver sends it back', async () => {
    const sent = await post(accountant, `/v1/funds/${BANK_FUND}/transfers`, { toFundId: PROVINCE, amount: '100000', component: 'general', purpose: 'Chuyển lên tỉnh' });
    expectStatus(await post(approver, `/v1/funds/${BANK_FUND}/transfers/${sent.body.transferId}/approve`), 200);
    expectStatus(await post(accountant, `/v1/funds/${PROVINCE}/transfers/${sent.body.transferId}/receive`), 200);
    const refused = await post(accountant, `/v1/funds/${BANK_FUND}/reversals`, { entryId: sent.body.transferId, reason: 'x' });
    expectError(refused, 422, 'INVALID_STATE');
    expect(refused.body.error.message).toContain(PROVINCE);
  });

  it('an unclassified line is listed, decided once by the accountant, and listed as decided', async () => {
    const listed = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=unclassified&minPosition=${await ledger.store.headPosition()}`);
    expect(listed.body.items).toHaveLength(1);
    lineId = listed.body.items[0].rowId;
    expectError(await post(auditor, `/v1/funds/${BANK_FUND}/statement-lines/${lineId}/classify`, { as: 'other', note: 'x' }), 403, 'FORBIDDEN');
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${lineId}/classify`, { as: 'gift', note: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/not-a-line/classify`, { as: 'other', note: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${'0'.repeat(64)}/classify`, { as: 'other', note: 'x' }), 404, 'NOT_FOUND');
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${lineId}/classify`, { as: 'disbursement', reference: 'DB-000009', note: 'x' }), 404, 'NOT_FOUND');
    const decided = await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${lineId}/classify`, { as: 'other', note: 'Chuyển trả xã Tân Sơn theo QĐ 12' });
    expectStatus(decided, 201);
    expect(decided.body).toMatchObject({ classificationId: 'CL-000001', rowId: lineId, as: 'other', entryId: null });
    expectError(await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${lineId}/classify`, { as: 'other', note: 'again' }), 422, 'INVALID_STATE');
    const after = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=unclassified&minPosition=${decided.body.position}`);
    expect(after.body.items).toEqual([]);
    const other = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=other&minPosition=${decided.body.position}`);
    expect(other.body.items).toEqual([expect.objectContaining({ rowId: lineId, kind: 'other', classificationId: 'CL-000001', note: 'Chuyển trả xã Tân Sơn theo QĐ 12' })]);
  });

  it('the reconciliation counts a debit line the accountant classified among what the ledger holds that day, and no longer as left to classify', async () => {
    const [line] = (await get(`/v1/funds/${BANK_FUND}/statement-lines?status=other&minPosition=${await ledger.store.headPosition()}`)).body.items as {
      rowId: string; account: string; postedAt: string; amountVnd: string; direction: string;
    }[];
    expect(line).toMatchObject({ rowId: lineId, direction: 'out' });
    const day = new Date(Date.parse(line.postedAt) + 7 * 3_600_000).toISOString().slice(0, 10);
    const reconciliation = await get(`/v1/funds/${BANK_FUND}/bank-accounts/${line.account}/reconciliation?from=${day}&to=${day}&minPosition=${await ledger.store.headPosition()}`);
    expectStatus(reconciliation, 200);
    expect(reconciliation.body.days).toEqual([expect.objectContaining({
      day, ledger: expect.objectContaining({ unclassified: '0', classified: line.amountVnd, classifiedCredits: '0' }),
    })]);
  });

  it('a line classified as a fee is booked as one: management cost and money out', async () => {
    const csv = genericCsv([
      { date: '20/09/2024', reference: 'FT900', credit: '1.000.000', description: 'VU THI HA ung ho' },
      { date: '21/09/2024', reference: 'FT901', debit: '22.000', description: 'THU DICH VU QUAN LY TAI KHOAN' },
    ]);
    const imported = await importFile(BANK_FUND, csv, '?bankAccount=0011001932418');
    expect(imported.body.debits).toEqual({ fees: 0, interest: 0, unclassified: 1 });
    const listed = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=unclassified&minPosition=${imported.body.position}`);
    const decided = await post(accountant, `/v1/funds/${BANK_FUND}/statement-lines/${listed.body.items[0].rowId}/classify`, { as: 'fee', note: 'Phí quản lý tài khoản' });
    expectStatus(decided, 201);
    expect(decided.body).toMatchObject({ as: 'fee', entryId: 'BF-000002' });
    const cost = await get(`/v1/funds/${BANK_FUND}/management-cost?year=2024&minPosition=${decided.body.position}`);
    // With BF-000001, charged in 2024 (its reversal counts in the year it was made).
    expect(cost.body.used).toBe('33000');
    const fees = await get(`/v1/funds/${BANK_FUND}/statement-lines?status=fee&minPosition=${decided.body.position}`);
    expect(fees.body.items.map((item: { entryId: string }) => item.entryId)).toEqual(['BF-000001', 'BF-000002']);
  });
});
