/**
 * Through the real app: R1 money drawn from a disaster campaign's pool named only by
 * `restrictionId: "campaign:X"` is the campaign's in the balance, the registers, the campaigns
 * report and the public totals; R8 a report at an earlier `?atPosition=` is the report the log
 * gave then, and states that position.
 */
import './esm-interop';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { HOUR_MS, vnTime } from './scripted-history';

const FUND = 'quy-chien-dich';
const CAMPAIGN = 'lu-quang-ngai';
const POOL = `campaign:${CAMPAIGN}`;
let ledger: TestLedger;
let tokens: { accountant: string; approver: string; coordinator: string; auditor: string };
const positions: Record<string, number> = {};
const ids: Record<string, string> = {};

async function post(name: string, token: string, path: string, body: object): Promise<Record<string, unknown>> {
  const response = await ledger.http().post(`/v1/funds/${FUND}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  if (![200, 201].includes(response.status)) throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
  positions[name] = Number(response.body.position);
  return response.body as Record<string, unknown>;
}
const get = (path: string, token = tokens.auditor) => ledger.http().get(path).set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  ledger = await startTestLedger();
  tokens = {
    accountant: (await ledger.user('ke-toan', ['accountant'])).token, approver: (await ledger.user('duyet', ['approver'])).token,
    coordinator: (await ledger.user('dieu-phoi', ['coordinator'])).token, auditor: (await ledger.user('kiem-toan', ['auditor'])).token,
  };
  const start = Date.now() - 10 * HOUR_MS;
  const at = (hours: number) => vnTime(start + hours * HOUR_MS);
  const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ chiến dịch' });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  await post('campaign', tokens.accountant, '/campaigns', {
    campaignId: CAMPAIGN, name: 'Lũ Quảng Ngãi', kind: 'disaster', receiveFrom: vnTime(start - 24 * HOUR_MS), receiveUntil: vnTime(start + 30 * 24 * HOUR_MS),
  });
  await post('gift', tokens.accountant, '/donations', {
    amount: '10000000', channel: 'bank_transfer', receivedAt: at(1), reference: 'FT-LU-1', campaignId: CAMPAIGN,
    donor: { name: 'Công ty TNHH Đông Á', kind: 'organization', publicName: null, taxCode: null, address: null, contact: null },
  });
  // Named only by the campaign's pool.
  const requested = await post('request', tokens.accountant, '/disbursements', {
    amount: '6000000', kind: 'relief', component: 'general', restrictionId: POOL, purpose: 'Gạo cho hộ bị ngập', beneficiary: 'Hộ bà Nguyễn Thị Cúc', requestedAt: at(2),
  });
  ids.disbursement = String(requested.disbursementId);
  await post('approve', tokens.approver, `/disbursements/${ids.disbursement}/approve`, {});
  await post('pay', tokens.approver, `/disbursements/${ids.disbursement}/pay`, { paidAt: at(3), reference: 'UNC-LU-1' });
  const released = await post('release', tokens.coordinator, '/emergency-releases', {
    amount: '1000000', component: 'general', restrictionId: POOL, incident: 'Sạt lở thôn 2', recipient: 'Ban chỉ huy xã', releasedAt: at(4),
  });
  ids.release = String(released.releaseId);
  await post('reverse', tokens.accountant, '/reversals', { entryId: ids.disbursement, reason: 'Chuyển khoản bị trả lại', reversedAt: at(5) });
}, 30_000);
afterAll(async () => ledger?.close());

describe('R1 campaign pool: money drawn from a campaign\'s pool named only by the pool is the campaign\'s', () => {
  it('in the balance byCampaign, the registers\' ?campaignId=, the campaigns report and the public totals', async () => {
    const atPayment = `atPosition=${positions.pay}`;
    const balance = await get(`/v1/funds/${FUND}/balance?${atPayment}`);
    expect(balance.body.byCampaign[CAMPAIGN]).toMatchObject({ received: '10000000', disbursed: '6000000' });
    const head = await get(`/v1/funds/${FUND}/balance?minPosition=${positions.reverse}`);
    expect(head.body.byCampaign[CAMPAIGN]).toMatchObject({ received: '10000000', disbursed: '0', outstandingEmergency: '1000000', available: '9000000' });
    const disbursements = await get(`/v1/funds/${FUND}/disbursements?campaignId=${CAMPAIGN}&minPosition=${positions.reverse}`);
    expect(disbursements.body.items.map((item: { disbursementId: string }) => item.disbursementId)).toEqual([ids.disbursement]);
    const releases = await get(`/v1/funds/${FUND}/emergency-releases?campaignId=${CAMPAIGN}&minPosition=${positions.reverse}`);
    expect(releases.status).toBe(200);
    expect(releases.body.items.map((item: { releaseId: string }) => item.releaseId)).toEqual([ids.release]);
    const campaigns = await get(`/v1/funds/${FUND}/reports/campaigns?${atPayment}`);
    expect(campaigns.body.rows[0]).toMatchObject({ campaignId: CAMPAIGN, received: '10000000', distributed: '6000000', beneficiariesReached: 1 });
    const publicTotals = await ledger.http().get(`/v1/public/funds/${FUND}?minPosition=${positions.reverse}`);
    expect(publicTotals.body.byCampaign[CAMPAIGN]).toMatchObject({ received: '10000000', outstandingEmergency: '1000000' });
  });
});

describe('R8 reports at a position', () => {
  it('a report at an earlier position is the report the log gave then, and states that position', async () => {
    const then = await get(`/v1/funds/${FUND}/reports/financial?atPosition=${positions.pay}`);
    expect(then.status).toBe(200);
    expect(then.body.position).toBe(positions.pay);
    const line = (body: { rows: { line: string; amount: string }[] }, name: string) => body.rows.find((row) => row.line === name)?.amount;
    expect(line(then.body, 'payments.relief')).toBe('6000000');
    const now = await get(`/v1/funds/${FUND}/reports/financial?minPosition=${positions.reverse}`);
    expect(now.body.position).toBeGreaterThanOrEqual(positions.reverse);
    expect(line(now.body, 'payments.relief')).toBe('0');
    // The same position gives the same report, byte for byte.
    const again = await get(`/v1/funds/${FUND}/reports/financial?atPosition=${positions.pay}`);
    expect(again.body.sha256).toBe(then.body.sha256);
    // Before the release: nothing outstanding in the campaign's pool.
    const designations = await get(`/v1/funds/${FUND}/reports/designations?atPosition=${positions.pay}`);
    expect(designations.body.rows).toEqual([expect.objectContaining({ restrictionId: POOL, received: '10000000', disbursed: '6000000', outstandingEmergency: '0', available: '4000000' })]);
  });

  it('a position beyond the head of the log is 400 naming atPosition', async () => {
    const head = await ledger.store.headPosition();
    for (const value of [String(head + 10), '-1', 'abc']) {
      const response = await get(`/v1/funds/${FUND}/reports/financial?atPosition=${value}`);
      expect({ value, status: response.status, fields: response.body.error?.details?.fields }).toEqual({ value, status: 400, fields: [{ field: 'atPosition', reason: expect.any(String) }] });
    }
  });
});
