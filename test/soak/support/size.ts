/**
 * How big the robustness suites run. `npm test` runs them small; `SOAK=1` (npm run test:soak)
 * runs them at full size. A suite's own variable (e.g. SIM_SEEDS=50) overrides both, so one
 * failing case can be replayed alone.
 */
export const SOAK = process.env.SOAK === '1' || process.env.SOAK === 'true';

export function sizeFromEnv(variable: string, small: number, full: number): number {
  const raw = process.env[variable];
  if (raw !== undefined && raw !== '') {
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${variable} must be a non-negative integer, not "${raw}"`);
    return value;
  }
  return SOAK ? full : small;
}

/** A seed from the environment, or a fresh one; printed by the suite so a failure replays exactly. */
export function seedFromEnv(variable: string): number {
  const raw = process.env[variable];
  if (raw !== undefined && raw !== '') {
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw new Error(`${variable} must be an integer, not "${raw}"`);
    return value;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** jest swallows console.log of passing suites unless --verbose; stderr always shows. */
export function report(line: string): void {
  process.stderr.write(`${line}\n`);
}
