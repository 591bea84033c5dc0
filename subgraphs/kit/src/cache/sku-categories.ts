import type { Cache } from './cache.js';
import { ReadThrough } from './read-through.js';

type Category = { sku: string; category: string };

/**
 * The item master's category of each SKU as a subgraph keeps it (from `sku.changed`), read for the
 * lines of every order: cached per SKU, unknown SKUs too (every write of the subgraph's copy `put`s
 * the new category through).
 */
export class SkuCategories {
  private readonly cached: ReadThrough<{ category: string }>;

  constructor(cache: Cache, prefix: string) {
    this.cached = new ReadThrough({ cache, prefix, ttlSeconds: 300, cacheMisses: true });
  }

  static toMap(found: Category[]): Map<string, string> {
    return new Map(found.map((d) => [d.sku, d.category]));
  }

  /** The categories known for `skus` (those without one are left out); `load` reads the misses. */
  async of(
    tenant: string,
    skus: readonly string[],
    load: (missing: string[]) => Promise<Category[]>,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const values = await this.cached.load(
      [...new Set(skus)].map((sku) => `${tenant}|${sku}`),
      async (keys) =>
        (await load(keys.map((k) => k.slice(tenant.length + 1)))).map((d) => ({
          key: `${tenant}|${d.sku}`,
          value: { category: d.category },
        })),
    );
    for (const [k, v] of values) found.set(k.slice(tenant.length + 1), v.category);
    return found;
  }

  async put(tenant: string, sku: string, category: string): Promise<void> {
    await this.cached.put(`${tenant}|${sku}`, { category });
  }
}
