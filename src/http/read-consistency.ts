import { Inject, Injectable } from '@nestjs/common';
import type { TableProjection } from '../../projections/table-projection';
import { FoldedStreams } from '../read-side/folded-streams';
import type { ProjectionRunner } from '../projection-runner/projection-runner';
import type { BalanceLookBack } from '../read-side/balance-look-back';
import { ReadModels } from '../read-side/read-models';
import { RegistersLagging } from '../read-side/register-position';
import { RegisterQueries } from '../read-side/register-queries';
import { validationFailed } from './api-error';
import { FundNotFound, ReadModelLagging } from './errors';
import { openFundOr404 } from './open-fund';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/**
 * Parses a non-negative integer query parameter; undefined when absent. A number past 2^53 − 1 is
 * refused: it would read as another number (9007199254740993 as …992), and be answered of that one.
 */
export function positionParam(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(raw) ? Number(raw) : undefined;
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw validationFailed([{ field: name, reason: 'must be a non-negative integer position' }]);
  }
  return value;
}

/** Answers only once the projection has reached `minPosition` (read-your-writes), within `timeoutMs`. */
export async function awaitPosition(runner: ProjectionRunner<unknown>, minPosition: number | undefined, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
  if (minPosition === undefined) return;
  const reached = await runner.waitFor(minPosition, timeoutMs);
  if (!reached) {
    throw new ReadModelLagging({ projection: runner.projection.name, reached: runner.appliedPosition, minPosition });
  }
}

/** Answers only once the balances have reached `minPosition` (read-your-writes), within `timeoutMs`; else 503 PROJECTION_LAGGING. */
export async function awaitBalances(balances: BalanceLookBack, minPosition: number | undefined, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
  const { reached, projection, appliedPosition } = await balances.reached(minPosition, timeoutMs);
  if (!reached) throw new ReadModelLagging({ projection, reached: appliedPosition, minPosition: minPosition ?? null });
}

/**
 * Reads of the registers as HTTP answers them: at one log position, 503 PROJECTION_LAGGING when
 * the registers do not get there in time, 404 for a fund that does not exist.
 */
@Injectable()
export class RegisterReads {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(RegisterQueries) private readonly registers: RegisterQueries,
    @Inject(FoldedStreams) private readonly streams: FoldedStreams,
  ) {}

  /**
   * Waits until every register a read needs has reached `minPosition` (503 PROJECTION_LAGGING
   * after 5 s), then until they all stand at the same position, and returns it (see
   * alignRegisters). The caller must query the tables synchronously right after, so the answer
   * reflects exactly that position.
   */
  async align(registers: readonly TableProjection[], minPosition: number | undefined, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<number> {
    try {
      return await this.readModels.align(registers, minPosition, timeoutMs);
    } catch (error) {
      if (!(error instanceof RegistersLagging)) throw error;
      const lag = error.projection === null ? null : { projection: error.projection, reached: error.reached, minPosition: error.minPosition };
      throw new ReadModelLagging(lag, { building: error.building });
    }
  }

  /** 404 unless the fund exists, asking the log itself when the register has not seen it. */
  async ensureFundExists(fundId: string): Promise<void> {
    if (this.registers.fundKnown(fundId)) return;
    await openFundOr404(this.streams, fundId);
  }

  /**
   * Aligns `registers` (see align), then 404 unless the fund exists; the position they stand at.
   * A read that looks back to `atPosition` is 404 too when the fund was opened after it: the log
   * as it stood then has no such fund (the registers stand at or past it, so they know).
   */
  async ofFund(fundId: string, registers: readonly TableProjection[], minPosition: number | undefined, atPosition?: number): Promise<number> {
    const position = await this.align(registers, minPosition);
    await this.ensureFundExists(fundId);
    if (atPosition !== undefined && !this.registers.fundOpenedBy(fundId, atPosition)) throw new FundNotFound(fundId, atPosition);
    return position;
  }
}
