import type { NonEmptyArray } from 'type-graphql';
import { Member } from './schema/types.js';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { MemberPointsResolver } from './schema/member-points.resolver.js';
import { PointsService } from './service/points-service.js';
import { AccountRepository } from './store/account-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberPointsResolver];
export const POINTS_SUBGRAPH = 'points';

/** Points & growth: one ledger per member (the only entry point of this package). */
export async function createPointsSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: PointsService }> {
  const repo = new AccountRepository(deps.db);
  await repo.init();
  const service = new PointsService(repo);
  const subgraph = await createSubgraph({
    name: POINTS_SUBGRAPH,
    deps,
    resolvers,
    entities,
    instances: [new MemberPointsResolver(service)],
  });
  return { ...subgraph, service };
}

export const pointsSdl = () => sdlOf(resolvers, entities);
