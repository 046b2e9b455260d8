import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../src/event-store/event-store.errors';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { chainHash, eventHash, GENESIS_HASH } from '../../src/event-store/hash-chain';
import {
  DuplicateEventIdError,
  type GloballyChainedEvent,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from '../../src/event-store/sqlite/sqlite-event-store';
import { LATEST_SCHEMA_VERSION } from '../../src/event-store/sqlite/schema';
import {
  anEvent,
  describeEventStoreContract,
  type EventStoreHarness,
  expectValidChain,
  newStreamId,
  nextEventsOf,
  readAllOf,
} from './event-store.contract';

/** A store in a fresh temporary directory; every store opened on it is closed at cleanup. */
function temporaryStore(options?: SqliteEventStoreOptions) {
  const directory = mkdtempSync(join(tmpdir(), 'ctd-ledger-sqlite-'));
  const filePath = join(directory, 'events.sqlite');
  const opened: SqliteEventStore[] = [];
  const open = (): SqliteEventStore => {
    const store = SqliteEventStore.open(filePath, options);
    opened.push(store);
    return store;
  };
  const cleanup = async (): Promise<void> => {
    for (const store of opened) await store.close();
    rmSync(directory, { recursive: true, force: true });
  };
  return { directory, filePath, open, cleanup };
}

type TemporaryStore = ReturnType<typeof temporaryStore>;

/** Gives the tests of the enclosing describe temporary stores, removed after each test. */
function useTemporaryStores(): (options?: SqliteEventStoreOptions) => TemporaryStore {
  const created: TemporaryStore[] = [];
  afterEach(async () => {
    for (const temporary of created.splice(0)) await temporary.cleanup();
  });
  return (options) => {
    const temporary = temporaryStore(options);
    created.push(temporary);
    return temporary;
  };
}

function sqliteHarness(options?: SqliteEventStoreOptions): () => Promise<EventStoreHarness> {
  return async () => {
    const temporary = temporaryStore(options);
    return { store: temporary.open(), reopen: async () => temporary.open(), cleanup: temporary.cleanup };
  };
}

describeEventStoreContract('SQLite on a temporary file', sqliteHarness());
// Tiny pages and batches push every read across page boundaries and split pipelined appends
// over several commits, which the default sizes never do in tests this small.
describeEventStoreContract(
  'SQLite with 2-row pages and 2-append commits',
  sqliteHarness({ readPageSize: 2, maxAppendsPerCommit: 2 }),
);

/** Positions where the global chain or an event's own hash does not recompute. */
async function chainBreaks(store: SqliteEventStore): Promise<number[]> {
  const breaks: number[] = [];
  let previousGlobalHash = GENESIS_HASH;
  for await (const event of store.readAllWithGlobalHashes()) {
    const intact =
      event.globalPreviousHash === previousGlobalHash &&
      event.globalHash === chainHash(event.globalPreviousHash, event.hash) &&
      event.hash === eventHash(event.previousHash, event.streamId, event.revision, event);
    if (!intact) breaks.push(event.position);
    previousGlobalHash = event.globalHash;
  }
  return breaks;
}

describe('SqliteEventStore: file format', () => {
  const newTemporaryStore = useTemporaryStores();

  it('uses WAL, records its schema version and indexes idempotency keys', async () => {
    const temporary = newTemporaryStore();
    await temporary.open().close();

    const raw = new Database(temporary.filePath, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT max(version) AS version FROM schema_version').get()).toEqual({
        version: LATEST_SCHEMA_VERSION,
      });
      const columns = (raw.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual([
        'position', 'stream_id', 'revision', 'event_id', 'type', 'data', 'metadata', 'idempotency_key',
        'previous_hash', 'hash', 'global_previous_hash', 'global_hash',
      ]);
      const index = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_by_idempotency_key'").get() as {
        sql: string;
      };
      expect(index.sql).toContain('WHERE idempotency_key IS NOT NULL');
    } finally {
      raw.close();
    }
  });

  it('reopens an existing file without migrating it again', async () => {
    const temporary = newTemporaryStore();
    await temporary.open().close();
    await temporary.open().close();
    const raw = new Database(temporary.filePath, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS migrations FROM schema_version').get()).toEqual({ migrations: 1 });
    raw.close();
  });
});

