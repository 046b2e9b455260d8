import { createHash, type Hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * Canonical JSON (RFC 8785, JCS): the one serialisation every hash of the ledger is computed over
 * (the hash chain of the log, projection state hashes, report hashes, request hashes). Two
 * variants, one name each:
 *
 * - canonicalJson(value): the canonical text;
 * - canonicalJsonSha256(value): hex(sha256(utf8(canonical text))), fed to the hash in pieces, so a
 *   report of a million rows or a large projection state is hashed without its whole text at once.
 *
 * Both are byte for byte what the `canonicalize` package (2.1.0) writes, which is what every hash
 * in existing logs was computed over, at a fraction of its cost (the package builds each object
 * with `reduce` and template strings, sorts every key list, and JSON.stringify's every key: about
 * 30 µs for a donation event, the largest CPU item of a bulk append after SQLite itself).
 *
 * The fast path knows only what stored events are made of: null, booleans, finite numbers,
 * strings, arrays and objects (plus `toJSON`, which the package honours, and `undefined` inside
 * objects and arrays, which it drops and writes as null). Anything else (a function, a symbol, a
 * bigint, NaN, ±Infinity) sends the whole value to the package, so its output or its error is
 * exactly the package's. test/shared/canonical-json.test.ts checks the equality over random values.
 */

/** Thrown where the package has no canonical form for the value (undefined, a function, a symbol). */
export class NoCanonicalJsonError extends TypeError {
  constructor() {
    super('The value has no canonical JSON form');
    this.name = 'NoCanonicalJsonError';
  }
}

/** RFC 8785 canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  let json: string | undefined;
  try {
    json = write(value);
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    json = canonicalize(value);
  }
  if (json === undefined) throw new NoCanonicalJsonError();
  return json;
}

/** hex(sha256(utf8(canonical JSON of `value`))), hashed in pieces of about 64 KiB. */
export function canonicalJsonSha256(value: unknown): string {
  const hash = createHash('sha256');
  const sink = new HashSink(hash);
  try {
    writeInPieces(value, sink, 0);
  } catch (error) {
    if (error !== UNKNOWN_SHAPE) throw error;
    // The package's answer or its error, whole: nothing streamed so far is kept.
    return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
  }
  sink.flush();
  return hash.digest('hex');
}

/** Thrown inside the fast path for a value it does not know; never escapes this module. */
const UNKNOWN_SHAPE = Symbol('unknown shape');

/** The key order and the written keys (`"key":`) of an object shape, by its keys joined. */
interface Shape {
  keys: string[];
  order: string[];
  prefixes: string[];
}

/** Shapes by number of keys, then by first key: found by comparing key lists, without building a string per object. */
const SHAPES = new Map<number, Map<string, Shape[]>>();
let shapeCount = 0;
/** Events come in a few dozen shapes; the bound only guards against a stream of odd ones. */
const MAX_SHAPES = 4_096;
/** Shapes kept with the same number of keys and the same first key. */
const SHAPES_PER_BUCKET = 16;

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
  let byFirstKey = SHAPES.get(keys.length);
  if (byFirstKey === undefined) {
    byFirstKey = new Map();
    SHAPES.set(keys.length, byFirstKey);
  }
  // An object without keys is filed under "": its only shape is the empty one.
  const first = keys.length === 0 ? '' : keys[0];
  let shapes = byFirstKey.get(first);
  if (shapes !== undefined) {
    for (let index = 0; index < shapes.length; index++) if (sameKeys(shapes[index].keys, keys)) return shapes[index];
  } else {
    shapes = [];
    byFirstKey.set(first, shapes);
  }
  // Array.prototype.sort compares UTF-16 code units, which is RFC 8785's order and the package's.
  const order = [...keys].sort();
  const shape: Shape = { keys, order, prefixes: order.map((key) => `${JSON.stringify(key)}:`) };
  // Records keyed by ids (a state's map of pools or funds) make a new key list each: a full
  // bucket is searched, never grown, so a lookup stays a few comparisons.
  if (shapes.length >= SHAPES_PER_BUCKET) return shape;
  if (shapeCount >= MAX_SHAPES) {
    SHAPES.clear();
    shapeCount = 0;
    SHAPES.set(keys.length, new Map([[first, [shape]]]));
  } else {
    shapes.push(shape);
  }
  shapeCount += 1;
  return shape;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Containers this close to the top are written member by member into the sink; deeper values are
 * written whole by `write`. Two levels cover a report (rows of an array member) and a projection
 * state (entries of a map member) while keeping each piece small.
 */
const DEPTH_WRITTEN_IN_PIECES = 2;

/** The same output as `write`, with the top levels handed to the sink a member at a time. */
function writeInPieces(value: unknown, sink: HashSink, depth: number): void {
  if (depth >= DEPTH_WRITTEN_IN_PIECES || typeof value !== 'object' || value === null) {
    sink.add(write(value));
    return;
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (toJson instanceof Function) {
    writeInPieces((value as { toJSON(): unknown }).toJSON(), sink, depth);
    return;
  }
  if (Array.isArray(value)) {
    writeArrayInPieces(value, sink, depth);
    return;
  }
  const shape = shapeOf(Object.keys(value));
  const record = value as Record<string, unknown>;
  sink.add('{');
  let first = true;
  for (let index = 0; index < shape.order.length; index++) {
    const field = record[shape.order[index]];
    if (field === undefined) continue;
    if (typeof field === 'symbol') throw UNKNOWN_SHAPE;
    sink.add(first ? shape.prefixes[index] : `,${shape.prefixes[index]}`);
    writeInPieces(field, sink, depth + 1);
    first = false;
  }
  sink.add('}');
}

function writeArrayInPieces(array: unknown[], sink: HashSink, depth: number): void {
  sink.add('[');
  for (let index = 0; index < array.length; index++) {
    if (index > 0) sink.add(',');
    if (array[index] !== undefined) writeInPieces(array[index], sink, depth + 1);
    else if (index in array) sink.add('null');
    else throw UNKNOWN_SHAPE;
  }
  sink.add(']');
}

/** Collects pieces and hands them to the hash about 64 KiB at a time: fewer, larger updates. */
class HashSink {
  private pieces: string[] = [];
  private length = 0;

  constructor(private readonly hash: Hash) {}

  add(piece: string): void {
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.length >= 65_536) this.flush();
  }

  flush(): void {
    this.hash.update(this.pieces.join(''), 'utf8');
    this.pieces = [];
    this.length = 0;
  }
}
