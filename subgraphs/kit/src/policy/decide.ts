import type { Claims } from '@zhongtai/contracts';

/** Who may see a member: the stores and regions it joined or bought at (merged members included). */
export interface MemberScope {
  memberId: string;
  /** the member this id resolves to now (itself unless merged into another) */
  rootId: string;
  storeIds: string[];
  regions: string[];
}

/** What an operation acts on, as far as who may touch it goes. Facets not given are not checked. */
export interface Subject {
  /** a member (any id of a merge group) */
  memberId?: string | null;
  /** the member's scope, when the owner already holds it (no lookup) */
  member?: MemberScope | null;
  storeId?: string | null;
  /** the store's region, when already known */
  region?: string | null;
  /** the whole tenant: only tenant-wide roles (HQ, SYSTEM) */
  tenant?: boolean;
  /** a whole region (e.g. a list over its stores): its STORE_MANAGER, and tenant-wide roles */
  wholeRegion?: string | null;
  /**
   * a write that creates state for `memberId` (points): the member must exist in the caller's
   * tenant, whatever the role (NOT_FOUND otherwise), so no balance is ever kept for nobody
   */
  mustExist?: boolean;
}

/** The facts `decide` needs, looked up by the authorizer. */
export interface Facts {
  /** the subject's member scope (null: unknown member) */
  member?: MemberScope | null;
  /** the caller's own scope (MEMBER role, when the subject is another id) */
  self?: MemberScope | null;
  /** the region of the subject's store (null: unknown store) */
  storeRegion?: string | null;
}

/**
 * The one rule of the platform (RUNTIME.md, DOMAIN R-AN-3): HQ and SYSTEM act on the whole tenant;
 * a MEMBER on itself (any id of its merge group); a CLERK on members who joined or bought at its
 * store and on its store; a STORE_MANAGER on the same for its region. A subject with several facets
 * (an order: its member and its store) is in scope when any facet is. Tenancy itself is enforced by
 * every repository (queries carry the caller's tenant), so it is not a facet here.
 */
export function decide(claims: Claims, subject: Subject, facts: Facts): boolean {
  if (claims.role === 'HQ' || claims.role === 'SYSTEM') return true;
  if (subject.tenant) return false;
  const member = subject.member ?? facts.member ?? null;
  const hasMember = !!subject.memberId || !!subject.member;
  const hasStore = !!subject.storeId;
  if (subject.wholeRegion) return claims.role === 'STORE_MANAGER' && subject.wholeRegion === claims.region;
  if (!hasMember && !hasStore) return true; // nothing to scope beyond the role
  switch (claims.role) {
    case 'MEMBER': {
      if (!hasMember) return false;
      const id = subject.memberId ?? member?.memberId;
      if (id === claims.memberId || member?.rootId === claims.memberId) return true;
      return !!member && !!facts.self && member.rootId === facts.self.rootId;
    }
    case 'CLERK':
      return (
        (hasStore && subject.storeId === claims.storeId) ||
        (!!member && member.storeIds.includes(claims.storeId!))
      );
    case 'STORE_MANAGER': {
      const region = subject.region ?? facts.storeRegion;
      return (
        (hasStore && !!region && region === claims.region) ||
        (!!member && member.regions.includes(claims.region!))
      );
    }
  }
}