describe('SqliteEventStore: group commit', () => {
  const newTemporaryStore = useTemporaryStores();

  it('writes 200 concurrent appends to different streams in one transaction', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const before = store.stats();

    // All 200 calls are made before the flush scheduled with setImmediate runs.
    const streamIds = Array.from({ length: 200 }, () => newStreamId('donation'));
    const results = await Promise.all(streamIds.map((streamId) => store.append(streamId, [anEvent()], 'no_stream')));

    const after = store.stats();
    expect(after.commits - before.commits).toBe(1);
    expect(after.appendsSucceeded - before.appendsSucceeded).toBe(200);
    expect(after.eventsWritten - before.eventsWritten).toBe(200);
    // Call order is position order.
    results.slice(1).forEach((result, index) => expect(result.lastPosition).toBe(results[index].lastPosition + 1));
  });

  it('splits a burst larger than maxAppendsPerCommit over several commits, still in call order', async () => {
    const temporary = newTemporaryStore({ maxAppendsPerCommit: 50 });
    const store = temporary.open();
    const streamId = newStreamId('fund');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        store.append(streamId, [anEvent()], index === 0 ? 'no_stream' : index - 1),
      ),
    );
    expect(store.stats().commits).toBe(4);
    expect(results.map((result) => result.nextExpectedRevision)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expectValidChain(await store.readStream(streamId));
  });

  it('fails an append alone: the others of its commit are written, without gaps', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const existing = await store.append(newStreamId('fund'), [anEvent()], 'no_stream');
    const commitsBefore = store.stats().commits;

    const first = store.append(newStreamId('fund'), [anEvent()], 'no_stream');
    const wrongRevision = store.append(newStreamId('fund'), [anEvent()], 3);
    const duplicateStream = newStreamId('donation');
    const duplicate = store.append(
      duplicateStream,
      [anEvent(), anEvent({ eventId: existing.events[0].eventId })],
      'no_stream',
    );
    const twice = [anEvent({ eventId: 'same' }), anEvent({ eventId: 'same' })];
    const repeatedInside = store.append(newStreamId('donation'), twice, 'any');
    // One event alone, refused by the UNIQUE index: no savepoint, its INSERT is undone by itself.
    const singleDuplicateStream = newStreamId('donation');
    const singleDuplicate = store.append(singleDuplicateStream, [anEvent({ eventId: existing.events[0].eventId })], 'no_stream');
    const last = store.append(newStreamId('fund'), [anEvent()], 'no_stream');

    await expect(wrongRevision).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(duplicate).rejects.toMatchObject({ eventId: existing.events[0].eventId, streamId: duplicateStream });
    await expect(duplicate).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(repeatedInside).rejects.toMatchObject({ eventId: 'same' });
    await expect(singleDuplicate).rejects.toMatchObject({ eventId: existing.events[0].eventId, streamId: singleDuplicateStream });
    const [firstResult, lastResult] = await Promise.all([first, last]);

    expect(store.stats().commits - commitsBefore).toBe(1);
    expect(await store.readStream(duplicateStream)).toEqual([]); // all or nothing
    expect(await store.readStream(singleDuplicateStream)).toEqual([]);
    expect(await store.headPosition()).toBe(lastResult.lastPosition);
    // The rolled-back inserts gave their positions back.
    expect(lastResult.lastPosition).toBe(firstResult.lastPosition + 1);
    expect(await chainBreaks(store)).toEqual([]);
  });

  it('answers a retry with any by the first write, and refuses an event id stored in another stream', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    const events = [anEvent(), anEvent()];
    const first = await store.append(streamId, events, 'any');
    const retries = await Promise.all([store.append(streamId, events, 'any'), store.append(streamId, events, 'any')]);
    expect(retries).toEqual([first, first]);
    expect(store.stats().eventsWritten).toBe(2);
    // One event: its INSERT meets its own id without a savepoint around it.
    const single = [anEvent()];
    const firstSingle = await store.append(streamId, single, 'any');
    expect(await store.append(streamId, single, 'any')).toEqual(firstSingle);
    expect(store.stats().eventsWritten).toBe(3);

    const elsewhere = newStreamId('fund');
    await expect(store.append(elsewhere, events, 'no_stream')).rejects.toMatchObject({
      type: 'duplicate-event-id',
      eventId: events[0].eventId,
    });
    // The same ids in another order are not the same append.
    await expect(store.append(streamId, [events[1], events[0]], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream(elsewhere)).toEqual([]);
  });

  it('rejects every append of a commit that fails as a whole, and recovers afterwards', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    await store.append(streamId, [anEvent()], 'no_stream');
    // A real SQLITE_FULL, by capping this connection's database size at its current size.
    // (Test-only access to the private connection: the store itself is not replaced or mocked.)
    const connection = (store as unknown as { db: Database.Database }).db;
    const pageCount = connection.pragma('page_count', { simple: true }) as number;
    connection.pragma(`max_page_count = ${pageCount}`);

    const bigEvent = anEvent({ data: { note: 'Quỹ hoạt động '.repeat(20_000) } });
    const small = store.append(streamId, [anEvent()], 0);
    const big = store.append(newStreamId('donation'), [bigEvent], 'no_stream');
    await expect(small).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(big).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(store.stats().batchesFailed).toBe(1);
    expect(await store.streamRevision(streamId)).toBe(0);

    connection.pragma('max_page_count = 1073741823');
    const retried = await store.append(streamId, [anEvent()], 0);
    expect(retried.nextExpectedRevision).toBe(1);
    expect(await chainBreaks(store)).toEqual([]);
  });
});

