import type { RequestContext, ReferenceResolvers } from '@zhongtai/subgraph-kit';
import type { ReadService } from '../service/read-service.js';
import { Order } from './types.js';

export function orderReferences(reads: ReadService): ReferenceResolvers {
  return {
    Order: {
      __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
        // who may see it: `Order.__resolveReference` in ../policy.ts
        const doc = await reads.orders(ctx).load(ref.id);
        return doc && Order.from(doc);
      },
    },
  };
}
