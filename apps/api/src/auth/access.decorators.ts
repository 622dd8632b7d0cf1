import { SetMetadata } from '@nestjs/common';
import type { Role } from '@venule/api-contract';

export const ROLES_KEY = 'venule:roles';
export const PUBLIC_KEY = 'venule:public';

/** The roles that may use a route. Every handler declares this or @Public(); the guard denies the rest. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Shorthands for the access table of SPEC §3. */
export const ALL_STAFF: [Role, ...Role[]] = ['reception', 'clinician', 'manager', 'admin'];
