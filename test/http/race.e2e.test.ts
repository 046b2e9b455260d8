import type { Response } from 'supertest';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  balanceAt, call, countEvents, disbursementBody, donationBody, expectError, expectStatus, openFund, releaseBody, tallyAnswers, vnTimestamp,
} from './support/http-helpers';
import { startOnSameData } from './support/same-data';

/**
 * Concurrency through the real HTTP stack: many requests at once (Promise.all of supertest
 * calls), each a separate connection to the same process. No interleaving may spend the same
 * dong twice, lose an update or answer 409/500.
 */
let ledger: TestLedger;
let accountant: string;
let coordinator: string;
const approvers: string[] = [];

const AMOUNT = 37_000_000n;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán', ['accountant'])).token;
  coordinator = (await ledger.user('Điều phối', ['coordinator'])).token;
  for (let i = 1; i <= 5; i++) approvers.push((await ledger.user(`Người duyệt ${i}`, ['approver'])).token);
});

afterAll(async () => {
  await ledger?.close();
});

const post = (token: string, path: string, body: unknown = {}) => call(ledger, 'post', path, body, { token });
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);
const maxPosition = (responses: Response[]) => Math.max(0, ...responses.filter((r) => r.status < 300).map((r) => r.body.position as number));


describe('100 concurrent disbursement requests against a pool that can pay only some of them', () => {
  const FUND = 'quy-dua-tranh';
  let accepted: Response[] = [];
  let lastPosition = 0;

  it('accepts exactly as many as the money allows; the rest are 422 INSUFFICIENT_FUNDS; the balance equals received − accepted', async () => {
    await openFund(ledger, FUND);
    // 1 000 000 000 VND in, from ten donations recorded concurrently.
    const donations = await Promise.all(Array.from({ length: 10 }, () => post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000' }))));
    for (const d of donations) expectStatus(d, 201);
    const received = 1_000_000_000n;

    const before = await countEvents(ledger.store);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: String(AMOUNT), purpose: `Yêu cầu ${i}` }))),
    );
    const counts = tallyAnswers(responses);
    accepted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    for (const r of refused) expectError(r, 422, 'INSUFFICIENT_FUNDS');
    expect(Object.keys(counts).sort()).toEqual(['201', '422 INSUFFICIENT_FUNDS']);

    const acceptedTotal = AMOUNT * BigInt(accepted.length);
    expect(acceptedTotal).toBeLessThanOrEqual(received);
    // Refusals are only for want of money: a 37 000 000 request is refused only when less is left.
    expect(BigInt(accepted.length)).toBe(received / AMOUNT);
    // One event per accepted request, none for the refused ones.
    expect((await countEvents(ledger.store)) - before).toBe(accepted.length);
    // Distinct, gap-free voucher numbers.
    const ids = accepted.map((r) => r.body.disbursementId as string).sort();
    expect(ids).toEqual(Array.from({ length: accepted.length }, (_, i) => `DB-${String(i + 1).padStart(6, '0')}`));
    for (const r of accepted) expect(r.body.status).toBe('requested');

    lastPosition = maxPosition(accepted);
    const balance = await balanceAt(ledger, FUND, lastPosition);
    expect(balance).toMatchObject({
      received: String(received),
      held: String(acceptedTotal),
      disbursed: '0',
      outstandingEmergency: '0',
      available: String(received - acceptedTotal),
    });
    expect(balance.byComponent.general).toMatchObject({ held: String(acceptedTotal), available: String(received - acceptedTotal) });
  });

  it('approving, paying and rejecting concurrently keeps held + disbursed + available = received', async () => {
    const ids = accepted.map((r) => r.body.disbursementId as string).sort();
    const toPay = ids.slice(0, 12);
    const toReject = ids.slice(12, 20);
    const approvals = await Promise.all(toPay.map((id, i) => post(approvers[i % approvers.length], `/v1/funds/${FUND}/disbursements/${id}/approve`, {})));
    for (const r of approvals) {
      expectStatus(r, 200);
      expect(r.body.status).toBe('approved');
    }
    const [payments, rejections] = await Promise.all([
      Promise.all(toPay.map((id, i) => post(approvers[(i + 1) % approvers.length], `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: `UNC-${id}` }))),
      Promise.all(toReject.map((id, i) => post(approvers[i % approvers.length], `/v1/funds/${FUND}/disbursements/${id}/reject`, { reason: 'Trùng' }))),
    ]);
    for (const r of [...payments, ...rejections]) expectStatus(r, 200);

    const paid = AMOUNT * BigInt(toPay.length);
    const held = AMOUNT * BigInt(ids.length - toPay.length - toReject.length);
    lastPosition = Math.max(maxPosition(payments), maxPosition(rejections));
    const balance = await balanceAt(ledger, FUND, lastPosition);
    expect(balance).toMatchObject({
      received: '1000000000', disbursed: String(paid), held: String(held), available: String(1_000_000_000n - paid - held),
    });
  });

  it('the freed money goes to exactly as many new concurrent requests as it covers', async () => {
    const balance = await balanceAt(ledger, FUND, lastPosition);
    const available = BigInt(balance.available);
    const responses = await Promise.all(Array.from({ length: 30 }, () => post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: String(AMOUNT) }))));
    const ok = responses.filter((r) => r.status === 201);
    for (const r of responses.filter((x) => x.status !== 201)) expectError(r, 422, 'INSUFFICIENT_FUNDS');
    expect(BigInt(ok.length)).toBe(available / AMOUNT);
    const after = await balanceAt(ledger, FUND, maxPosition(ok));
    expect(BigInt(after.available)).toBe(available - AMOUNT * BigInt(ok.length));
    expect(BigInt(after.available)).toBeGreaterThanOrEqual(0n);
  });
});

describe('donations flooding in while disbursements and emergency releases race for the same pool', () => {
  const FUND = 'quy-lu-vao';

  it('never spends more than has come in, and the balance adds up', async () => {
    await openFund(ledger, FUND);
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '200000000', component: 'emergency-relief' })), 201);
    const calls: Promise<Response>[] = [];
    for (let i = 0; i < 40; i++) {
      calls.push(post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '5000000', component: 'emergency-relief' })));
      calls.push(post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '9000000', component: 'emergency-relief' })));
      if (i % 4 === 0) calls.push(post(coordinator, `/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '20000000' })));
    }
    const responses = await Promise.all(calls);
    for (const r of responses) {
      if (r.status >= 300) expectError(r, 422, 'INSUFFICIENT_FUNDS');
    }
    const donations = responses.filter((r) => r.status === 201 && r.body.donationId);
    const requests = responses.filter((r) => r.status === 201 && r.body.disbursementId);
    const releases = responses.filter((r) => r.status === 201 && r.body.releaseId);
    // Donations are never refused for being concurrent.
    expect(donations).toHaveLength(40);
    const received = 200_000_000n + sum(donations.map((r) => BigInt(r.body.amountVnd)));
    const held = 9_000_000n * BigInt(requests.length);
    const outstanding = 20_000_000n * BigInt(releases.length);
    expect(held + outstanding).toBeLessThanOrEqual(received);

    const balance = await balanceAt(ledger, FUND, maxPosition(responses));
    expect(balance).toMatchObject({
      received: String(received), held: String(held), outstandingEmergency: String(outstanding), disbursed: '0',
      available: String(received - held - outstanding),
    });
  });
});

