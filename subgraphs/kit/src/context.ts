import { AsyncLocalStorage } from 'node:async_hooks';
import type { Claims } from '@zhongtai/contracts';
import type { Logger } from './logging.js';

/** Counters for one request; tests and the bench read them to count database round trips. */
export interface RequestStats {
  dbRoundTrips: number;
  /** set by the HTTP layer so that error logs carry it */
  requestId?: string;
}

/** What every resolver receives as `@Ctx()`. */
export interface RequestContext {
  requestId: string;
  claims: Claims;
  /** always `claims.tenant`: every repository call is confined to it */
  tenant: string;
  logger: Logger;
  stats: RequestStats;
  /** per-request memo for DataLoaders (see `loaders.ts`) */
  memo: Map<unknown, unknown>;
}

const scope = new AsyncLocalStorage<RequestStats>();

/** Runs `fn` with `stats` as the current request's counters (read by the mongo round-trip counter). */
export function runWithStats<T>(stats: RequestStats, fn: () => T): T {
  return scope.run(stats, fn);
}

export function currentStats(): RequestStats | undefined {
  return scope.getStore();
}

export function newStats(requestId?: string): RequestStats {
  return { dbRoundTrips: 0, requestId };
}
