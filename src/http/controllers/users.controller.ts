import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { requestHashOf } from '../../command-handling/command-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteUserCommand } from '../../command-handling/handlers/users.handlers';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { hashToken, newToken } from '../../access/tokens';
import { signInName, UsersDirectory } from '../../access/users-directory';
import type { UserState } from '../../domain/users/users.state';
import { Roles } from '../auth/roles.decorator';
import { commandMetadataOf, Meta } from '../command-context';
import { CreateUserRequestDto } from '../dto/spending.request.dto';
import { validationFailed } from '../api-error';
import { NotFound, OthersPasswordForbidden, RateLimited } from '../errors';
import { PasswordHasher, passwordProblem } from '../../access/passwords';
import { AuthLimits } from '../auth/rate-limiter';
import { SessionStore } from '../../access/sessions';
import { sessionCookieOf } from '../auth/session-cookie';
import { SetPasswordRequestDto } from '../dto/sessions.request.dto';
import { DeviceSessionListResponse, TokenRotatedResponse, UserCreatedResponse, UserDeactivatedResponse, UserTokenRevokedResponse, UserListResponse, UserResponse } from '../openapi/access.responses';
import { ApiAnswer, ApiEmptyAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiIdempotencyKeyHeader, ApiUserIdParam } from '../openapi/parameters';
import { ApiParam } from '@nestjs/swagger';
import { ROUTE_ERRORS } from '../openapi/route-errors';

