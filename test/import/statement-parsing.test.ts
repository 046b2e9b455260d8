/**
 * Statement files as the importer reads them, per bank profile (domain.md R32) and for the
 * generic format of api.md: which lines are credits, debits, totals or bad lines, with what
 * date, amount, reference and donor. The layouts follow the 2024 Yagi statements.
 */
import { StatementFormatError } from '../../src/import/statement-reader';
import type { CreditRow, StatementRow } from '../../src/import/statement-rows';
import { UNKNOWN_DONOR_NAME } from '../../src/import/donor-name';
import { readStatement, readStatementRows, scratchFolder, xlsxFile } from './support/statements';

const scratch = scratchFolder();
afterAll(() => scratch.remove());

const credits = (rows: StatementRow[]) => rows.filter((row): row is CreditRow => row.kind === 'credit');
const kinds = (rows: StatementRow[]) => rows.map((row) => `${row.line}:${row.kind}`);

describe('vietcombank', () => {
  const statement = [
    'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM,,,,,',
    'SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT,,,,,',
    'Số tài khoản: 0011001932418,,,,,',
    'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung',
    '01/09/2024,5213.45946,,50.000,,292976.010924.013647.xin cam on',
    '01/09/2024,5241.83107,,29.000,,"MBVCB.6916176124.CAO VIET TUAN chuyen tien.CT tu 0101001222009 CAO VIET TUAN toi 0011001932418 MAT TRAN TO QUOC VN - BAN CUU TRO TW"',
    '04/09/2024,5017.44381,,5.000.000,10.847.331.843,938529.040924.081441.NGUYEN VAN HUNG FT24248050867737',
    '07/09/2024,9915.10293,55.000,,,THU PHI DICH VU SMS CHU DONG THANG 08/2024',
    ',,,,10.847.276.843,Số dư cuối ngày',
    'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung',
    '08/09/2024,,,"1.000,50",,a fraction of a dong',
    '31/09/2024,5216.8149,,3.000,,a day that does not exist',
    'Tổng cộng,,55.000,5.079.000,,',
  ].join('\n');

  it('is recognised by the bank name above the header; credits, the fee, totals and bad lines sort out', async () => {
    const { rows, layout } = await readStatementRows(scratch.file('vcb.csv', statement));
    expect(layout?.profile.name).toBe('vietcombank');
    expect(layout?.headerLine).toBe(4);
    expect(kinds(rows)).toEqual(['5:credit', '6:credit', '7:credit', '8:fee', '9:skipped', '10:skipped', '11:rejected', '12:rejected', '13:skipped']);
    expect(credits(rows).map((row) => [row.reference, row.amountVnd, row.receivedAt, row.donorName])).toEqual([
      ['5213.45946', '50000', '2024-09-01T00:00:00+07:00', UNKNOWN_DONOR_NAME],
      ['5241.83107', '29000', '2024-09-01T00:00:00+07:00', 'CAO VIET TUAN'],
      ['5017.44381', '5000000', '2024-09-04T00:00:00+07:00', 'NGUYEN VAN HUNG'],
    ]);
    expect(rows[6]).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'credit', message: expect.stringMatching(/fraction of a dong/) }));
    expect(rows[7]).toEqual(expect.objectContaining({ field: 'date', message: expect.stringMatching(/calendar date/) }));
  });

  it('keeps the raw line of each credit, a quoted memo included', async () => {
    const { rows } = await readStatementRows(scratch.file('vcb-raw.csv', statement));
    expect(credits(rows)[1].raw).toBe(statement.split('\n')[5]);
  });

  it('chosen by name, refuses "," groups it cannot tell from decimals', async () => {
    const file = scratch.file('vcb-comma.csv', 'Ngày giao dịch,Số CT,Số tiền ghi có,Nội dung\n01/09/2024,1,"1,000",x\n01/09/2024,2,"1.000",y\n');
    const { rows, layout } = await readStatementRows(file, { profile: 'vietcombank' });
    expect(layout?.profileChosen).toBe(true);
    expect(rows.map((row) => row.kind)).toEqual(['rejected', 'credit']);
    expect(rows[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/thousands separator is "\."/) }));
  });
});

