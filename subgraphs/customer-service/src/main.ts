import { notifySmsFromEnv } from '@zhongtai/adapter-notify-sms';
import { MongoNonceStore, type NonceStore } from '@zhongtai/adapter-kit';
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
const notifierFor = (sentKeys?: NonceStore) =>
  withWechatTemplatesFromEnv(process.env, notifySmsFromEnv(process.env), { sentKeys });
// the environment checked before anything starts; the notifier itself is made with the database
configOrExit('zhongtai customer-service subgraph', () => notifierFor());
let notifier: ReturnType<typeof notifierFor>;
await runSubgraphMain(
  CUSTOMER_SERVICE_SUBGRAPH,
  async (deps) => {
    // the keys of WeChat messages sent, shared by the replicas and kept across restarts
    notifier = notifierFor(new MongoNonceStore(deps.db, 'wechat_sent_keys'));
    await notifier?.init();
    return createCustomerServiceSubgraph(deps, { notifier });
  },
  process.env,
  { close: async () => notifier?.destroy() },
);
