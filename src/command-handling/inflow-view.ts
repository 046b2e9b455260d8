import { initialInflows, evolveInflows, evolveInflowsByNote, evolveInflowsByTransfer, type Inflows } from '../domain/spending/inflows';
import type { EventLocation, EventStore, StoredEvent } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';

/**
 * Money that came into each fund (donations, and transfers received from another fund), folded
 * from the log in global order. Spending decisions read it after catching up with the log's
 * head. Only committed donations are in it, and incoming money only adds, so a decision taken on
 * it can never spend money that is not there.
 *
 * What this process appends is folded as soon as it is committed (`follow`), when it continues
 * the view with nothing in between: a large import is then not read back from the log before the
 * statement's bank fees are booked. Anything else (another process's appends, a gap, appends
 * committed while a read runs) is left to the next catch-up, which reads the log from the view's
 * position.
 *
 * A transfer's receipt or return is recorded by the receiving fund's accountant in the sender's
 * spending stream; the view keeps where each is, by receiving fund, so the receiver's recent
 * activity reads them without searching the log.
 */
export class InflowView {
  private readonly byFund = new Map<string, Inflows>();
  private readonly arrivalsByFund = new Map<string, EventLocation[]>();
  private readonly receipts = new Map<string, EventLocation>();
  private position = 0;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly store: EventStore) {}

  get checkpoint(): number {
    return this.position;
  }

  of(fundId: string): Inflows {
    let inflows = this.byFund.get(fundId);
    if (!inflows) {
      inflows = initialInflows();
      this.byFund.set(fundId, inflows);
    }
    return inflows;
  }

  /** The receipts and returns of transfers sent to the fund, in log order. */
  arrivals(fundId: string): readonly EventLocation[] {
    return this.arrivalsByFund.get(fundId) ?? [];
  }

  /** Where the receipt of a transfer between two funds of this ledger is, once received. */
  receiptOf(transferId: string): EventLocation | undefined {
    return this.receipts.get(transferId);
  }

  private arrived(toFundId: string, stored: StoredEvent): void {
    const locations = this.arrivalsByFund.get(toFundId) ?? [];
    locations.push({ streamId: stored.streamId, revision: stored.revision, position: stored.position });
    this.arrivalsByFund.set(toFundId, locations);
  }

  /**
   * Reads everything appended before the call. A read already running may have started before
   * the caller's own append committed, so callers arriving meanwhile share the next read.
   */
  catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.readNewEvents().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.catchUp();
    });
    return this.next;
  }

  /**
   * Events this process has just committed, in log order: folded when the first is the event
   * right after the view's position and no read is running; otherwise left to the next catch-up.
   * Only the SQLite log numbers its events one by one, so on EventStoreDB this never folds.
   */
  follow(written: readonly StoredEvent[]): void {
    if (this.running !== undefined || written.length === 0 || written[0].position !== this.position + 1) return;
    for (let index = 1; index < written.length; index++) if (written[index].position !== written[index - 1].position + 1) return;
    // Decoded first: an event that cannot be decoded leaves the view as it was, for the catch-up
    // to meet; the append it came from is committed and its command answers as it would.
    let folds: ((() => void) | undefined)[];
    try {
      folds = written.map((stored) => this.foldOf(stored));
    } catch {
      return;
    }
    for (const fold of folds) fold?.();
    this.position = written[written.length - 1].position;
  }

  private async readNewEvents(): Promise<void> {
    for await (const stored of this.store.readAll({ afterPosition: this.position })) {
      if (stored.position <= this.position) continue;
      this.foldOf(stored)?.();
      this.position = stored.position;
    }
  }

  /** What the event adds to the inflows, decoded and ready to apply; undefined when it adds nothing. */
  private foldOf(stored: StoredEvent): (() => void) | undefined {
    if (stored.type === 'DonationRecorded') {
      const event = decodeEvent(stored);
      if (event.type === 'DonationRecorded') return () => evolveInflows(this.of(event.data.fundId), event);
    } else if (stored.type === 'TransferReceived') {
      const event = decodeEvent(stored);
      if (event.type === 'TransferReceived') {
        return () => {
          evolveInflowsByTransfer(this.of(event.data.toFundId), event);
          this.arrived(event.data.toFundId, stored);
          this.receipts.set(event.data.transferId, { streamId: stored.streamId, revision: stored.revision, position: stored.position });
        };
      }
    } else if (stored.type === 'TransferReturned') {
      const event = decodeEvent(stored);
      if (event.type === 'TransferReturned') return () => this.arrived(event.data.toFundId, stored);
    } else if (stored.type === 'TransferNoteImported') {
      const event = decodeEvent(stored);
      if (event.type === 'TransferNoteImported') return () => evolveInflowsByNote(this.of(event.data.fundId), event);
    }
    return undefined;
  }
}