async function interleavedLog(store: SqliteEventStore): Promise<{ fund: string; donation: string }> {
  const fund = newStreamId('fund');
  const donation = newStreamId('donation');
  await store.append(fund, [anEvent(), anEvent()], 'no_stream');
  await store.append(donation, [anEvent()], 'no_stream');
  await store.append(fund, [anEvent()], 1);
  await store.append(donation, [anEvent(), anEvent()], 0);
  await store.append(fund, [anEvent()], 2);
  return { fund, donation };
}

describe('SqliteEventStore: global hash chain', () => {
  const newTemporaryStore = useTemporaryStores();

  it('links every event to the previous one in position order, from GENESIS_HASH', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    await interleavedLog(store);

    const events: GloballyChainedEvent[] = [];
    for await (const event of store.readAllWithGlobalHashes()) events.push(event);
    expect(events).toHaveLength(7);
    expect(events[0].globalPreviousHash).toBe(GENESIS_HASH);
    events.forEach((event, index) => {
      if (index > 0) expect(event.globalPreviousHash).toBe(events[index - 1].globalHash);
      expect(event.globalHash).toBe(chainHash(event.globalPreviousHash, event.hash));
    });
    // readAll shows the same events without the global fields.
    const plain = await readAllOf(store, {});
    expect(plain).toEqual(events.map(({ globalPreviousHash, globalHash, ...event }) => event));
  });

  it('detects the deleted last event of a stream, which the stream chain cannot see', async () => {
    const temporary = newTemporaryStore();
    let store = temporary.open();
    const { donation } = await interleavedLog(store);
    const lastDonation = (await store.readStream(donation)).at(-1) as StoredEvent;
    await store.close();

    const raw = new Database(temporary.filePath);
    raw.prepare('DELETE FROM events WHERE position = ?').run(lastDonation.position);
    raw.close();

    store = temporary.open();
    expectValidChain(await store.readStream(donation)); // the stream chain looks intact
    expect(await chainBreaks(store)).toEqual([lastDonation.position + 1]);
  });

  it('detects an edited event, and events of two streams swapped, which the stream chains cannot see', async () => {
    const temporary = newTemporaryStore();
    let store = temporary.open();
    // Positions: 1 fund#0, 2 fund#1, 3 donation#0, 4 fund#2, 5 donation#1, 6 donation#2, 7 fund#3.
    const { fund } = await interleavedLog(store);
    await store.close();

    const raw = new Database(temporary.filePath);
    raw.prepare(`UPDATE events SET data = json_set(data, '$.amount.amount', '2000000') WHERE position = 3`).run();
    raw.exec('UPDATE events SET position = -1 WHERE position = 4; UPDATE events SET position = 4 WHERE position = 5;');
    raw.exec('UPDATE events SET position = 5 WHERE position = -1;');
    raw.close();

    store = temporary.open();
    expectValidChain(await store.readStream(fund)); // fund#2 moved after donation#1: still a valid stream chain
    expect(await chainBreaks(store)).toEqual([3, 4, 5, 6]);
  });
});

