import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import {
  DONATION_NAME_PAIRS_TABLE, DONATION_NAME_TOKENS_TABLE, DONATION_SENDER_REFERENCES_TABLE, DonationRegisterProjection, DONATIONS_TABLE, NAME_PAIR_WORD_LIMIT,
  NAME_PAIRS_KEY, NAME_TOKENS_KEY, namePairs, NO_NAME_PARTNER, SENDER_REFERENCES_KEY,
} from '../../projections/donation-register.projection';
import { nameTokens } from '../../projections/table-projection';
import { FUNDS_TABLE, FundRegisterProjection } from '../../projections/fund-register.projection';
import type { TableProjection } from '../../projections/table-projection';
import { ReadArgumentError } from '../reports/report-period';
import { type CursorKeys, decodeCursorKeys, encodeCursor, hasShape } from './sql/cursor';
import { registerRow, registerRows, type SqlParameter } from './sql/register-rows';
import { placeholders, SqlWhere } from './sql/where';
import { ReadModels } from './read-models';
import { prefixRange, RANGE_COUNT_CAPS, shortestRange, tokensBegunBy, WORD_TOKENS_MAX, wordBeginsCondition } from './token-search';

/**
 * The public donation search: a query planner over the donation register's indexes, so a
 * lookup costs the index entries it walks, at any size of the register (see PublicDriver).
 */

/**
 * The only columns a public answer is built from. Contact, tax code, address and the donor's
 * own name are never selected, so no later change to the presenter can leak them.
 */
const PUBLIC_COLUMNS = [
  'd.donation_id', 'd.receipt_no', 'd.received_at', 'd.received_at_ms', 'd.position', 'd.amount_vnd', 'd.currency', 'd.amount', 'd.channel',
  'd.published_name', 'd.reference', 'd.campaign_id', 'd.restriction_purpose', 'd.in_kind_json', 'd.reversed', 'd.reversed_at',
].join(', ');

export interface PublicDonationFilters {
  fundId: string;
  /** Words of a name fragment, folded: each must begin a word of the published name ("nguyen v" finds "Nguyễn Văn"). */
  nameWords: string[];
  /** Normalised: the donation's own reference, or a transaction number its sender's bank printed (see referenceHalves). */
  reference?: string;
  /**
   * The sender's number the typed reference names, looked up among the senders' numbers in its
   * place: the number behind a Vietcombank app prefix (see referenceLookup); absent, `reference`.
   */
  senderReference?: string;
  /** Whole VND, bound as a BigInt: an amount is never a JS number. */
  amountVnd?: bigint;
  fromMs?: number;
  toMs?: number;
  limit: number;
  /**
   * The tokens of the fund's published names that each name word begins, looked up when the
   * search runs (see nameWordTokens); null for a word that begins too many to list. A pair of
   * words is a driver only when both are listed.
   */
  wordTokens?: Record<string, string[] | null>;
}

/**
 * The index a public search walks, in its order: a pair of words of the name (by word, partner,
 * then date), a word of the name (by token, then date), the reference (the register's reference
 * index and the sender references' key, both by date), the amount, or the date.
 * Every other filter is checked on the way, the name's other words by a probe of the token
 * table's primary key, so the cost of a search is the length of the driver's index range up to
 * `limit` matches, and the driver is the shortest range. A pair's first word is the one walked
 * as a token (the one that begins fewer tokens); its second word is the partner.
 */
export type PublicDriver =
  | { kind: 'pair'; words: [string, string] } | { kind: 'name'; word: string } | { kind: 'reference' } | { kind: 'amount' } | { kind: 'date' };

/** The position in the driver's order after which the next page starts. */
export type PublicCursor = { driver: PublicDriver; keys: CursorKeys };

const TOKENS_BY_TOKEN = NAME_TOKENS_KEY;
const PAIRS_BY_PAIR = NAME_PAIRS_KEY;
const DRIVER_INDEXES = { reference: 'register_donations_by_reference', amount: 'register_donations_by_amount', date: 'register_donations_by_date' } as const;
/**
 * The tokens each name word begins, for pair drivers and for a word's own walk (one range per
 * token, so a date or the cursor bounds each range in the index). The words of the pair a cursor
 * walks are listed in full, so a next page never finds its driver gone because the fund has
 * published new names since the first page.
 */
