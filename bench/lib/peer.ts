import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EMMETT_PEER_DIR } from './paths';

export type PeerState = { available: true; installedNow: boolean; installSeconds: number } | { available: false; reason: string };

/**
 * Installs Emmett's SQLite event store into bench/peers/emmett on first use, with its own
 * package.json and lockfile, so it never enters the ledger's dependency tree and `npm ci` stays
 * clean. emmett-sqlite 0.42.4 asks for emmett 0.42.4, which is not published: hence
 * --legacy-peer-deps, and the peers (emmett, sqlite3, uuid, async-retry, commander) listed by
 * hand in that package.json. The sqlite3 driver compiles from source (about two minutes, once).
 */
export function ensureEmmettPeer(log: (line: string) => void): PeerState {
  const marker = join(EMMETT_PEER_DIR, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
  const store = join(EMMETT_PEER_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json');
  if (existsSync(marker) && existsSync(store)) return { available: true, installedNow: false, installSeconds: 0 };
  log('Installing the W6 peer (Emmett SQLite event store) into bench/peers/emmett: npm install --legacy-peer-deps (once; sqlite3 compiles from source)…');
  const started = performance.now();
  const result = spawnSync('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
    cwd: EMMETT_PEER_DIR,
    env: { ...process.env, npm_config_build_from_source: 'true' },
    encoding: 'utf8',
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const installSeconds = (performance.now() - started) / 1000;
  if (result.error || result.status !== 0 || !existsSync(marker) || !existsSync(store)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8).join(' | ');
    return { available: false, reason: result.error ? result.error.message : `npm install exited ${String(result.status)}: ${output}` };
  }
  log(`Peer installed in ${installSeconds.toFixed(0)} s.`);
  return { available: true, installedNow: true, installSeconds };
}
