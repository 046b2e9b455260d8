import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { comparePositions, toServerPosition } from './esdb-positions';

/**
 * Reads EventStoreDB's $all in pages of `pageSize`, so a scan of the whole log holds one page in
 * memory at a time. Client 6.2.1 reads $all without a server-side filter, so every event of the
 * database comes back and the callers keep the ledger's. A forwards read starts AT a position
 * (inclusive), a backwards read BEFORE it (exclusive); the paging below hides both.
 */
export class AllStreamReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly pageSize: number,
  ) {
    if (!Number.isSafeInteger(pageSize) || pageSize < 2) throw new TypeError('readPageSize must be an integer >= 2');
  }

  /** Every event strictly after `after`, in log order. */
  async *forwards(after: Position | typeof START): AsyncGenerator<AllStreamRecordedEvent> {
    let cursor = after;
    for (;;) {
      const page = await this.page(cursor, FORWARDS);
      for (const event of page) {
        if (cursor !== START && comparePositions(event.position, cursor) <= 0) continue;
        cursor = event.position;
        yield event;
      }
      if (page.length < this.pageSize) return;
    }
  }

  /** Every event strictly before `before`, newest first. */
  async *backwards(before: Position | typeof END = END): AsyncGenerator<AllStreamRecordedEvent> {
    let cursor = before;
    for (;;) {
      const page = await this.page(cursor, BACKWARDS);
      for (const event of page) yield event;
      const last = page.at(-1);
      if (last === undefined || page.length < this.pageSize) return;
      cursor = last.position;
    }
  }

  /**
   * Where to start reading to get every event after the port position `after`. ESDB only starts
   * reads at the position of a record (others are refused as invalid), while a caller may pass
   * any number: the position of an event is used as is, anything else is rounded down to the
   * last record at or before it, found by scanning back from the end of the log.
   */
  async startAfter(after: number): Promise<Position | typeof START> {
    if (after <= 0) return START;
    const exact = toServerPosition(after);
    if (await this.isRecordPosition(exact)) return exact;
    for await (const event of this.backwards()) {
      if (event.position.commit <= exact.commit) return event.position;
    }
    return START;
  }

  private async isRecordPosition(position: Position): Promise<boolean> {
    try {
      const [first] = await this.collect(position, FORWARDS, 1);
      return first !== undefined && comparePositions(first.position, position) === 0;
    } catch {
      // Refused as not a record (InvalidPosition): round it down instead.
      return false;
    }
  }

  private page(from: Position | typeof START | typeof END, direction: typeof FORWARDS | typeof BACKWARDS) {
    return this.collect(from, direction, this.pageSize);
  }

  private async collect(
    fromPosition: Position | typeof START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamRecordedEvent[]> {
    const events: AllStreamRecordedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount })) {
      if (resolved.event !== undefined) events.push(resolved.event);
    }
    return events;
  }
}
