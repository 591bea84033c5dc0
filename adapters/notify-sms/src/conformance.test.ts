import { describeConformance } from '@zhongtai/adapter-kit';
import type { OutboundNotification } from '@zhongtai/contracts';
import { createNotifySmsAdapter } from './client.js';
import { type GatewayRecord, gatewayRecordToNotification } from './mapping.js';
import {
  DEMO_GATEWAY_ACCOUNT,
  DEMO_GATEWAY_TEMPLATES,
  createNotifySmsSimulator,
} from './simulator/gateway-simulator.js';

describeConformance({
  kind: 'notification',
  make: async () => {
    const sim = createNotifySmsSimulator([...DEMO_GATEWAY_TEMPLATES], { ...DEMO_GATEWAY_ACCOUNT });
    await sim.start(0);
    const adapter = createNotifySmsAdapter({
      baseUrl: sim.url,
      ...DEMO_GATEWAY_ACCOUNT,
      timeoutMs: 400,
      retries: 5,
    });
    // what the gateway says it delivered, read over HTTP like an operator would
    const delivered = async (): Promise<OutboundNotification[]> => {
      const res = await fetch(`${sim.url}/messages`);
      const body = (await res.json()) as { data: GatewayRecord[] };
      return body.data.map(gatewayRecordToNotification);
    };
    return { adapter, sim, delivered };
  },
});
