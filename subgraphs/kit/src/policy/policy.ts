import type { Role } from '@zhongtai/contracts';
import type { RequestContext } from '../context.js';
import type { Subject } from './decide.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const ALL_ROLES: readonly Role[] = ['MEMBER', 'CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'];
export const STAFF_ROLES: readonly Role[] = ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'];
export const TENANT_ROLES: readonly Role[] = ['HQ', 'SYSTEM'];

/**
 * The authorization of one operation, declared next to the data it guards (a subgraph's
 * `policy.ts`) and enforced by the kit before the resolver runs: which roles may call it at all,
 * and what it acts on, so that each role is confined to its scope (`decide.ts`). Keys are schema
 * coordinates: `Query.member`, `Mutation.earnPoints`, `Member.points` (a field this subgraph adds
 * to another's entity), `Order.__resolveReference` (an entity this subgraph resolves).
 */
export interface Policy {
  roles: readonly Role[];
  /**
   * What the call acts on, from its arguments (and, for entity fields, the entity): checked before
   * the resolver, so a refused write changes nothing. Omitted: nothing beyond the tenant.
   */
  target?: (
    args: any,
    root: any,
    ctx: RequestContext,
  ) => Subject | null | undefined | Promise<Subject | null | undefined>;
  /**
   * Reads only: what the resolver returned (for a list, each item), checked after it ran; denied
   * items become null (nullable items) or are dropped. For lookups whose target is only known once
   * found (by phone, by identity).
   */
  result?: (value: any, ctx: RequestContext) => Subject | null | undefined;
  /** how a denied read answers: `null` (single lookups, RUNTIME.md) or FORBIDDEN (the default) */
  denied?: 'null' | 'forbidden';
  /** the scope in words, for the policy table in the README */
  scope: string;
}

export type PolicyMap = Record<string, Policy>;

/** Identity function that types a subgraph's policy map. */
export function definePolicies<T extends PolicyMap>(policies: T): T {
  return policies;
}
