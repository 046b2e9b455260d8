import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, donationBody, expectStatus, openFund } from './support/http-helpers';

/**
 * A disaster campaign's money forwarded to the province (R16), through the real HTTP stack: the
 * campaign's figures in the campaigns report are the ones the balance (byCampaign) and the
 * designations report give for the same campaign at the same log position and business date. A
 * transfer approved at 23:30 on the last day of receiving (Vietnam time) and received at 00:10
 * the next day is in transit at the end of that day, then transferred out; one still on its way
 * is in transit, never yet transferred out.
 */
let ledger: TestLedger;
let accountant: string;
let provinceAccountant: string;
let approver: string;
let auditor: string;
let head = 0;

const COMMUNE = 'quy-xa-chien-dich';
const PROVINCE = 'quy-tinh-chien-dich';
const CAMPAIGN = 'lu-thang-muoi';
const POOL = `campaign:${CAMPAIGN}`;

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

async function forward(amount: string, requestedAt: string, approvedAt: string): Promise<string> {
  const sent = await post(accountant, `/v1/funds/${COMMUNE}/transfers`, { toFundId: PROVINCE, amount, component: 'general', campaignId: CAMPAIGN, purpose: 'Chuyển lên tỉnh', requestedAt });
  await post(approver, `/v1/funds/${COMMUNE}/transfers/${String(sent.transferId)}/approve`, { approvedAt });
  return String(sent.transferId);
}

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán xã', ['accountant'])).token;
  provinceAccountant = (await ledger.user('Kế toán tỉnh', ['accountant'])).token;
  approver = (await ledger.user('Người duyệt', ['approver'])).token;
  auditor = (await ledger.user('Kiểm toán viên', ['auditor'])).token;
  await openFund(ledger, COMMUNE);
  await openFund(ledger, PROVINCE);
  await post(accountant, `/v1/funds/${COMMUNE}/campaigns`, {
    campaignId: CAMPAIGN, name: 'Lũ tháng Mười', kind: 'disaster', receiveFrom: '2026-10-01T00:00:00+07:00', receiveUntil: '2026-10-31T23:59:59+07:00',
  });
  // The first minute of receiving, and the last (23:59 on 31 October in Vietnam is 16:59 UTC).
  await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '5000000', campaignId: CAMPAIGN, receivedAt: '2026-10-01T00:00:00+07:00', reference: 'FT-1' }));
  await post(accountant, `/v1/funds/${COMMUNE}/donations`, donationBody({ amount: '10000000', campaignId: CAMPAIGN, receivedAt: '2026-10-31T16:59:00Z', reference: 'FT-2' }));
  const arrived = await forward('4000000', '2026-10-20T09:00:00+07:00', '2026-10-31T23:30:00+07:00');
  await post(provinceAccountant, `/v1/funds/${PROVINCE}/transfers/${arrived}/receive`, { receivedAt: '2026-11-01T00:10:00+07:00' });
  await forward('1000000', '2026-11-05T09:00:00+07:00', '2026-11-05T10:00:00+07:00');
}, 30_000);

afterAll(async () => {
  await ledger?.close();
});

const FIGURES = ['received', 'transferredOut', 'inTransitOut'] as const;
const figuresOf = (row: Record<string, unknown>) => Object.fromEntries(FIGURES.map((key) => [key, row[key]]));

