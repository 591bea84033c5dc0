import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';
import { settled } from './testing/until.js';
import { postGraphQL, testToken } from '@zhongtai/subgraph-kit';

const IDENTIFY = 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }';

describe.each(['in-process', 'http'] as const)('platform through the gateway (%s subgraphs)', (transport) => {
  let platform: Platform;
  const fetches: string[] = [];
  let system: string;
  const ids: string[] = [];

  beforeAll(async () => {
    platform = await startTestPlatform({
      transport,
      dbPrefix: `p${Date.now()}`,
      onFetch: (name) => fetches.push(name),
    });
    system = await testToken({ role: 'SYSTEM' });
    await postGraphQL(
      platform.gatewayUrl,
      'mutation { upsertStore(input: { id: "s1", name: "S1", region: "east" }) { id } }',
      {},
      system,
    );
    for (let n = 0; n < 6; n++) {
      const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
        platform.gatewayUrl,
        IDENTIFY,
        { i: { channel: 'APP', externalId: `${transport}-${n}`, storeId: n < 3 ? 's1' : null } },
        system,
      );
      ids.push(r.data!.identifyMember.member.id);
    }
  });
  afterAll(async () => platform.stop());

  it('answers without a token with UNAUTHENTICATED and no data', async () => {
    const r = await postGraphQL(platform.gatewayUrl, '{ me { id } }');
    expect(r.status).toBe(401);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.data).toBeUndefined();
    const forged = await postGraphQL(
      platform.gatewayUrl,
      '{ me { id } }',
      {},
      await testToken({ role: 'HQ' }, 'another-secret-of-sufficient-length'),
    );
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resolves N members with fields from every subgraph in one batched call per subgraph', async () => {
    const fields =
      'id points { balance } growth { tier { code } } orderStats { orderCount } tickets { id } coupons { id }';
    const query = `query($ids: [ID!]!) { membersByIds(ids: $ids) { ${fields} } }`;
    const run = async (some: string[]) => {
      fetches.length = 0;
      const res = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${system}` },
        body: JSON.stringify({ query, variables: { ids: some } }),
      });
      const body = (await res.json()) as {
        data: { membersByIds: Array<{ id: string; growth: { tier: { code: string } } }> };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      expect(body.data.membersByIds.map((m) => m.id)).toEqual(some);
      expect(body.data.membersByIds[0].growth.tier.code).toBe('SILVER');
      return { fetches: [...fetches].sort(), trips: Number(res.headers.get('x-zt-db-round-trips')) };
    };
    await run(ids); // warm the caches (member profiles, tenant configuration), so both runs see the same
    const two = await run(ids.slice(0, 2));
    const six = await run(ids);
    // one fetch per subgraph: member (root field) + one _entities call for each of the 4 others
    expect(six.fetches).toEqual(['content', 'customer-service', 'member', 'orders', 'points']);
    expect(two.fetches).toEqual(six.fetches);
    // one database query per uncached entity type, the same for 2 members as for 6: member profiles
    // and points account snapshots (present or absent) come from read-through caches
    expect(six.trips).toBe(3); // order summaries, tickets, coupons
    expect(six.trips).toBe(two.trips);
  });

  it('confines every caller to its tenant and its scope', async () => {
    const q = `query($id: ID!) { member(id: $id) { id points { balance } } }`;
    const other = await postGraphQL<{ member: unknown }>(
      platform.gatewayUrl,
      q,
      { id: ids[0] },
      await testToken({ role: 'HQ', tenant: 'other-brand' }),
    );
    expect(other.errors).toBeUndefined();
    expect(other.data!.member).toBeNull();
    const clerk = await testToken({ role: 'CLERK', storeId: 's1' });
    expect(
      (await postGraphQL<{ member: { id: string } }>(platform.gatewayUrl, q, { id: ids[0] }, clerk)).data!
        .member.id,
    ).toBe(ids[0]);
    expect(
      (await postGraphQL<{ member: unknown }>(platform.gatewayUrl, q, { id: ids[5] }, clerk)).data!.member,
    ).toBeNull();
    const write = await postGraphQL(
      platform.gatewayUrl,
      'mutation { upsertStore(input: { id: "x", name: "X", region: "east" }) { id } }',
      {},
      clerk,
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses malformed and oversized requests with typed errors', async () => {
    const bad = await postGraphQL(platform.gatewayUrl, '{ member(id: 1) { nope } }', {}, system);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const deep = await postGraphQL(
      platform.gatewayUrl,
      `{ me { ${'joinedStore { id '.repeat(1)}${'} '.repeat(1)} identities { channel } } }`,
      {},
      system,
    );
    expect(deep.errors).toBeUndefined();
    const vars = await postGraphQL(
      platform.gatewayUrl,
      'query($id: ID!) { member(id: $id) { id } }',
      {},
      system,
    );
    expect(vars.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const huge = `{ ${Array.from({ length: 600 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const tooComplex = await postGraphQL(platform.gatewayUrl, huge, {}, system);
    expect(tooComplex.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('closes the loop: an order delivered three times grants points once and moves the member on', async () => {
    const order = {
      source: 'pos',
      externalId: `${transport}-loop-1`,
      channel: 'STORE',
      storeId: 's1',
      buyer: { channel: 'STORE', externalId: `${transport}-card-loop`, phone: '13500000001' },
      lines: [{ sku: 'SKU-0001', quantity: 2, unitPrice: 5000 }],
      placedAt: new Date().toISOString(),
    };
    const ingest =
      'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id member { id } } } }';
    const runs = [];
    for (let n = 0; n < 3; n++)
      runs.push(
        await postGraphQL<{ ingestOrder: { created: boolean; order: { member: { id: string } } } }>(
          platform.gatewayUrl,
          ingest,
          { i: order },
          system,
        ),
      );
    expect(runs.map((r) => r.data!.ingestOrder.created)).toEqual([true, false, false]);
    const memberId = runs[0].data!.ingestOrder.order.member.id;
    // events travel to points and the member center; give them a moment, then read through the gateway
    const view = async () =>
      (
        await postGraphQL<{
          member: {
            lifecycleStage: string;
            points: { pending: number; history: { totalCount: number } };
            orderStats: { orderCount: number };
          };
        }>(
          platform.gatewayUrl,
          'query($id: ID!) { member(id: $id) { lifecycleStage points { pending history { totalCount } } orderStats { orderCount } } }',
          { id: memberId },
          system,
        )
      ).data!.member;
    // the points and the member center's consumers each take the order's event in their own time
    const expected = {
      lifecycleStage: 'FIRST_PURCHASE',
      points: { pending: 100, history: { totalCount: 1 } },
      orderStats: { orderCount: 1 },
    };
    expect(await settled(view, expected)).toEqual(expected);
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('zt_graphql_requests_total');
  });
});
