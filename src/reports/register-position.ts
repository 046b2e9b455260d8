import type { TableProjectionRunner } from '../projection-runner/table-projection-runner';

/** A register has not reached the position a read asked for (HTTP 503 PROJECTION_LAGGING). */
export class RegistersLagging extends Error {
  constructor(
    message: string,
    readonly projection: string | null,
    readonly reached: number | null,
    readonly minPosition: number | null,
  ) {
    super(message);
  }
}

/** Attempts to catch every register up to the same position before giving up. */
const ALIGN_ATTEMPTS = 20;

/**
 * Waits until every runner has reached `minPosition` (RegistersLagging after `timeoutMs`), then
 * until they all stand at the same position, and returns it. The caller must read the tables
 * synchronously right after: commits happen only between JavaScript turns, so nothing moves
 * while it reads, and an answer drawn from several registers reflects exactly one log position.
 */
export async function alignRegisters(runners: TableProjectionRunner[], minPosition: number | undefined, timeoutMs: number): Promise<number> {
  if (minPosition !== undefined) {
    const reached = await Promise.all(runners.map((runner) => runner.waitFor(minPosition, timeoutMs)));
    const lagging = runners.find((_runner, index) => !reached[index]);
    if (lagging) {
      throw new RegistersLagging(`The ${lagging.projection.name} read model has not reached position ${minPosition} yet; try again`,
        lagging.projection.name, lagging.appliedPosition, minPosition);
    }
  }
  for (let attempt = 0; attempt < ALIGN_ATTEMPTS; attempt += 1) {
    const positions = runners.map((runner) => runner.appliedPosition);
    const target = Math.max(...positions);
    if (positions.every((position) => position === target)) return target;
    await Promise.all(runners.map((runner) => runner.waitFor(target, timeoutMs)));
    const now = runners.map((runner) => runner.appliedPosition);
    if (now.every((position) => position === now[0])) return now[0];
  }
  throw new RegistersLagging('The registers did not settle on one log position; try again', null, null, null);
}
