import { ConfigError, createLogger, onSupervisorGone, startEmbeddedMongo } from '@zhongtai/subgraph-kit';
import { loadStoreConfig } from './config.js';

/**
 * The embedded MongoDB-compatible store as a process of its own, served over the wire to every
 * subgraph and adapter of the multi-process mode (`MONGODB_URI=mongodb://HOST:PORT`):
 * `node embedded/dist/services/store-main.js` with `PORT`, `HOST`, `DATA_DIR`, `EMBEDDED_DURABILITY`.
 * Production uses a real MongoDB instead.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadStoreConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ name: 'store', level: config.LOG_LEVEL });
  // on this process's own thread: the store is all it does, and its server keeps the process alive
  const store = await startEmbeddedMongo({
    port: config.PORT,
    host: config.HOST,
    dataDir: config.DATA_DIR,
    durability: config.EMBEDDED_DURABILITY,
    thread: false,
  });
  logger.info(
    { uri: store.uri, dataDir: config.DATA_DIR ?? null, ...store.recovery },
    'embedded store listening',
  );
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'store stopping');
    const force = setTimeout(() => {
      logger.error('store did not stop in time; exiting');
      process.exit(1);
    }, 8000);
    force.unref();
    try {
      await store.stop();
    } catch (error) {
      logger.error({ err: error }, 'store did not stop cleanly');
      process.exit(1);
    }
    logger.info('store stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  onSupervisorGone(() => void stop('supervisor gone'));
}

main().catch((error) => {
  console.error('store failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
