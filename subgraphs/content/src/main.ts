import { notifySmsFromEnv } from '@zhongtai/adapter-notify-sms';
import { MongoNonceStore, type NonceStore } from '@zhongtai/adapter-kit';
import { withWechatTemplatesFromEnv } from '@zhongtai/adapter-wechat-mp';
import { configOrExit, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createContentSubgraph, CONTENT_SUBGRAPH, parseRateLimits } from './index.js';

/**
 * The content subgraph as its own deployable (Helm runs one per subgraph). Campaign messages go
 * through the message gateway `NOTIFY_URL` (with `NOTIFY_APP_ID`, `NOTIFY_APP_SECRET`), WeChat template
 * messages from the service account itself when `WECHAT_APP_ID` is set (`withWechatTemplatesFromEnv`);
 * without either nothing is sent and a campaign's offer waits in the member's feed.
 */
const notifierFor = (sentKeys?: NonceStore) =>
  withWechatTemplatesFromEnv(process.env, notifySmsFromEnv(process.env), { sentKeys });
// the environment checked before anything starts; the notifier itself is made with the database
configOrExit('zhongtai content subgraph', () => notifierFor());
let notifier: ReturnType<typeof notifierFor>;
const rateLimits = configOrExit('zhongtai content subgraph', () =>
  parseRateLimits(process.env.CAMPAIGN_RATE_LIMITS),
);
await runSubgraphMain(
  CONTENT_SUBGRAPH,
  async (deps) => {
    // the keys of WeChat messages sent, shared by the replicas and kept across restarts
    notifier = notifierFor(new MongoNonceStore(deps.db, 'wechat_sent_keys'));
    await notifier?.init();
    return createContentSubgraph(deps, { notifier, rateLimits });
  },
  process.env,
  {
    close: async () => notifier?.destroy(),
  },
);
