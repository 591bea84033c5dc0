import { notifySmsFromEnv } from '@zhongtai/adapter-notify-sms';
import { configOrExit, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createContentSubgraph, CONTENT_SUBGRAPH, parseRateLimits } from './index.js';

/**
 * The content subgraph as its own deployable (Helm runs one per subgraph). Campaign messages go
 * through the message gateway `NOTIFY_URL` (with `NOTIFY_APP_ID`, `NOTIFY_APP_SECRET`); without it
 * nothing is sent and a campaign's offer waits in the member's feed.
 */
const notifier = configOrExit('zhongtai content subgraph', () => notifySmsFromEnv(process.env));
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
