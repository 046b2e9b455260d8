import { START, type AllStreamRecordedEvent, type Position } from '@eventstore/db-client';
import type { StoredEvent } from '../event-store.port';

export interface EventReference {
  streamId: string;
  revision: number;
}

export interface IndexSource {
  /** Every event of $all strictly after `after`. */
  eventsAfter(after: Position | typeof START): AsyncIterable<AllStreamRecordedEvent>;
  toLedgerEvent(recorded: AllStreamRecordedEvent): StoredEvent | undefined;
}

/**
 * EventStoreDB has no index on a field of event metadata, so the adapter keeps one in memory:
 * idempotency key -> the events appended under it, in log order. It is built by a scan of $all
 * on the first lookup, then brought up to date before every lookup by reading $all from the last
 * position it indexed, so a lookup sees every event appended (by any process) before it began.
 *
 * Cost: one reference per keyed event in memory, and the first lookup after start reads the
 * whole log once. Catch-ups run one at a time, each after the previous, so none is skipped.
 */
export class IdempotencyKeyIndex {
  private readonly references = new Map<string, EventReference[]>();
  private indexedUpTo: Position | typeof START = START;
  private catchUps: Promise<void> = Promise.resolve();

  constructor(private readonly source: IndexSource) {}

  async lookup(idempotencyKey: string): Promise<EventReference[]> {
    await this.caughtUp();
    return [...(this.references.get(idempotencyKey) ?? [])];
  }

  /** Which of the keys have events, after one catch-up for all of them. */
  async used(idempotencyKeys: readonly string[]): Promise<Set<string>> {
    await this.caughtUp();
    return new Set(idempotencyKeys.filter((key) => this.references.has(key)));
  }

  private caughtUp(): Promise<void> {
    const catchUp = this.catchUps.then(() => this.catchUp());
    this.catchUps = catchUp.catch(() => undefined);
    return catchUp;
  }

  private async catchUp(): Promise<void> {
    for await (const recorded of this.source.eventsAfter(this.indexedUpTo)) {
      const event = this.source.toLedgerEvent(recorded);
      const key = event?.metadata.idempotencyKey;
      if (event !== undefined && key !== undefined) {
        const references = this.references.get(key) ?? [];
        references.push({ streamId: event.streamId, revision: event.revision });
        this.references.set(key, references);
      }
      this.indexedUpTo = recorded.position;
    }
  }
}
