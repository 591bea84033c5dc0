import { describeConformance } from '@zhongtai/adapter-kit';
import { createOmsMallAdapter } from './client.js';
import { createOmsMallSimulator } from './simulator/oms-simulator.js';
import { sampleOmsFeed } from './simulator/sample-data.js';

// 150 orders and refunds, plus 12 refunds still in progress the adapter must skip; pages of 20
const feed = sampleOmsFeed(150, 7);

describeConformance({
  kind: 'oms',
  make: async () => {
    const sim = createOmsMallSimulator(feed, { seed: 3, pendingRefunds: 12 });
    await sim.start(0);
    const adapter = createOmsMallAdapter({
      baseUrl: sim.url,
      appKey: sim.appKey,
      appSecret: sim.appSecret,
      webhookSecret: sim.webhookSecret,
      pageSize: 20,
      timeoutMs: 500,
      retries: 6,
    });
    return { adapter, sim, expected: { feed }, webhook: async () => sim.signedWebhook(17) };
  },
});
