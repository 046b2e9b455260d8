/**
 * RFC 8785 (JCS) canonical JSON for the plain data of a report, written piece by piece into a
 * hash, so a report of a million rows is hashed without building its canonical text at once.
 * Within that data (objects, arrays, strings, finite numbers, booleans, null) the output is
 * byte for byte what the `canonicalize` package gives: keys sorted by UTF-16 code units,
 * strings and numbers serialised as ECMAScript JSON.stringify does.
 */
import { createHash, type Hash } from 'node:crypto';

type Sink = (text: string) => void;

function write(value: unknown, sink: Sink): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    sink(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    sink(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    sink('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) sink(',');
      write(value[i], sink);
    }
    sink(']');
    return;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    sink('{');
    for (let i = 0; i < keys.length; i += 1) {
      if (i > 0) sink(',');
      sink(JSON.stringify(keys[i]));
      sink(':');
      write(record[keys[i]], sink);
    }
    sink('}');
    return;
  }
  throw new TypeError(`canonical JSON has no ${typeof value}`);
}

/** The canonical JSON text of plain data (for small values and tests; reports are hashed streaming). */
export function canonicalJsonText(value: unknown): string {
  const parts: string[] = [];
  write(value, (text) => parts.push(text));
  return parts.join('');
}

/** hex(sha256(canonical JSON of `value`)), fed to the hash in pieces of about 64 KiB. */
export function canonicalSha256(value: unknown): string {
  const hash: Hash = createHash('sha256');
  let buffer: string[] = [];
  let length = 0;
  write(value, (text) => {
    buffer.push(text);
    length += text.length;
    if (length >= 65536) {
      hash.update(buffer.join(''), 'utf8');
      buffer = [];
      length = 0;
    }
  });
  hash.update(buffer.join(''), 'utf8');
  return hash.digest('hex');
}
