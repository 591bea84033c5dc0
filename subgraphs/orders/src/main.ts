import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createOrdersSubgraph, ORDERS_SUBGRAPH } from './index.js';

/** The orders subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(ORDERS_SUBGRAPH, createOrdersSubgraph, process.env);
