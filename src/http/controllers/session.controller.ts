import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteUserCommand } from '../../command-handling/handlers/users.handlers';
import type { UserState } from '../../domain/users/users.state';
import { LedgerMetrics } from '../../ops/metrics';
import { validationFailed } from '../api-error';
import { RateLimited, Unauthenticated } from '../errors';
import { countAuthFailure } from '../auth/auth.guard';
import { PasswordHasher, passwordProblem } from '../../access/passwords';
import { AuthLimits } from '../auth/rate-limiter';
import { Public } from '../auth/roles.decorator';
import { SessionStore, SetupCodes } from '../../access/sessions';
import { assertSameOrigin, clearedSessionCookie, sessionCookie, sessionCookieOf } from '../auth/session-cookie';
import { signInName, UsersDirectory } from '../../access/users-directory';
import { SetupRequestDto, SignInRequestDto } from '../dto/sessions.request.dto';
import { ApiSetupRoute, ApiSignInRoute, ApiSignOutRoute } from '../openapi/users.routes';

/**
 * Sign-in and sign-out of the staff app, and the first admin's password from the setup link.
 * These routes are public (they are how a caller becomes known); an Origin header, when a browser
 * sends one, must still be the ledger's own.
 */
@ApiTags('session')
@Controller('v1')
export class SessionController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly directory: UsersDirectory,
    private readonly sessions: SessionStore,
    private readonly setupCodes: SetupCodes,
    private readonly limits: AuthLimits,
    private readonly metrics: LedgerMetrics,
    private readonly passwords: PasswordHasher,
  ) {}

  @Post('session')
  @HttpCode(200)
  @Public()
  @ApiSignInRoute()
  async signIn(@Body() body: SignInRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (request.headers.origin !== undefined) assertSameOrigin(request);
    const attempt = this.limits.signInFailures.attempt(signInName(body.name));
    if (attempt.lockedForSeconds > 0) {
      this.metrics.callerRefused('auth-failure');
      throw new RateLimited('sign-in', attempt.lockedForSeconds);
    }
    const user = await this.check(body.name, body.password);
    // One answer for an unknown name, a user without a password and a wrong password: names are not disclosed.
    if (!user) {
      countAuthFailure(this.limits, this.metrics, request.ip ?? 'unknown');
      throw new Unauthenticated('wrong-credentials');
    }
    attempt.succeeded();
    const previous = sessionCookieOf(request);
    if (previous !== undefined) this.sessions.end(previous);
    const value = this.sessions.begin(user.userId, user.tokenHash, deviceOf(request));
    void reply.header('set-cookie', sessionCookie(request, value));
    return { userId: user.userId, name: user.name, roles: [...user.roles] };
  }

  @Delete('session')
  @HttpCode(204)
  @Public()
  @ApiSignOutRoute()
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const value = sessionCookieOf(request);
    if (value !== undefined) {
      assertSameOrigin(request);
      this.sessions.end(value);
    }
    void reply.header('set-cookie', clearedSessionCookie(request));
  }

  @Post('setup')
  @HttpCode(204)
  @Public()
  @ApiSetupRoute()
  async setup(@Body() body: SetupRequestDto, @Req() request: FastifyRequest): Promise<void> {
    if (request.headers.origin !== undefined) assertSameOrigin(request);
    const problem = passwordProblem('password', body.password);
    if (problem) throw validationFailed([problem]);
    const userId = this.setupCodes.redeem(body.code);
    const user = userId === undefined ? undefined : await this.directory.byId(userId);
    // The code chooses the first password only: once the admin has one, it would take the account over.
    if (!user || user.passwordHash !== null) {
      countAuthFailure(this.limits, this.metrics, request.ip ?? 'unknown');
      throw new Unauthenticated('setup-code');
    }
    const meta = setupMeta(user, String(request.id ?? randomUUID()));
    const passwordHash = await this.passwords.hash(body.password);
    await this.commandBus.execute(new ExecuteUserCommand({ type: 'SetUserPassword', userId: user.userId, passwordHash, now: meta.now }, meta));
    await this.directory.refresh();
    this.sessions.endAllOf(user.userId);
  }

  /**
   * Every candidate of the name is checked (names are not unique); with none that has a password,
   * a decoy hash is checked instead, so a wrong name costs the same time as a wrong password.
   */
  private async check(name: string, password: string): Promise<UserState | undefined> {
    const candidates = (await this.directory.signInCandidates(name)).filter((user) => user.passwordHash !== null);
    if (candidates.length === 0) {
      await this.passwords.verify(password, await this.passwords.decoyHash());
      return undefined;
    }
    let found: UserState | undefined;
    for (const user of candidates) if ((await this.passwords.verify(password, user.passwordHash as string)) && !found) found = user;
    return found;
  }
}

/** The browser and system a User-Agent names, short enough to read in a list of a person's devices. */
export function deviceOf(request: FastifyRequest): string {
  const agent = request.headers['user-agent'];
  if (typeof agent !== 'string') return '';
  const system = /\((?:Linux; )?(Android [\d.]+|iPhone|iPad|Windows NT [\d.]+|Macintosh|X11; Linux [\w]+|Linux [\w]+)/.exec(agent)?.[1];
  const browser = /(Edg|OPR|SamsungBrowser|Firefox|Chrome|Version)\/([\d]+)/.exec(agent);
  const name = browser ? `${browser[1] === 'Version' ? 'Safari' : browser[1] === 'Edg' ? 'Edge' : browser[1]} ${browser[2]}` : agent.slice(0, 60);
  return system ? `${name} · ${system}` : name;
}

/** The setup code stands for its admin: the event is theirs, as if they had signed in. */
function setupMeta(user: UserState, requestId: string): CommandMetadata {
  return {
    actor: { userId: user.userId, roles: [...user.roles] }, now: new Date().toISOString(), correlationId: randomUUID(), causationId: requestId,
    idempotencyKey: null, requestHash: '',
  };
}
