import { assertNever } from '../shared/decision';
import type { Role, UserEvent } from './users.events';

export interface UserState {
  userId: string;
  name: string;
  roles: Role[];
  /** The sha256 of the user's bearer token; null once it is revoked, until a new one is issued. */
  tokenHash: string | null;
  /** The scrypt hash of the user's password; null until one is set. */
  passwordHash: string | null;
  active: boolean;
}

/** All users live in one small stream; the state is the directory. */
export interface UsersState {
  users: Map<string, UserState>;
}

export const initialUsersState = (): UsersState => ({ users: new Map() });

/** The user an event names, created earlier in the stream: an event for a user never created is a broken log. */
function knownUser(state: UsersState, event: UserEvent): UserState {
  const user = state.users.get(event.data.userId);
  if (!user) throw new Error(`${event.type} for unknown user ${event.data.userId}`);
  return user;
}

export function evolveUsers(state: UsersState, event: UserEvent): UsersState {
  switch (event.type) {
    case 'UserCreated': {
      const { userId, name, roles, tokenHash } = event.data;
      state.users.set(userId, { userId, name, roles: [...roles], tokenHash, passwordHash: null, active: true });
      return state;
    }
    case 'UserTokenReplaced':
      knownUser(state, event).tokenHash = event.data.tokenHash;
      return state;
    case 'UserTokenRevoked':
      knownUser(state, event).tokenHash = null;
      return state;
    case 'UserDeactivated':
      knownUser(state, event).active = false;
      return state;
    case 'UserPasswordSet':
      knownUser(state, event).passwordHash = event.data.passwordHash;
      return state;
    default:
      return assertNever(event, 'user event');
  }
}
