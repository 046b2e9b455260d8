import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { requestHashOf, type CommandMetadata } from './command-handling/command-metadata';
import { ExecuteUserCommand } from './command-handling/handlers/users.handlers';
import { LEDGER_CONFIG } from './config/ledger.tokens';
import type { LedgerConfig } from './config/ledger-config';
import { SetupCodes } from './access/sessions';
import { hashToken, newToken } from './access/tokens';
import { UsersDirectory } from './access/users-directory';

export const ADMIN_USER_ID = 'admin';

/**
 * On start: with LEDGER_ADMIN_TOKEN, the user `admin` exists with that token; without it and
 * with no users at all, an admin is created and its token printed once, beside a one-time setup
 * link with which the admin chooses a password (POST /v1/setup). A setup code lives in memory
 * only: while the admin has no password yet (the server restarted before the link was used, as a
 * service manager may do), every start prints a new link. Called once the application has
 * initialised (command handlers register during bootstrap).
 */
@Injectable()
export class AdminBootstrap {
  /** The token printed at this start, if one was created (tests read it). */
  createdToken: string | undefined;
  /** The one-time setup code printed at this start, if one was issued (tests read it). */
  setupCode: string | undefined;
  private setupLinkPrinted = false;
  /** The setup code of this start replaces one of an earlier start, never used. */
  private reissued = false;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly commandBus: CommandBus,
    private readonly users: UsersDirectory,
    private readonly setupCodes: SetupCodes,
  ) {}

  async ensureAdmin(): Promise<void> {
    const all = await this.users.all();
    const admin = all.find((user) => user.userId === ADMIN_USER_ID);
    const meta = this.systemMeta();
    if (this.config.adminToken !== null) {
      // The operator chose this token: the log keeps it sealed, never as a plain sha256 (see sealedTokenHash).
      const tokenHash = this.users.sealed(this.config.adminToken);
      if (!admin) await this.create(tokenHash, meta);
      else if (admin.tokenHash !== tokenHash && admin.active) {
        await this.commandBus.execute(new ExecuteUserCommand({ type: 'ReplaceUserToken', userId: ADMIN_USER_ID, tokenHash, now: meta.now }, meta));
      }
    } else if (all.length === 0) {
      const token = newToken();
      await this.create(hashToken(token), meta);
      this.createdToken = token;
      this.setupCode = this.setupCodes.issue(ADMIN_USER_ID);
      process.stdout.write(`\nAdmin user created. Its token is shown this once:\n\n  ${token}\n\nKeep it safe: only its hash is stored.\n\n`);
      // With port 0 the port is known only once the server listens: the link is printed then.
      if (this.config.port !== 0) this.printSetupLink(this.config.port);
    } else if (admin && admin.active && admin.passwordHash === null && all.every((user) => user.passwordHash === null)) {
      // Nobody can sign in yet, and the link of an earlier start died with it. Printed once the
      // server listens (a command of the CLI opening the ledger prints nothing).
      this.setupCode = this.setupCodes.issue(ADMIN_USER_ID);
      this.reissued = true;
    }
    await this.users.refresh();
  }

  /** Prints the link to choose the admin's password, once, if this start issued a setup code. */
  printSetupLink(port: number): void {
    if (this.setupCode === undefined || this.setupLinkPrinted) return;
    this.setupLinkPrinted = true;
    if (this.reissued) process.stdout.write(`\nThe admin's password has not been chosen yet (the admin token printed at the first start still works).\n`);
    // Where the operator will open it: the address the ledger is reached at, when one is configured.
    const base = this.config.publicUrl ?? `http://localhost:${port}`;
    process.stdout.write(`Choose the admin's password (this link works once, within 24 hours, until the server restarts):\n\n  ${base}/setup#${this.setupCode}\n\n`);
  }

  private async create(tokenHash: string, meta: CommandMetadata): Promise<void> {
    await this.commandBus.execute(
      new ExecuteUserCommand({ type: 'CreateUser', userId: ADMIN_USER_ID, name: 'admin', roles: ['admin'], tokenHash, now: meta.now }, meta),
    );
  }

  private systemMeta(): CommandMetadata {
    const id = randomUUID();
    return {
      actor: { userId: 'system', roles: ['system'] }, now: new Date().toISOString(), correlationId: id, causationId: id,
      idempotencyKey: null, requestHash: requestHashOf({ bootstrap: 'admin' }),
    };
  }
}
