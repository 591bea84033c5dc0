import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '@zhongtai/subgraph-kit';

// one measure for the gateway and every subgraph executor (subgraphs/kit/src/execution/limits.ts)
export { type QueryCost, type QueryLimits, checkQueryLimits, measure } from '@zhongtai/subgraph-kit';

/** What the gateway refuses before planning (gateway/README.md, "Limits"). */
export interface GatewayLimits extends QueryLimits {
  /** query text, refused before it is parsed (QUERY_TOO_COMPLEX) */
  maxQueryBytes: number;
  /** request body, refused with 413 (before it is read when content-length says so) */
  maxBodyBytes: number;
}

export const DEFAULT_GATEWAY_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  ...DEFAULT_QUERY_LIMITS,
  maxQueryBytes: 65_536,
  maxBodyBytes: 256_000,
});

/** Whether `query` is over `maxBytes` in UTF-8, without encoding it when its length alone decides. */
export function queryTooLarge(query: string, maxBytes: number): boolean {
  if (query.length > maxBytes) return true;
  if (query.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(query, 'utf8') > maxBytes;
}
