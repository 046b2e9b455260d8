import type { DonorKind } from '../domain/donation/donation.events';
import { collapseWhitespace, foldDiacritics } from './statement-values';

/** The donor of a statement row whose name neither the counterparty column nor the memo gives. */
export const UNKNOWN_DONOR_NAME = 'Không rõ';

/**
 * Names of donors as bank transfers carry them (domain.md R32, the 2024 Yagi statements):
 *
 *  1. the counterparty column, cleaned of VietinBank's decorations ("VND-TGTT-… – A/C") and
 *     refused when it names a bank or a payment channel rather than a person ("MBBANK IBFT");
 *  2. in the memo, the account holder Vietcombank writes after the sender's account
 *     ("…CT tu 0101001222009 CAO VIET TUAN toi 0011001932418…");
 *  3. the memo's envelope stripped (app and interbank prefixes, references, masked accounts,
 *     "thoi gian GD" of BIDV), then the words before the first transfer phrase ("chuyen tien",
 *     "ung ho", "ck"…) when they read as a name;
 *  4. else the first run of capitalised words led by a Vietnamese family name;
 *  5. else `Không rõ`.
 *
 * Memos are free text written by donors: a wrong guess is possible, which is why the raw line
 * stays on the event and the name is meant to be correctable (R33). The table of expectations
 * is test/import/donor-name.test.ts.
 */
export function donorNameOf(counterparty: string, memo: string): string {
  return nameFromCounterparty(counterparty) ?? nameFromMemo(memo) ?? UNKNOWN_DONOR_NAME;
}

/** Organisations announce themselves; everything else named is a person. */
export function donorKindOf(name: string): DonorKind {
  if (name === UNKNOWN_DONOR_NAME) return 'anonymous';
  const folded = foldDiacritics(name).toUpperCase();
  return /^(CONG TY|CTY|TONG CONG TY|TCT|NGAN HANG|TRUONG|UBND|UY BAN|HOI|CLB|CAU LAC BO|DOANH NGHIEP|HTX|HOP TAC XA|CHI NHANH|VAN PHONG|BENH VIEN|DANG UY|CONG DOAN|DOAN THANH NIEN|CHI DOAN|CHI HOI|CHI BO|TO DAN PHO|KHU PHO|BAN QUAN LY|LOP)\b/.test(folded)
    || /\b(TNHH|CO PHAN|JSC|CO\.?,? LTD|LTD|CORP|CORPORATION|COMPANY)\b/.test(folded)
    ? 'organization'
    : 'individual';
}

const MAX_NAME_LENGTH = 300;

// ---------------------------------------------------------------------------------------------
// Counterparty column
// ---------------------------------------------------------------------------------------------

/** Labels of banks, channels and internal accounts that stand where a sender's name would. */
const NOT_A_PERSON = /\b([A-Z]*BANK|IBFT|NAPAS|TRANSFER|MOMO|MOMOIBFT|ZALOPAY|VNPAY|SHOPEEPAY|VIETTEL ?MONEY|SHBMB|TIEN MAT|TGTT|ACC|CITAD|SWIFT|NGAN HANG|KHO BAC)\b/;

function nameFromCounterparty(raw: string): string | undefined {
  let text = collapseWhitespace(raw)
    .replace(/\s*[–—-]\s*A\/C$/i, '') // VietinBank: "TRAN TIEN ANH – A/C"
    .replace(/^VND[-\s]TGTT[-\s]/i, '') // VietinBank: "VND-TGTT-NGUYEN THU BINH"
    .replace(/[*]{2,}/g, '')
    .trim();
  text = text.replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, '');
  if (text === '' || /\d/.test(withoutUnitNumbers(text))) return undefined;
  if (NOT_A_PERSON.test(foldDiacritics(text).toUpperCase())) return undefined;
  return text.slice(0, MAX_NAME_LENGTH);
}

// ---------------------------------------------------------------------------------------------
// Memo
// ---------------------------------------------------------------------------------------------

