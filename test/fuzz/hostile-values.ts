import fc from 'fast-check';

/**
 * The material of hostile input: values a careless parser would accept, misread or choke on.
 * Each list below is invalid for the kind of field it is meant for, on its own.
 */

/** Not a plain decimal string: exponents, signs, separators, other digits, invisible marks. */
export const BAD_DECIMALS = [
  '1e6', '1E6', '2.5e4', '-5', '+5', '-0', ' 5', '5 ', '5\t', '5,0', '1,000', '1.000.000', '1_000', '0x10', '0b1', '0o7', 'NaN', 'Infinity', '-Infinity',
  '', '.', '.5', '5.', '05', '00', '１０', '٥', '۵', '५', '5\u200E', '\u200F5', '\u202E5', '5\u00A0', '\u20005', '5\u200B', '5\uFEFF', '\u0000', '5\u0000',
  '9'.repeat(41), `1.${'0'.repeat(21)}1`, '1..5', '1.5.5', '(5)', '5-', '٫5', '5٫0', 'five', 'năm', '5đ', '5 VND', '$5', '5%',
];

/** Enum values one letter away from a real one: case, Cyrillic or Greek look-alikes, invisible marks, width. */
export const CONFUSABLE_ENUMS = [
  'CASH', 'Cash', 'cаsh', 'cash ', ' cash', 'cash\u200B', 'cash\u200D', '\u202Ecash', 'ｃａｓｈ', 'relief\u200E', 'rеlief', 'RELIEF', 'disastеr', 'dіsaster',
  'individuаl', 'VNĐ', 'vnd', 'UЅD', 'ＵＳＤ', 'US D', 'usd', 'admіn', 'ADMIN', 'accountant\u0000', 'approver\u202E', '', 'null', 'undefined', '__proto__',
];

/** Not a lowercase slug: capitals, look-alikes, diacritics, direction marks, separators, paths, length. */
export const BAD_SLUGS = [
  'General', 'gеneral', 'généralé', 'quỹ', 'general\u200F', '\u202Egeneral', 'gen eral', 'gen_eral', '-general', 'general-', 'a'.repeat(65), '',
  '../etc/passwd', 'a/b', 'a\\b', 'a.b', '%2e%2e', 'ｇｅｎｅｒａｌ', 'general\u0000', 'general\n', '__proto__', 'constructor.prototype', 'ge\u0301neral',
];

/** Not an ISO 8601 instant with an offset, or not a day of the calendar. */
export const BAD_TIMESTAMPS = [
  '2024-02-30T10:00:00+07:00', '2023-02-29T10:00:00+07:00', '2024-04-31T10:00:00+07:00', '2024-13-01T10:00:00+07:00', '2024-00-10T10:00:00+07:00',
  '2024-05-12T24:00:00+07:00', '2024-05-12T23:60:00+07:00', '2024-05-12', '2024-05-12T09:30:00', '12/05/2024 09:30', '1715481000000', '0999-05-12T09:30:00+07:00',
  '3000-01-01T00:00:00Z', '２０２４-05-12T09:30:00+07:00', '2024-05-12T09:30:00+07:00\u200E', '\u202E2024-05-12T09:30:00+07:00', '2024-05-12T09:30:00 +07:00',
  '2024-05-12T09:30:00+7', '2024-05-12T09:30:00+07:00:00', 'hôm qua', '', 'Invalid Date', '2024-W19-7T09:30:00Z',
];

/** Keys no body of this API has: prototype members, look-alikes of real fields, invisible marks. */
export const UNKNOWN_KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isAdmin', 'role', 'roles', 'userId', 'position',
  'аmount', 'amount\u200B', '\u202Eamount', 'AMOUNT', 'status', 'approvedBy', '$where', '', ' ', 'k'.repeat(5000), 'donor.name', '\u0000',
];

/** Text that is valid where free text is, and hostile to whatever displays, logs or hashes it. */
export const HOSTILE_TEXT = [
  'Nguyễn Văn An', '\u202Egnp.exe', 'abc\u202Edef\u202C', '\u200F\u200E\u061C', 'a\u200Db\u200Cc', 'e\u0301\u0301\u0301', '𝕹𝖌𝖚𝖞𝖊̂𝖓', '🙂👨‍👩‍👧‍👦', 'Ａｄｍｉｎ',
  'admin\u0000', 'line\nbreak\r\n', '<script>alert(1)</script>', "'; DROP TABLE events; --", '${process.exit()}', '{{7*7}}', '%s%n%x', '\\u0000', 'ЅсаmрӀе',
  '\uFEFFbom', '\uFFFD', 'Z̴̡̛͉͖̪a̶͓̹̓l̸̰̈́g̷͉̈o̵̯͒',
];

export const hostileText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 60) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 60) }) },
  );

/** Any JSON value of a type other than string (what a string field must refuse). */
export const nonStrings: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}, [[]], { a: 1 }, ['5']),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Invalid UTF-8 byte sequences: lone continuation bytes, overlong forms, encoded surrogates, truncations, bytes never used. */
export const INVALID_UTF8: Buffer[] = [
  [0x80], [0xbf], [0xc3, 0x28], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xfe], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xc3], [0xe1, 0xbb],
].map((bytes) => Buffer.from(bytes));

/** A JSON document nested `depth` levels deep, as text: objects, arrays or both. */
export function nested(depth: number, shape: 'object' | 'array' | 'mixed'): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level++) {
    const array = shape === 'array' || (shape === 'mixed' && level % 2 === 1);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}"x"${close}`;
}
