import { describeConformance } from '@zhongtai/adapter-kit';
import { createWmsLegacyAdapter } from './client.js';
import { DEMO_WMS_LOCATIONS, demoStockLevels } from './simulator/demo-data.js';
import { createWmsLegacySimulator } from './simulator/wms-simulator.js';

describeConformance({
  kind: 'wms',
  make: async () => {
    const stock = demoStockLevels(60);
    const sim = createWmsLegacySimulator(stock, { locations: { ...DEMO_WMS_LOCATIONS } });
    await sim.start(0);
    const adapter = createWmsLegacyAdapter({
      baseUrl: sim.url,
      locations: { ...DEMO_WMS_LOCATIONS },
      timeoutMs: 400,
      retries: 5,
    });
    return { adapter, sim, expected: { stock } };
  },
});
