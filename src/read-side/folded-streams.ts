import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';

/** How a stream folds, for a read: the domain's own initial state and evolve. */
export interface Fold<State, Event> {
  initialState(): State;
  /** `position`: the event's log position, for a fold that keeps where things happened. */
  evolve(state: State, event: Event, position: number): State;
}

const READ_PAGE = 1_000;
/** How many times a read of folded streams reads the head again when events were appended while it read them. */
const FOLD_ATTEMPTS = 5;

/**
 * Streams folded for reading, kept between reads and brought up to the stream's end on each one,
 * so a registry of a million beneficiaries is folded once and every answer is as current as the
 * log. Reads of one stream take turns, so two never fold the same events twice. The states are
 * the read side's own: nothing here is shared with the write path.
 */
@Injectable()
export class FoldedStreams {
  /** By stream id: each stream has one fold on the read side (beneficiaries, spending, the first gifts of a year). */
  private readonly entries = new Map<string, { fold: unknown; state: unknown; revision: number; position: number; turn: Promise<void> }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async current<State, Event>(streamId: string, fold: Fold<State, Event>): Promise<State> {
    let entry = this.entries.get(streamId);
    if (!entry) {
      entry = { fold, state: fold.initialState(), revision: -1, position: 0, turn: Promise.resolve() };
      this.entries.set(streamId, entry);
    }
    // A second fold of the same stream would be handed a state of another shape.
    if (entry.fold !== fold) throw new Error(`${streamId} is already folded for reading by another fold`);
    const held = entry;
    const run = held.turn.then(() => this.catchUp(streamId, held, fold));
    held.turn = run.catch(() => undefined);
    await run;
    // A stream that does not exist is not remembered: asking for made-up ids costs no memory.
    if (held.revision < 0 && this.entries.get(streamId) === held) this.entries.delete(streamId);
    return held.state as State;
  }

  /**
   * The log position of the last event folded of a stream (0 before any). Read between two awaits,
   * it is the position of the state `current` gave: a state is folded further only by a later read.
   */
  foldedPosition(streamId: string): number {
    return this.entries.get(streamId)?.position ?? 0;
  }

  /** The position of the last event of the log. */
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /**
   * Reads streams as they stood at one log position, and says which: the head is read first, then
   * the streams are folded (`read`; undefined when what it looks for is not there) and `compute`
   * works synchronously on what they hold. When an event appended meanwhile was folded too, the
   * head is read again (a few times at most, under a stream of writes, after which the answer
   * states the last position it folded).
   */
  async atOnePosition<Read, Value>(
    streamIds: readonly string[], read: () => Promise<Read | undefined>, compute: (held: Read) => Value,
  ): Promise<{ value: Value; position: number } | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.headPosition();
      const held = await read();
      if (held === undefined) return undefined;
      // From here on synchronous: the states are the log up to the head read first, unless an event
      // appended since was folded too.
      const folded = Math.max(...streamIds.map((streamId) => this.foldedPosition(streamId)));
      if (folded > head && attempt < FOLD_ATTEMPTS) continue;
      return { value: compute(held), position: Math.max(head, folded) };
    }
  }

  /**
   * A stream as it stood at log position `position`: folded anew from its first event to the last
   * at or before that position, for a look-back. Not kept: the current fold stays as it is.
   */
  async asAt<State, Event>(streamId: string, fold: Fold<State, Event>, position: number): Promise<State> {
    let state = fold.initialState();
    for (let fromRevision = 0; ;) {
      const page = await this.store.readStream(streamId, { fromRevision, maxCount: READ_PAGE });
      for (const stored of page) {
        if (stored.position > position) return state;
        state = fold.evolve(state, decodeEvent(stored) as Event, stored.position);
      }
      if (page.length < READ_PAGE) return state;
      fromRevision = page[page.length - 1].revision + 1;
    }
  }

  private async catchUp<State, Event>(streamId: string, entry: { state: unknown; revision: number; position: number }, fold: Fold<State, Event>): Promise<void> {
    for (;;) {
      if (entry.revision >= 0 && this.store.knownStreamRevision?.(streamId) === entry.revision) return;
      const newer = await this.store.readStream(streamId, { fromRevision: entry.revision + 1, maxCount: READ_PAGE });
      for (const stored of newer) {
        entry.state = fold.evolve(entry.state as State, decodeEvent(stored) as Event, stored.position);
        entry.revision = stored.revision;
        entry.position = stored.position;
      }
      if (newer.length < READ_PAGE) return;
    }
  }
}