describe('transfers to another chapter racing disbursements against one pool (R16)', () => {
  const COMMUNE = 'quy-xa-dua-tranh';
  const PROVINCE = 'quy-tinh-dua-tranh';
  const TRANSFER = 23_000_000n;

  it('never lets a dong leave twice: held + in transit + transferred + available = received, and the province receives only what left', async () => {
    await openFund(ledger, COMMUNE);
    await openFund(ledger, PROVINCE);
    const donations = await Promise.all(Array.from({ length: 5 }, () => post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '100000000' }))));
    for (const d of donations) expectStatus(d, 201);
    const received = 500_000_000n;

    const before = await countEvents(ledger.store);
    const calls: Promise<Response>[] = [];
    for (let i = 0; i < 30; i++) {
      calls.push(post(accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount: String(TRANSFER), component: 'general', purpose: `Chuyển lên tỉnh ${i}` }));
      calls.push(post(accountant, `/v1/funds/${COMMUNE}/disbursements`, disbursementBody({ amount: String(AMOUNT), purpose: `Yêu cầu ${i}` })));
    }
    const responses = await Promise.all(calls);
    expect(Object.keys(tallyAnswers(responses)).sort()).toEqual(['201', '422 INSUFFICIENT_FUNDS']);
    const transfers = responses.filter((r) => r.status === 201 && r.body.transferId);
    const requests = responses.filter((r) => r.status === 201 && r.body.disbursementId);
    const held = TRANSFER * BigInt(transfers.length) + AMOUNT * BigInt(requests.length);
    expect(held).toBeLessThanOrEqual(received);
    // Refused only for want of money: what is left is less than the smaller of the two amounts.
    expect(received - held).toBeLessThan(TRANSFER);
    expect((await countEvents(ledger.store)) - before).toBe(transfers.length + requests.length);
    expect(new Set(transfers.map((r) => r.body.transferId)).size).toBe(transfers.length);
    const afterRequests = await balanceAt(ledger, COMMUNE, maxPosition(responses));
    expect(afterRequests).toMatchObject({ received: String(received), held: String(held), available: String(received - held) });

    // Approve every transfer; then the province receives some and returns others while the commune
    // asks again for the money returned: no interleaving overspends.
    const ids = transfers.map((r) => r.body.transferId as string).sort();
    const approvals = await Promise.all(ids.map((id, i) => post(approvers[i % approvers.length], `/v1/funds/${COMMUNE}/transfers/${id}/approve`, {})));
    for (const r of approvals) {
      expectStatus(r, 200);
      expect(r.body.status).toBe('in_transit');
    }
    const toReceive = ids.slice(0, Math.ceil(ids.length / 2));
    const toReturn = ids.slice(toReceive.length);
    const arrivals = await Promise.all([
      ...toReceive.flatMap((id) => [1, 2].map(() => post(accountant, `/v1/funds/${PROVINCE}/transfers/${id}/receive`, {}))),
      ...toReturn.map((id) => post(accountant, `/v1/funds/${PROVINCE}/transfers/${id}/return`, { reason: 'Không thuộc địa bàn' })),
      ...Array.from({ length: 10 }, () => post(accountant, `/v1/funds/${COMMUNE}/disbursements`, disbursementBody({ amount: String(TRANSFER) }))),
    ]);
    for (const r of arrivals) if (r.status >= 300) expect(['422 INVALID_STATE', '422 INSUFFICIENT_FUNDS']).toContain(`${r.status} ${r.body.error.code}`);
    const receivedOk = arrivals.filter((r) => r.status === 200 && r.body.status === 'received');
    // Each transfer is received once, however many times it is sent at once.
    expect(receivedOk.map((r) => r.body.transferId).sort()).toEqual(toReceive);
    const later = arrivals.filter((r) => r.status === 201 && r.body.disbursementId);

    const position = maxPosition(arrivals);
    const commune = await balanceAt(ledger, COMMUNE, position);
    const transferredOut = TRANSFER * BigInt(toReceive.length);
    const heldNow = AMOUNT * BigInt(requests.length) + TRANSFER * BigInt(later.length);
    expect(commune).toMatchObject({
      received: String(received), held: String(heldNow), inTransitOut: '0', transferredOut: String(transferredOut),
      available: String(received - heldNow - transferredOut),
    });
    expect(BigInt(commune.available)).toBeGreaterThanOrEqual(0n);
    const province = await balanceAt(ledger, PROVINCE, position);
    expect(province).toMatchObject({ received: '0', transferredIn: String(transferredOut), inTransitIn: '0', available: String(transferredOut) });
  });
});

