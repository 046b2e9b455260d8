import { resolve } from 'node:path';

/** The project's root: this file runs as dist/bench/lib/paths.js. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
export const BENCH_DIR = resolve(PROJECT_ROOT, 'bench');
/** The compiled child processes of the bench. */
export const CHILDREN_DIR = resolve(__dirname, '..', 'children');
export const EMMETT_PEER_DIR = resolve(BENCH_DIR, 'peers', 'emmett');
export const LEDGER_BIN = resolve(PROJECT_ROOT, 'bin', 'ledger.js');

export function childScript(name: string): string {
  return resolve(CHILDREN_DIR, `${name}.js`);
}
