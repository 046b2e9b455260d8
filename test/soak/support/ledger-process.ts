import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const SOURCES = ['src', 'projections', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const COMPLETE_MARKER = 'build-complete';
const LOCK_STALE_MS = 180_000;

function hashSources(): string {
  // The checkout is part of the key: a build links that checkout's node_modules.
  const hash = createHash('sha256').update(ROOT).update('\0');
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(path.slice(ROOT.length)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const source of SOURCES) visit(join(ROOT, source));
  return hash.digest('hex').slice(0, 20);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ledger compiled as `npm run build` compiles it (tsc -p tsconfig.build.json), into a
 * private folder keyed by the sources' hash, with a byte copy of bin/ledger.js beside it and
 * node_modules linked. Private, because the CLI suite rebuilds ./dist while other suites run:
 * a server starting from ./dist could read a half-written file, and a build of ours could
 * break the CLI suite's processes. Suites in other workers share one build (mkdir lock).
 * Returns the folder that holds bin/ledger.js.
 */
export async function buildLedgerOnce(): Promise<string> {
  const target = join(tmpdir(), `ctd-ledger-build-${hashSources()}`);
  const lock = `${target}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    if (existsSync(join(target, COMPLETE_MARKER))) {
      // In use: not stale for removeStaleBuilds.
      const now = new Date();
      utimesSync(target, now, now);
      return target;
    }
    try {
      mkdirSync(lock);
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for another worker's build at ${target}`);
      await sleep(200);
      continue;
    }
    try {
      if (!existsSync(join(target, COMPLETE_MARKER))) compileInto(target);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function compileInto(target: string): void {
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'bin'), { recursive: true });
  // Other sessions' unfinished files may fail type checks; as for the CLI suite, the emit is what matters.
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', join(partial, 'dist'), '--tsBuildInfoFile', join(partial, 'tsbuildinfo')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (!existsSync(join(partial, 'dist', 'src', 'cli', 'ledger-cli.js'))) {
    throw new Error(`tsc produced no CLI:\n${run.stdout}\n${run.stderr}`);
  }
  copyFileSync(join(ROOT, 'bin', 'ledger.js'), join(partial, 'bin', 'ledger.js'));
  symlinkSync(join(ROOT, 'node_modules'), join(partial, 'node_modules'), 'dir');
  writeFileSync(join(partial, COMPLETE_MARKER), new Date().toISOString());
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  removeStaleBuilds(target);
}

/** Builds of older sources, untouched for an hour: no run uses them any more. */
function removeStaleBuilds(current: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('ctd-ledger-build-') || path === current || name.endsWith('.lock')) continue;
    if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

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

  private constructor(readonly child: ChildProcess, readonly port: number) {
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
    const port = await freePort();
    const child = spawn(process.execPath, [join(buildRoot, 'bin', 'ledger.js'), 'serve'], {
      cwd: buildRoot,
      env: cleanEnv({
        LEDGER_DATA_DIR: options.dataDir, PORT: String(port), HOST: '127.0.0.1', LEDGER_ADMIN_TOKEN: options.adminToken,
        LEDGER_LOG_LEVEL: options.logLevel ?? 'error', ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new LedgerProcess(child, port);
    await server.waitUntilListening();
    return server;
  }

  /**
   * A start takes about a second; the deadline is far above it because a starved machine (every
   * core busy with other suites) can stretch Node's boot and Nest's start-up many times over.
   */
  private async waitUntilListening(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (!this.stdout.includes(`listening on http://localhost:${this.port}`)) {
      if (!this.running) throw new Error(`the ledger exited before listening:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`the ledger did not listen within 90 s:\n${this.stdout}\n${this.stderr}`);
      }
      await sleep(20);
    }
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