describe('management costs racing for the cap (R6)', () => {
  const FUND = 'quy-tran-chi-phi';
  const SALARY = 600_000n;

  it('60 costs at once against a 10,000,000 cap: exactly 16 pass, the rest are MANAGEMENT_COST_CAP_EXCEEDED; used never passes the limit', async () => {
    await openFund(ledger, FUND);
    // 100,000,000 eligible this year: cap 10 % = 10,000,000, nothing carried (the fund is new).
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000' })), 201);
    const before = await countEvents(ledger.store);
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ kind: 'management_cost', amount: String(SALARY), purpose: `Văn phòng phẩm ${i}` }))));
    expect(Object.keys(tallyAnswers(responses)).sort()).toEqual(['201', '422 MANAGEMENT_COST_CAP_EXCEEDED']);
    const accepted = responses.filter((r) => r.status === 201);
    // 16 × 600,000 = 9,600,000 fits; a 17th would make 10,200,000.
    expect(accepted).toHaveLength(16);
    expect((await countEvents(ledger.store)) - before).toBe(16);
    // Past the board's 5 % (5,000,000) each is flagged: the 9th on.
    expect(accepted.filter((r) => r.body.managementCostWarning === true)).toHaveLength(8);
    await balanceAt(ledger, FUND, maxPosition(accepted));
    const working = await call(ledger, 'get', `/v1/funds/${FUND}/management-cost?minPosition=${maxPosition(accepted)}`, undefined, { token: accountant });
    expect(working.body).toMatchObject({ base: '100000000', used: '9600000', limit: '10000000', carriedForward: '0', warning: true });
  });
});

