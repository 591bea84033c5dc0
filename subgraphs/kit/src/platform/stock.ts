import type { ServiceCall } from '../subgraph.js';

/** The most SKU codes inventory's `skus(codes)` answers in one request. */
export const MAX_SKU_CODES = 100;

/** A row of `skus(codes) { code availability(storeId) { available } }` (null: an unknown code). */
export type StockRow = { code: string; availability: { available: number } } | null;

/** The selection a stock question asks for each SKU (to put in a larger query). */
export const STOCK_FIELDS = 'code availability(storeId: $store) { available }';

/** The codes of `rows` with stock available. */
export function availableOf(rows: readonly StockRow[]): Set<string> {
  return new Set(rows.filter((s) => s && s.availability.available > 0).map((s) => s!.code));
}

/**
 * Which of `skus` (at most `MAX_SKU_CODES`) have stock available at any of `stores` (null: anywhere),
 * asked through the gateway in one query (R-IN-2), one alias per store.
 */
export async function skusInStock(
  call: ServiceCall,
  tenant: string,
  skus: readonly string[],
  stores: ReadonlyArray<string | null>,
): Promise<Set<string>> {
  if (!skus.length || !stores.length) return new Set();
  const fields = stores
    .map((_, i) => `s${i}: skus(codes: $codes) { ${STOCK_FIELDS.replace('$store', `$store${i}`)} }`)
    .join(' ');
  const vars = stores.map((_, i) => `$store${i}: ID`).join(', ');
  const r = await call<Record<string, StockRow[]>>(
    tenant,
    `query($codes: [String!]!, ${vars}) { ${fields} }`,
    {
      codes: skus.slice(0, MAX_SKU_CODES),
      ...Object.fromEntries(stores.map((s, i) => [`store${i}`, s])),
    },
  );
  return availableOf(Object.values(r).flat());
}
