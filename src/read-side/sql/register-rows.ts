import type Database from 'better-sqlite3';

/**
 * Reading the registers without ever holding money in a JS number.
 *
 * The register tables keep whole-dong amounts in INTEGER columns. Every statement here runs with
 * `safeIntegers(true)`, so SQLite hands back each integer as a BigInt, exactly; money columns
 * (and sums of them, which SQLite adds as exact 64-bit integers and refuses with "integer
 * overflow" rather than round) become decimal strings, ready for decimal.js. Other integers
 * (positions, epoch milliseconds, 0/1 flags, counts) become numbers, after checking that they
 * are exact. Parameters may be BigInt too: an amount to match is bound as one.
 */

/** Register columns holding whole VND, plus the aliases this module's sums use. */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(['amount_vnd', 'amount', 'spent', 'returned', 'total_vnd', 'withheld', 'given_back']);

export type SqlParameter = string | number | bigint | null;
/** Positional parameters, or one object of named ones (`@name` in the SQL). */
export type SqlParameters = SqlParameter[] | [Record<string, SqlParameter>];
/** A row as read: money as a decimal string, other integers as numbers. */
export type RegisterRow = Record<string, string | number | null>;

type Converter = (values: unknown[]) => RegisterRow;

/** Turns a raw row (an array, in the statement's column order) into an object, money as decimal strings. */
function converterFor(statement: Database.Statement, money: ReadonlySet<string>): Converter {
  const columns = statement.columns().map((column) => column.name);
  const isMoney = columns.map((column) => money.has(column));
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  const min = BigInt(Number.MIN_SAFE_INTEGER);
  return (values) => {
    const out: RegisterRow = {};
    for (let i = 0; i < columns.length; i += 1) {
      const value = values[i];
      if (typeof value === 'bigint') {
        if (isMoney[i]) {
          out[columns[i]] = value.toString();
        } else {
          if (value > max || value < min) throw new RangeError(`register column ${columns[i]} holds ${value}, beyond exact JS integers`);
          out[columns[i]] = Number(value);
        }
      } else if (isMoney[i] && typeof value === 'number') {
        // A REAL in a money column would be a bug of the projection; never pass it on silently.
        throw new TypeError(`register money column ${columns[i]} holds a non-integer ${value}`);
      } else {
        out[columns[i]] = value as string | null;
      }
    }
    return out;
  };
}

/** Rows come back as arrays (raw) with every integer a BigInt (safeIntegers). */
function prepare(db: Database.Database, sql: string): Database.Statement {
  return db.prepare(sql).safeIntegers(true).raw(true);
}

/** Every row of a query, money as decimal strings. For results bounded by a page or a group count. */
export function registerRows<T extends RegisterRow = RegisterRow>(
  db: Database.Database, sql: string, params: SqlParameters = [], money: ReadonlySet<string> = MONEY_COLUMNS,
): T[] {
  const statement = prepare(db, sql);
  const convert = converterFor(statement, money);
  return (statement.all(...params) as unknown[][]).map((values) => convert(values) as T);
}

/** One row, or undefined. */
export function registerRow<T extends RegisterRow = RegisterRow>(
  db: Database.Database, sql: string, params: SqlParameters = [], money: ReadonlySet<string> = MONEY_COLUMNS,
): T | undefined {
  const statement = prepare(db, sql);
  const values = statement.get(...params) as unknown[] | undefined;
  return values === undefined ? undefined : (converterFor(statement, money)(values) as T);
}

/** Rows one at a time, for results that may be as large as the register itself. */
export function* iterateRegisterRows<T extends RegisterRow = RegisterRow>(
  db: Database.Database, sql: string, params: SqlParameters = [], money: ReadonlySet<string> = MONEY_COLUMNS,
): Generator<T> {
  const statement = prepare(db, sql);
  const convert = converterFor(statement, money);
  for (const values of statement.iterate(...params) as IterableIterator<unknown[]>) yield convert(values) as T;
}
