import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { UserCommand } from '../../domain/users/users.commands';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import type { CommandOutcome } from '../write-path';
import { executeUserCommand, type UserCommandResult } from './user-command';

export class ExecuteUserCommand extends Command<CommandOutcome<UserCommandResult>> {
  constructor(readonly command: UserCommand, readonly meta: CommandMetadata) {
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
