import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
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
import { ApiSignedIn } from '../openapi/document';
import {
  ApiCreateUserRoute, ApiDeactivateUserRoute, ApiDeviceSessionsRoute, ApiMeRoute, ApiRevokeTokenRoute, ApiRotateTokenRoute, ApiSetPasswordRoute,
  ApiSignDeviceOutRoute, ApiUsersRoute,
} from '../openapi/users.routes';
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
  @ApiCreateUserRoute()
  async create(@Body() body: CreateUserRequestDto, @Meta() meta: CommandMetadata) {
    const issued = await this.commandBus.execute(new CreateUserCommand(body.name, body.roles, meta));
    await this.directory.refresh();
    return presentUserCreated(issued, body);
  }

  @Get()
  @Roles('admin')
  @ApiUsersRoute()
  async list() {
    return presentUsers(await this.directory.all());
  }

  @Post(':userId/token')
  @HttpCode(200)
  @Roles('admin')
  @ApiRotateTokenRoute()
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
  @ApiRevokeTokenRoute()
  async revokeToken(@Param('userId') userIdRaw: string, @Meta() meta: CommandMetadata) {
    const userId = userIdParam(userIdRaw);
    const outcome = await this.commandBus.execute(new ExecuteUserCommand({ type: 'RevokeUserToken', userId, now: meta.now }, meta));
    await this.directory.refresh();
    this.sessions.endAllOf(userId);
    return { userId, position: outcome.result.position };
  }

  @Get(':userId/sessions')
  @Roles('admin')
  @ApiDeviceSessionsRoute()
  async listSessions(@Param('userId') userIdRaw: string) {
    const userId = userIdParam(userIdRaw);
    // An id that names nobody is not a user without devices.
    if ((await this.directory.byId(userId)) === undefined) throw new NotFound('user', userId);
    return { items: this.sessions.listOf(userId) };
  }

  @Delete(':userId/sessions/:sessionId')
  @HttpCode(204)
  @Roles('admin')
  @ApiSignDeviceOutRoute()
  endSession(@Param('userId') userIdRaw: string, @Param('sessionId') sessionIdRaw: string): void {
    const userId = userIdParam(userIdRaw);
    const sessionId = sessionIdParam(sessionIdRaw);
    if (!this.sessions.endDevice(userId, sessionId)) throw new NotFound('session', sessionId);
  }

  @Post(':userId/password')
  @HttpCode(204)
  @Roles('any')
  @ApiSetPasswordRoute()
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
  @ApiDeactivateUserRoute()
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
  @ApiMeRoute()
  me(@Req() request: AuthenticatedRequest) {
    return presentUser(request.user as UserState);
  }
}
