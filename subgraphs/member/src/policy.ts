import {
  ALL_ROLES,
  type RequestContext,
  STAFF_ROLES,
  type Subject,
  TENANT_ROLES,
  definePolicies,
} from '@zhongtai/subgraph-kit';
import type { Member } from './schema/member.type.js';
import type { Store } from './schema/store.type.js';
import { scopeOf } from './service/scopes.js';

/** A member as found: its scope is on the document already (no lookup). */
const found = (m: Member): Subject => ({ member: scopeOf(m.id, m.doc) });
const byId = (id: string): Subject => ({ memberId: id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';
const INSIGHT_SCOPE =
  'CLERK its store, STORE_MANAGER its region or a store in it, HQ/SYSTEM any store or the tenant';
/** Insight over a store, or over the caller's own scope when no store is given. */
const insightStore = (a: { storeId?: string | null }): Subject | null =>
  a.storeId ? { storeId: a.storeId } : null;

/**
 * Who may do what in the member center (R-ID, R-AN-3, R-ID-6). Reads that find a member by
 * something other than its id check the member they found; a member outside the caller's scope
 * reads as null (RUNTIME.md). PII masking per role is applied by the Member type's fields.
 */
export const memberPolicies = definePolicies({
  'Query.member': { roles: ALL_ROLES, result: found, denied: 'null', scope: MEMBER_SCOPE },
  'Query.membersByIds': { roles: ALL_ROLES, result: found, scope: `${MEMBER_SCOPE} (others null)` },
  'Query.memberByIdentity': { roles: ALL_ROLES, result: found, denied: 'null', scope: MEMBER_SCOPE },
  'Query.memberByPhone': { roles: STAFF_ROLES, result: found, denied: 'null', scope: MEMBER_SCOPE },
  'Query.me': {
    roles: ALL_ROLES,
    result: found,
    denied: 'null',
    scope: 'the MEMBER in the token (null for staff)',
  },
  'Query.memberMerges': {
    roles: STAFF_ROLES,
    target: (a: { memberId: string }) => byId(a.memberId),
    scope: MEMBER_SCOPE,
  },
  'Query.store': { roles: ALL_ROLES, scope: 'store master data (no member data)' },
  'Store.__resolveReference': { roles: ALL_ROLES, scope: 'store master data (no member data)' },
  'Member.__resolveReference': { roles: ALL_ROLES, result: found, denied: 'null', scope: MEMBER_SCOPE },
  'Store.members': {
    roles: STAFF_ROLES,
    target: (_a: unknown, store: Store) => ({ storeId: store.id, region: store.region }),
    scope: 'CLERK its store, STORE_MANAGER the stores of its region, HQ/SYSTEM any',
  },
  'Query.relationshipMatrix': { roles: STAFF_ROLES, target: insightStore, scope: INSIGHT_SCOPE },
  'Query.lifecycleFunnel': { roles: STAFF_ROLES, target: insightStore, scope: INSIGHT_SCOPE },
  'Query.segments': { roles: TENANT_ROLES, scope: 'tenant' },
  'Query.segment': { roles: TENANT_ROLES, scope: 'tenant' },
  'Query.tagRules': { roles: STAFF_ROLES, scope: 'tenant rule definitions (no member data)' },
  'Query.accessScopes': { roles: ['SYSTEM'], scope: "tenant (the other subgraphs' authorizers)" },
  'Mutation.identifyMembers': {
    roles: ['SYSTEM'],
    scope: 'tenant (history imports: each customer as identifyMember)',
  },
  'Mutation.identifyMember': {
    roles: STAFF_ROLES,
    target: (a: { input: { storeId?: string | null } }, _r: unknown, ctx: RequestContext) => {
      // a clerk identifies at its own store: no store given means its store
      const storeId = a.input.storeId ?? (ctx.claims.role === 'CLERK' ? ctx.claims.storeId : null);
      return storeId ? { storeId } : null;
    },
    scope: 'the store where the customer is met: CLERK its store, STORE_MANAGER its region',
  },
  'Mutation.tagMember': {
    roles: STAFF_ROLES,
    target: (a: { memberId: string }) => byId(a.memberId),
    scope: MEMBER_SCOPE,
  },
  'Mutation.untagMember': {
    roles: STAFF_ROLES,
    target: (a: { memberId: string }) => byId(a.memberId),
    scope: MEMBER_SCOPE,
  },
  'Mutation.setConsent': {
    roles: ALL_ROLES,
    target: (a: { memberId: string }) => byId(a.memberId),
    scope: MEMBER_SCOPE,
  },
  'Query.mergeProposals': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.acceptMergeProposal': { roles: ['HQ'], scope: 'tenant (a reversible merge)' },
  'Mutation.dismissMergeProposal': { roles: ['HQ'], scope: 'tenant' },
  'Mutation.mergeMembers': { roles: TENANT_ROLES, scope: 'tenant (recorded, reversible)' },
  'Mutation.undoMerge': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.upsertStore': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.saveSegment': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.saveTagRule': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.deleteTagRule': { roles: TENANT_ROLES, scope: 'tenant' },
});
