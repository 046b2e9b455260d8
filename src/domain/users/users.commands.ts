import type { Role } from './users.events';

export interface CreateUser {
  type: 'CreateUser';
  userId: string;
  name: string;
  roles: Role[];
  tokenHash: string;
  now: string;
}

export interface ReplaceUserToken {
  type: 'ReplaceUserToken';
  userId: string;
  tokenHash: string;
  now: string;
}

export interface RevokeUserToken {
  type: 'RevokeUserToken';
  userId: string;
  now: string;
}

export interface DeactivateUser {
  type: 'DeactivateUser';
  userId: string;
  now: string;
}

/**
 * Sets a user's password. The hash is made outside the decider (hashing needs a random salt and
 * takes time): the command carries only the finished scrypt hash, never the password.
 */
export interface SetUserPassword {
  type: 'SetUserPassword';
  userId: string;
  passwordHash: string;
  now: string;
}

export type UserCommand = CreateUser | ReplaceUserToken | RevokeUserToken | DeactivateUser | SetUserPassword;
