export const ROLES = ['admin', 'accountant', 'approver', 'coordinator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Tokens are never stored: only their sha256. */
export interface UserCreated {
  type: 'UserCreated';
  data: { userId: string; name: string; roles: Role[]; tokenHash: string; createdAt: string };
}

export interface UserTokenReplaced {
  type: 'UserTokenReplaced';
  data: { userId: string; tokenHash: string; replacedAt: string };
}

/**
 * The user's bearer token stops working and no new one is issued: the API and the CLI refuse it,
 * the user keeps signing in to the web app with a password, and an admin may issue a token again.
 */
export interface UserTokenRevoked {
  type: 'UserTokenRevoked';
  data: { userId: string; revokedAt: string };
}

export interface UserDeactivated {
  type: 'UserDeactivated';
  data: { userId: string; deactivatedAt: string };
}

/**
 * Passwords are never stored: only their scrypt hash, in the self-describing form
 * `scrypt$N=…,r=…,p=…$<salt>$<hash>` so its cost parameters can be raised for later hashes.
 */
export interface UserPasswordSet {
  type: 'UserPasswordSet';
  data: { userId: string; passwordHash: string; setAt: string };
}

export type UserEvent = UserCreated | UserTokenReplaced | UserTokenRevoked | UserDeactivated | UserPasswordSet;