export function nameWordTokens(db: Database.Database, fundId: string, nameWords: string[], cursorWords: readonly string[] = []): Record<string, string[] | null> {
  return Object.fromEntries(nameWords.map((word) => [word, publishedWordTokens(db, fundId, word, cursorWords.includes(word) ? Infinity : WORD_TOKENS_MAX)]));
}

/**
 * The tokens of the fund's published names that `word` begins, the word itself always among them
 * (so a list is never empty and a word no name has finds nothing); null when there are more than `max`.
 */
function publishedWordTokens(db: Database.Database, fundId: string, word: string, max: number): string[] | null {
  return tokensBegunBy(db, [`${DONATION_NAME_TOKENS_TABLE} t INDEXED BY ${TOKENS_BY_TOKEN}`], fundId, word, max, true);
}

/**
 * Text in SQLite's BINARY order (UTF-8 bytes), the order the word indexes are walked in. It is not
 * JavaScript's order (UTF-16 units) past U+FFFF: "k\u{20000}" < "k\uFF41" in JavaScript, after it in SQLite.
 */
const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The two halves of a pair driver's range, as lists crossed on the pair index: a pair row holds
 * the smaller word first, so a name with both words is either (a token of the first word, a
 * token of the second) or the other way round, never both (no token begins both words). The
 * first half also takes the first word's long-name rows (no partner). SQLite walks each half in
 * key order and merges them, with no sort. A next page starts at the cursor's token: the
 * tokens before it are not even probed.
 */
function pairHalves(driver: { words: [string, string] }, filters: PublicDonationFilters, afterToken?: string): SqlWhere[] {
  const listed = (word: string) => {
    const tokens = filters.wordTokens?.[word];
    if (!tokens) throw new Error(`pair driver on "${word}" without its token list`);
    return tokens;
  };
  const from = (tokens: string[]) => (afterToken === undefined ? tokens : tokens.filter((token) => utf8Order(token, afterToken) >= 0));
  const [first, second] = driver.words.map(listed);
  const halves = [[from(first), [NO_NAME_PARTNER, ...second]], [from(second), first]].filter(([tokens]) => tokens.length > 0);
  // The cursor's token is in one of the lists (tokens are never removed), so a half is left; a
  // cursor naming a token past both lists gets the first half, whose rows all come before it.
  if (halves.length === 0) halves.push([first, [NO_NAME_PARTNER, ...second]]);
  return halves.map(([tokens, partners]) => {
    const where = new SqlWhere().add('p.fund_id = ?', filters.fundId)
      .add(`p.token IN (${placeholders(tokens)})`, ...tokens).add(`p.other IN (${placeholders(partners)})`, ...partners);
    return where.period('p.received_at_ms', filters.fromMs, filters.toMs);
  });
}

/**
 * The conditions on the driver's own index: the fund, the driver's key, and the date range (see
 * pairHalves for a pair). A word whose tokens are listed is walked token by token (from the
 * cursor's token on), so the date range is a range of the index within each token, not a check
 * of every entry of the word; a word that begins too many tokens is walked as one prefix range.
 */
function driverRange(driver: PublicDriver, filters: PublicDonationFilters, alias: 'd' | 't', afterToken?: string): SqlWhere {
  const where = new SqlWhere().add(`${alias}.fund_id = ?`, filters.fundId);
  const listed = driver.kind === 'name' ? filters.wordTokens?.[driver.word]?.filter((token) => afterToken === undefined || utf8Order(token, afterToken) >= 0) : undefined;
  // An empty list (a cursor naming a token past them all) falls back to the prefix range.
  if (listed && listed.length > 0) where.add(`t.token IN (${placeholders(listed)})`, ...listed);
  else if (driver.kind === 'name') where.add('t.token >= ? AND t.token < ?', ...prefixRange(driver.word));
  if (driver.kind === 'amount') where.add('d.amount_vnd = ?', filters.amountVnd ?? null);
  return where.period(`${alias}.received_at_ms`, filters.fromMs, filters.toMs);
}

