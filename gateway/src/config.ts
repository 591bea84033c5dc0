import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { commonEnv, parseEnv, port, resolveJwt } from '@zhongtai/subgraph-kit';

const SUBGRAPHS = ['member', 'points', 'orders', 'inventory', 'customer-service', 'content'] as const;
const envName = (name: string) => `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;

const schema = z.object({
  ...commonEnv,
  PORT: port(4000),
  HOST: z.string().default('0.0.0.0'),
  /** the composed supergraph (a ConfigMap in Kubernetes); defaults to the committed one */
  SUPERGRAPH_PATH: z.string().optional(),
  /** worker processes (Node cluster); default: one per CPU in production, 1 otherwise */
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(12),
  MAX_QUERY_FIELDS: z.coerce.number().int().min(10).max(10_000).default(500),
  ...Object.fromEntries(SUBGRAPHS.map((s) => [envName(s), z.url().optional()])),
});

/** The gateway deployable's configuration (the only reader of process.env in this package). */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env) {
  const c = parseEnv('zhongtai gateway', schema, env) as z.infer<typeof schema> &
    Record<string, string | undefined>;
  const subgraphUrls: Record<string, { url: string }> = {};
  for (const s of SUBGRAPHS) {
    const url = c[envName(s)];
    if (url) subgraphUrls[s] = { url };
  }
  return {
    ...c,
    jwt: resolveJwt(c),
    subgraphUrls,
    workers: c.GATEWAY_WORKERS ?? (c.NODE_ENV === 'production' ? availableParallelism() : 1),
  };
}
