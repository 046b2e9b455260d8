import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { InflowView } from './inflow-view';
import { WritePath } from './write-path';

/** The write side's shared parts: the write path and the inflows spending decisions read. */
@Injectable()
export class LedgerWriter {
  readonly writePath: WritePath;
  readonly inflows: InflowView;

  constructor(@Inject(EVENT_STORE) readonly store: EventStore) {
    this.writePath = new WritePath(store);
    this.inflows = new InflowView(store);
    this.writePath.onCommitted((events) => this.inflows.follow(events));
  }
}