describe('concurrent reversals of the same donation', () => {
  const FUND = 'quy-hoan-tra';

  it('exactly one wins; the others are 422 ALREADY_REVERSED and append nothing', async () => {
    await openFund(ledger, FUND);
    const donation = await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '25000000' }));
    expectStatus(donation, 201);
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000' })), 201);
    const before = await countEvents(ledger.store);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: donation.body.donationId, reason: 'Ngân hàng hoàn trả' })),
    );
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201)) expectError(r, 422, 'ALREADY_REVERSED');
    expect((await countEvents(ledger.store)) - before).toBe(1);
    const balance = await balanceAt(ledger, FUND, winners[0].body.position);
    expect(balance).toMatchObject({ received: '1000000', available: '1000000' });
  });

  it('concurrent reversals of the same payment: exactly one wins', async () => {
    const request = await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '600000' }));
    expectStatus(request, 201);
    const id = request.body.disbursementId;
    expectStatus(await post(approvers[0], `/v1/funds/${FUND}/disbursements/${id}/approve`), 200);
    expectStatus(await post(approvers[1], `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-1' }), 200);
    const responses = await Promise.all(Array.from({ length: 15 }, () => post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Bị trả lại' })));
    const winners = responses.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201)) expectError(r, 422, 'ALREADY_REVERSED');
    const balance = await balanceAt(ledger, FUND, winners[0].body.position);
    expect(balance).toMatchObject({ received: '1000000', disbursed: '0', held: '0', available: '1000000' });
  });
});

describe('shares closed while their lists are paid, money given back while the payments are reversed', () => {
  const FUND = 'quy-suat-dua-tranh';

  it('each payment leaves out a share closed before it, or has its money back once; reversed, every dong is in the pool again, none twice', async () => {
    await openFund(ledger, FUND);
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '10000000' })), 201);
    const lists: { id: string; kept: string; closed: string }[] = [];
    for (let n = 0; n < 8; n++) {
      const households: string[] = [];
      for (const who of ['A', 'B']) {
        const registered = await post(accountant, `/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: `Hộ ${who}${n}`, commune: 'Xã Tân Phú', categories: ['poor'] });
        expectStatus(registered, 201);
        households.push(registered.body.beneficiaryId as string);
      }
      const request = await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({
        amount: '1000000', needCategory: 'food-water-medicine', distribution: households.map((beneficiaryId) => ({ beneficiaryId, amount: '500000' })),
      }));
      expectStatus(request, 201);
      expectStatus(await post(approvers[0], `/v1/funds/${FUND}/disbursements/${request.body.disbursementId}/approve`), 200);
      lists.push({ id: request.body.disbursementId as string, kept: households[0], closed: households[1] });
    }
    const paidAt = vnTimestamp(0);
    // The closing of one share of each list races its payment: either may come first.
    const racing = await Promise.all(lists.flatMap(({ id, closed }) => [
      post(approvers[1], `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt, reference: `UNC-${id}` }),
      post(coordinator, `/v1/funds/${FUND}/disbursements/${id}/handovers`, { beneficiaryId: closed, status: 'absent', handedOverAt: paidAt, evidenceRef: 'BB vắng', closed: true }),
    ]));
    for (const response of racing) expect(response.status).toBeLessThan(300);
    const payments = racing.filter((_, index) => index % 2 === 0);
    const leftOut = payments.filter((r) => r.body.withheld !== undefined);
    for (const r of leftOut) expect(r.body.withheld).toHaveLength(1);
    let balance = await balanceAt(ledger, FUND, maxPosition(racing));
    expect(BigInt(balance.disbursed)).toBe(8n * 1_000_000n - 500_000n * BigInt(leftOut.length));
    // A share's money is given back as the payment is reversed: both dated the same instant.
    const back = vnTimestamp(0);
    const settling = await Promise.all(lists.flatMap(({ id, closed }) => [
      post(accountant, `/v1/funds/${FUND}/disbursements/${id}/handovers/${closed}/money-returned`, { evidenceRef: `PT-${id}`, returnedAt: back }),
      post(accountant, `/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Chi nhầm', reversedAt: back }),
    ]));
    const returns = settling.filter((_, index) => index % 2 === 0);
    const reversals = settling.filter((_, index) => index % 2 === 1);
    for (const r of reversals) expectStatus(r, 201);
    // A share left out has no money to give back; one paid gives it back unless the reversal came first.
    for (const r of returns) if (r.status !== 201) expectError(r, 422, 'INVALID_STATE');
    const givenBack = sum(reversals.map((r) => BigInt(r.body.givenBack as string)));
    const returned = sum(returns.filter((r) => r.status === 201).map((r) => BigInt(r.body.amount as string)));
    expect(givenBack + returned).toBe(8n * 1_000_000n - 500_000n * BigInt(leftOut.length));
    balance = await balanceAt(ledger, FUND, maxPosition(settling));
    expect(balance).toMatchObject({ received: '10000000', disbursed: '0', held: '0', available: '10000000' });
  });
});

