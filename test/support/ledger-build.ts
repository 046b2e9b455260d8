import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = ['src', 'projections', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const COMPLETE_MARKER = 'build-complete';
/** How long a suite waits for another worker's build: tsc takes ~40 s on an idle two-core machine, minutes on a busy one. */
const WAIT_MS = 600_000;

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
 * private folder keyed by the sources' hash, laid out as a checkout is: dist/, a byte copy of
 * bin/ledger.js and package.json beside it, node_modules linked. Every suite that runs the
 * built command (`ledger …`, `node dist/src/main.js`) takes its build from here, so a test run
 * compiles the ledger once, whichever suites and workers need it (a mkdir lock makes the other
 * workers wait for the first one's build; a later run of the same sources reuses it).
 * Private, because nothing may load a file of ./dist while a build rewrites it.
 * Returns the folder that holds bin/ledger.js.
 */
export async function buildLedgerOnce(): Promise<string> {
  const target = join(tmpdir(), `ctd-ledger-build-${hashSources()}`);
  const lock = `${target}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(join(target, COMPLETE_MARKER))) {
      // In use: not stale for removeStaleBuilds.
      const now = new Date();
      utimesSync(target, now, now);
      return target;
    }
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
    } catch {
      // A lock whose process is gone was left by a killed run.
      if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
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

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // Just made, its pid not yet written; or gone.
    return Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function compileInto(target: string): void {
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'bin'), { recursive: true });
  // `npm test` type-checks the whole project before jest starts, so the emit is all that is wanted
  // here: --noCheck writes the same files as `npm run build` (compared byte for byte with
  // TypeScript 5.9) in half its CPU (10 s against 20 s on an idle two-core machine).
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--noCheck', '--outDir', join(partial, 'dist'), '--tsBuildInfoFile', join(partial, 'tsbuildinfo')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (!existsSync(join(partial, 'dist', 'src', 'cli', 'ledger-cli.js'))) {
    throw new Error(`tsc produced no CLI:\n${run.stdout}\n${run.stderr}`);
  }
  copyFileSync(join(ROOT, 'bin', 'ledger.js'), join(partial, 'bin', 'ledger.js'));
  // `ledger --version` reads the package.json above the compiled files, as in a checkout.
  copyFileSync(join(ROOT, 'package.json'), join(partial, 'package.json'));
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
