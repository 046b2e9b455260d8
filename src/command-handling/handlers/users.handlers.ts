import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PasswordHasher } from '../../access/passwords';
import { hashToken, newToken } from '../../access/tokens';
import type { UserCommand } from '../../domain/users/users.commands';
import type { Role } from '../../domain/users/users.events';
import { requestHashOf, type CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import type { CommandOutcome } from '../write-path';
import { executeUserCommand, type UserCommandResult } from './user-command';

export class ExecuteUserCommand extends Command<CommandOutcome<UserCommandResult>> {
  constructor(readonly command: UserCommand, readonly meta: CommandMetadata) {
    super();
  }
}

/**
 * A token issued to a user: minted by the handler, kept in the log only as its sha256, and shown
 * once. A request replayed under its Idempotency-Key gets no token (null): the first request's was
 * shown to the first request only, and the one minted for the replay was never recorded.
 */
export interface UserTokenIssued {
  userId: string;
  token: string | null;
  position: number;
}

/** Creates a user with a new id and a new token. */
export class CreateUserCommand extends Command<UserTokenIssued> {
  constructor(readonly name: string, readonly roles: Role[], readonly meta: CommandMetadata) {
    super();
  }
}

/** Gives a user a new token; the old one stops working. */
export class ReplaceUserTokenCommand extends Command<UserTokenIssued> {
  constructor(readonly userId: string, readonly meta: CommandMetadata) {
    super();
  }
}

/**
 * Sets a user's password, sent in clear: the handler hashes it before anything is recorded. A
 * keyed request's hash, which the log keeps, holds the password's sealed fingerprint instead of
 * the password, so a retry is recognised and another password under the same key is not; `route`
 * is the method and route the request hash names, as for every command.
 */
export class SetUserPasswordCommand extends Command<CommandOutcome<UserCommandResult>> {
  constructor(readonly userId: string, readonly password: string, readonly meta: CommandMetadata, readonly route: { method: string; url: string | undefined }) {
    super();
  }
}

@CommandHandler(ExecuteUserCommand)
export class UserCommandHandler implements ICommandHandler<ExecuteUserCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ command, meta }: ExecuteUserCommand): Promise<CommandOutcome<UserCommandResult>> {
    return executeUserCommand(this.writer.writePath, command, meta);
  }
}

@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  async execute({ name, roles, meta }: CreateUserCommand): Promise<UserTokenIssued> {
    const token = newToken();
    const userId = randomUUID();
    const outcome = await executeUserCommand(this.writer.writePath, { type: 'CreateUser', userId, name, roles, tokenHash: hashToken(token), now: meta.now }, meta);
    if (outcome.replayed) return { userId: outcome.result.userId, token: null, position: outcome.result.position };
    return { userId, token, position: outcome.result.position };
  }
}

@CommandHandler(ReplaceUserTokenCommand)
export class ReplaceUserTokenHandler implements ICommandHandler<ReplaceUserTokenCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  async execute({ userId, meta }: ReplaceUserTokenCommand): Promise<UserTokenIssued> {
    const token = newToken();
    const outcome = await executeUserCommand(this.writer.writePath, { type: 'ReplaceUserToken', userId, tokenHash: hashToken(token), now: meta.now }, meta);
    return { userId, token: outcome.replayed ? null : token, position: outcome.result.position };
  }
}

@CommandHandler(SetUserPasswordCommand)
export class SetUserPasswordHandler implements ICommandHandler<SetUserPasswordCommand> {
  constructor(private readonly writer: LedgerWriter, @Inject(PasswordHasher) private readonly passwords: PasswordHasher) {}

  async execute({ userId, password, meta, route }: SetUserPasswordCommand): Promise<CommandOutcome<UserCommandResult>> {
    const sealed: CommandMetadata = { ...meta, requestHash: meta.idempotencyKey === null ? '' : requestHashOf({
      method: route.method, route: route.url, params: { userId },
      body: { password: await this.passwords.fingerprint(password, `${userId}\n${meta.idempotencyKey}`) },
    }) };
    const passwordHash = await this.passwords.hash(password);
    return executeUserCommand(this.writer.writePath, { type: 'SetUserPassword', userId, passwordHash, now: sealed.now }, sealed);
  }
}
