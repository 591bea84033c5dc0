import type { Claims } from '@zhongtai/contracts';
import type { RequestStats } from '@zhongtai/subgraph-kit';

/** What the gateway knows about a request and hands to its data sources. */
export interface GatewayContext {
  requestId: string;
  claims: Claims;
  /** the caller's header, forwarded so that subgraphs verify the same token themselves */
  authorization: string;
  stats: RequestStats;
}
