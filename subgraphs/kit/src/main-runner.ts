import { z } from 'zod';
import {
  ConfigError,
  commonEnv,
  parseEnv,
  port,
  resolveCalendar,
  resolveClock,
  resolveJwt,
} from './config/parse-env.js';
import { type Logger, createLogger } from './logging.js';
import { createRegistry, registerBusMetrics, registerOutboxMetrics } from './metrics.js';
import { createInfra, createSubgraphDeps } from './runtime.js';
import { createSubgraphVerifier } from './auth/internal-token.js';
import { DEFAULT_QUERY_LIMITS, subgraphQueryLimits } from './execution/limits.js';
import { serveSubgraph } from './http/serve-subgraph.js';
import { httpServiceCall } from './service-call.js';
import { Lease } from './mongo/lease.js';
import { otlpTracesUrl, startTracing } from './tracing.js';
import type { Subgraph, SubgraphDeps } from './subgraph.js';

const subgraphEnv = z.object({
  ...commonEnv,
  PORT: port(4001),
  HOST: z.string().default('0.0.0.0'),
  /** the gateway's query limits (same variables as the gateway's): this subgraph allows a little more */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(50).default(DEFAULT_QUERY_LIMITS.maxDepth),
  MAX_QUERY_FIELDS: z.coerce.number().int().min(10).max(10_000).default(DEFAULT_QUERY_LIMITS.maxFields),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULT_QUERY_LIMITS.maxAliases),
  /** the gateway, for calls to other subgraphs' public operations (service tokens, INTERNAL_TOKEN_SECRET) */
  GATEWAY_URL: z.url().optional(),
  /**
   * run the scheduled jobs in this process (default): one replica at a time, the holder of the
   * subgraph's `jobs` lease; false where a worker deployment of the same subgraph runs them
   */
  SUBGRAPH_JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/**
 * A subgraph deployable's environment, validated. A production start also needs Redis: a subgraph
 * of its own reaches the others' events (and shares caches with its replicas) only through it.
 */
export function loadSubgraphConfig(name: string, env: Record<string, string | undefined>) {
  const config = parseEnv(`zhongtai ${name} subgraph`, subgraphEnv, env);
  const problems: string[] = [];
  // commonEnv's MONGODB_URI is optional (the gateway has none): a subgraph needs it
  if (!config.MONGODB_URI)
    problems.push('MONGODB_URI: required (a MongoDB replica set; its own database in it)');
  // what the resolvers refuse, listed with the rest
  const check = (resolve: () => unknown) => {
    try {
      resolve();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  };
  check(() => resolveJwt(config, { users: false })); // a subgraph sees internal tokens only
  check(() => resolveClock(config));
  if (config.NODE_ENV === 'production' && !config.REDIS_URL)
    problems.push(
      'REDIS_URL: a production start needs Redis (the event bus between the subgraphs and the cache their replicas share)',
    );
  if (problems.length) throw new ConfigError(`zhongtai ${name} subgraph`, problems);
  return { ...config, MONGODB_URI: config.MONGODB_URI! };
}

/**
 * The body of every subgraph deployable's `main.ts`: read and validate the environment, connect,
 * serve, and shut down gracefully on SIGTERM. A standalone subgraph needs a real MONGODB_URI
 * (the embedded store is for the all-in-one process).
 */
export async function runSubgraphMain(
  name: string,
  create: (deps: SubgraphDeps) => Promise<Subgraph>,
  env: Record<string, string | undefined>,
  opts: {
    /** run at stop after the subgraph stopped (e.g. an adapter the subgraph read through) */
    close?: () => Promise<void>;
  } = {},
): Promise<void> {
  let config;
  try {
    config = loadSubgraphConfig(name, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ name, level: config.LOG_LEVEL });
  const stopTracing = startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? name,
    url: otlpTracesUrl(config),
  });
  const clock = resolveClock(config);
  const infra = await createInfra({
    redisUrl: config.REDIS_URL,
    logger,
    mongoUri: config.MONGODB_URI,
    clock,
  });
  const jwt = resolveJwt(config, { users: false });
  const call = config.GATEWAY_URL
    ? httpServiceCall({ url: () => config.GATEWAY_URL!, secret: jwt.internalSecret, service: name })
    : undefined;
  const deps = {
    ...(await createSubgraphDeps({
      name,
      mongoUri: config.MONGODB_URI,
      infra,
      logger,
      clock,
      calendar: resolveCalendar(config),
      importGate: { maxBacklog: config.IMPORT_MAX_BACKLOG },
    })),
    call,
  };
  const subgraph = await create(deps);
  // several replicas of a subgraph share its jobs through a lease in its own database
  await subgraph.start({ jobs: config.SUBGRAPH_JOBS && new Lease(deps.db, 'jobs', { logger }) });
  const registry = createRegistry({ labels: { subgraph: name } });
  registerBusMetrics(registry, infra.bus);
  registerOutboxMetrics(registry, deps.outbox);
  const served = serveSubgraph({
    subgraph,
    verifier: createSubgraphVerifier(name, jwt.internalSecret),
    limits: subgraphQueryLimits({
      ...DEFAULT_QUERY_LIMITS,
      maxDepth: config.MAX_QUERY_DEPTH,
      maxFields: config.MAX_QUERY_FIELDS,
      maxAliases: config.MAX_QUERY_ALIASES,
    }),
    logger,
    registry,
    metricsPort: config.METRICS_PORT,
    readiness: deps.readiness,
  });
  const url = await served.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql` }, `${name} subgraph ready`);
  // /readyz 503 first while still serving (SHUTDOWN_DELAY_MS), then in-flight requests get 4 s
  // (served.close); past the delay + 8 s the process goes anyway
  stopOnSignals({
    name: `${name} subgraph`,
    logger,
    budgetMs: config.SHUTDOWN_DELAY_MS + 8000,
    stop: async () => {
      await served.drain(config.SHUTDOWN_DELAY_MS);
      await served.close();
      await subgraph.stop();
      await opts.close?.().catch((error) => logger.warn({ err: error }, 'close step failed'));
      await deps.close();
      await infra.close();
      await stopTracing?.().catch(() => undefined);
    },
  });
}

/**
 * How every deployable stops: on SIGTERM or SIGINT (or its supervisor gone), once, `stop` runs and the
 * process exits 0; past `budgetMs` it exits 1 whatever `stop` is doing.
 */
export function stopOnSignals(opts: {
  name: string;
  logger: Logger;
  budgetMs: number;
  stop: () => Promise<void>;
}): void {
  let stopping = false;
  const run = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    opts.logger.info({ reason }, `${opts.name} stopping`);
    const force = setTimeout(() => {
      opts.logger.error(`${opts.name} did not stop in time; exiting`);
      process.exit(1);
    }, opts.budgetMs);
    force.unref();
    await opts.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void run('SIGINT'));
  process.on('SIGTERM', () => void run('SIGTERM'));
  onSupervisorGone(() => void run('supervisor gone'));
}

/**
 * A process started by the multi-process supervisor (`npm run start:services`) has an IPC channel to
 * it; when the channel closes (the supervisor was killed) the process stops too, so nothing is left
 * running behind a dead supervisor. Without a channel (a container, a shell) this does nothing.
 */
export function onSupervisorGone(stop: () => void): void {
  if (!process.connected) return;
  process.once('disconnect', stop);
  // the channel must not keep the process alive by itself
  (process.channel as { unref?: () => void } | undefined)?.unref?.();
}
