import type { SqlParameter } from './register-rows';

/**
 * The one where-builder of the read side: conditions joined by AND, each with its parameters in
 * the order its placeholders appear. Table and column names come from the read side's own code,
 * never from a request; every value a request gives is bound as a parameter.
 */
export class SqlWhere {
  readonly conditions: string[] = [];
  readonly params: SqlParameter[] = [];

  add(condition: string, ...values: SqlParameter[]): this {
    this.conditions.push(condition);
    this.params.push(...values);
    return this;
  }

  /** `column` within [fromMs, toMs], each bound optional. */
  period(column: string, fromMs: number | undefined, toMs: number | undefined): this {
    if (fromMs !== undefined) this.add(`${column} >= ?`, fromMs);
    if (toMs !== undefined) this.add(`${column} <= ?`, toMs);
    return this;
  }

  /**
   * Rows after a keyset cursor, in the order of `columns`: one row-value comparison, which SQLite
   * walks as a range of an index keyed by those columns (no row before the cursor is visited).
   */
  after(columns: readonly string[], keys: readonly SqlParameter[] | undefined): this {
    if (keys === undefined) return this;
    if (keys.length !== columns.length) throw new Error(`a cursor of ${keys.length} keys for ${columns.length} columns`);
    return this.add(`(${columns.join(', ')}) > (${placeholders(keys)})`, ...keys);
  }

  get sql(): string {
    return this.conditions.join(' AND ');
  }
}

/** `?, ?, …`, one per value. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');
