import { randomUUID } from 'node:crypto';
import { CommandRejectedError } from '../../command-handling/command-errors';
import { requestHashOf, type CommandMetadata } from '../../command-handling/command-metadata';
import type { WritePath } from '../../command-handling/write-path';
import { configFromEnv } from '../../config/ledger-config';
import { ROLES, type Role } from '../../domain/users/users.events';
import type { UserCommand } from '../../domain/users/users.commands';
import { assertNever } from '../../domain/shared/decision';
import { type CliIo, ExitCode, parseVerbArgs, UsageError, type Verb, withEventStore } from '../cli-support';

/**
 * The users stream through the write path on the event store alone, as `import` writes: no Nest,
 * no projections following the log in this process and no checkpoint signing. A running server
 * reads the users stream again within a second; its projections and signer follow the log.
 * Loaded after the arguments are read: a usage error or `--help` answers without them.
 */
async function withUsersStream<T>(io: CliIo, work: (writePath: WritePath) => Promise<T>): Promise<T> {
  const writePathModule = await import('../../command-handling/write-path');
  return withEventStore(configFromEnv(io.env), (store) => work(new writePathModule.WritePath(store)));
}

const tokensModule = () => import('../../access/tokens');

function rolesOf(raw: string[] | undefined): Role[] {
  const roles = [...new Set((raw ?? []).flatMap((value) => value.split(',')).map((role) => role.trim()).filter((role) => role !== ''))];
  if (roles.length === 0) throw new UsageError('role-required', { roles: [...ROLES] });
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new UsageError('unknown-role', { unknown, roles: [...ROLES] });
  return roles as Role[];
}

const SUBCOMMANDS = ['add', 'list', 'rotate', 'revoke', 'deactivate'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function subcommandOf(positionals: string[]): Subcommand {
  const [name] = positionals;
  if (name === undefined) throw new UsageError('subcommand-required', { subcommands: SUBCOMMANDS.join('|') });
  if (!(SUBCOMMANDS as readonly string[]).includes(name)) throw new UsageError('unknown-subcommand', { subcommand: name, known: [...SUBCOMMANDS] });
  return name as Subcommand;
}

function nameOf(positionals: string[]): string {
  if (positionals.length !== 2) throw new UsageError('users-add-one-name');
  const name = positionals[1].trim();
  if (name.length === 0 || name.length > 200) throw new UsageError('name-length');
  return name;
}

/** Users are named by id: names are not unique (`ledger users list` shows the ids). */
function userIdOf(positionals: string[], subcommand: Subcommand): string {
  if (positionals.length !== 2) throw new UsageError('users-one-id', { subcommand });
  const userId = positionals[1];
  if (!/^[A-Za-z0-9-]{1,64}$/.test(userId)) throw new UsageError('not-a-user-id', { raw: userId });
  return userId;
}

/** The CLI acts as the system: whoever runs it can already read and write the data directory. */
function cliMetadata(request: unknown): CommandMetadata {
  const id = randomUUID();
  return {
    actor: { userId: 'system', roles: ['system'] }, now: new Date().toISOString(), correlationId: id, causationId: `cli:${id}`,
    idempotencyKey: null, requestHash: requestHashOf(request),
  };
}

/** Runs one user command as the system; a refusal (unknown user, already deactivated) is a usage error: nothing was done. */
async function runUserCommand(io: CliIo, command: UserCommand, request: unknown): Promise<number> {
  const { executeUserCommand } = await import('../../command-handling/handlers/user-command');
  try {
    const outcome = await withUsersStream(io, (writePath) => executeUserCommand(writePath, command, cliMetadata(request)));
    return outcome.result.position;
  } catch (error) {
    if (error instanceof CommandRejectedError) throw new UsageError('users-refused', { code: error.rejection.code, message: error.message });
    throw error;
  }
}

async function addUser(positionals: string[], values: { role?: string[]; json?: boolean }, io: CliIo): Promise<number> {
  const name = nameOf(positionals);
  const roles = rolesOf(values.role);
  const { hashToken, newToken } = await tokensModule();
  const token = newToken();
  const userId = randomUUID();
  await runUserCommand(io, { type: 'CreateUser', userId, name, roles, tokenHash: hashToken(token), now: new Date().toISOString() }, { cli: 'users add', userId, name, roles });
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ userId, name, roles, token })}\n`);
  } else {
    io.stderr.write(`User ${name} created (id ${userId}, roles ${roles.join(', ')}). Its token, shown this once:\n`);
    io.stdout.write(`${token}\n`);
  }
  return ExitCode.ok;
}

async function listUsers(json: boolean, io: CliIo): Promise<number> {
  const [{ Streams }, { UsersModel }] = await Promise.all([import('../../domain/streams'), import('../../command-handling/stream-models')]);
  const state = await withUsersStream(io, (writePath) => writePath.lookup(Streams.users(), UsersModel));
  const shown = [...state.users.values()]
    .map((user) => ({ userId: user.userId, name: user.name, roles: [...user.roles], active: user.active, hasToken: user.tokenHash !== null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.userId.localeCompare(b.userId));
  if (json) {
    io.stdout.write(`${JSON.stringify(shown)}\n`);
    return ExitCode.ok;
  }
  const width = Math.max(7, ...shown.map((user) => user.userId.length));
  io.stdout.write(`${'USER ID'.padEnd(width)}  STATUS       TOKEN    ROLES  NAME\n`);
  for (const user of shown) {
    io.stdout.write(`${user.userId.padEnd(width)}  ${(user.active ? 'active' : 'deactivated').padEnd(11)}  ${(user.hasToken ? 'set' : 'revoked').padEnd(7)}  ${user.roles.join(',')}  ${user.name}\n`);
  }
  return ExitCode.ok;
}

async function rotateToken(userId: string, json: boolean, io: CliIo): Promise<number> {
  const { hashToken, newToken } = await tokensModule();
  const token = newToken();
  const position = await runUserCommand(io, { type: 'ReplaceUserToken', userId, tokenHash: hashToken(token), now: new Date().toISOString() }, { cli: 'users rotate', userId });
  if (json) {
    io.stdout.write(`${JSON.stringify({ userId, token, position })}\n`);
  } else {
    io.stderr.write(`The token of ${userId} is replaced; the old one no longer works. The new token, shown this once:\n`);
    io.stdout.write(`${token}\n`);
  }
  return ExitCode.ok;
}

async function endAccess(subcommand: 'revoke' | 'deactivate', userId: string, json: boolean, io: CliIo): Promise<number> {
  const now = new Date().toISOString();
  const command: UserCommand = subcommand === 'revoke' ? { type: 'RevokeUserToken', userId, now } : { type: 'DeactivateUser', userId, now };
  const position = await runUserCommand(io, command, { cli: `users ${subcommand}`, userId });
  const said = subcommand === 'revoke' ? `The token of ${userId} is revoked: it no longer works, and no new one is issued.` : `User ${userId} is deactivated: their token and sessions no longer work.`;
  io.stdout.write(json ? `${JSON.stringify({ userId, position })}\n` : `${said} (log position ${position})\n`);
  return ExitCode.ok;
}

export const usersVerb: Verb = {
  name: 'users',
  summary: 'users add|list|rotate|revoke|deactivate: the people who use the ledger and their tokens',
  help: `Usage: ledger users add <name> --role R[,R] [--json]
       ledger users list [--json]
       ledger users rotate <userId> [--json]
       ledger users revoke <userId> [--json]
       ledger users deactivate <userId> [--json]