/** Vietcombank's own account-to-account memo: "CT tu <account> <HOLDER> toi <account>". */
const VCB_ACCOUNT_HOLDER = /\bCT tu \d{6,} ([A-Za-zÀ-ỹĐđ][A-Za-zÀ-ỹĐđ ]*?) toi \d{6,}/;

/** Envelopes around the donor's own words, stripped from the front until none applies. */
const LEADING_ENVELOPES: readonly RegExp[] = [
  /^CT nhanh 247 den:\s*/i, // VietinBank incoming fast transfer
  /^Chuyen tien den tu NAPAS Noi dung:\s*/i, // VietinBank via NAPAS
  /^Vietinbank;[^;]*;\s*/i, // VietinBank "Vietinbank;111602391111;"
  /^(?:MB|IB)VCB\.\d+\.(?:\d+\.)?/, // Vietcombank app (MBVCB) and internet banking (IBVCB): <prefix>.<n>.[<n>.]
  /^\d{6}\.\d{6}\.\d{6}\./, // Vietcombank interbank: <trace>.<ddmmyy>.<hhmmss>.
  /^[0-9A-Za-z]{20,}\.\s?[\d ]+\.\s?\d{6}\./, // Vietcombank NAPAS: <id>.<n>.<hhmmss>.
  /^Vietcombank:\d+:/i, // … followed by "Vietcombank:<account>:"
  /^PARTNER\.DIRECT_DEBITS_VCB\.[A-Z]+\.[^.]*\.\d{8}\./, // wallet top-ups: ZaloPay, MoMo
  /^\d+-\d+_/, // MoMo "<wallet>-<phone>_"
  /^CKSOTAIKHOAN \d+\s+/i, // Viettel Money
  /^[0-9A-Z]{12,}\//, // VietinBank "999B2490FP698UY4/"
  /^IBFT\s+/i, // interbank fund transfer marker
  /^(?:\d[\d*]{5,}\s+)+/, // leading account numbers, masked ones ("109882673***") too
];

/** Tails that are never part of a name or of the donor's words. */
const TRAILING_NOISE: readonly RegExp[] = [
  /;?\s*thoi gian GD:.*$/i, // BIDV: transaction time after the posting time
  /\s*\((?:ct|CT|Ct|cT)\s?\d+\)\s*$/, // VietinBank account tag "(CT1111)"
  /-\d{6}-\d{2}:\d{2}:\d{2} \d+$/, // NAPAS "-100924-19:47:11 807070"
  /\s*\(by [^)]*\)\s*$/i, // "(by TPBank ChatPay)"
  /,?\s*ma GD \d+.*$/i, // "ma GD 248856182"
  /\.?CT tu \d+.*$/, // Vietcombank's account routing, once the holder was looked for
];

/**
 * Words that begin the donor's message rather than end their name (folded, lower case), the labels
 * of a phone, id or tax number among them ("SĐT", "ĐT", "CCCD", "MST"): a name published with its
 * label would say the memo held one.
 */
const TRANSFER_WORDS = new Set([
  'chuyen', 'ck', 'ct', 'ung', 'unh', 'uh', 'gop', 'gui', 'nop', 'cam', 'xin', 'chuc', 'cuu', 'mung', 'den', 'qua',
  'nap', 'mhs', 'nmhs', 'nhs', 'so', 'stk', 'tk', 'fb', 'ft', 'ibft', 'tra', 'kinh',
  'sdt', 'dt', 'dtdd', 'cccd', 'cmnd', 'cmt', 'mst', 'zalo', 'tel', 'phone', 'hotline',
]);
/** Two-word openings whose first word is also a name ("Quyên", "Thương", "Hồ"): matched as phrases. */
const TRANSFER_PHRASES = [/^ho tro\b/, /^thanh toan\b/, /^chung tay\b/, /^quyen gop\b/, /^thuong gui\b/, /^huong ve\b/, /^tang quy\b/];
/** The first words of TRANSFER_PHRASES: a word that is none of them opens no phrase. */
const TRANSFER_PHRASE_FIRST_WORDS = new Set(['ho', 'thanh', 'chung', 'quyen', 'thuong', 'huong', 'tang']);

