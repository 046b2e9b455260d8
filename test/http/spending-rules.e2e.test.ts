import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  call, campaignBody, client, disbursementBody, donationBody, expectRejected, expectStatus, openFund, releaseBody, vnTimestamp, type Client,
} from './support/http-helpers';

/**
 * The rules of issue 12 for spending and donations through the real application: business dates,
 * campaign pools named either way, beneficiary restrictions, who may pay, approvals counted,
 * emergency limits and lateness, and corrections of emergency entries.
 */
let ledger: TestLedger;
let accountant: Client;
let approver1: Client;
let approver2: Client;
let coordinator: Client;
let coordinator2: Client;
let lastPosition = 0;

const FUND = 'quy-quy-tac';
const CAMPAIGN = 'lu-mien-trung';

function advance(response: { body: { position?: number } }): void {
  if (typeof response.body.position === 'number') lastPosition = Math.max(lastPosition, response.body.position);
}

async function created(act: Promise<{ status: number; body: Record<string, unknown> }>, status = 201) {
  const response = await act;
  expectStatus(response as never, status);
  advance(response as never);
  return response.body;
}

async function balance() {
  const response = await call(ledger, 'get', `/v1/funds/${FUND}/balance?minPosition=${lastPosition}`);
  expectStatus(response, 200);
  return response.body;
}

async function register(path: string) {
  const separator = path.includes('?') ? '&' : '?';
  const response = await accountant.get(`/v1/funds/${FUND}/${path}${separator}minPosition=${lastPosition}`);
  expectStatus(response, 200);
  return response.body.items as Record<string, unknown>[];
}

/** A request approved by one approver, ready to pay. */
async function approvedRequest(overrides: Record<string, unknown> = {}): Promise<string> {
  const requested = await created(accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000000', ...overrides })));
  const id = String(requested.disbursementId);
  await created(approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
  return id;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  const user = async (name: string, roles: string[]) => client(ledger, (await ledger.user(name, roles as never)).token);
  accountant = await user('Kế toán', ['accountant']);
  approver1 = await user('Người duyệt 1', ['approver']);
  approver2 = await user('Người duyệt 2', ['approver', 'accountant']);
  coordinator = await user('Điều phối 1', ['coordinator']);
  coordinator2 = await user('Điều phối 2', ['coordinator']);
  advance({ body: await openFund(ledger, FUND) });
  await created(call(ledger, 'post', `/v1/funds/${FUND}/campaigns`, campaignBody({ campaignId: CAMPAIGN, receiveFrom: vnTimestamp(-60), receiveUntil: vnTimestamp(20) })));
  // Money in both components since early 2024, before every business date the tests backdate to:
  // money received later never pays for what is dated earlier.
  await created(accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '900000000', receivedAt: '2024-01-02T09:00:00+07:00' })));
  await created(accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '900000000', component: 'emergency-relief', receivedAt: '2024-01-02T09:00:00+07:00' })));
  await created(accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '100000000', campaignId: CAMPAIGN, component: 'emergency-relief' })));
});

afterAll(async () => {
  await ledger?.close();
});

describe('business dates (api-v2 "Dates")', () => {
  it('refuses a donation dated 2999 with 422 FUTURE_DATE, taking no receipt number', async () => {
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ receivedAt: '2999-01-01T09:00:00+07:00' })), 422, 'FUTURE_DATE');
  });

  it('refuses a payment dated before its request with 422 DATE_BEFORE_REQUEST', async () => {
    const id = await approvedRequest();
    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: '2024-01-01T09:00:00+07:00', reference: 'UNC-1' }), 422, 'DATE_BEFORE_REQUEST');
  });

  it('gives a disbursement requested on an earlier business date that year as its fiscal year', async () => {
    const requestedAt = '2024-05-15T09:00:00+07:00';
    const id = await approvedRequest({ requestedAt });
    await created(approver2.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: '2024-05-20T09:00:00+07:00', reference: 'UNC-2024' }), 200);
    const [row] = (await register('disbursements')).filter((item) => item.disbursementId === id);
    expect(row).toMatchObject({ fiscalYear: 2024, requestedAt, paidAt: '2024-05-20T09:00:00+07:00' });
  });
});

