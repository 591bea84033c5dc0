import { notifySmsFromEnv } from '@zhongtai/adapter-notify-sms';
import { withWechatTemplatesFromEnv } from '@zhongtai/adapter-wechat-mp';
import { configOrExit, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createContentSubgraph, CONTENT_SUBGRAPH, parseRateLimits } from './index.js';

/**
 * The content subgraph as its own deployable (Helm runs one per subgraph). Campaign messages go
 * through the message gateway `NOTIFY_URL` (with `NOTIFY_APP_ID`, `NOTIFY_APP_SECRET`), WeChat template
 * messages from the service account itself when `WECHAT_APP_ID` is set (`withWechatTemplatesFromEnv`);
 * without either nothing is sent and a campaign's offer waits in the member's feed.
 */
const notifier = configOrExit('zhongtai content subgraph', () =>
  withWechatTemplatesFromEnv(process.env, notifySmsFromEnv(process.env)),
);
const rateLimits = configOrExit('zhongtai content subgraph', () =>
  parseRateLimits(process.env.CAMPAIGN_RATE_LIMITS),
);
await notifier?.init();
await runSubgraphMain(
  CONTENT_SUBGRAPH,
  (deps) => createContentSubgraph(deps, { notifier, rateLimits }),
  process.env,
  {
    close: async () => notifier?.destroy(),
  },
);
