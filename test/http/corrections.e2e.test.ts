import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  call, campaignBody, client, donationBody, expectError, expectNothingAppended, expectStatus, openFund, releaseBody, vnTimestamp, type Balance, type Client,
} from './support/http-helpers';

/**
 * Corrections (api-v2 "Corrections", R29) where the entry corrected has changed since it was made,
 * and the entries that have no reversing entry yet.
 *
 * A correction is never dated before what it corrects (api-v2 "Dates" and "Corrections"), and
 * that includes what happened to the entry since it was made: a release re-opened by the
 * reversal of its settlement, late money assigned out of suspense. Dated in between, the entry
 * was accepted before, and a balance looked back at a day in between counted the release settled
 * twice (50,000,000 spent of a 30,000,000 release), its money given back twice (more available
 * than ever came in), or a gift back with its donor and still waiting in suspense.
 */
let ledger: TestLedger;
let accountantToken: string;
let accountant: Client;
let coordinator: Client;

beforeAll(async () => {
  ledger = await startTestLedger();
  accountantToken = (await ledger.user('Kế toán', ['accountant'])).token;
  accountant = client(ledger, accountantToken);
  coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
});

afterAll(async () => {
  await ledger?.close();
});

/** The Vietnam calendar day `days` from today, as `?asOf=` takes it (the end of that day). */
const vnDay = (days: number) => vnTimestamp(days).slice(0, 10);

async function balanceAsOf(fundId: string, day: string, minPosition: number): Promise<Balance & { suspense: string }> {
  const response = await accountant.get(`/v1/funds/${fundId}/balance?asOf=${day}&minPosition=${minPosition}`);
  expectStatus(response, 200);
  return response.body as Balance & { suspense: string };
}

/** 100,000,000 of emergency money since 30 days ago; 30,000,000 released 10 days ago, settled 5 days ago (20,000,000 spent), the settlement reversed today. */
async function reopenedRelease(fundId: string): Promise<{ releaseId: string; position: number }> {
  await openFund(ledger, fundId);
  expectStatus(await accountant.post(`/v1/funds/${fundId}/donations`, donationBody({ amount: '100000000', component: 'emergency-relief', receivedAt: vnTimestamp(-30) })), 201);
  const release = await coordinator.post(`/v1/funds/${fundId}/emergency-releases`, releaseBody({ amount: '30000000', releasedAt: vnTimestamp(-10) }));
  expectStatus(release, 201);
  const releaseId = String(release.body.releaseId);
  expectStatus(await coordinator.post(`/v1/funds/${fundId}/emergency-releases/${releaseId}/settle`, {
    spent: '20000000', returned: '10000000', evidence: ['Biên bản bàn giao số 1'], settledAt: vnTimestamp(-5),
  }), 200);
  const reversed = await accountant.post(`/v1/funds/${fundId}/reversals`, { entryId: releaseId, reason: 'Quyết toán nhầm số tiền' });
  expectStatus(reversed, 201);
  expect(reversed.body.releaseStatus).toBe('open');
  return { releaseId, position: Number(reversed.body.position) };
}

describe('an emergency release re-opened by the reversal of its settlement', () => {
  it('is settled again no earlier than that reversal, and a day in between looks back at the first settlement', async () => {
    const fund = 'cd-resettle';
    const { releaseId, position } = await reopenedRelease(fund);
    const early = await coordinator.post(`/v1/funds/${fund}/emergency-releases/${releaseId}/settle`, {
      spent: '30000000', returned: '0', evidence: ['Biên bản bàn giao số 2'], settledAt: vnTimestamp(-4),
    });
    expectError(early, 422, 'DATE_BEFORE_REQUEST');
    expect(early.body.error.details).toMatchObject({ field: 'settledAt', reopenedAt: expect.any(String) });
    const fourDaysAgo = await balanceAsOf(fund, vnDay(-4), position);
    expect({ disbursed: fourDaysAgo.disbursed, outstanding: fourDaysAgo.outstandingEmergency, available: fourDaysAgo.available })
      .toEqual({ disbursed: '20000000', outstanding: '0', available: '80000000' });
    const settled = await coordinator.post(`/v1/funds/${fund}/emergency-releases/${releaseId}/settle`, {
      spent: '30000000', returned: '0', evidence: ['Biên bản bàn giao số 2'],
    });
    expectStatus(settled, 200);
  });

  it('is cancelled no earlier than that reversal, and a day in between looks back at the money as it stood', async () => {
    const fund = 'cd-recancel';
    const { releaseId, position } = await reopenedRelease(fund);
    const early = await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: releaseId, reason: 'Hủy tạm ứng', reversedAt: vnTimestamp(-8) });
    expectError(early, 422, 'DATE_BEFORE_REQUEST');
    expect(early.body.error.details).toMatchObject({ field: 'reversedAt', reopenedAt: expect.any(String) });
    const fiveDaysAgo = await balanceAsOf(fund, vnDay(-5), position);
    expect({ received: fiveDaysAgo.received, available: fiveDaysAgo.available, outstanding: fiveDaysAgo.outstandingEmergency })
      .toEqual({ received: '100000000', available: '80000000', outstanding: '0' });
    expectStatus(await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: releaseId, reason: 'Hủy tạm ứng' }), 201);
  });
});

