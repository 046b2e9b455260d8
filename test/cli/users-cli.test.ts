import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLedgerOnce } from '../soak/support/ledger-process';
import { ledgerSync, type Run } from './support';

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
