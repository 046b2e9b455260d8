/**
 * foldText remembers what it folded and folds a text it has not seen a space-separated word at a
 * time: whatever the text, the result is the definition applied to the whole text at once.
 */
import fc from 'fast-check';
import { foldText, foldTextWhole } from '../../src/domain/beneficiaries/beneficiaries.state';

const PIECES = [
  ' ', '  ', '\t', '\u00a0', '\ufeff', ',', '.', '-', '(', ')', '/', "'", 'Số', '12', 'ấp', 'Ấp', 'Đặng', 'đ', 'Nguyễn', 'THỊ', 'Hoà', 'Hòa',
  'Σ', 'ς', 'aΣ', 'İ', 'ǅ', 'ﬁ', '\u0301', '\u0323', 'e\u0301', 'A\u0308\u0323', '٣', 'Ⅻ', '😀',
];

describe('foldText', () => {
  it('folds any text as the definition folds it whole, seen before or not', () => {
    const text = fc.oneof(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')),
      fc.string({ unit: 'binary', maxLength: 16 }),
      fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(...PIECES)), { maxLength: 8 }).map((pieces) => pieces.join(' ')),
    );
    fc.assert(fc.property(text, (value) => {
      expect(foldText(value)).toBe(foldTextWhole(value));
      expect(foldText(value)).toBe(foldTextWhole(value));
    }), { numRuns: 3000 });
  });

  it('folds a Vietnamese address to plain lower-case words', () => {
    expect(foldText('Số 12,  ấp Đông  (Hòa)')).toBe('so 12 ap dong hoa');
    expect(foldText(null)).toBe('');
  });
});
