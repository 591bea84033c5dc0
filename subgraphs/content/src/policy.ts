import {
  ALL_ROLES,
  type RequestContext,
  STAFF_ROLES,
  TENANT_ROLES,
  definePolicies,
} from '@zhongtai/subgraph-kit';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';
/** a member acting for itself (the operation has no member argument): it must exist */
const ITSELF = {
  roles: ['MEMBER'] as const,
  target: (_a: unknown, _r: unknown, ctx: RequestContext) => ({
    memberId: ctx.claims.memberId,
    mustExist: true,
  }),
  scope: 'the member itself',
};
/** staff at the store the operation names */
const AT_STORE = {
  roles: STAFF_ROLES,
  target: (a: { storeId: string }) => ({ storeId: a.storeId }),
  scope: 'the store: CLERK its own, STORE_MANAGER its region',
};

/**
 * Who may read and manage content, campaigns and coupons: the only authorization of this subgraph
 * (services check nothing). A member's feed and coupons are in the scope of that member (the kit's
 * `decide`): a MEMBER its own (any id of its merge group), a CLERK its store's members, a
 * STORE_MANAGER its region's, HQ and SYSTEM the tenant's; out of scope is FORBIDDEN.
 */
export const contentPolicies = definePolicies({
  'Query.campaign': { roles: STAFF_ROLES, scope: 'tenant marketing data (staff)' },
  'Mutation.upsertContentItem': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.saveCampaign': { roles: TENANT_ROLES, scope: 'tenant' },
  'Campaign.funnelAt': AT_STORE,
  'ContentItem.__resolveReference': { roles: ALL_ROLES, scope: 'published content (no member data)' },
  'Member.feed': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Member.coupons': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Query.clerkStats': {
    roles: STAFF_ROLES,
    // a clerk its own counts only; its store manager the region's stores; HQ the tenant
    target: (a: { storeId: string; clerkId: string }, _r: unknown, ctx: RequestContext) =>
      ctx.claims.role === 'CLERK' && ctx.claims.sub !== a.clerkId ? { tenant: true } : { storeId: a.storeId },
    scope: 'a clerk itself (token sub) at its store, STORE_MANAGER its region',
  },
  'Mutation.claimCoupon': ITSELF,
  'Mutation.trackCampaign': ITSELF,
  'Mutation.markContentSeen': ITSELF,
  'Mutation.redeemCoupon': AT_STORE,
});
