import type { NonEmptyArray } from 'type-graphql';
import {
  KeyedLock,
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  importGateOf,
  periodicJob,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { subscribeOrders } from './events/consumers.js';
import { ordersPolicies } from './policy.js';
import { MemberOrdersResolver, OrderResolver, SkuBundleResolver } from './schema/order.resolver.js';
import { orderReferences } from './schema/references.js';
import { Member, Sku } from './schema/types.js';
import { FollowService } from './service/follow-service.js';
import { ImportService } from './service/import-service.js';
import { IntakeService } from './service/intake-service.js';
import { ReadService } from './service/read-service.js';
import { RefundService } from './service/refund-service.js';
import { SettleService } from './service/settle-service.js';
import { MetricTree } from './service/metric-tree.js';
import { MetricTreeRepository } from './store/metric-tree-repository.js';
import { OrderRepository } from './store/order-repository.js';

const entities = [Member, Sku];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [OrderResolver, MemberOrdersResolver, SkuBundleResolver];
export const ORDERS_SUBGRAPH = 'orders';

export interface OrdersSubgraphOptions {
  /** how often waiting buyers and interrupted projections are retried (0: never; tests drive it) */
  resumeEveryMs?: number;
  /** how often the store metrics tree catches up with days left alone for as long (0: never; queries still do) */
  settleMetricsEveryMs?: number;
}

export interface OrdersServices {
  intake: IntakeService;
  imports: ImportService;
  refunds: RefundService;
  settle: SettleService;
  follow: FollowService;
  reads: ReadService;
  metrics: MetricTree;
}

/** Omni-channel orders (the only entry point of this package). */
export async function createOrdersSubgraph(
  deps: SubgraphDeps,
  options: OrdersSubgraphOptions = {},
): Promise<Subgraph & { services: OrdersServices }> {
  const repo = new OrderRepository(deps.db, deps.cache);
  await repo.init();
  await repo.watchEvents(deps.outbox);
  // one order (and one member's projections) at a time in this process, whoever writes it
  const lock = new KeyedLock();
  const treeRepo = new MetricTreeRepository(deps.db);
  await treeRepo.init();
  const tree = new MetricTree(treeRepo);
  // days left alone this long are settled, this often
  const settleEvery = options.settleMetricsEveryMs ?? 5_000;
  const reads = new ReadService(repo, deps.calendar, tree);
  const settle = new SettleService(repo, deps.outbox, deps.clock, deps.logger, deps.calendar, lock);
  const intake = new IntakeService(repo, settle, deps.clock, deps.logger, lock, deps.call);
  const refunds = new RefundService(repo, settle, deps.outbox, deps.clock, lock);
  const imports = new ImportService(
    repo,
    intake,
    settle,
    deps.outbox,
    deps.clock,
    deps.calendar,
    lock,
    importGateOf(deps),
  );
  const follow = new FollowService(repo, deps.calendar);
  const subgraph = await createSubgraph({
    name: ORDERS_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: ordersPolicies(reads),
    instances: [
      new OrderResolver(reads, intake, refunds, imports),
      new MemberOrdersResolver(reads),
      new SkuBundleResolver(reads),
    ],
    references: orderReferences(reads),
    consumers: [() => subscribeOrders(deps.bus, { follow })],
    jobs: [
      periodicJob({
        name: 'orders resume',
        everyMs: options.resumeEveryMs ?? 10_000,
        logger: deps.logger,
        run: () => intake.resume(),
      }),
      periodicJob({
        name: 'store metrics settle',
        everyMs: settleEvery,
        logger: deps.logger,
        run: () => tree.settleQuiet(settleEvery),
      }),
    ],
  });
  return { ...subgraph, services: { intake, imports, refunds, settle, follow, reads, metrics: tree } };
}

export const ordersSdl = () => sdlOf(resolvers, entities);
export type { FollowService } from './service/follow-service.js';
export type { IntakeService } from './service/intake-service.js';
export type { ImportService, ImportOutcome } from './service/import-service.js';
export type { ReadService } from './service/read-service.js';
export type { RefundService } from './service/refund-service.js';
export type { SettleService } from './service/settle-service.js';
