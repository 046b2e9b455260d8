import { Inject, Injectable } from '@nestjs/common';
import { BalanceProjection, type BalanceState } from '../../projections/balance.projection';
import { Streams } from '../domain/streams';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { ProjectionRunner } from '../projection-runner/projection-runner';
import { ProjectionsService } from '../projection-runner/projections.service';
import { replayBalance } from '../projection-runner/replay';
import type { LookBack } from './log-positions';

/**
 * The balances of the funds now, as the balance projection stands, or as they stood by any of the
 * three clocks, replayed from the log up to there; and where a look-back by the log's clocks
 * stands in the log. It reads; the projection runs elsewhere.
 */
@Injectable()
export class BalanceLookBack {
  constructor(
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The balance projection as it runs. */
  private get projection(): ProjectionRunner<BalanceState> {
    return this.projections.runner(BalanceProjection);
  }

  /** The balances as the projection stands at this moment, and the log position it stands at. */
  now(): { state: BalanceState; position: number } {
    const runner = this.projection;
    return { state: runner.current, position: runner.appliedPosition };
  }

  /**
   * Read-your-writes: resolves once the balance projection has reached `minPosition` (at once
   * without one), or after `timeoutMs`; says whether it did, and where the projection stands.
   */
  async reached(minPosition: number | undefined, timeoutMs: number): Promise<{ reached: boolean; projection: string; appliedPosition: number }> {
    const runner = this.projection;
    const reached = minPosition === undefined || (await runner.waitFor(minPosition, timeoutMs));
    return { reached, projection: runner.projection.name, appliedPosition: runner.appliedPosition };
  }

  /**
   * The balances and the log position they were computed at: with no bound, the projection as it
   * stands at this moment; with any, the log replayed from its start up to the bound (replayBalance),
   * so an answer about the past is the state the projection had then, never an approximation of it.
   */
  async at(bound: LookBack): Promise<{ state: BalanceState; position: number }> {
    if (bound.asOf === undefined && bound.atPosition === undefined && bound.recordedBefore === undefined) return this.now();
    return replayBalance(this.store, { asOf: bound.asOf, toPosition: bound.atPosition, recordedBefore: bound.recordedBefore });
  }

  /** Whether the log as it stood after `position` holds the fund's opening (the first event of its stream). */
  async fundOpenedBy(fundId: string, position: number): Promise<boolean> {
    const [opening] = await this.store.readStream(Streams.fund(fundId), { maxCount: 1 });
    return opening !== undefined && opening.position <= position;
  }
}
