/**
 * A VND amount in Vietnamese words, as a receipt (biên nhận) writes it under the figures:
 * 1500000 → "Một triệu năm trăm nghìn đồng". The reading follows the usage of Vietnamese
 * accounting documents: groups of three digits named nghìn, triệu, tỷ (then nghìn tỷ, triệu tỷ);
 * a zero group is skipped; a group after the first that has no hundreds says "không trăm", and
 * one with no tens "linh"; "mười" for the tens of 10–19, "mươi" from 20; after "mươi" a 1 is
 * "mốt" and a 4 "tư"; after a ten a 5 is "lăm".
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
/** Names of the groups of three digits below a billion; above it the count of tỷ is read the same way ("nghìn tỷ"). */
const GROUP_NAMES = ['', 'nghìn', 'triệu'];
const BILLION = 1_000_000_000n;

/** The words of one group of three digits (0–999) that is not zero. */
function groupWords(group: number, first: boolean): string[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor((group % 100) / 10);
  const units = group % 10;
  const words: string[] = [];
  if (hundreds > 0 || !first) words.push(DIGITS[hundreds], 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh', DIGITS[units]);
    else if (units > 0) words.push(DIGITS[units]);
    return words;
  }
  words.push(...(tens === 1 ? ['mười'] : [DIGITS[tens], 'mươi']));
  if (units === 1) words.push(tens === 1 ? 'một' : 'mốt');
  else if (units === 4) words.push(tens === 1 ? 'bốn' : 'tư');
  else if (units === 5) words.push('lăm');
  else if (units > 0) words.push(DIGITS[units]);
  return words;
}

/** `amount`: a whole number of dong, 1 to 10^18 − 1, as a decimal string or bigint. */
export function vndInWords(amount: string | bigint): string {
  const value = typeof amount === 'bigint' ? amount : /^[0-9]+$/.test(amount) ? BigInt(amount) : -1n;
  if (value < 1n || value >= 10n ** 18n) throw new RangeError(`vndInWords: ${String(amount)} is not a whole amount from 1 to 10^18 − 1 dong`);
  const sentence = `${numberWords(value, true).join(' ')} đồng`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The words of a positive whole number; `first`: nothing is read before it. */
function numberWords(value: bigint, first: boolean): string[] {
  if (value >= BILLION) {
    const below = value % BILLION;
    return [...numberWords(value / BILLION, first), 'tỷ', ...(below > 0n ? numberWords(below, false) : [])];
  }
  const groups: number[] = [];
  for (let rest = value; rest > 0n; rest /= 1000n) groups.push(Number(rest % 1000n));
  const words: string[] = [];
  for (let index = groups.length - 1; index >= 0; index--) {
    if (groups[index] === 0) continue;
    words.push(...groupWords(groups[index], first && words.length === 0));
    if (GROUP_NAMES[index]) words.push(GROUP_NAMES[index]);
  }
  return words;
}
