/**
 * The commune a commune's list names in its title lines (api-v2.md "Beneficiaries and
 * distributions"): what a clerk writes above the heading row, and what only looks like a commune.
 */
import { beneficiaryListWarnings, communeNamedIn } from '../../src/import/beneficiary-list';

describe('The commune a list title names', () => {
  it.each([
    ['UBND XÃ TRÀ LENG', 'XÃ TRÀ LENG'],
    ['Ủy ban nhân dân xã Trà Leng, huyện Nam Trà My', 'xã Trà Leng'],
    ['DANH SÁCH HỘ NGHÈO XÃ TÂN PHÚ NĂM 2026', 'XÃ TÂN PHÚ'],
    ['Danh sách hộ bị ảnh hưởng tại phường Phúc Xá, quận Ba Đình', 'phường Phúc Xá'],
    ['UBND PHƯỜNG 3 QUẬN 10', 'PHƯỜNG 3'],
    ['Danh sách hộ nghèo thị trấn Tây Sơn huyện Tây Sơn', 'thị trấn Tây Sơn'],
    ['XÃ NAM HỒNG - HUYỆN ĐÔNG ANH', 'XÃ NAM HỒNG'],
    ['UBND XÃ ĐẮK R\'MOAN THÀNH PHỐ GIA NGHĨA', 'XÃ ĐẮK R\'MOAN'],
  ])('%s → %s', (line, commune) => {
    expect(communeNamedIn(line)).toBe(commune);
  });

  it.each([
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'UBND THỊ XÃ SƠN TÂY',
    'DANH SÁCH HỘ NGHÈO CÁC XÃ',
    'DANH SÁCH HỘ NGHÈO NĂM 2027',
    '',
  ])('names no commune in "%s"', (line) => {
    expect(communeNamedIn(line)).toBeUndefined();
  });

  it('warns only when the commune named differs without case, diacritics or the words xã, phường, thị trấn', () => {
    const file = (name: string) => ({ lines: [], unreadable: [], titleCommune: { line: 1, name } });
    expect(beneficiaryListWarnings(file('XÃ TRÀ LENG'), 'Xã Trà Leng')).toEqual([]);
    expect(beneficiaryListWarnings(file('xã Trà Leng'), 'tra leng')).toEqual([]);
    expect(beneficiaryListWarnings(file('thị trấn Tây Sơn'), 'Thị Trấn Tây Sơn')).toEqual([]);
    expect(beneficiaryListWarnings(file('PHƯỜNG 3'), 'Phường 3')).toEqual([]);
    expect(beneficiaryListWarnings({ lines: [], unreadable: [], titleCommune: null }, 'Xã Trà Leng')).toEqual([]);
    expect(beneficiaryListWarnings(file('PHƯỜNG 3'), 'Phường 13')).toEqual([
      { line: 1, code: 'COMMUNE_DIFFERS', message: "commune: the list's title names PHƯỜNG 3; it is imported for Phường 13" },
    ]);
  });
});
