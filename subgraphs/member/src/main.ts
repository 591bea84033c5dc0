import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createMemberSubgraph, MEMBER_SUBGRAPH } from './index.js';

/** The member subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(MEMBER_SUBGRAPH, createMemberSubgraph, process.env);
