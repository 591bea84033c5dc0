import type { NonEmptyArray } from 'type-graphql';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { customerServicePolicies } from './policy.js';
import { MemberCareResolver } from './schema/member-care.resolver.js';
import { Member } from './schema/types.js';
import { SurveyService } from './service/survey-service.js';
import { TicketService } from './service/ticket-service.js';
import { CareRepository } from './store/care-repository.js';

const entities = [Member];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberCareResolver];
export const CUSTOMER_SERVICE_SUBGRAPH = 'customer-service';

/** The services of the customer-service subgraph, for the all-in-one process and tests. */
export interface CustomerServiceServices {
  tickets: TicketService;
  surveys: SurveyService;
}

/** Surveys and tickets: experience data that closes the loop (the only entry point of this package). */
export async function createCustomerServiceSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { services: CustomerServiceServices }> {
  const repo = new CareRepository(deps.db);
  await repo.init();
  const services: CustomerServiceServices = {
    tickets: new TicketService(repo),
    surveys: new SurveyService(repo),
  };
  const subgraph = await createSubgraph({
    name: CUSTOMER_SERVICE_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: customerServicePolicies,
    instances: [new MemberCareResolver(services.tickets, services.surveys, deps.clock)],
  });
  return { ...subgraph, services };
}

export const customerServiceSdl = () => sdlOf(resolvers, entities);
export type { SurveyService } from './service/survey-service.js';
export type { TicketService } from './service/ticket-service.js';
