import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { requestHashOf, type CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteUserCommand } from '../../command-handling/handlers/users.handlers';
import { configFromEnv } from '../../config/ledger-config';
import { ROLES, type Role } from '../../domain/users/users.events';
import { hashToken, newToken } from '../../access/users-directory';
import { type CliIo, ExitCode, parseVerbArgs, UsageError, type Verb, withLedgerContext } from '../cli-support';

function rolesOf(raw: string[] | undefined): Role[] {
  const roles = [...new Set((raw ?? []).flatMap((value) => value.split(',')).map((role) => role.trim()).filter((role) => role !== ''))];
  if (roles.length === 0) throw new UsageError('role-required', { roles: [...ROLES] });
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new UsageError('unknown-role', { unknown, roles: [...ROLES] });
  return roles as Role[];
}

function nameOf(positionals: string[]): string {
  if (positionals[0] !== 'add') throw positionals[0] === undefined ? new UsageError('subcommand-required') : new UsageError('unknown-subcommand', { subcommand: positionals[0] });
  if (positionals.length !== 2) throw new UsageError('users-add-one-name');
  const name = positionals[1].trim();
  if (name.length === 0 || name.length > 200) throw new UsageError('name-length');
  return name;
}

/** The CLI acts as the system: whoever runs it can already read and write the data directory. */
function cliMetadata(request: unknown): CommandMetadata {
  const id = randomUUID();
  return {
    actor: { userId: 'system', roles: ['system'] }, now: new Date().toISOString(), correlationId: id, causationId: `cli:${id}`,
    idempotencyKey: null, requestHash: requestHashOf(request),
  };
}

export const usersVerb: Verb = {
  name: 'users',
  summary: 'users add <name> --role R[,R]: create a user and print its token',
  help: `Usage: ledger users add <name> --role R[,R] [--json]

Creates a user with the given roles and prints its bearer token on stdout, alone on its line,
so \`TOKEN=$(ledger users add "Trần Thị Bình" --role accountant)\` works. The token is shown
this once: only its sha256 is stored. The user id and roles go to stderr.

Roles: ${ROLES.join(', ')}. --role may be repeated or comma-separated.

Options:
  --role R[,R]  the user's roles (required)
  --json        print {"userId","name","roles","token"} on stdout instead
  -h, --help    show this help
`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseVerbArgs(args, { role: { type: 'string', multiple: true }, json: { type: 'boolean' } }, true);
    const name = nameOf(positionals);
    const roles = rolesOf(values.role);
    const config = configFromEnv(io.env);
    const token = newToken();
    const userId = randomUUID();
    await withLedgerContext(config, io, async (app) => {
      const command = { type: 'CreateUser' as const, userId, name, roles, tokenHash: hashToken(token), now: new Date().toISOString() };
      await app.get(CommandBus).execute(new ExecuteUserCommand(command, cliMetadata({ cli: 'users add', userId, name, roles })));
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ userId, name, roles, token })}\n`);
    } else {
      io.stderr.write(`User ${name} created (id ${userId}, roles ${roles.join(', ')}). Its token, shown this once:\n`);
      io.stdout.write(`${token}\n`);
    }
    return ExitCode.ok;
  },
};
