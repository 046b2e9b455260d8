import { BusinessDateFilter } from '../../projections/business-date';
import type { Projection } from '../../projections/projection';
import { balanceProjectionFor, type BalanceState } from '../../projections/balance.projection';
import type { EventStore, StoredEvent } from '../event-store/event-store.port';
import { toProjectedEvent } from './projected-event';

/**
 * Where a look-back stops, by the three clocks (api-v2 "Dates"); any of them may be combined.
 * With several, an event counts only when it is within all of them.
 */
export interface ReplayBound {
  /** Log position: apply events up to and including this position. */
  toPosition?: number;
  /** Recording clock: apply events recorded at or before this instant, stopping at the first one recorded after. */
  recordedBefore?: string;
  /**
   * Business date: keep only entries dated at or before this instant (an ISO timestamp with offset;
   * callers turn a date into the end of that day in Vietnam time). See BusinessDateFilter.
   */
  asOf?: string;
}

/** The bounds of a look-back as instants, checked once. */
export interface ReplayCut {
  /** True when the replay should stop before this event (and every later one). */
  stopsAt(stored: StoredEvent): boolean;
  /** True when this event, within the bound, is applied. */
  applies(stored: StoredEvent): boolean;
}

export function replayCut(bound: ReplayBound): ReplayCut {
  const instant = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const ms = Date.parse(raw);
    if (Number.isNaN(ms)) throw new RangeError(`${name} is not a timestamp: ${raw}`);
    return ms;
  };
  const recordedBefore = instant('recordedBefore', bound.recordedBefore);
  const asOf = instant('asOf', bound.asOf);
  const filter = asOf === undefined ? undefined : new BusinessDateFilter(asOf);
  return {
    stopsAt: (stored) => recordedBefore !== undefined && Date.parse(stored.metadata.recordedAt) > recordedBefore,
    applies: (stored) => filter === undefined || filter.admits(toProjectedEvent(stored).event),
  };
}

/**
 * A projection's state computed from the log up to a point, from scratch: an as-of answer is
 * the state the live projection had there, never an approximation of it. `position` is the log
 * position the answer was computed at: the last event read within the bound, whether or not a
 * business date left it out.
 */
export async function replayProjection<State>(store: EventStore, projection: Projection<State>, bound: ReplayBound): Promise<{ state: State; position: number }> {
  let state = projection.initialState();
  let position = 0;
  const cut = replayCut(bound);
  for await (const stored of store.readAll({ toPosition: bound.toPosition })) {
    if (cut.stopsAt(stored)) break;
    if (cut.applies(stored)) state = projection.apply(state, toProjectedEvent(stored));
    position = stored.position;
  }
  return { state, position };
}

/**
 * The balance at a bound. By business date, entries dated after it are left out, and a payment
 * dated before the money it spent arrived shows its pool below zero at that date: the balance
 * projection is then applied without its log-order overdraft check.
 */
export function replayBalance(store: EventStore, bound: ReplayBound): Promise<{ state: BalanceState; position: number }> {
  return replayProjection(store, balanceProjectionFor(bound.asOf === undefined ? 'log-order' : 'business-date'), bound);
}

/**
 * The log as it was recorded by `recordedBefore` (an ISO instant), as a position: the last event
 * recorded at or before it, 0 when none was. A read that stands at a position (a report) looks
 * back by the recording clock through it.
 */
export async function positionRecordedBefore(store: EventStore, recordedBefore: string): Promise<number> {
  const cut = replayCut({ recordedBefore });
  let position = 0;
  for await (const stored of store.readAll()) {
    if (cut.stopsAt(stored)) break;
    position = stored.position;
  }
  return position;
}

/**
 * When the log stood at `position` (epoch milliseconds): the recording time of the last event at or
 * before it, the instant the books stood at then. Undefined for position 0 or before the first
 * event. On SQLite every position is an event's; EventStoreDB's commit positions fall between
 * events, and the span read back before `position` widens until it holds one.
 */
export async function recordedAtOf(store: EventStore, position: number): Promise<number | undefined> {
  if (position < 1) return undefined;
  for (let span = 1; ; span *= 64) {
    const afterPosition = Math.max(0, position - span);
    let last: string | undefined;
    for await (const stored of store.readAll({ afterPosition, toPosition: position })) last = stored.metadata.recordedAt;
    if (last !== undefined) return Date.parse(last);
    if (afterPosition === 0) return undefined;
  }
}
