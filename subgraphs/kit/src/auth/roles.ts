import { type Role, forbidden } from '@zhongtai/contracts';
import type { RequestContext } from '../context.js';

/** Throws FORBIDDEN unless the caller has one of `roles`. */
export function requireRole(ctx: RequestContext, ...roles: Role[]): void {
  if (!roles.includes(ctx.claims.role))
    throw forbidden(`This operation needs one of the roles ${roles.join(', ')}`);
}

export const STAFF: Role[] = ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'];
export const TENANT_WIDE: Role[] = ['HQ', 'SYSTEM'];
