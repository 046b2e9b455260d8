import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund, vnTimestamp } from './support/http-helpers';

/**
 * Money another chapter sent for ITS campaign (R16, R19), through the real HTTP stack: the commune
 * and the province both run a campaign `lu-thang-muoi`. What the commune forwards is the
 * province's restricted money, named by the transfer, and none of the province's campaign's own
 * money, unless the province's accountant takes it in for that campaign; the balance (byCampaign),
 * the campaigns report and the transfers list say the same, and the campaign's leftovers are
 * bounded by what it holds of its own.
 */
let ledger: TestLedger;
let accountant: string;
let provinceAccountant: string;
let approver: string;
let auditor: string;
let head = 0;
/** The transfer the province received without naming a campaign, assigned to its campaign at the end. */
let receivedAsGeneral = '';

const COMMUNE = 'quy-xa-trung-ten';
const PROVINCE = 'quy-tinh-trung-ten';
const CAMPAIGN = 'lu-thang-muoi';
const FIGURES = ['received', 'transferredIn'] as const;
const figuresOf = (row: Record<string, unknown> | undefined) => Object.fromEntries(FIGURES.map((key) => [key, row?.[key]]));

async function post(token: string, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const response = await call(ledger, 'post', path, body, { token });
  if (response.status !== 200 && response.status !== 201) expectStatus(response, 201);
  head = Math.max(head, Number(response.body.position));
  return response.body as Record<string, unknown>;
}

async function read(path: string): Promise<Record<string, unknown>> {
  const response = await call(ledger, 'get', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, undefined, { token: auditor });
  expectStatus(response, 200);
  return response.body as Record<string, unknown>;
}

async function forward(amount: string): Promise<string> {
  const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, {
    toFundId: PROVINCE, amount, component: 'general', campaignId: CAMPAIGN, purpose: 'Chuyển lên tỉnh', requestedAt: '2026-10-20T09:00:00+07:00',
  });
  await post(approver, `/v1/funds/${COMMUNE}/transfers/${String(sent.transferId)}/approve`, { approvedAt: '2026-10-20T10:00:00+07:00' });
  return String(sent.transferId);
}

