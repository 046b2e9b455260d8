import { foldText } from '../src/domain/shared/fold';
import type { ProjectedEvent } from './projection';

/**
 * A value a read-model column holds. Money is an INTEGER of whole VND, handed over as a BigInt
 * (never a JS number), or a decimal string; other integers (positions, epoch ms, flags) are numbers.
 */
export type RowValue = string | number | bigint | null;

/**
 * One change to one row, as a pure table projection describes it. `upsert` inserts the row or
 * overwrites the given columns of the row with the same key; `update` changes the given columns
 * of an existing row (the runner asserts it exists).
 */
export interface RowChange {
  table: string;
  op: 'upsert' | 'update';
  key: Record<string, RowValue>;
  values: Record<string, RowValue>;
}

/** A row inserted, or the given columns of the row with this key overwritten. */
export function upsertRow(table: string, key: RowChange['key'], values: RowChange['values']): RowChange {
  return { table, op: 'upsert', key, values };
}

/** The given columns of an existing row changed. */
export function updateRow(table: string, key: RowChange['key'], values: RowChange['values']): RowChange {
  return { table, op: 'update', key, values };
}

export interface TableIndex {
  name: string;
  columns: string[];
}

export interface TableSchema {
  name: string;
  /** Column name → SQLite type with constraints, e.g. `TEXT NOT NULL`. */
  columns: Record<string, string>;
  primaryKey: string[];
  indexes: TableIndex[];
  /**
   * Stored in the order of its primary key (SQLite's WITHOUT ROWID): one B-tree entry per row
   * instead of two (the row under its rowid, and the key's index). For small rows that are
   * mostly key, such as a word index; every key column must be NOT NULL.
   */
  storedInKeyOrder?: boolean;
}

/**
 * A read model too large for JSON state (registers of a million donations): a pure function per
 * event that answers the row changes it causes. The runner applies them to SQLite tables and
 * saves its checkpoint in the same transaction. `apply` never reads a clock, a table or a file;
 * what it needs to know about earlier events travels in the event itself. Bumping `version`
 * drops and rebuilds the projection's tables from the start of the log.
 */
export interface TableProjection {
  name: string;
  version: number;
  tables: TableSchema[];
  apply(event: ProjectedEvent): RowChange[];
}

/** Milliseconds since the epoch of an ISO timestamp with offset: the column we compare and index. */
export function epochMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return ms;
}

/**
 * Whole VND for an INTEGER column, as a BigInt: exact at any size SQLite's 64-bit integers hold
 * (every entry is at most 10^15 VND). Registers read money back as BigInt too (safeIntegers).
 */
export function vndInteger(amount: string): bigint {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(amount)) throw new Error(`VND amount ${amount} is not a whole number of dong`);
  return BigInt(amount);
}

/**
 * A name folded for search: Unicode NFD, combining marks stripped, đ → d, lowercase, spaces
 * collapsed. "Nguyễn Văn Đức" and "nguyen van duc" fold to the same text.
 */
export function foldName(name: string): string {
  return foldText(name);
}

/** The words of a folded name, each indexed so a name fragment is found by a range on the index. */
export function nameTokens(name: string): string[] {
  return foldedNameTokens(foldName(name));
}

/** The words of a name already folded by foldName. */
export function foldedNameTokens(folded: string): string[] {
  return [...new Set(folded.split(' ').filter((word) => word.length > 0))];
}
