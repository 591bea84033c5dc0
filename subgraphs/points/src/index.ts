import type { NonEmptyArray } from 'type-graphql';
import {
  ServiceScopeSource,
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  importGateOf,
  periodicJob,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { subscribePoints } from './events/consumers.js';
import { GrantLimitsResolver, HeldOrderPointsResolver } from './schema/limits.resolver.js';
import {
  MemberPointsResolver,
  PointsAccountResolver,
  PointsMutationResolver,
} from './schema/points.resolver.js';
import { pointsPolicies } from './policy.js';
import { Member } from './schema/types.js';
import { ConfigService } from './service/config-service.js';
import { GrantLimitsService } from './service/grant-limits.js';
import { HoldsService } from './service/holds.js';
import { LedgerService } from './service/ledger-service.js';
import { OrderPointsService } from './service/order-points.js';
import { AccountCommands } from './service/account-commands.js';
import { AccountReads } from './service/account-reads.js';
import { LedgerJobs } from './service/ledger-jobs.js';
import { MergeReactions } from './service/merge-reactions.js';
import { Openings } from './service/openings.js';
import { PlusService } from './service/plus-service.js';
import { Reconciler } from './service/reconciliation.js';
import type { PointsServices } from './service/services.js';
import { HeldOrders } from './store/held-orders.js';
import { LedgerRepository } from './store/ledger-repository.js';
import { LimitCounters } from './store/limit-counters.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  MemberPointsResolver,
  PointsAccountResolver,
  PointsMutationResolver,
  GrantLimitsResolver,
  HeldOrderPointsResolver,
];
export const POINTS_SUBGRAPH = 'points';

export interface PointsSubgraphOptions {
  /** how often pending points are released and expired points expired (0: never; tests drive the jobs) */
  jobsEveryMs?: number;
  /** days of advance notice before points expire */
  expiryNoticeDays?: number;
}

/** Points & growth: one ledger per member (the only entry point of this package). */
export async function createPointsSubgraph(
  deps: SubgraphDeps,
  options: PointsSubgraphOptions = {},
): Promise<Subgraph & { services: PointsServices }> {
  const repo = new LedgerRepository(deps.db, deps.cache);
  const counters = new LimitCounters(deps.db);
  const heldOrders = new HeldOrders(deps.db, deps.cache);
  await Promise.all([repo.init(), counters.init(), heldOrders.init()]);
  const config = new ConfigService(repo, deps.cache, deps.clock);
  const ledger = new LedgerService(repo, config, deps.outbox, deps.clock, deps.calendar);
  const limits = new GrantLimitsService(config, counters, deps.clock, deps.calendar);
  const holds = new HoldsService(heldOrders, limits, deps.clock, deps.calendar);
  const orders = new OrderPointsService(ledger, holds, deps.clock, deps.calendar);
  const services: PointsServices = {
    ledger,
    reads: new AccountReads(repo, deps.clock),
    commands: new AccountCommands(ledger, limits),
    // members checked to exist through the same source (and cache) as the authorizer's
    openings: new Openings(
      ledger,
      new ServiceScopeSource({ subgraph: POINTS_SUBGRAPH, cache: deps.cache, call: deps.call }),
      importGateOf(deps),
    ),
    plus: new PlusService(ledger, limits, deps.clock, deps.calendar),
    orders,
    merges: new MergeReactions(ledger),
    limits,
    holds,
    jobs: new LedgerJobs(ledger, deps.outbox, deps.clock, deps.calendar),
    reconciler: new Reconciler(ledger, deps.clock),
  };
  const every = options.jobsEveryMs ?? 60_000;
  const jobs = [
    periodicJob({
      name: 'points jobs',
      everyMs: every,
      logger: deps.logger,
      run: async () => {
        await services.jobs.releaseAndExpire();
        await services.jobs.noticeExpiring(options.expiryNoticeDays ?? 30);
        await services.jobs.reviewTiers();
        await limits.sweep();
      },
    }),
    // entries a crashed writer left: applied to the snapshot and announced within seconds
    periodicJob({
      name: 'ledger settle',
      everyMs: every && Math.min(every, 2_000),
      logger: deps.logger,
      run: () => ledger.settleInterrupted(),
    }),
  ];
  const subgraph = await createSubgraph({
    name: POINTS_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: pointsPolicies,
    instances: [
      new MemberPointsResolver(services.reads, ledger.config),
      new PointsAccountResolver(services.reads),
      new PointsMutationResolver(services),
      new GrantLimitsResolver(limits),
      new HeldOrderPointsResolver(holds, orders),
    ],
    consumers: [() => subscribePoints(deps.bus, services)],
    jobs,
  });
  return { ...subgraph, services };
}

export type { PointsServices };

export const pointsSdl = () => sdlOf(resolvers, entities);
