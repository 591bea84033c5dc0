import { randomUUID } from 'node:crypto';
import type { Claims } from '@zhongtai/contracts';
import { signToken } from '../auth/sign.js';
import { createTokenVerifier } from '../auth/verifier.js';
import { GATEWAY_ISSUER, InternalTokens, createSubgraphVerifier } from '../auth/internal-token.js';
import { type Clock, systemClock } from '../clock.js';
import { createLogger, silentLogger } from '../logging.js';
import { type EmbeddedMongo, startEmbeddedMongo } from '../mongo/embedded-server.js';
import { type Infra, createInfra, createSubgraphDeps } from '../runtime.js';
import { serveSubgraph } from '../http/serve-subgraph.js';
import type { RequestStats } from '../context.js';
import type { ServiceCall, Subgraph, SubgraphDeps } from '../subgraph.js';

/** Test helpers shared by every package's integration tests (ZT_TEST_LOGS=1 shows the subgraphs' logs). */
const testLogger = () =>
  process.env.ZT_TEST_LOGS === '1'
    ? createLogger({ name: 'test', level: 'debug', destination: process.stderr })
    : silentLogger();
export const TEST_SECRET = 'test-secret-for-zhongtai-tests';
export const TEST_INTERNAL_SECRET = 'test-internal-secret-for-zhongtai-tests';
/** what tests pass as `PlatformOptions.jwt` */
export const TEST_JWT = { secret: TEST_SECRET, internalSecret: TEST_INTERNAL_SECRET };

export function testToken(
  claims: Partial<Claims> & Pick<Claims, 'role'>,
  secret = TEST_SECRET,
): Promise<string> {
  return signToken({ tenant: 'demo', ...claims } as Claims, secret, 3600);
}

export interface TestEnv {
  mongo: EmbeddedMongo;
  infra: Infra;
  /** a fresh logical database set per call, so tests never see each other's data */
  deps(name: string, clock?: Clock): Promise<SubgraphDeps>;
  /** publishes an event as another subgraph would, and waits until every consumer has handled it */
  deliver(
    type: string,
    payload: Record<string, unknown>,
    opts?: { id?: string; at?: Date; key?: string },
  ): Promise<void>;
  close(): Promise<void>;
}

/** A GraphQL answer of a served subgraph. */
export type GqlResult = Awaited<ReturnType<ServedForTest['query']>>;

/** The data of an answer that must have no errors (the test fails otherwise). */
export function gqlOk<T>(r: GqlResult): T {
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

/** The code of an answer's first error (undefined when it has none). */
export const gqlCode = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

/**
 * Starts one embedded store and in-process infra for a test file; `clock` is the in-process
 * cache's (its TTLs), for a test that moves time instead of sleeping.
 */
export async function startTestEnv(opts: { clock?: Clock } = {}): Promise<TestEnv> {
  const mongo = await startEmbeddedMongo();
  const infra = await createInfra({ clock: opts.clock });
  const opened: Array<{ close(): Promise<void> }> = [];
  return {
    mongo,
    infra,
    deps: async (name, clock = systemClock) => {
      const d = await createSubgraphDeps({
        name,
        mongoUri: mongo.uri,
        infra,
        logger: silentLogger(),
        clock,
        dbPrefix: `t${randomUUID().slice(0, 8)}`,
      });
      opened.push(d);
      return d;
    },
    deliver: async (type, payload, opts = {}) => {
      await infra.bus.publish({
        id: opts.id ?? randomUUID(),
        type,
        version: 1,
        tenant: 'demo',
        occurredAt: (opts.at ?? new Date()).toISOString(),
        producer: 'test',
        key: opts.key ?? String(payload.memberId ?? 'k'),
        payload,
      });
      await infra.bus.drain();
    },
    close: async () => {
      for (const d of opened) await d.close();
      await infra.close();
      await mongo.stop();
    },
  };
}

export interface ServedForTest {
  url: string;
  requests: RequestStats[];
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
    status: number;
  }>;
  close(): Promise<void>;
}

/**
 * Serves a subgraph on a random loopback port with the production verifier (internal tokens only);
 * records each request's counters. `query` plays the gateway: it verifies the user token it is given
 * and sends the subgraph the internal token the gateway would mint for that caller.
 */
export async function serveForTest(subgraph: Subgraph): Promise<ServedForTest> {
  const requests: RequestStats[] = [];
  const app = serveSubgraph({
    subgraph,
    verifier: createSubgraphVerifier(subgraph.name, TEST_INTERNAL_SECRET),
    logger: testLogger(),
    onRequest: (s) => requests.push(s),
  });
  const url = `${await app.listen(0, '127.0.0.1')}/graphql`;
  const users = createTokenVerifier({ secret: TEST_SECRET });
  const internal = new InternalTokens(TEST_INTERNAL_SECRET, GATEWAY_ISSUER, 600);
  const asGateway = async (token?: string) => {
    if (!token) return undefined;
    try {
      return await internal.sign(await users(`Bearer ${token}`), subgraph.name);
    } catch {
      return token; // an invalid user token reaches the subgraph as it is (and is refused there)
    }
  };
  return {
    url,
    requests,
    query: async (query, variables, token) => postGraphQL(url, query, variables, await asGateway(token)),
    close: async () => {
      await app.close(1000);
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return { ...body, status: res.status };
}

/** A member center in which every member exists, at these stores (tests of other subgraphs). */
export function everyMemberAt(storeIds: string[], stores: Record<string, string>): ServiceCall {
  const world: ScopeWorld = {
    members: new Proxy({} as ScopeWorld['members'], { get: () => ({ storeIds }) }),
    stores,
  };
  return async <T>(_tenant: string, query: string, variables?: Record<string, unknown>) =>
    answerAccessScopes(world, query, variables) as T;
}

/** The member center's scope facts, as a test describes them. */
export interface ScopeWorld {
  /** member id → stores it joined or bought at (regions follow from `stores`), and its survivor */
  members: Record<string, { storeIds: string[]; rootId?: string }>;
  /** store id → region */
  stores: Record<string, string>;
}

/**
 * Answers the `accessScopes` service call the way the member center would, for subgraph tests
 * that run without it; returns undefined for any other query (the test answers those itself).
 */
export function answerAccessScopes(
  world: ScopeWorld,
  query: string,
  variables?: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (!query.includes('accessScopes')) return undefined;
  const v = variables as { m: string[]; s: string[] };
  return {
    accessScopes: {
      members: v.m
        .filter((id) => world.members[id])
        .map((id) => {
          const m = world.members[id];
          const root = m.rootId ? world.members[m.rootId] : m;
          return {
            memberId: id,
            rootId: m.rootId ?? id,
            storeIds: root.storeIds,
            regions: [...new Set(root.storeIds.map((s) => world.stores[s]).filter(Boolean))],
          };
        }),
      stores: v.s.filter((id) => world.stores[id]).map((id) => ({ id, region: world.stores[id] })),
    },
  };
}
