import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createInventorySubgraph, INVENTORY_SUBGRAPH } from './index.js';

/** The inventory subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(INVENTORY_SUBGRAPH, createInventorySubgraph, process.env);