describe('R16 a campaign\'s money forwarded to another chapter: one figure per screen and report', () => {
  it.each([
    ['2026-10-31', { received: '15000000', transferredOut: '0', inTransitOut: '4000000' }],
    ['2026-11-01', { received: '15000000', transferredOut: '4000000', inTransitOut: '0' }],
    ['2026-11-30', { received: '15000000', transferredOut: '4000000', inTransitOut: '1000000' }],
  ])('up to %s the campaigns report, the designations report and the balance say the same', async (day, expected) => {
    const balance = await read(`/v1/funds/${COMMUNE}/balance?asOf=${day}`);
    const byCampaign = (balance.byCampaign as Record<string, Record<string, unknown>>)[CAMPAIGN];
    const campaigns = await read(`/v1/funds/${COMMUNE}/reports/campaigns?to=${day}`);
    const designations = await read(`/v1/funds/${COMMUNE}/reports/designations?to=${day}`);
    const campaignRow = (campaigns.rows as Record<string, unknown>[]).find((row) => row.campaignId === CAMPAIGN) ?? {};
    const poolRow = (designations.rows as Record<string, unknown>[]).find((row) => row.restrictionId === POOL) ?? {};
    expect({ position: campaigns.position, designations: designations.position }).toEqual({ position: balance.asOfPosition, designations: balance.asOfPosition });
    expect({ balance: figuresOf(byCampaign), campaigns: figuresOf(campaignRow), designations: figuresOf(poolRow) })
      .toEqual({ balance: expected, campaigns: expected, designations: expected });
    expect(campaignRow.remaining).toBe(byCampaign.available);
  });
});

describe('R16 the public campaign card: its figures add up with what went to the province', () => {
  it('shows what was sent and what is on its way, so that received − distributed − sent is what remains; its deadline missed with the 10,000,000 left', async () => {
    const response = await call(ledger, 'get', `/v1/public/funds/${COMMUNE}/campaigns?minPosition=${head}`, undefined, { token: null });
    expectStatus(response, 200);
    const card = (response.body.campaigns as Record<string, unknown>[]).find((row) => row.campaignId === CAMPAIGN) as Record<string, string> & { distribution: unknown };
    expect(card).toMatchObject({
      received: '15000000', distributed: '0', transferredIn: '0', transferredOut: '4000000', inTransitOut: '1000000',
      movedIn: '0', movedOut: '0', fxDifference: '0', remaining: '10000000',
    });
    const adds = BigInt(card.received) - BigInt(card.distributed) + BigInt(card.transferredIn) - BigInt(card.transferredOut) - BigInt(card.inTransitOut)
      + BigInt(card.movedIn) - BigInt(card.movedOut) + BigInt(card.fxDifference);
    expect(adds).toBe(BigInt(card.remaining));
    expect(card.distribution).toEqual({ status: 'missed', undistributedAtDeadline: '10000000' });
  });

  it('calls a campaign whose deadline came with no money received "nothing", not missed', async () => {
    await post(accountant, `/v1/funds/${COMMUNE}/campaigns`, {
      campaignId: 'lu-khong-tien', name: 'Lũ không ai ủng hộ', kind: 'disaster', receiveFrom: '2026-09-01T00:00:00+07:00', receiveUntil: '2026-09-10T23:59:59+07:00',
    });
    const response = await call(ledger, 'get', `/v1/public/funds/${COMMUNE}/campaigns?minPosition=${head}`, undefined, { token: null });
    const card = (response.body.campaigns as Record<string, unknown>[]).find((row) => row.campaignId === 'lu-khong-tien');
    expect(card).toMatchObject({ received: '0', remaining: '0', distribution: { status: 'nothing', undistributedAtDeadline: null } });
  });
});

describe('R16 days in transit: the transfers list counts them as the network report does, on Vietnam calendar days', () => {
  const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  type Line = { transferId: string; status: string; daysInTransit: number | null };

  it('a transfer sent at 23:30 on 31 October and received at 00:10 on 1 November spent one day in transit', async () => {
    const list = await read(`/v1/funds/${COMMUNE}/transfers`);
    const arrived = (list.sent as Line[]).find((line) => line.status === 'received');
    expect(arrived).toMatchObject({ daysInTransit: 1 });
  });

  it('a transfer still on its way shows the days the network report up to today shows', async () => {
    const today = vietnamToday();
    const list = await read(`/v1/funds/${COMMUNE}/transfers`);
    const network = await read(`/v1/funds/${COMMUNE}/reports/network?to=${today}`);
    // Read on one Vietnam day: a read across midnight would compare two days.
    if (vietnamToday() !== today) return;
    const travelling = (list.sent as Line[]).find((line) => line.status === 'in_transit') as Line;
    const row = (network.rows as Record<string, unknown>[]).find((r) => r.transferId === travelling.transferId);
    const days = (Date.parse(today) - Date.parse('2026-11-05')) / 86_400_000;
    expect({ list: travelling.daysInTransit, report: row?.daysInTransit }).toEqual({ list: days, report: days });
  });
});