describe('required text (finding 5)', () => {
  it('answers 400 naming certificationRef sent as spaces, and appends nothing', async () => {
    const response = await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ kind: 'humanitarian', certificationRef: '   ' })), 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.fields).toEqual([{ field: 'certificationRef', reason: 'certificationRef must not be blank' }]);
  });

  it('answers 400 naming a beneficiary with a phone number in it (the disclosure publishes it), in Vietnamese too, and appends nothing', async () => {
    const body = disbursementBody({ beneficiary: 'Trưởng bản Lò Văn Hùng 0933222111' });
    const response = await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, body, { headers: { 'Accept-Language': 'vi' } }), 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.fields).toEqual([{ field: 'beneficiary', reason: 'is published: a name without phone, ID card or account numbers (9 digits or more)' }]);
    expect(response.body.error.message).toContain('chỉ ghi tên, không ghi số điện thoại, số giấy tờ hay số tài khoản');
  });
});

describe('a campaign pool named by restrictionId belongs to its campaign (finding 1)', () => {
  it('counts a disbursement naming only "campaign:X" in the campaign\'s figures and register', async () => {
    const requested = await created(accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '60000000', component: 'emergency-relief', restrictionId: `campaign:${CAMPAIGN}`,
    })));
    const id = String(requested.disbursementId);
    await created(approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    await created(approver2.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-LU' }), 200);
    const byCampaign = (await balance()).byCampaign[CAMPAIGN];
    expect(byCampaign).toMatchObject({ received: '100000000', disbursed: '60000000' });
    expect((await register(`disbursements?campaignId=${CAMPAIGN}`)).map((item) => item.disbursementId)).toContain(id);
  });
});

describe('restrictions naming a beneficiary (finding 9)', () => {
  it('pays only the beneficiary named, whatever the case, spacing or diacritics', async () => {
    const gift = await created(accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
      amount: '20000000', restriction: { purpose: 'Chữa bệnh', beneficiary: 'Nguyễn Thị M' },
    })));
    const restrictionId = String(gift.donationId);
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '20000000', restrictionId, beneficiary: 'Trần Văn K' })), 422, 'RESTRICTION_MISMATCH');
    await created(accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '20000000', restrictionId, beneficiary: 'nguyen thi  m' })));
  });
});

