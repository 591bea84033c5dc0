import { describeConformance } from '@zhongtai/adapter-kit';
import { createWechatMpAdapter } from './client.js';
import { sampleEncodingAesKey, sampleWechatEvents } from './simulator/sample-events.js';
import { createWechatMpSimulator } from './simulator/wechat-simulator.js';

// Secure mode (安全模式): only it signs the body, which the suite's tampering check needs.
// Plain mode signs just token+timestamp+nonce; see push.test.ts and the README.
describeConformance({
  kind: 'wechat',
  make: async () => {
    const sim = createWechatMpSimulator(sampleWechatEvents(60, 3), {
      encodingAesKey: sampleEncodingAesKey(5),
    });
    await sim.start(0);
    const adapter = createWechatMpAdapter({
      baseUrl: sim.url,
      appId: sim.appId,
      appSecret: sim.appSecret,
      token: sim.token,
      encodingAesKey: sim.encodingAesKey,
    });
    return { adapter, sim, webhook: async () => sim.delivery(7) };
  },
});
