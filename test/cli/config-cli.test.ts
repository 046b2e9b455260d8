import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedgerOnce } from '../soak/support/ledger-process';
import { ledgerSync } from './support';

/** `ledger config` as an operator runs it before starting the server, or pastes it into a support request. */
describe('ledger config', () => {
  let buildRoot: string;
  let dataDir: string;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-ledger-config-'));
  }, 240_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints every variable in force, secrets hidden, exit 0', () => {
    const run = ledgerSync(buildRoot, ['config'], dataDir, {
      LEDGER_ADMIN_TOKEN: 'admin-token-never-shown-0123456789', LEDGER_METRICS_TOKEN: 'metrics-token-never-shown-0123',
      LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://ledger:pa55word@localhost:2113?tls=false', LEDGER_PUBLIC_RATE_LIMIT: '120',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^LEDGER_STORE=eventstoredb$/m);
    expect(run.stdout).toMatch(new RegExp(`^LEDGER_DATA_DIR=${dataDir}$`, 'm'));
    expect(run.stdout).toMatch(/^EVENTSTORE_CONNECTION_STRING=esdb:\/\/ledger:\*{8}@localhost:2113\?tls=false$/m);
    expect(run.stdout).toMatch(/^LEDGER_PUBLIC_RATE_LIMIT=120 /m);
    expect(run.stdout).toMatch(/^HOST=0\.0\.0\.0$/m);
    for (const secret of ['admin-token-never-shown', 'metrics-token-never-shown', 'pa55word']) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    const json = JSON.parse(ledgerSync(buildRoot, ['config', '--json'], dataDir).stdout) as { variable: string; value: unknown }[];
    expect(json.find((entry) => entry.variable === 'PORT')?.value).toBe(3000);
  });

  it('refuses a bad variable with one line naming it and what it accepts, exit 2', () => {
    const run = ledgerSync(buildRoot, ['config'], dataDir, { LEDGER_AUTH_FAILURE_LIMIT: 'lots' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ledger config: LEDGER_AUTH_FAILURE_LIMIT must be a whole number from 1 to 999999999, not "lots"\n/);
  });

  it('refuses an empty LEDGER_DATA_DIR, as every other empty variable, rather than keep the ledger in the working folder', () => {
    for (const blank of ['', ' ']) {
      for (const args of [['config'], ['users', 'add', 'Kế toán', '--role', 'accountant']]) {
        const run = ledgerSync(buildRoot, args, blank, { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
        expect({ blank, args, status: run.status, stdout: run.stdout }).toEqual({ blank, args, status: 2, stdout: '' });
        expect(run.stderr).toMatch(new RegExp(`^ledger ${args[0]}: LEDGER_DATA_DIR must be the path of the data folder \\(default \\./data\\), not "${blank}"\n`));
      }
    }
    expect(existsSync(join(buildRoot, 'ledger.db'))).toBe(false);
  });

  it('reads the signing key LEDGER_SIGNING_KEY_FILE names, as the server would: a missing or spoiled key is exit 2 here, not at the start', () => {
    const missing = join(dataDir, 'no-such-key.pem');
    const spoiled = join(dataDir, 'spoiled-key.pem');
    writeFileSync(spoiled, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n', { mode: 0o600 });
    for (const [file, reason] of [[missing, 'does not exist'], [spoiled, 'is not a PEM private key']]) {
      const run = ledgerSync(buildRoot, ['config'], dataDir, { LEDGER_SIGNING_KEY_FILE: file });
      expect({ file, status: run.status, stdout: run.stdout }).toEqual({ file, status: 2, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^ledger config: LEDGER_SIGNING_KEY_FILE: ${file} ${reason}\n`));
    }
  });
});
