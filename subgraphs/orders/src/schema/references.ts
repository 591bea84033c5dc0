import type { RequestContext, ReferenceResolvers } from '@zhongtai/subgraph-kit';
import type { OrderService } from '../service/order-service.js';
import { Order } from './types.js';

export function orderReferences(orders: OrderService): ReferenceResolvers {
  return {
    Order: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        const doc = await orders.visibleOrder(ctx, ref.id);
        return doc && Order.from(doc);
      },
    },
  };
}
