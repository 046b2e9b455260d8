import { randomUUID } from 'node:crypto';
import { eventIdFor } from '../command-handling/command-metadata';
import { decideDonationBatch, type BatchItemOutcome, type RecordDonationBatch } from '../domain/donation/donation-batch.decide';
import type { DonationEvent } from '../domain/donation/donation.events';
import { evolveDonationStream, initialDonationStreamState, type DonationStreamState } from '../domain/donation/donation.state';
import type { FundState } from '../domain/fund/fund.state';
import { EVENT_SCHEMA_VERSIONS } from '../domain/ledger-events';
import { Streams } from '../domain/streams';
import { decodeEvent } from '../log-reading/decode-event';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, EventToAppend, JsonObject } from '../event-store/event-store.port';
import { rowIdempotencyKey } from './row-identity';

/** Who imports, and the ids that tie the import's events together in the journal. */
export interface ImportMetadata {
  actor: { userId: string; roles: string[] };
  correlationId: string;
  causationId: string;
}

export interface BatchWriteResult {
  outcomes: BatchItemOutcome[];
  /** Position of the batch's last event; null when it appended nothing. */
  lastPosition: number | null;
}

interface StreamEntry {
  state: DonationStreamState;
  revision: number;
}

/** Events read per query while catching a donation stream up: memory stays at one page. */
const READ_PAGE = 1_000;
const MAX_ATTEMPTS = 5;

/**
 * Appends statement rows as donations, a batch at a time, each batch ONE atomic append.
 *
 * It follows the write path of src/command-handling/write-path.ts step for step (fold the
 * stream, decide, append with the exact revision read, retry when another writer got there
 * first) and differs in one respect, which is why it is its own loop: every event carries its
 * own idempotency key, the statement row's (`statement-row:<fund>:<row id>`, scoped to the fund,
 * not to the user, so two accountants importing overlapping statements book each transfer once),
 * and its event id derives from that key. The store's idempotency-key index is then the set of
 * rows already booked: it is written in the same transaction as the events, so a crash can never
 * leave a row booked but unmarked, or marked but unbooked.
 *
 * Batches on the same stream are serialised inside the process; another process (the CLI beside
 * the server) is caught by the expected revision, and the batch is decided again, duplicates
 * looked up again, on the stream it finds.
 */
export class StatementBatchWriter {
  private readonly streams = new Map<string, StreamEntry>();
  private readonly locks = new Map<string, Promise<void>>();

  constructor(
    private readonly store: EventStore,
    private readonly lookupFund: (fundId: string) => Promise<FundState>,
    /** Called after each append, e.g. to bring the write path's stream cache up by one batch. */
    private readonly afterAppend: (streamId: string) => Promise<void> = async () => undefined,
  ) {}

  write(batch: RecordDonationBatch, meta: ImportMetadata): Promise<BatchWriteResult> {
    const streamId = Streams.donations(batch.fundId, batch.fiscalYear);
    return this.exclusive(streamId, () => this.writeExclusive(streamId, batch, meta));
  }

  private async writeExclusive(streamId: string, batch: RecordDonationBatch, meta: ImportMetadata): Promise<BatchWriteResult> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const fund = await this.lookupFund(batch.fundId);
      const entry = await this.caughtUp(streamId);
      const recorded = await this.recordedRowIds(batch);
      const decision = decideDonationBatch(batch, entry.state, fund, recorded);
      if (decision.events.length === 0) return { outcomes: decision.outcomes, lastPosition: null };
      const now = new Date().toISOString();
      const events = decision.events.map((event) => this.envelope(batch.fundId, event, meta, now));
      const expectedRevision = entry.revision < 0 ? 'no_stream' : entry.revision;
      try {
        const appended = await this.store.append(streamId, events, expectedRevision);
        for (const event of decision.events) entry.state = evolveDonationStream(entry.state, event);
        entry.revision = appended.nextExpectedRevision;
        await this.afterAppend(streamId);
        return { outcomes: decision.outcomes, lastPosition: appended.lastPosition };
      } catch (error) {
        // The entry only ever advances on a confirmed append, so it stays valid: the next attempt
        // reads whatever landed since, this append included if it committed after all.
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new Error(`Donation stream ${streamId} kept changing under the import (${MAX_ATTEMPTS} attempts); run the import again: it resumes where it stopped`);
  }

  private envelope(fundId: string, event: DonationEvent, meta: ImportMetadata, recordedAt: string): EventToAppend {
    const rowId = event.data.source?.rowId;
    if (rowId === undefined) throw new Error(`Statement donation ${event.data.donationId} has no row id`);
    const idempotencyKey = rowIdempotencyKey(fundId, event.data.receivedAt, rowId);
    return {
      eventId: eventIdFor(idempotencyKey, 0, randomUUID),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor: { userId: meta.actor.userId, roles: [...meta.actor.roles] },
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        recordedAt,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        // The key is itself the hash of what the row asks for: no separate request hash.
        idempotencyKey,
      },
    };
  }

  /** Rows of the batch already booked in this fund, by the store's idempotency-key index, in one question. */
  private async recordedRowIds(batch: RecordDonationBatch): Promise<Set<string>> {
    const rowIdOfKey = new Map<string, string>();
    for (const { source, receivedAt } of batch.donations) {
      if (source) rowIdOfKey.set(rowIdempotencyKey(batch.fundId, receivedAt, source.rowId), source.rowId);
    }
    const used = await this.store.idempotencyKeysUsed([...rowIdOfKey.keys()]);
    return new Set([...used].map((key) => rowIdOfKey.get(key) as string));
  }

  /** The stream's state, caught up a page at a time with what was appended since it was folded. */
  private async caughtUp(streamId: string): Promise<StreamEntry> {
    const entry = this.streams.get(streamId) ?? { state: initialDonationStreamState(), revision: -1 };
    this.streams.set(streamId, entry);
    for (;;) {
      const page = await this.store.readStream(streamId, { fromRevision: entry.revision + 1, maxCount: READ_PAGE });
      for (const stored of page) {
        if (stored.revision !== entry.revision + 1) throw new Error(`Stream ${streamId} skipped from ${entry.revision} to ${stored.revision}`);
        entry.state = evolveDonationStream(entry.state, decodeEvent(stored) as DonationEvent);
        entry.revision = stored.revision;
      }
      if (page.length < READ_PAGE) return entry;
    }
  }

  /** Runs `work` after every earlier work on the same key has finished. */
  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.locks.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }
}
