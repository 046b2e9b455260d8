import type { LedgerWriter } from '../command-handling/ledger-write.providers';
import type { ProjectionRunner } from '../projection-runner/projection-runner';
import { ApiError, validationFailed } from './api-error';

export const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

/** Parses a non-negative integer query parameter; undefined when absent. */
export function positionParam(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(raw)) {
    throw validationFailed([{ field: name, reason: 'must be a non-negative integer position' }]);
  }
  return Number(raw);
}

/** Answers only once the projection has reached `minPosition` (read-your-writes). */
export async function awaitPosition(runner: ProjectionRunner<unknown>, minPosition: number | undefined): Promise<void> {
  if (minPosition === undefined) return;
  const reached = await runner.waitFor(minPosition, READ_YOUR_WRITES_TIMEOUT_MS);
  if (!reached) {
    throw new ApiError(503, 'PROJECTION_LAGGING', `The ${runner.projection.name} read model has not reached position ${minPosition} yet; try again`, {
      projection: runner.projection.name,
      reached: runner.appliedPosition,
      minPosition,
    });
  }
}

/**
 * `?atPosition=N`: a look-back to the log as it stood after position N. A position the log has
 * not reached is refused (400) rather than waited for: it names no state of the books yet.
 */
export async function atPositionParam(writer: LedgerWriter, raw: unknown): Promise<number | undefined> {
  const atPosition = positionParam('atPosition', raw);
  if (atPosition === undefined) return undefined;
  const head = await writer.store.headPosition();
  if (atPosition > head) throw validationFailed([{ field: 'atPosition', reason: `must not be beyond the head of the log (${head})` }]);
  return atPosition;
}
