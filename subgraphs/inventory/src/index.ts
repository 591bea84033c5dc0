import type { NonEmptyArray } from 'type-graphql';
import type { WmsAdapter } from '@zhongtai/contracts';
import { type Subgraph, type SubgraphDeps, createSubgraph, sdlOf } from '@zhongtai/subgraph-kit';
import { inventoryPolicies } from './policy.js';
import { inventoryReferences } from './schema/references.js';
import { SkuResolver } from './schema/sku.resolver.js';
import { InventoryService } from './service/inventory-service.js';
import { LiveStock } from './service/live-stock.js';
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

export interface InventoryServices {
  inventory: InventoryService;
}

/** SKUs and stock (the only entry point of this package). */
export async function createInventorySubgraph(
  deps: SubgraphDeps,
  options: InventorySubgraphOptions = {},
): Promise<Subgraph & { services: InventoryServices }> {
  const repo = new InventoryRepository(deps.db);
  await repo.init();
  const live = options.wms
    ? new LiveStock(options.wms, repo, deps.cache, deps.logger, options.stockTtlSeconds)
    : undefined;
  const inventory = new InventoryService(repo, deps.outbox, deps.clock, live);
  const subgraph = await createSubgraph({
    name: INVENTORY_SUBGRAPH,
    deps,
    resolvers,
    policies: inventoryPolicies,
    instances: [new SkuResolver(inventory)],
    references: inventoryReferences(inventory),
  });
  return { ...subgraph, services: { inventory } };
}

export const inventorySdl = () => sdlOf(resolvers);
export type { InventoryService } from './service/inventory-service.js';
