import type { Claims } from '@zhongtai/contracts';
import { GATEWAY_ISSUER, InternalTokens } from '@zhongtai/subgraph-kit';

export const BENCH_SECRET = 'bench-secret-only-for-loopback-runs';
export const BENCH_INTERNAL_SECRET = 'bench-internal-secret-only-for-loopback-runs';
/** the platform's JWT settings in bench processes */
export const BENCH_JWT = { secret: BENCH_SECRET, internalSecret: BENCH_INTERNAL_SECRET };
/**
 * The same for processes configured by environment (our gateway, the platform processes). Rate
 * limits are raised to the maximum, not switched off, so their check stays on the measured path.
 */
const NO_TRIP = '1000000000';
export const BENCH_ENV = {
  JWT_SECRET: BENCH_SECRET,
  INTERNAL_TOKEN_SECRET: BENCH_INTERNAL_SECRET,
  GATEWAY_RATE_LIMIT_ADDRESS: NO_TRIP,
  GATEWAY_RATE_LIMIT_MEMBER: NO_TRIP,
  GATEWAY_RATE_LIMIT_CLERK: NO_TRIP,
  GATEWAY_RATE_LIMIT_STORE_MANAGER: NO_TRIP,
  GATEWAY_RATE_LIMIT_HQ: NO_TRIP,
  GATEWAY_RATE_LIMIT_SYSTEM: NO_TRIP,
};

const internal = new InternalTokens(BENCH_INTERNAL_SECRET, GATEWAY_ISSUER, 3600);

/** What a gateway sends a subgraph for `claims` (calls made straight to a subgraph need it). */
export function subgraphToken(claims: Claims, subgraph: string): Promise<string> {
  return internal.sign(claims, subgraph);
}
