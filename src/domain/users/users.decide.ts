import { accept, assertNever, reject, type Decision } from '../shared/decision';
import { RejectionCode } from '../shared/rejection-codes';
import type { UserCommand } from './users.commands';
import type { UserEvent } from './users.events';
import type { UsersState } from './users.state';

/**
 * CreateUser: ALREADY_EXISTS. ReplaceUserToken, RevokeUserToken, DeactivateUser, SetUserPassword: NOT_FOUND → INVALID_STATE
 * (DeactivateUser also when it is the last active admin).
 */
export function decideUsers(command: UserCommand, state: UsersState): Decision<UserEvent> {
  switch (command.type) {
    case 'CreateUser': {
      if (state.users.has(command.userId)) return reject(RejectionCode.ALREADY_EXISTS, `User ${command.userId} exists`, undefined, { reason: 'user', params: { userId: command.userId } });
      const { userId, name, roles, tokenHash, now } = command;
      return accept({ type: 'UserCreated', data: { userId, name, roles: [...new Set(roles)], tokenHash, createdAt: now } });
    }
    case 'ReplaceUserToken': {
      const user = state.users.get(command.userId);
      if (!user) return reject(RejectionCode.NOT_FOUND, `No user ${command.userId}`, { entity: 'user' }, { params: { id: command.userId } });
      if (!user.active) return reject(RejectionCode.INVALID_STATE, `User ${command.userId} is deactivated`, undefined, { reason: 'user-deactivated', params: { userId: command.userId } });
      return accept({ type: 'UserTokenReplaced', data: { userId: command.userId, tokenHash: command.tokenHash, replacedAt: command.now } });
    }
    case 'RevokeUserToken': {
      const user = state.users.get(command.userId);
      if (!user) return reject(RejectionCode.NOT_FOUND, `No user ${command.userId}`, { entity: 'user' }, { params: { id: command.userId } });
      if (!user.active) return reject(RejectionCode.INVALID_STATE, `User ${command.userId} is deactivated`, undefined, { reason: 'user-deactivated', params: { userId: command.userId } });
      if (user.tokenHash === null) {
        return reject(RejectionCode.INVALID_STATE, `User ${command.userId} has no token to revoke`, undefined, { reason: 'user-no-token', params: { userId: command.userId } });
      }
      return accept({ type: 'UserTokenRevoked', data: { userId: command.userId, revokedAt: command.now } });
    }
    case 'DeactivateUser': {
      const user = state.users.get(command.userId);
      if (!user) return reject(RejectionCode.NOT_FOUND, `No user ${command.userId}`, { entity: 'user' }, { params: { id: command.userId } });
      if (!user.active) return reject(RejectionCode.INVALID_STATE, `User ${command.userId} is already deactivated`, undefined, {
        reason: 'user-already-deactivated', params: { userId: command.userId },
      });
      // Nobody could then manage users, tokens or the policy: the ledger keeps one active admin.
      const otherAdmin = [...state.users.values()].some((other) => other.userId !== user.userId && other.active && other.roles.includes('admin'));
      if (user.roles.includes('admin') && !otherAdmin) {
        return reject(RejectionCode.INVALID_STATE, `User ${command.userId} is the last active admin`, { reason: 'last-admin', userId: command.userId }, {
          reason: 'last-admin', params: { userId: command.userId },
        });
      }
      return accept({ type: 'UserDeactivated', data: { userId: command.userId, deactivatedAt: command.now } });
    }
    case 'SetUserPassword': {
      const user = state.users.get(command.userId);
      if (!user) return reject(RejectionCode.NOT_FOUND, `No user ${command.userId}`, { entity: 'user' }, { params: { id: command.userId } });
      if (!user.active) return reject(RejectionCode.INVALID_STATE, `User ${command.userId} is deactivated`, undefined, { reason: 'user-deactivated', params: { userId: command.userId } });
      return accept({ type: 'UserPasswordSet', data: { userId: command.userId, passwordHash: command.passwordHash, setAt: command.now } });
    }
    default:
      return assertNever(command, 'user command');
  }
}
