import type { EventStore, StoredEvent, Subscription } from '../event-store/event-store.port';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { checkpointKeyId, type SignedCheckpoint, signCheckpoint } from '../proofs/checkpoint';
import type { CheckpointSigner } from '../proofs/checkpoint-signer.port';
import type { LedgerSigningKey } from '../proofs/ledger-signing-key';
import { eventLeafHash } from '../proofs/merkle-tree';
import type { LeafToAppend, MerkleTreeStore } from './merkle-tree-store';
import { eventHashAt } from './proof-answers';

/** Leaves written per transaction while following or catching up. */
const BATCH_LEAVES = 2_000;
const RETRY_DELAY_MS = 500;

export interface LogTreeLogger {
  log(message: string, context: Record<string, unknown>): void;
  error(message: string, context: Record<string, unknown>): void;
}

const silent: LogTreeLogger = { log: () => undefined, error: () => undefined };

type EventHash = Pick<StoredEvent, 'position' | 'hash'>;

/** A store that reads positions and hashes without the events (the SQLite adapter). Duck-typed: the tree takes any store. */
type HashReader = Pick<SqliteEventStore, 'readHashesAfter'>;

function leafOf(event: EventHash): LeafToAppend {
  return { position: event.position, leafHash: eventLeafHash(event.hash) };
}

/**
 * Keeps the Merkle tree beside the log: leaf i is the (i + 1)-th event in journal order. The
 * tree follows the log like a projection, off the append path, so recording a donation costs no
 * more than before but a leaf hash and one or two rows written in batches; a caller that needs
 * the tree to hold every event already appended (a checkpoint, a proof of the newest event) asks
 * {@link catchUp}, which reads the rest of the log itself.
 *
 * It also signs checkpoints (api-v2): when asked, and on a timer when the log has grown and the
 * latest checkpoint is older than the interval. A checkpoint is kept in the tree's file; it is
 * not an event, so signing one never grows the tree it signs.
 */
export class LogTree implements CheckpointSigner {
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  private stopped = true;
  private pending: LeafToAppend[] = [];
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  /** Catch-ups and signatures run one at a time, so two checkpoints are never signed for one size. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    readonly tree: MerkleTreeStore,
    private readonly key: LedgerSigningKey,
    private readonly intervalSeconds: number,
    private readonly logger: LogTreeLogger = silent,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Makes the tree agree with the log before anything is served from it: a tree file ahead of the
   * log (a log restored from an older backup) loses the leaves the log does not have, and one
   * whose last leaf is not the log's event at that position is rebuilt from the log.
   */
  async reconcile(): Promise<void> {
    const head = await this.store.headPosition();
    if (this.tree.lastPosition > head) {
      this.logger.error('The Merkle tree is ahead of the log: its extra leaves are dropped and the checkpoints of them withdrawn (verify holds the log against them)', { treePosition: this.tree.lastPosition, head });
      this.tree.truncateAfter(head, this.now().toISOString());
    }
    const last = this.tree.lastPosition;
    if (last === 0) return;
    const [event] = await this.readAfter(last - 1, 1);
    const kept = this.tree.leafAtPosition(last);
    if (event === undefined || event.position !== last || !kept || !kept.leafHash.equals(eventLeafHash(event.hash))) {
      this.logger.error('The Merkle tree does not match the log: rebuilding it from the log; its checkpoints are withdrawn (verify holds the log against them)', { position: last });
      this.tree.truncateAfter(0, this.now().toISOString());
    }
  }

