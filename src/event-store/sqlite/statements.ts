import type Database from 'better-sqlite3';
import type { StreamHead } from '../append-rules';
import type { EventRow, GlobalEventRow } from './event-rows';

/** The last event of the whole log as seen inside the current write transaction. */
export interface LogHead {
  position: number;
  globalHash: string;
}

/**
 * An events row in the order of insertEvent's columns: position, stream id, revision, event id,
 * type, data, metadata, idempotency key, previous hash, hash, global previous hash, global hash.
 * Bound by place rather than by name: an append binds one per event.
 */
export type InsertEventParams = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  idempotencyKey: string | null,
  previousHash: string,
  hash: string,
  globalPreviousHash: string,
  globalHash: string,
];

export type Statements = ReturnType<typeof prepareStatements>;

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash';
const GLOBAL_EVENT_COLUMNS = `${EVENT_COLUMNS}, global_previous_hash, global_hash`;

/** Keys looked up per query by idempotencyKeysUsed: well under SQLite's limit on parameters. */
export const KEYS_PER_LOOKUP = 500;

export function keysUsedSql(count: number): string {
  return `SELECT DISTINCT idempotency_key FROM events WHERE idempotency_key IN (${new Array(count).fill('?').join(', ')})`;
}

const eventsAfter = (columns: string) => `SELECT ${columns} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`;

export type LogReads = ReturnType<typeof prepareLogReads>;

/**
 * The pages of the whole log in position order (readAll, subscriptions catching up, the Merkle
 * tree's hashes), prepared on the connection that reads the log (see openLogReader).
 */
export function prepareLogReads(db: Database.Database) {
  return {
    readAllPage: db.prepare<[number, number, number], EventRow>(eventsAfter(EVENT_COLUMNS)),
    readAllGlobalPage: db.prepare<[number, number, number], GlobalEventRow>(eventsAfter(GLOBAL_EVENT_COLUMNS)),
    readHashesPage: db.prepare<[number, number, number], { position: number; hash: string }>(eventsAfter('position, hash')),
  };
}

/** Every statement the store runs on its writing connection, prepared once. */
export function prepareStatements(db: Database.Database) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT append_events'),
    releaseSavepoint: db.prepare('RELEASE append_events'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO append_events'),
    // The last entry of the UNIQUE(stream_id, revision) index: no scan of the stream.
    streamHead: db.prepare<[string], StreamHead>(
      'SELECT revision, hash, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    logHead: db.prepare<[], LogHead>(
      'SELECT position, global_hash AS globalHash FROM events ORDER BY position DESC LIMIT 1',
    ),
    headPosition: db.prepare<[], { position: number }>('SELECT max(position) AS position FROM events'),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    eventIdExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE event_id = ?'),
    eventById: db.prepare<[string], { streamId: string; revision: number }>(
      'SELECT stream_id AS streamId, revision FROM events WHERE event_id = ?',
    ),
    insertEvent: db.prepare<InsertEventParams>(
      `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key,
         previous_hash, hash, global_previous_hash, global_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readByIdempotencyKey: db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE idempotency_key = ? ORDER BY position`,
    ),
    idempotencyKeysUsed: db.prepare(keysUsedSql(KEYS_PER_LOOKUP)).pluck(),
  };
}
