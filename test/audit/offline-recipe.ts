import { createHash } from 'node:crypto';

/**
 * The auditor's side of the hash recipe, written from the README text alone with node:crypto:
 * nothing here comes from the ledger's code, so agreement means the recipe is complete.
 */

/** RFC 8785 for the JSON the ledger stores (strings, integers, booleans, null, arrays, objects). */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  // Array.prototype.sort without a comparator orders by UTF-16 code units, as RFC 8785 requires.
  return `{${Object.keys(object).sort().map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface JournalLine {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
  previousHash: string;
  hash: string;
  globalPreviousHash?: string;
  globalHash?: string;
}

const GENESIS = '0'.repeat(64);

/** Re-hashes a whole journal from its first event; answers the positions where something does not agree. */
export function recheckJournal(lines: JournalLine[]): number[] {
  const bad: number[] = [];
  const streamHeads = new Map<string, string>();
  let globalPrevious = GENESIS;
  for (const line of lines) {
    const { streamId, revision, eventId, type, data, metadata } = line;
    const hash = sha256(line.previousHash + canonical({ streamId, revision, eventId, type, data, metadata }));
    const linked = line.previousHash === (streamHeads.get(streamId) ?? GENESIS);
    // Only SQLite keeps the global chain; EventStoreDB lines have no global fields.
    const globalLinked = line.globalHash === undefined || (line.globalPreviousHash === globalPrevious && line.globalHash === sha256(globalPrevious + line.hash));
    if (hash !== line.hash || !linked || !globalLinked) bad.push(line.position);
    streamHeads.set(streamId, line.hash);
    globalPrevious = line.globalHash ?? globalPrevious;
  }
  return bad;
}

export function parseNdjson(text: string): JournalLine[] {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as JournalLine);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export function journalFromCsv(text: string): JournalLine[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => {
    const cell = (name: string) => row[header.indexOf(name)];
    return {
      position: Number(cell('position')), streamId: cell('streamId'), revision: Number(cell('revision')), eventId: cell('eventId'),
      type: cell('type'), data: JSON.parse(cell('data')), metadata: JSON.parse(cell('metadata')), previousHash: cell('previousHash'),
      hash: cell('hash'), globalPreviousHash: cell('globalPreviousHash'), globalHash: cell('globalHash'),
    };
  });
}
