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

/** Events in the first page of a backwards read; see AllStreamReader.backwards. */
const FIRST_BACKWARDS_PAGE = 8;

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

  /** Every event strictly after `after`, in log order; `firstPage`, when given, is the page read at `after` already. */
  async *forwards(after: Position | typeof START, firstPage?: AllStreamRecordedEvent[]): AsyncGenerator<AllStreamRecordedEvent> {
    let cursor = after;
    let page = firstPage ?? (await this.page(cursor));
    for (;;) {
      for (const event of page) {
        if (cursor !== START && comparePositions(event.position, cursor) <= 0) continue;
        cursor = event.position;
        yield event;
      }
      if (page.length < this.pageSize) return;
      page = await this.page(cursor);
    }
  }

  /**
   * Every event after the port position `after`, in log order. Read from `after` itself when it
   * is a record's position (every position the port hands out is), the first page doubling as
   * the check that it is; any other number is rounded down as startAfter does.
   */
  async *after(after: number): AsyncGenerator<AllStreamRecordedEvent> {
    if (after <= 0) {
      yield* this.forwards(START);
      return;
    }
    const exact = toServerPosition(after);
    const firstPage = await this.pageAtRecord(exact, this.pageSize);
    yield* firstPage === undefined ? this.forwards(await this.roundDown(exact)) : this.forwards(exact, firstPage);
  }

  /**
   * Every event strictly before `before`, newest first. Most backwards reads stop at the first
   * ledger event they meet (the log's head), usually the newest record: the pages start at
   * FIRST_BACKWARDS_PAGE events and double up to the page size, so such a read fetches a few
   * events rather than a full page.
   */
  async *backwards(before: Position | typeof END = END): AsyncGenerator<AllStreamRecordedEvent> {
    let cursor = before;
    let size = Math.min(FIRST_BACKWARDS_PAGE, this.pageSize);
    for (;;) {
      const page = await this.collect(cursor, BACKWARDS, size);
      for (const event of page) yield event;
      const last = page.at(-1);
      if (last === undefined || page.length < size) return;
      cursor = last.position;
      size = Math.min(size * 2, this.pageSize);
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
    return (await this.pageAtRecord(exact, 1)) === undefined ? this.roundDown(exact) : exact;
  }

  private async roundDown(position: Position): Promise<Position | typeof START> {
    for await (const event of this.backwards()) {
      if (event.position.commit <= position.commit) return event.position;
    }
    return START;
  }

  /** At most `maxCount` events read forwards at `position`, or undefined when no record starts there. */
  private async pageAtRecord(position: Position, maxCount: number): Promise<AllStreamRecordedEvent[] | undefined> {
    try {
      const page = await this.collect(position, FORWARDS, maxCount);
      return page.length > 0 && comparePositions(page[0].position, position) === 0 ? page : undefined;
    } catch {
      // Refused as not a record (InvalidPosition): round it down instead.
      return undefined;
    }
  }

  private page(from: Position | typeof START): Promise<AllStreamRecordedEvent[]> {
    return this.collect(from, FORWARDS, this.pageSize);
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
