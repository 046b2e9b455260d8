import type { Projection } from '../../projections/projection';
import type { EventStore } from '../event-store/event-store.port';
import { toProjectedEvent } from './projected-event';

export interface ReplayBound {
  /** Apply events up to and including this position. */
  toPosition?: number;
  /** Apply events recorded at or before this instant, stopping at the first one recorded after. */
  asOf?: string;
}

/**
 * A projection's state computed from the log up to a point, from scratch: an as-of answer is
 * the state the live projection had there, never an approximation of it.
 */
export async function replayProjection<State>(store: EventStore, projection: Projection<State>, bound: ReplayBound): Promise<{ state: State; position: number }> {
  let state = projection.initialState();
  let position = 0;
  const asOf = bound.asOf === undefined ? undefined : Date.parse(bound.asOf);
  for await (const stored of store.readAll({ toPosition: bound.toPosition })) {
    if (asOf !== undefined && Date.parse(stored.metadata.recordedAt) > asOf) break;
    state = projection.apply(state, toProjectedEvent(stored));
    position = stored.position;
  }
  return { state, position };
}
