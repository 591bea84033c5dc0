import { ALL_ROLES, definePolicies } from '@zhongtai/subgraph-kit';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';

/** Who may read and act on surveys and tickets. */
export const customerServicePolicies = definePolicies({
  'Member.tickets': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Member.surveys': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
});
