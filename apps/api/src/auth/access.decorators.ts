import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@venule/api-contract';

export const CAPABILITY_KEY = 'venule:capability';
export const PUBLIC_KEY = 'venule:public';
export const BEFORE_PASSWORD_CHANGE_KEY = 'venule:before-password-change';

/**
 * The capability a route needs, from the contract's one table (SPEC §3). Every handler declares
 * this or @Public(); the guard denies the rest.
 */
export const Allow = (capability: Capability) => SetMetadata(CAPABILITY_KEY, capability);

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A route that still works while a reset password waits to be changed (who am I, change it). */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
