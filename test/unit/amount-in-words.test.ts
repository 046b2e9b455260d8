import { vndInWords } from '../../src/reports/amount-in-words';

/** Expectations written by hand, as an accountant reads the figures aloud on a receipt. */
describe('a VND amount in Vietnamese words', () => {
  it.each([
    ['1', 'Một đồng'],
    ['5', 'Năm đồng'],
    ['10', 'Mười đồng'],
    ['11', 'Mười một đồng'],
    ['14', 'Mười bốn đồng'],
    ['15', 'Mười lăm đồng'],
    ['20', 'Hai mươi đồng'],
    ['21', 'Hai mươi mốt đồng'],
    ['24', 'Hai mươi tư đồng'],
    ['25', 'Hai mươi lăm đồng'],
    ['100', 'Một trăm đồng'],
    ['105', 'Một trăm linh năm đồng'],
    ['110', 'Một trăm mười đồng'],
    ['1000', 'Một nghìn đồng'],
    ['1005', 'Một nghìn không trăm linh năm đồng'],
    ['1050', 'Một nghìn không trăm năm mươi đồng'],
    ['2010', 'Hai nghìn không trăm mười đồng'],
    ['55000', 'Năm mươi lăm nghìn đồng'],
    ['100000', 'Một trăm nghìn đồng'],
    ['115000', 'Một trăm mười lăm nghìn đồng'],
    ['20000', 'Hai mươi nghìn đồng'],
    ['1500000', 'Một triệu năm trăm nghìn đồng'],
    ['1000005', 'Một triệu không trăm linh năm đồng'],
    ['1005000', 'Một triệu không trăm linh năm nghìn đồng'],
    ['200000000', 'Hai trăm triệu đồng'],
    ['1000000000', 'Một tỷ đồng'],
    ['1000000005', 'Một tỷ không trăm linh năm đồng'],
    ['1005000000', 'Một tỷ không trăm linh năm triệu đồng'],
    ['31041000', 'Ba mươi mốt triệu không trăm bốn mươi mốt nghìn đồng'],
    ['2014600000000', 'Hai nghìn không trăm mười bốn tỷ sáu trăm triệu đồng'],
    ['999999999999999', 'Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng'],
    ['1000000000000000', 'Một triệu tỷ đồng'],
  ])('%s → %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });

  it('refuses what no receipt can carry: zero, fractions, signs, text', () => {
    for (const bad of ['0', '1.5', '-5', '', 'một', '1e6']) expect(() => vndInWords(bad)).toThrow(RangeError);
    expect(() => vndInWords(0n)).toThrow(RangeError);
  });
});