/** A half of the reference driver's range: the rows it walks, its conditions, and its keys in walk order. */
interface ReferenceHalf {
  from: string;
  where: SqlWhere;
  keys: [string, string];
}

/**
 * The two halves of the reference driver's range, each walked in date order and merged with no
 * sort: the donations whose own reference it is (the register's reference index), and those
 * whose sender's bank printed it on the sender's receipt (the sender references' key, joined to
 * the donation by its primary key). A donation is in one half at most: the register writes no
 * sender's number equal to the donation's own reference, and each number once.
 */
function referenceHalves(filters: PublicDonationFilters, withDonation: boolean): ReferenceHalf[] {
  const reference = filters.reference ?? null;
  const senderReference = filters.senderReference ?? reference;
  const own = new SqlWhere().add('d.fund_id = ?', filters.fundId).add('d.reference_normalized = ?', reference)
    .period('d.received_at_ms', filters.fromMs, filters.toMs);
  const sender = new SqlWhere().add('s.fund_id = ?', filters.fundId).add('s.reference = ?', senderReference)
    .period('s.received_at_ms', filters.fromMs, filters.toMs);
  const join = withDonation ? ` CROSS JOIN ${DONATIONS_TABLE} d ON d.fund_id = s.fund_id AND d.donation_id = s.donation_id` : '';
  // Looked up by two numbers, a donation may hold one as its own reference and the other as its
  // sender's: it is found in the first half only.
  if (withDonation && senderReference !== reference) sender.add('d.reference_normalized IS NOT ?', reference);
  return [
    { from: `${DONATIONS_TABLE} d INDEXED BY ${DRIVER_INDEXES.reference}`, where: own, keys: ['d.received_at_ms', 'd.position'] },
    { from: `${DONATION_SENDER_REFERENCES_TABLE} s INDEXED BY ${SENDER_REFERENCES_KEY}${join}`, where: sender, keys: ['s.received_at_ms', 's.position'] },
  ];
}

/**
 * The reference as a filter a driver's range does not hold, checked on the donation row: its own
 * reference, or a probe of the sender references' key at the donation's own keys.
 */
const REFERENCE_FILTER_SQL = `(d.reference_normalized = ? OR EXISTS (SELECT 1 FROM ${DONATION_SENDER_REFERENCES_TABLE} r INDEXED BY ${SENDER_REFERENCES_KEY}
  WHERE r.fund_id = d.fund_id AND r.reference = ? AND r.received_at_ms = d.received_at_ms AND r.position = d.position AND r.donation_id = d.donation_id))`;

/** Two words neither of which begins the other: they can only match two different words of a name. */
const pairable = (a: string, b: string) => !a.startsWith(b) && !b.startsWith(a);

/**
 * Pairs are formed among this many of the search's listed words at most (the longest), so a
 * query of many words costs at most 6 pair counts, never one per pair of its words.
 */
export const PAIR_WORDS_MAX = 4;

/**
 * The pairs of name words that can drive a search: both words' token lists known, and neither
 * word beginning the other (then both may be the same word of a name, which has no pair row).
 * The first word of a pair is the one with fewer tokens, so fewer ranges are probed.
 */
function pairDrivers(filters: PublicDonationFilters): PublicDriver[] {
  const listed = filters.nameWords.filter((word) => filters.wordTokens?.[word])
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, PAIR_WORDS_MAX);
  const size = (word: string) => filters.wordTokens?.[word]?.length ?? 0;
  const drivers: PublicDriver[] = [];
  for (const [i, a] of listed.entries()) {
    for (const b of listed.slice(i + 1)) {
      if (!pairable(a, b)) continue;
      const first = size(a) < size(b) || (size(a) === size(b) && (a.length > b.length || (a.length === b.length && a < b))) ? a : b;
      drivers.push({ kind: 'pair', words: first === a ? [a, b] : [b, a] });
    }
  }
  return drivers;
}

/**
 * Which drivers a search can use, in the order preferred on a tie: the reference, pairs of the
 * name's words, the name's words (longest first), the amount, the date. The date index serves a
 * search with a date, or one with no filter at all (then it walks the whole fund, oldest first).
 */
