import type { NonEmptyArray } from 'type-graphql';
import { customerServicePolicies } from './policy.js';
import { Member } from './schema/types.js';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { MemberServiceResolver } from './schema/member-service.resolver.js';
import { CustomerService } from './service/customer-service.js';
import { CustomerServiceRepository } from './store/service-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberServiceResolver];
export const CUSTOMER_SERVICE_SUBGRAPH = 'customer-service';

/** Surveys and tickets: experience data that closes the loop (the only entry point of this package). */
export async function createCustomerServiceSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: CustomerService }> {
  const repo = new CustomerServiceRepository(deps.db);
  await repo.init();
  const service = new CustomerService(repo);
  const subgraph = await createSubgraph({
    name: CUSTOMER_SERVICE_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: customerServicePolicies,
    instances: [new MemberServiceResolver(service, deps.clock)],
  });
  return { ...subgraph, service };
}

export const customerServiceSdl = () => sdlOf(resolvers, entities);
