import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ADMIN_TOKEN, startTestLedger } from '../../support/ledger-app';
import { buildLedgerOnce } from '../../support/ledger-build';

export const ROOT = resolve(__dirname, '..', '..', '..');

/** The ledger compiled as `npm run build` does, shared by every suite of the run; set by buildCli(). */
let buildRoot: string | undefined;

/** Compiles the CLI as `npm run build` does, once per test run (test/support/ledger-build.ts). */
export async function buildCli(): Promise<void> {
  buildRoot = await buildLedgerOnce();
}

/** The built bin script: `ledger` as a user runs it. */
function bin(): string {
  if (!buildRoot) throw new Error('call buildCli() in beforeAll first');
  return join(buildRoot, 'bin', 'ledger.js');
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
  const run = spawnSync(process.execPath, [bin(), ...args], {
    cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `ledger …` started in the background. */
export function spawnLedger(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [bin(), ...args], { cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, ...extraEnv }), stdio: ['ignore', 'pipe', 'pipe'] });
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
