/**
 * POST /v1/funds/:fundId/imports on the real application (Fastify, a real SQLite file): what a
 * statement books, what it reports, and that importing it again — or an overlapping one — books
 * each transfer once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DonationRecorded } from '../../src/domain/donation/donation.events';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { XLSX_CONTENT_TYPE } from '../../src/http/controllers/imports.controller';
import { ADMIN_TOKEN, countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import { expectStatus } from '../http/support/http-helpers';
import { genericCsv, type GenericLine, scratchFolder, xlsxFile } from './support/statements';

const FUND = 'ctd-yagi';
const CAMPAIGN = 'bao-yagi';
const ACCOUNT = '0011001932418';

let ledger: TestLedger;
let accountant: string;
let auditor: string;
const scratch = scratchFolder();

async function post(path: string, body: unknown, token = ADMIN_TOKEN): Promise<void> {
  const response = await ledger.http().post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
}

function importCsv(csv: string | Buffer, query = '', options: { token?: string; contentType?: string; fund?: string } = {}) {
  return ledger
    .http()
    .post(`/v1/funds/${options.fund ?? FUND}/imports${query}`)
    .set('Authorization', `Bearer ${options.token ?? accountant}`)
    .set('content-type', options.contentType ?? 'text/csv; charset=utf-8')
    .send(typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv);
}

async function donationEvents(): Promise<(StoredEvent & { data: DonationRecorded['data'] })[]> {
  const events: (StoredEvent & { data: DonationRecorded['data'] })[] = [];
  for await (const event of ledger.store.readAll()) {
    if (event.type === 'DonationRecorded' && event.streamId.startsWith(`ctd.donations.${FUND}.`)) events.push(event as StoredEvent & { data: DonationRecorded['data'] });
  }
  return events;
}

/** Receipt numbers of each fiscal year run 1, 2, 3, … without a gap. */
function expectGapless(events: { data: DonationRecorded['data'] }[]): void {
  const byYear = new Map<number, number[]>();
  for (const { data } of events) byYear.set(data.fiscalYear, [...(byYear.get(data.fiscalYear) ?? []), Number(data.receiptNo.split('-')[1])]);
  for (const numbers of byYear.values()) expect(numbers).toEqual(numbers.map((_n, index) => index + 1));
}

const line = (day: number, reference: string, credit: string, description: string, extra: Partial<GenericLine> = {}): GenericLine => ({
  date: `${String(day).padStart(2, '0')}/09/2024`, reference, credit, description, ...extra,
});

beforeAll(async () => {
  ledger = await startTestLedger();
  accountant = (await ledger.user('Kế toán Lan', ['accountant'])).token;
  auditor = (await ledger.user('Kiểm toán Bình', ['auditor'])).token;
  await post('/v1/funds', { fundId: FUND, name: 'Quỹ Chữ thập đỏ — Yagi' });
  await post(`/v1/funds/${FUND}/campaigns`, {
    campaignId: CAMPAIGN, name: 'Ủng hộ đồng bào bão Yagi', kind: 'disaster',
    receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-09-30T23:59:59+07:00', bankAccount: ACCOUNT,
  });
  await post(`/v1/funds/${FUND}/campaigns`, {
    campaignId: 'tet-2025', name: 'Tết Nhân ái 2025', kind: 'tet', receiveFrom: '2024-12-01T00:00:00+07:00', receiveUntil: '2025-02-28T23:59:59+07:00',
  });
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  scratch.remove();
});

