import type { Claims } from '@zhongtai/contracts';
import type { RequestStats } from '@zhongtai/subgraph-kit';

/** What the gateway knows about a request and hands to its data sources. */
export interface GatewayContext {
  requestId: string;
  claims: Claims;
  /** the caller's header as received (subgraphs never see it: they get an internal token) */
  authorization: string;
  stats: RequestStats;
}