describe('concurrent approvals', () => {
  const FUND = 'quy-phe-duyet';

  beforeAll(async () => {
    await openFund(ledger, FUND);
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '1000000000' })), 201);
  });

  it('five distinct approvers at once on a disbursement needing two: exactly two approvals count, the rest are INVALID_STATE', async () => {
    const request = await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '150000000' }));
    expectStatus(request, 201);
    const id = request.body.disbursementId;
    const before = await countEvents(ledger.store);
    const responses = await Promise.all(approvers.map((token) => post(token, `/v1/funds/${FUND}/disbursements/${id}/approve`, { note: 'Đồng ý' })));
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(2);
    expect(ok.map((r) => r.body.approvalsCount).sort()).toEqual([1, 2]);
    expect(ok.find((r) => r.body.approvalsCount === 2)!.body.status).toBe('approved');
    for (const r of responses.filter((x) => x.status !== 200)) expectError(r, 422, 'INVALID_STATE');
    expect((await countEvents(ledger.store)) - before).toBe(2);
    // And it can be paid exactly once, however many try at once.
    const payments = await Promise.all(approvers.map((token, i) => post(token, `/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: `UNC-${i}` })));
    expect(payments.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of payments.filter((x) => x.status !== 200)) expectError(r, 422, 'INVALID_STATE');
    const balance = await balanceAt(ledger, FUND, maxPosition(payments));
    expect(balance).toMatchObject({ disbursed: '150000000', held: '0', available: '850000000' });
  });

  it('one approver sending the same approval ten times at once counts once', async () => {
    const request = await post(accountant, `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '150000000' }));
    const id = request.body.disbursementId;
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(approvers[0], `/v1/funds/${FUND}/disbursements/${id}/approve`, {})));
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0].body).toMatchObject({ approvalsCount: 1, status: 'requested' });
    for (const r of responses.filter((x) => x.status !== 200)) expectError(r, 422, 'DUPLICATE_APPROVAL');
  });

  it('an emergency release settled by several coordinators at once is settled once', async () => {
    const coordinators = [coordinator, (await ledger.user('Điều phối 2', ['coordinator'])).token, (await ledger.user('Điều phối 3', ['coordinator'])).token];
    expectStatus(await post(accountant, `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000', component: 'emergency-relief' })), 201);
    const release = await post(coordinator, `/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '40000000' }));
    expectStatus(release, 201);
    const responses = await Promise.all(coordinators.flatMap((token) => [1, 2].map(() => post(token, `/v1/funds/${FUND}/emergency-releases/${release.body.releaseId}/settle`, {
      spent: '30000000', returned: '10000000', evidence: ['Biên bản 7'],
    }))));
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 200)) expectError(r, 422, 'INVALID_STATE');
    const balance = await balanceAt(ledger, FUND, ok[0].body.position);
    expect(balance.byComponent['emergency-relief']).toMatchObject({ disbursed: '30000000', outstandingEmergency: '0', available: '70000000' });
  });
});

