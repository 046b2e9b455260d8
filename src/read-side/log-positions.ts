import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { positionRecordedBefore, recordedAtOf } from '../projection-runner/replay';

/**
 * How far back a read looks, by the three clocks (api-v2 "Dates"): `asOf` a business instant,
 * `atPosition` a log position, `recordedBefore` a recording instant (ISO strings in UTC). Each is
 * optional and they combine.
 */
export interface LookBack {
  asOf?: string;
  atPosition?: number;
  recordedBefore?: string;
}

/**
 * The log's two own clocks (api-v2 "Dates"): its positions, and when each was recorded. A read
 * that looks back (a report at `atPosition`, or as it was `recordedBefore` an instant) stands at
 * a position of the log; these are the reads that find it.
 */
@Injectable()
export class LogPositions {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The position of the last event of the log. */
  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  /** The position of the last event recorded at or before `instant` (ISO), 0 when none was. */
  recordedBefore(instant: string): Promise<number> {
    return positionRecordedBefore(this.store, instant);
  }

  /** When the log stood at `position` (epoch milliseconds): the recording time of the last event at or before it; undefined before the first. */
  recordedAt(position: number): Promise<number | undefined> {
    return recordedAtOf(this.store, position);
  }

  /**
   * A look-back by the log's clocks as one log position: the last event recorded by
   * `recordedBefore` (0 when none was), `atPosition`, or the earlier of the two; undefined when it
   * names neither.
   */
  async positionOf(lookBack: LookBack): Promise<number | undefined> {
    if (lookBack.recordedBefore === undefined) return lookBack.atPosition;
    const recorded = await this.recordedBefore(lookBack.recordedBefore);
    return Math.min(recorded, lookBack.atPosition ?? recorded);
  }
}
