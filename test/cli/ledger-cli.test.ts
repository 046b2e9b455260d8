import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ClosedLedger, copyLedger, eventRows, FUND_ID, withEventFile, writeClosedLedger } from '../audit/ledger-fixture';
import { journalFromCsv, parseNdjson, recheckJournal } from '../audit/offline-recipe';
import { buildLedgerOnce } from '../support/ledger-build';
import { cleanEnv, ledgerAsync, ledgerSync, type Run } from './support';

const ROOT = resolve(__dirname, '..', '..');
/** The ledger compiled as `npm run build` does (one build per test run, shared by every suite). */
let buildRoot: string;
const bin = (): string => join(buildRoot, 'bin', 'ledger.js');
const VERBS = ['serve', 'users', 'replay', 'verify', 'export', 'config'];

/** `ledger …` as a user types it: the real bin script of the build in a child process. */
function ledger(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Run {
  return ledgerSync(buildRoot, args, dataDir, extraEnv);
}

/** The same, not blocking this process: independent commands of one test run side by side. */
function ledgerInBackground(args: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<Run> {
  return ledgerAsync(buildRoot, args, dataDir, extraEnv);
}

/**
 * `ledger serve --port 0` on `dataDir`, once it says where it listens: the child, that port and
 * everything it printed until then (a first start's setup link comes before the listening line).
 */
async function serveOnFreePort(dataDir: string): Promise<{ server: ChildProcess; port: number; output: string }> {
  const server = spawn(process.execPath, [bin(), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'silent' }),
  });
  try {
    return await new Promise((resolveListening, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match) resolveListening({ server, port: Number(match[1]), output });
      });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${output}`)));
    });
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

/** Ends a `ledger serve` child and waits for it; one that already exited (a failed test) is not waited for. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolveExit) => server.once('exit', resolveExit));
  server.kill('SIGTERM');
  await exited;
}

describe('the ledger command line', () => {
  let written: ClosedLedger;
  const folders: string[] = [];
  const scratch = (): string => {
    const copy = copyLedger(written.dataDir);
    folders.push(copy);
    return copy;
  };

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    written = await writeClosedLedger();
  }, 600_000); // the build may wait for another worker's tsc, minutes on a busy machine

  afterAll(() => {
    written?.cleanup();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  describe('help and usage', () => {
    it('documents every verb and the exit codes', () => {
      const run = ledger(['--help'], scratch());
      expect(run.status).toBe(0);
      for (const verb of VERBS) expect(run.stdout).toMatch(new RegExp(`^  ${verb} `, 'm'));
      expect(run.stdout).toMatch(/Exit codes:\n  0 .*\n  1 .*\n  2 .*\n  3 /);
    });

    it.each(VERBS)('answers `%s --help` with its usage, exit 0', async (verb) => {
      const [run, viaHelp] = await Promise.all([ledgerInBackground([verb, '--help'], scratch()), ledgerInBackground(['help', verb], scratch())]);
      expect(run.status).toBe(0);
      expect(run.stdout.startsWith(`Usage: ledger ${verb}`)).toBe(true);
      expect(viaHelp.stdout).toBe(run.stdout);
    });

    it.each([
      [[]],
      [['frobnicate']],
      [['verify', '--bogus']],
      [['replay', '--as-of', 'yesterday']],
      [['replay', '--at-position', '3', '--to-position', '3']],
      [['replay', '--recorded-before', '2024-05-12']],
      [['replay', '--to-position', '-3']],
      [['export', '--format', 'xml']],
      [['users', 'add']],
      [['users', 'add', 'Lan', '--role', 'king']],
      [['users', 'remove', 'Lan']],
    ])('exits 2 on a usage error: %j', (args) => {
      const run = ledger(args, scratch());
      expect(run.status).toBe(2);
      expect(run.stderr.length + run.stdout.length).toBeGreaterThan(0);
    });

    it('words its refusals by the locale: Vietnamese for vi_VN, C or no locale, English for any other; the same exit code', async () => {
      const locales: [Record<string, string>, 'vi' | 'en'][] = [
        [{ LANG: 'vi_VN.UTF-8' }, 'vi'], [{ LANG: 'C' }, 'vi'], [{ LANG: '' }, 'vi'], [{ LANG: 'en_US.UTF-8' }, 'en'],
        [{ LANG: 'vi_VN.UTF-8', LC_ALL: 'en_GB.UTF-8' }, 'en'],
      ];
      const said = {
        vi: /^ledger users: không có vai trò king; các vai trò là .*\nChạy `ledger users --help` để xem cách dùng\.$/m,
        en: /^ledger users: unknown role king; roles are .*\nRun `ledger users --help` for usage\.$/m,
      };
      const runs = await Promise.all(locales.map(([locale]) => ledgerInBackground(['users', 'add', 'Lan', '--role', 'king'], scratch(), { LC_ALL: '', LC_MESSAGES: '', ...locale })));
      for (const [index, [locale, language]] of locales.entries()) {
        const run = runs[index];
        expect({ locale, status: run.status }).toEqual({ locale, status: 2 });
        expect({ locale, stderr: run.stderr }).toEqual({ locale, stderr: expect.stringMatching(said[language]) });
      }
    });

    it('exits 2 on bad configuration, 3 when the store cannot be opened', () => {
      expect(ledger(['verify'], scratch(), { LEDGER_STORE: 'oracle' }).status).toBe(2);
      const notAFolder = join(scratch(), 'ledger.db');
      const run = ledger(['verify'], notAFolder);
      expect(run.status).toBe(3);
      expect(run.stderr).toMatch(/^ledger verify: /m);
    });

    it('refuses a bad LEDGER_LOG_LEVEL with one line naming the variable, for `ledger serve` and `npm start` alike', () => {
      const serve = ledger(['serve', '--port', '0'], scratch(), { LEDGER_LOG_LEVEL: 'verbose' });
      expect(serve.status).toBe(2);
      expect(serve.stderr).toMatch(/^ledger serve: LEDGER_LOG_LEVEL must be one of silent, error, warn, info, debug, not "verbose"$/m);
      expect(serve.stderr).not.toMatch(/\n\s+at /);
      const start = spawnSync(process.execPath, [join(buildRoot, 'dist', 'src', 'main.js')], {
        cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: scratch(), LEDGER_LOG_LEVEL: 'verbose', PORT: '0' }), encoding: 'utf8',
      });
      expect(start.status).toBe(1);
      expect(start.stderr.trim().split('\n')).toEqual(['LEDGER_LOG_LEVEL must be one of silent, error, warn, info, debug, not "verbose"']);
    });

    it('answers help, --version and usage errors without loading Nest, exceljs, pdfkit or class-validator', () => {
      // The verbs load those with the work that needs them; a command that only answers must stay light.
      const script = `const cli = require(${JSON.stringify(join(buildRoot, 'dist', 'src', 'cli', 'ledger-cli.js'))});
        const sink = { write: () => true, once: () => undefined };
        const io = { stdout: sink, stderr: sink, env: process.env };
        const commands = [['--help'], ['--version'], ['verify', '--help'], ['users', 'add', 'Lan', '--role', 'king'], ['report', 'financial'], ['import'], ['replay', '--as-of', 'yesterday'], ['export', '--format', 'xml']];
        (async () => {
          const codes = [];
          for (const command of commands) codes.push(await cli.runLedgerCli(command, io));
          process.stdout.write(JSON.stringify({ codes, loaded: Object.keys(require.cache) }));
        })();`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: buildRoot, env: cleanEnv({ LEDGER_DATA_DIR: scratch() }), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const { codes, loaded } = JSON.parse(run.stdout) as { codes: number[]; loaded: string[] };
      expect(codes).toEqual([0, 0, 0, 2, 2, 2, 2, 2]);
      expect(loaded.some((path) => path.endsWith(join('cli', 'verbs', 'import.verb.js')))).toBe(true);
      expect(loaded.filter((path) => /[\\/]node_modules[\\/](@nestjs|exceljs|pdfkit|class-validator)[\\/]/.test(path))).toEqual([]);
    });

    it('imports a CSV statement and starts the server without loading exceljs: a workbook loads it when one is read or written', () => {
      // exceljs and its zip libraries are six hundred modules: a CSV import and a server start read none of them.
      const folder = scratch();
      const statement = join(folder, 'sao-ke.csv');
      writeFileSync(statement, '\ufeffNgày giao dịch;Số CT;Số tiền ghi có;Số tiền ghi nợ;Nội dung;Tên đối ứng\r\n10/09/2024;CSV1;250.000;;Ung ho bao Yagi;Nguyen Van An\r\n');
      const dist = join(buildRoot, 'dist', 'src');
      const script = `const cli = require(${JSON.stringify(join(dist, 'cli', 'ledger-cli.js'))});
        const { createLedgerApp } = require(${JSON.stringify(join(dist, 'ledger-app.js'))});
        const { configFromEnv } = require(${JSON.stringify(join(dist, 'config', 'ledger-config.js'))});
        let out = '';
        const io = { stdout: { write: (text) => { out += text; return true; }, once: () => undefined }, stderr: { write: () => true, once: () => undefined }, env: process.env };
        const excel = () => Object.keys(require.cache).filter((path) => /[\\\\/]node_modules[\\\\/]exceljs[\\\\/]/.test(path));
        (async () => {
          const imported = await cli.runLedgerCli(['import', ${JSON.stringify(statement)}, '--fund', ${JSON.stringify(FUND_ID)}, '--quiet'], io);
          const afterImport = excel();
          const app = await createLedgerApp({ ...configFromEnv(process.env), port: 0 });
          await app.listen({ port: 0, host: '127.0.0.1' });
          const afterStart = excel();
          await app.close();
          process.stdout.write(JSON.stringify({ imported, result: JSON.parse(out), afterImport, afterStart }));
        })();`;
      const run = spawnSync(process.execPath, ['-e', script], { cwd: buildRoot, env: cleanEnv({ LEDGER_DATA_DIR: folder, LEDGER_LOG_LEVEL: 'silent' }), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const { imported, result, afterImport, afterStart } = JSON.parse(run.stdout) as { imported: number; result: { imported: number }; afterImport: string[]; afterStart: string[] };
      expect([imported, result.imported]).toEqual([0, 1]);
      expect(afterImport).toEqual([]);
      expect(afterStart).toEqual([]);
    });

    it('prints its name and version with --version', () => {
      const run = ledger(['--version'], scratch());
      expect(run.status).toBe(0);
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      expect(run.stdout).toBe(`ctd-fund-ledger ${manifest.version}\n`);
    });

    it('creates its data folder and files readable by their owner only, whatever the umask', () => {
      const parent = mkdtempSync(join(tmpdir(), 'ledger-private-'));
      folders.push(parent);
      const folder = join(parent, 'data');
      expect(ledger(['users', 'add', 'Thủ quỹ', '--role', 'accountant'], folder).status).toBe(0);
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      const created = readdirSync(folder).filter((name) => statSync(join(folder, name)).isFile());
      expect(created).toContain('ledger.db');
      for (const name of created) expect([name, statSync(join(folder, name)).mode & 0o777]).toEqual([name, 0o600]);
    });

    it('tells the user to build when the compiled CLI is missing', () => {
      const folder = mkdtempSync(join(tmpdir(), 'ledger-unbuilt-'));
      folders.push(folder);
      mkdirSync(join(folder, 'bin'));
      copyFileSync(bin(), join(folder, 'bin', 'ledger.js'));
      const run = spawnSync(process.execPath, [join(folder, 'bin', 'ledger.js'), 'verify'], { encoding: 'utf8' });
      expect(run.status).toBe(3);
      expect(run.stderr).toMatch(/npm run build/);
    });
  });

  describe('verify', () => {
    it('exits 0 with a summary on an untouched ledger, progress on stderr', () => {
      const run = ledger(['verify'], scratch());
      expect(run.status).toBe(0);
      const head = withEventFile(written.dataDir, (db) => eventRows(db).length);
      expect(run.stdout).toMatch(new RegExp(`^OK: ${head} events verified`));
      expect(run.stdout).toMatch(/^projection balance \(state, v\d+\) at position \d+: equals a fresh replay, sha256 [0-9a-f]{64}$/m);
      expect(run.stdout).toMatch(/^global chain head: [0-9a-f]{64} \(keep it/m);
      expect(run.stderr).toMatch(/^verify: 100% \(position \d+ of \d+\), done$/m);
    });

    it('exits 1 naming the first bad position and why', () => {
      const folder = scratch();
      const target = withEventFile(folder, (db) => {
        const { position, data } = db.prepare("SELECT position, data FROM events WHERE type = 'DonationRecorded' ORDER BY position LIMIT 1 OFFSET 2").get() as {
          position: number; data: string;
        };
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data.replace('"amountVnd":"4', '"amountVnd":"9'), position);
        return position;
      });
      const run = ledger(['verify'], folder);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^FAILED at position ${target}: hash_mismatch: `));
      // No chain head to keep: it would be computed over the altered event.
      expect(run.stdout).not.toMatch(/chain head/);
      const json = ledger(['verify', '--json', '--quiet'], folder);
      expect(json.status).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadPosition: target, reason: 'hash_mismatch' });
      expect(json.stderr).toBe('');
    });
  });

  describe('replay', () => {
    const hashesOf = (run: Run) => {
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as { position: number; projections: { name: string; sha256: string }[] };
      return { position: report.position, hashes: Object.fromEntries(report.projections.map((p) => [p.name, p.sha256])) };
    };

    it('prints the same hashes for two replays of the same log', async () => {
      const folder = scratch();
      const [first, second] = await Promise.all([ledgerInBackground(['replay', '--json'], folder), ledgerInBackground(['replay', '--json'], folder)]);
      expect(hashesOf(first)).toEqual(hashesOf(second));
    });

    it('prints, for a position, the hashes the live read models had there', async () => {
      const folder = scratch();
      const samples = [written.recorded[0], written.recorded[Math.floor(written.recorded.length / 2)], written.recorded[written.recorded.length - 1]];
      const runs = await Promise.all(samples.map((recorded) => ledgerInBackground(['replay', '--to-position', String(recorded.position), '--json'], folder)));
      for (const [index, recorded] of samples.entries()) expect(hashesOf(runs[index])).toEqual(recorded);
    });

    it('refuses --at-position beyond the head of the log, exit 2, as ?atPosition= and `ledger report` do', () => {
      const head = withEventFile(written.dataDir, (db) => eventRows(db).length);
      for (const option of ['--at-position', '--to-position']) {
        const run = ledger(['replay', option, String(head + 1), '--quiet'], scratch(), { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
        expect({ option, status: run.status, stdout: run.stdout }).toEqual({ option, status: 2, stdout: '' });
        expect(run.stderr).toMatch(new RegExp(`^ledger replay: --at-position ${head + 1} is beyond the head of the log \\(${head}\\)$`, 'm'));
      }
      expect(hashesOf(ledger(['replay', '--at-position', String(head), '--json', '--quiet'], scratch())).position).toBe(head);
    });

    it('prints a table of hashes and each fund\'s totals', () => {
      const run = ledger(['replay'], scratch());
      expect(run.status).toBe(0);
      const last = written.recorded[written.recorded.length - 1];
      expect(run.stdout).toContain(`balance`);
      expect(run.stdout).toContain(last.hashes.balance);
      expect(run.stdout).toMatch(/Fund ctd-audit \(VND\)\n  received +4950000\n  \+ transferred in +0\n/);
      expect(run.stdout).toMatch(/\n  - disbursed +1000000\n/);
      expect(run.stdout).toMatch(/\n  = available +3950000\n/);
    });
  });

  describe('export', () => {
    it('writes NDJSON that re-hashes offline', () => {
      const run = ledger(['export'], scratch());
      expect(run.status).toBe(0);
      const lines = parseNdjson(run.stdout);
      expect(lines).toHaveLength(withEventFile(written.dataDir, (db) => eventRows(db).length));
      expect(recheckJournal(lines)).toEqual([]);
    });

    it('writes CSV that re-hashes offline', () => {
      const run = ledger(['export', '--format', 'csv'], scratch());
      expect(run.status).toBe(0);
      expect(recheckJournal(journalFromCsv(run.stdout))).toEqual([]);
    });

    it('starts at --from-position and stops after --limit', () => {
      const run = ledger(['export', '--from-position', '3', '--limit', '2', '--quiet'], scratch());
      expect(parseNdjson(run.stdout).map((line) => line.position)).toEqual([3, 4]);
      expect(run.stderr).toBe('');
    });
  });

  describe('users add and serve', () => {
    it('prints a token that the server started with `ledger serve` accepts', async () => {
      const folder = scratch();
      const added = ledger(['users', 'add', 'Kiểm toán viên Hoa', '--role', 'auditor'], folder);
      expect(added.status).toBe(0);
      expect(added.stdout).toMatch(/^ctd_[A-Za-z0-9_-]{43}\n$/);
      const token = added.stdout.trim();
      const json = JSON.parse(ledger(['users', 'add', 'Lan', '--role', 'accountant,approver', '--json'], folder).stdout);
      expect(json).toMatchObject({ name: 'Lan', roles: ['accountant', 'approver'] });

      const { server, port } = await serveOnFreePort(folder);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/v1/journal?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        expect(parseNdjson(await response.text())).toHaveLength(1);
        const verify = await fetch(`http://127.0.0.1:${port}/v1/audit/verify`, { headers: { Authorization: `Bearer ${token}` } });
        expect(await verify.json()).toMatchObject({ ok: true });
      } finally {
        await stopServer(server);
      }
    });
  });

  it('on a first start with --port 0, prints the setup link with the port it listens on', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ctd-first-start-'));
    folders.push(empty);
    const { server, port, output } = await serveOnFreePort(empty);
    try {
      expect(port).toBeGreaterThan(0);
      const link = /http:\/\/localhost:(\d+)\/setup#(\S+)/.exec(output);
      expect(link?.[1]).toBe(String(port));
      const page = await fetch(`http://127.0.0.1:${port}/setup`);
      expect(page.status).toBe(200);
    } finally {
      await stopServer(server);
    }
  });

  it('keeps stdout for data: an export redirected to a file holds only journal lines, progress goes to stderr', () => {
    const folder = scratch();
    const out = join(folder, 'journal.ndjson');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin()}" export > "${out}"`], { cwd: ROOT, env: cleanEnv({ LEDGER_DATA_DIR: folder }), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^export: 100% \(position \d+ of \d+\), done$/m);
    const lines = parseNdjson(readFileSync(out, 'utf8'));
    expect(recheckJournal(lines)).toEqual([]);
    expect(lines).toHaveLength(withEventFile(written.dataDir, (db) => eventRows(db).length));
  });
});
