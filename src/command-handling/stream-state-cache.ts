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
  /**
   * Set while a batch goes to the store in several appends: the state already holds the events of
   * its appends in flight but not of its later runs, whose events were decided with them (receipt
   * numbers, ids). Nothing may be decided on the entry until the batch's last run has settled.
   */
  batchRuns: Promise<void> | undefined;

  constructor(readonly streamId: string, public state: State, public revision: number) {}
}

/** Events read per query while catching a stream up. */
const READ_PAGE = 1_000;

export class StreamStateCache {
  private readonly entries = new Map<string, StreamEntry<unknown>>();

  constructor(private readonly store: EventStore) {}

  /**
   * The entry for a stream, caught up with what other writers appended. Catching up happens only
   * when no append of ours is in flight; otherwise our pending appends decide the revision. It
   * reads a page at a time, so folding a long stream (a year of imported lines) holds one page.
   */
  async fresh<State, Event>(streamId: string, model: StreamModel<State, Event>): Promise<StreamEntry<State>> {
    let entry = this.entries.get(streamId) as StreamEntry<State> | undefined;
    if (!entry) {
      entry = new StreamEntry<State>(streamId, model.initialState(), -1);
      this.entries.set(streamId, entry);
    }
    for (;;) {
      if (entry.pendingAppends > 0) return entry;
      // The store vouches that nobody appended since: nothing to read.
      if (entry.revision >= 0 && this.store.knownStreamRevision?.(streamId) === entry.revision) return entry;
      const revisionBefore = entry.revision;
      const newer = await this.store.readStream(streamId, { fromRevision: revisionBefore + 1, maxCount: READ_PAGE });
      if (entry.discarded) return this.fresh(streamId, model);
      // Another caller folded or appended meanwhile: look again from where it left the entry.
      if (entry.pendingAppends > 0 || entry.revision !== revisionBefore) continue;
      for (const stored of newer) {
        if (stored.revision !== entry.revision + 1) throw new Error(`Stream ${streamId} skipped from ${entry.revision} to ${stored.revision}`);
        entry.state = model.evolve(entry.state, decodeEvent(stored) as Event);
        entry.revision = stored.revision;
      }
      if (newer.length < READ_PAGE) return entry;
    }
  }

  discard(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (entry) entry.discarded = true;
    this.entries.delete(streamId);
  }
}