describe('a statement', () => {
  const lines = [
    line(10, '5213.45946', '50.000', 'MBVCB.6916176124.CAO VIET TUAN chuyen tien.CT tu 0101001222009 CAO VIET TUAN toi 0011001932418 MAT TRAN'),
    line(10, '5241.83107', '1.000.000', '272986.100924.101858.DO DUC LOI chuyen tien'),
    { date: '10/09/2024', reference: '9915.10293', debit: '55.000', description: 'THU PHI DICH VU SMS' },
    line(11, '', '10.000', 'ung ho'),
    line(11, '', '10.000', 'ung ho'), // the same transfer twice on the statement: two donations
    line(11, '5220.60144', '2.000', 'chuyen tien', { counterparty: 'Nguyễn Thị Mai' }),
  ];
  const csv = genericCsv(lines);

  it('books each credit line as a bank_transfer donation with its source, receipts without gaps', async () => {
    const response = await importCsv(csv, `?campaignId=${CAMPAIGN}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      // The campaign's own money never pays a management cost (R7) and the fund has no other: its fee is left to decide.
      imported: 5, duplicates: 0, suspense: 0, debits: { fees: 0, interest: 0, unclassified: 1 }, skipped: 0, rejected: [], rejectedCount: 0, position: expect.any(Number),
      fileSha256: createHash('sha256').update(csv, 'utf8').digest('hex'), format: 'csv', profile: 'generic', bankAccount: ACCOUNT, rows: 6, complete: true,
      warnings: [expect.objectContaining({ code: 'FEE_NOT_COVERED' })], balanceCheck: { ok: true, checkedLines: 0 }, alreadyImported: false,
      statement: {
        statementId: `SK-${createHash('sha256').update(csv, 'utf8').digest('hex').slice(0, 16)}`, account: ACCOUNT, from: expect.stringMatching(/^2024-09-/),
        to: expect.stringMatching(/^2024-09-/), openingBalance: null, closingBalance: null, lines: 6, sha256: createHash('sha256').update(csv, 'utf8').digest('hex'),
      },
    });
    const events = await donationEvents();
    expect(events).toHaveLength(5);
    // The answer's position is the import's last event: the statement's record and its line to decide, after its donations.
    expect(response.body.position).toBeGreaterThan(events[events.length - 1].position);
    const last = [];
    for await (const event of ledger.store.readAll({ afterPosition: response.body.position - 2 })) last.push(event.type);
    expect(last).toEqual(['StatementImported', 'StatementLineUnclassified']);
    expectGapless(events);
    expect(events.map((event) => [event.data.donor.name, event.data.amountVnd, event.data.reference, event.data.source?.line])).toEqual([
      ['CAO VIET TUAN', '50000', '5213.45946', 2],
      ['DO DUC LOI', '1000000', '5241.83107', 3],
      ['Không rõ', '10000', null, 5],
      ['Không rõ', '10000', null, 6],
      ['Nguyễn Thị Mai', '2000', '5220.60144', 7],
    ]);
    const first = events[0];
    expect(first.data).toEqual(expect.objectContaining({
      channel: 'bank_transfer', campaignId: CAMPAIGN, restrictionId: `campaign:${CAMPAIGN}`, receivedAt: '2024-09-10T00:00:00+07:00',
      note: lines[0].description,
      source: { rowId: expect.stringMatching(/^[0-9a-f]{64}$/), fileSha256: response.body.fileSha256, line: 2, raw: csv.split('\r\n')[1], bankAccount: ACCOUNT },
    }));
    expect(first.metadata).toEqual(expect.objectContaining({ idempotencyKey: `statement-row:${FUND}:20240910:${first.data.source?.rowId}`, actor: expect.objectContaining({ roles: ['accountant'] }) }));
    expect(events[2].data.source?.rowId).not.toBe(events[3].data.source?.rowId);
    expect(events[2].data.donor.kind).toBe('anonymous');
  });

  it('the same file again books nothing and reports every credit line as a duplicate', async () => {
    const before = await countEvents(ledger.store);
    const response = await importCsv(csv, `?campaignId=${CAMPAIGN}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 0, duplicates: 5, debits: { fees: 0, interest: 0, unclassified: 1 }, rejected: [], alreadyImported: true }));
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('an overlapping statement books only the transfers not yet booked', async () => {
    const overlapping = genericCsv([
      lines[3], lines[4], lines[5], // already booked (the two identical lines included)
      line(11, '', '10.000', 'ung ho'), // a third identical transfer: new
      line(12, '5390.64042', '500.000', '0200970415090220272520240Ppe432198.64042. 202714.NGUYEN THI LAN HANH Quyen gop'),
    ]);
    const response = await importCsv(overlapping, `?campaignId=${CAMPAIGN}`);
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, duplicates: 3 }));
    const events = await donationEvents();
    expect(events).toHaveLength(7);
    expectGapless(events);
    expect(events.slice(-2).map((event) => event.data.donor.name)).toEqual(['Không rõ', 'NGUYEN THI LAN HANH']);
    // Two accountants importing overlapping statements share row identities: the key is the fund's.
    const again = await importCsv(overlapping, `?campaignId=${CAMPAIGN}`, { token: (await ledger.user('Kế toán Hòa', ['accountant'])).token });
    expect(again.body).toEqual(expect.objectContaining({ imported: 0, duplicates: 5 }));
  });
});

