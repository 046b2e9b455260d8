/**
 * The transaction numbers a sender's bank prints on the sender's own receipt, as they reach the
 * memo of the fund's bank statement. A donor who checks that their gift is published has that
 * number, not the statement's document number (Vietcombank's "Số CT" 5213.45946), so the public
 * lookup finds a donation by either (README, the public lookup).
 *
 * Only positions a bank or the interbank network uses for a transaction's own number are read:
 *
 *  - Vietcombank's app and internet banking, "MBVCB.<n>." / "IBVCB.<n>." / "MBVCB<n>." at the
 *    memo's head: <n> is the "Số lệnh giao dịch" of the sender's receipt;
 *  - a core-banking transfer number, "FT" + year and day of the year + its serial
 *    ("FT24254040454839"), which MB, Techcombank and the other T24 banks print as "Mã giao dịch";
 *  - the NAPAS trace of a fast interbank transfer: the first field of Vietcombank's
 *    "<trace>.<ddmmyy>.<hhmmss>." envelope, or the number after "-<ddmmyy>-<hh:mm:ss> " at a
 *    memo's end, as VietinBank prints a NAPAS transfer;
 *  - a number labelled as a transaction's: "Ma GD", "Ma giao dich", "Trace", "So trace".
 *
 * Account numbers are never read ("CT tu <account> … toi <account>", "Vietinbank;<account>;",
 * leading or masked accounts, wallets' phone numbers): a public lookup by an account number would
 * tell anyone which gifts its holder made. A number the memo holds in no position above is not a
 * sender's reference, whatever it looks like.
 */

/** At most this many numbers are kept of a memo: each is one row of the lookup's index. */
export const SENDER_REFERENCES_MAX = 4;

/** A memo folded as the shapes below read it: no diacritics, upper case, single spaces. Most memos are ASCII already. */
function foldMemo(memo: string): string {
  const ascii = /^[\x00-\x7f]*$/.test(memo) ? memo : memo.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D');
  return ascii.toUpperCase().replace(/\s+/g, ' ').trim();
}

/** A T24 transfer number's year and day: "FT" + yy + ddd (001–366) + its serial. */
function isTransferNumber(token: string): boolean {
  const day = Number(token.slice(4, 7));
  return day >= 1 && day <= 366;
}

/** A six-digit ddmmyy that is a day of the calendar (the envelope's date, which marks it as one). */
function isDayOfYear(ddmmyy: string): boolean {
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/** Vietcombank app and internet banking: MBVCB.6987707712, IBVCB.… (older memos: MBVCB11485691). */
const VIETCOMBANK_APP_NUMBER = String.raw`(?:MB|IB)VCB\.?(\d{6,12})`;

/** Each shape: where in the folded memo a sender's number stands, and a check of what it found. */
const SHAPES: readonly { pattern: RegExp; accept?: (number: string, match: RegExpExecArray) => boolean }[] = [
  { pattern: new RegExp(String.raw`(?:^|[^0-9A-Z])${VIETCOMBANK_APP_NUMBER}(?![0-9A-Z])`, 'g') },
  // Core-banking transfer numbers: FT24254040454839, FT24245000111, FT21102AB12C.
  { pattern: /(?:^|[^0-9A-Z])(FT\d{5}[0-9A-Z]{5,14})(?![0-9A-Z])/g, accept: isTransferNumber },
  // Vietcombank's interbank envelope at the memo's head: <trace>.<ddmmyy>.<hhmmss>.
  { pattern: /^(\d{6})\.(\d{6})\.\d{6}\./g, accept: (_trace, match) => isDayOfYear(match[2]) },
  // A NAPAS transfer as VietinBank prints it: "…-100924-19:47:11 807070".
  { pattern: /-(?:\d{6})-\d{2}:\d{2}:\d{2} (\d{6})(?![0-9A-Z])/g },
  // Labelled by the sender or their bank: "ma GD 248856182", "Ma giao dich: FT…", "Trace 123456".
  { pattern: /(?:^|[^0-9A-Z])(?:MA ?GD|MA GIAO DICH|SO TRACE|TRACE(?: NO)?)\s?[:.#]?\s?([0-9A-Z]{6,20})(?![0-9A-Z])/g, accept: (number) => /\d/.test(number) },
];

/**
 * The sender's transaction numbers in a statement line's memo, upper case as references are
 * looked up, each once, in the order the memo gives them; at most SENDER_REFERENCES_MAX.
 */
export function senderReferencesOf(memo: string): string[] {
  const text = foldMemo(memo);
  const found: { at: number; number: string }[] = [];
  for (const shape of SHAPES) {
    for (const match of text.matchAll(shape.pattern)) {
      const number = match[1];
      if (shape.accept && !shape.accept(number, match as RegExpExecArray)) continue;
      found.push({ at: (match.index ?? 0) + match[0].indexOf(number), number });
    }
  }
  if (found.length <= 1) return found.map((entry) => entry.number);
  const ordered = found.sort((a, b) => a.at - b.at).map((entry) => entry.number);
  return [...new Set(ordered)].slice(0, SENDER_REFERENCES_MAX);
}

const TYPED_VIETCOMBANK_APP_NUMBER = new RegExp(`^${VIETCOMBANK_APP_NUMBER}$`);

/**
 * The sender's number in a reference typed as the sender's receipt prints it, prefix and all
 * ("MBVCB.6987707712", "IBVCB.…"): the number the memo reader keeps of the same text, to be
 * looked up among the senders' numbers (which hold no account number); null for any other
 * reference, which is looked up as it is typed.
 */
export function senderNumberTyped(reference: string): string | null {
  return TYPED_VIETCOMBANK_APP_NUMBER.exec(reference.trim().toUpperCase())?.[1] ?? null;
}
