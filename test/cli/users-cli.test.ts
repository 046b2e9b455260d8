import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedgerOnce } from '../soak/support/ledger-process';
import { cleanEnv, ledgerSync, type Run } from './support';

interface ListedUser {
  userId: string;
  name: string;
  roles: string[];
  active: boolean;
  hasToken: boolean;
}

/** `ledger users …` as an admin on the server's machine runs it: add, list, rotate, revoke, deactivate. */
describe('ledger users', () => {
  let buildRoot: string;
  let dataDir: string;
  const users = (...args: string[]): Run => ledgerSync(buildRoot, ['users', ...args], dataDir, { LEDGER_LOG_LEVEL: 'silent', LANG: 'en_US.UTF-8' });
  const listed = (): ListedUser[] => JSON.parse(users('list', '--json').stdout) as ListedUser[];

  beforeAll(async () => {
    buildRoot = await buildLedgerOnce();
    dataDir = mkdtempSync(join(tmpdir(), 'ctd-ledger-users-'));
  }, 240_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists, rotates, revokes and deactivates by user id; a refusal exits 2 and changes nothing', () => {
    const binh = JSON.parse(users('add', 'Trần Thị Bình', '--role', 'accountant', '--json').stdout) as { userId: string; token: string };
    const hoa = JSON.parse(users('add', 'Lê Hoa', '--role', 'auditor,approver', '--json').stdout) as { userId: string };

    const table = users('list');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^USER ID +STATUS +TOKEN +ROLES +NAME$/m);
    expect(table.stdout).toMatch(new RegExp(`^${binh.userId} +active +set +accountant +Trần Thị Bình$`, 'm'));
    expect(table.stdout).not.toContain(binh.token);
    expect(listed()).toEqual(expect.arrayContaining([
      { userId: hoa.userId, name: 'Lê Hoa', roles: ['auditor', 'approver'], active: true, hasToken: true },
    ]));

    const rotated = users('rotate', binh.userId);
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/^ctd_[A-Za-z0-9_-]{43}\n$/);
    expect(rotated.stdout.trim()).not.toBe(binh.token);

    expect(users('revoke', binh.userId).status).toBe(0);
    expect(listed().find((user) => user.userId === binh.userId)).toMatchObject({ active: true, hasToken: false });
    const revokedAgain = users('revoke', binh.userId);
    expect(revokedAgain.status).toBe(2);
    expect(revokedAgain.stderr).toMatch(/INVALID_STATE: .*has no token to revoke; nothing was done/);

    expect(users('deactivate', hoa.userId).status).toBe(0);
    expect(listed().find((user) => user.userId === hoa.userId)).toMatchObject({ active: false });
    const deactivatedAgain = users('deactivate', hoa.userId);
    expect(deactivatedAgain.status).toBe(2);
    expect(deactivatedAgain.stderr).toMatch(/INVALID_STATE: .*already deactivated; nothing was done/);

    const unknown = users('rotate', 'no-such-user');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/NOT_FOUND: No user no-such-user; nothing was done/);
    expect(unknown.stdout).toBe('');
  });

  it('reads and writes the users stream on the event store alone: no Nest, no projection, no checkpoint signing', () => {
    // As `export`, `replay` and `import`: the core would start every projection (a worker thread
    // polling the log) and the checkpoint signer in this process, and wait for them at the close.
    const folder = mkdtempSync(join(tmpdir(), 'ctd-ledger-users-light-'));
    const dist = join(buildRoot, 'dist', 'src');
    const script = `const cli = require(${JSON.stringify(join(dist, 'cli', 'ledger-cli.js'))});
      const workerThreads = require('node:worker_threads');
      const OriginalWorker = workerThreads.Worker;
      let workers = 0;
      workerThreads.Worker = class extends OriginalWorker { constructor(...args) { super(...args); workers += 1; } };
      let out = '';
      const io = { stdout: { write: (text) => { out += text; return true; }, once: () => undefined }, stderr: { write: () => true, once: () => undefined }, env: process.env };
      const run = async (...args) => { out = ''; const code = await cli.runLedgerCli(['users', ...args], io); return { code, out }; };
      const loadedWithTheCli = new Set(Object.keys(require.cache));
      (async () => {
        const added = await run('add', 'Phạm Văn Nam', '--role', 'coordinator', '--json');
        const { userId } = JSON.parse(added.out);
        const runs = [added, await run('list', '--json'), await run('rotate', userId, '--json'), await run('revoke', userId, '--json'), await run('deactivate', userId, '--json')];
        const loaded = Object.keys(require.cache).filter((path) => !loadedWithTheCli.has(path))
          .filter((path) => /[\\/]node_modules[\\/]@nestjs[\\/]|[\\/]dist[\\/]src[\\/](projection-runner|transparency|ledger-core|access[\\/]users-directory)/.test(path));
        process.stdout.write(JSON.stringify({ codes: runs.map((r) => r.code), listed: JSON.parse(runs[1].out), workers, loaded }));
      })();`;
    try {
      const run = spawnSync(process.execPath, ['-e', script], { cwd: buildRoot, env: cleanEnv({ LEDGER_DATA_DIR: folder, LEDGER_LOG_LEVEL: 'silent' }), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const { codes, listed: shown, workers, loaded } = JSON.parse(run.stdout) as { codes: number[]; listed: ListedUser[]; workers: number; loaded: string[] };
      expect(codes).toEqual([0, 0, 0, 0, 0]);
      expect(shown.map((user) => [user.name, user.roles])).toEqual([['Phạm Văn Nam', ['coordinator']]]);
      expect(workers).toBe(0);
      expect(loaded).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each([
    [['list', 'extra'], /users list takes no arguments/],
    [['rotate'], /users rotate takes exactly one user id/],
    [['deactivate', 'not an id!'], /"not an id!" is not a user id/],
    [['revoke', 'x', '--role', 'admin'], /--role belongs to users add/],
    [['promote', 'x'], /unknown subcommand users promote/],
  ])('refuses `ledger users %j` with a usage error, exit 2', (args, message) => {
    const run = users(...(args as string[]));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
