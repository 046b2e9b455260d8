/**
 * Through the real app: the people a campaign reached (`beneficiariesReached` of the campaigns
 * report and of the public campaigns) are the households of its paid distribution lists, each
 * once, and the beneficiary of each paid request without a list and each settled emergency
 * release: a list of three households is three, never one. A share closed as not delivered
 * reached nobody; goods handed over on a request whose payment was reversed later were received.
 * As of the period's end: a list paid after it has reached nobody yet.
 */
import './esm-interop';
import { ADMIN_TOKEN, startTestLedger, type TestLedger } from '../support/ledger-app';
import { vnTime } from './scripted-history';

const FUND = 'quy-tra-leng';
const CAMPAIGN = 'lu-tra-leng';
const POOL = `campaign:${CAMPAIGN}`;
const DAY_MS = 24 * 60 * 60 * 1000;
const LIST_CSV = [
  'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ',
  '1,Hồ Văn Một,049100000001,Thôn 1,Thôn 1,Hộ nghèo',
  '2,Hồ Thị Hai,049100000002,Thôn 1,Thôn 1,Hộ nghèo',
  '3,Hồ Văn Ba,049100000003,Thôn 2,Thôn 2,Hộ nghèo',
  '4,Hồ Thị Bốn,049100000004,Thôn 2,Thôn 2,Hộ nghèo',
  '5,Hồ Văn Năm,049100000005,Thôn 3,Thôn 3,Hộ nghèo',
  '6,Hồ Thị Sáu,049100000006,Thôn 3,Thôn 3,Hộ nghèo',
].join('\n');

let ledger: TestLedger;
let tokens: { accountant: string; approver: string; coordinator: string; auditor: string };
let last = 0;
/** The Vietnam day before the list of Hồ Thị Bốn was paid, after everything else. */
let periodEnd = '';
const ids: Record<string, string> = {};

