/**
 * api-v2.md "Beneficiaries and distributions" through the real app (issue 17): a commune's list
 * imported from CSV and XLSX with line errors and matching, a Tết distribution, DUPLICATE_AID and
 * its recorded override, hand-overs, coverage in JSON, CSV and XLSX, and the public list that never
 * shows an id number, an address or its hash.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { vietnamTimestampOf } from '../../src/domain/shared/calendar';
import { Streams } from '../../src/domain/streams';
import { DOCUMENT_TITLES, XLSX_HEADER_ROW } from '../../src/reports';
import { canonicalJsonSha256 } from '../../src/shared/canonical-json';
import { rowLabelled, sheetTexts } from '../read-side/xlsx-reading';
import { countEvents, startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  ADMIN_TOKEN, call, client, disbursementBody, donationBody, expectError, expectStatus, openFund, validationFields, vnTimestamp, type Client,
} from './support/http-helpers';

const FUND = 'quy-tet';
const OTHER = 'quy-tet-khac';
const ID_AN = '079123456789';

const LIST_CSV = [
  'DANH SÁCH HỘ NGHÈO XÃ TÂN PHÚ NĂM 2026',
  '',
  'STT,Họ và tên,Số CCCD,Thôn,Địa chỉ,Loại hộ',
  `1,Nguyễn Văn An,${ID_AN},Ấp 3,Ấp 3,Hộ nghèo`,
  '2,Lê Thị Hoa,,Ấp 5,Ấp 5,Hộ cận nghèo',
  '3,Trần Văn Bình,12345,Ấp 1,Ấp 1,Hộ nghèo',
  '4,,,,,',
  '5,Phạm Thị Cúc,,Ấp 2,Ấp 2,',
  '6,nguyen van an,,Ấp 3,ấp 3,Hộ nghèo',
].join('\n');

function upload(ledger: TestLedger, token: string, query: string, body: Buffer | string, contentType = 'text/csv') {
  return ledger.http().post(`/v1/funds/${FUND}/beneficiary-lists?${query}`).set('Authorization', `Bearer ${token}`).set('content-type', contentType)
    .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

describe('Beneficiaries and distributions over HTTP (issue 17)', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let coordinator: Client;
  let approver: Client;
  let accountantToken: string;
  let listId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ledger = await startTestLedger();
    const accountantUser = await ledger.user('Kế toán', ['accountant']);
    accountantToken = accountantUser.token;
    accountant = client(ledger, accountantToken);
    coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
    approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
    await openFund(ledger, FUND);
    await openFund(ledger, OTHER);
    expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({ amount: '50000000' })), 201);
    expectStatus(await accountant.post(`/v1/funds/${OTHER}/donations`, donationBody({ amount: '50000000' })), 201);
  }, 60_000);
  afterAll(async () => ledger?.close());

  it('imports a commune list: matches the same household twice, rejects lines alone, keeps the certification', async () => {
    const response = await upload(ledger, accountantToken, 'commune=Xã Tân Phú&listKind=poor&certificationRef=12/QĐ-UBND', LIST_CSV);
    expectStatus(response, 201);
    expect(response.body).toMatchObject({
      fundId: FUND, listId: 'DS-0001', commune: 'Xã Tân Phú', listKind: 'poor', certificationRef: '12/QĐ-UBND', added: 3, matched: 1, members: 3,
      rejected: [
        { line: 6, code: 'VALIDATION_FAILED', message: 'Số CMND/CCCD: phải gồm 9 (CMND) hoặc 12 (CCCD) chữ số' },
        { line: 7, code: 'VALIDATION_FAILED', message: 'Họ và tên: không được để trống' },
      ],
    });
    listId = response.body.listId;
    // Line 9's "nguyen van an" of the same address, without an id number, is line 4's household.
    const registry = await accountant.get(`/v1/funds/${FUND}/beneficiaries?listId=${listId}`);
    expectStatus(registry, 200);
    expect(registry.body.total).toBe(3);
    for (const row of registry.body.beneficiaries as Array<{ name: string; beneficiaryId: string }>) ids[row.name] = row.beneficiaryId;
    expect(registry.body.beneficiaries[0]).toEqual({
      beneficiaryId: 'BF-000001', kind: 'household', name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', address: 'Ấp 3', village: 'Ấp 3', idLast4: '6789',
      categories: ['poor'], lists: ['DS-0001'], registeredAt: expect.any(String),
    });
    expect(registry.body.beneficiaries[1]).toMatchObject({ name: 'Lê Thị Hoa', categories: ['near_poor'] });
    expect(JSON.stringify(registry.body)).not.toContain(ID_AN);
  });

  it('imports the same households again from XLSX (numbers that lost their leading zero) and matches them all', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('DS');
    sheet.addRow(['Họ tên', 'CCCD', 'Địa chỉ']);
    sheet.addRow(['Nguyen Van An', Number(ID_AN), 'Ấp 7']);
    sheet.addRow(['LÊ THỊ HOA', '', 'ấp 5']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(ledger, accountantToken, 'commune=Xã Tân Phú&listKind=affected&certificationRef=15/QĐ-UBND', xlsx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expectStatus(response, 201);
    expect(response.body).toMatchObject({ listId: 'DS-0002', added: 0, matched: 2, members: 2, rejected: [] });
  });

  it('never writes the id number into the log, only its hash and last four digits', async () => {
    const events: string[] = [];
    for await (const event of ledger.store.readAll()) events.push(JSON.stringify(event));
    expect(events.length).toBe(await countEvents(ledger.store));
    const log = events.join('\n');
    expect(log).toContain('"idLast4":"6789"');
    expect(log).not.toContain(ID_AN);
    expect(log).not.toContain('79123456789');
  });

  it('refuses a list without certification, and an unknown fund, before reading the file', async () => {
    const missing = await upload(ledger, accountantToken, 'commune=Xã Tân Phú&listKind=poor', LIST_CSV);
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(validationFields(missing)).toEqual(['certificationRef']);
    const nowhere = await ledger.http().post('/v1/funds/khong-co/beneficiary-lists?commune=X&listKind=poor&certificationRef=1')
      .set('Authorization', `Bearer ${accountantToken}`).set('content-type', 'text/csv').send(Buffer.from(LIST_CSV, 'utf8'));
    expectError(nowhere, 404, 'NOT_FOUND');
  });

  it('registers one household, and refuses the same id number again naming who has it (409 ALREADY_EXISTS)', async () => {
    const added = await coordinator.post(`/v1/funds/${FUND}/beneficiaries`, {
      kind: 'household', name: 'Võ Thị Dung', commune: 'Xã Tân Phú', address: 'Ấp 4', idNumber: '079 222 333 444', categories: ['policy'],
    });
    expectStatus(added, 201);
    expect(added.body).toMatchObject({ beneficiaryId: 'BF-000004', idLast4: '3444', categories: ['policy'] });
    expect(added.body).not.toHaveProperty('idHash');
    ids['Võ Thị Dung'] = added.body.beneficiaryId;
    const again = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, {
      kind: 'person', name: 'Someone Else', commune: 'Xã Khác', idNumber: ID_AN, categories: [],
    });
    expectError(again, 409, 'ALREADY_EXISTS');
    expect(again.body.error.details).toMatchObject({ beneficiaryId: 'BF-000001', matchedBy: 'idNumber' });
    // Spaces around the number, as a cell pasted from a list has them, are read as nothing, as a list import reads them.
    const pasted = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, {
      kind: 'person', name: 'Someone Else', commune: 'Xã Khác', idNumber: ` ${ID_AN}\u00a0`, categories: [],
    });
    expectError(pasted, 409, 'ALREADY_EXISTS');
    expect(pasted.body.error.details).toMatchObject({ beneficiaryId: 'BF-000001', matchedBy: 'idNumber' });
    const bad = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'tribe', name: ' ', commune: 'X', idNumber: '12', categories: ['rich'] });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(validationFields(bad).sort()).toEqual(['categories', 'idNumber', 'kind', 'name']);
  });

  let tet: string;

  it('requests a Tết distribution, and a second one inside 30 days is 409 DUPLICATE_AID naming the first', async () => {
    const lines = [ids['Nguyễn Văn An'], ids['Lê Thị Hoa']].map((beneficiaryId) => ({ beneficiaryId, amount: '500000' }));
    const first = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '1000000', needCategory: 'tet-gift', distribution: lines }));
    expectStatus(first, 201);
    tet = first.body.disbursementId;
    const second = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '500000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: ids['Lê Thị Hoa'], amount: '500000' }],
    }));
    expectError(second, 409, 'DUPLICATE_AID');
    expect(second.body.error.details).toMatchObject({ beneficiaryId: ids['Lê Thị Hoa'], earlierDisbursementId: tet, earlierFundId: FUND, windowDays: 30 });
    const vietnamese = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '500000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: ids['Lê Thị Hoa'], amount: '500000' }],
    }), { headers: { 'Accept-Language': 'vi' } });
    expect(vietnamese.body.error.message).toContain('Trùng trợ giúp');
    // The need in words, as the staff app names it, never its code.
    expect(vietnamese.body.error.message).toContain('cùng nhu cầu "Quà Tết"');
  });

  it('finds the same household helped by another fund of the ledger, its commune written without "Xã" there', async () => {
    const registered = await accountant.post(`/v1/funds/${OTHER}/beneficiaries`, {
      kind: 'household', name: 'Nguyễn Văn An', commune: 'Tân Phú', address: 'Ấp 3', categories: ['poor'],
    });
    expectStatus(registered, 201);
    const elsewhere = await accountant.post(`/v1/funds/${OTHER}/disbursements`, disbursementBody({
      amount: '300000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: registered.body.beneficiaryId, amount: '300000' }],
    }));
    expectError(elsewhere, 409, 'DUPLICATE_AID');
    expect(elsewhere.body.error.details).toMatchObject({ earlierFundId: FUND, earlierDisbursementId: tet });
  });

  it('finds aid given in this fund to another registry entry of the same household, as one registered twice before communes were compared without "Xã"', async () => {
    const first = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Hồ Văn Sáu', commune: 'Xã Tân Phú', address: 'Ấp 8', categories: ['poor'] });
    expectStatus(first, 201);
    // The same household registered again as "Tân Phú" by an earlier version of the ledger, which took it for another: in the log as it was written then.
    const stream = Streams.beneficiaries(FUND);
    await ledger.store.append(stream, [{
      eventId: randomUUID(), type: 'BeneficiaryRegistered',
      data: {
        fundId: FUND, beneficiaryId: 'BF-LEGACY-1', kind: 'household', name: 'Hồ Văn Sáu', commune: 'Tân Phú', address: 'Ấp 8', village: null,
        idHash: null, idLast4: null, categories: ['poor'], listId: null, registeredBy: 'ke-toan-cu', registeredAt: '2026-01-05T09:00:00+07:00',
      },
      metadata: { actor: { userId: 'ke-toan-cu', roles: ['accountant'] }, correlationId: randomUUID(), causationId: randomUUID(), recordedAt: new Date().toISOString(), schemaVersion: 1 },
    }], await ledger.store.streamRevision(stream));
    const helped = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '200000', needCategory: 'housing-repair', distribution: [{ beneficiaryId: first.body.beneficiaryId, amount: '200000' }],
    }));
    expectStatus(helped, 201);
    const twice = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '200000', needCategory: 'housing-repair', distribution: [{ beneficiaryId: 'BF-LEGACY-1', amount: '200000' }],
    }));
    expectError(twice, 409, 'DUPLICATE_AID');
    expect(twice.body.error.details).toMatchObject({ beneficiaryId: 'BF-LEGACY-1', earlierFundId: FUND, earlierDisbursementId: helped.body.disbursementId });
  });

  it('accepts the resend with a reason, flagged; the approval records the override, and the report lists it', async () => {
    const resent = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '500000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: ids['Lê Thị Hoa'], amount: '500000' }],
      overrideDuplicate: { reason: 'Nhà bị cháy sau đợt trao quà' },
    }));
    expectStatus(resent, 201);
    expect(resent.body).toMatchObject({ status: 'requested', duplicateOverride: true });
    const approved = await approver.post(`/v1/funds/${FUND}/disbursements/${resent.body.disbursementId}/approve`, {});
    expectStatus(approved, 200);
    expect(approved.body).toMatchObject({ status: 'approved', duplicateOverrideApproved: true });
    const report = await accountant.get(`/v1/funds/${FUND}/reports/duplicate-overrides`);
    expectStatus(report, 200);
    expect(report.body.overrides).toEqual([expect.objectContaining({
      disbursementId: resent.body.disbursementId, reason: 'Nhà bị cháy sau đợt trao quà', approvedBy: [expect.any(String)],
      approvers: [{ userId: report.body.overrides[0].approvedBy[0], name: 'Duyệt' }],
      earlier: [expect.objectContaining({ disbursementId: tet, beneficiaryId: ids['Lê Thị Hoa'] })],
    })]);
  });

  it('records hand-overs once approved; coverage shows who received and who was left out, in JSON, CSV and XLSX', async () => {
    const early = await coordinator.post(`/v1/funds/${FUND}/disbursements/${tet}/handovers`, {
      beneficiaryId: ids['Nguyễn Văn An'], status: 'received', handedOverAt: new Date().toISOString(),
    });
    expectError(early, 422, 'INVALID_STATE');
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${tet}/approve`, {}), 200);
    const now = new Date().toISOString();
    const received = await coordinator.post(`/v1/funds/${FUND}/disbursements/${tet}/handovers`, {
      beneficiaryId: ids['Nguyễn Văn An'], status: 'received', handedOverAt: now, evidenceRef: 'DS ký nhận 1',
    });
    expectStatus(received, 201);
    expect(received.body).toMatchObject({ disbursementId: tet, status: 'received' });
    expectStatus(await accountant.post(`/v1/funds/${FUND}/disbursements/${tet}/handovers`, {
      beneficiaryId: ids['Lê Thị Hoa'], status: 'absent', handedOverAt: now,
    }), 201);
    const sheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${tet}/distribution`);
    expectStatus(sheet, 200);
    expect(sheet.body.lines.map((line: { handover: { status: string } }) => line.handover.status)).toEqual(['received', 'absent']);
    // A sheet people sign states the log position it was read at, as every figure does.
    expect(sheet.body.position).toBe(await ledger.store.headPosition());

    const coverage = await accountant.get(`/v1/funds/${FUND}/reports/coverage?listId=${listId}&need=tet-gift`);
    expectStatus(coverage, 200);
    expect(coverage.body).toMatchObject({ total: 3, receivedCount: 1, notReceivedCount: 2 });
    expect(coverage.body.received.map((entry: { name: string }) => entry.name)).toEqual(['Nguyễn Văn An']);
    expect(coverage.body.notReceived.map((entry: { name: string; status: string }) => [entry.name, entry.status])).toEqual([
      ['Lê Thị Hoa', 'absent'], ['Phạm Thị Cúc', 'none'],
    ]);
    // Like every report: the log position it was computed at, and the sha256 of its canonical JSON.
    expect(coverage.body.position).toBe(await ledger.store.headPosition());
    const { sha256, ...body } = coverage.body as { sha256: string };
    expect(sha256).toBe(canonicalJsonSha256(body));

    // One convention for the dates of the answer: Vietnam time, +07:00, whatever offset a hand-over was recorded with.
    expect(coverage.body.received[0].handedOverAt).toBe(vietnamTimestampOf(now));

    // CSV for programs: codes and ISO dates as in the JSON, then the position and sha256.
    const csv = await accountant.get(`/v1/funds/${FUND}/reports/coverage?listId=${listId}&need=tet-gift&format=csv`);
    expectStatus(csv, 200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-report-position']).toBe(String(coverage.body.position));
    expect(csv.headers['x-report-sha256']).toBe(sha256);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${FUND}-coverage-${coverage.body.position}.csv"`);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Mã đối tượng,Họ và tên,Xã,Thôn/Xóm,Địa chỉ,Tình trạng,Khoản chi,Ngày nhận,Chứng từ');
    expect(lines[1]).toBe(`${ids['Nguyễn Văn An']},Nguyễn Văn An,Xã Tân Phú,Ấp 3,Ấp 3,received,${tet},${vietnamTimestampOf(now)},DS ký nhận 1`);
    expect(lines.slice(2, 4).map((line) => line.split(',')[5])).toEqual(['absent', 'none']);
    expect(lines[4]).toBe(`# position=${coverage.body.position} sha256=${sha256}`);

    // XLSX for people, through the report writer.
    const xlsx = await accountant.get(`/v1/funds/${FUND}/reports/coverage?listId=${listId}&need=tet-gift&format=xlsx`)
      .buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expectStatus(xlsx, 200);
    expect(xlsx.headers['x-report-sha256']).toBe(sha256);
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${FUND}-coverage-${coverage.body.position}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const [table, info] = book.worksheets;
    expect(table.name).toBe('Bao phủ danh sách');
    expect(table.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    const texts = sheetTexts(table);
    expect(texts).toEqual(expect.arrayContaining([
      DOCUMENT_TITLES.coverage, `Số liệu tại vị trí nhật ký (log position): ${coverage.body.position}`, `SHA-256: ${sha256}`,
      expect.stringContaining(`Danh sách ${listId}: Xã Tân Phú, 12/QĐ-UBND; nhu cầu: Quà Tết`),
      'I. ĐÃ NHẬN', 'II. CHƯA NHẬN', 'Cộng đã nhận: 1 đối tượng', 'Cộng chưa nhận: 2 đối tượng', 'Tổng cộng: 3 đối tượng trên danh sách',
      'Người lập biểu', 'Kế toán trưởng', 'Thủ trưởng đơn vị',
    ]));
    expect(texts.filter((text) => ['received', 'absent', 'none'].includes(text))).toEqual([]);
    // Households are counted, not money: no unit of money is stated.
    expect(texts.filter((text) => text.startsWith('Đơn vị tính'))).toEqual([]);
    const headings = table.getRow(XLSX_HEADER_ROW);
    expect(headings.getCell(2).value).toBe('Họ và tên');
    const an = rowLabelled(table, ids['Nguyễn Văn An'])!;
    expect(an.getCell(6).value).toBe('Đã nhận');
    expect(an.getCell(8).value).toEqual(new Date(Date.parse(now) + 7 * 3600_000));
    expect(an.getCell(8).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(rowLabelled(table, ids['Lê Thị Hoa'])!.getCell(6).value).toBe('Vắng mặt khi trao');
    expect(rowLabelled(table, ids['Phạm Thị Cúc'])!.getCell(6).value).toBe('Chưa có trong đợt nào');
    expect(table.getColumn(2).width).toBeGreaterThanOrEqual('Nguyễn Văn An'.length);
    const facts = new Map<string, unknown>();
    info.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('Vị trí nhật ký (position)')).toBe(coverage.body.position);
    expect(facts.get('SHA-256')).toBe(sha256);
    expect(facts.get('Số đối tượng đã nhận')).toBe(1);
    expectError(await accountant.get(`/v1/funds/${FUND}/reports/coverage?listId=DS-0099&need=tet-gift`), 404, 'NOT_FOUND');
    expectError(await accountant.get(`/v1/funds/${FUND}/reports/coverage?listId=${listId}`), 400, 'VALIDATION_FAILED');
  });

  it('publishes who received aid with name, commune, need and amount only: never an id number, address or hash', async () => {
    const response = await call(ledger, 'get', `/v1/public/funds/${FUND}/beneficiaries`, undefined, { token: null });
    expectStatus(response, 200);
    expect(response.body.beneficiaries).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'Nguyễn Văn An', commune: 'Xã Tân Phú', need: 'tet-gift', amount: '500000', items: null }),
    ]));
    for (const row of response.body.beneficiaries as Record<string, unknown>[]) {
      expect(Object.keys(row).sort()).toEqual(['amount', 'campaignId', 'commune', 'disbursementId', 'items', 'level', 'name', 'need']);
    }
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(ID_AN);
    expect(text).not.toContain('6789');
    expect(text).not.toContain('Ấp 3');
    expectError(await call(ledger, 'get', `/v1/public/funds/${FUND}/campaigns/khong-co/beneficiaries`, undefined, { token: null }), 404, 'NOT_FOUND');
  });

  it('pages the public list of who received aid, one commune or all: each line once, none twice, with the total and the communes', async () => {
    const get = (query: string) => call(ledger, 'get', `/v1/public/funds/${FUND}/beneficiaries?${query}`, undefined, { token: null });
    const whole = await get('limit=1000');
    expectStatus(whole, 200);
    const all = whole.body.beneficiaries as { name: string; commune: string; disbursementId: string }[];
    expect(all.length).toBeGreaterThan(1);
    expect(whole.body).toMatchObject({ total: all.length, nextCursor: null, limit: 1000, commune: null });
    expect(whole.body.communes).toEqual([...new Set(all.map((row) => row.commune))].sort((a, b) => a.localeCompare(b, 'vi')));
    const paged: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`limit=1${cursor === null ? '' : `&cursor=${cursor}`}`);
      expectStatus(page, 200);
      expect(page.body).toMatchObject({ total: all.length, limit: 1 });
      paged.push(...(page.body.beneficiaries as unknown[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor !== null && paged.length <= all.length);
    expect(paged).toEqual(all);
    const commune = all[0].commune;
    const ofCommune = await get(`commune=${encodeURIComponent(commune)}`);
    expect(ofCommune.body).toMatchObject({ commune, total: all.filter((row) => row.commune === commune).length });
    expect((ofCommune.body.beneficiaries as { commune: string }[]).every((row) => row.commune === commune)).toBe(true);
    // A cursor of another list, a made-up one and a limit past 1000 are refused, naming the parameter.
    const registerCursor = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    for (const [query, field] of [[`cursor=${registerCursor}`, 'cursor'], ['cursor=abc', 'cursor'], ['limit=1001', 'limit'], ['commune=', 'commune']]) {
      expect({ query, fields: validationFields(await get(query)) }).toEqual({ query, fields: [field] });
    }
  });

  it('hands rice out of the in-kind stock: never more than was received, and the stock shows what is on hand', async () => {
    expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
      channel: 'in_kind', amount: '2500000', inKind: { description: 'Gạo tẻ', quantity: '100', unit: 'kg', valuationMethod: 'giá chợ 25.000 đ/kg' },
    })), 201);
    const rice = (kg: string) => ({ beneficiaryId: ids['Phạm Thị Cúc'], items: [{ description: 'gạo tẻ', quantity: kg, unit: 'KG' }] });
    const tooMuch = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '0', needCategory: 'food-water-medicine', distribution: [rice('100.5')] }));
    expectError(tooMuch, 422, 'INSUFFICIENT_STOCK');
    expect(tooMuch.body.error.details).toMatchObject({ available: '100', requested: '100.5' });
    const given = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '0', needCategory: 'food-water-medicine', distribution: [rice('30')] }));
    expectStatus(given, 201);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${given.body.disbursementId}/approve`, {}), 200);
    expectStatus(await coordinator.post(`/v1/funds/${FUND}/disbursements/${given.body.disbursementId}/handovers`, {
      beneficiaryId: ids['Phạm Thị Cúc'], status: 'received', handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản giao gạo',
    }), 201);
    const stock = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${given.body.position}`);
    expectStatus(stock, 200);
    expect(stock.body.items).toEqual([{ description: 'Gạo tẻ', unit: 'kg', received: '100', allocated: '30', handedOut: '30', onHand: '70', free: '70' }]);
    expectError(await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '0' })), 400, 'VALIDATION_FAILED');
  });

  it('closes a share nobody came for as not delivered: its rice is free again, and no later hand-over is taken', async () => {
    const promised = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: ids['Lê Thị Hoa'], items: [{ description: 'Gạo tẻ', quantity: '20', unit: 'kg' }] }],
    }));
    expectStatus(promised, 201);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${promised.body.disbursementId}/approve`, {}), 200);
    const absent = await coordinator.post(`/v1/funds/${FUND}/disbursements/${promised.body.disbursementId}/handovers`, {
      beneficiaryId: ids['Lê Thị Hoa'], status: 'absent', handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản 2: chuyển đi nơi khác',
    });
    expectStatus(absent, 201);
    const before = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${absent.body.position}`);
    expect(before.body.items).toEqual([expect.objectContaining({ allocated: '50', handedOut: '30', onHand: '70', free: '50' })]);
    const closed = await coordinator.post(`/v1/funds/${FUND}/disbursements/${promised.body.disbursementId}/handovers`, {
      beneficiaryId: ids['Lê Thị Hoa'], status: 'absent', closed: true, handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản 2: chuyển đi nơi khác',
    });
    expectStatus(closed, 201);
    const after = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${closed.body.position}`);
    expect(after.body.items).toEqual([expect.objectContaining({ allocated: '30', handedOut: '30', onHand: '70', free: '70' })]);
    const sheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${promised.body.disbursementId}/distribution`);
    expect(sheet.body.lines[0].handover).toMatchObject({ status: 'absent', closed: true });
    // Published as helped no more: Hoa received none of it.
    const published = await call(ledger, 'get', `/v1/public/funds/${FUND}/beneficiaries`, undefined, { token: null });
    expectStatus(published, 200);
    expect(published.body.beneficiaries.filter((row: { disbursementId: string }) => row.disbursementId === promised.body.disbursementId)).toEqual([]);
    const late = await coordinator.post(`/v1/funds/${FUND}/disbursements/${promised.body.disbursementId}/handovers`, {
      beneficiaryId: ids['Lê Thị Hoa'], status: 'received', handedOverAt: new Date().toISOString(), evidenceRef: 'Danh sách ký nhận',
    });
    expectError(late, 422, 'INVALID_STATE');
  });

  it('corrects a cash share wrongly recorded as received: appended with its reason, the share back to not handed over, the payment reversible again', async () => {
    const registered = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Đỗ Văn Năm', commune: 'Xã Tân Phú', categories: ['poor'] });
    expectStatus(registered, 201);
    const nam = registered.body.beneficiaryId as string;
    const gift = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '400000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: nam, amount: '400000' }],
    }));
    expectStatus(gift, 201);
    const id = gift.body.disbursementId as string;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-NAM-01' }), 200);
    expectStatus(await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
      beneficiaryId: nam, status: 'received', handedOverAt: new Date().toISOString(), evidenceRef: 'Danh sách ký nhận 7',
    }), 201);
    const blocked = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Chi nhầm' });
    expectError(blocked, 422, 'INVALID_STATE');
    expect(blocked.body.error.details).toMatchObject({ beneficiaryId: nam, amount: '400000' });

    const path = `/v1/funds/${FUND}/disbursements/${id}/handovers/${nam}/correct`;
    expectError(await approver.post(path, { reason: 'Ghi nhầm' }), 403, 'FORBIDDEN');
    expect(validationFields(await coordinator.post(path, { reason: '  ' }))).toContain('reason');
    const corrected = await coordinator.post(path, { reason: 'Ghi nhầm hộ: ông Năm chưa đến nhận, biên bản 03/BB' });
    expectStatus(corrected, 201);
    expect(corrected.body).toMatchObject({ disbursementId: id, beneficiaryId: nam, corrected: 'received', restored: null });
    const written: unknown[] = [];
    for await (const event of ledger.store.readAll({ afterPosition: corrected.body.position - 1 })) written.push(event);
    expect(written[0]).toMatchObject({
      type: 'HandoverCorrected',
      data: { disbursementId: id, beneficiaryId: nam, reason: 'Ghi nhầm hộ: ông Năm chưa đến nhận, biên bản 03/BB', corrected: { status: 'received', evidenceRef: 'Danh sách ký nhận 7' } },
    });
    const sheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${id}/distribution`);
    expect(sheet.body.lines[0].handover).toBeNull();
    expect(sheet.body.lines[0].correction).toMatchObject({ corrected: 'received', reason: 'Ghi nhầm hộ: ông Năm chưa đến nhận, biên bản 03/BB', correctedBy: expect.any(String) });
    const again = await coordinator.post(path, { reason: 'Lần nữa' }, { headers: { 'Accept-Language': 'vi' } });
    expectError(again, 422, 'INVALID_STATE');
    expect(again.body.error.details).toMatchObject({ correctedAt: expect.any(String) });
    expect(again.body.error.message).toContain('đã được điều chỉnh');

    expectStatus(await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Chi nhầm' }), 201);
  });

  it('gives the money of a cash share closed as not delivered back to the fund: balance, financial report and disclosure net of it', async () => {
    const registered = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Võ Thị Sáu', commune: 'Xã Tân Phú', categories: ['poor'] });
    expectStatus(registered, 201);
    const sau = registered.body.beneficiaryId as string;
    const gift = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '300000', needCategory: 'tet-gift', purpose: 'Quà Tết hộ bà Sáu', distribution: [{ beneficiaryId: sau, amount: '300000' }],
    }));
    expectStatus(gift, 201);
    const id = gift.body.disbursementId as string;
    const path = `/v1/funds/${FUND}/disbursements/${id}/handovers/${sau}/money-returned`;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    const unpaid = await accountant.post(path, { evidenceRef: 'Phiếu thu PT-0041' }, { headers: { 'Accept-Language': 'vi' } });
    expectError(unpaid, 422, 'INVALID_STATE');
    expect(unpaid.body.error.message).toContain('chưa được chi trả');
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-SAU-01' }), 200);
    expectError(await accountant.post(path, { evidenceRef: 'Phiếu thu PT-0041' }), 422, 'INVALID_STATE');
    const closing = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
      beneficiaryId: sau, status: 'absent', handedOverAt: vnTimestamp(0), evidenceRef: 'Biên bản vắng mặt 04/BB', closed: true,
    });
    expectStatus(closing, 201);
    const figures = async (position: number) => {
      const balance = await call(ledger, 'get', `/v1/funds/${FUND}/balance?minPosition=${position}`, undefined, { token: accountantToken });
      const financial = await accountant.get(`/v1/funds/${FUND}/reports/financial?minPosition=${position}`);
      const line = (code: string) => (financial.body.rows as Array<{ line: string; amount: string }>).find((row) => row.line === code)?.amount;
      return { available: BigInt(balance.body.available), paid: BigInt(line('payments.total') ?? '0'), closing: BigInt(line('closing') ?? '0') };
    };
    const before = await figures(closing.body.position);

    expectError(await coordinator.post(path, { evidenceRef: 'Phiếu thu PT-0041' }), 403, 'FORBIDDEN');
    expect(validationFields(await accountant.post(path, { evidenceRef: '  ' }))).toContain('evidenceRef');
    const returned = await accountant.post(path, { evidenceRef: 'Phiếu thu PT-0041: cán bộ xã nộp lại' });
    expectStatus(returned, 201);
    expect(returned.body).toMatchObject({ disbursementId: id, beneficiaryId: sau, amount: '300000', returnedAt: expect.any(String) });
    const written: unknown[] = [];
    for await (const event of ledger.store.readAll({ afterPosition: returned.body.position - 1 })) written.push(event);
    expect(written[0]).toMatchObject({
      type: 'ShareMoneyReturned', data: { disbursementId: id, beneficiaryId: sau, amount: '300000', component: 'general', evidenceRef: 'Phiếu thu PT-0041: cán bộ xã nộp lại' },
    });
    const after = await figures(returned.body.position);
    expect(after.available - before.available).toBe(300000n);
    expect(before.paid - after.paid).toBe(300000n);
    expect(after.closing - before.closing).toBe(300000n);
    const sheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${id}/distribution`);
    expect(sheet.body.lines[0]).toMatchObject({
      handover: { status: 'absent', closed: true }, moneyReturned: { amount: '300000', evidenceRef: 'Phiếu thu PT-0041: cán bộ xã nộp lại', recordedBy: expect.any(String) },
    });
    expect(sheet.body.reversal).toBeNull();
    const published = await call(ledger, 'get', `/v1/public/funds/${FUND}/beneficiaries`, undefined, { token: null });
    expect(JSON.stringify(published.body)).not.toContain('Võ Thị Sáu');
    const register = await accountant.get(`/v1/funds/${FUND}/disbursements?status=paid&minPosition=${returned.body.position}`);
    expect((register.body.items as Array<{ disbursementId: string }>).find((row) => row.disbursementId === id)).toMatchObject({ amount: '300000', returned: '300000' });
    const disclosure = await accountant.get(`/v1/funds/${FUND}/reports/disclosure?minPosition=${returned.body.position}`);
    expect(disclosure.body.rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ section: 'recipient', reference: id, cash: '300000' }),
      expect.objectContaining({ section: 'recipient-reversal', reference: id, cash: '-300000', description: expect.stringContaining('nộp lại quỹ') }),
    ]));

    const again = await accountant.post(path, { evidenceRef: 'Phiếu thu PT-0041' }, { headers: { 'Accept-Language': 'vi' } });
    expectError(again, 409, 'ALREADY_EXISTS');
    expect(again.body.error.message).toContain('đã được ghi nhận nộp lại quỹ');
    const correction = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers/${sau}/correct`, { reason: 'Khóa nhầm' });
    expectError(correction, 422, 'INVALID_STATE');
    expect(correction.body.error.details).toMatchObject({ amount: '300000' });
    const appended = await countEvents(ledger.store);
    expectError(await accountant.post(path, { evidenceRef: 'Phiếu thu PT-0041' }), 409, 'ALREADY_EXISTS');
    expect(await countEvents(ledger.store)).toBe(appended);

    // Paid in error: the reversal is taken, and gives back nothing more: the 300 000 VND came back already.
    const reversal = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Chi nhầm' });
    expectStatus(reversal, 201);
    expect(reversal.body).toMatchObject({ entryId: id, givenBack: '0' });
    const reversed = await figures(reversal.body.position);
    expect(reversed).toEqual(after);
    const reversedRow = await accountant.get(`/v1/funds/${FUND}/disbursements?status=reversed&minPosition=${reversal.body.position}`);
    expect((reversedRow.body.items as Array<{ disbursementId: string }>).find((row) => row.disbursementId === id))
      .toMatchObject({ amount: '300000', returned: '300000', withheld: '0', reversal: { reason: 'Chi nhầm', givenBack: '0' } });
    // The hand-over sheet says what the reversal gave back, as the register does.
    const reversedSheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${id}/distribution`);
    expect(reversedSheet.body).toMatchObject({
      status: 'reversed', reversal: { reversalId: reversal.body.reversalId, reversedAt: expect.any(String), reason: 'Chi nhầm', givenBack: '0' },
    });
  });

  it('pays a list without the cash share closed before the payment: that money never leaves the fund, and the payment can still be reversed', async () => {
    const registered = await Promise.all(['Đặng Văn Tám', 'Huỳnh Thị Chín'].map((name) =>
      accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Tân Phú', categories: ['poor'] })));
    const [tam, chin] = registered.map((response) => {
      expectStatus(response, 201);
      return response.body.beneficiaryId as string;
    });
    const gift = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '700000', needCategory: 'tet-gift', purpose: 'Quà Tết hai hộ', distribution: [{ beneficiaryId: tam, amount: '400000' }, { beneficiaryId: chin, amount: '300000' }],
    }));
    expectStatus(gift, 201);
    const id = gift.body.disbursementId as string;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    const closing = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
      beneficiaryId: chin, status: 'refused', handedOverAt: vnTimestamp(0), evidenceRef: 'Biên bản từ chối 07/BB', closed: true,
    });
    expectStatus(closing, 201);
    const available = async (position: number) => BigInt((await call(ledger, 'get', `/v1/funds/${FUND}/balance?minPosition=${position}`, undefined, { token: accountantToken })).body.available);
    const before = await available(closing.body.position);
    const paid = await approver.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-TAM-01' });
    expectStatus(paid, 200);
    expect(paid.body).toMatchObject({ status: 'paid', withheld: [{ beneficiaryId: chin, amount: '300000' }] });
    // Requested, the 700 000 VND were held; paid, 400 000 went out and Chín's 300 000 are available again.
    expect((await available(paid.body.position)) - before).toBe(300000n);
    const register = await accountant.get(`/v1/funds/${FUND}/disbursements?status=paid&minPosition=${paid.body.position}`);
    expect((register.body.items as Array<{ disbursementId: string }>).find((row) => row.disbursementId === id)).toMatchObject({ amount: '700000', withheld: '300000', returned: '0' });
    const disclosure = await accountant.get(`/v1/funds/${FUND}/reports/disclosure?minPosition=${paid.body.position}`);
    expect((disclosure.body.rows as Array<{ reference: string }>).filter((row) => row.reference === id)).toEqual([
      expect.objectContaining({ section: 'recipient', cash: '400000' }),
    ]);
    const sheet = await accountant.get(`/v1/funds/${FUND}/disbursements/${id}/distribution`);
    expect(sheet.body.lines).toEqual([
      expect.objectContaining({ beneficiaryId: tam, withheld: false }), expect.objectContaining({ beneficiaryId: chin, withheld: true, moneyReturned: null }),
    ]);
    const appended = await countEvents(ledger.store);
    const back = await accountant.post(`/v1/funds/${FUND}/disbursements/${id}/handovers/${chin}/money-returned`, { evidenceRef: 'PT-0050' }, { headers: { 'Accept-Language': 'vi' } });
    expectError(back, 422, 'INVALID_STATE');
    expect(back.body.error.message).toContain('không được chi trả');
    expectError(await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers/${chin}/correct`, { reason: 'Khóa nhầm' }), 422, 'INVALID_STATE');
    expect(await countEvents(ledger.store)).toBe(appended);
    const reversal = await accountant.post(`/v1/funds/${FUND}/reversals`, { entryId: id, reason: 'Chi nhầm' });
    expectStatus(reversal, 201);
    expect(reversal.body).toMatchObject({ givenBack: '400000' });
    expect((await available(reversal.body.position)) - before).toBe(700000n);
  });

  it('refuses to pay a list whose every share was closed before the payment (422 INVALID_STATE nothing-to-pay), appending nothing; it may be rejected', async () => {
    const registered = await Promise.all(['Tô Văn Mười', 'Lâm Thị Một'].map((name) =>
      accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name, commune: 'Xã Tân Phú', categories: ['poor'] })));
    const households = registered.map((response) => {
      expectStatus(response, 201);
      return response.body.beneficiaryId as string;
    });
    const gift = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '600000', needCategory: 'tet-gift', purpose: 'Quà Tết hai hộ vắng', distribution: households.map((beneficiaryId) => ({ beneficiaryId, amount: '300000' })),
    }));
    expectStatus(gift, 201);
    const id = gift.body.disbursementId as string;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    for (const beneficiaryId of households) {
      expectStatus(await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
        beneficiaryId, status: 'absent', handedOverAt: vnTimestamp(0), evidenceRef: 'Biên bản vắng mặt 09/BB', closed: true,
      }), 201);
    }
    const appended = await countEvents(ledger.store);
    const paying = { paidAt: vnTimestamp(0), reference: 'UNC-VANG-01' };
    const refused = await approver.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, paying, { headers: { 'Accept-Language': 'vi' } });
    expectError(refused, 422, 'INVALID_STATE');
    expect(refused.body.error.details).toEqual({ status: 'approved', reason: 'nothing-to-pay', withheld: '600000' });
    expect(refused.body.error.message).toBe(`Khoản chi ${id} không còn gì để chi: mọi phần trong danh sách phân phối đã được khóa là không trao. Hãy từ chối đề nghị để trả số tiền đang giữ về quỹ`);
    const inEnglish = await approver.post(`/v1/funds/${FUND}/disbursements/${id}/pay`, paying, { headers: { 'Accept-Language': 'en' } });
    expect(inEnglish.body.error.message).toBe(`Disbursement ${id} has nothing to pay: every share of its distribution was closed as not delivered; reject the request to free its money`);
    expect(await countEvents(ledger.store)).toBe(appended);
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/reject`, { reason: 'Không hộ nào đến nhận' }), 200);
  });

  it('keeps rice given for poor pupils apart: the general pool hands out only its own, and the stock shows each pool', async () => {
    const designated = await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
      channel: 'in_kind', amount: '1000000', restriction: { purpose: 'Hỗ trợ học sinh nghèo', beneficiary: null },
      inKind: { description: 'Gạo tẻ', quantity: '40', unit: 'kg', valuationMethod: 'giá chợ 25.000 đ/kg' },
    }));
    expectStatus(designated, 201);
    const rice = (kg: string) => ({ beneficiaryId: ids['Lê Thị Hoa'], items: [{ description: 'Gạo tẻ', quantity: kg, unit: 'kg' }] });
    const general = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({ amount: '0', needCategory: 'food-water-medicine', distribution: [rice('71')] }));
    expectError(general, 422, 'INSUFFICIENT_STOCK');
    expect(general.body.error.details).toMatchObject({ pool: 'general', available: '70', requested: '71' });
    const stock = await accountant.get(`/v1/funds/${FUND}/stock?minPosition=${designated.body.position}`);
    expectStatus(stock, 200);
    expect(stock.body.items).toEqual([{ description: 'Gạo tẻ', unit: 'kg', received: '140', allocated: '30', handedOut: '30', onHand: '110', free: '110' }]);
    expect(stock.body.pools).toEqual([
      {
        pool: 'general', component: 'general', restrictionId: null, campaignId: null, purpose: null,
        items: [{ description: 'Gạo tẻ', unit: 'kg', received: '100', allocated: '30', handedOut: '30', onHand: '70', free: '70' }],
      },
      {
        pool: `general#${designated.body.donationId}`, component: 'general', restrictionId: designated.body.donationId, campaignId: null, purpose: 'Hỗ trợ học sinh nghèo',
        items: [{ description: 'Gạo tẻ', unit: 'kg', received: '40', allocated: '0', handedOut: '0', onHand: '40', free: '40' }],
      },
    ]);
  });

  it("closes a disaster campaign's distribution at its distributeUntil; its leftover rice moves to the general stock by decision", async () => {
    expectStatus(await accountant.post(`/v1/funds/${OTHER}/campaigns`, {
      campaignId: 'lu-cu', name: 'Lũ tháng trước', kind: 'disaster', receiveFrom: vnTimestamp(-40), receiveUntil: vnTimestamp(-30), distributeUntil: vnTimestamp(-15),
    }), 201);
    expectStatus(await accountant.post(`/v1/funds/${OTHER}/donations`, donationBody({ amount: '3000000', campaignId: 'lu-cu', receivedAt: vnTimestamp(-35) })), 201);
    expectStatus(await accountant.post(`/v1/funds/${OTHER}/donations`, donationBody({
      channel: 'in_kind', amount: '1250000', campaignId: 'lu-cu', receivedAt: vnTimestamp(-35),
      inKind: { description: 'Gạo tẻ', quantity: '50', unit: 'kg', valuationMethod: 'giá chợ 25.000 đ/kg' },
    })), 201);
    const late = await accountant.post(`/v1/funds/${OTHER}/disbursements`, disbursementBody({ amount: '1000000', campaignId: 'lu-cu' }));
    expectError(late, 422, 'CAMPAIGN_CLOSED');
    expect(late.body.error.details).toMatchObject({ campaignId: 'lu-cu' });
    const tooMuch = await accountant.post(`/v1/funds/${OTHER}/campaigns/lu-cu/surplus`, {
      amount: '0', to: { component: 'general' }, items: [{ description: 'Gạo tẻ', quantity: '50.5', unit: 'kg' }], basis: 'Gạo còn lại', decisionRef: 'QĐ 46/UBND',
    });
    expectError(tooMuch, 422, 'INSUFFICIENT_STOCK');
    const moved = await accountant.post(`/v1/funds/${OTHER}/campaigns/lu-cu/surplus`, {
      amount: '0', to: { component: 'general' }, items: [{ description: 'Gạo tẻ', quantity: '40', unit: 'kg' }], basis: 'Gạo còn lại', decisionRef: 'QĐ 46/UBND',
    });
    expectStatus(moved, 201);
    const stock = await accountant.get(`/v1/funds/${OTHER}/stock?minPosition=${moved.body.position}`);
    expectStatus(stock, 200);
    expect(stock.body.items).toEqual([{ description: 'Gạo tẻ', unit: 'kg', received: '50', allocated: '0', handedOut: '0', onHand: '50', free: '50' }]);
    expect(stock.body.pools).toEqual([
      expect.objectContaining({ pool: 'general', restrictionId: null, items: [expect.objectContaining({ received: '40', free: '40' })] }),
      expect.objectContaining({ pool: 'general#campaign:lu-cu', campaignId: 'lu-cu', items: [expect.objectContaining({ received: '10', free: '10' })] }),
    ]);
    // The campaign holds 10 kg of its 50 kg (1 250 000 đ at receipt): 250 000 đ.
    const report = await accountant.get(`/v1/funds/${OTHER}/reports/campaigns?minPosition=${moved.body.position}`);
    expectStatus(report, 200);
    expect(report.body.rows).toEqual([expect.objectContaining({ campaignId: 'lu-cu', inKindReceived: '1250000', inKindOnHand: '250000' })]);
  });

  it('names each pool of the stock for what it is: a gift in kind to a campaign without a purpose is the component\'s stock, not the campaign\'s', async () => {
    expectStatus(await accountant.post(`/v1/funds/${OTHER}/campaigns`, {
      campaignId: 'thang-nhan-dao', name: 'Tháng Nhân đạo', kind: 'humanitarian_month', receiveFrom: vnTimestamp(-1), receiveUntil: vnTimestamp(20),
    }), 201);
    const given = await accountant.post(`/v1/funds/${OTHER}/donations`, donationBody({
      channel: 'in_kind', amount: '500000', campaignId: 'thang-nhan-dao',
      inKind: { description: 'Mì gói', quantity: '20', unit: 'thùng', valuationMethod: 'giá bán lẻ 25.000 đ/thùng' },
    }));
    expectStatus(given, 201);
    const stock = await accountant.get(`/v1/funds/${OTHER}/stock?minPosition=${given.body.position}`);
    expectStatus(stock, 200);
    expect(stock.body.pools).toEqual([
      expect.objectContaining({ pool: 'general', restrictionId: null, campaignId: null, purpose: null }),
      expect.objectContaining({ pool: 'general#campaign:lu-cu', restrictionId: 'campaign:lu-cu', campaignId: 'lu-cu' }),
    ]);
  });

  it('tells apart two namesakes of one commune in two hamlets across funds too: no DUPLICATE_AID from the other fund', async () => {
    const here = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, {
      kind: 'household', name: 'Đặng Thị Mai', commune: 'Xã Tân Phú', village: 'Thôn 1', categories: ['poor'],
    });
    expectStatus(here, 201);
    const there = await accountant.post(`/v1/funds/${OTHER}/beneficiaries`, {
      kind: 'household', name: 'Đặng Thị Mai', commune: 'Xã Tân Phú', village: 'Thôn 2', categories: ['poor'],
    });
    expectStatus(there, 201);
    const sameHamlet = await accountant.post(`/v1/funds/${OTHER}/beneficiaries`, {
      kind: 'household', name: 'Đặng Thị Mai', commune: 'Xã Tân Phú', village: 'thon 1', categories: ['poor'],
    });
    expectStatus(sameHamlet, 201);
    const helped = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '400000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: here.body.beneficiaryId, amount: '400000' }],
    }));
    expectStatus(helped, 201);
    const otherHamlet = await accountant.post(`/v1/funds/${OTHER}/disbursements`, disbursementBody({
      amount: '400000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: there.body.beneficiaryId, amount: '400000' }],
    }));
    expectStatus(otherHamlet, 201);
    const same = await accountant.post(`/v1/funds/${OTHER}/disbursements`, disbursementBody({
      amount: '400000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: sameHamlet.body.beneficiaryId, amount: '400000' }],
    }));
    expectError(same, 409, 'DUPLICATE_AID');
    expect(same.body.error.details).toMatchObject({ earlierFundId: FUND, earlierDisbursementId: helped.body.disbursementId });
  });

  it('counts no duplicate aid in another fund from a share closed as not delivered', async () => {
    const register = async (fundId: string) => {
      const response = await accountant.post(`/v1/funds/${fundId}/beneficiaries`, { kind: 'household', name: 'Bùi Văn Tư', commune: 'Xã Tân Phú', categories: ['poor'] });
      expectStatus(response, 201);
      return response.body.beneficiaryId as string;
    };
    const here = await register(FUND);
    const there = await register(OTHER);
    const first = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '300000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: here, amount: '300000' }],
    }));
    expectStatus(first, 201);
    const gift = (fundId: string, beneficiaryId: string) => accountant.post(`/v1/funds/${fundId}/disbursements`, disbursementBody({
      amount: '300000', needCategory: 'tet-gift', distribution: [{ beneficiaryId, amount: '300000' }],
    }));
    expectError(await gift(OTHER, there), 409, 'DUPLICATE_AID');
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${first.body.disbursementId}/approve`, {}), 200);
    expectStatus(await coordinator.post(`/v1/funds/${FUND}/disbursements/${first.body.disbursementId}/handovers`, {
      beneficiaryId: here, status: 'absent', closed: true, handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản 5: đã chuyển đi',
    }), 201);
    expectStatus(await gift(OTHER, there), 201);
  });

  it('states the log position the public list of who received aid was read at, the fund\'s and a campaign\'s, as every public figure does', async () => {
    const published = async (path: string) => {
      const response = await call(ledger, 'get', path, undefined, { token: null });
      expectStatus(response, 200);
      return response.body as { beneficiaries: unknown[]; position: number };
    };
    const before = await published(`/v1/public/funds/${FUND}/beneficiaries`);
    expect(before.position).toBe(await ledger.store.headPosition());
    const ofCampaign = await published(`/v1/public/funds/${OTHER}/campaigns/lu-cu/beneficiaries`);
    expect(ofCampaign.position).toBe(await ledger.store.headPosition());
    // A distribution approved since is in the next answer, which says it stands at or past its approval.
    const here = await accountant.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'Lý Văn Năm', commune: 'Xã Tân Phú', categories: ['poor'] });
    expectStatus(here, 201);
    const gift = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '200000', needCategory: 'tet-gift', distribution: [{ beneficiaryId: here.body.beneficiaryId, amount: '200000' }],
    }));
    expectStatus(gift, 201);
    const approved = await approver.post(`/v1/funds/${FUND}/disbursements/${gift.body.disbursementId}/approve`, {});
    expectStatus(approved, 200);
    const after = await published(`/v1/public/funds/${FUND}/beneficiaries`);
    expect(after.position).toBeGreaterThanOrEqual(approved.body.position);
    expect(after.beneficiaries).toHaveLength(before.beneficiaries.length + 1);
  });

  it('reads a hand-over as the log stood at a position: received before its correction, not after, in a report asked atPosition', async () => {
    expectStatus(await accountant.post(`/v1/funds/${FUND}/donations`, donationBody({
      channel: 'in_kind', amount: '400000', inKind: { description: 'Gạo nếp', quantity: '10', unit: 'kg', valuationMethod: 'giá chợ 40.000 đ/kg' },
    })), 201);
    const given = await accountant.post(`/v1/funds/${FUND}/disbursements`, disbursementBody({
      amount: '0', needCategory: 'seeds-livestock-tools', distribution: [{ beneficiaryId: ids['Phạm Thị Cúc'], items: [{ description: 'Gạo nếp', quantity: '10', unit: 'kg' }] }],
    }));
    expectStatus(given, 201);
    const id = given.body.disbursementId as string;
    expectStatus(await approver.post(`/v1/funds/${FUND}/disbursements/${id}/approve`, {}), 200);
    const handed = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers`, {
      beneficiaryId: ids['Phạm Thị Cúc'], status: 'received', handedOverAt: new Date().toISOString(), evidenceRef: 'Biên bản giao gạo nếp',
    });
    expectStatus(handed, 201);
    const corrected = await coordinator.post(`/v1/funds/${FUND}/disbursements/${id}/handovers/${ids['Phạm Thị Cúc']}/correct`, { reason: 'Ghi nhầm: bà Cúc chưa nhận đợt này' });
    expectStatus(corrected, 201);
    const usedAt = async (position: number) => {
      const report = await accountant.get(`/v1/funds/${FUND}/reports/disclosure?atPosition=${position}`);
      expectStatus(report, 200);
      return (report.body.rows as Record<string, unknown>[]).filter((row) => row.section === 'in-kind-used' && row.reference === id);
    };
    // Between the hand-over and its correction the rice was handed out; the correction does not rewrite that past.
    expect(await usedAt(Number(handed.body.position))).toEqual([expect.objectContaining({ reference: id })]);
    expect(await usedAt(Number(corrected.body.position))).toEqual([]);
    expect(await usedAt(Number(handed.body.position) - 1)).toEqual([]);
  });

  it('keeps the roles: an approver may not register or import; the public may not read the registry', async () => {
    expectError(await approver.post(`/v1/funds/${FUND}/beneficiaries`, { kind: 'household', name: 'A', commune: 'B', categories: [] }), 403, 'FORBIDDEN');
    expectError(await call(ledger, 'get', `/v1/funds/${FUND}/beneficiaries`, undefined, { token: null }), 401, 'UNAUTHENTICATED');
    expect(ADMIN_TOKEN).toBeTruthy();
  });
});
