import { decodeEvent } from '../log-reading/decode-event';
import type { EventStore } from '../event-store/event-store.port';
import type { StreamModel } from './stream-models';

/**
 * The folded state of one stream, kept between commands so a long stream (a year of donations)
 * is read once, not on every command. `revision` includes appends still in flight: a command may
 * be decided on the events of a pending append (pipelining, so concurrent commands on one stream
 * share a commit). When any append fails the entry is discarded and rebuilt from the store.
 */
export class StreamEntry<State> {
  pendingAppends = 0;
  discarded = false;

  constructor(readonly streamId: string, public state: State, public revision: number) {}
}

export class StreamStateCache {
  private readonly entries = new Map<string, StreamEntry<unknown>>();

  constructor(private readonly store: EventStore) {}

  /**
   * The entry for a stream, caught up with what other writers appended. Catching up happens only
   * when no append of ours is in flight; otherwise our pending appends decide the revision.
   */
  async fresh<State, Event>(streamId: string, model: StreamModel<State, Event>): Promise<StreamEntry<State>> {
    let entry = this.entries.get(streamId) as StreamEntry<State> | undefined;
    if (!entry) {
      entry = new StreamEntry<State>(streamId, model.initialState(), -1);
      this.entries.set(streamId, entry);
    }
    if (entry.pendingAppends > 0) return entry;
    // The store vouches that nobody appended since: nothing to read.
    if (entry.revision >= 0 && this.store.knownStreamRevision?.(streamId) === entry.revision) return entry;
    const revisionBefore = entry.revision;
    const newer = await this.store.readStream(streamId, { fromRevision: revisionBefore + 1 });
    if (newer.length === 0 || entry.discarded || entry.pendingAppends > 0 || entry.revision !== revisionBefore) return this.current(entry, streamId, model);
    for (const stored of newer) {
      if (stored.revision !== entry.revision + 1) throw new Error(`Stream ${streamId} skipped from ${entry.revision} to ${stored.revision}`);
      entry.state = model.evolve(entry.state, decodeEvent(stored) as Event);
      entry.revision = stored.revision;
    }
    return entry;
  }

  private current<State, Event>(entry: StreamEntry<State>, streamId: string, model: StreamModel<State, Event>): Promise<StreamEntry<State>> | StreamEntry<State> {
    return entry.discarded ? this.fresh(streamId, model) : entry;
  }

  discard(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (entry) entry.discarded = true;
    this.entries.delete(streamId);
  }
}
