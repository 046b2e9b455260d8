import { ALL_PROJECTIONS } from '../../projections';
import { BalanceProjection, balanceProjectionFor, type BalanceState, spendableOf } from '../../projections/balance.projection';
import type { Projection } from '../../projections/projection';
import type { TableProjection } from '../../projections/table-projection';
import { ALL_TABLE_PROJECTIONS } from '../../projections/table-projections';
import type { EventStore } from '../event-store/event-store.port';
import { toProjectedEvent } from '../projection-runner/projected-event';
import { type ReplayBound, replayCut } from '../projection-runner/replay';
import { canonicalJsonSha256 } from '../shared/canonical-json';
import { ScratchTables, tableProjectionHash } from './table-state';

export type { ReplayBound } from '../projection-runner/replay';

export interface ReplayedProjection {
  name: string;
  version: number;
  /** `state`: a JSON-state projection; `tables`: a table projection (registers). */
  kind: 'state' | 'tables';
  /** Position of the last event applied; 0 when none was. */
  position: number;
  /** hex(sha256(canonical JSON of the state, or of the tables: see tableProjectionHash)). */
  sha256: string;
}

/**
 * A fund's figures from the balance projection, decimal strings in VND; available as the balance
 * route answers it (late money left out): received + transferredIn + movedIn + fxDifference −
 * disbursed − held − outstandingEmergency − inTransitOut − transferredOut − movedOut − suspense.
 */
export interface FundTotals {
  fundId: string;
  received: string;
  transferredIn: string;
  movedIn: string;
  fxDifference: string;
  disbursed: string;
  held: string;
  outstandingEmergency: string;
  inTransitOut: string;
  transferredOut: string;
  movedOut: string;
  suspense: string;
  available: string;
  inKindReceived: string;
}

export interface ReplayReport {
  bound: ReplayBound;
  /** Position of the last event read within the bound (the position the replay was computed at); 0 when none was. */
  position: number;
  /** Events applied: by business date, entries dated after the bound are read but not applied. */
  eventsApplied: number;
  projections: ReplayedProjection[];
  funds: FundTotals[];
}

export interface ReplayOptions {
  projections?: Projection<unknown>[];
  tableProjections?: TableProjection[];
  /** Called after each event with its position: for progress. */
  onEvent?: (position: number) => void;
}

/**
 * Rebuilds every projection from the log into scratch state, in one pass: JSON states in memory,
 * tables in a temporary file. The live read models and their checkpoints are neither read nor
 * written. The bound means what it means for replayProjection (up to a position inclusive, up
 * to the first event recorded after an instant, entries dated by a business date; combined), so
 * each result equals replayProjection's.
 */
export async function replayProjections(store: EventStore, bound: ReplayBound, options: ReplayOptions = {}): Promise<ReplayReport> {
  // By business date a backdated payment may show its pool below zero at that date: the balance
  // is then applied without its log-order overdraft check (see replayBalance).
  const projections = (options.projections ?? ALL_PROJECTIONS).map((projection) => (
    bound.asOf !== undefined && projection.name === BalanceProjection.name ? balanceProjectionFor('business-date') as Projection<unknown> : projection));
  const tableProjections = options.tableProjections ?? ALL_TABLE_PROJECTIONS;
  const cut = replayCut(bound);
  const states = projections.map((projection) => projection.initialState());
  const scratch = new ScratchTables(tableProjections);
  try {
    let position = 0;
    let eventsApplied = 0;
    for await (const stored of store.readAll({ toPosition: bound.toPosition })) {
      if (cut.stopsAt(stored)) break;
      position = stored.position;
      options.onEvent?.(position);
      if (!cut.applies(stored)) continue;
      const projected = toProjectedEvent(stored);
      projections.forEach((projection, index) => {
        states[index] = projection.apply(states[index], projected);
      });
      for (const projection of tableProjections) scratch.apply(projection, projection.apply(projected));
      eventsApplied += 1;
    }
    const replayed: ReplayedProjection[] = [
      ...projections.map((projection, index) => ({ name: projection.name, version: projection.version, kind: 'state' as const, position, sha256: canonicalJsonSha256(states[index]) })),
      ...tableProjections.map((projection) => ({
        name: projection.name, version: projection.version, kind: 'tables' as const, position, sha256: tableProjectionHash(scratch.db, projection),
      })),
    ];
    const balanceIndex = projections.findIndex((projection) => projection.name === BalanceProjection.name);
    const funds = balanceIndex < 0 ? [] : fundTotalsOf(states[balanceIndex] as BalanceState);
    return { bound, position, eventsApplied, projections: replayed, funds };
  } finally {
    scratch.close();
  }
}

export function fundTotalsOf(state: BalanceState): FundTotals[] {
  return Object.values(state.funds)
    .sort((a, b) => (a.fundId < b.fundId ? -1 : a.fundId > b.fundId ? 1 : 0))
    .map((fund) => ({
      fundId: fund.fundId, received: fund.received, transferredIn: fund.transferredIn, movedIn: fund.movedIn, fxDifference: fund.fxDifference,
      disbursed: fund.disbursed, held: fund.held, outstandingEmergency: fund.outstandingEmergency, inTransitOut: fund.inTransitOut,
      transferredOut: fund.transferredOut, movedOut: fund.movedOut, suspense: fund.suspense ?? '0',
      available: spendableOf(fund), inKindReceived: fund.inKindReceived,
    }));
}
