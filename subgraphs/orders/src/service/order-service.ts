import { type RequestContext, byKeys, groupByKeys, loader } from '@zhongtai/subgraph-kit';
import { canSeeOrder } from '../domain/visibility.js';
import type { OrderDoc } from '../store/models.js';
import type { OrderRepository } from '../store/order-repository.js';

export class OrderService {
  constructor(private readonly repo: OrderRepository) {}

  async visibleOrder(ctx: RequestContext, id: string): Promise<OrderDoc | null> {
    const doc = await loader<string, OrderDoc | null>(ctx, 'orders:byId', async (ids) =>
      byKeys(ids, await this.repo.byIds(ctx.tenant, ids), (d) => d._id),
    ).load(id);
    return doc && canSeeOrder(ctx.claims, doc) ? doc : null;
  }

  /** Orders of a member, newest first; members' orders are fetched together for a whole request. */
  async memberOrders(ctx: RequestContext, memberId: string): Promise<OrderDoc[]> {
    if (ctx.claims.role === 'MEMBER' && ctx.claims.memberId !== memberId) return [];
    return loader<string, OrderDoc[]>(ctx, 'orders:ofMember', async (ids) =>
      groupByKeys(ids, await this.repo.ofMembers(ctx.tenant, ids), (d) => d.memberId!),
    ).load(memberId);
  }
}
