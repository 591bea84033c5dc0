import { createServer } from 'node:net';
import { TEST_JWT, postGraphQL, silentLogger, testToken } from '@zhongtai/subgraph-kit';
import { type Platform, type PlatformOptions, startPlatform } from './platform.js';

/**
 * Test support: the all-in-one platform on random loopback ports with the test keys and a silent
 * log, in-process transport unless a test says otherwise. Store metrics catch up when queried, not
 * on a timer (its writes would land in the tests' command counts at random). The rest (store, data
 * dir, simulators) is the test's own.
 */
export function startTestPlatform(opts: Partial<PlatformOptions> = {}): Promise<Platform> {
  return startPlatform({
    host: '127.0.0.1',
    port: 0,
    subgraphPortBase: 0,
    transport: 'in-process',
    jwt: TEST_JWT,
    logger: silentLogger(),
    settleMetricsEveryMs: 0,
    ...opts,
  });
}

/**
 * Test support: a SYSTEM caller per tenant of a test platform (started in `beforeAll`): `gql(tenant, query,
 * variables)` answers the data, or throws the first error's message. `token` holds the tenants' tokens.
 */
export function systemCallers(platform: () => Platform, tenants: string[]) {
  const token: Record<string, string> = {};
  return {
    token,
    async sign(): Promise<void> {
      for (const tenant of tenants) token[tenant] = await testToken({ role: 'SYSTEM', tenant });
    },
    async gql<T>(tenant: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const r = await postGraphQL<T>(platform().gatewayUrl, query, variables, token[tenant]);
      if (r.errors?.length) throw new Error(r.errors[0].message);
      return r.data!;
    },
  };
}

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** A base port with base … base+span free on 127.0.0.1 (for the multi-process mode's port layout). */
export async function freePortBlock(span: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // below the ephemeral range (32768+), where other tests' random ports land
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    let ok = true;
    for (let p = base; p <= base + span && ok; p++) ok = await free(p);
    if (ok) return base;
  }
  throw new Error('no free block of ports on 127.0.0.1');
}
