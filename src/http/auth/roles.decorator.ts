import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { Role } from '../../domain/users/users.events';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';
/** The Fastify route option that marks a public route, for the public rate limit (src/http/rate-limits.ts). */
export const PUBLIC_ROUTE_CONFIG = 'ledgerPublic';

/** Roles that may call the route; `'any'` means any authenticated user. */
export const Roles = (...roles: (Role | 'any')[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token; it counts against its caller's public rate limit. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), RouteConfig({ [PUBLIC_ROUTE_CONFIG]: true }));
