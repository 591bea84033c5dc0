import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createPointsSubgraph, POINTS_SUBGRAPH } from './index.js';

/** The points subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(POINTS_SUBGRAPH, createPointsSubgraph, process.env);
