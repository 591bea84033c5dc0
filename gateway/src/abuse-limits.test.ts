import { loadGatewayProtection } from './config.js';
import { Agent, request } from 'node:http';
import { getIntrospectionQuery, parse } from 'graphql';
import { connectRedis, redisForTests, startTestRedis, testToken } from '@zhongtai/subgraph-kit';
import { parseOperationsManifest, parseTrustProxy, sha256Hex } from './gateway-server.js';
import { measure } from './limits.js';
import { type TinyGateway, post, startTinyGateway } from './testing/tiny-graph.js';

/**
 * The gateway's abuse limits end to end (gateway/README.md, "Limits"): real HTTP on loopback,
 * the tiny two-subgraph graph executed in process.
 */
const hq = (sub: string, extra: Record<string, unknown> = {}) => testToken({ role: 'HQ', sub, ...extra });

describe('rate limits', () => {
  describe('per verified caller', () => {
    let gw: TinyGateway;
    beforeAll(async () => {
      gw = await startTinyGateway({ rateLimits: { perAddress: 0, perRole: { HQ: 3 } } });
    });
    afterAll(() => gw.close());

    it('answers 429 RATE_LIMITED with Retry-After past the role limit, per caller', async () => {
      const one = await hq('hq-1');
      for (let i = 0; i < 3; i++)
        expect((await post(gw.url, { query: '{ hello }' }, { token: one })).status).toBe(200);
      const refused = await post(gw.url, { query: '{ hello }' }, { token: one });
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.errors?.[0].extensions?.retryAfter).toBe(retryAfter);
      // another token of the same caller shares the budget; another caller has its own
      const sameCaller = await hq('hq-1', { channel: 'APP' });
      expect(sameCaller).not.toBe(one);
      expect((await post(gw.url, { query: '{ hello }' }, { token: sameCaller })).status).toBe(429);
      expect((await post(gw.url, { query: '{ hello }' }, { token: await hq('hq-2') })).status).toBe(200);
    });
  });

  describe('per client address', () => {
    let gw: TinyGateway;
    beforeAll(async () => {
      gw = await startTinyGateway({ rateLimits: { perAddress: 4, authFailuresPerAddress: 0 } });
    });
    afterAll(() => gw.close());

    it('counts every request, unauthenticated ones too, and ignores X-Forwarded-For unless trusted', async () => {
      const token = await hq('addr');
      expect((await post(gw.url, { query: '{ hello }' })).status).toBe(401);
      expect((await post(gw.url, { query: '{ hello }' }, { token: 'not-a-token' })).status).toBe(401);
      expect((await post(gw.url, { query: '{ hello }' }, { token })).status).toBe(200);
      expect((await post(gw.url, { query: '{ hello }' }, { token })).status).toBe(200);
      const refused = await post(
        gw.url,
        { query: '{ hello }' },
        { token, headers: { 'x-forwarded-for': '203.0.113.9' } },
      );
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('failed verifications per address', () => {
    let gw: TinyGateway;
    beforeAll(async () => {
      gw = await startTinyGateway({ rateLimits: { perAddress: 0, authFailuresPerAddress: 2 } });
    });
    afterAll(() => gw.close());

    it('refuses an address past its failures, even with a good token, until the window ends', async () => {
      for (let i = 0; i < 3; i++)
        expect((await post(gw.url, { query: '{ hello }' }, { token: `guess-${i}` })).status).toBe(401);
      const refused = await post(gw.url, { query: '{ hello }' }, { token: await hq('victim') });
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0].message).toMatch(/failed authentications/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('behind a trusted proxy', () => {
    let gw: TinyGateway;
    beforeAll(async () => {
      gw = await startTinyGateway({ rateLimits: { perAddress: 2, trustProxy: parseTrustProxy('loopback') } });
    });
    afterAll(() => gw.close());

    it('keys on the right-most untrusted X-Forwarded-For hop', async () => {
      const token = await hq('proxy');
      const from = (xff: string) =>
        post(gw.url, { query: '{ hello }' }, { token, headers: { 'x-forwarded-for': xff } });
      expect((await from('203.0.113.5')).status).toBe(200);
      // a client cannot escape by prepending addresses of its own
      expect((await from('198.51.100.1, 203.0.113.5')).status).toBe(200);
      expect((await from('198.51.100.2, 203.0.113.5, 127.0.0.1')).status).toBe(429);
      expect((await from('203.0.113.6')).status).toBe(200);
    });
  });

  const redis = redisForTests();
  (redis.available ? describe : describe.skip)('in Redis (shared by instances)', () => {
    let server: Awaited<ReturnType<typeof startTestRedis>>;
    let client: Awaited<ReturnType<typeof connectRedis>>;
    let gws: TinyGateway[];
    beforeAll(async () => {
      server = await startTestRedis();
      client = await connectRedis(server.url);
      // a fresh window per run: keys of an earlier run in a shared REDIS_URL must not count
      const windowSeconds = 60;
      gws = await Promise.all(
        [1, 2].map(() =>
          startTinyGateway({
            redis: client,
            rateLimits: { perAddress: 0, windowSeconds, perRole: { HQ: 3 }, storeTimeoutMs: 5_000 },
          }),
        ),
      );
    });
    afterAll(async () => {
      await Promise.all(gws.map((g) => g.close()));
      await client.quit();
      await server.stop();
    });

    it('two gateways count one caller together', async () => {
      const token = await hq(`redis-${process.pid}-${Date.now()}`);
      const [one, two] = gws;
      expect((await post(one.url, { query: '{ hello }' }, { token })).status).toBe(200);
      expect((await post(one.url, { query: '{ hello }' }, { token })).status).toBe(200);
      expect((await post(two.url, { query: '{ hello }' }, { token })).status).toBe(200);
      const refused = await post(two.url, { query: '{ hello }' }, { token });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await client.keys('zt:rl:token:hq*')).not.toHaveLength(0);
    });
  });
});

describe('automatic persisted queries', () => {
  let gw: TinyGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTinyGateway();
    token = await hq('apq');
  });
  afterAll(() => gw.close());

  it('hash miss → retry with the query → hash hit', async () => {
    const query = '{ node(id: "7") { name score } }';
    const persistedQuery = { version: 1, sha256Hash: sha256Hex(query) };
    const miss = await post(gw.url, { extensions: { persistedQuery } }, { token });
    expect(miss.errors).toEqual([
      {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'BAD_USER_INPUT', persistedQuery: 'NOT_FOUND' },
      },
    ]);
    const stored = await post(gw.url, { query, extensions: { persistedQuery } }, { token });
    expect(stored).toMatchObject({ status: 200, data: { node: { name: 'n7', score: 1 } } });
    const hit = await post(gw.url, { extensions: { persistedQuery } }, { token });
    expect(hit).toMatchObject({ status: 200, data: { node: { name: 'n7', score: 1 } } });
    expect(hit.errors).toBeUndefined();
    expect(gw.server.cacheStats().apq.entries).toBe(1);
  });

  it('refuses a hash that is not the query’s', async () => {
    const wrong = await post(
      gw.url,
      {
        query: '{ hello }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ other }') } },
      },
      { token },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // nothing was stored under the wrong hash
    const miss = await post(
      gw.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ other }') } } },
      { token },
    );
    expect(miss.errors?.[0].message).toBe('PersistedQueryNotFound');
  });
});

