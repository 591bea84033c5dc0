import type { NonEmptyArray } from 'type-graphql';
import { contentPolicies } from './policy.js';
import {
  type RequestContext,
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { ContentResolver, MemberContentResolver } from './schema/content.resolver.js';
import { ContentItem, Member } from './schema/types.js';
import { ContentService } from './service/content-service.js';
import { ContentRepository } from './store/content-repository.js';

const entities = [Member, ContentItem];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [ContentResolver, MemberContentResolver];
export const CONTENT_SUBGRAPH = 'content';

/** Content, campaigns and coupons (the only entry point of this package). */
export async function createContentSubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: ContentService }> {
  const repo = new ContentRepository(deps.db);
  await repo.init();
  const service = new ContentService(repo, deps.clock);
  const subgraph = await createSubgraph({
    name: CONTENT_SUBGRAPH,
    deps,
    resolvers,
    entities,
    policies: contentPolicies,
    instances: [new ContentResolver(service), new MemberContentResolver(service)],
    references: {
      ContentItem: {
        __resolveReference: async (ref: { id: string }, ctx: RequestContext) => {
          const doc = await service.items(ctx).load(ref.id);
          return doc && ContentItem.from(doc);
        },
      },
    },
  });
  return { ...subgraph, service };
}

export const contentSdl = () => sdlOf(resolvers, entities);
