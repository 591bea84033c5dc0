import type { NonEmptyArray } from 'type-graphql';
import { Member } from './schema/types.js';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { MemberOrdersResolver, OrderResolver } from './schema/order.resolver.js';
import { orderReferences } from './schema/references.js';
import { OrderService } from './service/order-service.js';
import { OrderRepository } from './store/order-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [OrderResolver, MemberOrdersResolver];
export const ORDERS_SUBGRAPH = 'orders';

/** Omni-channel orders (the only entry point of this package). */
export async function createOrdersSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: OrderService }> {
  const repo = new OrderRepository(deps.db);
  await repo.init();
  const service = new OrderService(repo);
  const subgraph = await createSubgraph({
    name: ORDERS_SUBGRAPH,
    deps,
    resolvers,
    entities,
    instances: [new OrderResolver(service), new MemberOrdersResolver(service)],
    references: orderReferences(service),
  });
  return { ...subgraph, service };
}

export const ordersSdl = () => sdlOf(resolvers, entities);
