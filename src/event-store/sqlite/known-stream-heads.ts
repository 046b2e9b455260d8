import type { StreamHead } from '../append-rules';

/**
 * Stream heads this connection wrote or read to the end, kept until another connection commits:
 * SQLite's data_version changes exactly then (never for this connection's own commits), and every
 * head kept before the change is dropped, whichever stream the other writer touched.
 */
export class KnownStreamHeads {
  private readonly revisions = new Map<string, number>();
  private dataVersion: number | undefined;

  /** `readDataVersion` answers PRAGMA data_version on the store's connection. */
  constructor(private readonly readDataVersion: () => number) {}

  /** A head read just now (synchronously with this call), so as of the file's present version. */
  remember(streamId: string, revision: number): void {
    this.sync();
    this.revisions.set(streamId, revision);
  }

  /** The heads a commit left; a stream the commit saw empty (revision -1) is not remembered. */
  rememberCommitted(streamHeads: Map<string, StreamHead>): void {
    this.sync();
    for (const [streamId, head] of streamHeads) {
      if (head.revision >= 0) this.revisions.set(streamId, head.revision);
    }
  }

  revisionOf(streamId: string): number | undefined {
    return this.sync() ? this.revisions.get(streamId) : undefined;
  }

  /** Drops every head kept when another connection has committed since they were; true when none has. */
  private sync(): boolean {
    const dataVersion = this.readDataVersion();
    if (dataVersion === this.dataVersion) return true;
    this.revisions.clear();
    this.dataVersion = dataVersion;
    return false;
  }
}
