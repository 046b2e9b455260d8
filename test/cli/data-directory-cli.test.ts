import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbProtocolTestServer } from '../eventstoredb-test-server/esdb-protocol-test-server';
import { buildLedgerOnce } from '../support/ledger-build';
import { cleanEnv, ledgerAsync } from './support';

/**
 * What the verbs do with LEDGER_DATA_DIR before anything was written there: on SQLite the folder
 * is where the log should be, so an auditor's verb on a mistyped or empty folder must say there is
 * no log rather than create an empty ledger and report it whole; on EventStoreDB the log is on the
 * server and the folder only holds read models, so a verb creates it as the server does.
 */
describe('the data folder', () => {
  let buildRoot: string;
  let parent: string;

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    parent = mkdtempSync(join(tmpdir(), 'ledger-data-folder-'));
  }, 600_000);

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  describe('on SQLite, without a log', () => {
    it.each([
      [['verify']], [['replay']], [['export']], [['report', 'financial', '--fund', 'ctd-hn']], [['checkpoint']], [['prove', '1']],
    ])('`ledger %j` exits 2 naming the missing log, and creates nothing', async (args) => {
      const absent = join(parent, `absent-${args[0]}`);
      const run = await ledgerAsync(buildRoot, args, absent, { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr).toContain(`there is no event log at ${join(absent, 'ledger.db')} (check LEDGER_DATA_DIR)`);
      expect(existsSync(absent)).toBe(false);
    });

    it('says so in Vietnamese under a Vietnamese locale', async () => {
      const absent = join(parent, 'absent-vi');
      const run = await ledgerAsync(buildRoot, ['verify'], absent, { LEDGER_LOG_LEVEL: 'silent', LANG: 'vi_VN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`không có nhật ký sự kiện tại ${join(absent, 'ledger.db')} (hãy kiểm tra LEDGER_DATA_DIR)`);
    });
  });

  describe('on SQLite, a folder that holds files but no log', () => {
    it('`ledger serve` and `npm start` refuse to open a new ledger beside them, naming the folder, and create nothing', async () => {
      const folder = join(parent, 'mistyped');
      mkdirSync(folder);
      writeFileSync(join(folder, 'bao-cao-2025.xlsx'), 'a file of someone else');
      const english = { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
      const serve = await ledgerAsync(buildRoot, ['serve', '--port', '0', '--host', '127.0.0.1'], folder, english);
      expect(serve.status).toBe(2);
      expect(serve.stderr).toContain(`${folder} holds files (bao-cao-2025.xlsx) but no event log ledger.db: a mistyped LEDGER_DATA_DIR?`);
      const start = spawnSync(process.execPath, [join(buildRoot, 'dist', 'src', 'main.js')], {
        env: cleanEnv({ ...english, LEDGER_DATA_DIR: folder, PORT: '0', HOST: '127.0.0.1' }), encoding: 'utf8',
      });
      expect(start.status).toBe(1);
      expect(start.stderr.trim()).toContain('but no event log ledger.db');
      expect(readdirSync(folder)).toEqual(['bao-cao-2025.xlsx']);
    });

    it('`ledger serve` with a LEDGER_SIGNING_KEY_FILE that is not there stops before it makes anything', async () => {
      const folder = join(parent, 'key-missing');
      const run = await ledgerAsync(buildRoot, ['serve', '--port', '0', '--host', '127.0.0.1'], folder, {
        LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', LEDGER_SIGNING_KEY_FILE: join(parent, 'nowhere.pem'),
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`LEDGER_SIGNING_KEY_FILE: ${join(parent, 'nowhere.pem')} does not exist`);
      expect(existsSync(folder)).toBe(false);
    });
  });

  describe('on SQLite, with a file that is not a database', () => {
    it.each([
      ['read-models.db', /read-models\.db .* is not an SQLite database: .*rebuilt from the log/],
      ['ledger.db', /ledger\.db .* is not an SQLite database: .*ledger restore/],
    ])('names %s and what to do, exit 3', async (file, said) => {
      const folder = join(parent, `damaged-${file}`);
      const english = { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
      expect((await ledgerAsync(buildRoot, ['users', 'add', 'Kế toán', '--role', 'accountant'], folder, english)).status).toBe(0);
      writeFileSync(join(folder, file), 'not a database, but a file the disk or a person spoiled'.repeat(100));
      for (const args of [['verify', '--quiet'], ['report', 'financial', '--fund', 'ctd-hn', '--quiet']]) {
        const run = await ledgerAsync(buildRoot, args, folder, english);
        expect({ args, status: run.status }).toEqual({ args, status: 3 });
        expect(run.stderr).toMatch(said);
      }
      // `npm start` says the same, without a stack.
      const start = spawnSync(process.execPath, [join(buildRoot, 'dist', 'src', 'main.js')], {
        env: cleanEnv({ ...english, LEDGER_DATA_DIR: folder, PORT: '0', HOST: '127.0.0.1' }), encoding: 'utf8',
      });
      expect(start.status).toBe(1);
      expect(start.stderr).toMatch(said);
      expect(start.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('on EventStoreDB, not yet created', () => {
    let server: EsdbProtocolTestServer;

    beforeAll(async () => {
      server = await EsdbProtocolTestServer.start({ batchAppend: true });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('`ledger verify` and `ledger report` create it 0700 for the read models and read the log on the server', async () => {
      const env = { LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_LOG_LEVEL: 'silent' };
      expect((await ledgerAsync(buildRoot, ['users', 'add', 'Kiểm toán', '--role', 'auditor'], join(parent, 'esdb-users'), env)).status).toBe(0);
      const folder = join(parent, 'esdb-verify');
      const verify = await ledgerAsync(buildRoot, ['verify', '--json', '--quiet'], folder, env);
      expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, eventsChecked: 1 });
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      const report = await ledgerAsync(buildRoot, ['report', 'financial', '--fund', 'ctd-hn', '--quiet'], join(parent, 'esdb-report'), env);
      expect(report.status).toBe(2);
      expect(report.stderr).toMatch(/"ctd-hn"/);
    });

    it('`ledger serve` starts on it and creates it', async () => {
      const folder = join(parent, 'esdb-serve');
      const child = spawn(process.execPath, [join(buildRoot, 'bin', 'ledger.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
        cwd: buildRoot,
        env: cleanEnv({ LEDGER_DATA_DIR: folder, LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_LOG_LEVEL: 'silent' }),
      });
      let output = '';
      const ended = new Promise<number | null>((resolveEnd) => child.once('exit', (code) => resolveEnd(code)));
      const listening = await new Promise<boolean>((resolveListening) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (/listening on http:\/\/localhost:\d+/.test(output)) resolveListening(true);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        void ended.then(() => resolveListening(false));
      });
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await ended;
      expect({ listening, output: listening ? '' : output }).toEqual({ listening: true, output: '' });
      expect(statSync(folder).mode & 0o777).toBe(0o700);
    });
  });
});
