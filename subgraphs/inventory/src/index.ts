import type { NonEmptyArray } from 'type-graphql';
import { inventoryPolicies } from './policy.js';
import type { WmsAdapter } from '@zhongtai/contracts';
import { LiveStock } from './service/live-stock.js';
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

export interface InventorySubgraphOptions {
  /** the WMS adapter: stock at a location is read live through it, with the last known value as fallback */
  wms?: WmsAdapter;
  /** how long a live reading is reused (default 30 s) */
  stockTtlSeconds?: number;
}

/** SKUs and stock (the only entry point of this package). */
export async function createInventorySubgraph(
  deps: SubgraphDeps,
  options: InventorySubgraphOptions = {},
): Promise<Subgraph & { service: InventoryService }> {
  const repo = new InventoryRepository(deps.db);
  await repo.init();
  const live = options.wms
    ? new LiveStock(options.wms, repo, deps.cache, deps.logger, options.stockTtlSeconds)
    : undefined;
  const service = new InventoryService(repo, deps.outbox, deps.clock, live);
  const subgraph = await createSubgraph({
    name: INVENTORY_SUBGRAPH,
    deps,
    resolvers,
    policies: inventoryPolicies,
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
