import { MongoNonceStore } from '@zhongtai/adapter-kit';
import { pingMongo } from '@zhongtai/subgraph-kit';
import { loadWebhooksConfig } from './config.js';
import { adaptersOf, legacyAdapters } from './legacy-adapters.js';
import { runDeployable } from './run-deployable.js';
import { startWebhookHost } from './webhooks.js';

/**
 * The webhook receiver as a deployable (`node adapters/worker/dist/webhooks-main.js`, Helm's
 * `adapters-webhooks`, reachable from outside like the gateway): the OMS's signed orders and refunds
 * at `/webhooks/oms`, WeChat's follow and scan events at `/webhooks/wechat`. Stateless: any number of
 * replicas; WeChat's push nonces and the inbound log are in the adapters' database, shared by all.
 */
await runDeployable(
  'adapters-webhooks',
  () => loadWebhooksConfig(process.env),
  async ({ config, runtime, logger, registry }) => {
    const adapters = legacyAdapters(config, {
      registry,
      nonces: new MongoNonceStore(runtime.db, 'wechat_push_nonces'),
    });
    for (const a of adaptersOf(adapters)) await a.init();
    const host = await startWebhookHost(runtime, { adapters }, logger, config.PORT, {
      host: config.HOST,
      bodyLimitBytes: config.WEBHOOK_BODY_LIMIT,
      readiness: [{ name: 'mongo:adapters', check: () => pingMongo(runtime.db) }],
      metrics: registry,
      metricsPort: config.METRICS_PORT,
    });
    logger.info({ url: host.url }, 'webhook receiver listening (/webhooks/oms, /webhooks/wechat)');
    return async () => {
      await host.stop(config.SHUTDOWN_DELAY_MS);
      for (const a of adaptersOf(adapters)) await a.destroy();
    };
  },
);
