import type Database from 'better-sqlite3';
import {
  DONATION_DONOR_TOKENS_TABLE, DONATION_NAME_TOKENS_TABLE, DONATIONS_TABLE, DONOR_TOKENS_KEY, NAME_TOKENS_KEY,
} from '../../projections/donation-register.projection';
import { registerRow, registerRows, type RegisterRow, type SqlParameter } from './sql/register-rows';
import { SqlWhere } from './sql/where';
import { nextTokenSql, shortestRange, tokensBegunBy, WORD_TOKENS_MAX, wordBeginsCondition } from './token-search';

/**
 * The authenticated register's donor filter: each word of `?donor=` must begin a word of the
 * donor's own name or of the published name, diacritics and case ignored, in any order
 * ("nguyen van" finds "Nguyễn Văn An"). The answer keeps the register's order, oldest first,
 * and its cursor: each word of a name is in one of two indexes, in date order per word (the
 * public tokens of the published name, and the donor's own words the published name lacks), and
 * a page is the merge of the ranges of the tokens `word` begins. The planning (which tokens a
 * word begins, which word's range is shortest) is the public search's: see token-search.ts.
 */

/** The two word tables, each walked by its key (fund, token, date, position, donation). */
const WORD_INDEXES = [
  `${DONATION_NAME_TOKENS_TABLE} t INDEXED BY ${NAME_TOKENS_KEY}`,
  `${DONATION_DONOR_TOKENS_TABLE} t INDEXED BY ${DONOR_TOKENS_KEY}`,
] as const;

/** In each word index: the first token at or after `from` and before `to`, one probe. */
export const DONOR_NEXT_TOKEN_SQL = WORD_INDEXES.map(nextTokenSql);
/** In each word index: a token's entries, counted up to a cap. */
export const DONOR_TOKEN_COUNT_SQL = WORD_INDEXES.map((index) => `SELECT COUNT(*) FROM (SELECT 1 FROM ${index} WHERE t.fund_id = ? AND t.token = ? LIMIT ?)`);

/**
 * The word of the filter to walk, with its tokens: the one with the fewest index entries (see
 * shortestRange); undefined when no word's tokens can be listed (each begins too many).
 */
export function chooseDonorWord(db: Database.Database, fundId: string, words: string[]): { word: string; tokens: string[]; entries: number } | undefined {
  const counts = DONOR_TOKEN_COUNT_SQL.map((sql) => db.prepare(sql).pluck());
  const listed = words.flatMap((word) => {
    const tokens = tokensBegunBy(db, WORD_INDEXES, fundId, word, WORD_TOKENS_MAX, false);
    return tokens === null ? [] : [{ word, tokens }];
  });
  const shortest = shortestRange(listed, ({ tokens }, limit) => {
    let entries = 0;
    for (const token of tokens) {
      for (const count of counts) if (entries < limit) entries += count.get(fundId, token, limit - entries) as number;
    }
    return entries;
  });
  return shortest && { ...shortest.candidate, entries: shortest.count };
}

/**
 * The SQL condition that a donation's names have a word beginning with `word`, on a row of
 * register_donations (unqualified: the token index has no such columns).
 */
export function donorWordCondition(word: string): { sql: string; params: SqlParameter[] } {
  return wordBeginsCondition("donor_name_folded || ' ' || COALESCE(published_name_folded, '')", word);
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
  const where = new SqlWhere().add('t.fund_id = ?', fundId).add('t.token = ?', token);
  for (const condition of walk.conditions) where.add(condition);
  where.params.push(...walk.params);
  where.period('t.received_at_ms', walk.fromMs, walk.toMs).after(['t.received_at_ms', 't.position'], walk.after);
  const sql = `SELECT d.* FROM ${WORD_INDEXES[index]} CROSS JOIN ${DONATIONS_TABLE} d ON d.fund_id = t.fund_id AND d.donation_id = t.donation_id
    WHERE ${where.sql} ORDER BY t.received_at_ms, t.position LIMIT ${walk.limit + 1}`;
  return { sql, params: where.params };
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

/** Whether the campaign's or the amount's index range is shorter than `entries`, counted no further than that. */
export function shorterFilterRange(db: Database.Database, fundId: string, filters: { campaignId?: string; amount?: bigint }, entries: number): boolean {
  const ranges: [string, string, SqlParameter][] = [];
  if (filters.campaignId !== undefined) ranges.push(['register_donations_by_campaign', 'campaign_id', filters.campaignId]);
  if (filters.amount !== undefined) ranges.push(['register_donations_by_amount', 'amount_vnd', filters.amount]);
  return ranges.some(([index, column, value]) => {
    const counted = registerRow<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${DONATIONS_TABLE} INDEXED BY ${index}
      WHERE fund_id = ? AND ${column} = ? LIMIT ${entries})`, [fundId, value]);
    return Number(counted?.n ?? 0) < entries;
  });
}
