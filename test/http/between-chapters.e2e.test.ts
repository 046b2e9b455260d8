import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { balanceAt, call, disbursementBody, donationBody, expectError, expectStatus, openFund } from './support/http-helpers';
import { fundRemaining } from '../../web/src/public/fund-figures';

/**
 * Money between chapters and over time through the real HTTP stack (issue 18): restricted money
 * keeps its restriction across a transfer, a receipt sent twice with one key is answered once, a
 * restriction is released only with the policy's approvers, a campaign's leftovers move only
 * after its deadline, and every step shows in both funds' balances.
 */
let ledger: TestLedger;
let accountant: string;
let provinceAccountant: string;
let approver: string;

const COMMUNE = 'quy-xa-tan-lap';
const PROVINCE = 'quy-tinh-lien-ket';

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán xã', ['accountant'])).token;
  provinceAccountant = (await ledger.user('Kế toán tỉnh', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  await openFund(ledger, COMMUNE);
  await openFund(ledger, PROVINCE);
});

afterAll(async () => {
  await ledger?.close();
});

const post = (token: string, path: string, body: unknown = {}, key?: string) => call(ledger, 'post', path, body, { token, ...(key ? { idempotencyKey: key } : {}) });

describe('a designated gift sent up to the province', () => {
  it('arrives as a pool of its own with its purpose, paid only to its beneficiary (R5, R16)', async () => {
    const gift = await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '8000000', restriction: { purpose: 'Chữa bệnh cho em Mai', beneficiary: 'Lê Thị Mai' } }));
    expectStatus(gift, 201);
    const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: '8000000', component: 'general', restrictionId: gift.body.donationId, purpose: 'Chuyển theo địa chỉ' });
    expectStatus(sent, 201);
    expect(sent.body).toMatchObject({ transferId: `TR-${COMMUNE}-000001`, status: 'requested', approvalsRequired: 1 });
    const transferId = sent.body.transferId as string;
    // Not received before it is approved: it is still requested.
    expectError(await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`), 422, 'INVALID_STATE');
    const approval = await post(approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`);
    expectStatus(approval, 200);
    const inTransit = await balanceAt(ledger, PROVINCE, approval.body.position);
    expect(inTransit).toMatchObject({ inTransitIn: '8000000', available: '0' });
    // The public totals say the same: money on its way, not available yet.
    const publicTotals = await ledger.http().get(`/v1/public/funds/${PROVINCE}?minPosition=${String(approval.body.position)}`).expect(200);
    expect(publicTotals.body).toMatchObject({ inTransitIn: '8000000', available: '0' });

    // The same receipt sent twice with one key is one receipt, answered the same way.
    const first = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, {}, 'nhan-1');
    const again = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, {}, 'nhan-1');
    expectStatus(first, 200);
    expect(again.body).toEqual(first.body);
    expect(first.body.status).toBe('received');
    // Only the fund it was sent to may receive it.
    expectError(await post(provinceAccountant, `/v1/funds/${COMMUNE}/transfers/${transferId}/receive`), 404, 'NOT_FOUND');

    const province = await balanceAt(ledger, PROVINCE, first.body.position);
    expect(province).toMatchObject({ received: '0', transferredIn: '8000000', inTransitIn: '0', available: '8000000' });
    expect(province.restricted).toEqual([expect.objectContaining({ restrictionId: transferId, purpose: 'Chữa bệnh cho em Mai', transferredIn: '8000000', available: '8000000' })]);
    const commune = await balanceAt(ledger, COMMUNE, first.body.position);
    expect(commune).toMatchObject({ received: '8000000', transferredOut: '8000000', available: '0' });

    const elsewhere = await post(provinceAccountant, `/v1/funds/${PROVINCE}/disbursements`, disbursementBody({ amount: '1000000', restrictionId: transferId, beneficiary: 'Người khác' }));
    expectError(elsewhere, 422, 'RESTRICTION_MISMATCH');
    expectStatus(await post(provinceAccountant, `/v1/funds/${PROVINCE}/disbursements`, disbursementBody({ amount: '8000000', restrictionId: transferId, beneficiary: 'le thi mai' })), 201);

    const list = await call(ledger, 'get', `/v1/funds/${PROVINCE}/transfers`, undefined, { token: approver });
    expectStatus(list, 200);
    expect(list.body.incoming).toEqual([expect.objectContaining({ transferId, status: 'received', fromFundId: COMMUNE, daysInTransit: 0 })]);
  });

  it('returned by the province, it is the commune\'s to spend again', async () => {
    expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '2000000' })), 201);
    const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: '2000000', component: 'general', purpose: 'Chuyển nhầm' });
    expectStatus(await post(approver, `/v1/funds/${COMMUNE}/transfers/${sent.body.transferId}/approve`), 200);
    expectError(await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${sent.body.transferId}/return`, { reason: ' ' }), 400, 'VALIDATION_FAILED');
    const back = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${sent.body.transferId}/return`, { reason: 'Không thuộc địa bàn' });
    expectStatus(back, 200);
    expect(back.body.status).toBe('returned');
    const commune = await balanceAt(ledger, COMMUNE, back.body.position);
    expect(commune).toMatchObject({ inTransitOut: '0', available: '2000000' });
  });
});

