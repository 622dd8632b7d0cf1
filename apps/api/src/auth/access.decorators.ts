import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Capability } from '@venule/api-contract';
import { ApiSignedIn } from '../platform/openapi/api-docs';

export const CAPABILITY_KEY = 'venule:capability';
export const PUBLIC_KEY = 'venule:public';
export const BEFORE_PASSWORD_CHANGE_KEY = 'venule:before-password-change';

/**
 * The capability a route needs, from the contract's one table (SPEC §3). Every handler declares
 * this or @Public(); the guard denies the rest. The OpenAPI document learns from it that the route
 * needs the session cookie and can answer 401 and 403.
 */
export const Allow = (capability: Capability) => applyDecorators(SetMetadata(CAPABILITY_KEY, capability), ApiSignedIn());

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A route that still works while a reset password waits to be changed (who am I, change it). */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
