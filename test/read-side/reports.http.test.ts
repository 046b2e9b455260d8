import './esm-interop';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
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

type ReportJson = Awaited<ReturnType<typeof report>>;

/** Supertest hands a binary body over as a Buffer only when told how to collect it. */
const binary = (res: unknown, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * A table's cells as CSV or XLSX show them, turned back into JSON values: empty is null, Có/Không
 * are booleans, VND loses its thousands dots, counts are numbers.
 */
function backToJson(json: ReportJson, lines: (string | number | null)[][]): Record<string, unknown>[] {
  const numeric = new Set(['rank', 'donations', 'beneficiariesReached']);
  return lines.map((cells) => Object.fromEntries(json.columns.map((column, i) => {
    const cell = cells[i] ?? null;
    if (cell === null || cell === '') return [column.key, null];
    if (cell === 'Có' || cell === 'Không') return [column.key, cell === 'Có'];
    if (column.money) {
      expect(String(cell)).toMatch(/^-?\d{1,3}(\.\d{3})*$/);
      return [column.key, String(cell).replace(/\./g, '')];
    }
    if (numeric.has(column.key)) return [column.key, Number(cell)];
    return [column.key, cell];
  })));
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
    // The documented default policy: the board's share 5 %, the cap 10 % (api-v2.md); the year's working (R6) beside it.
    expect(body.summary).toMatchObject({
      managementCost: '100000', managementCostCapPercent: '10', withinCap: true,
      managementCostYear: YEAR, managementCostWarnPercent: '5', managementCostUsed: '100000', managementCostWarning: false,
    });
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
      remaining: '2500000', receivingWithin90Days: true,
      // R7: 2.500.000 of what it received is not paid out by distributeUntil.
      distributedByDeadline: false, undistributedAtDeadline: '2500000',
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
  it.each(['designations', 'campaigns', 'donors', 'disclosure', 'financial'])('%s: parsed back with csv-parse it equals the JSON', async (name) => {
    const json = await report(name);
    const csv = await get(`/v1/funds/${FUND}/reports/${name}?${THIS_YEAR}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-report-sha256']).toBe(json.sha256);
    expect(csv.headers['x-report-position']).toBe(String(json.position));
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${FUND}-${name}-${json.position}.csv"`);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const [headings, ...lines] = parseCsv(csv.text, { bom: true, relaxColumnCount: false }) as string[][];
    expect(headings).toEqual(json.columns.map((c) => c.heading));
    expect(lines).toHaveLength(json.rows.length);
    expect(backToJson(json, lines)).toEqual(json.rows);
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

describe('XLSX', () => {
  const xlsx = async (name: string) => {
    const response = await get(`/v1/funds/${FUND}/reports/${name}?${THIS_YEAR}&format=xlsx`).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    return { response, workbook };
  };

  it.each(['designations', 'campaigns', 'donors', 'disclosure', 'financial'])('%s: read back with exceljs it equals the JSON', async (name) => {
    const json = await report(name);
    const { response, workbook } = await xlsx(name);
    expect(response.headers['x-report-sha256']).toBe(json.sha256);
    expect(response.headers['x-report-position']).toBe(String(json.position));
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${FUND}-${name}-${json.position}.xlsx"`);
    const [table, info] = workbook.worksheets;
    const lines: (string | number | null)[][] = [];
    table.eachRow({ includeEmpty: true }, (row) => {
      lines.push(json.columns.map((_c, i) => row.getCell(i + 1).value as string | number | null));
    });
    const [headings, ...body] = lines;
    expect(headings).toEqual(json.columns.map((c) => c.heading));
    expect(body).toHaveLength(json.rows.length);
    expect(backToJson(json, body)).toEqual(json.rows);
    // VND cells are text exactly as in the CSV; counts are numbers.
    for (const [i, column] of json.columns.entries()) {
      for (const cells of body) {
        if (column.money && cells[i] !== null) expect(typeof cells[i]).toBe('string');
      }
    }

    // The provenance: position and sha256 in the "Thông tin" sheet and in the document properties.
    expect(info.name).toBe('Thông tin');
    const facts = new Map<string, unknown>();
    info.eachRow((row, index) => {
      if (index > 1) facts.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(facts.get('Vị trí nhật ký (position)')).toBe(String(json.position));
    expect(facts.get('SHA-256')).toBe(json.sha256);
    expect(facts.get('Báo cáo (report)')).toBe(name);
    expect(facts.get('Quỹ (fundId)')).toBe(FUND);
    expect(facts.get('Từ (from)')).toBe(`${YEAR}-01-01T00:00:00.000+07:00`);
    for (const [key, value] of Object.entries(json.summary)) expect(facts.get(`Tổng hợp: ${key}`)).toBe(value === null ? null : String(value));
    expect(workbook.keywords).toContain(`sha256:${json.sha256}`);
    expect(workbook.description).toContain(json.sha256);
    expect(workbook.subject).toContain(String(json.position));
  });

  it('shows VND as 1.500.000 and has Vietnamese headings', async () => {
    const { workbook } = await xlsx('financial');
    const table = workbook.worksheets[0];
    expect(table.getRow(1).values).toEqual([undefined, 'Mã chỉ tiêu', 'Chỉ tiêu', 'Số tiền']);
    const closing = table.getRows(2, table.rowCount - 1)?.find((row) => row.getCell(1).value === 'closing');
    expect(closing?.getCell(3).value).toBe('9.912.500');
  });
});
