import type Database from 'better-sqlite3';

/**
 * The one token-search planner, shared by the public donation search and the register's donor
 * filter. A name is stored as its folded words (tokens) in token indexes keyed (fund, token,
 * date, position); a word of a query finds the names with a word it begins. Both searches list
 * the tokens each query word begins (a handful of index probes), then walk the index range that
 * is shortest, counted cheaply up to a cap, and check every other filter on the way.
 */

/**
 * A word that begins more tokens than this ("n", "th") is never walked token by token: its
 * tokens would each cost a probe and a range. Such a short word is still checked on the way.
 */
export const WORD_TOKENS_MAX = 16;

/**
 * A range is counted up to the first of these caps that tells the candidates apart: cheap at any
 * size (an index-only walk of at most the cap), and precise where it matters, e.g. a given name
 * among common surnames and middle names.
 */
export const RANGE_COUNT_CAPS = [1_000, 4_000, 20_000] as const;

/**
 * The SQL condition that some word of the folded text `folded` (an SQL expression) begins with
 * `word`, and its parameter. Folded names hold only letters, digits and single spaces, and a
 * search word only letters and digits, so "% word%" after a leading space is exactly "some word
 * begins with word": the prefix range of that text's tokens. NULL text has no word.
 */
export function wordBeginsCondition(folded: string, word: string): { sql: string; params: [string] } {
  return { sql: `(' ' || ${folded}) LIKE ?`, params: [`% ${word}%`] };
}

/** [from, to) of the tokens that begin with `word`. */
export const prefixRange = (word: string): [string, string] => [word, `${word}\u{10FFFF}`];

/** In a token index (aliased `t`): the first token at or after `from` and before `to`, one probe. */
export const nextTokenSql = (index: string): string =>
  `SELECT t.token FROM ${index} WHERE t.fund_id = ? AND t.token >= ? AND t.token < ? ORDER BY t.token LIMIT 1`;

/**
 * The tokens of the fund that `word` begins in any of `indexes` (each aliased `t`), in order, one
 * probe per token; null when there are more than `max`. With `withWord`, the word itself is
 * always among them (and counts toward `max`), so a list is never empty.
 */
export function tokensBegunBy(
  db: Database.Database, indexes: readonly string[], fundId: string, word: string, max: number, withWord: boolean,
): string[] | null {
  const tokens = new Set<string>(withWord ? [word] : []);
  const end = prefixRange(word)[1];
  for (const index of indexes) {
    const next = db.prepare(nextTokenSql(index)).pluck();
    for (let from = word; ;) {
      const token = next.get(fundId, from, end) as string | undefined;
      if (token === undefined) break;
      tokens.add(token);
      if (tokens.size > max) return null;
      // The smallest text after `token`: the next probe starts past it.
      from = `${token}\u0000`;
    }
  }
  return [...tokens].sort();
}

/**
 * The candidate with the shortest range: ranges are counted up to the first cap of
 * RANGE_COUNT_CAPS that some candidate stays under; when every one reaches the last cap, the
 * first candidate (the preferred one) with the last cap as its count. Counting stops at the
 * shortest range so far (going past it cannot make a candidate win), and at an empty range.
 * Undefined only when there is no candidate.
 */
export function shortestRange<T>(candidates: readonly T[], count: (candidate: T, cap: number) => number): { candidate: T; count: number } | undefined {
  let best: { candidate: T; count: number } | undefined;
  for (const cap of RANGE_COUNT_CAPS) {
    best = undefined;
    for (const candidate of candidates) {
      const counted = count(candidate, Math.min(cap, best?.count ?? cap));
      if (best === undefined || counted < best.count) best = { candidate, count: counted };
      if (counted === 0) return best;
    }
    if (best !== undefined && best.count < cap) return best;
  }
  return best;
}
