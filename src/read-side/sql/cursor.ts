import { ReadArgumentError } from '../../reports/report-period';

/**
 * The one cursor codec of the read side. A cursor is opaque to clients: the keyset of the last
 * row of a page (and, for a search, the index it walked), as base64url JSON.
 */
export type CursorKeys = (string | number)[];

const NOT_A_CURSOR = 'is not a cursor this list gave out';
const MAX_CURSOR_LENGTH = 600;

export function encodeCursor(keys: CursorKeys): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

/**
 * The keys of an opaque cursor, whatever their shape.
 * @throws ReadArgumentError naming `field` when it is not one
 */
export function decodeCursorKeys(raw: unknown, field = 'cursor'): unknown[] {
  const invalid = new ReadArgumentError(field, NOT_A_CURSOR);
  if (typeof raw !== 'string' || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid;
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(keys)) throw invalid;
  return keys;
}

/** Whether `keys` has exactly this shape of strings and numbers. */
export function hasShape(keys: readonly unknown[], shape: readonly ('string' | 'number')[]): keys is CursorKeys {
  return keys.length === shape.length && keys.every((key, i) => typeof key === shape[i]);
}

/**
 * A cursor of a list whose keys have this shape; undefined when absent.
 * @throws ReadArgumentError naming `cursor` when it is not one this list gave out
 */
export function decodeCursor(raw: unknown, shape: readonly ('string' | 'number')[]): CursorKeys | undefined {
  if (raw === undefined) return undefined;
  const keys = decodeCursorKeys(raw);
  if (!hasShape(keys, shape)) throw new ReadArgumentError('cursor', NOT_A_CURSOR);
  return keys;
}

/** A cursor of a list whose rows are keyed by two whole numbers, tagged with the list it belongs to. */
export function encodeRowKeyCursor(list: string, key: readonly [number, number]): string {
  return encodeCursor([list, key[0], key[1]]);
}

/**
 * The row key of a cursor encodeRowKeyCursor gave out for `list`; undefined when absent.
 * @throws ReadArgumentError naming `cursor` when it is not one of this list
 */
export function decodeRowKeyCursor(raw: unknown, list: string): readonly [number, number] | undefined {
  if (raw === undefined) return undefined;
  const keys = decodeCursorKeys(raw);
  if (!hasShape(keys, ['string', 'number', 'number']) || keys[0] !== list || !keys.slice(1).every((key) => Number.isSafeInteger(key) && Number(key) >= 0)) {
    throw new ReadArgumentError('cursor', NOT_A_CURSOR);
  }
  return [Number(keys[1]), Number(keys[2])];
}
