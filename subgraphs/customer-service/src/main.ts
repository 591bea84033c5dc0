import { runSubgraphMain } from '@zhongtai/subgraph-kit';
import { createCustomerServiceSubgraph, CUSTOMER_SERVICE_SUBGRAPH } from './index.js';

/** The customer-service subgraph as its own deployable (Helm runs one per subgraph). */
await runSubgraphMain(CUSTOMER_SERVICE_SUBGRAPH, createCustomerServiceSubgraph, process.env);
