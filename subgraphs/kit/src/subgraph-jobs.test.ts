import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Query, Resolver } from 'type-graphql';
import { ALL_ROLES, definePolicies } from './policy/policy.js';
import { periodicJob } from './jobs.js';
import { Lease } from './mongo/lease.js';
import { createSubgraph } from './subgraph.js';
import type { SubgraphDeps } from './subgraph.js';
import { type TestEnv, startTestEnv } from './testing/harness.js';

@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

let env: TestEnv;
let deps: SubgraphDeps;
beforeAll(async () => {
  env = await startTestEnv();
  deps = await env.deps('jobs');
});
afterAll(() => env.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** waits (polling, up to `timeoutMs`) for at least `n` runs */
async function runsAtLeast(runs: string[], n: number, timeoutMs = 5_000) {
  for (const end = Date.now() + timeoutMs; runs.length < n && Date.now() < end;) await sleep(10);
}

/** a replica of a subgraph whose one job counts its runs */
async function replica(runs: string[], name: string) {
  return createSubgraph({
    name: 'jobs',
    deps,
    resolvers: [PingResolver],
    instances: [new PingResolver()],
    policies: definePolicies({ 'Query.ping': { roles: ALL_ROLES, scope: 'none' } }),
    jobs: [
      periodicJob({ name: 'count', everyMs: 10, logger: deps.logger, run: async () => void runs.push(name) }),
    ],
  });
}

it('replicas started with the jobs lease run the jobs one at a time, and hand over when the holder stops', async () => {
  const runs: string[] = [];
  const a = await replica(runs, 'a');
  const b = await replica(runs, 'b');
  const leaseA = new Lease(deps.db, 'jobs', { holder: 'a', ttlMs: 5_000, renewMs: 50 });
  const leaseB = new Lease(deps.db, 'jobs', { holder: 'b', ttlMs: 5_000, renewMs: 50 });
  await a.start({ jobs: leaseA, relay: false });
  await b.start({ jobs: leaseB, relay: false });
  await runsAtLeast(runs, 4);
  await sleep(100);
  expect(new Set(runs)).toEqual(new Set(['a']));
  await a.stop(); // gives the lease up: b takes over at its next attempt (not at the 5 s expiry)
  runs.length = 0;
  await runsAtLeast(runs, 4, 2_000);
  expect(runs.length).toBeGreaterThan(3);
  expect(new Set(runs)).toEqual(new Set(['b']));
  await b.stop();
  runs.length = 0;
  await sleep(50);
  expect(runs).toEqual([]);
});

it('a replica told not to run the jobs runs none', async () => {
  const runs: string[] = [];
  const c = await replica(runs, 'c');
  await c.start({ jobs: false, relay: false });
  await sleep(60);
  await c.stop();
  expect(runs).toEqual([]);
});
