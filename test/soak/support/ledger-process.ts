import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export { buildLedgerOnce } from '../../support/ledger-build';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LISTENING = /listening on http:\/\/localhost:(\d+)/;

/** The environment of a user's shell, minus anything that would point the ledger elsewhere. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('LEDGER_') || name === 'EVENTSTORE_CONNECTION_STRING' || name === 'PORT' || name === 'HOST') delete env[name];
  }
  return { ...env, ...extra };
}

export interface LedgerProcessOptions {
  dataDir: string;
  adminToken: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  env?: Record<string, string>;
}

/** One `node bin/ledger.js serve` process. */
export class LedgerProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** The port the ledger bound, known once it listens: it is started on port 0 and says which. */
  port = 0;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    // 'close', not 'exit': 'exit' may come before the last lines written to stdout and stderr have
    // been read, and those are the shutdown's own lines.
    this.exited = new Promise((resolveExit) => child.once('close', (code, signal) => resolveExit({ code, signal })));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(buildRoot: string, options: LedgerProcessOptions): Promise<LedgerProcess> {
    // Port 0: the kernel picks a free port as the ledger binds. A port found free beforehand may be
    // taken by another suite's connection before the ledger binds it (EADDRINUSE, seen on a restart).
    const child = spawn(process.execPath, [join(buildRoot, 'bin', 'ledger.js'), 'serve'], {
      cwd: buildRoot,
      env: cleanEnv({
        LEDGER_DATA_DIR: options.dataDir, PORT: '0', HOST: '127.0.0.1', LEDGER_ADMIN_TOKEN: options.adminToken,
        LEDGER_LOG_LEVEL: options.logLevel ?? 'error', ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new LedgerProcess(child);
    await server.waitUntilListening();
    return server;
  }

  /**
   * A start takes about a second; the deadline is far above it because a starved machine (every
   * core busy with other suites) can stretch Node's boot and Nest's start-up many times over.
   */
  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (!LISTENING.test(this.stdout)) {
      if (!this.running) throw new Error(`the ledger exited before listening:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`the ledger did not listen within 90 s:\n${this.stdout}\n${this.stderr}`);
      }
      await sleep(20);
    }
    this.port = Number(LISTENING.exec(this.stdout)?.[1]);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed; what was acknowledged must already be on disk. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: Nest's shutdown hooks run, projections commit, the store closes. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `node bin/ledger.js <args>` of the private build, on a data folder. */
export function runLedgerCli(buildRoot: string, args: string[], dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(buildRoot, 'bin', 'ledger.js'), ...args], {
    cwd: buildRoot, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'silent' }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