async function post(name: string, token: string, path: string, body: object): Promise<Record<string, unknown>> {
  const response = await ledger.http().post(`/v1/funds/${FUND}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  if (![200, 201].includes(response.status)) throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
  last = Math.max(last, Number(response.body.position));
  return response.body as Record<string, unknown>;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  tokens = {
    accountant: (await ledger.user('ke-toan', ['accountant'])).token, approver: (await ledger.user('duyet', ['approver'])).token,
    coordinator: (await ledger.user('dieu-phoi', ['coordinator'])).token, auditor: (await ledger.user('kiem-toan', ['auditor'])).token,
  };
  // Vietnam noon, `days` from today.
  const today = Date.parse(`${new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)}T12:00:00+07:00`);
  const day = (days: number, hours = 0) => vnTime(today + days * DAY_MS + hours * 3_600_000);
  periodEnd = day(-2).slice(0, 10);
  const opened = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ fundId: FUND, name: 'Quỹ Trà Leng' });
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  await post('campaign', tokens.accountant, '/campaigns', {
    campaignId: CAMPAIGN, name: 'Lũ Trà Leng', kind: 'disaster', receiveFrom: day(-10), receiveUntil: day(30),
  });
  const donor = { name: 'Công ty TNHH Đông Á', kind: 'organization', publicName: null, taxCode: null, address: null, contact: null };
  await post('gift', tokens.accountant, '/donations', {
    amount: '50000000', channel: 'bank_transfer', receivedAt: day(-6), reference: 'FT-TL-1', campaignId: CAMPAIGN, donor,
  });
  await post('rice', tokens.accountant, '/donations', {
    amount: '2500000', channel: 'in_kind', receivedAt: day(-6), campaignId: CAMPAIGN, donor,
    inKind: { description: 'Gạo tẻ', quantity: '100', unit: 'kg', valuationMethod: 'giá chợ 25.000 đ/kg' },
  });
  const imported = await ledger.http().post(`/v1/funds/${FUND}/beneficiary-lists?commune=${encodeURIComponent('Xã Trà Leng')}&listKind=affected&certificationRef=7/QĐ-UBND`)
    .set('Authorization', `Bearer ${tokens.accountant}`).set('content-type', 'text/csv').send(Buffer.from(LIST_CSV, 'utf8'));
  if (imported.status !== 201) throw new Error(`list: ${imported.status} ${JSON.stringify(imported.body)}`);
  const registry = await ledger.http().get(`/v1/funds/${FUND}/beneficiaries?listId=${imported.body.listId}&minPosition=${imported.body.position}`)
    .set('Authorization', `Bearer ${tokens.accountant}`);
  const household: Record<string, string> = {};
  for (const row of registry.body.beneficiaries as Array<{ name: string; beneficiaryId: string }>) household[row.name] = row.beneficiaryId;
  const [one, two, three, four, five, six] = ['Hồ Văn Một', 'Hồ Thị Hai', 'Hồ Văn Ba', 'Hồ Thị Bốn', 'Hồ Văn Năm', 'Hồ Thị Sáu'].map((name) => household[name]);
  const request = async (name: string, body: object, paidAt: string) => {
    const requested = await post(name, tokens.accountant, '/disbursements', {
      kind: 'relief', component: 'general', restrictionId: POOL, certificationRef: '7/QĐ-UBND', ...body,
    });
    ids[name] = String(requested.disbursementId);
    await post(`${name} approve`, tokens.approver, `/disbursements/${ids[name]}/approve`, {});
    await post(`${name} pay`, tokens.approver, `/disbursements/${ids[name]}/pay`, { paidAt, reference: `UNC-${name}` });
  };
  // A list of three households; Hồ Văn Ba never came: the share is closed and its cash given back.
  await request('list-a', {
    amount: '1500000', purpose: 'Hỗ trợ lương thực', beneficiary: 'Các hộ bị lũ xã Trà Leng', needCategory: 'food-water-medicine', requestedAt: day(-5),
    distribution: [{ beneficiaryId: one, amount: '500000' }, { beneficiaryId: two, amount: '500000' }, { beneficiaryId: three, amount: '500000' }],
  }, day(-5, 1));
  await post('closed', tokens.coordinator, `/disbursements/${ids['list-a']}/handovers`, {
    beneficiaryId: three, status: 'absent', closed: true, handedOverAt: day(-4), evidenceRef: 'Biên bản vắng mặt 01/BB',
  });
  await post('returned', tokens.accountant, `/disbursements/${ids['list-a']}/handovers/${three}/money-returned`, { evidenceRef: 'Phiếu thu PT-01', returnedAt: day(-4, 1) });
  // Hồ Văn Một again, on a second paid list: one household.
  await request('list-b', {
    amount: '300000', purpose: 'Sửa nhà', beneficiary: 'Các hộ bị lũ xã Trà Leng', needCategory: 'housing-repair', requestedAt: day(-4),
    distribution: [{ beneficiaryId: one, amount: '300000' }],
  }, day(-4, 1));
  // A request without a list: its beneficiary.
  await request('no-list', { amount: '1000000', purpose: 'Sửa nhà', beneficiary: 'Hộ bà Nguyễn Thị Cúc', requestedAt: day(-4) }, day(-4, 1));
  // Rice taken home by Hồ Văn Năm, then the payment reversed: the rice was received all the same; Hồ Thị Sáu's cash never went.
  await request('reversed', {
    amount: '400000', purpose: 'Gạo và tiền ăn', beneficiary: 'Các hộ thôn 3', needCategory: 'temporary-shelter', requestedAt: day(-4),
    distribution: [{ beneficiaryId: five, items: [{ description: 'Gạo tẻ', quantity: '10', unit: 'kg' }] }, { beneficiaryId: six, amount: '400000' }],
  }, day(-4, 1));
  await post('rice handed', tokens.coordinator, `/disbursements/${ids.reversed}/handovers`, {
    beneficiaryId: five, status: 'received', handedOverAt: day(-4, 2), evidenceRef: 'DS ký nhận gạo',
  });
  await post('reverse', tokens.accountant, '/reversals', { entryId: ids.reversed, reason: 'Chuyển khoản bị trả lại', reversedAt: day(-3) });
  // A settled emergency release: its recipient.
  const released = await post('release', tokens.coordinator, '/emergency-releases', {
    amount: '1000000', component: 'general', restrictionId: POOL, incident: 'Sạt lở thôn 2', recipient: 'Ban chỉ huy xã Trà Leng', releasedAt: day(-3),
  });
  await post('settle', tokens.coordinator, `/emergency-releases/${String(released.releaseId)}/settle`, { spent: '1000000', returned: '0', evidence: ['bien-ban.pdf'], settledAt: day(-3, 1) });
  // Hồ Thị Bốn's list is paid after the period's end.
  await request('list-c', {
    amount: '500000', purpose: 'Hỗ trợ lương thực', beneficiary: 'Hộ bà Hồ Thị Bốn', needCategory: 'food-water-medicine', requestedAt: day(-3),
    distribution: [{ beneficiaryId: four, amount: '500000' }],
  }, day(-1));
}, 60_000);
afterAll(async () => ledger?.close());

const reached = (body: { rows: Array<{ campaignId: string; beneficiariesReached: number }> }) =>
  body.rows.find((row) => row.campaignId === CAMPAIGN)?.beneficiariesReached;

describe('people reached by a campaign', () => {
  it('the campaigns report counts the households of its paid lists once each, as of the period\'s end', async () => {
    const get = (query: string) => ledger.http().get(`/v1/funds/${FUND}/reports/campaigns?${query}minPosition=${last}`).set('Authorization', `Bearer ${tokens.auditor}`);
    // Hồ Văn Một, Hồ Thị Hai, Hồ Văn Năm, Hộ bà Nguyễn Thị Cúc, Ban chỉ huy xã Trà Leng.
    const atEnd = await get(`to=${periodEnd}&`);
    expect(atEnd.status).toBe(200);
    expect(reached(atEnd.body)).toBe(5);
    // And Hồ Thị Bốn, paid after it.
    const now = await get('');
    expect(reached(now.body)).toBe(6);
    const csv = await get(`to=${periodEnd}&format=csv&`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const headings = lines.findIndex((line) => line.includes('Số đối tượng được hỗ trợ'));
    const column = lines[headings].split(',').indexOf('Số đối tượng được hỗ trợ');
    const row = lines.find((line) => line.startsWith(`${CAMPAIGN},`));
    expect(row?.split(',')[column]).toBe('5');
  });

  it('the public campaigns say the same', async () => {
    const response = await ledger.http().get(`/v1/public/funds/${FUND}/campaigns?minPosition=${last}`);
    expect(response.status).toBe(200);
    const campaigns = (response.body.campaigns ?? response.body) as Array<{ campaignId: string; beneficiariesReached: number }>;
    expect(campaigns.find((c) => c.campaignId === CAMPAIGN)?.beneficiariesReached).toBe(6);
  });
});
