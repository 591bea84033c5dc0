import type { NonEmptyArray } from 'type-graphql';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { MemberResolver } from './schema/member.resolver.js';
import { memberReferences } from './schema/references.js';
import { StoreResolver } from './schema/store.resolver.js';
import { MemberService } from './service/member-service.js';
import { MemberRepository } from './store/member-repository.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [MemberResolver, StoreResolver];
export const MEMBER_SUBGRAPH = 'member';

/** The member center: members, identities, stores (the only entry point of this package). */
export async function createMemberSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: MemberService }> {
  const repo = new MemberRepository(deps.db, deps.cache);
  await repo.init();
  const service = new MemberService(repo, deps.outbox, deps.clock);
  const subgraph = await createSubgraph({
    name: MEMBER_SUBGRAPH,
    deps,
    resolvers,
    instances: [new MemberResolver(service), new StoreResolver(service)],
    references: memberReferences(service),
  });
  return { ...subgraph, service };
}

export const memberSdl = () => sdlOf(resolvers);
