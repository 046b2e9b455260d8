import { createHash, createHmac, randomBytes } from 'node:crypto';

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

/**
 * What the log keeps of a token an operator chose (LEDGER_ADMIN_TOKEN): an HMAC under a key
 * derived from the ledger's secret. A plain sha256 is safe for the ledger's own tokens (32 random
 * bytes), not for one a person picked: the journal, which auditors read, would let them test
 * guesses of it offline and take the admin's place.
 */
export function sealedTokenHash(token: string, ledgerSecret: Buffer): string {
  const key = createHmac('sha256', ledgerSecret).update('ctd-token-seal', 'utf8').digest();
  return createHmac('sha256', key).update(token, 'utf8').digest('hex');
}
