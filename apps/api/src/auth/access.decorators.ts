import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@venule/api-contract';

export const CAPABILITY_KEY = 'venule:capability';
export const PUBLIC_KEY = 'venule:public';

/**
 * The capability a route needs, from the contract's one table (SPEC §3). Every handler declares
 * this or @Public(); the guard denies the rest.
 */
export const Allow = (capability: Capability) => SetMetadata(CAPABILITY_KEY, capability);

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