describe('re-purposing and leftovers inside a fund', () => {
  it('a restriction is released only once the approver agrees; the money is then the component\'s', async () => {
    const gift = await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '3000000', restriction: { purpose: 'Học bổng' } }));
    const asked = await post(accountant, `/v1/funds/${COMMUNE}/restrictions/${gift.body.donationId}/release`, { consentRef: 'Thư đồng ý 12/2026', newPurpose: 'Hỗ trợ hộ nghèo' });
    expectStatus(asked, 201);
    expect(asked.body).toMatchObject({ id: 'RR-000001', status: 'requested', amount: '3000000', approvalsRequired: 1 });
    const held = await balanceAt(ledger, COMMUNE, asked.body.position);
    expect(held.restricted.find((p) => p.restrictionId === gift.body.donationId)).toMatchObject({ held: '3000000', available: '0' });
    expectError(await post(accountant, `/v1/funds/${COMMUNE}/restriction-releases/RR-000001/approve`), 403, 'FORBIDDEN');
    const approved = await post(approver, `/v1/funds/${COMMUNE}/restriction-releases/RR-000001/approve`);
    expectStatus(approved, 200);
    expect(approved.body.status).toBe('released');
    const after = await balanceAt(ledger, COMMUNE, approved.body.position);
    expect(after.restricted.find((p) => p.restrictionId === gift.body.donationId)).toMatchObject({ held: '0', movedOut: '3000000', available: '0' });
    expect(after.byComponent.general).toMatchObject({ movedIn: '3000000', available: '5000000' });
  });

  it('a campaign\'s leftovers move after it closed, on a decision; before, it is still distributing', async () => {
    const receiveFrom = new Date(Date.now() - 86_400_000).toISOString();
    const receiveUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expectStatus(await call(ledger, 'post', `/v1/funds/${COMMUNE}/campaigns`, { campaignId: 'tet-2027', name: 'Tết vì người nghèo', kind: 'tet', receiveFrom, receiveUntil }), 201);
    expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '1000000', campaignId: 'tet-2027' })), 201);
    const body = { amount: '400000', component: 'general', to: { component: 'humanitarian' }, basis: 'Chương trình an sinh (Điều 11(2))', decisionRef: 'QĐ 7/UBND' };
    expectError(await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-2027/surplus`, body), 422, 'INVALID_STATE');
    expectError(await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-2027/surplus`, { ...body, to: { component: 'humanitarian', campaignId: 'x' } }), 400, 'VALIDATION_FAILED');
    expectStatus(await call(ledger, 'post', `/v1/funds/${COMMUNE}/campaigns/tet-2027/close`), 200);
    const moved = await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-2027/surplus`, body);
    expectStatus(moved, 201);
    expect(moved.body).toMatchObject({ id: 'SR-000001', status: 'reallocated', amount: '400000' });
    const balance = await balanceAt(ledger, COMMUNE, moved.body.position);
    expect(balance.byComponent.humanitarian).toMatchObject({ movedIn: '400000', available: '400000' });
    expect(balance.byComponent.general).toMatchObject({ movedOut: '400000' });

    // The component holds millions of other money; the campaign itself only what is left of its 1,000,000.
    expect(Number(balance.byComponent.general.available)).toBeGreaterThan(5_000_000);
    const tooMuch = await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-2027/surplus`, { ...body, amount: '5000000' });
    expectError(tooMuch, 422, 'INSUFFICIENT_FUNDS');
    expect(tooMuch.body.error.details).toMatchObject({ campaignId: 'tet-2027', requested: '5000000', available: '600000' });
    expectStatus(await post(accountant, `/v1/funds/${COMMUNE}/campaigns/tet-2027/surplus`, { ...body, amount: '600000' }), 201);
  });

  it('foreign currency sold: the currency and the provisional rate stay, the realised difference shows in the balance, once (R17)', async () => {
    const euros = await post(accountant, `/v1/funds/${PROVINCE}/donations`, donationBody({ amount: '500.25', currency: 'EUR', fxRate: '27000' }));
    expectStatus(euros, 201);
    expect(euros.body.amountVnd).toBe('13506750');
    const path = `/v1/funds/${PROVINCE}/donations/${euros.body.donationId}/fx-settlement`;
    const sold = await post(accountant, path, { vndAmount: '13406700', settledAt: new Date().toISOString(), reference: 'BNT-0425' });
    expectStatus(sold, 201);
    expect(sold.body).toMatchObject({ id: 'FX-000001', status: 'settled', provisionalVnd: '13506750', settledVnd: '13406700', difference: '-100050', realisedRate: '26800' });
    expectError(await post(accountant, path, { vndAmount: '13406700', settledAt: new Date().toISOString(), reference: 'BNT-0426' }), 422, 'INVALID_STATE');
    const balance = await balanceAt(ledger, PROVINCE, sold.body.position);
    expect(balance.byComponent.general).toMatchObject({ received: '13506750', fxDifference: '-100050' });
    const donation = await call(ledger, 'get', `/v1/funds/${PROVINCE}/donations/${euros.body.donationId}`, undefined, { token: accountant });
    expect(donation.body).toMatchObject({ currency: 'EUR', amount: '500.25', fxRate: '27000', amountVnd: '13506750' });
  });
});

describe('the public page\'s "Còn lại" of a fund with transfers, returns, moves and FX', () => {
  it('is the financial report\'s closing balance at the same position, for the sender and the receiver', async () => {
    for (const fundId of [COMMUNE, PROVINCE]) {
      const totals = (await ledger.http().get(`/v1/public/funds/${fundId}`).expect(200)).body;
      const at = String(totals.asOfPosition);
      const report = await call(ledger, 'get', `/v1/funds/${fundId}/reports/financial?atPosition=${at}&minPosition=${at}`, undefined, { token: accountant });
      expectStatus(report, 200);
      const financial = report.body as { rows: { line: string; amount: string }[] };
      const closing = financial.rows.find((row) => row.line === 'closing')?.amount;
      expect(BigInt(totals.transferredIn) + BigInt(totals.transferredOut) + BigInt(totals.inTransitOut)).toBeGreaterThan(0n);
      expect({ fundId, remaining: fundRemaining(totals) }).toEqual({ fundId, remaining: closing });
    }
  });
});
