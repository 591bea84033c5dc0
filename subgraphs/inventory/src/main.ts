import type { WmsLegacyAdapter } from '@zhongtai/adapter-wms-legacy';
import { ConfigError, runSubgraphMain } from '@zhongtai/subgraph-kit';
import { wmsFromEnv } from './config.js';
import { createInventorySubgraph, INVENTORY_SUBGRAPH } from './index.js';

let wms: WmsLegacyAdapter | undefined;
try {
  wms = wmsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
await wms?.init();

/** The inventory subgraph as its own deployable (Helm runs one per subgraph); the WMS from config.ts. */
await runSubgraphMain(INVENTORY_SUBGRAPH, (deps) => createInventorySubgraph(deps, { wms }), process.env, {
  close: async () => wms?.destroy(),
});
