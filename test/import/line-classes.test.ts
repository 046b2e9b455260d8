/**
 * Which statement lines are bank fees and interest (R30): a word of a donor's memo or name that
 * reads like a bank's word for a fee or interest does not make one.
 */
import { classifyCredit, classifyDebit } from '../../src/import/statement-rows';
import { normaliseMemo } from '../../src/import/statement-values';

it.each([
  ['Chi ho tro vật liệu xây dựng nhà cho dân', 'unclassified'], ['Thanh toan hoa don VAT cho cong ty in an', 'unclassified'],
  ['Mua vật tư cứu trợ', 'unclassified'], ['VAT', 'fee'], ['Phi SMS 10.000 + VAT 1.000', 'fee'], ['VAT 1.000 phi SMS', 'fee'], ['SMS Banking VAT', 'fee'],
])('debit "%s" is %s', (memo, kind) => {
  expect(classifyDebit(normaliseMemo(memo))).toBe(kind);
});

it.each([
  ['NGUYEN TIEN LAI chuyen tien ung ho', 'credit'], ['Lại Thắng ủng hộ đồng bào lũ lụt', 'credit'], ['CHUYEN TIEN LAI THI HOA', 'credit'],
  ['Tien lai thang 09/2024', 'interest'], ['LAI TK THANG 9', 'interest'], ['Trả lãi tài khoản', 'interest'],
])('credit "%s" is %s', (memo, kind) => {
  expect(classifyCredit(normaliseMemo(memo))).toBe(kind);
});

// A bank giving back a fee it charged, or money of a transfer it did not carry out, is no gift:
// no receipt, not in the public list. The accountant decides each (a fee refund lowers the fees).
it.each([
  ['Hoàn phí SMS Banking tháng 09/2024'], ['HOAN PHI SMS'], ['hoan tra phi chuyen tien'], ['Hoàn trả phí QLTK tháng 8'], ['HOAN LAI PHI DUY TRI TK'],
  ['REFUND SMS FEE'], ['Fee refund 09/2024'], ['Hoàn tiền giao dịch 5213.45946 không thành công'], ['HOAN TIEN GD NAPAS 247 FT24254'],
  ['HOAN TRA GD CHUYEN TIEN DEN TK 0011001932418 KHONG THANH CONG'], ['Tra soat: hoan tra tien GD ngay 05/09'], ['TRA SOAT HOAN TIEN CHO KH'],
  ['REVERSAL OF FT24254123456'], ['Hoàn trả tiền phí SMS tháng 9'], ['HOAN TIEN PHI QLTK'], ['HOAN TRA GD MBVCB.6916176124 DO TK NHAN KHONG TON TAI'],
  ['Hoan tra tien ho tro thua cua ho ong Nguyen Van Binh'], ['Hoàn tiền'], ['GD HOAN TIEN 24254'], ['Tra lai tien chuyen nham ngay 05/09'],
  ['Điều chỉnh ghi có'], ['DIEU CHINH GD 5213.45946'],
  // The fund's own money coming back from a term deposit: principal, not a gift.
  ['Tất toán sổ tiết kiệm 123456'], ['TAT TOAN TIEN GUI CO KY HAN'], ['Rut tien gui co ky han so 0123'],
])('credit "%s" is listed for the accountant', (memo) => {
  expect(classifyCredit(normaliseMemo(memo))).toBe('unclassified');
});

it.each([
  ['Lãi nhập vốn', 'interest'], ['LAI NHAP VON KY 09/2024', 'interest'], ['Nhập lãi tiền gửi thanh toán', 'interest'],
  ['LAI TGTT THANG 9', 'interest'], ['Lãi tài khoản thanh toán', 'interest'], ['TRA LAI TIEN GUI KKH', 'interest'],
  ['NGUYEN HOAN TIEN chuyen tien ung ho', 'credit'], ['CT nhanh 247 LE HOAN TIEN', 'credit'],
  // Names of donors that read like the words of interest, with the memos VietinBank, MB and Techcombank print.
  ['CT nhanh 247 NGUYEN TIEN LAI', 'credit'], ['NAPAS 247 LAI THANG', 'credit'], ['IBFT LAI TK THANG', 'credit'],
  ['MBVCB.6916176124.LAI VAN NHAP.CT tu 0101001222009', 'credit'],
  // Donors named Phí or Hoàn.
  ['PHI THI HOAN ung ho dong bao lu lut', 'credit'], ['Hoàn Phí Lan ủng hộ', 'credit'], ['CT nhanh 247 HOAN PHI VAN', 'credit'],
])('credit "%s" is %s', (memo, kind) => {
  expect(classifyCredit(normaliseMemo(memo))).toBe(kind);
});

it.each([
  ['PHI CK LNH', 'fee'], ['Phi tra soat', 'fee'], ['Phi in sao ke', 'fee'], ['Phí nộp tiền mặt', 'fee'], ['Thu phí sao kê tài khoản', 'fee'], ['PHI CAP SAO KE', 'fee'], ['Phí xác nhận số dư', 'fee'], ['PHI THE ATM', 'fee'], ['Phí thường niên thẻ ghi nợ', 'fee'],
  ['Thuế GTGT phí SMS', 'fee'], ['THU THUE GTGT', 'fee'], ['PHI OTP', 'fee'], ['Phi Smart OTP thang 9', 'fee'], ['Phí nhắn tin SMS', 'fee'], ['Phí Digibank', 'fee'], ['PHI VCB DIGIBANK T9', 'fee'], ['Phi iBanking', 'fee'],
  // Payments the fund makes to others, which a fee word does not make bank fees.
  ['Chi tra phi van chuyen hang cuu tro cho Cty Minh Phat', 'unclassified'], ['Chuyen tien cho PHI VAN DUC ho tro sua nha', 'unclassified'],
  ['Thanh toan phi dich vu van chuyen hang cuu tro cho Cty Minh Phat', 'unclassified'], ['Chuyen tien cho PHI THE ANH', 'unclassified'],
  ['Chuyển khoản cho Phí Thế Anh hỗ trợ sửa nhà', 'unclassified'],
])('debit "%s" is %s', (memo, kind) => {
  expect(classifyDebit(normaliseMemo(memo))).toBe(kind);
});

// "TRA LAI" without diacritics is "trả lại" (money given back) or "trả lãi" (interest paid): never a
// gift on its own. The accountant decides it; the words of a gift or a donor's name make it one.
it.each([
  ['TRA LAI'], ['tra lai'], ['TRA LAI TIEN'], ['Tra lai tien'], ['TRA LAI 05/09/2024'], ['TRA LAI - FT24254123456'], ['Trả lại'], ['Trả lại tiền'],
])('credit "%s" is listed for the accountant', (memo) => {
  expect(classifyCredit(normaliseMemo(memo), memo)).toBe('unclassified');
  expect(classifyCredit(normaliseMemo(memo))).toBe('unclassified');
});

it.each([
  ['Trả lãi', 'interest'], ['TRẢ LÃI', 'interest'], ['trả lãi tiền', 'interest'],
  ['NGUYEN TIEN LAI ung ho', 'credit'], ['TRA LAI ung ho dong bao lu lut', 'credit'], ['NGUYEN VAN LAI TRA LAI', 'credit'], ['CT nhanh 247 TRA LAI', 'credit'],
])('credit "%s" is %s, read with its diacritics', (memo, kind) => {
  expect(classifyCredit(normaliseMemo(memo), memo)).toBe(kind);
});