add         creates a user with the given roles and prints its bearer token on stdout, alone on
            its line, so \`TOKEN=$(ledger users add "Trần Thị Bình" --role accountant)\` works.
            The token is shown this once: only its sha256 is stored. The user id and roles go
            to stderr.
list        every user, active or deactivated: id, status, whether a token is set, roles, name
            (never a token or its hash).
rotate      issues a new token for the user (printed on stdout as for add); the old one and the
            user's web sessions stop working at once.
revoke      the user's token stops working and no new one is issued; the user may still sign in
            to the web app with a password. \`rotate\` issues a token again.
deactivate  the user can no longer sign in or use a token; the user stays in the log and the list.

Users are named by their id, since names are not unique. A running server sees the change within
a second. An unknown user, or one already deactivated, exits 2 and changes nothing.

Roles: ${ROLES.join(', ')}. --role may be repeated or comma-separated.

Options:
  --role R[,R]  the user's roles (add only; required)
  --json        print JSON on stdout instead (add, rotate: {"userId",…,"token"})
  -h, --help    show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, { role: { type: 'string', multiple: true }, json: { type: 'boolean' } }, true);
    const subcommand = subcommandOf(positionals);
    if (subcommand !== 'add' && values.role !== undefined) throw new UsageError('role-only-for-add', { subcommand });
    const json = values.json === true;
    switch (subcommand) {
      case 'add':
        return addUser(positionals, values, io);
      case 'list':
        if (positionals.length !== 1) throw new UsageError('users-list-no-arguments');
        return listUsers(json, io);
      case 'rotate':
        return rotateToken(userIdOf(positionals, subcommand), json, io);
      case 'revoke':
      case 'deactivate':
        return endAccess(subcommand, userIdOf(positionals, subcommand), json, io);
      default:
        return assertNever(subcommand, 'users subcommand');
    }
  },
};
