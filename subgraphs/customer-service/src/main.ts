import type { NotifySmsAdapter } from '@zhongtai/adapter-notify-sms';
import { ConfigError, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { notifierFromEnv } from './config.js';
import { createCustomerServiceSubgraph, CUSTOMER_SERVICE_SUBGRAPH } from './index.js';

let notifier: NotifySmsAdapter | undefined;
try {
  notifier = notifierFromEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
await notifier?.init();

/** The customer-service subgraph as its own deployable (Helm runs one per subgraph); the gateway from config.ts. */
await runSubgraphMain(
  CUSTOMER_SERVICE_SUBGRAPH,
  (deps) => createCustomerServiceSubgraph(deps, { notifier }),
  process.env,
  { close: async () => notifier?.destroy() },
);
