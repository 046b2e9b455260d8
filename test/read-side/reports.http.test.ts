import './esm-interop';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parse as parseCsv } from 'csv-parse/sync';
import { DOCUMENT_TITLES, FINANCIAL_LINE_LABELS, REPORT_TITLES, type ReportName, SUMMARY_LABELS, XLSX_HEADER_ROW } from '../../src/reports';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import { call, campaignBody, donationBody, expectStatus, openFund, vnTimestamp } from '../http/support/http-helpers';
import { CAMPAIGN, FUND, type History, writeHistory, YEAR } from './scripted-history';
import { jsonWithInstants, loadWorkbook, rowLabelled, sheetTexts, tableAsJson, tableRows, valueOf } from './xlsx-reading';

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
 * A table's CSV cells turned back into JSON values: empty is null, true/false are booleans, money
 * is plain digits (no separators, so any program reads it), counts are numbers.
 */
function backToJson(json: ReportJson, lines: string[][]): Record<string, unknown>[] {
  const numeric = new Set(['rank', 'donations', 'beneficiariesReached']);
  return lines.map((cells) => Object.fromEntries(json.columns.map((column, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') return [column.key, null];
    if (cell === 'true' || cell === 'false') return [column.key, cell === 'true'];
    if (column.money) {
      expect(cell).toMatch(/^-?\d+$/);
      return [column.key, cell];
    }
    if (numeric.has(column.key)) return [column.key, Number(cell)];
    return [column.key, cell];
  })));
}

