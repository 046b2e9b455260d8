import type Database from 'better-sqlite3';
import { DONATION_DONOR_TOKENS_TABLE, DONATION_NAME_TOKENS_TABLE } from '../../../projections/donation-register.projection';
import { registerRows, type RegisterRow, type SqlParameter } from '../../reports';

/**
 * The authenticated register's donor filter: each word of `?donor=` must begin a word of the
 * donor's own name or of the published name, diacritics and case ignored, in any order
 * ("nguyen van" finds "Nguyễn Văn An"). The answer keeps the register's order, oldest first,
 * and its cursor: each word of a name is in one of two indexes, in date order per word (the
 * public tokens of the published name, and the donor's own words the published name lacks), and
 * a page is the merge of the ranges of the tokens `word` begins.
 */

/** A word that begins more tokens than this ("n") is never walked: it is checked on the way. */
export const DONOR_WORD_TOKENS_MAX = 16;
/**
 * Ranges are counted up to the first of these caps that tells the words apart, as the public
 * search does: a common word is never counted far when a rarer one is near.
 */
const DONOR_COUNT_CAPS = [1_000, 4_000, 20_000] as const;
/** The two word indexes, each keyed (fund, token, date, position, donation) for this search. */
const WORD_INDEXES = [
  `${DONATION_NAME_TOKENS_TABLE} t INDEXED BY register_donation_name_tokens_by_token`,
  `${DONATION_DONOR_TOKENS_TABLE} t INDEXED BY register_donation_donor_tokens_by_token`,
] as const;

/** In each word index: the first token at or after `from` and before `to`, one probe. */
export const DONOR_NEXT_TOKEN_SQL = WORD_INDEXES.map((index) => `SELECT t.token FROM ${index} WHERE t.fund_id = ? AND t.token >= ? AND t.token < ? ORDER BY t.token LIMIT 1`);
/** In each word index: a token's entries, counted up to a cap. */
export const DONOR_TOKEN_COUNT_SQL = WORD_INDEXES.map((index) => `SELECT COUNT(*) FROM (SELECT 1 FROM ${index} WHERE t.fund_id = ? AND t.token = ? LIMIT ?)`);

/** [from, to) of the tokens that begin with `word`. */
const prefixRange = (word: string): [string, string] => [word, `${word}\u{10FFFF}`];

/**
 * The tokens of either word index that `word` begins, in order, one index probe each; null when
 * there are more than DONOR_WORD_TOKENS_MAX.
 */
export function donorWordTokens(db: Database.Database, fundId: string, word: string): string[] | null {
  const tokens = new Set<string>();
  for (const sql of DONOR_NEXT_TOKEN_SQL) {
    const next = db.prepare(sql).pluck();
    for (let from = word; ;) {
      const token = next.get(fundId, from, prefixRange(word)[1]) as string | undefined;
      if (token === undefined) break;
      tokens.add(token);
      if (tokens.size > DONOR_WORD_TOKENS_MAX) return null;
      from = `${token}\u0000`;
    }
  }
  return [...tokens].sort();
}

/**
 * The word of the filter to walk, with its tokens: the one with the fewest index entries, counted
 * up to the first cap that some word stays under (the first listed word when every one reaches
 * the last cap); undefined when no word's tokens can be listed.
 */
export function chooseDonorWord(db: Database.Database, fundId: string, words: string[]): { word: string; tokens: string[]; entries: number } | undefined {
  const counts = DONOR_TOKEN_COUNT_SQL.map((sql) => db.prepare(sql).pluck());
  const listed = words.flatMap((word) => {
    const tokens = donorWordTokens(db, fundId, word);
    return tokens === null ? [] : [{ word, tokens }];
  });
  let best: { word: string; tokens: string[]; entries: number } | undefined;
  for (const cap of DONOR_COUNT_CAPS) {
    best = undefined;
    for (const { word, tokens } of listed) {
      // Counting past the fewest entries so far cannot make a word win: stop there.
      const limit = Math.min(cap, best?.entries ?? cap);
      let entries = 0;
      for (const token of tokens) {
        for (const count of counts) if (entries < limit) entries += count.get(fundId, token, limit - entries) as number;
      }
      if (best === undefined || entries < best.entries) best = { word, tokens, entries };
      if (entries === 0) return best;
    }
    if (best !== undefined && best.entries < cap) return best;
  }
  return best;
}

/**
 * The SQL condition that a donation's names have a word beginning with `word`, on a row of
 * register_donations (unqualified: the token index has no such columns).
 */
export function donorWordCondition(word: string): { sql: string; params: SqlParameter[] } {
  // Folded names hold only letters, digits and single spaces, and a word only letters and
  // digits, so '% word%' after a leading space is "some word begins with word", exactly.
  return { sql: "(' ' || donor_name_folded || ' ' || COALESCE(published_name_folded, '')) LIKE ?", params: [`% ${word}%`] };
}

export interface DonorWalk {
  /** The other filters on the register row `d`, and the period on the walked index `t`. */
  conditions: string[];
  params: SqlParameter[];
  fromMs?: number;
  toMs?: number;
  after?: (string | number)[];
  limit: number;
}

/** One token's range in one word index (0: public tokens, 1: the donor's own words), in date order, with every other filter checked on the way. */
export function donorTokenQuery(index: 0 | 1, fundId: string, token: string, walk: DonorWalk): { sql: string; params: SqlParameter[] } {
  const where = ['t.fund_id = ?', 't.token = ?', ...walk.conditions];
  const params: SqlParameter[] = [fundId, token, ...walk.params];
  if (walk.fromMs !== undefined) {
    where.push('t.received_at_ms >= ?');
    params.push(walk.fromMs);
  }
  if (walk.toMs !== undefined) {
    where.push('t.received_at_ms <= ?');
    params.push(walk.toMs);
  }
  if (walk.after) {
    where.push('(t.received_at_ms, t.position) > (?, ?)');
    params.push(...walk.after);
  }
  const sql = `SELECT d.* FROM ${WORD_INDEXES[index]} CROSS JOIN register_donations d ON d.donation_id = t.donation_id
    WHERE ${where.join(' AND ')} ORDER BY t.received_at_ms, t.position LIMIT ${walk.limit + 1}`;
  return { sql, params };
}

/**
 * The first `limit + 1` donations of the walked word, oldest first: each of its tokens' first
 * `limit + 1` matches, merged by (date, position), a donation reached by two tokens kept once.
 */
export function walkDonorWord<T extends RegisterRow & { received_at_ms: number; position: number }>(
  db: Database.Database, fundId: string, tokens: string[], walk: DonorWalk,
): T[] {
  const rows = tokens.flatMap((token) => ([0, 1] as const).flatMap((index) => {
    const query = donorTokenQuery(index, fundId, token, walk);
    return registerRows<T>(db, query.sql, query.params);
  }));
  rows.sort((a, b) => a.received_at_ms - b.received_at_ms || a.position - b.position);
  return rows.filter((row, i) => i === 0 || row.position !== rows[i - 1].position).slice(0, walk.limit + 1);
}