describe('SqliteEventStore: two instances on one file', () => {
  const newTemporaryStore = useTemporaryStores();

  it('delivers events written by another instance to a subscription, by polling', async () => {
    const temporary = newTemporaryStore({ pollIntervalMs: 20 });
    const writer = temporary.open();
    const reader = temporary.open();
    const streamId = newStreamId('fund');
    const subscription = reader.subscribe(await reader.headPosition());
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      const { events } = await writer.append(streamId, [anEvent(), anEvent()], 'no_stream');
      expect(await nextEventsOf(iterator, 2, [streamId])).toEqual(events);
      expect(reader.stats().commits).toBe(0);
    } finally {
      await subscription.close();
    }
  });

  it('checks revisions against what the other instance wrote, and keeps both chains whole', async () => {
    const temporary = newTemporaryStore();
    const first = temporary.open();
    const second = temporary.open();
    const streamId = newStreamId('fund');

    await first.append(streamId, [anEvent()], 'no_stream');
    await expect(second.append(streamId, [anEvent()], 'no_stream')).rejects.toMatchObject({ actualRevision: 0 });
    await second.append(streamId, [anEvent()], 0);
    await expect(first.append(streamId, [anEvent()], 0)).rejects.toMatchObject({ actualRevision: 1 });
    await Promise.all([
      first.append(newStreamId('donation'), [anEvent()], 'no_stream'),
      second.append(streamId, [anEvent()], 1),
    ]);

    expectValidChain(await first.readStream(streamId));
    expect(await first.readStream(streamId)).toEqual(await second.readStream(streamId));
    expect(await chainBreaks(first)).toEqual([]);
  });

  it('fails a pipelined append whose predecessor failed, even when the other instance brought the stream to the revision it expects', async () => {
    const temporary = newTemporaryStore();
    const first = temporary.open();
    const second = temporary.open();
    const streamId = newStreamId('spending');
    await first.append(streamId, [anEvent()], 'no_stream');
    // The other process appends one event; this one, not knowing, decides A on revision 0 and B on A.
    const other = await second.append(streamId, [anEvent()], 0);
    const appendA = first.append(streamId, [anEvent()], 0);
    const appendB = first.append(streamId, [anEvent()], 1);

    await expect(appendA).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    // B was decided on A's event, which never landed: landing on the other process's event instead would be a decision on events that are not there.
    await expect(appendB).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await first.streamRevision(streamId)).toBe(other.nextExpectedRevision);
  });
});

describe('SqliteEventStore: the heads a commit leaves', () => {
  const newTemporaryStore = useTemporaryStores();

  it('takes the next commit\'s heads from its own last commit only while no other connection has committed', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    const other = newStreamId('donation');
    await store.append(streamId, [anEvent()], 'no_stream');
    await store.append(streamId, [anEvent()], 0);

    // Another process appends to the same stream and to another one between two commits.
    const otherProcess = temporary.open();
    await otherProcess.append(streamId, [anEvent()], 1);
    await otherProcess.append(other, [anEvent(), anEvent()], 'no_stream');
    await expect(store.append(streamId, [anEvent()], 1)).rejects.toMatchObject({ actualRevision: 2 });
    const next = await store.append(streamId, [anEvent()], 2);
    expect(next).toMatchObject({ nextExpectedRevision: 3, lastPosition: 6 });
    await expect(store.append(other, [anEvent()], 'no_stream')).rejects.toMatchObject({ actualRevision: 1 });

    // An auditor's tool deletes the last event by hand: the next append chains on what is left.
    const tamper = new Database(temporary.filePath);
    tamper.prepare('DELETE FROM events WHERE position = ?').run(6);
    tamper.close();
    const after = await store.append(streamId, [anEvent()], 2);
    expect(after).toMatchObject({ nextExpectedRevision: 3, lastPosition: 6 });
    expectValidChain(await store.readStream(streamId));
    expect(await chainBreaks(store)).toEqual([]);
  });
});

