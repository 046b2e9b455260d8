import type { StreamHead } from '../append-rules';
import type { LogHead } from './statements';

/** The heads kept for one version of the file. */
export interface HeadsAtVersion {
  log: LogHead | undefined;
  stream(streamId: string): StreamHead | undefined;
}

/**
 * The heads this connection wrote, or read to the end: the log's, and each stream's. They hold
 * while no other connection has committed, which SQLite's PRAGMA data_version tells: it changes
 * exactly then, never for this connection's own commits. Each head is kept with the version read
 * before it (under the write lock for a commit, before the query for a read), so a commit by
 * another process in between can only make a kept head look stale, never a stale one look current.
 * A change of version drops them all, whichever stream the other writer touched.
 *
 * The group commit takes the heads it checks expected revisions against from here, under the
 * write lock; the write path asks whether a stream it folded is still at its head.
 */
export class KnownHeads {
  private readonly streams = new Map<string, StreamHead>();
  private log: LogHead | undefined;
  private dataVersion: number | undefined;

  /** `readDataVersion` answers PRAGMA data_version on the store's connection. */
  constructor(private readonly readDataVersion: () => number) {}

  /** The file's version now: read it before a read whose heads will be remembered. */
  currentVersion(): number {
    return this.readDataVersion();
  }

  /** The heads kept, if the file is still at `dataVersion` (read under the write lock); otherwise none. */
  at(dataVersion: number): HeadsAtVersion | undefined {
    if (!this.still(dataVersion)) return undefined;
    return { log: this.log, stream: (streamId) => this.streams.get(streamId) };
  }

  /** A stream's head, read when the file was at `dataVersion`. */
  rememberStream(dataVersion: number, streamId: string, head: StreamHead): void {
    this.still(dataVersion);
    this.streams.set(streamId, head);
  }

  /** What a commit left, with the version read under its write lock; a stream it saw empty (revision -1) is not kept. */
  rememberCommit(dataVersion: number, log: LogHead, streamHeads: Map<string, StreamHead>): void {
    this.still(dataVersion);
    this.log = log;
    for (const [streamId, head] of streamHeads) {
      if (head.revision >= 0) this.streams.set(streamId, head);
    }
  }

  revisionOf(streamId: string): number | undefined {
    return this.still(this.readDataVersion()) ? this.streams.get(streamId)?.revision : undefined;
  }

  /** True when the heads kept are of `dataVersion`; otherwise they are dropped and `dataVersion` is taken note of. */
  private still(dataVersion: number): boolean {
    if (dataVersion === this.dataVersion) return true;
    this.streams.clear();
    this.log = undefined;
    this.dataVersion = dataVersion;
    return false;
  }
}
