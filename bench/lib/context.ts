import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Child, ChildRegistry } from './children';
import { LocalHttp } from './http';
import { childScript } from './paths';
import { BENCH_ADMIN_TOKEN } from './setup';

/** How big each workload is: the full run of issue 6, or --quick (100k rows/events). */
export interface Sizes {
  statementRows: number;
  logEvents: number;
  /** Seconds of each measured autocannon run of W2, and of its warm-up. */
  w2Seconds: number;
  w2WarmupSeconds: number;
  /** Rounds of W2, alternating ledger and bare (ABBA for two rounds), to cancel drift. */
  w2Rounds: number;
  w3Requests: number;
  w3FloodSeconds: number;
  w5Requests: number;
  /** W6 interleaves the stores in rounds (the disk's fsync time drifts); appends per store and round. */
  w6Rounds: number;
  w6PortChunk: number;
  w6EmmettChunk: number;
}

export const FULL: Sizes = {
  statementRows: 1_000_000, logEvents: 1_000_000, w2Seconds: 10, w2WarmupSeconds: 3, w2Rounds: 2, w3Requests: 1_000, w3FloodSeconds: 20,
  w5Requests: 3_000, w6Rounds: 48, w6PortChunk: 400, w6EmmettChunk: 60,
};

export const QUICK: Sizes = {
  statementRows: 100_000, logEvents: 100_000, w2Seconds: 4, w2WarmupSeconds: 1, w2Rounds: 1, w3Requests: 200, w3FloodSeconds: 5,
  w5Requests: 1_000, w6Rounds: 6, w6PortChunk: 150, w6EmmettChunk: 40,
};

export interface BenchOptions {
  quick: boolean;
  seed: number;
  only: Set<string> | null;
  profile: boolean;
  keep: boolean;
}

/** What every workload gets: the sizes, the seed, a temporary folder, and a way to start children. */
export class BenchContext {
  readonly children = new ChildRegistry();
  readonly logDir: string;
  readonly profileDir: string | undefined;

  constructor(
    readonly options: BenchOptions,
    readonly sizes: Sizes,
    readonly workDir: string,
    readonly log: (line: string) => void,
  ) {
    this.logDir = join(workDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    if (options.profile) {
      this.profileDir = join(workDir, 'profiles');
      mkdirSync(this.profileDir, { recursive: true });
    }
  }

  /** A fresh data folder under the bench's temporary folder (never ./data). */
  dataDir(name: string): string {
    const dir = join(this.workDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  spawn(script: string, name: string, options: { env?: NodeJS.ProcessEnv; profile?: boolean; cwd?: string; absolute?: boolean } = {}): Child {
    return this.children.add(
      Child.spawn(options.absolute ? script : childScript(script), {
        name,
        env: options.env,
        cwd: options.cwd,
        logDir: this.logDir,
        cpuProfileDir: options.profile ? this.profileDir : undefined,
      }),
    );
  }

  /** The ledger in its own process on `dataDir`: `http` (the API) or `core` (store and projections only). */
  async startLedger(dataDir: string, mode: 'http' | 'core', name: string): Promise<{ child: Child; port: number; admin: LocalHttp; bootMs: number }> {
    const child = this.spawn('ledger', name, {
      profile: this.options.profile,
      env: {
        BENCH_LEDGER_MODE: mode,
        BENCH_DATA_DIR: dataDir,
        BENCH_ADMIN_TOKEN,
        // The public routes are rate-limited per address (600/min); W5 sends thousands from 127.0.0.1.
        LEDGER_PUBLIC_RATE_LIMIT: '100000000',
      },
    });
    const readyMessage = await child.ready;
    const port = Number(readyMessage.port ?? 0);
    return { child, port, admin: new LocalHttp(port, BENCH_ADMIN_TOKEN), bootMs: Number(readyMessage.bootMs) };
  }
}

export interface ResultRow {
  id: string;
  workload: string;
  unit: string;
  /** The ledger's figure; null when the workload could not run (see status). */
  value: number | null;
  ceiling: number | null;
  ceilingLabel: string;
  ratio: number | null;
  target: string;
  met: boolean | null;
  /** Set when the row could not be measured: "import unavailable", "peer unavailable", an error. */
  status?: string;
  detail: Record<string, unknown>;
  /** Printed under the table. */
  notes?: string[];
}