describe('two ledger processes on the same SQLite file', () => {
  const FUND = 'quy-hai-may';
  let second: TestLedger;

  beforeAll(async () => {
    // A second application on the same data folder: the retry path on a revision conflict is real here.
    second = await startOnSameData(ledger.dataDir, { owner: false });
  });

  afterAll(async () => {
    await second?.close();
  });

  it('100 requests split over both never spend more than came in; refusals are INSUFFICIENT_FUNDS (or CONCURRENCY_CONFLICT after retries), never 500', async () => {
    await openFund(ledger, FUND);
    const donations = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      call(i % 2 ? second : ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000' }), { token: accountant })));
    for (const d of donations) expectStatus(d, 201);

    const before = await countEvents(ledger.store);
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) =>
      call(i % 2 ? second : ledger, 'post', `/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: String(AMOUNT) }), { token: accountant })));
    const accepted = responses.filter((r) => r.status === 201);
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect([422, 409]).toContain(r.status);
      expect(r.body.error.code).toBe(r.status === 422 ? 'INSUFFICIENT_FUNDS' : 'CONCURRENCY_CONFLICT');
    }
    const acceptedTotal = AMOUNT * BigInt(accepted.length);
    expect(acceptedTotal).toBeLessThanOrEqual(1_000_000_000n);
    expect(new Set(accepted.map((r) => r.body.disbursementId)).size).toBe(accepted.length);
    expect((await countEvents(ledger.store)) - before).toBe(accepted.length);

    // Both processes' read models reach the same figures.
    const position = maxPosition(accepted);
    for (const instance of [ledger, second]) {
      const balance = await balanceAt(instance, FUND, position);
      expect(balance).toMatchObject({ received: '1000000000', held: String(acceptedTotal), available: String(1_000_000_000n - acceptedTotal) });
    }
  });

  it('two costs that each fit the cap but not together, sent at once through both processes, ten times over: one of each pair passes', async () => {
    const fund = 'quy-hai-may-chi-phi';
    await openFund(ledger, fund);
    // Each round's 10,000,000 raises the cap by 1,000,000 (10 %), room for one of its two 600,000 costs only.
    for (let round = 0; round < 10; round++) {
      expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '10000000' }), { token: accountant }), 201);
      const pair = await Promise.all([ledger, second].map((instance, i) => call(instance, 'post', `/v1/funds/${fund}/disbursements`,
        disbursementBody({ kind: 'management_cost', amount: '600000', purpose: `Lương vòng ${round}.${i}` }), { token: accountant })));
      const passed = pair.filter((r) => r.status === 201);
      expect({ round, passed: passed.length }).toEqual({ round, passed: 1 });
      for (const r of pair.filter((x) => x.status !== 201)) {
        expect([422, 409]).toContain(r.status);
        expect(r.body.error.code).toBe(r.status === 422 ? 'MANAGEMENT_COST_CAP_EXCEEDED' : 'CONCURRENCY_CONFLICT');
      }
      // Fill the round up to its cap, so the next round's pair again has room for one.
      expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/disbursements`,
        disbursementBody({ kind: 'management_cost', amount: '400000', purpose: `Bù vòng ${round}` }), { token: accountant }), 201);
    }
    const working = await call(second, 'get', `/v1/funds/${fund}/management-cost?minPosition=${await ledger.store.headPosition()}`, undefined, { token: accountant });
    expect(working.body).toMatchObject({ base: '100000000', used: '10000000', limit: '10000000' });
  });

  it('a donation reversed twice at once through the two processes is reversed once', async () => {
    const donation = await call(ledger, 'post', `/v1/funds/${FUND}/donations`, donationBody({ amount: '5000' }), { token: accountant });
    expectStatus(donation, 201);
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      call(i % 2 ? second : ledger, 'post', `/v1/funds/${FUND}/reversals`, { entryId: donation.body.donationId, reason: 'Hoàn trả' }, { token: accountant })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect([422, 409]).toContain(r.status);
      expect(['ALREADY_REVERSED', 'CONCURRENCY_CONFLICT']).toContain(r.body.error.code);
    }
  });
});