async function views(): Promise<{ byCampaign: Record<string, unknown>; row: Record<string, unknown> | undefined; incoming: Record<string, unknown>[] }> {
  const balance = await read(`/v1/funds/${PROVINCE}/balance`);
  const campaigns = await read(`/v1/funds/${PROVINCE}/reports/campaigns`);
  const list = await read(`/v1/funds/${PROVINCE}/transfers`);
  expect(campaigns.position).toBe(balance.asOfPosition);
  return {
    byCampaign: (balance.byCampaign as Record<string, Record<string, unknown>>)[CAMPAIGN],
    row: (campaigns.rows as Record<string, unknown>[]).find((r) => r.campaignId === CAMPAIGN),
    incoming: list.incoming as Record<string, unknown>[],
  };
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán xã', ['accountant'])).token;
  provinceAccountant = (await ledger.user('Kế toán tỉnh', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  for (const [fundId, token, reference] of [[COMMUNE, accountant, 'XA-1'], [PROVINCE, provinceAccountant, 'TINH-1']] as const) {
    await openFund(ledger, fundId);
    await post(token, `/v1/funds/${fundId}/campaigns`, {
      campaignId: CAMPAIGN, name: 'Lũ tháng Mười', kind: 'disaster', receiveFrom: '2026-10-01T00:00:00+07:00', receiveUntil: '2026-10-31T23:59:59+07:00',
    });
    await post(token, `/v1/funds/${fundId}/donations`, donationBody({ amount: fundId === COMMUNE ? '10000000' : '1000000', campaignId: CAMPAIGN, receivedAt: '2026-10-05T09:00:00+07:00', reference }));
  }
}, 30_000);

afterAll(async () => {
  await ledger?.close();
});

describe('R16 money the commune sent for its campaign is not the province\'s campaign of the same id', () => {
  it('received without naming a campaign: a restricted pool named by the transfer, and the province\'s campaign holds only its own money', async () => {
    const transferId = await forward('4000000');
    receivedAsGeneral = transferId;
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { receivedAt: '2026-10-21T09:00:00+07:00' });
    const { byCampaign, row, incoming } = await views();
    const expected = { received: '1000000', transferredIn: '0' };
    expect({ balance: figuresOf(byCampaign), campaigns: figuresOf(row) }).toEqual({ balance: expected, campaigns: expected });
    expect({ balance: byCampaign.available, campaigns: row?.remaining }).toEqual({ balance: '1000000', campaigns: '1000000' });
    expect(incoming.find((line) => line.transferId === transferId)).toMatchObject({
      status: 'received', campaignId: CAMPAIGN, receivedRestrictionId: transferId, receivedCampaignId: null,
    });
  });

  it('a campaign the province does not have is 404, and nothing is received', async () => {
    const transferId = await forward('500000');
    const unknown = await call(ledger, 'post', `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { campaignId: 'khong-co' }, { token: provinceAccountant });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'campaign', id: 'khong-co' } });
    const { incoming } = await views();
    expect(incoming.find((line) => line.transferId === transferId)).toMatchObject({ status: 'in_transit', receivedCampaignId: null });
  });

  it('taken in for the province\'s campaign: its pool and its own money, in the balance, the campaigns report and the transfers list alike', async () => {
    const transferId = await forward('2000000');
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { receivedAt: '2026-10-22T09:00:00+07:00', campaignId: CAMPAIGN });
    const { byCampaign, row, incoming } = await views();
    const expected = { received: '1000000', transferredIn: '2000000' };
    expect({ balance: figuresOf(byCampaign), campaigns: figuresOf(row) }).toEqual({ balance: expected, campaigns: expected });
    expect({ balance: byCampaign.available, campaigns: row?.remaining }).toEqual({ balance: '3000000', campaigns: '3000000' });
    expect(incoming.find((line) => line.transferId === transferId)).toMatchObject({
      receivedRestrictionId: `campaign:${CAMPAIGN}`, receivedCampaignId: CAMPAIGN,
    });
  });

  it('taken in for the province\'s campaign after it stopped receiving: 422 CAMPAIGN_CLOSED as a donation that day, and nothing is received', async () => {
    const transferId = await forward('700000');
    const lateOn = '2026-11-02T09:00:00+07:00';
    const late = await call(ledger, 'post', `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { receivedAt: lateOn, campaignId: CAMPAIGN }, { token: provinceAccountant });
    const gift = await call(ledger, 'post', `/v1/funds/${PROVINCE}/donations`, donationBody({ amount: '700000', campaignId: CAMPAIGN, receivedAt: lateOn, reference: 'TINH-MUON' }), { token: provinceAccountant });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'CAMPAIGN_CLOSED', details: { campaignId: CAMPAIGN, receivingEnded: '2026-10-31T23:59:59+07:00' } });
    expect({ status: gift.status, code: gift.body.error.code, details: gift.body.error.details }).toEqual({ status: 422, code: 'CAMPAIGN_CLOSED', details: late.body.error.details });
    const { byCampaign, incoming } = await views();
    expect(incoming.find((line) => line.transferId === transferId)).toMatchObject({ status: 'in_transit', receivedCampaignId: null });
    expect(figuresOf(byCampaign)).toEqual({ received: '1000000', transferredIn: '2000000' });
  });

  it('the campaign\'s leftovers are what it holds of its own: 3,000,000, not the 4,000,000 sent for the commune\'s campaign besides', async () => {
    const body = { to: { component: 'humanitarian' }, basis: 'Chuyển sang đợt thiên tai kế tiếp', decisionRef: 'QĐ 9/UBND', reallocatedAt: '2026-11-25T09:00:00+07:00' };
    const tooMuch = await call(ledger, 'post', `/v1/funds/${PROVINCE}/campaigns/${CAMPAIGN}/surplus`, { ...body, amount: '3000001' }, { token: provinceAccountant });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/campaigns/${CAMPAIGN}/surplus`, { ...body, amount: '3000000' });
  });
  it('money received for no campaign, assigned afterwards to the province\'s campaign: its pool and figures follow, the receipt stays as written, and only once', async () => {
    const before = await views();
    const fundBefore = await read(`/v1/funds/${PROVINCE}/balance`);
    const answer = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${receivedAsGeneral}/assign-campaign`, { campaignId: CAMPAIGN, reason: 'Công văn của Hội xã: tiền cho đợt lũ' });
    expect(answer).toMatchObject({ transferId: receivedAsGeneral, assignmentId: 'TA-000001', status: 'assigned', amount: '4000000', campaignId: CAMPAIGN, toRestrictionId: `campaign:${CAMPAIGN}` });
    const after = await views();
    const plus = (value: unknown, amount: bigint) => String(BigInt(String(value)) + amount);
    expect({ balance: after.byCampaign.available, movedIn: after.byCampaign.movedIn, campaigns: after.row?.remaining, transferredIn: after.byCampaign.transferredIn }).toEqual({
      balance: plus(before.byCampaign.available, 4000000n), movedIn: plus(before.byCampaign.movedIn, 4000000n), campaigns: plus(before.row?.remaining, 4000000n),
      transferredIn: before.byCampaign.transferredIn,
    });
    const fundAfter = await read(`/v1/funds/${PROVINCE}/balance`);
    expect(fundAfter.available).toBe(fundBefore.available);
    expect(after.incoming.find((line) => line.transferId === receivedAsGeneral)).toMatchObject({
      status: 'received', receivedRestrictionId: receivedAsGeneral, receivedCampaignId: null, assignmentId: 'TA-000001', assignedCampaignId: CAMPAIGN,
    });
    const again = await call(ledger, 'post', `/v1/funds/${PROVINCE}/transfers/${receivedAsGeneral}/assign-campaign`, { campaignId: CAMPAIGN, reason: 'Lần nữa' }, { token: provinceAccountant });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'assigned', assignmentId: 'TA-000001' } });
    const blank = await call(ledger, 'post', `/v1/funds/${PROVINCE}/transfers/${receivedAsGeneral}/assign-campaign`, { campaignId: CAMPAIGN }, { token: provinceAccountant });
    expect(blank.status).toBe(400);
    expect(new Set((blank.body.error.details.fields as { field: string }[]).map((problem) => problem.field))).toEqual(new Set(['reason']));
  });

  it('an assignment made in error is reversed through the reversals: the money is back in the transfer\'s pool, every figure follows, once, and the transfer may be assigned again', async () => {
    const before = await views();
    const fundBefore = await read(`/v1/funds/${PROVINCE}/balance`);
    const poolOf = (balance: Record<string, unknown>) => (balance.restricted as Record<string, unknown>[]).find((p) => p.restrictionId === receivedAsGeneral) ?? {};
    const financialBefore = await read(`/v1/funds/${PROVINCE}/reports/financial`);
    const lineOf = (report: Record<string, unknown>, code: string) => (report.rows as { line: string; amount: string }[]).find((l) => l.line === code)?.amount;
    const poolMovesOf = (report: Record<string, unknown>) => lineOf(report, 'memo.poolMoves');
    expect(poolOf(fundBefore).available).toBe('0');

    const answer = await post(provinceAccountant, `/v1/funds/${PROVINCE}/reversals`, { entryId: 'TA-000001', reason: 'Ghi nhầm: tiền chung của Hội xã' });
    expect(answer).toMatchObject({ entryId: 'TA-000001', reversalId: expect.stringMatching(/^RV-\d{6}$/) });
    const after = await views();
    const minus = (value: unknown, amount: bigint) => String(BigInt(String(value)) - amount);
    const plus = (value: unknown, amount: bigint) => String(BigInt(String(value)) + amount);
    expect({
      balance: after.byCampaign.available, movedOut: after.byCampaign.movedOut, campaigns: after.row?.remaining, campaignsMovedOut: after.row?.movedOut,
    }).toEqual({
      balance: minus(before.byCampaign.available, 4000000n), movedOut: plus(before.byCampaign.movedOut, 4000000n),
      campaigns: minus(before.row?.remaining, 4000000n), campaignsMovedOut: plus(before.row?.movedOut, 4000000n),
    });
    const fundAfter = await read(`/v1/funds/${PROVINCE}/balance`);
    expect({ fund: fundAfter.available, pool: poolOf(fundAfter).available, poolMovedIn: poolOf(fundAfter).movedIn })
      .toEqual({ fund: fundBefore.available, pool: '4000000', poolMovedIn: '4000000' });
    // A move between the fund's own pools: neither receipt nor payment, stated in the memo.
    const financialAfter = await read(`/v1/funds/${PROVINCE}/reports/financial`);
    expect({ poolMoves: poolMovesOf(financialAfter), closing: lineOf(financialAfter, 'closing') })
      .toEqual({ poolMoves: plus(poolMovesOf(financialBefore) ?? '0', 4000000n), closing: lineOf(financialBefore, 'closing') });
    const line = after.incoming.find((l) => l.transferId === receivedAsGeneral);
    expect(line).toMatchObject({ status: 'received', receivedCampaignId: null });
    expect(line).not.toHaveProperty('assignmentId');
    expect(line).not.toHaveProperty('assignedCampaignId');

    const twice = await call(ledger, 'post', `/v1/funds/${PROVINCE}/reversals`, { entryId: 'TA-000001', reason: 'Lần nữa' }, { token: provinceAccountant });
    expect(twice.status).toBe(422);
    expect(twice.body.error).toMatchObject({ code: 'ALREADY_REVERSED' });

    const again = await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${receivedAsGeneral}/assign-campaign`, { campaignId: CAMPAIGN, reason: 'Công văn bổ sung của Hội xã' });
    expect(again).toMatchObject({ assignmentId: 'TA-000002', status: 'assigned' });
    const reassigned = await views();
    expect({ balance: reassigned.byCampaign.available, campaigns: reassigned.row?.remaining }).toEqual({ balance: before.byCampaign.available, campaigns: before.row?.remaining });
    expect(reassigned.incoming.find((l) => l.transferId === receivedAsGeneral)).toMatchObject({ assignmentId: 'TA-000002', assignedCampaignId: CAMPAIGN });
  });
});

describe('money received for no campaign is assigned to one no earlier than it arrived', () => {
  const NOW_CAMPAIGN = 'ret-dam';

  it('a receipt dated later today or tomorrow is not assigned before then: 422 DATE_BEFORE_REQUEST, and the campaign holds no money it has not received', async () => {
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/campaigns`, {
      campaignId: NOW_CAMPAIGN, name: 'Rét đậm', kind: 'disaster', receiveFrom: vnTimestamp(-10), receiveUntil: vnTimestamp(30),
    });
    await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '800000', receivedAt: vnTimestamp(-2), reference: 'XA-CHUNG' }));
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/donations`, donationBody({ amount: '900000', receivedAt: vnTimestamp(-2), reference: 'TINH-CHUNG' }));
    const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, {
      toFundId: PROVINCE, amount: '600000', component: 'general', purpose: 'Chuyển tiền chung lên tỉnh', requestedAt: vnTimestamp(-1),
    });
    const transferId = String(sent.transferId);
    await post(approver, `/v1/funds/${COMMUNE}/transfers/${transferId}/approve`, { approvedAt: vnTimestamp(-1) });
    // The bank credits it tomorrow morning: the receiving accountant books it so tonight.
    const receivedAt = vnTimestamp(0.75);
    await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${transferId}/receive`, { receivedAt });
    const early = await call(ledger, 'post', `/v1/funds/${PROVINCE}/transfers/${transferId}/assign-campaign`, {
      campaignId: NOW_CAMPAIGN, reason: 'Công văn của Hội xã',
    }, { token: provinceAccountant });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'DATE_BEFORE_REQUEST', details: { field: 'assignedAt', receivedAt } });
    expect(early.body.error.message).toBe(`Khoản chuyển ${transferId} được nhận vào ${receivedAt}: chỉ ghi cho đợt vận động từ lúc đó`);
    const asOf = encodeURIComponent(vnTimestamp(0.25));
    const then = await read(`/v1/funds/${PROVINCE}/balance?asOf=${asOf}`);
    expect((then.byCampaign as Record<string, Record<string, unknown>> | undefined)?.[NOW_CAMPAIGN]?.available ?? '0').toBe('0');
  });
});
