import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createContentSubgraph, CONTENT_SUBGRAPH } from './index.js';

/** The content subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(CONTENT_SUBGRAPH, createContentSubgraph, process.env);
