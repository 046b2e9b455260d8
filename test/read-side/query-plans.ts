import type Database from 'better-sqlite3';
import {
  candidateDrivers, driverCountQuery, nameWordTokens, publicDonationQuery, type PublicDonationFilters, type PublicDriver,
} from '../../src/read-side/public-queries';
import { registerRows, type SqlParameter } from '../../src/read-side/sql/register-rows';

export function queryPlan(db: Database.Database, sql: string, params: SqlParameter[]): string[] {
  return registerRows<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${sql}`, params).map((row) => String(row.detail));
}

export interface DriverPlans {
  driver: string;
  count: string[];
  firstPage: string[];
  nextPage: string[];
}

const describeDriver = (driver: PublicDriver) => (driver.kind === 'pair' ? `pair:${driver.words.join(' ')}` : driver.kind === 'name' ? `name:${driver.word}` : driver.kind);

const nextPageCursor = (driver: PublicDriver, filters: PublicDonationFilters): (string | number)[] => {
  if (driver.kind === 'pair') return [filters.wordTokens?.[driver.words[0]]?.[0] ?? driver.words[0], driver.words[1], 1, 1];
  return driver.kind === 'name' ? [driver.word, 1, 1] : [1, 1];
};

/**
 * Every query a public search can run for these filters: each candidate driver's count, first
 * page and next page. The words' token lists are looked up as the route does, so pairs of words
 * are among the candidates.
 */
export function publicSearchPlans(db: Database.Database, search: PublicDonationFilters): DriverPlans[] {
  const filters = { ...search, wordTokens: search.wordTokens ?? nameWordTokens(db, search.fundId, search.nameWords) };
  return candidateDrivers(filters).map((driver) => {
    const count = driverCountQuery(driver, filters);
    const first = publicDonationQuery(filters, driver);
    const next = publicDonationQuery(filters, driver, nextPageCursor(driver, filters));
    return {
      driver: describeDriver(driver), count: queryPlan(db, count.sql, count.params),
      firstPage: queryPlan(db, first.sql, first.params), nextPage: queryPlan(db, next.sql, next.params),
    };
  });
}

/** What a plan must not do: scan a table (a SCAN without an index) or sort (a temporary B-tree). */
export function planProblems(plan: string[]): string[] {
  return plan.filter((detail) => /^SCAN (?!\(subquery-\d+\))(?!.*\bUSING\b)/.test(detail) || /TEMP B-TREE/.test(detail));
}

export function usesIndexes(plan: string[]): boolean {
  return plan.some((detail) => /USING (COVERING )?INDEX|USING PRIMARY KEY|USING INTEGER PRIMARY KEY/.test(detail));
}
