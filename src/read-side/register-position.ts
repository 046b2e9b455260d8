import type { TableRunnerView } from '../projection-runner/table-runner-view';

/** A register has not reached the position a read asked for (HTTP 503 PROJECTION_LAGGING). */
export class RegistersLagging extends Error {
  constructor(
    message: string,
    readonly projection: string | null,
    readonly reached: number | null,
    readonly minPosition: number | null,
    /** Caught up, but still building the indexes it deferred. */
    readonly building = false,
  ) {
    super(message);
  }
}

/**
 * Waits until every runner has reached `minPosition`, then until they all stand at the same
 * position with their indexes in place, and returns it; RegistersLagging, naming the register furthest behind, once
 * `timeoutMs` has passed in all (one deadline for the whole wait, so a register that cannot
 * advance costs a reader `timeoutMs`, never more). The caller must read the tables
 * synchronously right after: commits happen only between JavaScript turns, so nothing moves
 * while it reads, and an answer drawn from several registers reflects exactly one log position.
 */
export async function alignRegisters(runners: TableRunnerView[], minPosition: number | undefined, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  if (minPosition !== undefined) {
    const reached = await Promise.all(runners.map((runner) => runner.waitFor(minPosition, timeoutMs)));
    const lagging = runners.find((_runner, index) => !reached[index]);
    if (lagging) {
      throw new RegistersLagging(`The ${lagging.projection.name} read model has not reached position ${minPosition} yet; try again`,
        lagging.projection.name, lagging.appliedPosition, minPosition);
    }
  }
  for (;;) {
    const positions = runners.map((runner) => runner.appliedPosition);
    const target = Math.max(...positions);
    if (positions.every((position) => position === target)) {
      // A register catching up a long log, or creating the indexes it deferred, cannot be queried.
      const unindexed = runners.find((runner) => !runner.indexed);
      if (unindexed === undefined) return target;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || !(await unindexed.waitForIndexes(remaining))) {
        throw new RegistersLagging(`The ${unindexed.projection.name} read model is still catching up and building its indexes; try again`,
          unindexed.projection.name, unindexed.appliedPosition, minPosition ?? null, true);
      }
      continue;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const behind = runners.reduce((slowest, runner) => (runner.appliedPosition < slowest.appliedPosition ? runner : slowest));
      throw new RegistersLagging(`The ${behind.projection.name} read model has not reached position ${target} yet; try again`,
        behind.projection.name, behind.appliedPosition, target);
    }
    await Promise.all(runners.map((runner) => runner.waitFor(target, remaining)));
  }
}
