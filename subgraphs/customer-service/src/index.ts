import type { NonEmptyArray } from 'type-graphql';
import { customerServicePolicies } from './policy.js';
import { Member } from './schema/types.js';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { MemberCareResolver } from './schema/member-care.resolver.js';
import { CareService } from './service/care-service.js';
import { CareRepository } from './store/care-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberCareResolver];
export const CUSTOMER_SERVICE_SUBGRAPH = 'customer-service';

/** Surveys and tickets: experience data that closes the loop (the only entry point of this package). */
export async function createCustomerServiceSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: CareService }> {
  const repo = new CareRepository(deps.db);
  await repo.init();
  const service = new CareService(repo);
  const subgraph = await createSubgraph({
    name: CUSTOMER_SERVICE_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: customerServicePolicies,
    instances: [new MemberCareResolver(service, deps.clock)],
  });
  return { ...subgraph, service };
}

export const customerServiceSdl = () => sdlOf(resolvers, entities);
