import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Streams } from '../domain/streams';
import type { UserState } from '../domain/users/users.state';
import { LedgerWriter } from '../command-handling/ledger-write.providers';
import { UsersModel } from '../command-handling/stream-models';
import { LEDGER_CONFIG } from '../config/ledger.tokens';
import type { LedgerConfig } from '../config/ledger-config';
import { readLedgerSecret } from '../shared/ledger-secret';
import { hashToken, sealedTokenHash } from './tokens';

/**
 * Resolves bearer tokens to users from the users stream. The stream is re-read at most every
 * `refreshMs` (and at once for a token not yet known), so a user deactivated by another process
 * loses access within that time; in this process, at once.
 */
@Injectable()
export class UsersDirectory {
  private readonly refreshMs = 250;
  private byTokenHash = new Map<string, UserState>();
  private byUserId = new Map<string, UserState>();
  private refreshedAt = 0;

  private ledgerSecret: Buffer | undefined;

  constructor(@Inject(LedgerWriter) private readonly writer: LedgerWriter, @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  /** A token is kept as its sha256 (the ledger's own tokens) or sealed (the one LEDGER_ADMIN_TOKEN chose): either finds its user. */
  async authenticate(token: string): Promise<UserState | undefined> {
    const forms = [hashToken(token), this.sealed(token)];
    const stale = Date.now() - this.refreshedAt > this.refreshMs;
    if (stale || !forms.some((form) => this.byTokenHash.has(form))) await this.refresh();
    const tokenHash = forms.find((form) => this.byTokenHash.has(form)) ?? forms[0];
    const user = this.byTokenHash.get(tokenHash);
    if (!user || !user.active || user.tokenHash === null) return undefined;
    const matches = timingSafeEqual(Buffer.from(user.tokenHash, 'hex'), Buffer.from(tokenHash, 'hex'));
    return matches ? user : undefined;
  }

  /** The form the log keeps of a token an operator chose. */
  sealed(token: string): string {
    this.ledgerSecret ??= readLedgerSecret(this.config.dataDir);
    return sealedTokenHash(token, this.ledgerSecret);
  }

  /** The user with this id, read within `refreshMs`. */
  async byId(userId: string): Promise<UserState | undefined> {
    if (Date.now() - this.refreshedAt > this.refreshMs) await this.refresh();
    return this.byUserId.get(userId);
  }

  /**
   * The active users who may sign in under this name: names are compared in their NFC form,
   * trimmed, without regard to case. Names are not unique, so there may be more than one.
   */
  async signInCandidates(name: string): Promise<UserState[]> {
    await this.refresh();
    const wanted = signInName(name);
    return [...this.byUserId.values()].filter((user) => user.active && signInName(user.name) === wanted);
  }

  async all(): Promise<UserState[]> {
    await this.refresh();
    return [...this.byUserId.values()];
  }

  async refresh(): Promise<void> {
    const state = await this.writer.writePath.lookup(Streams.users(), UsersModel);
    const byTokenHash = new Map<string, UserState>();
    const byUserId = new Map<string, UserState>();
    for (const user of state.users.values()) {
      const copy = { ...user, roles: [...user.roles] };
      if (user.tokenHash !== null) byTokenHash.set(user.tokenHash, copy);
      byUserId.set(user.userId, copy);
    }
    this.byTokenHash = byTokenHash;
    this.byUserId = byUserId;
    this.refreshedAt = Date.now();
  }
}

/** The form of a name that sign-in compares (and that failed sign-ins are counted under). */
export function signInName(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('vi');
}
