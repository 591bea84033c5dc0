import DataLoader from 'dataloader';
import type { RequestContext } from './context.js';

/**
 * A DataLoader per request and per purpose: `loader(ctx, key, batch)` returns the same loader for
 * the same `key` within one request, so every `__resolveReference` and field resolver of a
 * request shares one batched database query per entity type.
 */
export function loader<K, V>(
  ctx: Pick<RequestContext, 'memo'>,
  key: object | string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
  options?: DataLoader.Options<K, V, K>,
): DataLoader<K, V> {
  let found = ctx.memo.get(key) as DataLoader<K, V> | undefined;
  if (!found) {
    found = new DataLoader<K, V>(batch, { maxBatchSize: 1000, ...options });
    ctx.memo.set(key, found);
  }
  return found;
}

/** Orders `rows` to match `keys` for a DataLoader batch function; missing keys become `null`. */
export function byKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map<K, R>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((k) => index.get(k) ?? null);
}

/** Groups `rows` by key for one-to-many loaders; keys without rows get `[]`. */
export function groupByKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
