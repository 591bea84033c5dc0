import { type ReferenceResolvers, reference, referenceResolvers } from '@zhongtai/subgraph-kit';
import type { InventoryService } from '../service/inventory-service.js';
import { Sku } from './types.js';

/** The entities this subgraph owns, by reference; who may see them: `Sku.__resolveReference` in ../policy.ts. */
export function inventoryReferences(inventory: InventoryService): ReferenceResolvers {
  return referenceResolvers({
    // an unknown code still resolves (a legacy order may carry a SKU the catalogue lacks)
    Sku: reference({
      key: 'code',
      load: (ctx, code) => inventory.skus(ctx).load(code),
      map: (d) => Sku.from(d),
      missing: (code) => Sku.unknown(code),
    }),
  });
}
