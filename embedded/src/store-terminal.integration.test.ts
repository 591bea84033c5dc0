import { testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';

/**
 * The clerk's one screen (issue "Performance"): tags, points, tier, last orders, order stats, open
 * tickets of a member, from four subgraphs. Once warm it costs one database command (open tickets);
 * every write shows at once on the next read (the caches are forgotten by their owners' writes).
 */
const QUERY = `query($id: ID!) { member(id: $id) { id lifecycleStage
  tags { name } points { balance pending expiring(withinDays: 3650) } growth { tier { code } }
  orders(first: 5) { totalCount nodes { id total { amount } lines { quantity } } }
  orderStats { orderCount totalSpent { amount } } tickets(open: true) { id } } }`;

type View = {
  tags: Array<{ name: string }>;
  points: { balance: number; pending: number; expiring: number };
  orders: { totalCount: number; nodes: Array<{ id: string; total: { amount: number } }> };
  orderStats: { orderCount: number; totalSpent: { amount: number } };
};

let platform: Platform;
let system: string;
let clerk: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  system = await testToken({ role: 'SYSTEM' });
  clerk = await testToken({ role: 'CLERK', storeId: 's1' });
  await gql('mutation { upsertStore(input: { id: "s1", name: "S1", region: "east" }) { id } }', {}, system);
});
afterAll(() => platform.stop());

async function gql<T>(query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return { data: body.data!, trips: Number(res.headers.get('x-zt-db-round-trips')) };
}

let n = 0;
const order = (memberCard: string, amount: number) =>
  gql(
    'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { member { id } } } }',
    {
      i: {
        source: 'pos',
        externalId: `st-${++n}`,
        channel: 'STORE',
        storeId: 's1',
        buyer: { channel: 'STORE', externalId: memberCard },
        lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: amount }],
        placedAt: new Date(Date.now() - 60_000).toISOString(),
      },
    },
    system,
  ) as Promise<{ data: { ingestOrder: { order: { member: { id: string } } } } }>;

const view = async (id: string) => {
  const r = await gql<{ member: View }>(QUERY, { id }, clerk);
  return { ...r.data.member, trips: r.trips };
};

it('costs one database command once warm, and shows every write on the next read', async () => {
  const id = (await order('card-st-1', 10_000)).data.ingestOrder.order.member.id;
  for (let i = 0; i < 3; i++) await order('card-st-1', 5_000);
  await gql('mutation($m: ID!) { tagMember(memberId: $m, tag: "regular") { id } }', { m: id }, system);
  await platform.drain();
  const first = await view(id);
  expect(first.orderStats).toEqual({ orderCount: 4, totalSpent: { amount: 25_000 } });
  expect(first.tags.map((t) => t.name)).toContain('regular');
  const warm = await view(id);
  expect(warm.trips).toBe(1); // open tickets; tags, facts, points, lots, summary and orders from caches
  expect({ ...warm, trips: 0 }).toEqual({ ...first, trips: 0 });

  // a write in each subgraph: the next read shows it
  await gql('mutation($m: ID!) { tagMember(memberId: $m, tag: "vip") { id } }', { m: id }, system);
  await gql(
    'mutation($m: ID!) { earnPoints(input: { memberId: $m, points: 77, idempotencyKey: "st-earn", source: "test" }) { id } }',
    { m: id },
    system,
  );
  await order('card-st-1', 2_000);
  await platform.drain();
  const after = await view(id);
  expect(after.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['regular', 'vip']));
  expect(after.points.balance).toBe(first.points.balance + 77);
  expect(after.points.expiring).toBe(first.points.expiring + 77);
  expect(after.orderStats).toEqual({ orderCount: 5, totalSpent: { amount: 27_000 } });
  expect(after.orders.totalCount).toBe(5);
  expect((await view(id)).trips).toBe(1);
}, 60_000);
