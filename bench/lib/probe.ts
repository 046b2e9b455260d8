import type { Child } from './children';

export interface ProbeOptions {
  port: number;
  token?: string;
  count: number;
  warmup: number;
  expectStatus: number;
  /** Cycled through in order. */
  requests: object[];
  /** Stop after this long, counted from when the probe starts. */
  forMs?: number;
}

/** Latency samples (ms) of sequential requests sent by the probe child (children/probe.ts). */
export async function probeSamples(probe: Child, options: ProbeOptions): Promise<number[]> {
  const budgetMs = (options.forMs ?? 0) + (options.count + options.warmup) * 30_000 + 60_000;
  const answer = await probe.request({ type: 'probe', ...options }, budgetMs);
  return answer.samples as number[];
}
