import { initialInflows, evolveInflows, evolveInflowsByNote, evolveInflowsByTransfer, type Inflows } from '../domain/spending/inflows';
import type { EventStore } from '../event-store/event-store.port';
import { decodeEvent } from '../log-reading/decode-event';

/**
 * Money that came into each fund (donations, and transfers received from another fund), folded
 * from the log in global order. Spending decisions read
 * it after catching up with the log's head. Only committed donations are in it, and incoming
 * money only adds, so a decision taken on it can never spend money that is not there.
 */
export class InflowView {
  private readonly byFund = new Map<string, Inflows>();
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

  private async readNewEvents(): Promise<void> {
    for await (const stored of this.store.readAll({ afterPosition: this.position })) {
      if (stored.type === 'DonationRecorded') {
        const event = decodeEvent(stored);
        if (event.type === 'DonationRecorded') evolveInflows(this.of(event.data.fundId), event);
      } else if (stored.type === 'TransferReceived') {
        const event = decodeEvent(stored);
        if (event.type === 'TransferReceived') evolveInflowsByTransfer(this.of(event.data.toFundId), event);
      } else if (stored.type === 'TransferNoteImported') {
        const event = decodeEvent(stored);
        if (event.type === 'TransferNoteImported') evolveInflowsByNote(this.of(event.data.fundId), event);
      }
      this.position = stored.position;
    }
  }
}