describe('agribank', () => {
  const statement = [
    'Số CT;Ngày GD;Nội dung;Ghi có;Ghi nợ;Số dư',
    '2882370;10/09/2024;NGUYEN THI HONG DUYEN ung ho cac tinh bi bao lu;50,000;;574,700',
    '20240909438027;10/09/2024;MB(438027)(BUI THI HAO ung ho cac tinh bi bao lu);"1,000,000";;"1,574,700"',
    '2940864;10/09/2024;Ung ho;9,990;;"1,584,690"',
    '3025086;10/09/2024;DANG THI PHUONG HOA chuyen tien;1.500;;',
  ].join('\r\n');

  it("reads ',' thousands, ';' separators, and refuses '.' groups under its profile", async () => {
    const { rows, layout } = await readStatementRows(scratch.file('agri.csv', statement), { profile: 'agribank' });
    expect(layout?.profile.name).toBe('agribank');
    expect(kinds(rows)).toEqual(['2:credit', '3:credit', '4:credit', '5:rejected']);
    expect(credits(rows).map((row) => [row.amountVnd, row.donorName])).toEqual([
      ['50000', 'NGUYEN THI HONG DUYEN'], ['1000000', 'BUI THI HAO'], ['9990', UNKNOWN_DONOR_NAME],
    ]);
  });

  it('without a profile reads the same file by the generic rules', async () => {
    const { rows, layout } = await readStatementRows(scratch.file('agri-auto.csv', statement));
    expect(layout?.profile.name).toBe('generic');
    expect(credits(rows).map((row) => row.amountVnd)).toEqual(['50000', '1000000', '9990', '1500']);
  });
});

describe('vietinbank', () => {
  const statement = [
    'PageId,DocNo,TNXDate,TNXTime,TransactionDetails,Credit,Debit,OffsetName',
    '1,1,10/09/2024,12:01:29,"CT nhanh 247 den: TRAN TIEN ANH chuyen',
    'tien ung ho nguoi dan vung bao lu",300.000,,TRAN TIEN ANH – A/C',
    '1,5,10/09/2024,13:37:09,"Chuyen tien den tu NAPAS Noi dung: NGUYEN',
    'THU BINH chuyen ung ho FT24254607609791',
    '(CT1111)",100.000,,VND-TGTT-NGUYEN THU BINH – A/C',
    '1,67,10/09/2024,19:24:10,"Chuyen tien den tu NAPAS Noi dung: DANG',
    'MINH HANG chuyen tien (CT1111)",8.000,,MBBANK IBFT – A/C',
    '1,68,10/09/2024,19:26:18,UNG HO,10.000,,"TIEN MAT, VANG TIEN TE TAI DON VI',
    '– A/C"',
  ].join('\n');

  it('is recognised by its time column; multi-line memos keep their first line number', async () => {
    const { rows, layout } = await readStatementRows(scratch.file('vietin.csv', statement));
    expect(layout?.profile.name).toBe('vietinbank');
    expect(credits(rows).map((row) => [row.line, row.receivedAt, row.amountVnd, row.donorName])).toEqual([
      [2, '2024-09-10T12:01:29+07:00', '300000', 'TRAN TIEN ANH'],
      [4, '2024-09-10T13:37:09+07:00', '100000', 'NGUYEN THU BINH'],
      [7, '2024-09-10T19:24:10+07:00', '8000', 'DANG MINH HANG'],
      [9, '2024-09-10T19:26:18+07:00', '10000', UNKNOWN_DONOR_NAME],
    ]);
    expect(credits(rows)[0].memo).toBe('CT nhanh 247 den: TRAN TIEN ANH chuyen tien ung ho nguoi dan vung bao lu');
  });
});

describe('bidv', () => {
  const statement = [
    'STT,Thời gian giao dịch,Số tiền,Nội dung',
    '672,10/09/2024 01:03:56,200.000,1261122666 NGUYEN THI HUYEN TRANG Chuyen tien; thoi gian GD:09092024 23:55:31',
    '673,10/09/2024 01:04:10,-20.000,Phi dich vu',
    '3115,10/09/2024 22:49:38,50.000,1261122666 Chuyen tien',
  ].join('\n');

  it('is recognised by its one signed amount column; the posting time is the date', async () => {
    const { rows, layout } = await readStatementRows(scratch.file('bidv.csv', statement));
    expect(layout?.profile.name).toBe('bidv');
    expect(kinds(rows)).toEqual(['2:credit', '3:fee', '4:credit']);
    expect(credits(rows).map((row) => [row.receivedAt, row.amountVnd, row.donorName])).toEqual([
      ['2024-09-10T01:03:56+07:00', '200000', 'NGUYEN THI HUYEN TRANG'],
      ['2024-09-10T22:49:38+07:00', '50000', UNKNOWN_DONOR_NAME],
    ]);
  });
});

