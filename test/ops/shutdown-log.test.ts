import { spawn } from 'node:child_process';
import { buildLedgerOnce } from '../soak/support/ledger-process';

/**
 * "Shutdown on SIGTERM drains requests and says so" (issue 19), reliably. The lines were missed
 * now and then in loaded runs: pino writes stdout asynchronously on libuv's thread pool, and the
 * process ends by the re-raised signal while the write still waits for a thread. Here the pool
 * is kept busy on purpose (as scrypt password checks and file work keep it under load), so the
 * loss is certain with an asynchronous flush, and the announcer must write its lines anyway.
 */
const RECEIVED = 'SIGTERM received: no new connections; answering the requests in flight, then closing the store';
const STOPPED = 'Stopped after SIGTERM: every answered request is committed';

/** A process that logs like the server, keeps every thread of the pool busy, then shuts down as Nest does. */
function shutdownScript(flush: 'synchronous' | 'pino flush'): string {
  return `
    const crypto = require('node:crypto');
    const { Logger } = require('@nestjs/common');
    const { createPino, PinoNestLogger, writeLogSynchronously } = require('./dist/src/http/logger.js');
    const { ShutdownAnnouncer } = require('./dist/src/ops/shutdown-announcer.js');
    const log = createPino({ logLevel: 'info' }, false);
    Logger.overrideLogger(new PinoNestLogger(log));
    for (let i = 0; i < 2; i++) crypto.pbkdf2('busy', 'pool', 8000000, 64, 'sha512', () => {});
    log.info('serving');
    const announcer = new ShutdownAnnouncer();
    announcer.flushWith(${flush === 'synchronous'
      ? '() => writeLogSynchronously(log, 300)'
      : '() => new Promise((resolve) => log.flush(() => resolve()))'});
    (async () => {
      await announcer.beforeApplicationShutdown('SIGTERM');
      await announcer.onApplicationShutdown('SIGTERM');
      process.kill(process.pid, 'SIGTERM');
    })();
  `;
}

function run(buildRoot: string, script: string): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: buildRoot, env: { ...process.env, UV_THREADPOOL_SIZE: '2' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('close', (_code, signal) => resolve({ stdout, signal }));
  });
}

describe('the shutdown announcement', () => {
  let buildRoot: string;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
  }, 240_000);

  it('is written before the process ends by the re-raised SIGTERM, even with the thread pool busy', async () => {
    const { stdout, signal } = await run(buildRoot, shutdownScript('synchronous'));
    expect(signal).toBe('SIGTERM');
    const messages = stdout.split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.slice(-2)).toEqual([RECEIVED, STOPPED]);
  });

  it('was lost by the asynchronous flush that came before (the cause of the missing line)', async () => {
    const { stdout, signal } = await run(buildRoot, shutdownScript('pino flush'));
    expect(signal).toBe('SIGTERM');
    expect(stdout).not.toContain(RECEIVED);
    expect(stdout).not.toContain(STOPPED);
  });
});
