import { z } from 'zod';
import { loadGatewayProtection } from '@zhongtai/gateway';
import { parseRateLimits } from '@zhongtai/content';
import {
  DEFAULT_EMBEDDED_DURABILITY,
  EMBEDDED_DURABILITIES,
  commonEnv,
  parseEnv,
  port,
  resolveCalendar,
  resolveClock,
  resolveJwt,
} from '@zhongtai/subgraph-kit';

const schema = z.object({
  ...commonEnv,
  PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  /** first port of the six subgraphs (PORT+1 by default; 0 = random ports) */
  SUBGRAPH_PORT_BASE: z.coerce.number().int().min(0).max(65529).optional(),
  /** `in-process`: the gateway executes subgraph schemas directly; `http`: over loopback HTTP */
  GATEWAY_TRANSPORT: z.enum(['in-process', 'http']).default('in-process'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** embedded store only: keep data in this folder between starts */
  DATA_DIR: z.string().optional(),
  /** with DATA_DIR: what an acknowledged write survives (kit README, "The embedded store") */
  EMBEDDED_DURABILITY: z.enum(EMBEDDED_DURABILITIES).default(DEFAULT_EMBEDDED_DURABILITY),
});

export type EmbeddedConfig = ReturnType<typeof loadConfig>;

/** The only reader of the environment for the all-in-one process. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const c = parseEnv('zhongtai (embedded)', schema, env);
  return {
    ...c,
    jwt: resolveJwt(c),
    calendar: resolveCalendar(c),
    clock: resolveClock(c),
    gatewayProtection: loadGatewayProtection(env),
    campaignRateLimits: parseRateLimits(env.CAMPAIGN_RATE_LIMITS),
    subgraphPortBase: c.SUBGRAPH_PORT_BASE ?? (c.PORT === 0 ? 0 : c.PORT + 1),
  };
}
