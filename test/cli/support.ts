import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What one `ledger …` command left: its exit status and everything it wrote. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell, minus anything that would point the ledger elsewhere. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('LEDGER_') || name === 'EVENTSTORE_CONNECTION_STRING' || name === 'PORT' || name === 'HOST') delete env[name];
  }
  return { ...env, ...extra };
}

/** `ledger …` as a user types it: the bin script of the build at `root`, on a data folder, waited for. */
export function ledgerSync(root: string, args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'ledger.js'), ...args], {
    cwd: root, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `ledger …` in a child process, awaited without blocking this process, so a test can keep
 * sending requests to a server while the command runs.
 */
export function ledgerAsync(root: string, args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'ledger.js'), ...args], {
      cwd: root, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
