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