describe('R16 a campaign without a pool of its own sends at most what it holds, however much its component holds', () => {
  const TET_FUND = 'quy-xa-tet-nhan-ai';
  const TET = 'tet-nhan-ai-2027';
  const byCampaignOf = (balance: Record<string, unknown>) => (balance.byCampaign as Record<string, Record<string, unknown>>)[TET];
  const rowOf = (report: Record<string, unknown>) => (report.rows as Record<string, unknown>[]).find((row) => row.campaignId === TET) ?? {};

  it('refuses 5,000,000 of a campaign that received 1,000,000; the balance and the campaigns report show what it sent and what is left', async () => {
    await openFund(ledger, TET_FUND);
    await post(accountant, `/v1/funds/${TET_FUND}/campaigns`, {
      campaignId: TET, name: 'Tết Nhân ái 2027', kind: 'tet', receiveFrom: '2026-11-01T00:00:00+07:00', receiveUntil: '2026-11-30T23:59:59+07:00',
    });
    await post(accountant, `/v1/funds/${TET_FUND}/donations`, donationBody({ amount: '1000000', campaignId: TET, receivedAt: '2026-11-10T09:00:00+07:00', reference: 'TET-1' }));
    await post(accountant, `/v1/funds/${TET_FUND}/donations`, donationBody({ amount: '9000000', receivedAt: '2026-11-10T09:00:00+07:00', reference: 'CHUNG-1' }));
    const transfer = { toFundId: PROVINCE, component: 'general', campaignId: TET, purpose: 'Chuyển quà Tết lên tỉnh', requestedAt: '2026-11-15T09:00:00+07:00' };

    const tooMuch = await call(ledger, 'post', `/v1/funds/${TET_FUND}/transfers`, { ...transfer, amount: '5000000' }, { token: accountant });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { campaignId: TET, requested: '5000000', available: '1000000' } });

    const sent = await post(accountant, `/v1/funds/${TET_FUND}/transfers`, { ...transfer, amount: '600000' });
    await post(approver, `/v1/funds/${TET_FUND}/transfers/${String(sent.transferId)}/approve`, { approvedAt: '2026-11-15T10:00:00+07:00' });
    const balance = await read(`/v1/funds/${TET_FUND}/balance?asOf=2026-11-30`);
    const campaigns = await read(`/v1/funds/${TET_FUND}/reports/campaigns?to=2026-11-30`);
    expect(campaigns.position).toBe(balance.asOfPosition);
    const expected = { received: '1000000', transferredOut: '0', inTransitOut: '600000' };
    expect({ balance: figuresOf(byCampaignOf(balance)), campaigns: figuresOf(rowOf(campaigns)) }).toEqual({ balance: expected, campaigns: expected });
    expect({ balance: byCampaignOf(balance).available, campaigns: rowOf(campaigns).remaining }).toEqual({ balance: '400000', campaigns: '400000' });
  });

  it('its leftovers move without naming the component its money came into, and no more than it holds', async () => {
    await post(accountant, `/v1/funds/${TET_FUND}/campaigns/${TET}/close`);
    const body = { to: { component: 'humanitarian' }, basis: 'Chương trình an sinh (Điều 11(2))', decisionRef: 'QĐ 9/UBND' };
    const tooMuch = await call(ledger, 'post', `/v1/funds/${TET_FUND}/campaigns/${TET}/surplus`, { ...body, amount: '400001' }, { token: accountant });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { campaignId: TET, available: '400000' } });
    await post(accountant, `/v1/funds/${TET_FUND}/campaigns/${TET}/surplus`, { ...body, amount: '400000' });
    const balance = await read(`/v1/funds/${TET_FUND}/balance`);
    expect(byCampaignOf(balance)).toMatchObject({ movedOut: '400000', available: '0' });
    expect(balance.byComponent).toMatchObject({ humanitarian: expect.objectContaining({ movedIn: '400000' }), general: expect.objectContaining({ movedOut: '400000' }) });
  });
});