describe('late money assigned out of suspense (R14)', () => {
  it('is given back to its donor no earlier than its assignment, and a day in between finds it still waiting', async () => {
    const fund = 'cd-late-return';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/campaigns`, campaignBody({ campaignId: 'lu-cu', receiveFrom: vnTimestamp(-20), receiveUntil: vnTimestamp(-10) })), 201);
    expectStatus(await accountant.post(`/v1/funds/${fund}/donations`, donationBody({ amount: '100000000', receivedAt: vnTimestamp(-30) })), 201);
    // A bank line of 5 days ago for the campaign that stopped receiving 10 days ago: late money, in its suspense pool.
    const lineDay = vnDay(-5).split('-').reverse().join('/');
    const statement = ['Ngày,Số CT,Số tiền ghi có,Nội dung,Tên đối ứng', `${lineDay},FT-9,3.000.000,Ung ho lu,Nguyen Van Binh`].join('\n');
    const imported = await ledger.http().post(`/v1/funds/${fund}/imports?campaignId=lu-cu&bankAccount=0011001932418`)
      .set('Authorization', `Bearer ${accountantToken}`).set('Content-Type', 'text/csv').send(statement);
    expectStatus(imported, 200);
    expect(imported.body.suspense).toBe(1);
    const waiting = await accountant.get(`/v1/funds/${fund}/suspense?minPosition=${imported.body.position}`);
    expectStatus(waiting, 200);
    const late = String(waiting.body.items[0].donationId);
    // Today the board assigns it to the general money; the donor had asked for it back 4 days ago.
    const assigned = await accountant.post(`/v1/funds/${fund}/suspense/${late}/assign`, { component: 'general', decisionRef: 'QĐ 1/CTĐ' });
    expectStatus(assigned, 201);
    const early = await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: late, reason: 'Nhà hảo tâm xin nhận lại', reversedAt: vnTimestamp(-4) });
    expectError(early, 422, 'DATE_BEFORE_REQUEST');
    expect(early.body.error.details).toMatchObject({ field: 'reversedAt', assignedAt: expect.any(String) });
    const twoDaysAgo = await balanceAsOf(fund, vnDay(-2), Number(assigned.body.position));
    expect({ suspense: twoDaysAgo.suspense, general: twoDaysAgo.byComponent.general.available, available: twoDaysAgo.available })
      .toEqual({ suspense: '3000000', general: '100000000', available: '100000000' });
    // Given back today, it leaves the general money it was assigned to.
    const returned = await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: late, reason: 'Nhà hảo tâm xin nhận lại' });
    expectStatus(returned, 201);
    const today = await balanceAsOf(fund, vnDay(0), Number(returned.body.position));
    expect({ suspense: today.suspense, general: today.byComponent.general.available }).toEqual({ suspense: '0', general: '100000000' });
  });
});

describe('the money entries with no reversing entry yet', () => {
  it('a campaign\'s leftovers moved (SR-) is refused as the entry it is, not as one that does not exist, and nothing is appended', async () => {
    const fund = 'cd-surplus';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/campaigns`, {
      campaignId: 'tet-cu', name: 'Tết vì người nghèo', kind: 'tet', receiveFrom: vnTimestamp(-40), receiveUntil: vnTimestamp(-20), distributeUntil: vnTimestamp(-10),
    }), 201);
    expectStatus(await accountant.post(`/v1/funds/${fund}/donations`, donationBody({ amount: '1000000', campaignId: 'tet-cu', receivedAt: vnTimestamp(-30) })), 201);
    const moved = await accountant.post(`/v1/funds/${fund}/campaigns/tet-cu/surplus`, {
      amount: '400000', component: 'general', to: { component: 'humanitarian' }, basis: 'Chương trình an sinh (Điều 11(2))', decisionRef: 'QĐ 7/UBND',
    });
    expectStatus(moved, 201);
    const refused = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${fund}/reversals`, { entryId: moved.body.id, reason: 'Quyết định ghi nhầm quỹ thành phần' }));
    expectError(refused, 422, 'INVALID_STATE');
    expect(refused.body.error.details).toEqual({ entryId: moved.body.id, kind: 'surplus', reason: 'not-reversible' });
    expectError(await accountant.post(`/v1/funds/${fund}/reversals`, { entryId: 'SR-000009', reason: 'Không có' }), 404, 'NOT_FOUND');
  });

  it('a foreign-currency sale (FX-) is refused as the entry it is, and nothing is appended', async () => {
    const fund = 'cd-fx';
    await openFund(ledger, fund);
    const gift = await accountant.post(`/v1/funds/${fund}/donations`, donationBody({ amount: '100.00', currency: 'USD', fxRate: '25000', receivedAt: vnTimestamp(-3) }));
    expectStatus(gift, 201);
    const sold = await accountant.post(`/v1/funds/${fund}/donations/${String(gift.body.donationId)}/fx-settlement`, { vndAmount: '2450000', settledAt: vnTimestamp(-1), reference: 'BNT-1' });
    expectStatus(sold, 201);
    const settlementId = String(sold.body.settlementId ?? sold.body.id);
    expect(settlementId).toMatch(/^FX-/);
    const refused = await expectNothingAppended(ledger, () => accountant.post(`/v1/funds/${fund}/reversals`, { entryId: settlementId, reason: 'Gõ nhầm số tiền' }));
    expectError(refused, 422, 'INVALID_STATE');
    expect(refused.body.error.details).toEqual({ entryId: settlementId, kind: 'fx-settlement', reason: 'not-reversible' });
  });
});
