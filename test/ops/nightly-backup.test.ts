import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedgerOnce } from '../soak/support/ledger-process';
import { cleanEnv, ledgerSync } from '../cli/support';

/** deploy/nightly-backup.sh as cron runs it: back up, restore and verify the copy, tell Prometheus, keep 14 days. */
const SCRIPT = join(__dirname, '..', '..', 'deploy', 'nightly-backup.sh');

describe('deploy/nightly-backup.sh', () => {
  let buildRoot: string;
  let root: string;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    root = mkdtempSync(join(tmpdir(), 'ctd-ledger-nightly-'));
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const nightly = (dataDir: string, backups: string, textfiles: string) => spawnSync('sh', [SCRIPT], {
    env: cleanEnv({ LEDGER_DATA_DIR: dataDir, LEDGER: join(buildRoot, 'bin', 'ledger.js'), BACKUPS: backups, TEXTFILE_DIR: textfiles, LEDGER_LOG_LEVEL: 'silent' }),
    encoding: 'utf8',
  });

  it('backs up, verifies the copy, reports 1 to the textfile collector and removes backups older than 14 days', () => {
    const dataDir = join(root, 'data');
    expect(ledgerSync(buildRoot, ['users', 'add', 'Kế toán', '--role', 'accountant'], dataDir, { LEDGER_LOG_LEVEL: 'silent' }).status).toBe(0);
    const backups = join(root, 'backups');
    const textfiles = join(root, 'textfiles');
    mkdirSync(textfiles);
    const old = join(backups, '2026-01-01T021500');
    mkdirSync(old, { recursive: true });
    utimesSync(old, new Date(Date.now() - 20 * 86_400_000), new Date(Date.now() - 20 * 86_400_000));

    const run = nightly(dataDir, backups, textfiles);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const made = readdirSync(backups);
    expect(made).toHaveLength(1);
    expect(existsSync(join(backups, made[0], 'manifest.json'))).toBe(true);
    expect(existsSync(old)).toBe(false);
    const report = readFileSync(join(textfiles, 'ctd_fund_ledger_nightly.prom'), 'utf8');
    expect(report).toMatch(/^ledger_verify_last_ok\{source="nightly-backup"\} 1$/m);
    expect(report).toMatch(/^ledger_verify_last_run_timestamp_seconds\{source="nightly-backup"\} \d{10}$/m);
  });

  it('exits non-zero and reports 0 when there is nothing to back up, and keeps every earlier backup', () => {
    const textfiles = join(root, 'textfiles-failed');
    mkdirSync(textfiles);
    const backups = join(root, 'backups-failed');
    // A good backup of three weeks ago: after a failed night it may be the only one left.
    const old = join(backups, '2026-01-01T021500');
    mkdirSync(old, { recursive: true });
    utimesSync(old, new Date(Date.now() - 20 * 86_400_000), new Date(Date.now() - 20 * 86_400_000));
    const run = nightly(join(root, 'no-such-data'), backups, textfiles);
    expect(run.status).not.toBe(0);
    expect(readFileSync(join(textfiles, 'ctd_fund_ledger_nightly.prom'), 'utf8')).toMatch(/^ledger_verify_last_ok\{source="nightly-backup"\} 0$/m);
    // Nothing half-written is left for a restore drill to pick, and the old backup stays.
    expect(readdirSync(backups)).toEqual(['2026-01-01T021500']);
  });
});
