import { ConfigError, createLogger, otlpTracesUrl, startTracing } from '@zhongtai/subgraph-kit';
import { loadConfig } from './config.js';
import { demoWorldClock } from './legacy/demo-clock.js';
import { legacyWorldData } from './legacy/legacy-data.js';
import { startDemoFeeds } from './legacy/demo-feeds.js';
import { memberApp } from './legacy/welcome-journeys.js';
import { DEMO_TENANT } from './seed/catalog.js';
import { type LegacyWorld, startLegacyWorld } from './legacy/world.js';
import { startPlatform } from './platform.js';

/** `npm start`: the whole platform in one process on the embedded default. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger({ name: 'zhongtai', level: config.LOG_LEVEL });
  // every part in this one process: one tracer provider, service.name zhongtai
  startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? 'zhongtai', url: otlpTracesUrl(config) });
  // the demo brand's legacy systems (simulated), reached through their adapters; their history is
  // dated around an instant kept with the data, so a restart replays the same records (demo-clock.ts)
  const world: LegacyWorld | undefined = config.SEED_DEMO
    ? await startLegacyWorld(
        legacyWorldData({
          now: await demoWorldClock({ dataDir: config.DATA_DIR, mongoUri: config.MONGODB_URI }),
        }),
      )
    : undefined;
  const platform = await startPlatform({
    devIde: config.NODE_ENV !== 'production',
    host: config.HOST,
    port: config.PORT,
    subgraphPortBase: config.subgraphPortBase,
    transport: config.GATEWAY_TRANSPORT,
    mongoUri: config.MONGODB_URI,
    redisUrl: config.REDIS_URL,
    jwt: config.jwt,
    calendar: config.calendar,
    clock: config.clock,
    gatewayProtection: config.gatewayProtection,
    logger,
    dataDir: config.DATA_DIR,
    durability: config.EMBEDDED_DURABILITY,
    wms: world?.adapters.wms,
    notifier: world?.adapters.notify,
    campaignRateLimits: config.campaignRateLimits,
    importGate: { maxBacklog: config.IMPORT_MAX_BACKLOG },
  });
  for (const [name, url] of Object.entries(platform.subgraphUrls))
    logger.info({ subgraph: name, url }, 'subgraph listening');
  let closeFeeds = async () => undefined as void;
  if (world) {
    for (const [name, sim] of Object.entries(world.sims))
      logger.info({ system: name, url: sim.url }, 'legacy simulator listening');
    const feeds = await startDemoFeeds(world, {
      callAs: (service) => platform.callAs(service),
      mongoUri: platform.mongoUri,
      logger,
      // in-process calls: a failure here is a bug, not a platform warming up
      attempts: 1,
      asMember: config.jwt.secret
        ? memberApp(() => platform.gatewayUrl, DEMO_TENANT, { ...config.jwt, secret: config.jwt.secret })
        : undefined,
    });
    closeFeeds = () => feeds.stop();
  }
  console.log(`Zhongtai gateway: ${platform.gatewayUrl}`);
  if (config.NODE_ENV !== 'production') {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    console.log(`GraphiQL: ${base}/graphiql · store terminal: ${base}/store-terminal`);
  }
  console.log(`ready (token: npm run token -- --role HQ)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 9000);
    force.unref();
    await closeFeeds().catch(() => undefined);
    await platform.stop();
    await world?.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error('zhongtai failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