describe('SqliteEventStore: heads another process changes at the same moment', () => {
  const newTemporaryStore = useTemporaryStores();
  type Hookable = { statements: Record<'readStream' | 'commit', { all?: (...args: unknown[]) => unknown; run?: (...args: unknown[]) => unknown }> };

  /** Runs `then` right after the store's `name` statement, once: another process committing at that moment. */
  function rightAfter(store: SqliteEventStore, name: 'readStream' | 'commit', then: () => void): void {
    const statement = (store as unknown as Hookable).statements[name];
    const method = name === 'commit' ? 'run' : 'all';
    const original = statement[method] as (...args: unknown[]) => unknown;
    statement[method] = (...args: unknown[]) => {
      const answer = original.apply(statement, args);
      statement[method] = original;
      then();
      return answer;
    };
  }

  /** Another process's append, written synchronously with raw SQL as its own connection would. */
  function appendBehind(filePath: string, streamId: string, revision: number): void {
    const other = new Database(filePath);
    const last = other.prepare('SELECT position, global_hash AS globalHash FROM events ORDER BY position DESC LIMIT 1').get() as { position: number; globalHash: string };
    const previous = other.prepare('SELECT hash FROM events WHERE stream_id = ? AND revision = ?').get(streamId, revision - 1) as { hash: string };
    const event = anEvent();
    const hash = eventHash(previous.hash, streamId, revision, event);
    other.prepare(`INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, idempotency_key, previous_hash, hash, global_previous_hash, global_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`).run(last.position + 1, streamId, revision, event.eventId, event.type, JSON.stringify(event.data),
      JSON.stringify(event.metadata), previous.hash, hash, last.globalHash, chainHash(last.globalHash, hash));
    other.close();
  }

  it('never vouches for a head read just before another process appended to the stream', async () => {
    const temporary = newTemporaryStore();
    const writer = temporary.open();
    const reader = temporary.open();
    const streamId = newStreamId('fund');
    await writer.append(streamId, [anEvent(), anEvent()], 'no_stream');

    rightAfter(reader, 'readStream', () => appendBehind(temporary.filePath, streamId, 2));
    expect(await reader.readStream(streamId)).toHaveLength(2);
    expect(reader.knownStreamRevision(streamId)).toBeUndefined();
    await expect(reader.append(streamId, [anEvent()], 1)).rejects.toMatchObject({ actualRevision: 2 });
    expect(await chainBreaks(reader)).toEqual([]);
  });

  it('never vouches for a head its commit left when another process appended right after it', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    await store.append(streamId, [anEvent()], 'no_stream');

    rightAfter(store, 'commit', () => appendBehind(temporary.filePath, streamId, 2));
    await store.append(streamId, [anEvent()], 0);
    expect(store.knownStreamRevision(streamId)).toBeUndefined();
    const next = await store.append(streamId, [anEvent()], 2);
    expect(next).toMatchObject({ nextExpectedRevision: 3, lastPosition: 4 });
    expect(await chainBreaks(store)).toEqual([]);
  });
});

