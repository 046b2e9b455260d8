import { Streams } from '../../domain/streams';
import type { UserCommand } from '../../domain/users/users.commands';
import { decideUsers } from '../../domain/users/users.decide';
import { decodeEvent } from '../../log-reading/decode-event';
import type { CommandMetadata } from '../command-metadata';
import { UsersModel } from '../stream-models';
import type { CommandOutcome, WritePath } from '../write-path';

export interface UserCommandResult {
  userId: string;
  position: number;
}

/**
 * Decides one command on the users stream and appends its events through the write path.
 *
 * A function of the write path, which the command bus's handler calls: `ledger users` runs it
 * with the event store alone, without the application around it.
 */
export function executeUserCommand(writePath: WritePath, command: UserCommand, meta: CommandMetadata): Promise<CommandOutcome<UserCommandResult>> {
  return writePath.execute({
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