describe('registered operations only', () => {
  const registered = 'query Hello { hello }';
  const manifest = parseOperationsManifest({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [{ id: sha256Hex(registered), name: 'Hello', type: 'query', body: registered }],
  });
  let gw: TinyGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTinyGateway({ operations: { mode: 'registered', manifest } });
    token = await hq('registered');
  });
  afterAll(() => gw.close());

  it('runs a manifest operation by hash or by its exact text', async () => {
    const byHash = await post(
      gw.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(registered) } } },
      { token },
    );
    expect(byHash).toMatchObject({ status: 200, data: { hello: 'world' } });
    expect(await post(gw.url, { query: registered }, { token })).toMatchObject({
      status: 200,
      data: { hello: 'world' },
    });
  });

  it('refuses an ad-hoc operation, also offered for APQ registration', async () => {
    const adHoc = await post(gw.url, { query: '{ hello }' }, { token });
    expect(adHoc.status).toBe(400);
    expect(adHoc.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(adHoc.errors?.[0].message).toMatch(/Only registered operations are accepted/);
    const apq = await post(
      gw.url,
      {
        query: '{ hello }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ hello }') } },
      },
      { token },
    );
    expect(apq.errors?.[0].message).toMatch(/Only registered operations are accepted/);
    expect(gw.server.cacheStats().apq.entries).toBe(0);
  });

  it('lets SYSTEM callers (adapters, imports, services) send their own operations', async () => {
    const system = await testToken({ role: 'SYSTEM', sub: 'adapter' });
    expect(await post(gw.url, { query: '{ hello }' }, { token: system })).toMatchObject({
      status: 200,
      data: { hello: 'world' },
    });
  });
});