describe('SqliteEventStore: known stream heads', () => {
  const newTemporaryStore = useTemporaryStores();

  it('vouches for the heads it wrote or read to the end, until another connection commits anything', async () => {
    const temporary = newTemporaryStore();
    const first = temporary.open();
    const second = temporary.open();
    const written = newStreamId('fund');
    const readOnly = newStreamId('fund');
    await second.append(readOnly, [anEvent(), anEvent()], 'no_stream');

    first.knownStreamRevision(written); // the first call only takes note of the file's version
    await first.append(written, [anEvent(), anEvent(), anEvent()], 'no_stream');
    expect(first.knownStreamRevision(written)).toBe(2);
    expect(first.knownStreamRevision(readOnly)).toBeUndefined();
    await first.readStream(readOnly, { fromRevision: 1 });
    expect(first.knownStreamRevision(readOnly)).toBe(1);
    // A read with a limit may stop short of the head: it vouches for nothing.
    await first.append(written, [anEvent()], 2);
    await first.readStream(written, { maxCount: 1 });
    expect(first.knownStreamRevision(written)).toBe(3);

    // Another connection commits to an unrelated stream: every head kept is dropped.
    await second.append(newStreamId('donation'), [anEvent()], 'no_stream');
    expect(first.knownStreamRevision(written)).toBeUndefined();
    expect(first.knownStreamRevision(readOnly)).toBeUndefined();
    // And to a kept one: the next read or write brings the true head back.
    await first.readStream(readOnly);
    await second.append(readOnly, [anEvent()], 1);
    expect(first.knownStreamRevision(readOnly)).toBeUndefined();
    await first.append(readOnly, [anEvent()], 2);
    expect(first.knownStreamRevision(readOnly)).toBe(3);
  });

  it('vouches for the head a read reached: one that returned fewer events than its limit, or none after a revision', async () => {
    const temporary = newTemporaryStore();
    const reader = temporary.open();
    const writer = temporary.open();
    const streamId = newStreamId('fund');
    await writer.append(streamId, [anEvent(), anEvent(), anEvent()], 'no_stream');

    await reader.readStream(streamId, { maxCount: 3 });
    expect(reader.knownStreamRevision(streamId)).toBeUndefined();
    await reader.readStream(streamId, { fromRevision: 1, maxCount: 5 });
    expect(reader.knownStreamRevision(streamId)).toBe(2);

    await writer.append(streamId, [anEvent()], 2);
    expect(reader.knownStreamRevision(streamId)).toBeUndefined();
    // A caller catching up from the revision after its own finds nothing new, or the new event.
    expect(await reader.readStream(streamId, { fromRevision: 4, maxCount: 5 })).toEqual([]);
    expect(reader.knownStreamRevision(streamId)).toBe(3);
    expect(await reader.readStream(newStreamId('fund'), { fromRevision: 1, maxCount: 5 })).toEqual([]);
    expect(reader.knownStreamRevision(streamId)).toBe(3);
  });
});

describe('SqliteEventStore: closing', () => {
  const newTemporaryStore = useTemporaryStores();

  it('writes pending appends before closing, and the file continues after reopening', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    const pending = store.append(streamId, [anEvent(), anEvent()], 'no_stream');
    await store.close();
    const written = await pending;

    await expect(store.append(streamId, [anEvent()], 1)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(EventStoreUnavailableError);

    const reopened = temporary.open();
    expect(await reopened.readStream(streamId)).toEqual(written.events);
    const next = await reopened.append(streamId, [anEvent()], 1);
    expect(next.lastPosition).toBe(written.lastPosition + 1);
    expect(await chainBreaks(reopened)).toEqual([]);
  });

  it('leaves the whole log in the file: the connection reading the log closes before the writing one checkpoints', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const streamId = newStreamId('fund');
    await store.append(streamId, [anEvent(), anEvent()], 'no_stream');
    expect(await readAllOf(store, {})).toHaveLength(2);
    await store.close();
    expect(existsSync(`${temporary.filePath}-wal`)).toBe(false);
    const raw = new Database(temporary.filePath, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS events FROM events').get()).toEqual({ events: 2 });
    raw.close();
  });

  it('ends open subscriptions', async () => {
    const temporary = newTemporaryStore();
    const store = temporary.open();
    const iterator = store.subscribe(0)[Symbol.asyncIterator]();
    const pending = iterator.next();
    await store.close();
    expect(await pending).toMatchObject({ done: true });
  });
});

describe('SqliteEventStore: in memory', () => {
  it('reads the log through its one connection, as no other connection can open it', async () => {
    const store = SqliteEventStore.open(':memory:');
    try {
      const streamId = newStreamId('fund');
      const written = await store.append(streamId, [anEvent(), anEvent(), anEvent()], 'no_stream');
      expect(await readAllOf(store, {})).toEqual(written.events);
      expect(store.readEventsAfter(1, 10)).toEqual(written.events.slice(1));
      expect(store.readHashesAfter(0, 2)).toEqual(written.events.slice(0, 2).map(({ position, hash }) => ({ position, hash })));
      const subscription = store.subscribe(2);
      expect(await nextEventsOf(subscription[Symbol.asyncIterator](), 1, [streamId])).toEqual(written.events.slice(2));
      await subscription.close();
    } finally {
      await store.close();
    }
  });
});

