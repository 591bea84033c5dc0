import { ALL_ROLES, definePolicies } from '@zhongtai/subgraph-kit';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';

/**
 * Who may read and act on surveys and tickets: the only authorization of this subgraph (services
 * check nothing). A member's tickets and surveys are in the scope of that member (the kit's
 * `decide`): a MEMBER its own (any id of its merge group), a CLERK those of its store's members, a
 * STORE_MANAGER those of its region's, HQ and SYSTEM the tenant's; out of scope is FORBIDDEN.
 */
export const customerServicePolicies = definePolicies({
  'Member.tickets': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Member.surveys': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
});
