import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_TOKEN, startTestLedger } from '../../support/ledger-app';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'ledger.js');

const BUILD_LOCK = join(tmpdir(), 'ctd-fund-ledger-import-tests.build-lock');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Compiles the CLI as `npm run build` does, one test file at a time (two test files of this
 * folder spawn the CLI and jest runs them side by side). Other sessions' unfinished files may fail
 * type checks; the emit is what matters.
 */
export function buildCli(): void {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) rmdirSync(BUILD_LOCK);
      if (Date.now() > deadline) throw new Error('another test file held the build lock for 3 minutes');
      sleep(200);
    }
  }
  try {
    const started = Date.now();
    spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    const compiled = statSync(join(ROOT, 'dist', 'src', 'cli', 'verbs', 'import.verb.js'), { throwIfNoEntry: false });
    const source = statSync(join(ROOT, 'src', 'cli', 'verbs', 'import.verb.ts'));
    if (!compiled || (compiled.mtimeMs < source.mtimeMs && compiled.mtimeMs < started)) throw new Error('building did not produce the import verb');
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

/** The environment of a user's shell, minus anything that would point the ledger elsewhere. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['LEDGER_STORE', 'LEDGER_DATA_DIR', 'LEDGER_ADMIN_TOKEN', 'EVENTSTORE_CONNECTION_STRING', 'PORT', 'HOST', 'LEDGER_LOG_LEVEL', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...extra };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `ledger …` as a user types it: the real bin script in a child process, waited for. */
export function ledger(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `ledger …` started in the background. */
export function spawnLedger(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A data folder holding a fund (and a campaign on the Yagi account), written by the real server. */
export async function dataDirWithFund(dataDir: string, fundId: string): Promise<void> {
  const ledger = await startTestLedger({ dataDir });
  try {
    const token = ADMIN_TOKEN;
    const fund = await ledger.http().post('/v1/funds').set('Authorization', `Bearer ${token}`).send({ fundId, name: 'Quỹ Chữ thập đỏ' });
    if (fund.status !== 201) throw new Error(`fund: ${fund.status} ${JSON.stringify(fund.body)}`);
    const campaign = await ledger.http().post(`/v1/funds/${fundId}/campaigns`).set('Authorization', `Bearer ${token}`).send({
      campaignId: 'bao-yagi', name: 'Bão Yagi', kind: 'disaster', receiveFrom: '2024-09-01T00:00:00+07:00', receiveUntil: '2024-11-29T00:00:00+07:00', bankAccount: '0011001932418',
    });
    if (campaign.status !== 201) throw new Error(`campaign: ${campaign.status} ${JSON.stringify(campaign.body)}`);
  } finally {
    await ledger.close();
  }
}
