import type { EventMetadata, EventStore, JsonObject } from '../event-store/event-store.port';
import { canonicalJson } from '../shared/canonical-json';
import { hasGlobalLink, readLog } from './global-chain';

/** One stored event as the journal shows it: everything an auditor needs to re-hash it. */
export interface JournalEntry {
  position: number;
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  previousHash: string;
  hash: string;
  /** Only on backends that keep a global chain (SQLite). */
  globalPreviousHash?: string;
  globalHash?: string;
}

export type JournalFormat = 'ndjson' | 'csv';
export const JOURNAL_FORMATS: readonly JournalFormat[] = ['ndjson', 'csv'];

export interface JournalRange {
  /** Inclusive. Default: the start of the log. */
  fromPosition?: number;
  /** At most this many events. Default: to the end of the log. */
  limit?: number;
}

export const CSV_COLUMNS = [
  'position', 'streamId', 'revision', 'eventId', 'type', 'data', 'metadata', 'previousHash', 'hash', 'globalPreviousHash', 'globalHash',
] as const;

/** Lines are gathered into chunks of about this size: fewer, larger writes, memory still bounded. */
const CHUNK_CHARS = 64 * 1024;

/** The journal in position order, read page by page: memory does not grow with the log. */
export async function* journalEntries(store: EventStore, range: JournalRange = {}): AsyncGenerator<JournalEntry> {
  const afterPosition = Math.max(0, (range.fromPosition ?? 0) - 1);
  for await (const event of readLog(store, { afterPosition, maxCount: range.limit })) {
    const entry: JournalEntry = {
      position: event.position, streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type,
      data: event.data, metadata: event.metadata, previousHash: event.previousHash, hash: event.hash,
    };
    if (hasGlobalLink(event)) {
      entry.globalPreviousHash = event.globalPreviousHash;
      entry.globalHash = event.globalHash;
    }
    yield entry;
  }
}

export function ndjsonLine(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\n`;
}

/** data and metadata are written as canonical JSON (RFC 8785), exactly what the hash covers. */
export function csvLine(entry: JournalEntry): string {
  const row = CSV_COLUMNS.map((column) => {
    if (column === 'data' || column === 'metadata') return csvField(canonicalJson(entry[column]));
    return csvField(entry[column]);
  });
  return `${row.join(',')}\n`;
}

/**
 * The journal as text chunks in the given format. `onEntry` sees each entry as it passes (for
 * progress). Pulled one chunk at a time, so a slow reader holds the log reader back instead of
 * letting lines pile up in memory.
 */
export async function* journalText(
  store: EventStore,
  format: JournalFormat,
  range: JournalRange = {},
  onEntry?: (entry: JournalEntry) => void,
): AsyncGenerator<string> {
  let chunk = format === 'csv' ? csvHeader() : '';
  for await (const entry of journalEntries(store, range)) {
    chunk += format === 'csv' ? csvLine(entry) : ndjsonLine(entry);
    onEntry?.(entry);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
