import type { LedgerEvent } from '../src/domain/ledger-events';

/** An event as projections see it: the domain event and where it stands in the log. */
export interface ProjectedEvent {
  position: number;
  streamId: string;
  revision: number;
  /** When the server recorded it: the only clock a projection may read. */
  recordedAt: string;
  actorUserId: string;
  event: LedgerEvent;
}

/**
 * A read model as a pure reducer. `apply` may mutate and return the state it is given (the
 * runner owns it), never reads a clock or does I/O, and throws when an invariant breaks. The
 * state is plain JSON, so it can be stored, hashed and compared. Bumping `version` rebuilds the
 * projection from the start of the log.
 */
export interface Projection<State> {
  name: string;
  version: number;
  initialState(): State;
  apply(state: State, event: ProjectedEvent): State;
}
