import './esm-interop';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { CAMPAIGN, FUND, type History, writeHistory, YEAR } from './scripted-history';

let ledger: TestLedger;
let history: History;

beforeAll(async () => {
  ledger = await startTestLedger();
  history = await writeHistory(ledger);
});
afterAll(async () => ledger?.close());

const THIS_YEAR = `from=${YEAR}-01-01`;
const get = (path: string) => ledger.http().get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${history.lastPosition}`)
  .set('Authorization', `Bearer ${history.actors.auditor}`);
const report = async (name: string, query = THIS_YEAR) => {
  const response = await get(`/v1/funds/${FUND}/reports/${name}?${query}`);
  expect(response.status).toBe(200);
  return response.body as { rows: Record<string, unknown>[]; summary: Record<string, unknown>; columns: { key: string; heading: string; money?: boolean }[]; sha256: string; position: number };
};

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && body[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

describe('reports on a scripted history, figures worked out by hand', () => {
  it('financial: opening 5.000.000 (last year), receipts 6.812.500, payments 1.900.000, closing 9.912.500', async () => {
    const body = await report('financial');
    const amount = (line: string) => body.rows.find((r) => r.line === line)?.amount;
    expect(amount('opening')).toBe('5000000');
    // 1.500.000 + 2.000.000 + 2.512.500 (USD 100.50 × 25.000) + 500.000 + 700.000 − 700.000 (reversed) + 300.000; in kind is not cash.
    expect(amount('receipts.voluntary_contribution')).toBe('6812500');
    expect(amount('receipts.interest')).toBe('0');
    expect(amount('receipts.total')).toBe('6812500');
    expect(amount('payments.relief')).toBe('1000000');
    expect(amount('payments.management_cost')).toBe('100000');
    expect(amount('payments.humanitarian')).toBe('0'); // requested, not paid
    expect(amount('payments.emergency')).toBe('800000');
    expect(amount('payments.total')).toBe('1900000');
    expect(amount('closing')).toBe('9912500');
    expect(body.summary).toMatchObject({ managementCost: '100000', managementCostCapPercent: '5', withinCap: true });
  });

  it('designations: the disaster campaign pool received 3.500.000, spent 1.000.000, 2.500.000 left', async () => {
    const body = await report('designations', '');
    expect(body.rows).toEqual([{
      restrictionId: `campaign:${CAMPAIGN}`, purpose: 'Ủng hộ đồng bào bị bão Yagi', component: 'general', campaignId: CAMPAIGN,
      received: '3500000', disbursed: '1000000', held: '0', outstandingEmergency: '0', available: '2500000',
    }]);
  });

  it('campaigns: received, distributed, people reached, remaining and the Decree 93/2021 deadlines', async () => {
    const body = await report('campaigns');
    expect(body.rows).toEqual([expect.objectContaining({
      campaignId: CAMPAIGN, kind: 'disaster', received: '3500000', inKindReceived: '0', distributed: '1000000', beneficiariesReached: 1,
      remaining: '2500000', receivingWithin90Days: true, distributedByDeadline: true,
    })]);
  });

  it('donors: honour list by total given this year, the reversed gift left out, the anonymous donor kept anonymous', async () => {
    const body = await report('donors');
    expect(body.rows.map((r) => [r.rank, r.donorName, r.donations, r.total])).toEqual([
      [1, 'Hợp tác xã Tân Phú', 1, '3000000'],
      [2, 'Trần Thị Bích', 1, '2512500'],
      [3, 'Công ty TNHH Đông Á', 1, '2000000'],
      [4, 'Nguyễn V. A.', 2, '1800000'],
      [5, 'Ẩn danh', 1, '500000'],
    ]);
    expect(JSON.stringify(body)).not.toContain('Lê Bí Mật');
  });

  it('disclosure: published donor names, in kind with value, recipients and the result per restricted pool', async () => {
    const body = await report('disclosure');
    const section = (name: string) => body.rows.filter((r) => r.section === name);
    expect(section('donation').map((r) => [r.name, r.cash, r.inKindValue])).toEqual([
      ['Nguyễn V. A.', '1500000', '0'], ['Công ty TNHH Đông Á', '2000000', '0'], ['Trần Thị Bích', '2512500', '0'],
      ['Ẩn danh', '500000', '0'], ['Hợp tác xã Tân Phú', '0', '3000000'], ['Nguyễn V. A.', '300000', '0'],
    ]);
    expect(section('donation')[4].description).toBe('Gạo tẻ (10 bao 25 kg)');
    expect(section('recipient').map((r) => [r.name, r.cash])).toEqual([
      ['Hộ bà Nguyễn Thị Cúc', '1000000'], ['Ngân hàng', '100000'], ['Ban chỉ huy xã Phổ Châu', '800000'],
    ]);
    expect(section('result').map((r) => [r.reference, r.cash, r.used, r.remaining])).toEqual([[`campaign:${CAMPAIGN}`, '3500000', '1000000', '2500000']]);
    expect(body.summary).toEqual({ cashReceived: '6812500', inKindReceived: '3000000', paidToRecipients: '1900000' });
    for (const secret of ['0909123456', '0312345678', 'lienhe@donga.vn', 'bimat@example.vn', 'Lê Bí Mật']) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('states its log position and a sha256 of its canonical content that an auditor can recompute', async () => {
    const first = await report('financial');
    const again = await report('financial');
    expect(first.position).toBeGreaterThanOrEqual(history.lastPosition);
    const { sha256, ...content } = first;
    expect(createHash('sha256').update(canonicalize(content) ?? '').digest('hex')).toBe(sha256);
    if (again.position === first.position) expect(again.sha256).toBe(sha256);
  });
});

describe('CSV', () => {
  it.each(['designations', 'campaigns', 'donors', 'disclosure', 'financial'])('%s: parsed back it equals the JSON', async (name) => {
    const json = await report(name);
    const csv = await get(`/v1/funds/${FUND}/reports/${name}?${THIS_YEAR}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-report-sha256']).toBe(json.sha256);
    const [headings, ...lines] = parseCsv(csv.text);
    expect(headings).toEqual(json.columns.map((c) => c.heading));
    const numeric = new Set(['rank', 'donations', 'beneficiariesReached']);
    const back = lines.map((cells) => Object.fromEntries(json.columns.map((column, i) => {
      const cell = cells[i];
      if (cell === '') return [column.key, null];
      if (cell === 'Có' || cell === 'Không') return [column.key, cell === 'Có'];
      if (column.money) return [column.key, cell.replace(/\./g, '')];
      if (numeric.has(column.key)) return [column.key, Number(cell)];
      return [column.key, cell];
    })));
    expect(back).toEqual(json.rows);
  });

  it('formats VND the Vietnamese way and uses Vietnamese headings', async () => {
    const csv = await get(`/v1/funds/${FUND}/reports/financial?${THIS_YEAR}&format=csv`);
    expect(csv.text).toContain('Số dư cuối kỳ,9.912.500');
    expect(csv.text).toContain('Mã chỉ tiêu,Chỉ tiêu,Số tiền');
  });

  it('refuses an unknown report or format', async () => {
    expect((await get(`/v1/funds/${FUND}/reports/secret`)).status).toBe(400);
    expect((await get(`/v1/funds/${FUND}/reports/financial?format=pdf`)).status).toBe(400);
  });
});
