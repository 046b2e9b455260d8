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

  describe('a title written without diacritics, or in capitals: the year, the district and the subject end the name as they do with diacritics', () => {
    it.each([
      ['Danh sach ho ngheo nam 2027 xa Tan Phu', 'xa Tan Phu'],
      ['DANH SACH HO NGHEO XA TAN PHU NAM 2027', 'XA TAN PHU'],
      ['Danh sach ho ngheo xa Tan Phu nam 2027', 'xa Tan Phu'],
      ['danh sach ho ngheo xa tan phu huyen dong phu tinh binh phuoc', 'xa tan phu'],
      ['Danh sach ho ngheo phuong Phuc Xa quan Ba Dinh nam 2027', 'phuong Phuc Xa'],
      ['UBND XA NAM HONG HUYEN DONG ANH', 'XA NAM HONG'],
      ['Danh sach ho bi anh huong xa Tan Phu thi xa Dong Xoai', 'xa Tan Phu'],
      ['Danh sach ho ngheo xa Tan Phu dot 2', 'xa Tan Phu'],
      ['UBND XA PHU TAI', 'XA PHU TAI'],
    ])('%s → %s', (line, commune) => {
      expect(communeNamedIn(line)).toBe(commune);
    });

    it.each([
      'CONG HOA XA HOI CHU NGHIA VIET NAM',
      'UBND THI XA SON TAY',
      'DANH SACH HO NGHEO CAC XA',
      'DANH SACH HO NGHEO NAM 2027',
    ])('names no commune in "%s"', (line) => {
      expect(communeNamedIn(line)).toBeUndefined();
    });

    const title = (line: string) => ({ lines: [], unreadable: [], titleCommune: { line: 1, name: communeNamedIn(line) as string } });
    it.each([
      ['Danh sach ho ngheo nam 2027 xa Tan Phu', 'Xã Tân Phú'],
      ['DANH SACH HO NGHEO XA TAN PHU NAM 2027', 'Xã Tân Phú'],
      ['Danh sach ho ngheo xa Tan Phu nam 2027', 'XÃ TÂN PHÚ'],
      ['DANH SÁCH HỘ NGHÈO XÃ TÂN PHÚ NĂM 2027', 'xa tan phu'],
      ['danh sach ho ngheo xa tan phu huyen dong phu', 'UBND xã Tân Phú'],
      ['Danh sach ho ngheo phuong Phuc Xa quan Ba Dinh nam 2027', 'Phường Phúc Xá'],
      ['DANH SACH HO NGHEO PHUONG PHUC XA NAM 2027', 'phuong phuc xa'],
      ['Danh sach ho ngheo xa Tan Quan huyen Chon Thanh', 'Xã Tân Quan'],
      ['UBND xa Phu Tai huyen Tuy Phuoc', 'Xã Phú Tài'],
    ])('no warning for "%s" imported for %s', (line, commune) => {
      expect(beneficiaryListWarnings(title(line), commune)).toEqual([]);
    });

    it.each([
      ['Danh sach ho ngheo nam 2027 xa Tan Hoa', 'Xã Tân Phú', 'xa Tan Hoa'],
      ['DANH SACH HO NGHEO XA PHU TAN NAM 2027', 'Xã Tân Phú', 'XA PHU TAN'],
      ['Danh sach ho ngheo xa Tan Phu Trung nam 2027', 'Xã Tân Phú', 'xa Tan Phu Trung'],
      ['Danh sach ho ngheo phuong Phuc Tan quan Hoan Kiem', 'Phường Phúc Xá', 'phuong Phuc Tan'],
      ['DANH SÁCH HỘ NGHÈO XÃ TÂN PHÚ NĂM 2027', 'Xã Tân Hòa', 'XÃ TÂN PHÚ'],
    ])('a warning for "%s" imported for %s, naming %s', (line, commune, named) => {
      expect(beneficiaryListWarnings(title(line), commune)).toEqual([
        { line: 1, code: 'COMMUNE_DIFFERS', message: `commune: the list's title names ${named}; it is imported for ${commune}` },
      ]);
    });
  });

  describe('a title written with diacritics: a syllable of the name that is an ASCII word (Quan, Co, Tinh) is part of the name', () => {
    it.each([
      ['DANH SÁCH HỘ NGHÈO XÃ TÂN QUAN HUYỆN HỚN QUẢN', 'XÃ TÂN QUAN', 'Xã Tân Quan'],
      ['DANH SÁCH HỘ NGHÈO XÃ CHIỀNG CO, HUYỆN MAI SƠN', 'XÃ CHIỀNG CO', 'Xã Chiềng Co'],
      ['Danh sách hộ nghèo xã Đông Quan huyện Đông Hưng năm 2027', 'xã Đông Quan', 'Xã Đông Quan'],
      ['DANH SÁCH HỘ NGHÈO XÃ TÂN NAM HUYỆN TÂN BIÊN', 'XÃ TÂN NAM', 'Xã Tân Nam'],
      ['UBND PHƯỜNG NAM PHONG', 'PHƯỜNG NAM PHONG', 'Phường Nam Phong'],
    ])('%s → %s, no warning for %s', (line, named, commune) => {
      expect(communeNamedIn(line)).toBe(named);
      expect(beneficiaryListWarnings({ lines: [], unreadable: [], titleCommune: { line: 1, name: named } }, commune)).toEqual([]);
    });

    it.each([
      ['DANH SÁCH HỘ NGHÈO THỊ TRẤN NĂM CĂN HUYỆN NĂM CĂN', 'THỊ TRẤN NĂM CĂN'],
      ['UBND XÃ NĂM CĂN', 'XÃ NĂM CĂN'],
    ])('"Năm" opening a name is a syllable of it, not the year: %s → %s', (line, named) => {
      expect(communeNamedIn(line)).toBe(named);
    });

    it('a title read as far as an unaccented word that also ends names ("XÃ MƯỜNG DO HUYỆN PHÙ YÊN" read as Xã Mường) is not another commune than Xã Mường Do', () => {
      const named = communeNamedIn('DANH SÁCH HỘ NGHÈO XÃ MƯỜNG DO HUYỆN PHÙ YÊN') as string;
      expect(beneficiaryListWarnings({ lines: [], unreadable: [], titleCommune: { line: 1, name: named } }, 'Xã Mường Do')).toEqual([]);
      expect(beneficiaryListWarnings({ lines: [], unreadable: [], titleCommune: { line: 1, name: named } }, 'Xã Mường Bú')).toHaveLength(1);
    });

    it('still warns for another commune whose name the right one starts', () => {
      const named = communeNamedIn('DANH SÁCH HỘ NGHÈO XÃ TÂN QUAN HUYỆN HỚN QUẢN') as string;
      expect(beneficiaryListWarnings({ lines: [], unreadable: [], titleCommune: { line: 1, name: named } }, 'Xã Tân')).toHaveLength(1);
    });
  });
});