@ApiTags('users')
@ApiSignedIn()
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly directory: UsersDirectory,
    private readonly sessions: SessionStore,
    private readonly limits: AuthLimits,
    private readonly passwords: PasswordHasher,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user; the token is shown in this answer only (a retried request does not show it again)' })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, UserCreatedResponse, 'The user exists; the token is in this answer only')
  @ApiErrors(...ROUTE_ERRORS.createUser)
  async create(@Body() body: CreateUserRequestDto, @Meta() meta: CommandMetadata) {
    const token = newToken();
    const userId = randomUUID();
    const outcome = await this.commandBus.execute(
      new ExecuteUserCommand({ type: 'CreateUser', userId, name: body.name, roles: body.roles, tokenHash: hashToken(token), now: meta.now }, meta),
    );
    await this.directory.refresh();
    const roles = [...new Set(body.roles)];
    if (outcome.replayed) return { userId: outcome.result.userId, name: body.name, roles, position: outcome.result.position };
    return { userId, name: body.name, roles, token, position: outcome.result.position };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every user, active or deactivated, with their roles (never a token or its hash)' })
  @ApiAnswer(200, UserListResponse, 'Every user')
  @ApiErrors(...ROUTE_ERRORS.listUsers)
  async list() {
    const users = await this.directory.all();
    return { users: users.map(publicUser).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.userId.localeCompare(b.userId)) };
  }

  @Post(':userId/token')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rotate a user\'s token: the new token is shown in this answer only and the old one stops working at once' })
  @ApiUserIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, TokenRotatedResponse, 'The new token, in this answer only')
  @ApiErrors(...ROUTE_ERRORS.rotateToken)
  async rotateToken(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    checkUserId(userId);
    const token = newToken();
    const outcome = await this.commandBus.execute(
      new ExecuteUserCommand({ type: 'ReplaceUserToken', userId, tokenHash: hashToken(token), now: meta.now }, meta),
    );
    await this.directory.refresh();
    this.sessions.endAllOf(userId);
    if (outcome.replayed) return { userId, position: outcome.result.position };
    return { userId, token, position: outcome.result.position };
  }

  @Delete(':userId/token')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Revoke a user\'s token: it stops working at once and no new one is issued (POST …/token issues one again); '
      + 'the user\'s sessions end, and they may still sign in to the web app with their password',
  })
  @ApiUserIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, UserTokenRevokedResponse, 'The token is revoked')
  @ApiErrors(...ROUTE_ERRORS.revokeToken)
  async revokeToken(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    checkUserId(userId);
    const outcome = await this.commandBus.execute(new ExecuteUserCommand({ type: 'RevokeUserToken', userId, now: meta.now }, meta));
    await this.directory.refresh();
    this.sessions.endAllOf(userId);
    return { userId, position: outcome.result.position };
  }

  @Get(':userId/sessions')
  @Roles('admin')
  @ApiOperation({ summary: 'The devices a user is signed in on (live staff-app sessions), so a lost phone can be signed out' })
  @ApiUserIdParam()
  @ApiAnswer(200, DeviceSessionListResponse, 'The user\'s live sessions')
  @ApiErrors(...ROUTE_ERRORS.listSessions)
  async listSessions(@Param('userId') userId: string) {
    checkUserId(userId);
    // An id that names nobody is not a user without devices.
    if ((await this.directory.byId(userId)) === undefined) throw new NotFound('user', userId);
    return { items: this.sessions.listOf(userId) };
  }

  @Delete(':userId/sessions/:sessionId')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Sign one device out (a lost phone): its session ends at once, and what it still sends is refused as '
      + 'UNAUTHENTICATED with details.reason "device-signed-out", so the app on it lists those commands as not recorded; a request it sends '
      + 'again that the ledger had recorded before the sign-out (same Idempotency-Key and request, the answer lost) is refused too, with '
      + 'details.recorded {position}, so the app lists it as recorded and nobody enters it twice',
  })
  @ApiUserIdParam()
  @ApiParam({ name: 'sessionId', description: 'The sessionId GET …/sessions answered', example: 'q3Jk9xZ0mLwP' })
  @ApiEmptyAnswer('The device is signed out')
  @ApiErrors(...ROUTE_ERRORS.endSession)
  endSession(@Param('userId') userId: string, @Param('sessionId') sessionId: string): void {
    checkUserId(userId);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(sessionId)) throw validationFailed([{ field: 'sessionId', reason: 'is not a session id' }]);
    if (!this.sessions.endDevice(userId, sessionId)) throw new NotFound('session', sessionId);
  }

  @Post(':userId/password')
  @HttpCode(204)
  @Roles('any')
  @ApiOperation({
    summary: 'Set a password (10–200 characters): an admin for anyone; a user for themselves, with currentPassword once they have one. '
      + 'The user\'s other sessions end.',
  })
  @ApiUserIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiEmptyAnswer('The password is set')
  @ApiErrors(...ROUTE_ERRORS.setPassword)
  async setPassword(@Param('userId') userId: string, @Body() body: SetPasswordRequestDto, @Req() request: AuthenticatedRequest): Promise<void> {
    checkUserId(userId);
    const caller = request.user as UserState;
    const own = caller.userId === userId;
    if (!own && !caller.roles.includes('admin')) throw new OthersPasswordForbidden(caller.roles);
    const problem = passwordProblem('password', body.password);
    if (problem) throw validationFailed([problem]);
    if (own) await this.checkCurrentPassword(caller, body.currentPassword);
    // The body holds the password: the request hash, which the log keeps, holds its sealed
    // fingerprint instead, so a retry is recognised and another password under the same key is not.
    const keyed = commandMetadataOf(request);
    const meta = { ...keyed, requestHash: keyed.idempotencyKey === null ? '' : requestHashOf({
      method: request.method, route: request.routeOptions.url, params: { userId },
      body: { password: await this.passwords.fingerprint(body.password, `${userId}\n${keyed.idempotencyKey}`) },
    }) };
    const passwordHash = await this.passwords.hash(body.password);
    await this.commandBus.execute(new ExecuteUserCommand({ type: 'SetUserPassword', userId, passwordHash, now: meta.now }, meta));
    await this.directory.refresh();
    this.sessions.endAllOf(userId, own ? sessionCookieOf(request) : undefined);
  }

  /** Changing one's own password needs the current one (once there is one): a session left open is not enough. */
  private async checkCurrentPassword(caller: UserState, currentPassword: string | undefined): Promise<void> {
    const user = await this.directory.byId(caller.userId);
    if (!user?.passwordHash) return;
    if (currentPassword === undefined) throw validationFailed([{ field: 'currentPassword', reason: 'is required to change your own password' }]);
    const attempt = this.limits.signInFailures.attempt(signInName(user.name));
    if (attempt.lockedForSeconds > 0) throw new RateLimited('password-check', attempt.lockedForSeconds);
    if (await this.passwords.verify(currentPassword, user.passwordHash)) {
      attempt.succeeded();
      return;
    }
    throw validationFailed([{ field: 'currentPassword', reason: 'is not your current password' }]);
  }

  @Delete(':userId')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Deactivate a user: their token stops working at once and their sessions end; what their devices still send is refused as '
      + 'UNAUTHENTICATED with details.reason "user-deactivated" (and details.recorded {position} for a request the ledger had recorded '
      + 'before, the answer lost), so the app on each lists those commands as not recorded, or recorded',
  })
  @ApiUserIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, UserDeactivatedResponse, 'The user is deactivated')
  @ApiErrors(...ROUTE_ERRORS.deactivateUser)
  async deactivate(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    checkUserId(userId);
    const outcome = await this.commandBus.execute(new ExecuteUserCommand({ type: 'DeactivateUser', userId, now: meta.now }, meta));
    await this.directory.refresh();
    this.sessions.endAllOfDeactivated(userId);
    return { userId, active: false, position: outcome.result.position };
  }
}

@ApiTags('users')
@ApiSignedIn()
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles('any')
  @ApiOperation({ summary: 'The signed-in user: id, name and roles' })
  @ApiAnswer(200, UserResponse, 'The caller')
  @ApiErrors(...ROUTE_ERRORS.me)
  me(@Req() request: AuthenticatedRequest) {
    return publicUser(request.user as UserState);
  }
}

function checkUserId(userId: string): void {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(userId)) throw validationFailed([{ field: 'userId', reason: 'is not a user id' }]);
}

function publicUser(user: UserState) {
  return { userId: user.userId, name: user.name, roles: [...user.roles], active: user.active };
}
