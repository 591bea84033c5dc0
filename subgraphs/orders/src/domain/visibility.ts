import type { Claims } from '@zhongtai/contracts';

/** Who may read an order: its buyer, staff of its store (or region), and the tenant-wide roles. */
export function canSeeOrder(
  claims: Claims,
  o: { tenant: string; memberId?: string; storeId?: string },
  storeRegion?: string,
): boolean {
  if (o.tenant !== claims.tenant) return false;
  switch (claims.role) {
    case 'HQ':
    case 'SYSTEM':
      return true;
    case 'MEMBER':
      return o.memberId !== undefined && o.memberId === claims.memberId;
    case 'CLERK':
      return o.storeId !== undefined && o.storeId === claims.storeId;
    case 'STORE_MANAGER':
      return storeRegion !== undefined && storeRegion === claims.region;
  }
}
