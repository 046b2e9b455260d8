import type Database from 'better-sqlite3';
import { type CursorKeys, encodeCursor } from './cursor';
import { registerRows, type RegisterRow } from './register-rows';
import { SqlWhere } from './where';

/** A page of a list and the cursor of the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** The log position the page reflects. */
  position: number;
  limit: number;
}

/** Cuts the `limit + 1` rows a keyset query fetched into a page and the cursor of the next one. */
export function toPage<Row, T>(rows: Row[], limit: number, position: number, keysOf: (row: Row) => CursorKeys, present: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(present), nextCursor: more ? encodeCursor(keysOf(shown[shown.length - 1])) : null, position, limit };
}

/**
 * The one keyset pager of the registers: a fund's rows of `table`, oldest first by (dateColumn,
 * position), `limit + 1` of them after the cursor, so the page's end tells whether more follow.
 * The caller adds its filters to `where`.
 */
export class KeysetQuery {
  readonly where: SqlWhere;

  /** `extra`: further columns of each row, SQL expressions that may name the table's row as `t`. */
  constructor(readonly table: string, readonly dateColumn: string, fundId: string, readonly extra: string = '') {
    this.where = new SqlWhere().add('fund_id = ?', fundId);
  }

  /** The page's rows: those after `cursor` (its keys are the date and the position of the last row shown). */
  rows<Row extends RegisterRow>(db: Database.Database, cursor: CursorKeys | undefined, limit: number): Row[] {
    const where = this.where.after([this.dateColumn, 'position'], cursor);
    const columns = this.extra === '' ? '*' : `t.*, ${this.extra}`;
    return registerRows<Row>(db, `SELECT ${columns} FROM ${this.table} t WHERE ${where.sql} ORDER BY ${this.dateColumn}, position LIMIT ${limit + 1}`, where.params);
  }
}