describe('who pays, and approvals counted (findings 12, 13)', () => {
  it('refuses the requester as payer with 422 SELF_PAYMENT_FORBIDDEN', async () => {
    const requested = await created(approver2.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000000' })));
    const id = String(requested.disbursementId);
    await created(approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    await expectRejected(ledger, () => approver2.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-SELF' }), 422, 'SELF_PAYMENT_FORBIDDEN');
  });

  it('answers an approval with approvalsRequired; paying early says "needs 2 approvals, has 1"', async () => {
    const requested = await created(accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '120000000' })));
    const id = String(requested.disbursementId);
    const approved = await created(approver1.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    expect(approved).toMatchObject({ status: 'requested', approvalsCount: 1, approvalsRequired: 2 });
    const early = await expectRejected(ledger, () => approver1.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-EARLY' }, { headers: { 'Accept-Language': 'en' } }), 422, 'INVALID_STATE');
    expect(early.body.error.message).toContain('needs 2 approvals, has 1');
    expect(early.body.error.details).toMatchObject({ approvalsRequired: 2, approvalsCount: 1 });
  });
});

describe('emergency money (findings 10, 11)', () => {
  it('marks an overdue release late in the register, blocks its coordinator, and keeps a late settlement late', async () => {
    const old = await created(coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1000000', releasedAt: vnTimestamp(-40) })));
    const overdue = await register('emergency-releases?status=overdue');
    expect(overdue.find((item) => item.releaseId === old.releaseId)).toMatchObject({ status: 'open', overdue: true, late: true, daysOverdue: expect.any(Number), settlement: null });
    await expectRejected(ledger, () => coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1000000' })), 422, 'SETTLEMENT_OVERDUE');
    const settled = await created(coordinator.post(`/v1/funds/${FUND}/emergency-releases/${old.releaseId}/settle`, { spent: '1000000', returned: '0', evidence: ['Biên bản 7'] }), 200);
    expect(settled).toMatchObject({ status: 'settled', late: true });
    expect(Number(settled.daysOverdue)).toBeGreaterThanOrEqual(9);
    const [row] = (await register('emergency-releases?status=settled')).filter((item) => item.releaseId === old.releaseId);
    expect(row).toMatchObject({ late: true, daysOverdue: settled.daysOverdue });
  });

  it('says who settled a release, when that was entered and where, beside the business date the coordinator gave', async () => {
    const release = await created(coordinator.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1000000', releasedAt: vnTimestamp(-40) })));
    // Dated within its 30 days, entered today: on time by its business date, and the register shows it was entered late.
    const settled = await created(coordinator2.post(`/v1/funds/${FUND}/emergency-releases/${release.releaseId}/settle`, {
      spent: '1000000', returned: '0', evidence: ['Biên bản 9'], settledAt: vnTimestamp(-35),
    }), 200);
    expect(settled).toMatchObject({ status: 'settled', late: false });
    const [row] = (await register('emergency-releases?status=settled')).filter((item) => item.releaseId === release.releaseId);
    expect(row).toMatchObject({
      late: false, position: release.position,
      settlement: { settledBy: expect.any(String), recordedAt: expect.any(String), position: settled.position },
    });
    const settlement = row.settlement as { settledBy: string; recordedAt: string };
    expect(settlement.settledBy).not.toBe(row.releasedBy);
    expect(Date.now() - Date.parse(settlement.recordedAt)).toBeLessThan(60 * 60 * 1000);
  });

  it('refuses emergency money past the open limit with 422 EMERGENCY_OPEN_LIMIT_EXCEEDED', async () => {
    for (let i = 0; i < 3; i++) await created(coordinator2.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '50000000' })));
    await expectRejected(ledger, () => coordinator2.post(`/v1/funds/${FUND}/emergency-releases`, releaseBody({ amount: '1' })), 422, 'EMERGENCY_OPEN_LIMIT_EXCEEDED');
  });

  it('reverses a settlement (the release re-opens) and cancels an open release (its money returns)', async () => {
    const open = await register('emergency-releases?status=open');
    const [first, second] = open.filter((item) => item.releasedBy !== undefined && item.amount === '50000000');
    await created(coordinator2.post(`/v1/funds/${FUND}/emergency-releases/${first.releaseId}/settle`, { spent: '20000000', returned: '30000000', evidence: ['BB-1'] }), 200);
    const before = await balance();
    const reversed = await created(accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: first.releaseId, reason: 'Nhập nhầm số chi' }));
    expect(reversed).toMatchObject({ entryId: first.releaseId, releaseStatus: 'open', reversalId: expect.stringMatching(/^RV-/) });
    const after = await balance();
    expect(BigInt(after.disbursed)).toBe(BigInt(before.disbursed) - 20_000_000n);
    expect(BigInt(after.outstandingEmergency)).toBe(BigInt(before.outstandingEmergency) + 50_000_000n);
    await created(coordinator2.post(`/v1/funds/${FUND}/emergency-releases/${first.releaseId}/settle`, { spent: '45000000', returned: '5000000', evidence: ['BB-1b'] }), 200);

    const cancelled = await created(accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: second.releaseId, reason: 'Không xuất quỹ' }));
    expect(cancelled).toMatchObject({ releaseStatus: 'cancelled' });
    const [row] = (await register('emergency-releases?status=cancelled')).filter((item) => item.releaseId === second.releaseId);
    expect(row).toMatchObject({ status: 'cancelled', reversal: { reversalId: cancelled.reversalId, reason: 'Không xuất quỹ' } });
    await expectRejected(ledger, () => accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: second.releaseId, reason: 'lần nữa' }), 422, 'ALREADY_REVERSED');
  });
});
