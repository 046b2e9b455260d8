/**
 * One fund's history, written through the real API, whose figures the read-side tests work out
 * by hand. Business dates are recent (this year), because management cost is capped against the
 * base of the fiscal year the server is in; one donation lies in the previous year to give the
 * financial report an opening balance.
 */
import { ADMIN_TOKEN, type TestLedger } from '../support/ledger-app';
import { vietnamYearOf } from '../http/support/http-helpers';

export const FUND = 'quy-doc';
export const CAMPAIGN = 'bao-yagi';
export const HOUR_MS = 60 * 60 * 1000;
/** The year in Vietnam now: the year of the history's entries (see historyClock). */
export const YEAR = vietnamYearOf(Date.now());

/**
 * When the history starts and how long each of its hours lasts: ten hours before now; in the first
 * ten hours of a year in Vietnam, from the year's first second, its hours shortened to end before
 * now, so that every entry is dated this year, as the reports of this year expect, and none later
 * than now.
 */
export function historyClock(nowMs: number = Date.now()): { startMs: number; hourMs: number } {
  const yearStart = Date.parse(`${vietnamYearOf(nowMs)}-01-01T00:00:00+07:00`);
  if (nowMs - 10 * HOUR_MS >= yearStart) return { startMs: nowMs - 10 * HOUR_MS, hourMs: HOUR_MS };
  return { startMs: yearStart + 1000, hourMs: Math.max(0, nowMs - yearStart - 2000) / 10 };
}

