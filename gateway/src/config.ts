import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { Role } from '@zhongtai/contracts';
import { ConfigError, commonEnv, parseEnv, port, resolveJwt } from '@zhongtai/subgraph-kit';
import { type GatewayLimits, DEFAULT_GATEWAY_LIMITS } from './limits.js';
import { type OperationsManifest, type OperationsMode, loadOperationsManifest } from './operations.js';
import { type RateLimitSettings, DEFAULT_RATE_LIMITS, parseTrustProxy } from './rate-limits.js';
import { DEFAULT_SUBGRAPH_CALLS } from './datasources/subgraph-guard.js';

const SUBGRAPHS = ['member', 'points', 'orders', 'inventory', 'customer-service', 'content'] as const;
const envName = (name: string) => `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
/** requests per window; 0 turns the limit off */
const rate = (fallback: number) => int(0, 1_000_000_000, fallback);
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const MB = 1024 * 1024;
const L = DEFAULT_GATEWAY_LIMITS;
const R = DEFAULT_RATE_LIMITS;

/** The abuse limits (gateway/README.md, "Limits"): every variable has a default. */
const protectionEnv = {
  MAX_QUERY_DEPTH: int(2, 50, L.maxDepth),
  MAX_QUERY_FIELDS: int(10, 10_000, L.maxFields),
  MAX_QUERY_ALIASES: int(0, 1_000, L.maxAliases),
  MAX_INTROSPECTION_DEPTH: int(2, 50, L.maxIntrospectionDepth),
  MAX_QUERY_BYTES: int(1_024, 10_000_000, L.maxQueryBytes),
  MAX_BODY_BYTES: int(1_024, 100_000_000, L.maxBodyBytes),
  GATEWAY_DOCUMENT_CACHE_MB: int(1, 4_096, 64),
  GATEWAY_PLAN_CACHE_MB: int(1, 4_096, 30),
  /** 0: no automatic persisted queries */
  GATEWAY_APQ_CACHE_MB: int(0, 4_096, 8),
  GATEWAY_OPERATIONS: z.enum(['any', 'registered']).optional(),
  GATEWAY_OPERATIONS_MANIFEST: z.string().optional(),
  GATEWAY_INTROSPECTION: flag,
  GATEWAY_TRUST_PROXY: z.string().optional(),
  GATEWAY_RATE_LIMIT_WINDOW: int(1, 3_600, R.windowSeconds),
  GATEWAY_RATE_LIMIT_ADDRESS: rate(R.perAddress),
  GATEWAY_RATE_LIMIT_AUTH_FAILURES: rate(R.authFailuresPerAddress),
  GATEWAY_RATE_LIMIT_MEMBER: rate(R.perRole.MEMBER),
  GATEWAY_RATE_LIMIT_CLERK: rate(R.perRole.CLERK),
  GATEWAY_RATE_LIMIT_STORE_MANAGER: rate(R.perRole.STORE_MANAGER),
  GATEWAY_RATE_LIMIT_HQ: rate(R.perRole.HQ),
  GATEWAY_RATE_LIMIT_SYSTEM: rate(R.perRole.SYSTEM),
};

const schema = z.object({
  ...commonEnv,
  PORT: port(4000),
  HOST: z.string().default('0.0.0.0'),
  /** the composed supergraph (a ConfigMap in Kubernetes); defaults to the committed one */
  SUPERGRAPH_PATH: z.string().optional(),
  /** worker processes (Node cluster); default: one per CPU in production, 1 otherwise */
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** a call to a subgraph must end within this (ms) */
  SUBGRAPH_TIMEOUT_MS: int(100, 120_000, DEFAULT_SUBGRAPH_CALLS.timeoutMs),
  /** consecutive failed calls that open a subgraph's circuit */
  SUBGRAPH_BREAKER_THRESHOLD: int(1, 1_000, DEFAULT_SUBGRAPH_CALLS.breakerThreshold),
  /** how long an open circuit answers at once before one call is let through (ms) */
  SUBGRAPH_BREAKER_HALF_OPEN_MS: int(100, 600_000, DEFAULT_SUBGRAPH_CALLS.halfOpenAfterMs),
  ...protectionEnv,
  ...Object.fromEntries(SUBGRAPHS.map((s) => [envName(s), z.url().optional()])),
});

const protectionSchema = z.object({ NODE_ENV: commonEnv.NODE_ENV, ...protectionEnv });

/** Everything `createGatewayServer` needs to refuse abuse, resolved from the environment. */
export interface GatewayProtection {
  limits: GatewayLimits;
  caches: { documentBytes: number; planMiB: number; apqBytes: number };
  rateLimits: RateLimitSettings;
  operations: { mode: OperationsMode; manifest?: OperationsManifest };
  introspection: boolean;
}

function resolveProtection(c: z.infer<typeof protectionSchema>): GatewayProtection {
  const production = c.NODE_ENV === 'production';
  const problems: string[] = [];
  let manifest: OperationsManifest | undefined;
  if (c.GATEWAY_OPERATIONS_MANIFEST) {
    try {
      manifest = loadOperationsManifest(c.GATEWAY_OPERATIONS_MANIFEST);
    } catch (error) {
      problems.push(`GATEWAY_OPERATIONS_MANIFEST: ${(error as Error).message}`);
    }
  }
  const mode = c.GATEWAY_OPERATIONS ?? (production && c.GATEWAY_OPERATIONS_MANIFEST ? 'registered' : 'any');
  if (mode === 'registered' && !c.GATEWAY_OPERATIONS_MANIFEST)
    problems.push(
      'GATEWAY_OPERATIONS: "registered" accepts only the operations of a manifest; set GATEWAY_OPERATIONS_MANIFEST to one (Apollo persisted-query manifest or a { "<sha256>": "<document>" } map)',
    );
  if (c.MAX_BODY_BYTES < c.MAX_QUERY_BYTES)
    problems.push('MAX_BODY_BYTES: must be at least MAX_QUERY_BYTES (a body carries the query)');
  let trustProxy: RateLimitSettings['trustProxy'];
  if (c.GATEWAY_TRUST_PROXY) {
    try {
      trustProxy = parseTrustProxy(c.GATEWAY_TRUST_PROXY);
    } catch (error) {
      problems.push(`GATEWAY_TRUST_PROXY: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError('zhongtai gateway', problems);
  const perRole: Record<Role, number> = {
    MEMBER: c.GATEWAY_RATE_LIMIT_MEMBER,
    CLERK: c.GATEWAY_RATE_LIMIT_CLERK,
    STORE_MANAGER: c.GATEWAY_RATE_LIMIT_STORE_MANAGER,
    HQ: c.GATEWAY_RATE_LIMIT_HQ,
    SYSTEM: c.GATEWAY_RATE_LIMIT_SYSTEM,
  };
  return {
    limits: {
      maxDepth: c.MAX_QUERY_DEPTH,
      maxFields: c.MAX_QUERY_FIELDS,
      maxAliases: c.MAX_QUERY_ALIASES,
      maxIntrospectionDepth: c.MAX_INTROSPECTION_DEPTH,
      maxQueryBytes: c.MAX_QUERY_BYTES,
      maxBodyBytes: c.MAX_BODY_BYTES,
    },
    caches: {
      documentBytes: c.GATEWAY_DOCUMENT_CACHE_MB * MB,
      planMiB: c.GATEWAY_PLAN_CACHE_MB,
      apqBytes: c.GATEWAY_APQ_CACHE_MB * MB,
    },
    rateLimits: {
      windowSeconds: c.GATEWAY_RATE_LIMIT_WINDOW,
      perAddress: c.GATEWAY_RATE_LIMIT_ADDRESS,
      authFailuresPerAddress: c.GATEWAY_RATE_LIMIT_AUTH_FAILURES,
      perRole,
      trustProxy,
    },
    operations: { mode, manifest },
    // production hides the schema unless asked; development tools (codegen, GraphiQL, Sandbox) need it
    introspection: c.GATEWAY_INTROSPECTION ?? !production,
  };
}

/**
 * The abuse limits alone, for entry points that are not the gateway deployable (`npm start`).
 * Throws ConfigError naming every bad variable.
 */
export function loadGatewayProtection(
  env: Record<string, string | undefined> = process.env,
): GatewayProtection {
  return resolveProtection(parseEnv('zhongtai gateway', protectionSchema, env));
}

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
    protection: resolveProtection(c),
    subgraphCalls: {
      timeoutMs: c.SUBGRAPH_TIMEOUT_MS,
      breakerThreshold: c.SUBGRAPH_BREAKER_THRESHOLD,
      halfOpenAfterMs: c.SUBGRAPH_BREAKER_HALF_OPEN_MS,
    },
  };
}
