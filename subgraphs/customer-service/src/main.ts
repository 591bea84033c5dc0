import { notifySmsFromEnv } from '@zhongtai/adapter-notify-sms';
import { withWechatTemplatesFromEnv } from '@zhongtai/adapter-wechat-mp';
import { configOrExit, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createCustomerServiceSubgraph, CUSTOMER_SERVICE_SUBGRAPH } from './index.js';

/**
 * The customer-service subgraph as its own deployable (Helm runs one per subgraph). Surveys,
 * apologies and store alerts go through the message gateway `NOTIFY_URL` (with `NOTIFY_APP_ID`,
 * `NOTIFY_APP_SECRET`, the notify-sms adapter's `notifySmsFromEnv`), WeChat template messages from the
 * service account when `WECHAT_APP_ID` is set (`withWechatTemplatesFromEnv`); without either nothing is sent:
 * surveys wait for the member in the app, stores are not told.
 */
const notifier = configOrExit('zhongtai customer-service subgraph', () =>
  withWechatTemplatesFromEnv(process.env, notifySmsFromEnv(process.env)),
);
await notifier?.init();
await runSubgraphMain(
  CUSTOMER_SERVICE_SUBGRAPH,
  (deps) => createCustomerServiceSubgraph(deps, { notifier }),
  process.env,
  { close: async () => notifier?.destroy() },
);
