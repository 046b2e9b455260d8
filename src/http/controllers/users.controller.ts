import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteUserCommand } from '../../command-handling/handlers/users.handlers';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { hashToken, newToken, UsersDirectory } from '../auth/users-directory';
import type { UserState } from '../../domain/users/users.state';
import { Roles } from '../auth/roles.decorator';
import { Meta } from '../command-context';
import { CreateUserRequestDto } from '../dto/spending.request.dto';
import { validationFailed } from '../api-error';

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly commandBus: CommandBus, private readonly directory: UsersDirectory) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user; the token is shown in this answer only (a retried request does not show it again)' })
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
  async list() {
    const users = await this.directory.all();
    return { users: users.map(publicUser).sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.userId.localeCompare(b.userId)) };
  }

  @Post(':userId/token')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Rotate a user\'s token: the new token is shown in this answer only and the old one stops working at once' })
  async rotateToken(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    checkUserId(userId);
    const token = newToken();
    const outcome = await this.commandBus.execute(
      new ExecuteUserCommand({ type: 'ReplaceUserToken', userId, tokenHash: hashToken(token), now: meta.now }, meta),
    );
    await this.directory.refresh();
    if (outcome.replayed) return { userId, position: outcome.result.position };
    return { userId, token, position: outcome.result.position };
  }

  @Delete(':userId')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate a user: their token stops working at once' })
  async deactivate(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    checkUserId(userId);
    const outcome = await this.commandBus.execute(new ExecuteUserCommand({ type: 'DeactivateUser', userId, now: meta.now }, meta));
    await this.directory.refresh();
    return { userId, active: false, position: outcome.result.position };
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @Roles('any')
  @ApiOperation({ summary: 'The signed-in user: id, name and roles' })
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
