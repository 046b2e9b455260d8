import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { UserState } from '../../domain/users/users.state';
import { ApiError } from '../api-error';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { UsersDirectory } from './users-directory';

export type AuthenticatedRequest = FastifyRequest & { user?: UserState };

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/** Every route needs a token and one of its roles unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly users: UsersDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new ApiError(401, 'UNAUTHENTICATED', 'A bearer token is required: Authorization: Bearer <token>');
    const user = await this.users.authenticate(match[1]);
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'The token is not valid');
    request.user = user;
    const allowed = this.reflector.getAllAndOverride<string[]>(ROLES_KEY, targets) ?? [];
    if (allowed.includes('any') || user.roles.some((role) => allowed.includes(role))) return true;
    throw new ApiError(403, 'FORBIDDEN', `This needs one of the roles: ${allowed.join(', ')}`, { required: allowed, held: user.roles });
  }
}
