import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: shown once to their user, stored only as their sha256. A module of its own,
 * without Nest, so that `ledger users` issues and hashes them with the event store alone.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes, base64url. */
export function newToken(): string {
  return `ctd_${randomBytes(32).toString('base64url')}`;
}