/** The CSV's table and its trailing comment line, which api-v2.md puts after the last row. */
function csvParts(text: string): { table: string[][]; trailer: string } {
  const lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  const trailer = lines.pop() as string;
  return { table: parseCsv(lines.join('\r\n'), { bom: true, relaxColumnCount: false }) as string[][], trailer };
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
      restrictionId: `campaign:${CAMPAIGN}`, purpose: 'Ủng hộ đồng bào bị bão Yagi', component: 'general', campaignId: CAMPAIGN, campaignName: 'Ủng hộ đồng bào bị bão Yagi',
      received: '3500000', disbursed: '1000000', held: '0', outstandingEmergency: '0', available: '2500000',
    }]);
  });

  it('campaigns: received, distributed, people reached, remaining and the Decree 93/2021 deadlines', async () => {
    const body = await report('campaigns');
    const figures = {
      campaignId: CAMPAIGN, kind: 'disaster', received: '3500000', inKindReceived: '0', distributed: '1000000', beneficiariesReached: 1,
      remaining: '2500000', receivingWithin90Days: true,
    };
    // With no end, the books stand where the log was recorded: distributeUntil has not come yet.
    expect(body.rows).toEqual([expect.objectContaining({ ...figures, distributedByDeadline: null, undistributedAtDeadline: null })]);
    // A period that ends after distributeUntil: 2.500.000 of what it received is not paid out by it (R7).
    const pastDeadline = new Date(Date.parse(String(body.rows[0].distributeUntil)) + 86_400_000).toISOString().slice(0, 10);
    const ended = await report('campaigns', `${THIS_YEAR}&to=${pastDeadline}`);
    expect(ended.rows).toEqual([expect.objectContaining({ ...figures, distributedByDeadline: false, undistributedAtDeadline: '2500000' })]);
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
    expect(body.summary).toEqual({ cashReceived: '6812500', inKindReceived: '3000000', paidToRecipients: '1900000', inKindUsed: '0' });
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


describe('a campaigns report with no end', () => {
  it('R7: a distribution deadline still to come is not due (null), by when the report\'s position was recorded; the same at that position later', async () => {
    const fund = 'quy-han-chot';
    await openFund(ledger, fund);
    expectStatus(await call(ledger, 'post', `/v1/funds/${fund}/campaigns`, campaignBody({ campaignId: 'lu-sap-toi', receiveUntil: vnTimestamp(30), distributeUntil: vnTimestamp(45) })), 201);
    const accountant = (await ledger.user('Kế toán Hạn', ['accountant'])).token;
    const gift = await call(ledger, 'post', `/v1/funds/${fund}/donations`, donationBody({ amount: '2000000', campaignId: 'lu-sap-toi' }), { token: accountant });
    expectStatus(gift, 201);
    const read = (query: string) => ledger.http().get(`/v1/funds/${fund}/reports/campaigns?${query}`).set('Authorization', `Bearer ${history.actors.auditor}`);
    const open = await read(`minPosition=${String(gift.body.position)}`);
    expect(open.status).toBe(200);
    const row = (open.body as { rows: Record<string, unknown>[] }).rows.find((r) => r.campaignId === 'lu-sap-toi');
    expect(row).toMatchObject({ distributedByDeadline: null, undistributedAtDeadline: null });
    // Read again at the same position, the same document.
    const again = await read(`atPosition=${String(open.body.position)}`);
    expect(again.body.sha256).toBe(open.body.sha256);
  });
});

describe('CSV, for programs', () => {
  it.each(['designations', 'campaigns', 'donors', 'disclosure', 'financial'])('%s: parsed back with csv-parse it equals the JSON', async (name) => {
    const json = await report(name);
    const csv = await get(`/v1/funds/${FUND}/reports/${name}?${THIS_YEAR}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-report-sha256']).toBe(json.sha256);
    expect(csv.headers['x-report-position']).toBe(String(json.position));
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${FUND}-${name}-${json.position}.csv"`);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const { table, trailer } = csvParts(csv.text);
    const [headings, ...lines] = table;
    expect(headings).toEqual(json.columns.map((c) => c.heading));
    expect(lines).toHaveLength(json.rows.length);
    expect(backToJson(json, lines)).toEqual(json.rows);
    expect(trailer).toBe(`# position=${json.position} sha256=${json.sha256}`);
  });

  it('writes money as plain digits, dates as recorded (ISO 8601) and codes as codes', async () => {
    const financial = await get(`/v1/funds/${FUND}/reports/financial?${THIS_YEAR}&format=csv`);
    expect(financial.text).toContain('Mã chỉ tiêu,Chỉ tiêu,Số tiền');
    expect(financial.text).toContain('closing,Số dư cuối kỳ,9912500\r\n');
    const campaigns = await report('campaigns');
    const campaignsCsv = (await get(`/v1/funds/${FUND}/reports/campaigns?${THIS_YEAR}&format=csv`)).text;
    expect(campaignsCsv).toContain(`,disaster,${String(campaigns.rows[0].receiveFrom)},`);
    expect(String(campaigns.rows[0].receiveFrom)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const donorsCsv = (await get(`/v1/funds/${FUND}/reports/donors?${THIS_YEAR}&format=csv`)).text;
    expect(donorsCsv).toContain(',Hợp tác xã Tân Phú,organization,1,3000000\r\n');
  });

  it('R8 ?atPosition= : the trailing line states the earlier position and the sha256 of the JSON at it', async () => {
    const earlier = history.lastPosition - 6;
    const json = await report('financial', `${THIS_YEAR}&atPosition=${earlier}`);
    const csv = await get(`/v1/funds/${FUND}/reports/financial?${THIS_YEAR}&atPosition=${earlier}&format=csv`);
    expect(json.position).toBe(earlier);
    expect(csvParts(csv.text).trailer).toBe(`# position=${earlier} sha256=${json.sha256}`);
  });

  it('refuses an unknown report or format', async () => {
    expect((await get(`/v1/funds/${FUND}/reports/secret`)).status).toBe(400);
    expect((await get(`/v1/funds/${FUND}/reports/financial?format=pdf`)).status).toBe(400);
  });
});

describe('XLSX, the document for the finance office', () => {
  const REPORT_NAMES = ['designations', 'campaigns', 'donors', 'disclosure', 'financial'] as const;
  const xlsx = async (name: string, query = THIS_YEAR) => {
    const response = await get(`/v1/funds/${FUND}/reports/${name}?${query}&format=xlsx`).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await loadWorkbook(response.body as Buffer);
    return { response, workbook, table: workbook.worksheets[0], info: workbook.worksheets[1] };
  };

  it.each(REPORT_NAMES.filter((name) => name !== 'financial'))('%s: read back with exceljs the table equals the JSON', async (name) => {
    const json = await report(name);
    const { response, table } = await xlsx(name);
    expect(response.headers['x-report-sha256']).toBe(json.sha256);
    expect(response.headers['x-report-position']).toBe(String(json.position));
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${FUND}-${name}-${json.position}.xlsx"`);
    expect(json.columns.map((_c, i) => table.getRow(XLSX_HEADER_ROW).getCell(i + 1).value)).toEqual(json.columns.map((c) => c.heading));
    expect(tableAsJson(table, json, name)).toEqual(jsonWithInstants(json, name));
  });

  it('designations: a pool\'s campaign reads by its name under "Tên đợt vận động", its code kept in "Mã đợt vận động"; the CSV has both', async () => {
    const json = await report('designations', '');
    const { table } = await xlsx('designations', 'from=2000-01-01');
    const headings = table.getRow(XLSX_HEADER_ROW);
    const column = (heading: string) => json.columns.findIndex((c) => c.heading === heading) + 1;
    expect(headings.getCell(column('Tên đợt vận động')).value).toBe('Tên đợt vận động');
    const row = rowLabelled(table, 'Chiến dịch bao-yagi');
    expect(row?.getCell(column('Tên đợt vận động')).value).toBe('Ủng hộ đồng bào bị bão Yagi');
    expect(row?.getCell(column('Mã đợt vận động')).value).toBe(CAMPAIGN);
    const csv = await get(`/v1/funds/${FUND}/reports/designations?format=csv`);
    const { table: lines } = csvParts(csv.text);
    expect(lines[0].slice(3, 5)).toEqual(['Mã đợt vận động', 'Tên đợt vận động']);
    expect(lines[1].slice(3, 5)).toEqual([CAMPAIGN, 'Ủng hộ đồng bào bị bão Yagi']);
  });

  it('money cells are numbers with a thousands format, so SUM over the money column gives the report\'s total', async () => {
    const json = await report('donors');
    const { table } = await xlsx('donors');
    const column = json.columns.findIndex((c) => c.key === 'total') + 1;
    const cells = tableRows(table, json.columns.length, (first) => typeof first === 'number').map((cells) => cells[column - 1]);
    expect(cells).toHaveLength(json.rows.length);
    for (const cell of cells) {
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toBe('#,##0');
    }
    const sum = cells.reduce((total, cell) => total + (cell.value as number), 0);
    expect(String(sum)).toBe(json.summary.total);
    const total = rowLabelled(table, 'Tổng cộng')?.getCell(column);
    const letter = String.fromCharCode(64 + column);
    expect(total?.value).toEqual({ formula: `SUM(${letter}${XLSX_HEADER_ROW + 1}:${letter}${XLSX_HEADER_ROW + json.rows.length})`, result: Number(json.summary.total) });
  });

  it('the disclosure totals each part: received, in kind and paid agree with its summary', async () => {
    const json = await report('disclosure');
    const { table } = await xlsx('disclosure');
    const column = (key: string) => json.columns.findIndex((c) => c.key === key) + 1;
    const received = rowLabelled(table, 'Cộng tiếp nhận');
    expect(valueOf(received!.getCell(column('cash')))).toBe(Number(json.summary.cashReceived));
    expect(valueOf(received!.getCell(column('inKindValue')))).toBe(Number(json.summary.inKindReceived));
    expect(valueOf(rowLabelled(table, 'Cộng phân phối, sử dụng')!.getCell(column('cash')))).toBe(Number(json.summary.paidToRecipients));
    expect(sheetTexts(table)).toEqual(expect.arrayContaining(['I. TIẾP NHẬN', 'II. PHÂN PHỐI, SỬ DỤNG', 'III. KẾT QUẢ SỬ DỤNG THEO KHOẢN CHỈ ĐỊNH']));
  });

  it('dates are Excel dates in Vietnam time with a dd/mm/yyyy hh:mm format, whatever offset they were recorded with', async () => {
    const json = await report('disclosure');
    const { table } = await xlsx('disclosure');
    const dateColumn = json.columns.findIndex((c) => c.key === 'date') + 1;
    const first = json.rows.find((r) => r.section === 'donation') as Record<string, string>;
    const cell = tableRows(table, json.columns.length, (value) => value === 'Tiếp nhận')[0][dateColumn - 1];
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('dd/mm/yyyy hh:mm');
    // The Excel date holds the Vietnam wall clock: 7 hours ahead of the instant.
    expect(Math.round(((cell.value as Date).getTime() - Date.parse(first.date)) / 1000)).toBe(7 * 3600);
  });

  it.each(REPORT_NAMES)('%s: every code has its Vietnamese label; no code or summary key is left in the workbook', async (name) => {
    const json = await report(name);
    const { table, info } = await xlsx(name);
    const texts = [...sheetTexts(table), ...sheetTexts(info)];
    const codes = ['disaster', 'humanitarian_month', 'organization', 'individual', 'anonymous', 'donation', 'donation-reversal', 'recipient', 'result',
      'general', 'emergency-relief', 'opening', 'closing', 'receipts.total', 'payments.total', 'true', 'false', ...Object.keys(json.summary)]
      // The report's own name is the one identifier kept: "Thông tin" states it, to fetch the JSON by.
      .filter((code) => code !== name);
    for (const code of codes) expect({ code, found: texts.includes(code) }).toEqual({ code, found: false });
    expect(texts.some((text) => /withinCap|=\s*true/.test(text))).toBe(false);
    if (name === 'campaigns') expect(texts).toContain('Thiên tai, thảm họa');
    if (name === 'donors') expect(texts).toEqual(expect.arrayContaining(['Tổ chức', 'Cá nhân', 'Ẩn danh']));
    if (name === 'designations') expect(texts).toContain('Quỹ chung');
  });

  it.each(REPORT_NAMES)('%s: title block, frozen heading, signatures, and widths that fit the content', async (name) => {
    const json = await report(name);
    const { table } = await xlsx(name);
    const texts = sheetTexts(table);
    expect(texts.slice(0, 8)).toEqual([
      'Quỹ hoạt động Chữ thập đỏ huyện Đức Phổ (mã quỹ: quy-doc)', DOCUMENT_TITLES[name as ReportName], `Từ ngày 01/01/${YEAR}`,
      `Số liệu tại vị trí nhật ký (log position): ${json.position}`, `SHA-256: ${json.sha256}`, 'Đơn vị tính: đồng',
      ...(name === 'financial' ? ['STT', 'Chỉ tiêu'] : json.columns.slice(0, 2).map((c) => c.heading)),
    ]);
    expect(table.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    const signatures = ['Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị'].map((title) => rowLabelled(table, title, 1)?.number ?? texts.indexOf(title));
    for (const title of ['Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị', '(Ký, họ tên, đóng dấu)']) expect(texts).toContain(title);
    expect(texts.indexOf('Người lập biểu')).toBeGreaterThan(texts.indexOf(name === 'disclosure' ? 'Cộng' : name === 'financial' ? 'Số dư cuối kỳ' : 'Tổng cộng'));
    expect(signatures.length).toBe(3);
    // Every text cell of the table fits its column (or wraps past 60 characters): no name cut at 13.
    table.eachRow((row, number) => {
      if (number <= XLSX_HEADER_ROW) return;
      row.eachCell((cell, column) => {
        if (typeof cell.value !== 'string' || cell.isMerged || number > table.rowCount - 8) return;
        expect({ text: cell.value, fits: (table.getColumn(column).width ?? 0) >= Math.min(60, cell.value.length) }).toEqual({ text: cell.value, fits: true });
      });
    });
  });

  it('financial: a receipts-and-payments statement whose figures tie to the JSON report', async () => {
    const json = await report('financial');
    const { table } = await xlsx('financial');
    const amount = (line: string) => Number(json.rows.find((r) => r.line === line)?.amount);
    const figure = (label: string) => valueOf(rowLabelled(table, label, 2)!.getCell(3));
    const roman = (label: string) => rowLabelled(table, label, 2)!.getCell(1).value;
    expect([roman('Số dư đầu kỳ'), roman('Tổng số thu trong kỳ'), roman('Tổng số chi trong kỳ'), roman('Số dư cuối kỳ')]).toEqual(['I', 'II', 'III', 'IV']);
    expect(figure('Số dư đầu kỳ')).toBe(5_000_000);
    expect(figure('Thu đóng góp tự nguyện, tài trợ')).toBe(6_812_500);
    expect(figure('Tổng số thu trong kỳ')).toBe(amount('receipts.total'));
    expect(figure('Chi cứu trợ')).toBe(1_000_000);
    expect(figure('Chi phí quản lý')).toBe(100_000);
    expect(figure('Chi cứu trợ khẩn cấp (đã quyết toán)')).toBe(800_000);
    expect(figure('Tổng số chi trong kỳ')).toBe(amount('payments.total'));
    expect(figure('Số dư cuối kỳ')).toBe(9_912_500);
    // The totals are formulas over the lines above them, so the sheet still adds up when an accountant checks it.
    const receipts = rowLabelled(table, 'Tổng số thu trong kỳ', 2)!;
    expect(receipts.getCell(3).value).toMatchObject({ formula: `SUM(C${receipts.number + 1}:C${receipts.number + 5})` });
    let sum = 0;
    for (let n = receipts.number + 1; n <= receipts.number + 5; n += 1) sum += table.getRow(n).getCell(3).value as number;
    expect(sum).toBe(amount('receipts.total'));
    expect(rowLabelled(table, 'Số dư cuối kỳ', 2)!.getCell(3).value).toMatchObject({ formula: expect.stringMatching(/^C\d+\+C\d+-C\d+$/) });
    expect(figure('Chi phí quản lý của năm không vượt mức tối đa của năm (kể cả phần chưa dùng các năm trước chuyển sang)')).toBe('Có');
    expect(figure('Tỷ lệ chi phí quản lý tối đa (%)')).toBe(10);
    for (const row of json.rows) expect(typeof figure(FINANCIAL_LINE_LABELS[String(row.line)])).toBe('number');
  });

  it.each(REPORT_NAMES)('%s: the provenance in "Thông tin" and the document properties, with ?atPosition= too', async (name) => {
    const earlier = history.lastPosition - 6;
    const json = await report(name, `${THIS_YEAR}&atPosition=${earlier}`);
    const { workbook, table, info } = await xlsx(name, `${THIS_YEAR}&atPosition=${earlier}`);
    expect(json.position).toBe(earlier);
    expect(sheetTexts(table)).toEqual(expect.arrayContaining([`Số liệu tại vị trí nhật ký (log position): ${earlier}`, `SHA-256: ${json.sha256}`]));
    expect(info.name).toBe('Thông tin');
    const facts = new Map<string, unknown>();
    info.eachRow((row, index) => {
      if (index > 1) facts.set(String(row.getCell(1).value), valueOf(row.getCell(2)));
    });
    // A number a person reads as one, and the report by its Vietnamese name only (the code is in the document properties).
    expect(facts.get('Vị trí nhật ký (position)')).toBe(earlier);
    expect(facts.get('SHA-256')).toBe(json.sha256);
    expect(facts.get('Tên báo cáo')).toBe(REPORT_TITLES[name as ReportName]);
    expect([...facts.values()]).not.toContain(name);
    expect(workbook.category).toBe(name);
    expect(facts.get('Mã quỹ (fundId)')).toBe(FUND);
    expect(facts.get('Từ ngày (from)')).toEqual(new Date(`${YEAR}-01-01T00:00:00.000Z`));
    for (const key of Object.keys(json.summary)) expect(facts.has(SUMMARY_LABELS[key].label)).toBe(true);
    expect(workbook.keywords).toContain(`sha256:${json.sha256}`);
    expect(workbook.description).toContain(json.sha256);
    expect(workbook.subject).toContain(String(earlier));
  });
});