  /** The positions and hashes after `afterPosition`: from the store's index alone when it can (SQLite), else from its events. */
  private async readAfter(afterPosition: number, maxCount: number): Promise<EventHash[]> {
    const hashes = this.store as Partial<HashReader>;
    if (typeof hashes.readHashesAfter === 'function') return hashes.readHashesAfter(afterPosition, maxCount);
    const events: StoredEvent[] = [];
    for await (const event of this.store.readAll({ afterPosition, maxCount })) events.push(event);
    return events;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Adds every event of the log not yet in the tree; returns the tree size. */
  catchUp(): Promise<number> {
    return this.serially(() => this.catchUpNow());
  }

  private async catchUpNow(): Promise<number> {
    this.flush();
    for (;;) {
      const events = await this.readAfter(this.tree.lastPosition, BATCH_LEAVES);
      if (events.length === 0) return this.tree.size;
      this.tree.append(events.map(leafOf));
      if (events.length < BATCH_LEAVES) return this.tree.size;
    }
  }

  /** Signs a checkpoint of the whole log as it stands, unless the latest already covers it. */
  signNow(): Promise<SignedCheckpoint> {
    return this.serially(async () => {
      const size = await this.catchUpNow();
      const latest = this.latestOwnCheckpoint();
      if (latest !== undefined && latest.treeSize === size) return latest;
      const signed = signCheckpoint(
        { origin: this.key.origin, treeSize: size, rootHash: this.tree.root(size), timestamp: this.now().toISOString() },
        this.key.privateKey,
      );
      // Not kept when another process signed a larger tree meanwhile: that one is the latest.
      if (!this.tree.saveCheckpoint(signed)) return this.latestOwnCheckpoint() ?? signed;
      return signed;
    });
  }

  /** The stored hash of the log's event at this position, as the log has it; undefined when none is there. */
  eventHashAt(position: number): Promise<string | undefined> {
    return eventHashAt(this.store, position);
  }

  /** The raw public half of the key that signs the checkpoints (GET /v1/public/keys). */
  get publicKeyRaw(): Uint8Array {
    return this.key.publicKeyRaw;
  }

  /** The latest signed checkpoint; the first one is signed on first asking. */
  async latestCheckpoint(): Promise<SignedCheckpoint> {
    return this.latestOwnCheckpoint() ?? this.signNow();
  }

  /**
   * The checkpoint the ledger's current key signed of the tree at this size (the one a publication
   * names, or any other signed since), so an older tree is checked against the key like the latest;
   * undefined when none was signed at that size.
   */
  checkpointOfSize(treeSize: number): SignedCheckpoint | undefined {
    return this.tree.checkpointsOfSize(treeSize).find((checkpoint) => checkpoint.keyId === checkpointKeyId(checkpoint.origin, this.key.publicKeyRaw));
  }

  /**
   * The latest checkpoint kept in the tree's file if the ledger's current key signed it (its key
   * hash is that of this key under its origin). One of an earlier key (a ledger restored without
   * its key file, or given another seed) would not verify under the key of /v1/public/keys: it is
   * kept, but never served as the latest, and a new one is signed in its place.
   */
  latestOwnCheckpoint(): SignedCheckpoint | undefined {
    const latest = this.tree.latestCheckpoint();
    return latest !== undefined && latest.keyId === checkpointKeyId(latest.origin, this.key.publicKeyRaw) ? latest : undefined;
  }

  /**
   * Has the log grown past the latest checkpoint while that checkpoint is older than the interval?
   * Then a new one is due. With no checkpoint yet, one is due as soon as the log has an event.
   */
  async checkpointDue(): Promise<boolean> {
    const latest = this.latestOwnCheckpoint();
    const head = await this.store.headPosition();
    if (latest === undefined) return head > 0;
    const ageMs = this.now().getTime() - Date.parse(latest.timestamp);
    if (ageMs < this.intervalSeconds * 1000) return false;
    const coveredPosition = latest.treeSize === 0 ? 0 : this.tree.positionOfLeaf(latest.treeSize - 1) ?? 0;
    return head > coveredPosition;
  }

  /**
   * Seconds until a checkpoint of a grown log falls due, at least 1 and at most the interval: what a
   * caller waiting for one is told. Whoever asks for a proof then has one signed on the spot (the
   * donation proof route signs a due one itself), so the timer's next look is not waited for.
   */
  secondsUntilNextCheckpoint(): number {
    const latest = this.latestOwnCheckpoint();
    if (latest === undefined) return 1;
    const remainingMs = this.intervalSeconds * 1000 - (this.now().getTime() - Date.parse(latest.timestamp));
    // A latest checkpoint stamped ahead of this clock (another process's) still asks no longer than the interval.
    return Math.max(1, Math.min(Math.ceil(this.intervalSeconds), Math.ceil(remainingMs / 1000)));
  }

  /** Looked at four times per interval, so a due checkpoint waits at most a quarter of it more. */
  private tickMs(): number {
    return Math.max(250, (this.intervalSeconds * 1000) / 4);
  }

  /** Follows the log and signs checkpoints on the timer, until {@link stop}. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.following = this.follow();
    this.timer = setInterval(() => void this.tick(), this.tickMs());
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (await this.checkpointDue()) await this.signNow();
    } catch (error) {
      if (!this.stopped) this.logger.error('A checkpoint could not be signed', { error: (error as Error).message });
    }
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        this.subscription = this.store.subscribe(this.tree.lastPosition);
        for await (const event of this.subscription) {
          if (this.stopped) break;
          this.pending.push(leafOf(event));
          if (this.pending.length >= BATCH_LEAVES) this.flush();
          else this.scheduleFlush();
        }
      } catch (error) {
        if (this.stopped) break;
        this.pending = [];
        await this.subscription?.close().catch(() => undefined);
        this.logger.error('The Merkle tree stopped following the log; it resumes', { error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS).unref());
      }
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const leaves = this.pending;
    this.pending = [];
    try {
      this.tree.append(leaves);
    } catch (error) {
      // Nothing is lost: the next catch-up or restart reads these events from the log again.
      this.logger.error('Leaves could not be written to the Merkle tree', { error: (error as Error).message });
      void this.subscription?.close().catch(() => undefined);
    }
  }

  /** Stops following and signing; what was read is written first. The tree file stays open. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.subscription?.close().catch(() => undefined);
    await this.following;
    await this.queue;
    this.flush();
  }
}