/**
 * Words naming an administrative or organisational unit, whose number belongs to the name it is
 * part of: "HOI PHU NU PHUONG 4", "CHI DOAN KHU PHO 3", "TO DAN PHO 12", "LOP 9A" (folded, lower case).
 */
const UNIT_WORDS = new Set(['phuong', 'quan', 'pho', 'to', 'ap', 'thon', 'xom', 'khu', 'khom', 'lop', 'khoi', 'doi', 'cum', 'buon', 'ban', 'hoi', 'doan']);
/** A unit's number: 4, 12, 9A, 3B; never an amount ("500K"). */
const UNIT_NUMBER = /^\d{1,3}[A-JL-Za-jl-z]?$/;

/**
 * Whether words[index] is the number of the unit the word before it names, in a run of words
 * (from `start`) that already reads as an organisation's name: "HOI PHU NU PHUONG 4" keeps its 4;
 * a person named Phương, Quân or Tô does not take the amount or the year written after the name.
 */
function isUnitNumber(words: readonly string[], index: number, start = 0): boolean {
  return index > start && UNIT_NUMBER.test(words[index]) && UNIT_WORDS.has(fold(words[index - 1]))
    && donorKindOf(words.slice(start, index).join(' ')) === 'organization';
}

/** The text without the numbers of the units an organisation's name names, for the check that a name holds no digits. */
function withoutUnitNumbers(text: string): string {
  const words = text.split(' ');
  return words.filter((_, index) => !isUnitNumber(words, index)).join(' ');
}

/**
 * Openings of an organisation's name whose first word is also a kinship word ("chị", "chú"):
 * "Chi đoàn", "Chi hội", "Chi bộ" are a branch, not the donor's sister.
 */
const ORGANISATION_OPENINGS = new Set(['chi doan', 'chi hoi', 'chi bo', 'chi cuc', 'chi nhanh']);

/** Words opening a phrase that names the donor's family or a child before the name itself. */
const KINSHIP = new Set(['be', 'chau', 'em', 'con', 'anh', 'chi', 'co', 'chu', 'ba', 'ong', 'gd']);

/** Common Vietnamese family names (folded, lower case): what a name in a memo starts with. */
const FAMILY_NAMES = new Set([
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly', 'dinh',
  'doan', 'lam', 'mai', 'truong', 'trinh', 'luong', 'cao', 'ha', 'ta', 'lai', 'chu', 'thai', 'kieu', 'quach', 'luu', 'tang', 'hua',
  'lu', 'thach', 'chau', 'khuc', 'la', 'phung', 'quang', 'tieu', 'nghiem', 'dao', 'dam', 'lo', 'son', 'tong', 'ton', 'giang',
  'khong', 'thieu', 'au', 'bach', 'diep', 'ong', 'trieu', 'nong', 'mac', 'tu', 'ung', 'vuong', 'han', 'ninh', 'phi', 'quan', 'than',
  'tram', 'uong', 'vien', 'hong', 'kim', 'dong', 'kha', 'lac', 'luc', 'lieu', 'man', 'ngan', 'nhan', 'banh', 'cong', 'cu', 'dieu',
  'hau', 'khuat', 'ma', 'trac', 'to', 'chung', 'van', 'yen',
]);

/** Phrases that show a "name" is the donor's message after all (folded, lower case). */
const NOT_A_NAME = /\b(viet nam|to quoc|dong bao|bao lu|bao lut|lu lut|mien bac|mien trung|yagi|nha nuoc|nguoi dan|gia dinh|bao so|thien tai|khac phuc|cac tinh|mat tran|cuu tro)\b/;

const NAME_WORD = /^[A-Za-zÀ-ỹĐđ]+$/;

