import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, disbursementBody, donationBody, expectError, expectNothingAppended, expectStatus, openFund } from './support/http-helpers';

/**
 * Issue 14, the dashboard's "recent activity" and "imports with warnings": the fund's latest
 * events newest first, with who recorded each, read from the log; and the answers of the
 * fund's statement imports, those with rejected lines marked for another look.
 */
describe('GET /v1/funds/:fundId/activity and /imports', () => {
  let ledger: TestLedger;
  let clerk: { userId: string; token: string };

  beforeAll(async () => {
    ledger = await startTestLedger();
    await openFund(ledger, 'quy-hoat-dong');
    await openFund(ledger, 'quy-khac');
    const created = await call(ledger, 'post', '/v1/users', { name: 'Kế toán Lan', roles: ['accountant'] });
    expectStatus(created, 201);
    clerk = { userId: String(created.body.userId), token: String(created.body.token) };
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('lists the fund\'s latest events newest first, each with its recorder, amount and entry, and no other fund\'s', async () => {
    const first = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/donations', donationBody({ amount: '2000000' }), { token: clerk.token });
    expectStatus(first, 201);
    await call(ledger, 'post', '/v1/funds/quy-khac/donations', donationBody({ amount: '9000000' }), { token: clerk.token });
    const request = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/disbursements', disbursementBody({ amount: '500000', component: 'general', purpose: 'Chăn ấm', beneficiary: 'UBND xã' }), { token: clerk.token });
    expectStatus(request, 201);

    const answer = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=2', undefined, { token: clerk.token });
    expectStatus(answer, 200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ type: 'DisbursementRequested', position: request.body.position, amount: '500000', entryId: request.body.disbursementId, actor: { userId: clerk.userId, name: 'Kế toán Lan' } }),
      expect.objectContaining({ type: 'DonationRecorded', position: first.body.position, amount: '2000000', receiptNo: first.body.receiptNo, actor: { userId: clerk.userId, name: 'Kế toán Lan' } }),
    ]);
    expect(answer.body.position).toBeGreaterThanOrEqual(request.body.position);
    const all = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity', undefined, { token: clerk.token });
    expect((all.body.items as { type: string; amount: string | null }[]).map((line) => line.type)).toEqual(['DisbursementRequested', 'DonationRecorded', 'FundOpened']);
  });

  it('shows a donation dated years before the fund opened, recorded last, as the newest line', async () => {
    const backdated = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/donations', donationBody({ amount: '350000', receivedAt: '2021-05-04T10:00:00+07:00', reference: 'PT-2021-09' }), { token: clerk.token });
    expectStatus(backdated, 201);
    const answer = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=1', undefined, { token: clerk.token });
    expect(answer.body.items).toEqual([expect.objectContaining({ type: 'DonationRecorded', position: backdated.body.position, amount: '350000', receiptNo: backdated.body.receiptNo })]);
  });

  it('names a transfer\'s line by its transfer number', async () => {
    const sent = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/transfers', { toFundId: 'quy-khac', amount: '300000', component: 'general', purpose: 'Chuyển tiền ủng hộ' }, { token: clerk.token });
    expectStatus(sent, 201);
    const answer = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=1', undefined, { token: clerk.token });
    expect(answer.body.items).toEqual([expect.objectContaining({ type: 'TransferRequested', amount: '300000', entryId: sent.body.transferId })]);
  });

  it('shows the receiving fund the transfers it received or returned, recorded in the sender\'s stream, however busy the sender has been since', async () => {
    const approverUser = await call(ledger, 'post', '/v1/users', { name: 'Người duyệt Hòa', roles: ['approver'] });
    expectStatus(approverUser, 201);
    const receiverClerk = await call(ledger, 'post', '/v1/users', { name: 'Kế toán Minh', roles: ['accountant'] });
    expectStatus(receiverClerk, 201);
    const send = async (amount: string) => {
      const sent = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/transfers', { toFundId: 'quy-khac', amount, component: 'general', purpose: 'Chuyển tiền ủng hộ' }, { token: clerk.token });
      expectStatus(sent, 201);
      expectStatus(await call(ledger, 'post', `/v1/funds/quy-hoat-dong/transfers/${String(sent.body.transferId)}/approve`, {}, { token: String(approverUser.body.token) }), 200);
      return String(sent.body.transferId);
    };
    const kept = await send('120000');
    const sentBack = await send('80000');
    const received = await call(ledger, 'post', `/v1/funds/quy-khac/transfers/${kept}/receive`, {}, { token: String(receiverClerk.body.token) });
    expectStatus(received, 200);
    const returned = await call(ledger, 'post', `/v1/funds/quy-khac/transfers/${sentBack}/return`, { reason: 'Nhầm quỹ nhận' }, { token: String(receiverClerk.body.token) });
    expectStatus(returned, 200);
    for (const reference of ['PT-SAU-1', 'PT-SAU-2', 'PT-SAU-3']) {
      expectStatus(await call(ledger, 'post', '/v1/funds/quy-hoat-dong/donations', donationBody({ amount: '10000', reference }), { token: clerk.token }), 201);
    }

    const receiver = await call(ledger, 'get', '/v1/funds/quy-khac/activity?limit=2', undefined, { token: clerk.token });
    expectStatus(receiver, 200);
    const minh = { userId: String(receiverClerk.body.userId), name: 'Kế toán Minh' };
    expect(receiver.body.items).toEqual([
      expect.objectContaining({ type: 'TransferReturned', position: returned.body.position, entryId: sentBack, amount: '80000', actor: minh, direction: 'in' }),
      expect.objectContaining({ type: 'TransferReceived', position: received.body.position, entryId: kept, amount: '120000', actor: minh, direction: 'in' }),
    ]);
    const sender = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=6', undefined, { token: clerk.token });
    // The same two events at the sender: its money arrived at, or came back from, the other fund.
    expect((sender.body.items as { type: string; direction: string | null }[]).map((line) => [line.type, line.direction]).slice(3))
      .toEqual([['TransferReturned', 'out'], ['TransferReceived', 'out'], ['TransferApproved', null]]);
  });

  it('shows a payment and its reversal at what moved: a list paid without its share closed before, and what the reversal gave back', async () => {
    const user = async (name: string, roles: string[]) => {
      const created = await call(ledger, 'post', '/v1/users', { name, roles });
      expectStatus(created, 201);
      return String(created.body.token);
    };
    const approver = await user('Người duyệt Tâm', ['approver']);
    const coordinator = await user('Điều phối Nga', ['coordinator']);
    expectStatus(await call(ledger, 'post', '/v1/funds/quy-hoat-dong/donations', donationBody({ amount: '1000000', reference: 'PT-GAO' }), { token: clerk.token }), 201);
    const households: string[] = [];
    for (const name of ['Hồ Văn Sáu', 'Ngô Thị Bảy']) {
      const registered = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/beneficiaries', { kind: 'household', name, commune: 'Xã An Bình', categories: ['poor'] }, { token: clerk.token });
      expectStatus(registered, 201);
      households.push(String(registered.body.beneficiaryId));
    }
    const request = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/disbursements', disbursementBody({
      amount: '700000', component: 'general', purpose: 'Tiền gạo', beneficiary: 'UBND xã An Bình', needCategory: 'food-water-medicine',
      distribution: [{ beneficiaryId: households[0], amount: '400000' }, { beneficiaryId: households[1], amount: '300000' }],
    }), { token: clerk.token });
    expectStatus(request, 201);
    const id = String(request.body.disbursementId);
    expectStatus(await call(ledger, 'post', `/v1/funds/quy-hoat-dong/disbursements/${id}/approve`, {}, { token: approver }), 200);
    expectStatus(await call(ledger, 'post', `/v1/funds/quy-hoat-dong/disbursements/${id}/handovers`, {
      beneficiaryId: households[1], status: 'refused', handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản từ chối 05/BB', closed: true,
    }, { token: coordinator }), 201);
    const paid = await call(ledger, 'post', `/v1/funds/quy-hoat-dong/disbursements/${id}/pay`, { paidAt: new Date().toISOString(), reference: 'UNC-GAO-02' }, { token: approver });
    expectStatus(paid, 200);
    expect(paid.body.withheld).toEqual([{ beneficiaryId: households[1], amount: '300000' }]);
    const reversed = await call(ledger, 'post', '/v1/funds/quy-hoat-dong/reversals', { entryId: id, reason: 'Chi nhầm tài khoản' }, { token: clerk.token });
    expectStatus(reversed, 201);
    expect(reversed.body.givenBack).toBe('400000');

    const answer = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=2', undefined, { token: clerk.token });
    expectStatus(answer, 200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ type: 'PaymentReversed', position: reversed.body.position, entryId: id, amount: '400000' }),
      expect.objectContaining({ type: 'DisbursementPaid', position: paid.body.position, entryId: id, amount: '400000' }),
    ]);
  });

  it('refuses a bad limit and an unknown fund by name, appending nothing', async () => {
    await expectNothingAppended(ledger, async () => {
      const bad = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/activity?limit=0');
      expectError(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.error.details.fields).toEqual([{ field: 'limit', reason: 'must be an integer from 1 to 100' }]);
      expectError(await call(ledger, 'get', '/v1/funds/khong-co/activity'), 404, 'NOT_FOUND');
      expectError(await call(ledger, 'get', '/v1/funds/khong-co/imports'), 404, 'NOT_FOUND');
    });
  });

  it('keeps each import\'s answer: the one with a rejected line needs review, a clean one does not', async () => {
    const csv = (lines: string[]) => ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', ...lines].join('\n');
    const upload = (body: string) => ledger.http().post('/v1/funds/quy-hoat-dong/imports?bankAccount=0071000123456')
      .set('Authorization', `Bearer ${clerk.token}`).set('Content-Type', 'text/csv').send(body);
    const clean = await upload(csv(['01/03/2026,FT-1,500.000,Ung ho,Nguyen Van Binh']));
    expectStatus(clean, 200);
    const flawed = await upload(csv(['02/03/2026,FT-2,700.000,Ung ho,Tran Thi Cuc', '32/13/2026,FT-3,100.000,Ngay sai,Ai do']));
    expectStatus(flawed, 200);
    expect(flawed.body.rejectedCount).toBe(1);

    const answer = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/imports', undefined, { token: clerk.token });
    expectStatus(answer, 200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ imported: 1, rejectedCount: 1, rejected: [expect.objectContaining({ line: 3 })], needsReview: true, fileSha256: flawed.body.fileSha256, importedBy: { userId: clerk.userId, name: 'Kế toán Lan' } }),
      expect.objectContaining({ imported: 1, rejectedCount: 0, rejected: [], needsReview: false, fileSha256: clean.body.fileSha256 }),
    ]);
    const other = await call(ledger, 'get', '/v1/funds/quy-khac/imports', undefined, { token: clerk.token });
    expect(other.body.items).toEqual([]);

    // Dealt with: the accountant says what was done, and the import no longer needs review; its note is kept with it.
    const { importedAt, fileSha256 } = answer.body.items[0] as { importedAt: string; fileSha256: string };
    const flawedRecord = { importedAt, fileSha256 };
    const review = (body: Record<string, unknown>, token = clerk.token) => call(ledger, 'post', '/v1/funds/quy-hoat-dong/imports/reviewed', body, { token });
    expectError(await review({ importedAt: flawedRecord.importedAt, fileSha256: 'ab'.repeat(32), note: 'x' }), 404, 'NOT_FOUND');
    expectError(await review({ importedAt: flawedRecord.importedAt, fileSha256: 'not-a-hash', note: 'x' }), 400, 'VALIDATION_FAILED');
    expectError(await review({ ...flawedRecord, note: '  ' }), 400, 'VALIDATION_FAILED');
    const reviewed = await review({ ...flawedRecord, note: 'Dòng 3 sai ngày: đã ghi tay' });
    expectStatus(reviewed, 200);
    expect(reviewed.body).toMatchObject({ needsReview: false, reviewed: { by: { userId: clerk.userId, name: 'Kế toán Lan' }, note: 'Dòng 3 sai ngày: đã ghi tay' } });
    const after = await call(ledger, 'get', '/v1/funds/quy-hoat-dong/imports', undefined, { token: clerk.token });
    expect(after.body.items.map((item: { needsReview: boolean; reviewed: unknown }) => [item.needsReview, item.reviewed !== null])).toEqual([[false, true], [false, false]]);
  });
});
