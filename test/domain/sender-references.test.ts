/**
 * The sender's transaction numbers in a statement memo: the number the donor's own receipt shows,
 * which the public lookup finds the gift by. Memos are shaped after the 2024 Yagi statements (the
 * same as test/import/donor-name.test.ts). Each accepted shape has a memo here, and every memo
 * that holds an account number shows that the account is not taken.
 */
import { SENDER_REFERENCES_MAX, senderNumberTyped, senderReferencesOf } from '../../src/domain/donation/sender-references';

describe('the sender\'s transaction numbers in a memo', () => {
  it.each([
    // Vietcombank app: the number after MBVCB. is the receipt's "Số lệnh giao dịch"; the accounts after "CT tu" and "toi" are not.
    ['MBVCB.6987707712.NGUYEN VAN AN chuyen tien.CT tu 0071000123456 NGUYEN VAN AN toi 0011001932418 QUY CUU TRO', ['6987707712']],
    // …with the interbank second field (not the receipt's number) and the receiving account at another bank.
    ['MBVCB.6987776183.900729.Ung ho cac tinh bi bao lu.CT tu 0011002243133 NGUYEN THI THU HUONG toi 1500201113838 uy Ban Mat Tran tai AGRIBANK', ['6987776183']],
    // Older Vietcombank memos have no dot after MBVCB; internet banking wraps the app's number.
    ['MBVCB11485691.ck Thuan.CT tu 0861000033951 NGO TRUNG HIEU toi 0491000020996 NGUYEN DUC THUAN.', ['11485691']],
    ['IBVCB.MBVCB11518004.MUNG SINH NHAT.CT tu 970436...011 NGO TRUNG HIEU toi 970405...017 NGO KHANH HUYEN', ['11518004']],
    ['IBVCB.1234567890.ung ho dong bao.CT tu 0011000999999 LE VAN TAM toi 0011001932418', ['1234567890']],
    // A Vietcombank transfer arriving at VietinBank through NAPAS.
    ['CT nhanh 247 den: MBVCB.6993160493.196699.BUI QUOC HUNG chuyen tien.', ['6993160493']],
    // Core-banking transfer numbers (MB, Techcombank, …) in the donor's memo.
    ['HO THI THU NGA ck ung ho dong bao bao lu FT24254040454839', ['FT24254040454839']],
    ['Chuyen tien den tu NAPAS Noi dung: NGUYEN THU BINH chuyen ung ho FT24254607609791 (CT1111)', ['FT24254607609791']],
    ['BUI VAN LONG chuyen tien ung ho FT24245000112', ['FT24245000112']],
    // Vietcombank's interbank envelope: the NAPAS trace first, and the sender bank's FT number.
    ['938529.040924.081441.NGUYEN VAN HUNG FT24248050867737', ['938529', 'FT24248050867737']],
    ['272986.010924.101858.DO DUC LOI chuyen tien', ['272986']],
    // …only the trace: not the wallet's number, its phone or the fund's account.
    ['659643.050924.095409.CKSOTAIKHOAN 240905796669677 NGUYEN ANH TUAN chuyen tien tu Viettel Money 84354187547 0011001932418', ['659643']],
    // VietinBank's NAPAS line: the trace after the time.
    ['Chuyen tien den tu NAPAS Noi dung: LE MINH SAM CHUYEN KHOAN UNG HO BAO LUT MIEN BAC-100924-19:47:11 807070 (CT1111)', ['807070']],
    // Labelled numbers, accents or none.
    ['TRAN VAN CHUNG ung ho, ma GD 248856182', ['248856182']],
    ['Phạm Thị Hoa ủng hộ bão lũ Mã GD: 2409A1B2C3', ['2409A1B2C3']],
    ['IBFT TRAN VAN CHUNG ung ho mien Bac Trace 512345', ['512345']],
    ['IBFT DANG VAN KHOA ung ho So trace: 000123', ['000123']],
  ])('%s → %j', (memo, expected) => {
    expect(senderReferencesOf(memo)).toEqual(expected);
  });

  it.each([
    // Account numbers, wherever a memo holds them, are never a sender's reference.
    'TRAN THI BICH chuyen khoan ung ho dong bao bi bao lu',
    '1261122666 NGUYEN THI HUYEN TRANG Chuyen tien; thoi gian GD:09092024 23:55:31',
    '109882673*** PHAM VAN TOAN ung ho dong bao bi thiet hai (CT1111)',
    'CT nhanh 247 den: Vietinbank;111602391111;LE PHUONG QUYNH chuyen tien',
    '020097040509011046122024JDC5013867.96713.104607.Vietcombank:0011001932418:DANG THI THANH MHS533583',
    'PARTNER.DIRECT_DEBITS_VCB.MSE.66194752977.20240906.66194752977-0888160108_PHAM PHUONG THINH chuyen tien qua MoMo',
    'NGUYEN VAN BINH ung ho stk 0071000123456 ft lai cho minh',
    // A number that only looks like a transfer number: no day 400 in a year, no "FT" word inside another.
    'UNG HO FT24400123456',
    'LOFT24254040454839 ung ho',
    // Dates and times are not traces: "thoi gian GD" is no "ma GD".
    'con mong moi nguoi binh an (CT1111); thoi gian GD:15/09/2024 23:09:00',
    '',
  ])('%s → none', (memo) => {
    expect(senderReferencesOf(memo)).toEqual([]);
  });

  it('never takes the account numbers of a Vietcombank memo, only its MBVCB number', () => {
    const memo = 'MBVCB.6916176124.NGUYEN VAN AN chuyen tien.CT tu 0071000123456 NGUYEN VAN AN toi 0011001932418 QUY CUU TRO XA AN PHU';
    const found = senderReferencesOf(memo);
    expect(found).toEqual(['6916176124']);
    expect(found).not.toContain('0071000123456');
    expect(found).not.toContain('0011001932418');
  });

  it('keeps each number once, upper case, and at most a few of a memo', () => {
    expect(senderReferencesOf('ft24254040454839 ung ho, ma gd ft24254040454839')).toEqual(['FT24254040454839']);
    const many = Array.from({ length: 8 }, (_n, i) => `FT2425404045483${i}`).join(' ');
    expect(senderReferencesOf(many)).toHaveLength(SENDER_REFERENCES_MAX);
  });
});

describe('a reference typed as the donor\'s receipt prints it', () => {
  it('is the number behind a Vietcombank app prefix, as the memo reader keeps it of the same text', () => {
    expect(senderNumberTyped('MBVCB.6987707712')).toBe('6987707712');
    expect(senderNumberTyped(' ibvcb.1234567890 ')).toBe('1234567890');
    expect(senderNumberTyped('MBVCB11485691')).toBe('11485691');
    for (const typed of ['MBVCB.6987707712', 'IBVCB.1234567890', 'MBVCB11485691']) expect(senderReferencesOf(typed)).toEqual([senderNumberTyped(typed)]);
  });

  it('is nothing for any other reference, an account behind the prefix or more than the number', () => {
    for (const typed of ['6987707712', '5213.45946', 'FT24254040454839', 'MBVCB.0071000123456', 'MBVCB.', 'MBVCB.FT24254040454839', 'MBVCB.6987707712.NGUYEN VAN AN', 'XMBVCB.6987707712']) {
      expect(senderNumberTyped(typed)).toBeNull();
    }
  });
});
