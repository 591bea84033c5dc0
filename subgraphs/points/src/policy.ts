import { ALL_ROLES, STAFF_ROLES, TENANT_ROLES, definePolicies } from '@zhongtai/subgraph-kit';

const member = (id: string) => ({ memberId: id });
const ofMember = (_args: unknown, root: { id: string }) => member(root.id);
/** A write that keeps points for its member: the member must exist (NOT_FOUND for every role otherwise). */
const ofInput = (args: { input: { memberId: string } }) => ({
  memberId: args.input.memberId,
  mustExist: true,
});
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';

/**
 * Who may do what with points (R-PT-8, R-AN-3). Points are money: grants are staff-only and capped
 * (`service/grant-limits.ts`), redemptions need the member in the caller's scope, corrections and
 * configuration are tenant-wide roles only.
 */
export const pointsPolicies = definePolicies({
  'Member.points': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Member.growth': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
  'Mutation.earnPoints': {
    roles: ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'],
    target: ofInput,
    scope: `${MEMBER_SCOPE}; capped per grant, per member per day and per staff token per day`,
  },
  'Mutation.redeemPoints': { roles: ALL_ROLES, target: ofInput, scope: MEMBER_SCOPE },
  'Mutation.adjustPoints': { roles: TENANT_ROLES, target: ofInput, scope: 'tenant (with a reason)' },
  'Mutation.importOpeningBalance': { roles: ['SYSTEM'], target: ofInput, scope: 'tenant (legacy imports)' },
  'Mutation.importOpeningBalances': {
    roles: ['SYSTEM'],
    scope:
      'tenant (legacy imports: each as importOpeningBalance; a member that does not exist is NOT_FOUND in its row)',
  },
  'Mutation.purchasePlus': {
    roles: TENANT_ROLES,
    target: ofInput,
    scope: "tenant: the channel's payment backend (SYSTEM, at least the price) or HQ (any fee)",
  },
  'Mutation.setEarningRules': { roles: ['HQ'], scope: 'tenant' },
  'Query.earningRules': { roles: ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'], scope: 'tenant' },
  'Query.pointsReconciliation': {
    roles: TENANT_ROLES,
    target: (args: { memberId?: string | null }) => (args.memberId ? member(args.memberId) : null),
    scope: 'tenant',
  },
  'Query.pointsDrift': { roles: TENANT_ROLES, scope: 'tenant' },
  'Query.grantLimits': { roles: STAFF_ROLES, scope: 'tenant (staff see the limits they work under)' },
  'Mutation.setGrantLimits': { roles: ['HQ'], scope: 'tenant' },
  'Query.heldOrderPoints': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.approveHeldOrderPoints': { roles: ['HQ'], scope: 'tenant (grants the held order its points)' },
  'Mutation.rejectHeldOrderPoints': { roles: ['HQ'], scope: 'tenant (with a reason)' },
});
