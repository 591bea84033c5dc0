import { ConfigError, createLogger } from '@zhongtai/subgraph-kit';
import { loadConfig } from './config.js';
import { startPlatform } from './platform.js';
import { seedDemo } from './seed/demo.js';

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
  const platform = await startPlatform({
    host: config.HOST,
    port: config.PORT,
    subgraphPortBase: config.subgraphPortBase,
    transport: config.GATEWAY_TRANSPORT,
    mongoUri: config.MONGODB_URI,
    redisUrl: config.REDIS_URL,
    jwt: config.jwt,
    logger,
    dataDir: config.DATA_DIR,
  });
  for (const [name, url] of Object.entries(platform.subgraphUrls))
    logger.info({ subgraph: name, url }, 'subgraph listening');
  if (config.SEED_DEMO) {
    const seeded = await seedDemo({ gatewayUrl: platform.gatewayUrl, secret: config.jwt.secret, logger });
    logger.info(seeded, 'demo tenant ready');
  }
  console.log(`Zhongtai gateway: ${platform.gatewayUrl}`);
  console.log(`ready (token: npm run token -- --role HQ)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 4500);
    force.unref();
    await platform.stop();
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