export function candidateDrivers(filters: PublicDonationFilters): PublicDriver[] {
  const drivers: PublicDriver[] = [];
  if (filters.reference !== undefined) drivers.push({ kind: 'reference' });
  const pairs = pairDrivers(filters);
  drivers.push(...pairs);
  // A pair's range is never much longer than its first word's own range (each of its rows is a
  // donation with that word, or a long name's row that the word's range holds too), and a pair
  // walks only donations with both words: counting that word alone is wasted work.
  const walkedInPairs = new Set(pairs.map((driver) => (driver.kind === 'pair' ? driver.words[0] : '')));
  for (const word of [...filters.nameWords].sort((a, b) => b.length - a.length)) {
    if (!walkedInPairs.has(word)) drivers.push({ kind: 'name', word });
  }
  if (filters.amountVnd !== undefined) drivers.push({ kind: 'amount' });
  if (filters.fromMs !== undefined || filters.toMs !== undefined || drivers.length === 0) drivers.push({ kind: 'date' });
  return drivers;
}

/** SQL counting a driver's index range, up to `cap` entries. */
export function driverCountQuery(driver: PublicDriver, filters: PublicDonationFilters, cap: number = RANGE_COUNT_CAPS[0]): { sql: string; params: SqlParameter[] } {
  if (driver.kind === 'pair') {
    const halves = pairHalves(driver, filters);
    const sql = halves.map((half) => `SELECT 1 FROM ${DONATION_NAME_PAIRS_TABLE} p INDEXED BY ${PAIRS_BY_PAIR} WHERE ${half.sql}`).join(' UNION ALL ');
    return { sql: `SELECT COUNT(*) AS n FROM (${sql} LIMIT ${cap})`, params: halves.flatMap((half) => half.params) };
  }
  if (driver.kind === 'reference') {
    const halves = referenceHalves(filters, false);
    const sql = halves.map((half) => `SELECT 1 FROM ${half.from} WHERE ${half.where.sql}`).join(' UNION ALL ');
    return { sql: `SELECT COUNT(*) AS n FROM (${sql} LIMIT ${cap})`, params: halves.flatMap((half) => half.where.params) };
  }
  const alias = driver.kind === 'name' ? 't' : 'd';
  const where = driverRange(driver, filters, alias);
  const from = driver.kind === 'name' ? `${DONATION_NAME_TOKENS_TABLE} t INDEXED BY ${TOKENS_BY_TOKEN}`
    : `${DONATIONS_TABLE} d INDEXED BY ${DRIVER_INDEXES[driver.kind]}`;
  return { sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.sql} LIMIT ${cap})`, params: where.params };
}

/**
 * The driver with the shortest index range (see shortestRange); when every candidate's range
 * reaches the last cap, the preferred order of candidateDrivers decides. A search whose every
 * filter is that common walks until it has a page.
 */
export function choosePublicDriver(db: Database.Database, filters: PublicDonationFilters): PublicDriver {
  const candidates = candidateDrivers(filters);
  if (candidates.length === 1) return candidates[0];
  const shortest = shortestRange(candidates, (driver, cap) => {
    const query = driverCountQuery(driver, filters, cap);
    // A count of index entries, not money: COUNT(*) always answers one row.
    return (registerRow<{ n: number }>(db, query.sql, query.params) as { n: number }).n;
  });
  return shortest?.candidate ?? candidates[0];
}

/**
 * The SQL of the public donation search, walking the driver's index in its order, so a page
 * costs the index entries walked until `limit` matches, never a scan or a sort. A reversed
 * donation is found by its reference, amount or date, never by a name (a reversal may be what
 * corrected the name, or a credit that was no gift at all); anonymous donors have no name tokens,
 * so no name finds them.
 */
export function publicDonationQuery(filters: PublicDonationFilters, driver: PublicDriver, cursor?: (string | number)[]): { sql: string; params: SqlParameter[] } {
  if (driver.kind === 'pair') return pairDonationQuery(filters, driver, cursor);
  if (driver.kind === 'reference') return referenceDonationQuery(filters, driver, cursor);
  const byName = driver.kind === 'name';
  const owner = byName ? 't' : 'd';
  const where = addOtherFilters(driverRange(driver, filters, owner, byName && cursor ? String(cursor[0]) : undefined), filters, driver);
  where.after(byName ? ['t.token', 't.received_at_ms', 't.position'] : ['d.received_at_ms', 'd.position'], cursor);
  const sql = byName
    ? `SELECT ${PUBLIC_COLUMNS}, t.token AS token FROM ${DONATION_NAME_TOKENS_TABLE} t INDEXED BY ${TOKENS_BY_TOKEN}
       CROSS JOIN ${DONATIONS_TABLE} d ON d.fund_id = t.fund_id AND d.donation_id = t.donation_id
       WHERE ${where.sql} ORDER BY t.token, t.received_at_ms, t.position LIMIT ${filters.limit + 1}`
    : `SELECT ${PUBLIC_COLUMNS} FROM ${DONATIONS_TABLE} d INDEXED BY ${DRIVER_INDEXES[driver.kind]}
       WHERE ${where.sql} ORDER BY d.received_at_ms, d.position LIMIT ${filters.limit + 1}`;
  return { sql, params: where.params };
}

/**
 * That a word of the donation's published name begins with the search word (wordBeginsCondition),
 * checked on the donation row `d` the walk already reads: the name token index's prefix range. An
 * anonymous donor's published_name_folded is NULL: no word finds it, as it has no tokens.
 */
export const PUBLISHED_WORD_SQL = wordBeginsCondition('d.published_name_folded', '').sql;
export const publishedWordPattern = (word: string): string => wordBeginsCondition('d.published_name_folded', word).params[0];

/**
 * The filters a driver's own range does not hold, checked on the way: reversal, reference, amount,
 * the other name words. A gift the fund reversed is found too, marked as such (R29: a correction is
 * shown, never erased), and counts in no total; but never by a name, which its reversal may have
 * been correcting.
 */
function addOtherFilters(where: SqlWhere, filters: PublicDonationFilters, driver: PublicDriver): SqlWhere {
  if (filters.nameWords.length > 0) where.add('d.reversed = 0');
  if (driver.kind !== 'reference' && filters.reference !== undefined) where.add(REFERENCE_FILTER_SQL, filters.reference, filters.senderReference ?? filters.reference);
  if (driver.kind !== 'amount' && filters.amountVnd !== undefined) where.add('d.amount_vnd = ?', filters.amountVnd);
  const walked = driver.kind === 'pair' ? driver.words : driver.kind === 'name' ? [driver.word] : [];
  for (const word of filters.nameWords) {
    if (walked.includes(word)) continue;
    where.add(PUBLISHED_WORD_SQL, publishedWordPattern(word));
  }
  return where;
}

/**
 * A page of a pair driver: both halves of its range (see pairHalves), each with every other
 * filter, merged in (token, partner, date, position) order. A long name's row (no partner) has
 * its second word checked too.
 */
function pairDonationQuery(filters: PublicDonationFilters, driver: PublicDriver & { kind: 'pair' }, cursor?: (string | number)[]): { sql: string; params: SqlParameter[] } {
  const halves = pairHalves(driver, filters, cursor === undefined ? undefined : String(cursor[0])).map((half) => {
    addOtherFilters(half, filters, driver);
    half.add(`(p.other <> ? OR ${PUBLISHED_WORD_SQL})`, NO_NAME_PARTNER, publishedWordPattern(driver.words[1]));
    return half.after(['p.token', 'p.other', 'p.received_at_ms', 'p.position'], cursor);
  });
  const select = (half: SqlWhere) => `SELECT ${PUBLIC_COLUMNS}, p.token AS token, p.other AS other, p.received_at_ms AS key_ms, p.position AS key_position
    FROM ${DONATION_NAME_PAIRS_TABLE} p INDEXED BY ${PAIRS_BY_PAIR} CROSS JOIN ${DONATIONS_TABLE} d ON d.fund_id = p.fund_id AND d.donation_id = p.donation_id WHERE ${half.sql}`;
  return {
    sql: `${halves.map(select).join(' UNION ALL ')} ORDER BY token, other, key_ms, key_position LIMIT ${filters.limit + 1}`,
    params: halves.flatMap((half) => half.params),
  };
}

/**
 * A page of the reference driver: both halves of its range (see referenceHalves), each with every
 * other filter, merged in (date, position) order.
 */
function referenceDonationQuery(filters: PublicDonationFilters, driver: PublicDriver & { kind: 'reference' }, cursor?: (string | number)[]): { sql: string; params: SqlParameter[] } {
  const halves = referenceHalves(filters, true).map((half) => {
    addOtherFilters(half.where, filters, driver);
    half.where.after(half.keys, cursor);
    return half;
  });
  const select = (half: ReferenceHalf) => `SELECT ${PUBLIC_COLUMNS}, ${half.keys[0]} AS key_ms, ${half.keys[1]} AS key_position FROM ${half.from} WHERE ${half.where.sql}`;
  return {
    sql: `${halves.map(select).join(' UNION ALL ')} ORDER BY key_ms, key_position LIMIT ${filters.limit + 1}`,
    params: halves.flatMap((half) => half.where.params),
  };
}

/** The keys of `row` in the driver's order, as a cursor holds them after its tag. */
export function publicCursorKeys(driver: PublicDriver, row: PublicRow): (string | number)[] {
  if (driver.kind === 'pair') return [String(row.token), String(row.other), row.received_at_ms, row.position];
  if (driver.kind === 'name') return [String(row.token), row.received_at_ms, row.position];
  return [row.received_at_ms, row.position];
}

/** The cursor after `row`: the driver, so every page walks the same index, and the row's keys in its order. */
export function encodePublicCursor(driver: PublicDriver, row: PublicRow): string {
  const tag = driver.kind === 'pair' ? `pair:${driver.words.join(' ')}` : driver.kind === 'name' ? `name:${driver.word}` : driver.kind;
  return encodeCursor([tag, ...publicCursorKeys(driver, row)]);
}

/** The driver a cursor's tag names, if it is one this search gave out. */
function cursorDriver(tag: string): PublicDriver | undefined {
  if (tag.startsWith('name:')) return { kind: 'name', word: tag.slice('name:'.length) };
  if (tag.startsWith('pair:')) {
    const words = tag.slice('pair:'.length).split(' ');
    return words.length === 2 ? { kind: 'pair', words: [words[0], words[1]] } : undefined;
  }
  return tag === 'reference' || tag === 'amount' || tag === 'date' ? { kind: tag } : undefined;
}

/** A cursor this search gave out, for these filters; anything else is 400. */
export function decodePublicCursor(raw: unknown, filters: PublicDonationFilters): PublicCursor | undefined {
  if (raw === undefined) return undefined;
  const invalid = () => new ReadArgumentError('cursor', 'is not a cursor this search gave out');
  const keys = decodeCursorKeys(raw, 'cursor');
  const tag = keys[0];
  if (typeof tag !== 'string') throw invalid();
  const driver = cursorDriver(tag);
  const shape = driver?.kind === 'pair' ? ['string', 'string', 'number', 'number'] as const : driver?.kind === 'name' ? ['string', 'number', 'number'] as const : ['number', 'number'] as const;
  const rest = keys.slice(1);
  if (!driver || !hasShape(rest, shape)) throw invalid();
  const applicable = driver.kind === 'pair' ? pairable(driver.words[0], driver.words[1]) && driver.words.every((word) => filters.nameWords.includes(word))
    : driver.kind === 'name' ? filters.nameWords.includes(driver.word)
    : driver.kind === 'reference' ? filters.reference !== undefined
      : driver.kind === 'amount' ? filters.amountVnd !== undefined : true;
  if (!applicable) throw invalid();
  return { driver, keys: rest };
}

/**
 * Whether a row of the walk is its donation's first: the keys of the donation's other rows, worked
 * out from its published name as the projection indexed it, all come after it. A row of the
 * reference, amount or date index is its donation's only one.
 */
function isFirstRowOfDonation(driver: PublicDriver, row: PublicRow): boolean {
  if (driver.kind !== 'name' && driver.kind !== 'pair') return true;
  const tokens = nameTokens(String(row.published_name));
  const begun = (word: string) => tokens.filter((token) => token.startsWith(word)).sort(utf8Order);
  if (driver.kind === 'name') {
    const first = begun(driver.word)[0];
    return first === undefined || first === row.token;
  }
  const [a, b] = driver.words;
  if (tokens.length > NAME_PAIR_WORD_LIMIT) {
    const first = begun(a)[0];
    return first === undefined || (row.other === NO_NAME_PARTNER && first === row.token);
  }
  const walked = namePairs(tokens)
    .filter(([token, other]) => (token.startsWith(a) && other.startsWith(b)) || (token.startsWith(b) && other.startsWith(a)))
    .sort(([t1, o1], [t2, o2]) => utf8Order(t1, t2) || utf8Order(o1, o2));
  return walked.length === 0 || (walked[0][0] === row.token && walked[0][1] === row.other);
}

/** A row as registerRows reads it: amount_vnd a decimal string read as a BigInt. */
export type PublicRow = Record<string, string | number | null> & { received_at_ms: number; position: number; token?: string; other?: string };


/** The registers each public read stands on; a read aligns them at one log position first. */
export const PUBLIC_READS = {
  totals: [FundRegisterProjection],
  donations: [DonationRegisterProjection, FundRegisterProjection],
} as const satisfies Record<string, readonly TableProjection[]>;

/** A page of the public search: the rows to show, each donation once, and the cursor of the next page. */
export interface PublicDonationPage {
  rows: PublicRow[];
  nextCursor: string | null;
}

/** The public reads of the read models: a fund's name, and the donation search. */
@Injectable()
export class PublicQueries {
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  /** The fund's name and chapter as its register holds them; undefined for a fund it has not seen. */
  fundName(fundId: string): { name: string; chapter: string | null } | undefined {
    return registerRow<{ name: string; chapter: string | null }>(this.readModels.db, `SELECT name, chapter FROM ${FUNDS_TABLE} WHERE fund_id = ?`, [fundId]);
  }

  /**
   * A page of the search, synchronous from the first read to the last: the words' tokens are
   * listed, the driver chosen (or the cursor's kept) and the page read at one log position.
   */
  donations(filters: PublicDonationFilters, cursor: PublicCursor | undefined): PublicDonationPage {
    const db = this.readModels.db;
    const planned: PublicDonationFilters = {
      ...filters, wordTokens: nameWordTokens(db, filters.fundId, filters.nameWords, cursor?.driver.kind === 'pair' ? cursor.driver.words : []),
    };
    const driver = cursor?.driver ?? choosePublicDriver(db, planned);
    // A donation whose name has two words a search word begins is in the walk once per word (or
    // pair of words): it is shown at its first row in the walk's order, on whichever page that
    // falls, and its later rows are walked past.
    const kept: PublicRow[] = [];
    let keys = cursor?.keys;
    for (;;) {
      const built = publicDonationQuery(planned, driver, keys);
      const rows = registerRows<PublicRow>(db, built.sql, built.params);
      kept.push(...rows.filter((row) => isFirstRowOfDonation(driver, row)));
      if (kept.length > filters.limit || rows.length <= filters.limit) break;
      keys = publicCursorKeys(driver, rows[rows.length - 1]);
    }
    const more = kept.length > filters.limit;
    const shown = more ? kept.slice(0, filters.limit) : kept;
    return { rows: shown, nextCursor: more ? encodePublicCursor(driver, shown[shown.length - 1]) : null };
  }

  /**
   * One donation as the public search shows it, with its log position, and its reversal when the
   * fund took it back (the search marks it then, and its proof says where); undefined when the fund has no
   * such donation. The reversal's reason is staff text and is not selected.
   */
  donation(fundId: string, donationId: string): PublicRow | undefined {
    return registerRow<PublicRow>(
      this.readModels.db,
      `SELECT ${PUBLIC_COLUMNS}, d.reversal_id, d.reversed_position FROM ${DONATIONS_TABLE} d WHERE d.fund_id = ? AND d.donation_id = ?`,
      [fundId, donationId],
    );
  }
}
