import { ALL_ROLES, STAFF_ROLES, TENANT_ROLES, definePolicies } from '@zhongtai/subgraph-kit';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';

/** Who may read and manage content, campaigns and coupons. */
export const contentPolicies = definePolicies({
  'Query.campaign': { roles: STAFF_ROLES, scope: 'tenant marketing data (staff)' },
  'Mutation.upsertContentItem': { roles: TENANT_ROLES, scope: 'tenant' },
  'ContentItem.__resolveReference': { roles: ALL_ROLES, scope: 'published content (no member data)' },
  'Member.feed': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Member.coupons': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
});
