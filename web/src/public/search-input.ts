import { COMMA_THOUSANDS, parseAmount, parseDate } from '../format';

/**
 * What a donor types into "Tra cứu khoản ủng hộ", read as the public search's filters. Amounts
 * as people write them (`3.000.000`, `3000000`, `3tr`, `3,5 triệu`, `500k`, `500 nghìn`, and `50,000` as a
 * bank's app prints it), dates
 * as `15/05/2024` (also `15-5-2024`, `15.05.2024` or `2024-05-15`). Money stays a string.
 */

const MULTIPLIERS: [RegExp, string][] = [
  [/^(tr|triệu|trieu|m)$/i, '1000000'],
  [/^(k|nghìn|nghin|ngàn|ngan|n)$/i, '1000'],
  [/^(tỷ|tỉ|ty|ti)$/i, '1000000000'],
];

/** A whole VND amount as a decimal string, or null when it is not one. */
export function parsePublicAmount(typed: string): string | null {
  const text = typed.trim().replace(/[\s\u00a0]+/g, ' ').replace(/\s*(₫|đ|đồng|vnd)$/i, '');
  const short = /^(\d+(?:[.,]\d+)?)\s*([a-zà-ỹđ]+)$/i.exec(text);
  if (short) {
    const factor = MULTIPLIERS.find(([unit]) => unit.test(short[2]))?.[1];
    if (!factor) return null;
    const [whole, fraction = ''] = short[1].replace(',', '.').split('.');
    const scaled = BigInt(whole + fraction) * BigInt(factor);
    const divisor = 10n ** BigInt(fraction.length);
    if (scaled % divisor !== 0n) return null;
    const amount = scaled / divisor;
    return amount > 0n ? amount.toString() : null;
  }
  // Whole dong: "50,000 VND" as a bank's app prints the transfer is fifty thousand.
  const parsed = COMMA_THOUSANDS.test(text) ? text.replace(/,/g, '') : parseAmount(text);
  // The search matches whole dong: a fraction or zero names no donation.
  return parsed !== null && /^[1-9]\d*$/.test(parsed) ? parsed : null;
}

/** A calendar date as YYYY-MM-DD, or null. */
export function parsePublicDate(typed: string): string | null {
  const text = typed.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  return iso ? parseDate(`${iso[3]}/${iso[2]}/${iso[1]}`) : parseDate(text);
}

export interface SearchFields {
  name: string;
  amount: string;
  date: string;
  reference: string;
}

export type SearchQuery =
  | { ok: true; params: URLSearchParams }
  | { ok: false; problems: Partial<Record<keyof SearchFields | 'form', string>> };

/** The query string of the public search for what was typed, or what is wrong with it, field by field. */
export function searchQuery(fields: SearchFields): SearchQuery {
  const params = new URLSearchParams();
  const problems: Partial<Record<keyof SearchFields | 'form', string>> = {};
  const name = fields.name.trim();
  if (name !== '') {
    if (!/[\p{L}\p{N}]/u.test(name)) problems.name = 'Tên cần có ít nhất một chữ cái hoặc chữ số.';
    else params.set('q', name.slice(0, 100));
  }
  if (fields.amount.trim() !== '') {
    const amount = parsePublicAmount(fields.amount);
    if (amount === null) problems.amount = 'Số tiền chưa đúng. Ví dụ: 3.000.000, 3000000 hoặc 3tr.';
    else params.set('amount', amount);
  }
  if (fields.date.trim() !== '') {
    const date = parsePublicDate(fields.date);
    if (date === null) problems.date = 'Ngày chưa đúng. Viết theo dạng ngày/tháng/năm, ví dụ 15/05/2024.';
    else params.set('date', date);
  }
  const reference = fields.reference.trim();
  if (reference !== '') params.set('reference', reference.slice(0, 100));
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if ([...params.keys()].length === 0) return { ok: false, problems: { form: 'Nhập ít nhất một điều kiện: tên, số tiền, ngày hoặc mã giao dịch.' } };
  return { ok: true, params };
}
