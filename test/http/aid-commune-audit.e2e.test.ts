/**
 * Beneficiaries and aid as a commune and an auditor run into them (api-v2.md "Beneficiaries and
 * distributions"; domain.md R11, R12, R18, R20), through the real app on SQLite files: the
 * duplicate-aid window between business dates at its edges, earlier aid that does not count,
 * aid across funds and campaigns, commune lists as communes write them, coverage and stock after
 * corrections and reversals.
 */
import ExcelJS from 'exceljs';
import { startTestLedger, type TestLedger } from '../support/ledger-app';
import {
  campaignBody, client, disbursementBody, donationBody, expectError, expectStatus, openFund, vnTimestamp, type Client,
} from './support/http-helpers';

const A = 'quy-xa-an-phu';
const B = 'quy-huyen-bao-yen';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function upload(ledger: TestLedger, token: string, fundId: string, query: string, body: Buffer | string, contentType = 'text/csv', language = 'vi') {
  return ledger.http().post(`/v1/funds/${fundId}/beneficiary-lists?${query}`).set('Authorization', `Bearer ${token}`).set('content-type', contentType)
    .set('Accept-Language', language).send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('DS');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('Beneficiaries and aid as a commune and an auditor run into them', () => {
  let ledger: TestLedger;
  let accountant: Client;
  let coordinator: Client;
  let approver: Client;
  let accountantToken: string;

  const register = async (fundId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const response = await coordinator.post(`/v1/funds/${fundId}/beneficiaries`, { kind: 'household', name, commune: 'Xã An Phú', categories: ['poor'], ...extra });
    expectStatus(response, 201);
    return response.body.beneficiaryId as string;
  };
  const tet = (fundId: string, beneficiaryId: string, requestedAt: string, extra: Record<string, unknown> = {}) => accountant.post(`/v1/funds/${fundId}/disbursements`,
    disbursementBody({ amount: '500000', needCategory: 'tet-gift', requestedAt, distribution: [{ beneficiaryId, amount: '500000' }], ...extra }));

  beforeAll(async () => {
    ledger = await startTestLedger();
    const accountantUser = await ledger.user('Kế toán', ['accountant']);
    accountantToken = accountantUser.token;
    accountant = client(ledger, accountantToken);
    coordinator = client(ledger, (await ledger.user('Điều phối', ['coordinator'])).token);
    approver = client(ledger, (await ledger.user('Duyệt', ['approver'])).token);
    await openFund(ledger, A);
    await openFund(ledger, B);
    for (const fundId of [A, B]) {
      expectStatus(await accountant.post(`/v1/funds/${fundId}/donations`, donationBody({ amount: '90000000', receivedAt: '2026-01-02T09:00:00+07:00' })), 201);
    }
  }, 60_000);
  afterAll(async () => ledger?.close());

  describe('DUPLICATE_AID: the window between the two requests\' business dates', () => {
    it('refuses day 29 and takes day 30, counted in Vietnam days across midnight, whenever the requests were recorded', async () => {
      const x = await register(A, 'Hoàng Văn Ba', { address: 'Thôn 1' });
      const first = await tet(A, x, '2026-03-01T23:30:00+07:00');
      expectStatus(first, 201);
      // 30 March 23:59 in Vietnam: 29 days after 1 March.
      const day29 = await tet(A, x, '2026-03-30T23:59:00+07:00');
      expectError(day29, 409, 'DUPLICATE_AID');
      expect(day29.body.error.details).toMatchObject({
        beneficiaryId: x, need: 'tet-gift', earlierFundId: A, earlierDisbursementId: first.body.disbursementId, earlierRequestedAt: '2026-03-01T23:30:00+07:00', windowDays: 30,
      });
      // 17:10 UTC on 30 March is 00:10 on 31 March in Vietnam: 30 days after 1 March, outside the window.
      expectStatus(await tet(A, x, '2026-03-30T17:10:00Z'), 201);
    });

    it('takes day 31, and refuses a backdated request 29 days before a later one', async () => {
      const y = await register(A, 'Hoàng Thị Tư', { address: 'Thôn 2' });
      expectStatus(await tet(A, y, '2026-05-01T00:00:00+07:00'), 201);
      expectStatus(await tet(A, y, '2026-06-01T00:00:00+07:00'), 201);
      const backdated = await tet(A, y, '2026-04-02T08:00:00+07:00');
      expectError(backdated, 409, 'DUPLICATE_AID');
      expect(backdated.body.error.details).toMatchObject({ earlierRequestedAt: '2026-05-01T00:00:00+07:00' });
    });

    it('does not count an earlier request rejected, reversed, or whose share was closed as not delivered, in this fund or another', async () => {
      const z = await register(A, 'Phan Văn Năm', { address: 'Thôn 3' });
      const zElsewhere = await register(B, 'Phan Văn Năm', { address: 'Thôn 3' });
      const rejected = await tet(A, z, '2026-07-01T09:00:00+07:00');
      expectStatus(rejected, 201);
      expectStatus(await approver.post(`/v1/funds/${A}/disbursements/${rejected.body.disbursementId}/reject`, { reason: 'Lập nhầm' }), 200);
      const reversed = await tet(A, z, '2026-07-02T09:00:00+07:00');
      expectStatus(reversed, 201);
      expectStatus(await approver.post(`/v1/funds/${A}/disbursements/${reversed.body.disbursementId}/approve`, {}), 200);
      expectStatus(await approver.post(`/v1/funds/${A}/disbursements/${reversed.body.disbursementId}/pay`, { paidAt: '2026-07-03T09:00:00+07:00', reference: 'UNC-Z-1' }), 200);
      expectStatus(await accountant.post(`/v1/funds/${A}/reversals`, { entryId: reversed.body.disbursementId, reason: 'Chi nhầm' }), 201);
      const closed = await tet(A, z, '2026-07-04T09:00:00+07:00');
      expectStatus(closed, 201);
      expectStatus(await approver.post(`/v1/funds/${A}/disbursements/${closed.body.disbursementId}/approve`, {}), 200);
      expectStatus(await coordinator.post(`/v1/funds/${A}/disbursements/${closed.body.disbursementId}/handovers`, {
        beneficiaryId: z, status: 'absent', closed: true, handedOverAt: '2026-07-05T09:00:00+07:00', evidenceRef: 'Biên bản: đã chuyển đi',
      }), 201);
      // None of the three is aid Năm received: fund B helps him, and so does fund A again.
      const fromB = await tet(B, zElsewhere, '2026-07-06T09:00:00+07:00');
      expectStatus(fromB, 201);
      // Fund B's request rejected, then fund A's is no duplicate of it either.
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${fromB.body.disbursementId}/reject`, { reason: 'Quỹ xã đã lo' }), 200);
      expectStatus(await tet(A, z, '2026-07-07T09:00:00+07:00'), 201);
      // Now fund A's stands: fund B's next request is the duplicate, naming it.
      const again = await tet(B, zElsewhere, '2026-07-08T09:00:00+07:00');
      expectError(again, 409, 'DUPLICATE_AID');
      expect(again.body.error.details).toMatchObject({ earlierFundId: A, earlierRequestedAt: '2026-07-07T09:00:00+07:00' });
    });

    it('counts a payment reversed in another fund as no earlier aid', async () => {
      const w = await register(A, 'Đinh Thị Sáu', { address: 'Thôn 4' });
      const wElsewhere = await register(B, 'Đinh Thị Sáu', { address: 'Thôn 4' });
      const paid = await tet(B, wElsewhere, '2026-08-01T09:00:00+07:00');
      expectStatus(paid, 201);
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${paid.body.disbursementId}/approve`, {}), 200);
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${paid.body.disbursementId}/pay`, { paidAt: '2026-08-02T09:00:00+07:00', reference: 'UNC-W-1' }), 200);
      const blocked = await tet(A, w, '2026-08-03T09:00:00+07:00');
      expectError(blocked, 409, 'DUPLICATE_AID');
      expectStatus(await accountant.post(`/v1/funds/${B}/reversals`, { entryId: paid.body.disbursementId, reason: 'Chi nhầm' }), 201);
      expectStatus(await tet(A, w, '2026-08-03T09:00:00+07:00'), 201);
    });

    it('counts aid across the campaigns of the ledger: a campaign\'s gift, then the general fund\'s, then another campaign\'s in another fund', async () => {
      const v = await register(A, 'Lò Văn Bảy', { address: 'Bản 5' });
      const vElsewhere = await register(B, 'Lò Văn Bảy', { address: 'Bản 5' });
      expectStatus(await accountant.post(`/v1/funds/${A}/campaigns`, campaignBody({ campaignId: 'tet-2027', kind: 'humanitarian_month' })), 201);
      expectStatus(await accountant.post(`/v1/funds/${B}/campaigns`, campaignBody({ campaignId: 'tet-vung-cao' })), 201);
      expectStatus(await accountant.post(`/v1/funds/${A}/donations`, donationBody({ amount: '5000000', campaignId: 'tet-2027' })), 201);
      expectStatus(await accountant.post(`/v1/funds/${B}/donations`, donationBody({ amount: '5000000', campaignId: 'tet-vung-cao' })), 201);
      const today = vnTimestamp(0);
      const first = await tet(A, v, today, { campaignId: 'tet-2027' });
      expectStatus(first, 201);
      const general = await tet(A, v, today);
      expectError(general, 409, 'DUPLICATE_AID');
      expect(general.body.error.details).toMatchObject({ earlierDisbursementId: first.body.disbursementId });
      const otherCampaign = await tet(B, vElsewhere, today, { campaignId: 'tet-vung-cao' });
      expectError(otherCampaign, 409, 'DUPLICATE_AID');
      expect(otherCampaign.body.error.details).toMatchObject({ earlierFundId: A, earlierDisbursementId: first.body.disbursementId });
      // Resent with a reason: accepted, flagged, naming the earlier aid; its approval records the override.
      const resent = await tet(B, vElsewhere, today, { campaignId: 'tet-vung-cao', overrideDuplicate: { reason: 'Nhà bị sạt lở sau đợt trao quà' } });
      expectStatus(resent, 201);
      expect(resent.body).toMatchObject({ duplicateOverride: true });
      const approved = await approver.post(`/v1/funds/${B}/disbursements/${resent.body.disbursementId}/approve`, {});
      expectStatus(approved, 200);
      expect(approved.body).toMatchObject({ duplicateOverrideApproved: true });
      const overrides = await accountant.get(`/v1/funds/${B}/reports/duplicate-overrides`);
      expect(overrides.body.overrides).toEqual([expect.objectContaining({
        disbursementId: resent.body.disbursementId, reason: 'Nhà bị sạt lở sau đợt trao quà',
        earlier: [expect.objectContaining({ fundId: A, disbursementId: first.body.disbursementId, beneficiaryId: vElsewhere })],
      })]);
    });
  });

  it('names, of two namesakes of one commune in two hamlets on one request, the one another fund helped', async () => {
    const inNoong = await register(A, 'Cầm Văn Xuân', { commune: 'Xã Mường Chà', village: 'Bản Noong' });
    const inLuot = await register(A, 'Cầm Văn Xuân', { commune: 'Xã Mường Chà', village: 'Bản Lướt' });
    const helped = await register(B, 'Cầm Văn Xuân', { commune: 'Xã Mường Chà', village: 'Bản Noong' });
    expectStatus(await tet(B, helped, '2026-09-01T09:00:00+07:00'), 201);
    const both = await accountant.post(`/v1/funds/${A}/disbursements`, disbursementBody({
      amount: '1000000', needCategory: 'tet-gift', requestedAt: '2026-09-02T09:00:00+07:00',
      distribution: [{ beneficiaryId: inNoong, amount: '500000' }, { beneficiaryId: inLuot, amount: '500000' }],
    }));
    expectError(both, 409, 'DUPLICATE_AID');
    expect(both.body.error.details).toMatchObject({ beneficiaryId: inNoong, earlierFundId: B, duplicates: 1 });
  });

  it('takes a hamlet written without the word for its unit ("Noong" for "Bản Noong") for the same hamlet when it looks for earlier aid, and "Tổ 3" for another than "Thôn 3"', async () => {
    const helped = await register(B, 'Lò Văn Chiến', { commune: 'Xã Mường Chà', village: 'Bản Noong' });
    expectStatus(await tet(B, helped, '2026-09-01T09:00:00+07:00'), 201);
    const again = await register(A, 'Lò Văn Chiến', { commune: 'Xã Mường Chà', village: 'Noong' });
    const refused = await tet(A, again, '2026-09-02T09:00:00+07:00');
    expectError(refused, 409, 'DUPLICATE_AID');
    expect(refused.body.error.details).toMatchObject({ beneficiaryId: again, earlierFundId: B });
    const helpedInThon3 = await register(B, 'Lò Văn Chiến', { commune: 'Xã Mường Chà', village: 'Thôn 3' });
    expectStatus(await tet(B, helpedInThon3, '2026-09-01T10:00:00+07:00'), 201);
    const inTo3 = await register(A, 'Lò Văn Chiến', { commune: 'Xã Mường Chà', village: 'Tổ 3' });
    // Written without marks, as lists exported from some systems are, it is the same household.
    const unmarked = await coordinator.post(`/v1/funds/${A}/beneficiaries`, { kind: 'household', name: 'Lò Văn Chiến', commune: 'Xã Mường Chà', village: 'Ban Noong', categories: ['poor'] });
    expectError(unmarked, 409, 'ALREADY_EXISTS');
    expect(unmarked.body.error.details).toMatchObject({ beneficiaryId: again });
    // Tổ 3 is no hamlet Thôn 3, nor Bản Noong: nobody helped this household yet.
    expectStatus(await tet(A, inTo3, '2026-09-02T10:00:00+07:00'), 201);
  });

  describe("A commune's list as communes write it", () => {
    const query = 'commune=Xã Tân Lập&listKind=poor&certificationRef=07/QĐ-UBND';

    it('reads the headings api-v2 lists, with diacritics or without, in any case and with extra spaces', async () => {
      const csv = [
        'UBND XÃ TÂN LẬP',
        'DANH SÁCH HỘ NGHÈO NĂM 2027',
        ' stt ;  HỌ   VÀ  TÊN ; so cccd ;  Dia chi ; THÔN ; loai ho ',
        '1;Vàng Thị Mai;079088012345;Bản Mới;Bản Mới;Hộ nghèo',
        '2;Giàng A Lử;;Bản Cũ;Bản Cũ;hộ cận nghèo',
      ].join('\r\n');
      const first = await upload(ledger, accountantToken, A, query, csv);
      expectStatus(first, 201);
      expect(first.body).toMatchObject({ added: 2, matched: 0, members: 2, rejected: [], warnings: [] });
      const listed = await accountant.get(`/v1/funds/${A}/beneficiaries?listId=${first.body.listId}`);
      expect(listed.body.beneficiaries.map((row: Record<string, unknown>) => [row.name, row.address, row.village, row.idLast4, row.categories])).toEqual([
        ['Vàng Thị Mai', 'Bản Mới', 'Bản Mới', '2345', ['poor']], ['Giàng A Lử', 'Bản Cũ', 'Bản Cũ', null, ['near_poor']],
      ]);
      // The same two households on the next year's list, spelled as another clerk spells it: matched, not added.
      const xlsx = await xlsxOf([
        ['Họ tên', 'CMND', 'Địa chỉ', 'Xóm', 'category'],
        ['VÀNG THỊ MAI', 79088012345, 'Bản Mới, xã Tân Lập', 'Bản Mới', 'poor'],
        ['giang a lu', '', 'Bản Cũ', '', 'near_poor'],
      ]);
      const second = await upload(ledger, accountantToken, A, query, xlsx, XLSX);
      expectStatus(second, 201);
      expect(second.body).toMatchObject({ added: 0, matched: 2, members: 2, rejected: [] });
      const ascii = [
        'Ho va ten,Dia chi,IdNumber,Loai ho,Xom',
        'Vang Thi Mai,Ban Moi,079088012345,ho ngheo,Ban Moi',
      ].join('\n');
      const third = await upload(ledger, accountantToken, A, query, ascii);
      expectStatus(third, 201);
      expect(third.body).toMatchObject({ added: 0, matched: 1, members: 1, rejected: [] });
    });

    it('reads a CCCD of provinces 001 to 009 whose spreadsheet number lost both leading zeros (10 digits) as the same 12-digit number', async () => {
      const text = await upload(ledger, accountantToken, A, 'commune=Phường Phúc Xá&listKind=poor&certificationRef=21/QĐ-UBND',
        'Họ và tên,Số CCCD,Địa chỉ\nNguyễn Thị Hằng,001188004321,Tổ 5\n');
      expectStatus(text, 201);
      expect(text.body).toMatchObject({ added: 1, rejected: [] });
      const xlsx = await xlsxOf([['Họ và tên', 'Số CCCD', 'Địa chỉ'], ['Nguyễn Thị Hằng', 1188004321, 'Tổ 5, phường Phúc Xá']]);
      const response = await upload(ledger, accountantToken, A, 'commune=Phường Phúc Xá&listKind=affected&certificationRef=22/QĐ-UBND', xlsx, XLSX);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 0, matched: 1, members: 1, rejected: [] });
    });

    it('reads an id number written with spaces, dashes or dots between its digits as the same number; letters or other marks stay an error naming the line', async () => {
      const csv = [
        'Họ và tên,Số CCCD,Địa chỉ',
        'Hồ Văn Tám,001 234 567 890,Thôn 8',
        'Hồ Văn Tám,001-234-567-890,Thôn Tám',
        'Hồ Văn Tám,001.234.567.890,Thôn 8 mới',
        'Hồ Thị Chín,012-345 678.901,Thôn 9',
        'Hồ Văn Mười,001-234-567-89O,Thôn 10',
        'Hồ Văn Mười,-001234567890,Thôn 10',
        'Hồ Văn Mười,001_234_567_890,Thôn 10',
        'Hồ Văn Mười,001 / 234 / 567 / 890,Thôn 10',
        'Hồ Văn Tám,001 - 234 - 567 - 890,Thôn 8',
      ].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Tam Kỳ&listKind=poor&certificationRef=41/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 2, matched: 3, members: 2 });
      expect(response.body.rejected).toEqual([6, 7, 8, 9].map((line) => ({ line, code: 'VALIDATION_FAILED', message: 'Số CMND/CCCD: phải gồm 9 (CMND) hoặc 12 (CCCD) chữ số' })));
      const listed = await accountant.get(`/v1/funds/${A}/beneficiaries?listId=${response.body.listId}`);
      expect(listed.body.beneficiaries.map((row: Record<string, unknown>) => [row.name, row.idLast4])).toEqual([['Hồ Văn Tám', '7890'], ['Hồ Thị Chín', '8901']]);
      // The registry form takes the number as the list writes it, and finds the same household.
      const again = await coordinator.post(`/v1/funds/${A}/beneficiaries`, {
        kind: 'household', name: 'Hồ Văn Tám', commune: 'Xã Tam Kỳ', idNumber: '001-234-567-890', categories: ['poor'],
      });
      expectError(again, 409, 'ALREADY_EXISTS');
      const lettered = await coordinator.post(`/v1/funds/${A}/beneficiaries`, {
        kind: 'household', name: 'Hồ Văn Mười', commune: 'Xã Tam Kỳ', idNumber: '001-234-567-89O', categories: ['poor'],
      });
      expectError(lettered, 400, 'VALIDATION_FAILED');
    });

    it('reads the id number under "Số CMND/CCCD" and "Số định danh cá nhân", and the name under "Họ và tên chủ hộ", as lists of poor households head them', async () => {
      const cmndFirst = await upload(ledger, accountantToken, A, 'commune=Xã Yên Bình&listKind=poor&certificationRef=31/QĐ-UBND',
        'STT,Họ và tên chủ hộ,Số CMND/CCCD,Thôn/Xóm\n1,Bế Văn Khánh,004077001234,Xóm Nà\n');
      expectStatus(cmndFirst, 201);
      expect(cmndFirst.body).toMatchObject({ added: 1, rejected: [] });
      const listed = await accountant.get(`/v1/funds/${A}/beneficiaries?listId=${cmndFirst.body.listId}`);
      expect(listed.body.beneficiaries).toEqual([expect.objectContaining({ name: 'Bế Văn Khánh', idLast4: '1234', village: 'Xóm Nà' })]);
      const personalId = await upload(ledger, accountantToken, A, 'commune=Xã Yên Bình&listKind=affected&certificationRef=32/QĐ-UBND',
        'Họ và tên chủ hộ,Số định danh cá nhân,Địa chỉ\nBế Văn Khánh,004077001234,Xóm Nà mới\n');
      expectStatus(personalId, 201);
      expect(personalId.body).toMatchObject({ added: 0, matched: 1, rejected: [] });
    });

    it('matches the same person on two lines: by id number, and without one by name and address; a namesake with another id number is added', async () => {
      const csv = [
        'STT,Họ và tên,Số CCCD,Địa chỉ',
        '1,Sùng Văn Páo,002077000111,Bản Lầu',
        '2,Sùng Văn Páo,002077000111,Bản Lầu Trên',
        '3,Thào Thị Dua,,Bản Pả',
        '4,THÀO THỊ DUA,,bản pả',
        '5,Sùng Văn Páo,002077000999,Bản Lầu',
      ].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Bản Lầu&listKind=affected&certificationRef=3/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 3, matched: 2, members: 3, rejected: [] });
    });

    it('names each rejected line with its number and a reason in Vietnamese', async () => {
      const csv = [
        'Họ và tên,Số CCCD,Loại hộ',
        'Lý Văn Một,12345,Hộ nghèo',
        ',,Hộ nghèo',
        'Lý Thị Hai,,Hộ giàu',
        'Lý Văn Ba,,Hộ nghèo',
      ].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Tân Lập&listKind=poor&certificationRef=08/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 1, matched: 0, members: 1 });
      expect(response.body.rejected.map((line: { line: number; code: string }) => [line.line, line.code])).toEqual([
        [2, 'VALIDATION_FAILED'], [3, 'VALIDATION_FAILED'], [4, 'VALIDATION_FAILED'],
      ]);
      const messages = response.body.rejected.map((line: { message: string }) => line.message) as string[];
      expect(messages[0]).toContain('9 (CMND) hoặc 12 (CCCD) chữ số');
      expect(messages[1]).toContain('không được để trống');
      expect(messages[2]).toContain('Hộ giàu');
      // The categories as the staff app names them, not the registry's codes.
      expect(messages[2]).toContain('phải là một trong: Hộ nghèo, Hộ cận nghèo, Gia đình chính sách, Bị ảnh hưởng thiên tai, Khác');
      expect(messages[2]).not.toMatch(/near_poor|disaster_affected/);
      const english = await upload(ledger, accountantToken, A, 'commune=Xã Tân Lập&listKind=poor&certificationRef=09/QĐ-UBND', csv, 'text/csv', 'en');
      expectStatus(english, 201);
      expect(english.body.rejected.map((line: { message: string }) => line.message)).toEqual([
        'idNumber: must be 9 (CMND) or 12 (CCCD) digits', 'name: must not be blank', expect.stringContaining('category: Hộ giàu is not one of'),
      ]);
    });

    it('reads "Hộ bị thiệt hại", as communes write it after a disaster, as the category of those a disaster affected', async () => {
      const csv = ['Họ và tên,Số CCCD,Loại hộ', 'Đinh Văn Lũ,,Hộ bị thiệt hại', 'Đinh Thị Bão,,Bị ảnh hưởng thiên tai'].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Tân Lập&listKind=poor&certificationRef=10/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 2, rejected: [] });
    });

    it('refuses an empty file, a file without a heading row, headings alone and a file whose every line is rejected, naming the body, appending nothing', async () => {
      const empty = await upload(ledger, accountantToken, A, query, '');
      expectError(empty, 400, 'VALIDATION_FAILED');
      const headless = await upload(ledger, accountantToken, A, query, 'Nguyễn Văn A,Thôn 1\nTrần Thị B,Thôn 2');
      expectError(headless, 400, 'VALIDATION_FAILED');
      const headings = await upload(ledger, accountantToken, A, query, 'STT,Họ và tên,Số CCCD\n');
      expectError(headings, 400, 'VALIDATION_FAILED');
      expect(headings.body.error.message).toContain('(body)');
      const allRejected = await upload(ledger, accountantToken, A, query, 'Họ và tên,Số CCCD\nLý Văn Một,12345\n');
      expectError(allRejected, 400, 'VALIDATION_FAILED');
      expect(allRejected.body.error.details).toEqual({ rejected: ['line 2: idNumber: must be 9 (CMND) or 12 (CCCD) digits'], rejectedCount: 1 });
      // Nothing was recorded: no list of nobody, certified, for an auditor to find.
      const lists = await accountant.get(`/v1/funds/${A}/beneficiary-lists`);
      expect(lists.body.lists.filter((list: { members: number }) => list.members === 0)).toEqual([]);
    });

    it('speaks of the list, not of a bank statement, when the file cannot be read or is not a file', async () => {
      const headless = await upload(ledger, accountantToken, A, query, 'Nguyễn Văn A,Thôn 1\nTrần Thị B,Thôn 2');
      expectError(headless, 400, 'VALIDATION_FAILED');
      expect(headless.body.error.message).toMatch(/^Danh sách đối tượng không hợp lệ: /);
      const english = await upload(ledger, accountantToken, A, query, 'Nguyễn Văn A,Thôn 1', 'text/csv', 'en');
      expect(english.body.error.message).toMatch(/^Invalid beneficiary list: /);
      const json = await ledger.http().post(`/v1/funds/${A}/beneficiary-lists?${query}`).set('Authorization', `Bearer ${accountantToken}`)
        .set('content-type', 'application/json').send({ name: 'Nguyễn Văn A' });
      expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(json.body.error.message).toContain('danh sách');
      expect(json.body.error.message).not.toContain('sao kê');
    });

    it("reads another commune's households as other households: only an id number finds the same person", async () => {
      const csv = [
        'DANH SÁCH HỘ NGHÈO XÃ TÂN LẬP',
        'Họ và tên,Số CCCD,Địa chỉ',
        'Vàng Thị Mai,079088012345,Bản Mới',
        'Giàng A Lử,,Bản Cũ',
      ].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Tân Hợp&listKind=poor&certificationRef=11/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 1, matched: 1, members: 2 });
      expect(response.body.warnings).toEqual([
        { line: 1, code: 'COMMUNE_DIFFERS', message: 'Xã, phường: tiêu đề danh sách ghi XÃ TÂN LẬP; danh sách được nhập cho Xã Tân Hợp' },
      ]);
    });
    it("warns, naming both, when the list's title names another commune than the one it is imported for; records it all the same", async () => {
      const csv = [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'UBND XÃ TRÀ LENG, HUYỆN NAM TRÀ MY',
        'DANH SÁCH HỘ BỊ ẢNH HƯỞNG DO BÃO NĂM 2027',
        'Họ và tên,Số CCCD,Địa chỉ',
        'Hồ Văn Lũ,049088001122,Thôn 1',
      ].join('\n');
      const warned = await upload(ledger, accountantToken, A, 'commune=Xã Trà Tập&listKind=affected&certificationRef=51/QĐ-UBND', csv);
      expectStatus(warned, 201);
      expect(warned.body).toMatchObject({ added: 1, members: 1, rejected: [] });
      expect(warned.body.warnings).toEqual([
        { line: 2, code: 'COMMUNE_DIFFERS', message: 'Xã, phường: tiêu đề danh sách ghi XÃ TRÀ LENG; danh sách được nhập cho Xã Trà Tập' },
      ]);
      const english = await upload(ledger, accountantToken, A, 'commune=Xã Trà Tập&listKind=affected&certificationRef=52/QĐ-UBND', csv, 'text/csv', 'en');
      expectStatus(english, 201);
      expect(english.body.warnings).toEqual([
        { line: 2, code: 'COMMUNE_DIFFERS', message: "commune: the list's title names XÃ TRÀ LENG; it is imported for Xã Trà Tập" },
      ]);
      const lists = await accountant.get(`/v1/funds/${A}/beneficiary-lists`);
      expect(lists.body.lists).toEqual(expect.arrayContaining([expect.objectContaining({ listId: warned.body.listId, commune: 'Xã Trà Tập', members: 1 })]));
      // The same commune written otherwise, a ward, and a file that names no commune: no warning.
      for (const [commune, title] of [
        ['tra leng', 'Ủy ban nhân dân xã Trà Leng'], ['Xã Trà Leng', 'DANH SÁCH HỘ NGHÈO XA TRA LENG NĂM 2027'], ['Phường Phúc Xá', 'UBND PHƯỜNG PHÚC XÁ'],
        ['Thị trấn Tây Sơn', 'Danh sách hộ nghèo thị trấn Tây Sơn'], ['Xã Trà Leng', 'DANH SÁCH HỘ NGHÈO NĂM 2027'],
      ]) {
        const quiet = await upload(ledger, accountantToken, A, `commune=${encodeURIComponent(commune)}&listKind=poor&certificationRef=53/QĐ-UBND`,
          `${title}\nHọ và tên,Số CCCD\nHồ Văn Lũ,049088001122\n`);
        expectStatus(quiet, 201);
        expect([title, quiet.body.warnings]).toEqual([title, []]);
      }
      const ward = await upload(ledger, accountantToken, A, 'commune=Xã Trà Leng&listKind=poor&certificationRef=54/QĐ-UBND',
        'UBND PHƯỜNG PHÚC XÁ\nHọ và tên,Số CCCD\nHồ Văn Lũ,049088001122\n');
      expect(ward.body.warnings).toEqual([expect.objectContaining({ line: 1, code: 'COMMUNE_DIFFERS', message: expect.stringContaining('PHƯỜNG PHÚC XÁ') })]);
    });

    it('warns of a line naming the household of an earlier line (the same id number, or the same name and address): listed once, the commune asked', async () => {
      const csv = [
        'Họ và tên,Số CCCD,Địa chỉ',
        'Lò Văn Páo,049088005566,Bản Nà',
        'Lò Thị Dua,,Bản Nà',
        'Lò Văn Páo (chủ hộ),049 088 005 566,Bản Nà',
        'LÒ THỊ DUA,,bản nà',
        'Lò Thị Dua,,Bản Pá',
        'Lò Thị Dua,049188007788,Bản Nà',
      ].join('\n');
      const response = await upload(ledger, accountantToken, A, 'commune=Xã Trà Tập&listKind=affected&certificationRef=55/QĐ-UBND', csv);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({ added: 3, matched: 3, repeated: 3, members: 3, rejected: [] });
      expect(response.body.warnings).toEqual([
        // One id number under two names: both are said, for the commune to be asked who this is.
        {
          line: 4, code: 'REPEATED_LINE',
          message: 'Số CMND/CCCD: cùng một hộ với dòng 2 (cùng số giấy tờ nhưng dòng đó ghi tên "Lò Văn Páo", dòng này "Lò Văn Páo (chủ hộ)"); chỉ ghi vào danh sách một lần, hãy hỏi lại xã xem đây là ai',
        },
        { line: 5, code: 'REPEATED_LINE', message: 'Họ và tên: cùng một hộ với dòng 3; chỉ ghi vào danh sách một lần, hãy hỏi lại xã nếu dòng này có ý khác' },
        // An id number on one line and none on the other: the registry takes them for one household, and says so.
        { line: 7, code: 'REPEATED_LINE', message: 'Họ và tên: cùng một hộ với dòng 3; chỉ ghi vào danh sách một lần, hãy hỏi lại xã nếu dòng này có ý khác' },
      ]);
      // A hamlet written with the word for its unit on one line and without it on another is one hamlet; a line
      // without the unit, found again naming it, is that hamlet, so the line of another unit after it is another household.
      for (const [decision, lines] of [
        ['57/QĐ-UBND', ['Vì Văn Pọm,Thôn 3', 'Vì Văn Pọm,3', 'Vì Văn Pọm,Tổ 3']],
        ['58/QĐ-UBND', ['Vì Thị Lả,5', 'Vì Thị Lả,Thôn 5', 'Vì Thị Lả,Tổ 5']],
      ] as const) {
        const hamlets = await upload(ledger, accountantToken, A, `commune=Xã Trà Tập&listKind=affected&certificationRef=${decision}`, ['Họ và tên,Thôn/Xóm', ...lines].join('\n'));
        expectStatus(hamlets, 201);
        expect(hamlets.body).toMatchObject({ added: 2, repeated: 1, members: 2 });
        expect(hamlets.body.warnings).toEqual([
          { line: 3, code: 'REPEATED_LINE', message: 'Họ và tên: cùng một hộ với dòng 2; chỉ ghi vào danh sách một lần, hãy hỏi lại xã nếu dòng này có ý khác' },
        ]);
      }
      // A line repeating a line the list refused is the one taken: it is no repeat of anyone on the list.
      const afterRefused = await upload(ledger, accountantToken, A, 'commune=Xã Trà Tập&listKind=affected&certificationRef=56/QĐ-UBND',
        ['Họ và tên,Số CCCD,Địa chỉ', ',049088006677,Bản Nà', 'Lò Văn Sinh,049088006677,Bản Nà'].join('\n'));
      expectStatus(afterRefused, 201);
      expect(afterRefused.body).toMatchObject({ added: 1, matched: 0, repeated: 0, rejected: [expect.objectContaining({ line: 2 })] });
    });
  });

  describe('Coverage and stock as an auditor checks them', () => {
    let listId: string;
    const ids: Record<string, string> = {};
    const riceOf = (items: { description: string }[]) => items.filter((item) => item.description === 'Gạo tẻ');
    const coverageOf = (need: string, extra = '') => accountant.get(`/v1/funds/${B}/reports/coverage?listId=${listId}&need=${need}${extra}`);

    it('follows hand-overs recorded, corrected and reversed, and its CSV and XLSX count what the JSON counts', async () => {
      const csv = ['Họ và tên,Địa chỉ', 'Mùa A Chá,Bản 1', 'Mùa Thị Dợ,Bản 2', 'Mùa A Sử,Bản 3', 'Mùa Thị Pà,Bản 4', 'Mùa A Tủa,Bản 5'].join('\n');
      const imported = await upload(ledger, accountantToken, B, 'commune=Xã Sín Chéng&listKind=poor&certificationRef=5/QĐ-UBND', csv);
      expectStatus(imported, 201);
      listId = imported.body.listId;
      const registry = await accountant.get(`/v1/funds/${B}/beneficiaries?listId=${listId}`);
      for (const row of registry.body.beneficiaries as { name: string; beneficiaryId: string }[]) ids[row.name] = row.beneficiaryId;
      const names = ['Mùa A Chá', 'Mùa Thị Dợ', 'Mùa A Sử', 'Mùa Thị Pà'];
      const gift = await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
        amount: '2000000', needCategory: 'tet-gift', certificationRef: '5/QĐ-UBND',
        distribution: names.map((name) => ({ beneficiaryId: ids[name], amount: '500000' })),
      }));
      expectStatus(gift, 201);
      const id = gift.body.disbursementId as string;
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/approve`, {}), 200);
      const at = vnTimestamp(0);
      const hand = (name: string, status: string) => coordinator.post(`/v1/funds/${B}/disbursements/${id}/handovers`, {
        beneficiaryId: ids[name], status, handedOverAt: at, evidenceRef: 'DS ký nhận',
      });
      expectStatus(await hand('Mùa A Chá', 'received'), 201);
      expectStatus(await hand('Mùa Thị Dợ', 'received'), 201);
      expectStatus(await hand('Mùa A Sử', 'refused'), 201);
      const corrected = await coordinator.post(`/v1/funds/${B}/disbursements/${id}/handovers/${ids['Mùa Thị Dợ']}/correct`, { reason: 'Ghi nhầm hộ' });
      expectStatus(corrected, 201);
      const coverage = await coverageOf('tet-gift');
      expectStatus(coverage, 200);
      expect(coverage.body).toMatchObject({ total: 5, receivedCount: 1, notReceivedCount: 4 });
      expect(coverage.body.received.map((entry: { name: string }) => entry.name)).toEqual(['Mùa A Chá']);
      expect(coverage.body.notReceived.map((entry: { name: string; status: string }) => [entry.name, entry.status])).toEqual([
        ['Mùa Thị Dợ', 'planned'], ['Mùa A Sử', 'refused'], ['Mùa Thị Pà', 'planned'], ['Mùa A Tủa', 'none'],
      ]);
      const file = await coverageOf('tet-gift', '&format=csv');
      expectStatus(file, 200);
      const rows = file.text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '' && !line.startsWith('#')).slice(1);
      expect(rows.length).toBe(coverage.body.total);
      expect(rows.filter((line) => line.split(',')[5] === 'received').length).toBe(coverage.body.receivedCount);
      expect(file.headers['x-report-sha256']).toBe(coverage.body.sha256);
      const xlsx = await accountant.get(`/v1/funds/${B}/reports/coverage?listId=${listId}&need=tet-gift&format=xlsx`)
        .buffer(true).parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expectStatus(xlsx, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
      const texts: string[] = [];
      book.worksheets[0].eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
      expect(texts).toEqual(expect.arrayContaining(['Cộng đã nhận: 1 đối tượng', 'Cộng chưa nhận: 4 đối tượng', 'Tổng cộng: 5 đối tượng trên danh sách']));
      expect(xlsx.headers['x-report-sha256']).toBe(coverage.body.sha256);
    });

    it('counts nobody helped by a request whose payment was reversed before anyone came', async () => {
      const food = await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
        amount: '300000', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: ids['Mùa A Tủa'], amount: '300000' }],
      }));
      expectStatus(food, 201);
      const id = food.body.disbursementId as string;
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/approve`, {}), 200);
      expect((await coverageOf('food-water-medicine')).body.notReceived).toEqual(
        expect.arrayContaining([expect.objectContaining({ beneficiaryId: ids['Mùa A Tủa'], status: 'planned', disbursementId: id })]),
      );
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-TUA' }), 200);
      expectStatus(await accountant.post(`/v1/funds/${B}/reversals`, { entryId: id, reason: 'Chi nhầm' }), 201);
      expect((await coverageOf('food-water-medicine')).body.notReceived).toEqual(
        expect.arrayContaining([expect.objectContaining({ beneficiaryId: ids['Mùa A Tủa'], status: 'none', disbursementId: null })]),
      );
      const published = await ledger.http().get(`/v1/public/funds/${B}/beneficiaries`);
      expect(published.body.beneficiaries.filter((row: { disbursementId: string }) => row.disbursementId === id)).toEqual([]);
    });

    it('counts goods handed over as received once the payment of their request is reversed: coverage, the public list and duplicate aid', async () => {
      expectStatus(await accountant.post(`/v1/funds/${B}/donations`, donationBody({
        channel: 'in_kind', amount: '500000', inKind: { description: 'Mì tôm', quantity: '20', unit: 'thùng', valuationMethod: 'hóa đơn' },
      })), 201);
      const noodles = (name: string) => ({ beneficiaryId: ids[name], items: [{ description: 'Mì tôm', quantity: '5', unit: 'thùng' }] });
      const request = await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
        amount: '300000', needCategory: 'evacuation', distribution: [noodles('Mùa Thị Pà'), { beneficiaryId: ids['Mùa A Sử'], amount: '300000' }],
      }));
      expectStatus(request, 201);
      const id = request.body.disbursementId as string;
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/approve`, {}), 200);
      expectStatus(await coordinator.post(`/v1/funds/${B}/disbursements/${id}/handovers`, {
        beneficiaryId: ids['Mùa Thị Pà'], status: 'received', handedOverAt: vnTimestamp(0), evidenceRef: 'Biên bản giao mì',
      }), 201);
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/pay`, { paidAt: vnTimestamp(0), reference: 'UNC-SU' }), 200);
      // The cash share nobody took: the payment was a mistake, and it is reversed; the noodles Pà took home stay handed out.
      const reversed = await accountant.post(`/v1/funds/${B}/reversals`, { entryId: id, reason: 'Chi nhầm' });
      expectStatus(reversed, 201);
      const stock = await accountant.get(`/v1/funds/${B}/stock?minPosition=${reversed.body.position}`);
      expect(stock.body.items).toEqual(expect.arrayContaining([{ description: 'Mì tôm', unit: 'thùng', received: '20', allocated: '5', handedOut: '5', onHand: '15', free: '15' }]));
      const coverage = await coverageOf('evacuation');
      expect(coverage.body.received).toEqual([expect.objectContaining({ beneficiaryId: ids['Mùa Thị Pà'], status: 'received', disbursementId: id })]);
      expect(coverage.body.notReceived).toEqual(expect.arrayContaining([expect.objectContaining({ beneficiaryId: ids['Mùa A Sử'], status: 'none' })]));
      const published = await ledger.http().get(`/v1/public/funds/${B}/beneficiaries`);
      expect(published.body.beneficiaries.filter((row: { disbursementId: string }) => row.disbursementId === id)).toEqual([
        expect.objectContaining({ name: 'Mùa Thị Pà', need: 'evacuation', amount: null, items: [{ description: 'Mì tôm', quantity: '5', unit: 'thùng' }] }),
      ]);
      const again = await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({ amount: '0', needCategory: 'evacuation', distribution: [noodles('Mùa Thị Pà')] }));
      expectError(again, 409, 'DUPLICATE_AID');
      expect(again.body.error.details).toMatchObject({ earlierDisbursementId: id });
      expectStatus(await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
        amount: '300000', needCategory: 'evacuation', distribution: [{ beneficiaryId: ids['Mùa A Sử'], amount: '300000' }],
      })), 201);
      // Another fund of the ledger finds the same household's noodles too.
      const paInA = await register(A, 'Mùa Thị Pà', { commune: 'Xã Sín Chéng', address: 'Bản 4' });
      const fromA = await accountant.post(`/v1/funds/${A}/disbursements`, disbursementBody({
        amount: '300000', needCategory: 'evacuation', distribution: [{ beneficiaryId: paInA, amount: '300000' }],
      }));
      expectError(fromA, 409, 'DUPLICATE_AID');
      expect(fromA.body.error.details).toMatchObject({ earlierFundId: B, earlierDisbursementId: id });
    });

    it('shows the in-kind stock after a gift reversed and a hand-over corrected', async () => {
      const rice = await accountant.post(`/v1/funds/${B}/donations`, donationBody({
        channel: 'in_kind', amount: '2500000', inKind: { description: 'Gạo tẻ', quantity: '100', unit: 'kg', valuationMethod: 'giá chợ' },
      }));
      expectStatus(rice, 201);
      const blankets = await accountant.post(`/v1/funds/${B}/donations`, donationBody({
        channel: 'in_kind', amount: '1000000', inKind: { description: 'Chăn ấm', quantity: '10', unit: 'cái', valuationMethod: 'hóa đơn' },
      }));
      expectStatus(blankets, 201);
      expectStatus(await accountant.post(`/v1/funds/${B}/reversals`, { entryId: blankets.body.donationId, reason: 'Nhập nhầm' }), 201);
      const given = await accountant.post(`/v1/funds/${B}/disbursements`, disbursementBody({
        amount: '0', needCategory: 'food-water-medicine', distribution: [{ beneficiaryId: ids['Mùa A Chá'], items: [{ description: 'Gạo tẻ', quantity: '30', unit: 'kg' }] }],
      }));
      expectStatus(given, 201);
      const id = given.body.disbursementId as string;
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/approve`, {}), 200);
      const handed = await coordinator.post(`/v1/funds/${B}/disbursements/${id}/handovers`, {
        beneficiaryId: ids['Mùa A Chá'], status: 'received', handedOverAt: vnTimestamp(0), evidenceRef: 'Biên bản giao gạo',
      });
      expectStatus(handed, 201);
      const before = await accountant.get(`/v1/funds/${B}/stock?minPosition=${handed.body.position}`);
      expect(riceOf(before.body.items)).toEqual([{ description: 'Gạo tẻ', unit: 'kg', received: '100', allocated: '30', handedOut: '30', onHand: '70', free: '70' }]);
      const corrected = await coordinator.post(`/v1/funds/${B}/disbursements/${id}/handovers/${ids['Mùa A Chá']}/correct`, { reason: 'Ghi nhầm: chưa giao' });
      expectStatus(corrected, 201);
      const after = await accountant.get(`/v1/funds/${B}/stock?minPosition=${corrected.body.position}`);
      expect(riceOf(after.body.items)).toEqual([{ description: 'Gạo tẻ', unit: 'kg', received: '100', allocated: '30', handedOut: '0', onHand: '100', free: '70' }]);
      expect(after.body.pools).toEqual([expect.objectContaining({ pool: 'general', items: after.body.items })]);
      expect(JSON.stringify(after.body)).not.toContain('Chăn ấm');
      // The rice promised keeps its gift from being reversed; rejected, the request frees it, and the gift goes.
      expectError(await accountant.post(`/v1/funds/${B}/reversals`, { entryId: rice.body.donationId, reason: 'Nhập nhầm' }), 422, 'INSUFFICIENT_STOCK');
      expectStatus(await approver.post(`/v1/funds/${B}/disbursements/${id}/reject`, { reason: 'Gạo chưa về' }), 200);
      const reversed = await accountant.post(`/v1/funds/${B}/reversals`, { entryId: rice.body.donationId, reason: 'Nhập nhầm' });
      expectStatus(reversed, 201);
      const gone = await accountant.get(`/v1/funds/${B}/stock?minPosition=${reversed.body.position}`);
      // Neither the rice, whose promise was released before its gift was reversed, nor the blankets, reversed before anyone promised them, is
      // stock: nothing of either was received, handed out or is on hand. The donation register keeps both gifts and their reversals.
      expect(riceOf(gone.body.items)).toEqual([]);
      expect(gone.body.pools.flatMap((pool: { items: { description: string }[] }) => riceOf(pool.items))).toEqual([]);
      expect(gone.body.pools.filter((pool: { items: unknown[] }) => pool.items.length === 0)).toEqual([]);
      expect(JSON.stringify(gone.body)).not.toContain('Chăn ấm');

      // An auditor reproduces each of those counts afterwards, by the position each was read at.
      for (const then of [before, after, gone]) {
        const again = await accountant.get(`/v1/funds/${B}/stock?atPosition=${String(then.body.position)}`);
        expectStatus(again, 200);
        expect(again.body).toEqual(then.body);
      }
      const atHandOver = await accountant.get(`/v1/funds/${B}/stock?atPosition=${String(handed.body.position)}`);
      expect(riceOf(atHandOver.body.items)).toEqual(riceOf(before.body.items));
      expect(atHandOver.body.position).toBe(handed.body.position);
      // Just before the rice came, none of it was there.
      const beforeRice = await accountant.get(`/v1/funds/${B}/stock?atPosition=${String(rice.body.position - 1)}`);
      expect(riceOf(beforeRice.body.items)).toEqual([]);
      // The recording clock: the stock as the log was recorded by an instant.
      const recorded = await accountant.get(`/v1/funds/${B}/stock?recordedBefore=${encodeURIComponent(new Date(Date.now() + 1_000).toISOString())}`);
      expectStatus(recorded, 200);
      expect(riceOf(recorded.body.items)).toEqual([]);
      // Before the fund was opened there was no fund; a business date is no clock of the stock; a position past the head is refused.
      expectError(await accountant.get(`/v1/funds/${B}/stock?atPosition=1`), 404, 'NOT_FOUND');
      const byDate = await accountant.get(`/v1/funds/${B}/stock?asOf=2026-09-01`);
      expectError(byDate, 400, 'VALIDATION_FAILED');
      expect(byDate.body.error.details.fields).toEqual([{ field: 'asOf', reason: expect.stringContaining('atPosition, minPosition, recordedBefore') }]);
      expectError(await accountant.get(`/v1/funds/${B}/stock?atPosition=${String(reversed.body.position + 1_000)}`), 400, 'VALIDATION_FAILED');
    });
  });
});
