import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '../../domain/streams';
import type { UserCommand } from '../../domain/users/users.commands';
import { decideUsers } from '../../domain/users/users.decide';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { LedgerWriter } from '../ledger-write.providers';
import { UsersModel } from '../stream-models';
import type { CommandOutcome } from '../write-path';

export interface UserCommandResult {
  userId: string;
  position: number;
}

export class ExecuteUserCommand extends Command<CommandOutcome<UserCommandResult>> {
  constructor(readonly command: UserCommand, readonly meta: CommandMetadata) {
    super();
  }
}

@CommandHandler(ExecuteUserCommand)
export class UserCommandHandler implements ICommandHandler<ExecuteUserCommand> {
  constructor(private readonly writer: LedgerWriter) {}

  execute({ command, meta }: ExecuteUserCommand): Promise<CommandOutcome<UserCommandResult>> {
    return this.writer.writePath.execute({
      streamId: Streams.users(),
      model: UsersModel,
      meta,
      decide: (state) => decideUsers(command, state),
      respond: (events) => ({
        userId: String((decodeEvent(events[0]).data as { userId?: unknown }).userId),
        position: events[events.length - 1].position,
      }),
    });
  }
}
