import type { Claims } from '@zhongtai/contracts';

/** The facts about a member that decide who may see it (DOMAIN R-AN-3, RUNTIME.md). */
export interface MemberScope {
  id: string;
  tenant: string;
  /** stores the member joined at or bought at */
  storeIds: string[];
  /** regions of those stores */
  regions: string[];
}

/**
 * MEMBER sees itself; CLERK members of its store; STORE_MANAGER members of its region;
 * HQ and SYSTEM the whole tenant. Never another tenant.
 */
export function canSeeMember(claims: Claims, m: MemberScope): boolean {
  if (m.tenant !== claims.tenant) return false;
  switch (claims.role) {
    case 'HQ':
    case 'SYSTEM':
      return true;
    case 'MEMBER':
      return m.id === claims.memberId;
    case 'CLERK':
      return claims.storeId !== undefined && m.storeIds.includes(claims.storeId);
    case 'STORE_MANAGER':
      return claims.region !== undefined && m.regions.includes(claims.region);
  }
}