describe('SqliteEventStore: subscriptions', () => {
  const newTemporaryStore = useTemporaryStores();

  it('hands a slow subscriber every event once, in order, whatever its buffer held', async () => {
    const temporary = newTemporaryStore({ readPageSize: 4 });
    const store = temporary.open();
    const streamId = newStreamId('fund');
    const subscription = store.subscribe(0);
    const iterator = subscription[Symbol.asyncIterator]();
    try {
      const appended: StoredEvent[] = [];
      // 30 separate commits while nobody reads: the buffer fills, then the file takes over.
      for (let revision = 0; revision < 30; revision += 1) {
        const result = await store.append(streamId, [anEvent()], revision === 0 ? 'no_stream' : revision - 1);
        appended.push(...result.events);
      }
      expect(await nextEventsOf(iterator, 30, [streamId])).toEqual(appended);
    } finally {
      await subscription.close();
    }
  });
});

describe('SqliteEventStore: durability', () => {
  const newTemporaryStore = useTemporaryStores();

  it('keeps every acknowledged append when the writing process is killed with SIGKILL', async () => {
    const temporary = newTemporaryStore();
    const acknowledged = await runWriterAndKillIt(temporary.directory, temporary.filePath, 200);

    const store = temporary.open();
    const stored = new Set((await readAllOf(store, {})).map((event) => event.eventId));
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    expect(acknowledged.filter((eventId) => !stored.has(eventId))).toEqual([]);
    expect(await chainBreaks(store)).toEqual([]);
  });
});

/**
 * Starts a child process that appends to the store, 4 concurrent appends per group commit, and
 * prints each event id once its append has resolved; kills it with SIGKILL after `acksBeforeKill`
 * acknowledgements and returns every id it acknowledged. TypeScript sources are transpiled on the
 * fly in the child with the project's own compiler.
 */
async function runWriterAndKillIt(directory: string, filePath: string, acksBeforeKill: number): Promise<string[]> {
  const scriptPath = join(directory, 'writer.js');
  writeFileSync(scriptPath, WRITER_SCRIPT);
  const storeModule = resolve(__dirname, '../../src/event-store/sqlite/sqlite-event-store.ts');
  const child = spawn(process.execPath, [scriptPath, require.resolve('typescript'), storeModule, filePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let partialLine = '';
  let errorOutput = '';
  child.stderr.on('data', (chunk: Buffer) => (errorOutput += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partialLine + chunk.toString()).split('\n');
    partialLine = lines.pop() ?? '';
    acknowledged.push(...lines);
    if (acknowledged.length >= acksBeforeKill) child.kill('SIGKILL');
  });
  const signal = await new Promise<NodeJS.Signals | null>((done) =>
    child.on('close', (_code, killedBy) => done(killedBy)),
  );
  if (signal !== 'SIGKILL') throw new Error(`The writer stopped by itself: ${errorOutput}`);
  return acknowledged;
}

const WRITER_SCRIPT = `
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const [typescriptPath, storeModule, filePath] = process.argv.slice(2);
const ts = require(typescriptPath);
require.extensions['.ts'] = (module, fileName) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, fileName);
};
const { SqliteEventStore } = require(storeModule);
const store = SqliteEventStore.open(filePath);
const metadata = { actor: { userId: 'crash-test', roles: [] }, correlationId: 'c', causationId: 'c',
  recordedAt: '2026-11-20T08:30:00.000Z', schemaVersion: 1 };
async function appendAndAcknowledge(lane, round) {
  const eventId = randomUUID();
  await store.append('crash-' + lane, [{ eventId, type: 'DonationReceived', data: { round }, metadata }], 'any');
  // Written only after the append resolved; stdout to a pipe is synchronous on Linux.
  process.stdout.write(eventId + '\\n');
}
(async () => {
  for (let round = 0; ; round += 1) {
    await Promise.all([0, 1, 2, 3].map((lane) => appendAndAcknowledge(lane, round)));
  }
})();
`;
