import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import {
  CreateUserCommand, ExecuteUserCommand, ReplaceUserTokenCommand, SetUserPasswordCommand,
} from '../../command-handling/handlers/users.handlers';
import { PasswordHasher } from '../../access/passwords';
import { SessionStore } from '../../access/sessions';
import { UsersDirectory } from '../../access/users-directory';
import type { UserState } from '../../domain/users/users.state';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { PasswordChangeChecks } from '../auth/password-change';
import { AuthLimits } from '../auth/rate-limiter';
import { Roles } from '../auth/roles.decorator';
import { sessionCookieOf } from '../auth/session-cookie';
import { commandMetadataOf, Meta } from '../command-context';
import { CreateUserRequestDto } from '../dto/spending.request.dto';
import { SetPasswordRequestDto } from '../dto/sessions.request.dto';
import { NotFound } from '../errors';
import { DeviceSessionListResponse, TokenRotatedResponse, UserCreatedResponse, UserDeactivatedResponse, UserTokenRevokedResponse, UserListResponse, UserResponse } from '../openapi/access.responses';
import { ApiAnswer, ApiEmptyAnswer } from '../openapi/answers';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiSignedIn } from '../openapi/document';
import { ApiIdempotencyKeyHeader, ApiUserIdParam } from '../openapi/parameters';
import { ROUTE_ERRORS } from '../openapi/route-errors';
import { presentTokenRotated, presentUser, presentUserCreated, presentUsers } from '../presenters/users.presenter';
import { sessionIdParam, userIdParam } from './user-params';

@ApiTags('users')
@ApiSignedIn()
@Controller('v1/users')
export class UsersController {
  private readonly passwordChange: PasswordChangeChecks;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly directory: UsersDirectory,
    private readonly sessions: SessionStore,
    limits: AuthLimits,
    passwords: PasswordHasher,
  ) {
    this.passwordChange = new PasswordChangeChecks(directory, limits, passwords);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user; the token is shown in this answer only (a retried request does not show it again)' })
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(201, UserCreatedResponse, 'The user exists; the token is in this answer only')
  @ApiErrors(...ROUTE_ERRORS.createUser)
  async create(@Body() body: CreateUserRequestDto, @Meta() meta: CommandMetadata) {
    const issued = await this.commandBus.execute(new CreateUserCommand(body.name, body.roles, meta));
    await this.directory.refresh();
    return presentUserCreated(issued, body);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every user, active or deactivated, with their roles (never a token or its hash)' })
  @ApiAnswer(200, UserListResponse, 'Every user')
  @ApiErrors(...ROUTE_ERRORS.listUsers)
  async list() {
    return presentUsers(await this.directory.all());
  }

  @Post(':userId/token')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rotate a user\'s token: the new token is shown in this answer only and the old one stops working at once' })
  @ApiUserIdParam()
  @ApiIdempotencyKeyHeader()
  @ApiAnswer(200, TokenRotatedResponse, 'The new token, in this answer only')
  @ApiErrors(...ROUTE_ERRORS.rotateToken)
  async rotateToken(@Param('userId') userIdRaw: string, @Meta() meta: CommandMetadata) {
    const userId = userIdParam(userIdRaw);
    const issued = await this.commandBus.execute(new ReplaceUserTokenCommand(userId, meta));
    await this.directory.refresh();
    this.sessions.endAllOf(userId);
    return presentTokenRotated(issued);
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
  async revokeToken(@Param('userId') userIdRaw: string, @Meta() meta: CommandMetadata) {
    const userId = userIdParam(userIdRaw);
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
  async listSessions(@Param('userId') userIdRaw: string) {
    const userId = userIdParam(userIdRaw);
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
  endSession(@Param('userId') userIdRaw: string, @Param('sessionId') sessionIdRaw: string): void {
    const userId = userIdParam(userIdRaw);
    const sessionId = sessionIdParam(sessionIdRaw);
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
  async setPassword(@Param('userId') userIdRaw: string, @Body() body: SetPasswordRequestDto, @Req() request: AuthenticatedRequest): Promise<void> {
    const userId = userIdParam(userIdRaw);
    const { own } = await this.passwordChange.check(request.user as UserState, userId, body);
    const route = { method: request.method, url: request.routeOptions.url };
    await this.commandBus.execute(new SetUserPasswordCommand(userId, body.password, commandMetadataOf(request), route));
    await this.directory.refresh();
    this.sessions.endAllOf(userId, own ? sessionCookieOf(request) : undefined);
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
  async deactivate(@Param('userId') userIdRaw: string, @Meta() meta: CommandMetadata) {
    const userId = userIdParam(userIdRaw);
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
    return presentUser(request.user as UserState);
  }
}
