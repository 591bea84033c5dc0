import type { NonEmptyArray } from 'type-graphql';
import {
  type RequestContext,
  type Subgraph,
  type SubgraphDeps,
  createSubgraph,
  sdlOf,
} from '@zhongtai/subgraph-kit';
import { SkuResolver } from './schema/sku.resolver.js';
import { Sku } from './schema/types.js';
import { InventoryService } from './service/inventory-service.js';
import { InventoryRepository } from './store/inventory-repository.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [SkuResolver];
export const INVENTORY_SUBGRAPH = 'inventory';

/** SKUs and stock (the only entry point of this package). */
export async function createInventorySubgraph(
  deps: SubgraphDeps,
): Promise<Subgraph & { service: InventoryService }> {
  const repo = new InventoryRepository(deps.db);
  await repo.init();
  const service = new InventoryService(repo, deps.outbox, deps.clock);
  const subgraph = await createSubgraph({
    name: INVENTORY_SUBGRAPH,
    deps,
    resolvers,
    instances: [new SkuResolver(service)],
    references: {
      // an unknown code still resolves (a legacy order may carry a SKU the catalogue lacks)
      Sku: {
        __resolveReference: async (ref: { code: string }, ctx: RequestContext) => {
          const doc = await service.skus(ctx).load(ref.code);
          return doc ? Sku.from(doc) : Sku.unknown(ref.code);
        },
      },
    },
  });
  return { ...subgraph, service };
}

export const inventorySdl = () => sdlOf(resolvers);