describe('introspection', () => {
  it('answers the standard introspection query (depth 15) in development', async () => {
    const gw = await startTinyGateway();
    try {
      const res = await post(gw.url, { query: getIntrospectionQuery() }, { token: await hq('dev') });
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
      const schema = (
        res.data as { __schema: { queryType: { name: string }; types: Array<{ name: string }> } }
      ).__schema;
      expect(schema.queryType.name).toBe('Query');
      expect(schema.types.map((t) => t.name)).toContain('Node');
      // the introspection exemption does not lift the depth limit of ordinary fields
      const deep = `{ node(id: "1") { ${'next { '.repeat(12)}id${' }'.repeat(12)} } }`;
      expect(
        (await post(gw.url, { query: deep }, { token: await hq('dev') })).errors?.[0].extensions?.code,
      ).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await gw.close();
    }
  });

  it('is refused in production unless GATEWAY_INTROSPECTION=true; __typename always works', async () => {
    const saved = { ...process.env };
    process.env.NODE_ENV = 'production';
    delete process.env.GATEWAY_INTROSPECTION;
    let gw: TinyGateway | undefined;
    try {
      gw = await startTinyGateway({ protection: loadGatewayProtection() });
      const token = await hq('prod');
      const refused = await post(gw.url, { query: getIntrospectionQuery() }, { token });
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]).toEqual({
        message: 'Introspection is disabled on this gateway',
        extensions: { code: 'FORBIDDEN' },
      });
      expect((await post(gw.url, { query: '{ __type(name: "Node") { name } }' }, { token })).status).toBe(
        403,
      );
      expect(await post(gw.url, { query: '{ __typename hello }' }, { token })).toMatchObject({
        status: 200,
        data: { __typename: 'Query', hello: 'world' },
      });
      await gw.close();
      gw = undefined;
      process.env.GATEWAY_INTROSPECTION = 'true';
      gw = await startTinyGateway({ protection: loadGatewayProtection() });
      expect((await post(gw.url, { query: getIntrospectionQuery() }, { token })).status).toBe(200);
    } finally {
      await gw?.close();
      process.env = saved;
    }
  });
});

describe('query limits', () => {
  let gw: TinyGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTinyGateway({ limits: { maxQueryBytes: 4096 } });
    token = await hq('limits');
  });
  afterAll(() => gw.close());

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `h${i}: hello`).join(' ');
    const res = await post(gw.url, { query: `{ ${aliases} }` }, { token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toEqual({
      message: 'Query too complex: aliases 16 > 15',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    const ok = Array.from({ length: 15 }, (_, i) => `h${i}: hello`).join(' ');
    expect((await post(gw.url, { query: `{ ${ok} }` }, { token })).status).toBe(200);
  });

  it('refuses a query text over MAX_QUERY_BYTES before parsing it', async () => {
    const res = await post(gw.url, { query: `{ hello } # ${'x'.repeat(5000)}` });
    // refused on size alone, before the (missing) token is even looked at
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toEqual({
      message: 'Query too large (over 4096 bytes)',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('a plan of an operation at every limit is never refused by the subgraphs', async () => {
    // 15 aliased roots, depth 12, 495 fields; every level also asks subgraph b for `score`, so the
    // planner adds __typename and the key to each level of subgraph a's single root fetch: that
    // fetch carries more fields (~660) than the operation itself, and the b fetches nest under _entities
    const level = (depth: number): string =>
      depth === 12 ? 'name score' : `name score next { ${level(depth + 1)} }`;
    const roots = Array.from({ length: 15 }, (_, i) => `r${i}: node(id: "${i}") { ${level(2)} }`);
    const query = `{ ${roots.join(' ')} }`;
    expect(measure(parse(query))).toMatchObject({ depth: 12, fields: 495, aliases: 15 });
    const res = await post(gw.url, { query }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(Object.keys(res.data ?? {})).toHaveLength(15);
    // deeper by one is the gateway's refusal, not a subgraph's
    const deeper = `{ r: node(id: "1") { next { ${level(2)} } } }`;
    expect((await post(gw.url, { query: deeper }, { token })).errors?.[0].message).toMatch(/depth 13 > 12/);
  });
});

describe('byte-bounded caches', () => {
  it('the prepared-operation cache evicts past its byte budget', async () => {
    const budget = 300_000;
    const gw = await startTinyGateway({ caches: { documentBytes: budget } });
    try {
      const token = await hq('cache');
      for (let i = 0; i < 60; i++)
        expect((await post(gw.url, { query: `{ hello } # ${i} ${'y'.repeat(300)}` }, { token })).status).toBe(
          200,
        );
      const { entries, bytes } = gw.server.cacheStats().documents;
      expect(bytes).toBeLessThanOrEqual(budget);
      expect(entries).toBeGreaterThan(0);
      expect(entries).toBeLessThan(60);
    } finally {
      await gw.close();
    }
  });
});

describe('request bodies', () => {
  it('a 413 is followed by a successful request on the same keep-alive agent', async () => {
    const gw = await startTinyGateway({ limits: { maxBodyBytes: 64_000, maxQueryBytes: 16_000 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const token = await hq('body');
    const send = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          gw.url,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const ok = JSON.stringify({ query: '{ hello }' });
      expect(await send(ok)).toBe(200);
      expect(
        await send(JSON.stringify({ query: '{ hello }', variables: { pad: 'z'.repeat(3_000_000) } })),
      ).toBe(413);
      expect(await send(ok)).toBe(200);
    } finally {
      agent.destroy();
      await gw.close();
    }
  });
});
