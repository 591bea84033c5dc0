import { LRUCache } from 'lru-cache';

/**
 * Approximate heap held by a parsed document (with locations) of a query of `queryLength`
 * characters, the key included. Measured with graphql 16: ~15 kB for a 200-character member lookup,
 * ~60 kB for the 1.9 kB introspection query, i.e. a fixed part plus ~30 bytes per character.
 */
export function estimateDocumentBytes(queryLength: number): number {
  return 8192 + 32 * queryLength;
}

/** A refusal cached under its query text: the key plus a small error object. */
export function estimateRefusalBytes(queryLength: number, errorsJsonLength = 256): number {
  return 256 + queryLength + 2 * errorsJsonLength;
}

/**
 * An LRU of prepared queries keyed by their text and bounded in bytes (lru-cache `maxSize` with a
 * per-entry size), not in entries: a few huge query texts cannot hold more memory than many small
 * ones. An entry larger than the whole budget is simply not cached.
 */
export function createDocumentCache<V extends object>(
  maxBytes: number,
  sizeOf: (value: V, query: string) => number,
): LRUCache<string, V> {
  return new LRUCache<string, V>({
    maxSize: Math.max(1, Math.floor(maxBytes)),
    sizeCalculation: (value, query) => Math.max(1, Math.ceil(sizeOf(value, query))),
  });
}