describe('bad lines', () => {
  it('are rejected with their line number and reason; the good lines of the file still import', async () => {
    const csv = genericCsv([
      line(15, 'A1', '100.000', 'NGUYEN VAN AN ung ho'),
      line(15, 'A2', '100.000,50', 'a fraction'),
      { date: '32/09/2024', reference: 'A3', credit: '10.000', description: 'no such day' },
      line(15, 'A4', '10.000', 'both', { debit: '10.000' }),
      { date: '', reference: 'A5', credit: '10.000', description: 'no date' },
      line(15, 'A6', '200.000', 'TRAN THI BINH chuyen tien'),
      line(15, 'x'.repeat(101), '10.000', 'a reference too long'),
    ]);
    const response = await importCsv(csv, `?campaignId=${CAMPAIGN}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, rejectedCount: 5 }));
    expect(response.body.rejected).toEqual([
      { line: 3, code: 'VALIDATION_FAILED', field: 'credit', message: expect.stringMatching(/fraction of a dong/) },
      { line: 4, code: 'VALIDATION_FAILED', field: 'date', message: expect.stringMatching(/not a calendar date/) },
      { line: 5, code: 'VALIDATION_FAILED', field: 'amount', message: expect.stringMatching(/both a credit and a debit/) },
      { line: 6, code: 'VALIDATION_FAILED', field: 'date', message: expect.stringMatching(/missing/) },
      { line: 8, code: 'VALIDATION_FAILED', field: 'reference', message: expect.stringMatching(/at most 100/) },
    ]);
  });

  it('rows before a campaign window are CAMPAIGN_NOT_OPEN; after its end they wait in its suspense pool (R14)', async () => {
    const csv = genericCsv([
      { date: '07/09/2024 23:59:59', reference: 'W1', credit: '10.000', description: 'too early' },
      { date: '08/09/2024 00:00:00', reference: 'W2', credit: '10.000', description: 'first moment' },
      { date: '30/09/2024 23:59:59', reference: 'W3', credit: '10.000', description: 'last moment' },
      { date: '01/10/2024 00:00:00', reference: 'W4', credit: '10.000', description: 'too late' },
    ]);
    const response = await importCsv(csv, `?campaignId=${CAMPAIGN}`);
    expect(response.body).toEqual(expect.objectContaining({ imported: 3, suspense: 1 }));
    expect(response.body.rejected).toEqual([{ line: 2, code: 'CAMPAIGN_NOT_OPEN', message: expect.stringMatching(/receives from/) }]);
    const late = (await donationEvents()).filter((event) => event.data.reference === 'W4');
    expect(late.map((event) => event.data.restrictionId)).toEqual([`suspense:${CAMPAIGN}`]);
  });

  it('rows across the new year go to each fiscal year\'s stream, each numbered from 1', async () => {
    const csv = genericCsv([
      { date: '31/12/2024 23:59:00', reference: 'Y1', credit: '10.000', description: 'TRAN VAN TET chuyen tien' },
      { date: '01/01/2025 00:01:00', reference: 'Y2', credit: '20.000', description: 'LE THI XUAN chuyen tien' },
    ]);
    const response = await importCsv(csv, '?campaignId=tet-2025&component=humanitarian&bankAccount=0071000123456');
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, bankAccount: '0071000123456' }));
    const events = (await donationEvents()).filter((event) => event.data.campaignId === 'tet-2025');
    expect(events.map((event) => [event.data.receiptNo, event.data.component])).toEqual([['2024-000013', 'humanitarian'], ['2025-000001', 'humanitarian']]);
  });
});

describe('xlsx', () => {
  it('imports the first sheet of an XLSX statement', async () => {
    const path = await xlsxFile(`${scratch.dir}/statement.xlsx`, [
      ['Ngày giao dịch', 'Số CT', 'Số tiền ghi có', 'Số tiền ghi nợ', 'Nội dung'],
      [new Date(Date.UTC(2024, 8, 16, 9, 30, 0)), 'X1', 300000, null, 'CT nhanh 247 den: PHAM THI THU chuyen tien'],
      ['16/09/2024', 'X2', '1.000.000', null, 'IBFT VU DUC TRONG Chuyen tien'],
    ]);
    const response = await importCsv(readFileSync(path), `?campaignId=${CAMPAIGN}`, { contentType: XLSX_CONTENT_TYPE });
    expectStatus(response, 200);
    expect(response.body).toEqual(expect.objectContaining({ imported: 2, format: 'xlsx', rejected: [] }));
    const events = (await donationEvents()).slice(-2);
    expect(events.map((event) => [event.data.receivedAt, event.data.donor.name])).toEqual([
      ['2024-09-16T09:30:00+07:00', 'PHAM THI THU'], ['2024-09-16T00:00:00+07:00', 'VU DUC TRONG'],
    ]);
  });
});

describe('refused imports append nothing', () => {
  const csv = genericCsv([line(20, 'R1', '10.000', 'x')]);

  it.each([
    ['an unknown fund', () => importCsv(csv, '', { fund: 'khong-co' }), 404, 'NOT_FOUND'],
    ['an unknown campaign', () => importCsv(csv, '?campaignId=khong-co'), 404, 'NOT_FOUND'],
    ['an unknown component', () => importCsv(csv, '?component=khong-co'), 422, 'UNKNOWN_COMPONENT'],
    ['an unknown profile', () => importCsv(csv, '?profile=sacombank'), 400, 'VALIDATION_FAILED'],
    ['an unknown query field', () => importCsv(csv, '?campaign=bao-yagi'), 400, 'VALIDATION_FAILED'],
    ['a file without a header', () => importCsv('hello,world\n1,2\n'), 400, 'UNKNOWN_LAYOUT'],
    ['an empty body', () => importCsv(''), 400, 'VALIDATION_FAILED'],
    ['a JSON body', () => importCsv(JSON.stringify({ csv }), '', { contentType: 'application/json' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a text/plain body', () => importCsv(csv, '', { contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['an auditor', () => importCsv(csv, '', { token: auditor }), 403, 'FORBIDDEN'],
    ['no token', () => ledger.http().post(`/v1/funds/${FUND}/imports`).set('content-type', 'text/csv').send(csv), 401, 'UNAUTHENTICATED'],
  ] as const)('%s is refused', async (_label, send, status, code) => {
    const before = await countEvents(ledger.store);
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await countEvents(ledger.store)).toBe(before);
  });

  it('an unknown component is named with the components the fund has, as a donation\'s is', async () => {
    const response = await importCsv(csv, '?component=khong-co').set('Accept-Language', 'vi');
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual({ component: 'khong-co', known: ['general', 'emergency-relief', 'humanitarian'] });
    expect(response.body.error.message).toBe('Quỹ không có hợp phần "khong-co" (các hợp phần: general, emergency-relief, humanitarian)');
  });

  it('a statement over the limit is 413; the JSON routes still refuse CSV with 415', async () => {
    // The limit is configuration, read once at start: a ledger started with LEDGER_IMPORT_BODY_LIMIT_MB=1.
    process.env.LEDGER_IMPORT_BODY_LIMIT_MB = '1';
    const limited = await startTestLedger().finally(() => delete process.env.LEDGER_IMPORT_BODY_LIMIT_MB);
    try {
      const admin = (path: string, body: object) => limited.http().post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body).expect(201);
      await admin('/v1/funds', { fundId: FUND, name: 'Quỹ Chữ thập đỏ — Yagi' });
      await admin(`/v1/funds/${FUND}/campaigns`, {
        campaignId: CAMPAIGN, name: 'Ủng hộ đồng bào bão Yagi', kind: 'disaster', receiveFrom: '2024-09-08T00:00:00+07:00', receiveUntil: '2024-09-30T23:59:59+07:00',
      });
      const clerk = (await limited.user('Kế toán Lan', ['accountant'])).token;
      const big = genericCsv(Array.from({ length: 25_000 }, (_, index) => line(20, `B${index}`, '10.000', 'ung ho dong bao bi bao lu')));
      expect(big.length).toBeGreaterThan(1024 * 1024);
      const before = await countEvents(limited.store);
      const response = await limited.http().post(`/v1/funds/${FUND}/imports?campaignId=${CAMPAIGN}`).set('Authorization', `Bearer ${clerk}`)
        .set('content-type', 'text/csv; charset=utf-8').send(Buffer.from(big, 'utf8'));
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await countEvents(limited.store)).toBe(before);
    } finally {
      await limited.close();
    }
    const donation = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${accountant}`).set('content-type', 'text/csv').send(csv);
    expect(donation.status).toBe(415);
    expect(donation.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

});

describe('beside the single-donation route', () => {
  it('an HTTP donation after an import, and an import after it, share one gapless sequence of receipts', async () => {
    const booked = (await donationEvents()).filter((event) => event.data.fiscalYear === 2024).length;
    const donation = await ledger.http().post(`/v1/funds/${FUND}/donations`).set('Authorization', `Bearer ${accountant}`).send({
      amount: '100000', channel: 'cash', receivedAt: '2024-09-21T09:00:00+07:00', donor: { name: 'Lê Văn Tâm', kind: 'individual' }, campaignId: CAMPAIGN,
    });
    expect(donation.status).toBe(201);
    expect(donation.body.receiptNo).toBe(`2024-${String(booked + 1).padStart(6, '0')}`);
    const response = await importCsv(genericCsv([line(22, 'Z1', '30.000', 'HOANG VAN BAY chuyen tien')]), `?campaignId=${CAMPAIGN}`);
    expect(response.body.imported).toBe(1);
    const events = await donationEvents();
    expect(events[events.length - 1].data.receiptNo).toBe(`2024-${String(booked + 2).padStart(6, '0')}`);
    expectGapless(events);
  });
});
