import canonicalize from 'canonicalize';

/**
 * Canonical JSON (RFC 8785) byte for byte as the `canonicalize` package (2.1.0) writes it, which
 * is what every hash in existing logs was computed over, at a fraction of its cost (the package
 * builds each object with `reduce` and template strings, sorts every key list, and
 * JSON.stringify's every key: about 30 µs for a donation event, the largest CPU item of a bulk
 * append after SQLite itself).
 *
 * The fast path knows only what stored events are made of: null, booleans, finite numbers,
 * strings, arrays and objects (plus `toJSON`, which the package honours, and `undefined` inside
 * objects and arrays, which it drops and writes as null). Anything else (a function, a symbol, a
 * bigint, NaN, ±Infinity) sends the whole value to the package, so its output or its error is
 * exactly the package's. test/event-store/canonical-json.test.ts checks the equality over random
 * values.
 */
export function canonicalJson(value: unknown): string | undefined {
  try {
    return write(value);
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    return canonicalize(value);
  }
}

/** Thrown inside the fast path for a value it does not know; never escapes this module. */
const UNKNOWN_SHAPE = Symbol('unknown shape');

/** The key order and the written keys (`"key":`) of an object shape, by its keys joined. */
interface Shape {
  keys: string[];
  order: string[];
  prefixes: string[];
}

const SHAPES = new Map<string, Shape>();
/** Events come in a few dozen shapes; the bound only guards against a stream of odd ones. */
const MAX_SHAPES = 4_096;

function write(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw UNKNOWN_SHAPE;
      return JSON.stringify(value);
    case 'object':
      return writeObject(value as object);
    default:
      throw UNKNOWN_SHAPE;
  }
}

function writeObject(object: object): string {
  const toJson = (object as { toJSON?: unknown }).toJSON;
  if (toJson instanceof Function) return write((object as { toJSON(): unknown }).toJSON());
  if (Array.isArray(object)) return writeArray(object);
  const keys = Object.keys(object);
  const shape = shapeOf(keys);
  const record = object as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (let index = 0; index < shape.order.length; index++) {
    const field = record[shape.order[index]];
    if (field === undefined) continue;
    // The package writes no member for an undefined value; a symbol it drops too.
    if (typeof field === 'symbol') throw UNKNOWN_SHAPE;
    out += first ? shape.prefixes[index] : `,${shape.prefixes[index]}`;
    out += write(field);
    first = false;
  }
  return `${out}}`;
}

function writeArray(array: unknown[]): string {
  let out = '[';
  for (let index = 0; index < array.length; index++) {
    if (index > 0) out += ',';
    const element = array[index];
    if (element !== undefined) out += write(element);
    // The package's reduce skips holes, so a sparse array is its business.
    else if (index in array) out += 'null';
    else throw UNKNOWN_SHAPE;
  }
  return `${out}]`;
}

function shapeOf(keys: string[]): Shape {
  // "\u0000" may occur in a key, so the joined string can name two key lists: the cached entry
  // is used only when its keys are these keys.
  const id = keys.join('\u0000');
  const cached = SHAPES.get(id);
  if (cached !== undefined && sameKeys(cached.keys, keys)) return cached;
  // Array.prototype.sort compares UTF-16 code units, which is RFC 8785's order and the package's.
  const order = [...keys].sort();
  const shape: Shape = { keys, order, prefixes: order.map((key) => `${JSON.stringify(key)}:`) };
  if (cached === undefined) {
    if (SHAPES.size >= MAX_SHAPES) SHAPES.clear();
    SHAPES.set(id, shape);
  }
  return shape;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