const foldedWords = new Map<string, string>();
/** Folded, lower-case form of a word; memos repeat the same few hundred words, so it is cached. */
function fold(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = foldDiacritics(word).toLowerCase();
    if (foldedWords.size < 50_000) foldedWords.set(word, folded);
  }
  return folded;
}
const capitalised = (word: string) => NAME_WORD.test(word) && word[0] === word[0].toUpperCase() && word[0] !== word[0].toLowerCase();
const allCaps = (word: string) => capitalised(word) && word === word.toUpperCase();

function startsTransferPhrase(words: readonly string[], index: number): boolean {
  const word = words[index];
  if (word === undefined) return false;
  const folded = fold(word);
  if (TRANSFER_WORDS.has(folded.replace(/[^a-z]/g, ''))) return true;
  if (!TRANSFER_PHRASE_FIRST_WORDS.has(folded)) return false;
  const rest = words.slice(index, index + 3).map(fold).join(' ');
  return TRANSFER_PHRASES.some((phrase) => phrase.test(rest));
}

function stripEnvelope(memo: string): string {
  let text = collapseWhitespace(memo);
  const mbInner = /^MB\(\d+\)\((.*)\)$/.exec(text); // Agribank: MB(<ref>)(<memo>)
  if (mbInner) text = mbInner[1];
  for (let changed = true; changed; ) {
    changed = false;
    for (const envelope of LEADING_ENVELOPES) {
      const next = text.replace(envelope, '');
      if (next !== text) {
        text = next.trim();
        changed = true;
      }
    }
  }
  for (const noise of TRAILING_NOISE) text = text.replace(noise, '');
  return text.replace(/\bFT\d{8,}\b/g, ' ').replace(/[.,;:]+(\s|$)/g, ' ').trim();
}

function acceptable(words: readonly string[]): string | undefined {
  if (words.length === 0 || words.length > 7) return undefined;
  const name = words.join(' ');
  // Folded without the word cache: a name is seldom seen twice, and would crowd out the words.
  if (NOT_A_NAME.test(foldDiacritics(name).toLowerCase())) return undefined;
  return name.slice(0, MAX_NAME_LENGTH);
}

/** The words before the donor's message, when they read as a name. */
function leadingName(words: readonly string[]): string | undefined {
  let start = 0;
  const organisation = words.length > 1 && ORGANISATION_OPENINGS.has(`${fold(words[0])} ${fold(words[1])}`);
  if (!organisation && words.length > 1 && KINSHIP.has(fold(words[0])) && FAMILY_NAMES.has(fold(words[1]))) start = 1;
  let end = start;
  while (end < words.length && (capitalised(words[end]) || isUnitNumber(words, end, start)) && !startsTransferPhrase(words, end)) end += 1;
  const candidate = words.slice(start, end);
  if (candidate.length === 0) return undefined;
  const followedByTransfer = end < words.length && startsTransferPhrase(words, end);
  const ledByFamilyName = FAMILY_NAMES.has(fold(candidate[0]));
  if (candidate.length === 1) return followedByTransfer ? acceptable(candidate) : undefined;
  return followedByTransfer || ledByFamilyName ? acceptable(candidate) : undefined;
}

/** The first run of upper-case words led by a family name, anywhere in the memo. */
function capitalisedRun(words: readonly string[]): string | undefined {
  for (let start = 0; start < words.length; start++) {
    if (!allCaps(words[start]) || !FAMILY_NAMES.has(fold(words[start])) || startsTransferPhrase(words, start)) continue;
    let end = start;
    while (end < words.length && (allCaps(words[end]) || isUnitNumber(words, end, start)) && !startsTransferPhrase(words, end)) end += 1;
    if (end - start >= 2) return acceptable(words.slice(start, end));
  }
  return undefined;
}

export function nameFromMemo(memo: string): string | undefined {
  const text = collapseWhitespace(memo);
  if (text === '') return undefined;
  const holder = VCB_ACCOUNT_HOLDER.exec(text);
  if (holder && holder[1].trim().split(' ').length >= 2) return acceptable(holder[1].trim().split(' '));
  const words = stripEnvelope(text).split(' ').filter((word) => word !== '');
  return leadingName(words) ?? capitalisedRun(words);
}
