import type { NonEmptyArray } from 'type-graphql';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf, periodicJob } from '@zhongtai/subgraph-kit';
import { subscribeOrders } from './events/consumers.js';
import { ordersPolicies } from './policy.js';
import { MemberOrdersResolver, OrderResolver, SkuBundleResolver } from './schema/order.resolver.js';
import { orderReferences } from './schema/references.js';
import { Member, Sku } from './schema/types.js';
import { IngestService } from './service/ingest-service.js';
import { ReadService } from './service/read-service.js';
import { OrderRepository } from './store/order-repository.js';

const entities = [Member, Sku];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [OrderResolver, MemberOrdersResolver, SkuBundleResolver];
export const ORDERS_SUBGRAPH = 'orders';

export interface OrdersSubgraphOptions {
  /** how often waiting buyers and interrupted projections are retried (0: never; tests drive it) */
  resumeEveryMs?: number;
}

/** Omni-channel orders (the only entry point of this package). */
export async function createOrdersSubgraph(
  deps: SubgraphDeps,
  options: OrdersSubgraphOptions = {},
): Promise<Subgraph & { ingest: IngestService; reads: ReadService }> {
  const repo = new OrderRepository(deps.db);
  await repo.init();
  await repo.watchEvents(deps.outbox);
  const reads = new ReadService(repo, deps.calendar);
  const ingest = new IngestService(repo, deps.outbox, deps.clock, deps.logger, deps.calendar, deps.call);
  const every = options.resumeEveryMs ?? 10_000;
  const subgraph = await createSubgraph({
    name: ORDERS_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: ordersPolicies(reads),
    instances: [
      new OrderResolver(reads, ingest),
      new MemberOrdersResolver(reads),
      new SkuBundleResolver(reads),
    ],
    references: orderReferences(reads),
    consumers: [() => subscribeOrders(deps.bus, repo, deps.calendar)],
    // one run at a time (a slow run is not overlapped by the next), stopped after the run in progress
    jobs: every
      ? [
          periodicJob({
            name: 'orders resume',
            everyMs: every,
            logger: deps.logger,
            run: () => ingest.resume(),
          }),
        ]
      : [],
  });
  return { ...subgraph, ingest, reads };
}

export const ordersSdl = () => sdlOf(resolvers, entities);
export type { IngestService } from './service/ingest-service.js';
export type { ReadService } from './service/read-service.js';
