import { randomUUID } from 'node:crypto';
import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandMetadata } from '../../command-handling/command-metadata';
import { ExecuteUserCommand } from '../../command-handling/handlers/users.handlers';
import { hashToken, newToken, UsersDirectory } from '../auth/users-directory';
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

  @Delete(':userId')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Deactivate a user: their token stops working at once' })
  async deactivate(@Param('userId') userId: string, @Meta() meta: CommandMetadata) {
    if (!/^[A-Za-z0-9-]{1,64}$/.test(userId)) throw validationFailed([{ field: 'userId', reason: 'is not a user id' }]);
    const outcome = await this.commandBus.execute(new ExecuteUserCommand({ type: 'DeactivateUser', userId, now: meta.now }, meta));
    await this.directory.refresh();
    return { userId, active: false, position: outcome.result.position };
  }
}
