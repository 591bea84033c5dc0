import { type ReferenceResolvers, reference, referenceResolvers } from '@zhongtai/subgraph-kit';
import type { ReadService } from '../service/read-service.js';
import { Order } from './types.js';

/** The entities this subgraph owns, by reference; who may see them: `Order.__resolveReference` in ../policy.ts. */
export function orderReferences(reads: ReadService): ReferenceResolvers {
  return referenceResolvers({
    Order: reference({ load: (ctx, id) => reads.orders(ctx).load(id), map: (d) => Order.from(d) }),
  });
}