/** A Vietnam-time ISO timestamp `hoursAgo` hours before the script starts, to the minute. */
export function vnTime(ms: number): string {
  const local = new Date(ms + 7 * HOUR_MS).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

export interface Actors {
  accountant: string;
  approver: string;
  coordinator: string;
  auditor: string;
}

export interface History {
  actors: Actors;
  ids: Record<string, string>;
  lastPosition: number;
  startMs: number;
  /** How long an hour of the history lasts: an hour but in the first hours of a year (historyClock). */
  hourMs: number;
}

type Http = TestLedger['http'];

async function send(http: Http, token: string, path: string, body: unknown, expected = [200, 201]): Promise<Record<string, unknown>> {
  const response = await http().post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  if (!expected.includes(response.status)) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

export interface HistoryOptions {
  /** Called after each fund command with the position its answer carried, before the next command is sent. */
  afterCommand?: (position: number) => Promise<void>;
}

export async function writeHistory(ledger: TestLedger, options: HistoryOptions = {}): Promise<History> {
  const http = ledger.http;
  const command = async (_http: Http, token: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
    const answer = await send(_http, token, path, body);
    await options.afterCommand?.(Number(answer.position));
    return answer;
  };
  const actors: Actors = {
    accountant: (await ledger.user('ke-toan', ['accountant'])).token,
    approver: (await ledger.user('duyet', ['approver'])).token,
    coordinator: (await ledger.user('dieu-phoi', ['coordinator'])).token,
    auditor: (await ledger.user('kiem-toan', ['auditor'])).token,
  };
  const { startMs, hourMs } = historyClock();
  const at = (hours: number) => vnTime(startMs + hours * hourMs);
  const ids: Record<string, string> = {};
  await command(http, ADMIN_TOKEN, '/v1/funds', { fundId: FUND, name: 'Quỹ hoạt động Chữ thập đỏ huyện Đức Phổ' });
  await command(http, actors.accountant, `/v1/funds/${FUND}/campaigns`, {
    campaignId: CAMPAIGN, name: 'Ủng hộ đồng bào bị bão Yagi', kind: 'disaster',
    receiveFrom: vnTime(startMs - 24 * HOUR_MS), receiveUntil: vnTime(startMs + 30 * 24 * HOUR_MS),
  });
  const donate = async (name: string, body: Record<string, unknown>) => {
    const result = await command(http, actors.accountant, `/v1/funds/${FUND}/donations`, { channel: 'bank_transfer', ...body });
    ids[name] = String(result.donationId);
  };
  const individual = (n: string, publicName: string | null = null, contact: string | null = null) => ({ name: n, kind: 'individual', publicName, taxCode: null, address: null, contact });
  // D0: last year, unrestricted: the opening balance of this year.
  await donate('d0', { amount: '5000000', receivedAt: `${YEAR - 1}-12-15T10:00:00+07:00`, donor: individual('Phạm Minh Tuấn'), reference: 'FT000' });
  // D1, D2: the disaster campaign (restricted to it).
  await donate('d1', { amount: '1500000', receivedAt: at(1), donor: individual('Nguyễn Văn An', 'Nguyễn V. A.', '0909123456'), reference: 'FT001', campaignId: CAMPAIGN });
  await donate('d2', {
    amount: '2000000', receivedAt: at(2), reference: 'FT002', campaignId: CAMPAIGN,
    donor: { name: 'Công ty TNHH Đông Á', kind: 'organization', publicName: null, taxCode: '0312345678', address: '12 Lê Lợi, Quảng Ngãi', contact: 'lienhe@donga.vn' },
  });
  // D3: a USD gift to the emergency-relief component: 100.50 × 25000 = 2,512,500 VND.
  await donate('d3', { amount: '100.50', currency: 'USD', fxRate: '25000', receivedAt: at(3), donor: individual('Trần Thị Bích'), reference: 'FT003', component: 'emergency-relief' });
  // D4: anonymous, with a contact that must never be published.
  await donate('d4', { amount: '500000', receivedAt: at(4), donor: { name: 'Lê Bí Mật', kind: 'anonymous', publicName: null, taxCode: null, address: null, contact: 'bimat@example.vn' }, reference: 'FT004' });
  // D5: in kind, 10 bags of rice valued 3,000,000 VND.
  await donate('d5', {
    amount: '3000000', channel: 'in_kind', receivedAt: at(5), reference: 'PN005',
    donor: { name: 'Hợp tác xã Tân Phú', kind: 'organization', publicName: null, taxCode: null, address: null, contact: null },
    inKind: { description: 'Gạo tẻ', quantity: '10', unit: 'bao 25 kg', valuationMethod: 'giá thị trường' },
  });
  // D6 is reversed; D7 is the same donor again.
  await donate('d6', { amount: '700000', receivedAt: at(6), donor: individual('Nguyễn Văn An', 'Nguyễn V. A.'), reference: 'FT006' });
  await command(http, actors.accountant, `/v1/funds/${FUND}/reversals`, { entryId: ids.d6, reason: 'Ghi trùng' });
  await donate('d7', { amount: '300000', receivedAt: at(7), donor: individual('Nguyễn Văn An', 'Nguyễn V. A.'), reference: 'FT007' });
  // R1: relief from the campaign pool, paid. R2: management cost, paid. R3: requested, held.
  // Each is requested on a business date before it is paid (a payment is never dated before its request).
  const disburse = async (name: string, body: Record<string, unknown>) => {
    const result = await command(http, actors.accountant, `/v1/funds/${FUND}/disbursements`, body);
    ids[name] = String(result.disbursementId);
  };
  await disburse('r1', { amount: '1000000', kind: 'relief', component: 'general', campaignId: CAMPAIGN, restrictionId: `campaign:${CAMPAIGN}`, purpose: 'Gạo và nước cho hộ bị ngập', beneficiary: 'Hộ bà Nguyễn Thị Cúc', requestedAt: at(7.5) });
  await command(http, actors.approver, `/v1/funds/${FUND}/disbursements/${ids.r1}/approve`, {});
  await command(http, actors.approver, `/v1/funds/${FUND}/disbursements/${ids.r1}/pay`, { paidAt: at(8), reference: 'UNC-001' });
  await disburse('r2', { amount: '100000', kind: 'management_cost', component: 'general', purpose: 'Phí chuyển tiền', beneficiary: 'Ngân hàng', requestedAt: at(8.2) });
  await command(http, actors.approver, `/v1/funds/${FUND}/disbursements/${ids.r2}/approve`, {});
  await command(http, actors.approver, `/v1/funds/${FUND}/disbursements/${ids.r2}/pay`, { paidAt: at(8.5), reference: 'UNC-002' });
  await disburse('r3', { amount: '400000', kind: 'humanitarian', component: 'general', purpose: 'Học bổng', beneficiary: 'Em Lê Văn Tí', requestedAt: at(8.7) });
  // E1: released and settled (800,000 spent, 200,000 returned). E2: still open.
  const e1 = await command(http, actors.coordinator, `/v1/funds/${FUND}/emergency-releases`, { amount: '1000000', component: 'emergency-relief', incident: 'Sạt lở thôn 3', recipient: 'Ban chỉ huy xã Phổ Châu' });
  ids.e1 = String(e1.releaseId);
  await command(http, actors.coordinator, `/v1/funds/${FUND}/emergency-releases/${ids.e1}/settle`, { spent: '800000', returned: '200000', evidence: ['bien-ban.pdf'] });
  const e2 = await command(http, actors.coordinator, `/v1/funds/${FUND}/emergency-releases`, { amount: '500000', component: 'emergency-relief', incident: 'Lốc xoáy', recipient: 'Xã Phổ Thạnh' });
  ids.e2 = String(e2.releaseId);
  return { actors, ids, lastPosition: Number(e2.position), startMs, hourMs };
}
