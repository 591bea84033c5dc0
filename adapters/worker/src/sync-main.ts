import { Lease, createHttpApp, pingMongo } from '@zhongtai/subgraph-kit';
import { Gauge } from 'prom-client';
import { loadSyncConfig } from './config.js';
import { adaptersOf, legacyAdapters } from './legacy-adapters.js';
import { runDeployable } from './run-deployable.js';
import { startLegacyJobs } from './sync.js';

/**
 * The adapters' pull sync as a deployable (`node adapters/worker/dist/sync-main.js`, Helm's
 * `adapters-sync`): CRM members and balances, POS sales, OMS orders into the platform every
 * SYNC_EVERY_MS. Several replicas: one pulls (the `adapters-sync` lease in the adapters' database),
 * the others stand by and take over within the lease's 30 s when it stops.
 */
await runDeployable(
  'adapters-sync',
  () => loadSyncConfig(process.env),
  async ({ config, runtime, logger, registry }) => {
    const adapters = legacyAdapters(config, { registry });
    for (const a of adaptersOf(adapters)) await a.init();
    const lease = new Lease(runtime.db, 'adapters-sync', { logger });
    const lastPass = new Gauge({
      name: 'zt_adapters_sync_last_pass_seconds',
      help: 'When the last complete pass over every legacy feed ended (unix seconds); 0 before the first',
      registers: [registry],
    });
    lastPass.set(0);
    new Gauge({
      name: 'zt_adapters_sync_leader',
      help: '1 in the replica that holds the sync lease (it pulls), 0 in those standing by',
      registers: [registry],
      collect() {
        this.set(lease.held() ? 1 : 0);
      },
    });
    const stopJobs = startLegacyJobs(
      runtime,
      { adapters },
      {
        everyMs: config.SYNC_EVERY_MS,
        onError: (error) => logger.warn({ err: error }, 'legacy sync failed; it runs again shortly'),
        onRefused: (r) =>
          logger.warn(r, 'a coupon the till accepted was refused by the platform; the sale is taken in'),
        lease,
        onPass: (counts) => {
          lastPass.setToCurrentTime();
          logger.info(counts, 'legacy sync pass');
        },
      },
    );
    await lease.start();
    const app = createHttpApp({
      name: 'adapters-sync',
      logger,
      readiness: [{ name: 'mongo:adapters', check: () => pingMongo(runtime.db) }],
      metrics: registry,
      metricsPort: config.METRICS_PORT,
    });
    await app.listen(config.PORT, config.HOST);
    return async () => {
      await app.close();
      await stopJobs();
      await lease.stop();
      for (const a of adaptersOf(adapters)) await a.destroy();
    };
  },
);
