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

export interface DeactivateUser {
  type: 'DeactivateUser';
  userId: string;
  now: string;
}

export type UserCommand = CreateUser | ReplaceUserToken | DeactivateUser;
