import fc from 'fast-check';
import { foldText, foldTextByNormalizing } from '../../src/domain/shared/fold';

/** Characters a Vietnamese list or statement holds, and some it should not: decomposed marks, other scripts, emoji. */
const VIETNAMESE = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ';
const OTHERS = ' \t\n,.;:-_/()[]#&@\'"0123456789\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b\u00a0\u00b2\u00bdßæøÆØİıǄǅǆ\u2013\u2019ΣσςЖж中文😀\u200b\ufeff';
const alphabet = [...VIETNAMESE, ...OTHERS];

describe('foldText', () => {
  it.each([
    ['Nguyễn Văn  Đức', 'nguyen van duc'],
    ['  -- TRẦN, thị   Ngọc-Ánh. ', 'tran thi ngoc anh'],
    // Decomposed marks (as some keyboards and PDFs give them) fold like the precomposed letters.
    ['Nguye\u0302\u0303n Thi\u0323', 'nguyen thi'],
    ['Số 12/3 ấp 4', 'so 12 3 ap 4'],
    ['Ủng hộ bão Yagi (FT24133)', 'ung ho bao yagi ft24133'],
    ['', ''],
    ['  ,; ', ''],
  ])('folds %j to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
    expect(foldTextByNormalizing(text)).toBe(folded);
  });

  it('answers as the definition does for any text of Vietnamese letters, marks, breaks and other scripts', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((characters) => characters.join('')), (text) => {
        expect(foldText(text)).toBe(foldTextByNormalizing(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers as the definition does for any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(foldText(text)).toBe(foldTextByNormalizing(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers as the definition does for every single character of the first 0x2000 code points, alone and between letters', () => {
    for (let code = 0; code < 0x2000; code++) {
      const character = String.fromCharCode(code);
      for (const text of [character, `a${character}b`, ` ${character}${character} x`]) expect(foldText(text)).toBe(foldTextByNormalizing(text));
    }
  });
});
