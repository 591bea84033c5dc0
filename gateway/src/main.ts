import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { readSupergraphSdl } from '@zhongtai/contracts';
import {
  ConfigError,
  type RedisClient,
  connectRedis,
  createLogger,
  createRegistry,
  createGatewayVerifier,
  onSupervisorGone,
  otlpTracesUrl,
  startTracing,
} from '@zhongtai/subgraph-kit';
import { loadGatewayConfig } from './config.js';
import { createGatewayServer } from './gateway-server.js';
import { devIdeRoutes } from './dev-ide.js';

/** The gateway deployable: `node gateway/dist/main.js` (one worker per CPU in production). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  if (cluster.isPrimary && config.workers > 1) {
    for (let i = 0; i < config.workers; i++) cluster.fork();
    cluster.on('exit', (worker, code) => {
      if (code !== 0 && !stopping) cluster.fork();
    });
    let stopping = false;
    const stop = () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    onSupervisorGone(stop);
    return;
  }
  const logger = createLogger({ name: 'gateway', level: config.LOG_LEVEL });
  const stopTracing = startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? 'gateway',
    url: otlpTracesUrl(config),
  });
  // rate limits shared by every worker and instance when there is a Redis
  const redis: RedisClient | undefined = config.REDIS_URL
    ? await connectRedis(config.REDIS_URL, logger)
    : undefined;
  const { limits, caches, rateLimits, operations, introspection } = config.protection;
  const server = await createGatewayServer({
    supergraphSdl: config.SUPERGRAPH_PATH
      ? readFileSync(config.SUPERGRAPH_PATH, 'utf8')
      : readSupergraphSdl(),
    subgraphs: config.subgraphUrls,
    subgraphCalls: config.subgraphCalls,
    // GraphiQL at /graphiql, in development only
    routes: config.NODE_ENV === 'production' ? undefined : devIdeRoutes(),
    // with several cluster workers each would want the port: only the one-process gateway (Kubernetes) splits it
    metricsPort: config.workers === 1 ? config.METRICS_PORT : undefined,
    verifier: createGatewayVerifier({ users: config.jwt, internalSecret: config.jwt.internalSecret }),
    internalSecret: config.jwt.internalSecret,
    logger,
    registry: createRegistry({ labels: { worker: String(cluster.worker?.id ?? 0) } }),
    limits,
    caches,
    rateLimits,
    operations,
    introspection,
    redis,
  });
  const url = await server.app.listen(config.PORT, config.HOST);
  logger.info({ url: `${url}/graphql`, worker: cluster.worker?.id ?? 0 }, 'gateway ready');
  process.send?.({ ready: `${url}/graphql` });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'gateway stopping');
    // /readyz 503 first while still serving (SHUTDOWN_DELAY_MS), then in-flight requests get 4 s
    // (app.close); past the delay + 8 s the process goes anyway
    const force = setTimeout(() => {
      logger.error('gateway did not stop in time; exiting');
      process.exit(1);
    }, config.SHUTDOWN_DELAY_MS + 8000);
    force.unref();
    await server.app.drain(config.SHUTDOWN_DELAY_MS);
    await server.app.close();
    await server.stop();
    await stopTracing?.().catch(() => undefined);
    await redis?.quit().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // started by `npm run start:services`: stop with the supervisor
  onSupervisorGone(() => void stop('supervisor gone'));
}

main().catch((error) => {
  console.error('gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
