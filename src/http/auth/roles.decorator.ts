import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../domain/users/users.events';

export const ROLES_KEY = 'ledger:roles';
export const PUBLIC_KEY = 'ledger:public';

/** Roles that may call the route; `'any'` means any authenticated user. */
export const Roles = (...roles: (Role | 'any')[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without a token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
