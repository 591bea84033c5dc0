import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, createLogger, onSupervisorGone } from '@zhongtai/subgraph-kit';
import { loadLegacyConfig } from './config.js';
import { type DemoBrand, startDemoBrand } from './demo-brand.js';

/**
 * The demo brand's legacy systems, their adapters and the master-data seed as a process of their own
 * (`node embedded/dist/services/legacy-main.js`): `GATEWAY_URL`, `INTERNAL_TOKEN_SECRET`,
 * `MONGODB_URI` (the adapters' database), `PORT` (`/healthz`; `/readyz` answers 200 with the
 * simulators' URLs once the demo is seeded and synced), `WEBHOOK_PORT`, `WMS_PORT`, `NOTIFY_PORT`, `DATA_DIR`.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadLegacyConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ name: 'legacy', level: config.LOG_LEVEL });
  let demo: DemoBrand | undefined = undefined;
  let stopping = false;
  const status = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (code: number, body: unknown) =>
      res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    if (path === '/healthz') return send(200, { status: 'ok', name: 'legacy' });
    if (path !== '/readyz') return send(404, { error: 'not found' });
    if (stopping) return send(503, { status: 'shutting down' });
    if (!demo) return send(503, { status: 'seeding' });
    send(200, { status: 'ready', simulators: demo.simulators, webhooks: demo.webhooksUrl });
  });
  await new Promise<void>((resolve, reject) => {
    status.once('error', reject);
    status.listen(config.PORT, config.HOST, () => resolve());
  });
  logger.info(
    { url: `http://${config.HOST}:${(status.address() as AddressInfo).port}` },
    'legacy status listening',
  );

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'legacy stopping');
    const force = setTimeout(() => {
      logger.error('legacy did not stop in time; exiting');
      process.exit(1);
    }, 8000);
    force.unref();
    await demo?.stop();
    status.closeAllConnections();
    await new Promise<void>((resolve) => status.close(() => resolve()));
    logger.info('legacy stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  onSupervisorGone(() => void stop('supervisor gone'));

  demo = await startDemoBrand({
    gatewayUrl: config.GATEWAY_URL,
    internalSecret: config.jwt.internalSecret,
    mongoUri: config.MONGODB_URI,
    dataDir: config.DATA_DIR,
    logger,
    webhookPort: config.WEBHOOK_PORT,
    wmsPort: config.WMS_PORT,
    notifyPort: config.NOTIFY_PORT,
    host: config.HOST,
    syncEveryMs: config.LEGACY_SYNC_EVERY_MS,
  });
  logger.info({ simulators: demo.simulators, webhooks: demo.webhooksUrl }, 'legacy ready');
}

main().catch((error) => {
  console.error('legacy failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
