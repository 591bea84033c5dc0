import {
  ALL_ROLES,
  type RequestContext,
  STAFF_ROLES,
  type Subject,
  definePolicies,
} from '@zhongtai/subgraph-kit';
import type { Order } from './schema/types.js';
import type { ReadService } from './service/read-service.js';
import type { OrderDoc } from './domain/records.js';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
/** An order is in scope through its buyer or its store. */
const ofOrder = (o: { memberId?: string | null; storeId?: string | null }): Subject => ({
  memberId: o.memberId ?? null,
  storeId: o.storeId ?? null,
});
/** A store-bound write: the caller's store (CLERK) or region (STORE_MANAGER); no store: tenant-wide roles. */
const atStore = (storeId?: string | null): Subject => (storeId ? { storeId } : { tenant: true });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';

/** Who may read and write orders (R-OR, R-AN-3), enforced by the kit before each resolver runs. */
export function ordersPolicies(reads: ReadService) {
  const storeOfOrder = async (id: string, ctx: RequestContext): Promise<Subject> => {
    const doc: OrderDoc | null = await reads.orders(ctx).load(id);
    // an unknown order is answered for the whole tenant only (NOT_FOUND for HQ, FORBIDDEN otherwise)
    return atStore(doc?.storeId);
  };
  return definePolicies({
    'Query.order': {
      roles: ALL_ROLES,
      result: (o: Order) => ofOrder({ memberId: o.member?.id, storeId: o.store?.id }),
      denied: 'null',
      scope: 'the buyer (MEMBER), or the order store or buyer in scope (CLERK, STORE_MANAGER)',
    },
    'Order.__resolveReference': {
      roles: ALL_ROLES,
      result: (o: Order) => ofOrder({ memberId: o.member?.id, storeId: o.store?.id }),
      denied: 'null',
      scope: 'as Query.order',
    },
    'Query.storeMetrics': {
      roles: STAFF_ROLES,
      target: (a: { storeId?: string | null }) => atStore(a.storeId),
      scope: 'CLERK its store, STORE_MANAGER a store of its region, HQ/SYSTEM any store or the tenant',
    },
    'Mutation.ingestOrder': {
      roles: ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'],
      target: (a: { input: { storeId?: string | null } }) => atStore(a.input.storeId),
      scope: 'CLERK its store, STORE_MANAGER its region, HQ/SYSTEM any; points held by the grant limits',
    },
    'Mutation.refundOrder': {
      roles: ['CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'],
      target: (a: { input: { orderId: string } }, _root: unknown, ctx: RequestContext) =>
        storeOfOrder(a.input.orderId, ctx),
      scope: "the order's store: CLERK its store, STORE_MANAGER its region; online orders HQ/SYSTEM",
    },
    'Mutation.ingestRefund': { roles: ['SYSTEM'], scope: 'tenant (adapters)' },
    'Mutation.importOrders': { roles: ['SYSTEM'], scope: 'tenant (bulk imports of history)' },
    'Member.orders': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
    'Member.orderStats': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
    'Sku.boughtTogether': { roles: ALL_ROLES, scope: 'catalogue data (no member data)' },
  });
}