describe('generic (api.md)', () => {
  it('matches English headers case-insensitively, with a BOM and ISO dates', async () => {
    const file = scratch.file('generic.csv', '\ufeffDATE,Reference,Credit,Debit,Description,Counterparty\n2024-09-10T08:15:00,FT1,"1,000,000",,ung ho,Nguyễn Văn An\n2024-09-10,,,"5,000",fee,\n');
    const { rows, layout } = await readStatementRows(file);
    expect(layout?.profile.name).toBe('generic');
    expect(rows.map((row) => row.kind)).toEqual(['credit', 'fee']);
    expect(credits(rows)[0]).toEqual(expect.objectContaining({ receivedAt: '2024-09-10T08:15:00+07:00', amountVnd: '1000000', reference: 'FT1', donorName: 'Nguyễn Văn An' }));
  });

  it('gives identical lines their own identity, and the same line the same identity in another file', async () => {
    const line = '10/09/2024;;10.000;;ung ho';
    const first = await readStatementRows(scratch.file('twice.csv', `Ngày;Số CT;Có;Nợ;Nội dung\n${line}\n${line}\n`));
    const second = await readStatementRows(scratch.file('again.csv', `Ngày;Số CT;Có;Nợ;Nội dung\n${line}\n09/09/2024;;1;;x\n${line}\n`));
    const [a, b] = credits(first.rows).map((row) => row.rowId);
    expect(a).not.toBe(b);
    expect(credits(second.rows).map((row) => row.rowId)).toEqual([a, expect.any(String), b]);
    const elsewhere = await readStatementRows(scratch.file('other-account.csv', `Ngày;Số CT;Có;Nợ;Nội dung\n${line}\n`), { bankAccount: '0011001932418' });
    expect(credits(elsewhere.rows)[0].rowId).not.toBe(a);
  });

  it('refuses a file without a header row, and files that are not UTF-8 text', async () => {
    await expect(readStatementRows(scratch.file('no-header.csv', 'a,b,c\n1,2,3\n'))).resolves.toEqual({ rows: [], layout: undefined });
    await expect(readStatementRows(scratch.file('titles.csv', Array.from({ length: 60 }, (_, i) => `title ${i}`).join('\n')))).rejects.toThrow(StatementFormatError);
    await expect(readStatementRows(scratch.file('utf16.csv', Buffer.from('\ufeffdate,credit\n', 'utf16le')))).rejects.toThrow(/UTF-16/);
    await expect(readStatementRows(scratch.file('latin.csv', Buffer.from([0x64, 0x61, 0x74, 0x65, 0x2c, 0xe9, 0x0a])))).rejects.toThrow(/not UTF-8/);
    await expect(readStatementRows(scratch.file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))).rejects.toThrow(/\.xls/);
  });

  it('stops at a quote that never closes, naming the line', async () => {
    const file = scratch.file('broken.csv', 'date,credit,description\n10/09/2024,1000,ok\n10/09/2024,2000,"never closed\n10/09/2024,3000,x\n');
    await expect(readStatementRows(file)).rejects.toThrow(expect.objectContaining({ name: 'StatementFormatError', line: 3 }));
  });
});

describe('xlsx', () => {
  it('reads the first sheet with the same columns; date cells and numbers included', async () => {
    const path = await xlsxFile(`${scratch.dir}/statement.xlsx`, [
      ['NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM'],
      ['Ngày giao dịch', 'Số CT', 'Số tiền ghi nợ', 'Số tiền ghi có', 'Nội dung'],
      [new Date(Date.UTC(2024, 8, 10, 14, 5, 0)), '5213.45946', null, 1000000, 'MBVCB.6986253876.NGUYEN THI LAN chuyen tien'],
      ['10/09/2024', '5213.45947', null, '50.000', '272986.100924.101858.DO DUC LOI chuyen tien'],
      ['10/09/2024', '9915.10293', 55000, null, 'THU PHI'],
    ]);
    const { rows, layout } = await readStatementRows(path);
    expect(layout?.profile.name).toBe('vietcombank');
    expect(kinds(rows)).toEqual(['3:credit', '4:credit', '5:fee']);
    expect(credits(rows).map((row) => [row.receivedAt, row.amountVnd, row.reference, row.donorName])).toEqual([
      ['2024-09-10T14:05:00+07:00', '1000000', '5213.45946', 'NGUYEN THI LAN'],
      ['2024-09-10T00:00:00+07:00', '50000', '5213.45947', 'DO DUC LOI'],
    ]);
    expect(credits(rows)[0].raw).toBe('2024-09-10T14:05:00.000Z,5213.45946,,1000000,MBVCB.6986253876.NGUYEN THI LAN chuyen tien');
  });
});

describe('a reversal printed with a minus sign', () => {
  it('in the debit column is money in: a fee given back is listed for the accountant, never booked as a fee', async () => {
    const statement = [
      'Ngày giao dịch,Số CT,Số tiền ghi nợ,Số tiền ghi có,Số dư,Nội dung',
      '01/09/2024,F1,11.000,,989.000,Thu phi SMS Banking thang 08/2024',
      '03/09/2024,F2,-11.000,,1.000.000,Hoan phi SMS Banking thang 08/2024',
      '04/09/2024,F3,,-50.000,950.000,Dieu chinh ghi co nham',
    ].join('\n');
    const { rows, facts } = await readStatement(scratch.file('minus.csv', statement));
    expect(rows.map((row) => (row.kind === 'rejected' || row.kind === 'skipped' ? row.kind : [row.kind, row.direction, row.amountVnd]))).toEqual([
      ['fee', 'out', '11000'], ['unclassified', 'in', '11000'], ['unclassified', 'out', '50000'],
    ]);
    expect(facts.balanceCheck).toMatchObject({ ok: true });
  });
});
