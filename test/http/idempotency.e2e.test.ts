import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, call, campaignBody, countEvents, disbursementBody, donationBody, expectError, expectNothingAppended, expectStatus, openFund,
  releaseBody, vnTimestamp,
} from './support/http-helpers';
import { startOnSameData } from './support/same-data';

/**
 * Idempotency-Key through the real HTTP stack: the same key with the same body returns the
 * original answer (same ids, same position) and appends nothing; with another body it is
 * 409 IDEMPOTENCY_KEY_REUSED; keys belong to the user who sent them.
 */
let ledger: TestLedger;
let accountant: string;
let otherAccountant: string;
let approver: string;
let secondApprover: string;
let coordinator: string;
const FUND = 'quy-luy-dang';

const send = (token: string, path: string, body: unknown, key?: string) =>
  call(ledger, 'post', path, body, { token, ...(key === undefined ? {} : { idempotencyKey: key }) });

/** Sends the same request `times` times at once; asserts one event was appended and every answer is the same. */
async function sendConcurrently(token: string, path: string, body: unknown, key: string, times: number, status: number): Promise<Response> {
  const before = await countEvents(ledger.store);
  const responses = await Promise.all(Array.from({ length: times }, () => send(token, path, body, key)));
  for (const r of responses) expectStatus(r, status);
  const first = responses[0].body;
  for (const r of responses) expect(r.body).toEqual(first);
  expect((await countEvents(ledger.store)) - before).toBe(1);
  return responses[0];
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán A', ['accountant'])).token;
  otherAccountant = (await ledger.user('Kế toán B', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt A', ['approver'])).token;
  secondApprover = (await ledger.user('Người duyệt B', ['approver'])).token;
  coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
  await openFund(ledger, FUND);
});

afterAll(async () => {
  await ledger?.close();
});

describe('donations', () => {
  const path = `/v1/funds/${FUND}/donations`;
  const body = donationBody({ amount: '2500000', reference: 'FT-IDEM-1', donor: { name: 'Phạm Thị Dung', kind: 'individual' } });
  let original: Response;

  it('20 copies at once with one key: one event, and every answer has the same donationId, receiptNo and position', async () => {
    original = await sendConcurrently(accountant, path, body, 'donation-key-1', 20, 201);
    expect(original.body).toEqual({ donationId: expect.stringMatching(/^DN-\d{4}-\d{6}$/), receiptNo: expect.any(String), amountVnd: '2500000', position: expect.any(Number) });
    // The next donation gets the next receipt number: the copies consumed none.
    const next = await send(accountant, path, donationBody({ amount: '1000' }));
    expectStatus(next, 201);
    expect(Number(next.body.receiptNo.slice(5))).toBe(Number(original.body.receiptNo.slice(5)) + 1);
  });

  it('a later retry gets the same answer and appends nothing', async () => {
    const retry = await expectNothingAppended(ledger, () => send(accountant, path, body, 'donation-key-1'));
    expectStatus(retry, 201);
    expect(retry.body).toEqual(original.body);
  });

  it('the same body with its keys in another order is the same request', async () => {
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await expectNothingAppended(ledger, () => send(accountant, path, reordered, 'donation-key-1'));
    expectStatus(retry, 201);
    expect(retry.body).toEqual(original.body);
  });

  it('the same key with a different body is 409 IDEMPOTENCY_KEY_REUSED and appends nothing', async () => {
    for (const other of [{ ...body, amount: '2500001' }, { ...body, note: 'khác' }, { ...body, reference: null }]) {
      const response = await expectNothingAppended(ledger, () => send(accountant, path, other, 'donation-key-1'));
      expectError(response, 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(response.body.error.details).toEqual({ field: 'Idempotency-Key', idempotencyKey: 'donation-key-1' });
    }
  });

  it('the same key and body on another route or another fund is 409 too', async () => {
    await openFund(ledger, 'quy-khac');
    expectError(await expectNothingAppended(ledger, () => send(accountant, '/v1/funds/quy-khac/donations', body, 'donation-key-1')), 409, 'IDEMPOTENCY_KEY_REUSED');
    expectError(await expectNothingAppended(ledger, () => send(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody(), 'donation-key-1')), 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per user: another accountant with the same key and body records a new donation', async () => {
    const before = await countEvents(ledger.store);
    const theirs = await send(otherAccountant, path, body, 'donation-key-1');
    expectStatus(theirs, 201);
    expect(theirs.body.donationId).not.toBe(original.body.donationId);
    expect(await countEvents(ledger.store)).toBe(before + 1);
    // And their retry is theirs, mine is still mine.
    expect((await send(otherAccountant, path, body, 'donation-key-1')).body).toEqual(theirs.body);
    expect((await send(accountant, path, body, 'donation-key-1')).body).toEqual(original.body);
    // A different body under that key is refused for them too, whatever I sent under it.
    expectError(await send(otherAccountant, path, { ...body, amount: '1' }, 'donation-key-1'), 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('a donation without a key is recorded each time it is sent', async () => {
    const a = await send(accountant, path, body);
    const b = await send(accountant, path, body);
    expectStatus(a, 201);
    expectStatus(b, 201);
    expect(a.body.donationId).not.toBe(b.body.donationId);
  });

  it('copies of two different bodies racing under one key: one event; the copies of the other body get 409', async () => {
    const bodyA = donationBody({ amount: '3000000' });
    const bodyB = donationBody({ amount: '4000000' });
    const before = await countEvents(ledger.store);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send(accountant, path, i % 2 ? bodyA : bodyB, 'donation-key-race')));
    expect((await countEvents(ledger.store)) - before).toBe(1);
    const ok = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(10);
    expect(new Set(ok.map((r) => JSON.stringify(r.body))).size).toBe(1);
    for (const r of refused) expectError(r, 409, 'IDEMPOTENCY_KEY_REUSED');
  });
});

describe('disbursement requests', () => {
  const path = `/v1/funds/${FUND}/disbursements`;
  const body = disbursementBody({ amount: '1200000', purpose: 'Hỗ trợ gia đình ông Tư' });
  let original: Response;

  it('20 copies at once with one key: one event and one held amount', async () => {
    original = await sendConcurrently(accountant, path, body, 'disb-key-1', 20, 201);
    expect(original.body).toEqual({ disbursementId: expect.stringMatching(/^DB-\d{6}$/), status: 'requested', approvalsRequired: 1, position: expect.any(Number) });
    const balance = await call(ledger, 'get', `/v1/funds/${FUND}/balance?minPosition=${original.body.position}`);
    expectStatus(balance, 200);
    expect(balance.body.held).toBe('1200000');
  });

  it('a retry after the disbursement moved on still gets the original answer, and appends nothing', async () => {
    expectStatus(await send(approver, `${path}/${original.body.disbursementId}/approve`, {}), 200);
    const retry = await expectNothingAppended(ledger, () => send(accountant, path, body, 'disb-key-1'));
    expectStatus(retry, 201);
    expect(retry.body).toEqual(original.body);
  });

  it('the same key with a different body is 409 and appends nothing; another user may use the key', async () => {
    expectError(await expectNothingAppended(ledger, () => send(accountant, path, { ...body, amount: '1200001' }, 'disb-key-1')), 409, 'IDEMPOTENCY_KEY_REUSED');
    const theirs = await send(otherAccountant, path, body, 'disb-key-1');
    expectStatus(theirs, 201);
    expect(theirs.body.disbursementId).not.toBe(original.body.disbursementId);
  });
});

describe('every other command accepts a key: a retry returns the first answer instead of a rejection', () => {
  it('approve, pay, reject', async () => {
    const requested = await send(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '150000000' }), 'disb-big');
    // The fund has only a few million: this request is refused, and a refusal is not stored as an answer.
    expectError(requested, 422, 'INSUFFICIENT_FUNDS');
    expectStatus(await send(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '500000000' })), 201);
    const retried = await send(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '150000000' }), 'disb-big');
    expectStatus(retried, 201);
    const id = retried.body.disbursementId;

    const approved = await sendConcurrently(approver, `/v1/funds/${FUND}/disbursements/${id}/approve`, { note: 'ok' }, 'approve-1', 5, 200);
    expect(approved.body).toMatchObject({ approvalsCount: 1, status: 'requested' });
    // Without the key the same approver is refused; with it, the first answer comes back.
    expectError(await send(approver, `/v1/funds/${FUND}/disbursements/${id}/approve`, { note: 'ok' }), 422, 'DUPLICATE_APPROVAL');
    expect((await expectNothingAppended(ledger, () => send(approver, `/v1/funds/${FUND}/disbursements/${id}/approve`, { note: 'ok' }, 'approve-1'))).body).toEqual(approved.body);
    const second = await sendConcurrently(secondApprover, `/v1/funds/${FUND}/disbursements/${id}/approve`, {}, 'approve-1', 5, 200);
    expect(second.body).toMatchObject({ approvalsCount: 2, status: 'approved' });

    const pay = { paidAt: vnTimestamp(0), reference: 'UNC-IDEM' };
    const paid = await sendConcurrently(approver, `/v1/funds/${FUND}/disbursements/${id}/pay`, pay, 'pay-1', 5, 200);
    expect(paid.body.status).toBe('paid');
    expect((await expectNothingAppended(ledger, () => send(approver, `/v1/funds/${FUND}/disbursements/${id}/pay`, pay, 'pay-1'))).body).toEqual(paid.body);
    expectError(await send(approver, `/v1/funds/${FUND}/disbursements/${id}/pay`, pay), 422, 'INVALID_STATE');

    const toReject = await send(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000' }));
    const rejected = await sendConcurrently(approver, `/v1/funds/${FUND}/disbursements/${toReject.body.disbursementId}/reject`, { reason: 'Trùng' }, 'reject-1', 5, 200);
    expect(rejected.body.status).toBe('rejected');
  });

  it('emergency release and settlement', async () => {
    expectStatus(await send(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000', component: 'emergency-relief' })), 201);
    const released = await sendConcurrently(coordinator, `/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '10000000' }), 'release-1', 10, 201);
    const settle = { spent: '10000000', returned: '0', evidence: ['BB-1'] };
    const settled = await sendConcurrently(coordinator, `/v1/funds/${FUND}/emergency-releases/${released.body.releaseId}/settle`, settle, 'settle-1', 10, 200);
    expect((await expectNothingAppended(ledger, () => send(coordinator, `/v1/funds/${FUND}/emergency-releases/${released.body.releaseId}/settle`, settle, 'settle-1'))).body).toEqual(settled.body);
    const balance = await call(ledger, 'get', `/v1/funds/${FUND}/balance?minPosition=${settled.body.position}`);
    expect(balance.body.byComponent['emergency-relief']).toMatchObject({ disbursed: '10000000', outstandingEmergency: '0', available: '90000000' });
  });

  it('reversals', async () => {
    const donation = await send(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '7000' }));
    const reversal = { entryId: donation.body.donationId, reason: 'Hoàn trả' };
    const reversed = await sendConcurrently(accountant, `/v1/funds/${FUND}/reversals`, reversal, 'reverse-1', 10, 201);
    expect((await send(accountant, `/v1/funds/${FUND}/reversals`, reversal, 'reverse-1')).body).toEqual(reversed.body);
    expectError(await send(accountant, `/v1/funds/${FUND}/reversals`, reversal), 422, 'ALREADY_REVERSED');
  });

  it('funds, campaigns and their closing', async () => {
    const fund = { fundId: 'quy-mot-lan', name: 'Quỹ một lần' };
    const opened = await sendConcurrently(ADMIN_TOKEN, '/v1/funds', fund, 'fund-1', 5, 201);
    expectError(await send(ADMIN_TOKEN, '/v1/funds', fund), 409, 'ALREADY_EXISTS');
    expect((await send(ADMIN_TOKEN, '/v1/funds', fund, 'fund-1')).body).toEqual(opened.body);

    const campaign = campaignBody({ campaignId: 'mua-lu-2025' });
    const created = await sendConcurrently(accountant, `/v1/funds/${FUND}/campaigns`, campaign, 'campaign-1', 5, 201);
    expect((await send(accountant, `/v1/funds/${FUND}/campaigns`, campaign, 'campaign-1')).body).toEqual(created.body);
    const closed = await sendConcurrently(accountant, `/v1/funds/${FUND}/campaigns/mua-lu-2025/close`, undefined, 'close-1', 5, 200);
    expect((await send(accountant, `/v1/funds/${FUND}/campaigns/mua-lu-2025/close`, undefined, 'close-1')).body).toEqual(closed.body);
  });

  it('users: a retried creation returns the same user, without the token, and creates no second user', async () => {
    const body = { name: 'Hoàng Văn Em', roles: ['auditor'] };
    const first = await send(ADMIN_TOKEN, '/v1/users', body, 'user-1');
    expectStatus(first, 201);
    expect(first.body.token).toEqual(expect.any(String));
    const retry = await expectNothingAppended(ledger, () => send(ADMIN_TOKEN, '/v1/users', body, 'user-1'));
    expectStatus(retry, 201);
    expect(retry.body.userId).toBe(first.body.userId);
    expect(retry.body.token).toBeUndefined();
    // The token of the first answer is the one that works.
    expectStatus(await call(ledger, 'get', `/v1/funds/${FUND}`, undefined, { token: first.body.token }), 200);
  });
});

describe('the stored answer outlives the process', () => {
  it('a retry after a restart on the same data gets the same answer and appends nothing', async () => {
    const body = donationBody({ amount: '8800000', reference: 'FT-RESTART' });
    const first = await send(accountant, `/v1/funds/${FUND}/donations`, body, 'restart-key');
    expectStatus(first, 201);
    const dataDir = ledger.dataDir;
    await ledger.app.close();
    ledger = await startOnSameData(dataDir, { owner: true });
    const retry = await expectNothingAppended(ledger, () => send(accountant, `/v1/funds/${FUND}/donations`, body, 'restart-key'));
    expectStatus(retry, 201);
    expect(retry.body).toEqual(first.body);
    expectError(await send(accountant, `/v1/funds/${FUND}/donations`, { ...body, amount: '1' }, 'restart-key'), 409, 'IDEMPOTENCY_KEY_REUSED');
  });
});

describe('two processes on the same data', () => {
  it('the same request with one key sent through both at once appends one event and both get the same answer', async () => {
    const second = await startOnSameData(ledger.dataDir, { owner: false });
    try {
      for (let round = 0; round < 5; round++) {
        const body = donationBody({ amount: String(9_100_000 + round), reference: `FT-2P-${round}` });
        const key = `two-process-${round}`;
        const before = await countEvents(ledger.store);
        const responses = await Promise.all(Array.from({ length: 6 }, (_, i) =>
          call(i % 2 ? second : ledger, 'post', `/v1/funds/${FUND}/donations`, body, { token: accountant, idempotencyKey: key })));
        for (const r of responses) expectStatus(r, 201);
        for (const r of responses) expect(r.body).toEqual(responses[0].body);
        expect((await countEvents(ledger.store)) - before).toBe(1);
      }
    } finally {
      await second.close();
    }
  });

  it('the same disbursement request through both at once holds the money once', async () => {
    const second = await startOnSameData(ledger.dataDir, { owner: false });
    try {
      for (let round = 0; round < 5; round++) {
        const body = disbursementBody({ amount: String(1000 + round) });
        const before = await countEvents(ledger.store);
        const responses = await Promise.all(Array.from({ length: 6 }, (_, i) =>
          call(i % 2 ? second : ledger, 'post', `/v1/funds/${FUND}/disbursements`, body, { token: accountant, idempotencyKey: `two-process-disb-${round}` })));
        for (const r of responses) expectStatus(r, 201);
        for (const r of responses) expect(r.body).toEqual(responses[0].body);
        expect((await countEvents(ledger.store)) - before).toBe(1);
      }
    } finally {
      await second.close();
    }
  });
});
