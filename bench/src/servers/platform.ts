import { loadGatewayProtection } from '@zhongtai/gateway';
import { startPlatform } from '@zhongtai/embedded';
import type { OrdersServices } from '@zhongtai/orders';
import { postGraphQL, signToken, silentLogger } from '@zhongtai/subgraph-kit';
import { BENCH_JWT, BENCH_SECRET } from '../secret.js';
import { FEED_GENERAL, FEED_SEGMENTS, ITEMS_PER_SEGMENT, segmentTag } from './feed-data.js';
import { lookupMembers } from './lookup-members.js';
import { answerAsks } from './answers.js';

/**
 * Bench process: the all-in-one platform, prepared for one scenario (BENCH_SETUP):
 *  - `lookup`: the 50 members of the member-lookup scenario (as the other processes of that scenario);
 *  - `terminal`: two members a clerk looks up, one with 1 order and 1 tag, one with 50 orders and 10 tags;
 *  - `points`: 50 members with 100,000 points each;
 *  - `orders:<n>`: n historical orders through the batch path (`importOrders`, in-process, batches of 500), timed.
 */
const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  subgraphPortBase: 0,
  transport: 'in-process',
  jwt: BENCH_JWT,
  gatewayProtection: loadGatewayProtection(process.env),
  logger: silentLogger(),
});
answerAsks(platform);
const system = await signToken({ tenant: 'demo', role: 'SYSTEM' }, BENCH_SECRET, 3600);
const gql = async <T>(query: string, variables: Record<string, unknown>) => {
  const r = await postGraphQL<T>(platform.gatewayUrl, query, variables, system);
  if (r.errors?.length) throw new Error(r.errors[0].message);
  return r.data!;
};
await gql(
  'mutation { upsertStore(input: { id: "store-sh-001", name: "Nanjing West Rd", region: "east" }) { id } }',
  {},
);
const setup = process.env.BENCH_SETUP ?? 'terminal';
const ingest = (platform.subgraphs.orders as unknown as { services: OrdersServices }).services.intake;
const order = (n: number, buyer: string, placedAt: Date) => ({
  source: 'bench',
  externalId: `B-${n}`,
  channel: 'STORE' as const,
  storeId: 'store-sh-001',
  buyer: { channel: 'STORE' as const, externalId: buyer },
  lines: [
    { sku: `SKU-${String(1 + (n % 50)).padStart(4, '0')}`, quantity: 1, unitPrice: 1000 + (n % 7) * 100 },
    { sku: 'SKU-0001', quantity: 1, unitPrice: 500 },
  ],
  placedAt,
});
// every event published so far handled: member projections and points grants caught up
const settle = () => platform.drain(3_600_000);

if (setup === 'lookup') {
  process.send!({ ready: platform.gatewayUrl, memberIds: await lookupMembers(platform.gatewayUrl, system) });
} else if (setup === 'terminal') {
  const ids: string[] = [];
  for (const [card, orders, tags] of [
    ['card-light', 1, 1],
    ['card-heavy', 50, 10],
  ] as const) {
    const m = await gql<{ identifyMember: { member: { id: string } } }>(
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      { i: { channel: 'STORE', externalId: card, storeId: 'store-sh-001' } },
    );
    const id = m.identifyMember.member.id;
    for (let n = 0; n < orders; n++)
      await ingest.ingest('demo', order(ids.length * 1000 + n, card, new Date(Date.now() - n * 86_400_000)));
    for (let t = 0; t < tags; t++)
      await gql('mutation($m: ID!, $t: String!) { tagMember(memberId: $m, tag: $t) { id } }', {
        m: id,
        t: `tag-${t}`,
      });
    ids.push(id);
  }
  await settle();
  process.send!({ ready: platform.gatewayUrl, memberIds: ids });
} else if (setup === 'feed') {
  for (let i = 0; i < FEED_SEGMENTS; i++)
    await gql('mutation($i: SaveSegmentInput!) { saveSegment(input: $i) { id } }', {
      i: {
        id: `feed-seg-${i}`,
        name: `feed ${i}`,
        rule: { match: 'ALL', conditions: [{ fact: 'tag', op: 'HAS', value: segmentTag(i) }] },
      },
    });
  const publish = (id: string, targeting?: Record<string, unknown>) =>
    gql('mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', {
      i: {
        id,
        kind: 'ARTICLE',
        title: id,
        body: 'b',
        channels: ['APP'],
        ...(targeting ? { targeting } : {}),
      },
    });
  for (let i = 0; i < FEED_SEGMENTS; i++)
    for (let k = 0; k < ITEMS_PER_SEGMENT; k++)
      await publish(`feed-${i}-${k}`, { segmentIds: [`feed-seg-${i}`] });
  for (let k = 0; k < FEED_GENERAL; k++) await publish(`feed-all-${k}`);
  const ids: string[] = [];
  for (const [card, tags] of [
    ['feed-none', 0],
    ['feed-busy', FEED_SEGMENTS],
  ] as const) {
    const m = await gql<{ identifyMember: { member: { id: string } } }>(
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      { i: { channel: 'STORE', externalId: card, storeId: 'store-sh-001' } },
    );
    for (let t = 0; t < tags; t++)
      await gql('mutation($m: ID!, $t: String!) { tagMember(memberId: $m, tag: $t) { id } }', {
        m: m.identifyMember.member.id,
        t: segmentTag(t),
      });
    ids.push(m.identifyMember.member.id);
  }
  await settle(); // segments evaluated, profiles announced, content's audiences written
  process.send!({ ready: platform.gatewayUrl, memberIds: ids });
} else if (setup === 'points') {
  // members the member center knows, each with a legacy balance of 100,000 (an import is not a grant:
  // the grant limits do not apply to it)
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) {
    const m = await gql<{ identifyMember: { member: { id: string } } }>(
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      { i: { channel: 'APP', externalId: `bench-points-${i}` } },
    );
    const id = m.identifyMember.member.id;
    await gql('mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id } }', {
      i: {
        memberId: id,
        points: 100_000,
        source: 'bench',
        legacyRef: `seed-${i}`,
        asOf: new Date().toISOString(),
      },
    });
    ids.push(id);
  }
  process.send!({ ready: platform.gatewayUrl, memberIds: ids });
} else if (setup.startsWith('orders:')) {
  // history as the importer sends it: batches of 500 (importOrders), two in flight
  const [, count, customers] = setup.split(':');
  const total = Number(count);
  // a brand's history: ten orders per customer on average (at least 1,000 customers), or --buyers
  const buyers = Number(customers) || Math.max(1000, Math.floor(total / 10));
  const services = (platform.subgraphs.orders as unknown as { services: OrdersServices }).services;
  let refusals = 0;
  // as the importer does: a batch refused because the consumers are behind (RATE_LIMITED) is sent again
  const importPaced = async (batch: Parameters<typeof services.imports.importOrders>[1]) => {
    for (;;) {
      try {
        return await services.imports.importOrders('demo', batch);
      } catch (error) {
        if ((error as { code?: string }).code !== 'RATE_LIMITED') throw error;
        refusals++;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };
  const started = Date.now();
  let next = 0;
  const oldest = Date.now() - 180 * 86_400_000;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < total) {
        const from = next;
        next = Math.min(total, next + 500);
        const batch = Array.from({ length: next - from }, (_, i) => {
          const n = from + i;
          return order(
            n,
            `card-${n % buyers}`,
            new Date(oldest + Math.floor((n / total) * 179 * 86_400_000)),
          );
        });
        const r = await importPaced(batch);
        if (r.rejected.length)
          throw new Error(`import refused ${r.rejected.length}: ${r.rejected[0].message}`);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  // the order subgraph has answered for every order; its consumers (member facts, points grants)
  // may still be working through the events: measure nothing before they are done
  await settle();
  const settledSeconds = (Date.now() - started) / 1000;
  // the store metrics tree brought up to the buckets (the background job does it once the days are
  // left alone; here at once), so the queries below measure a settled store
  const treeStarted = Date.now();
  while ((await services.metrics.settleQuiet(0, 5_000)) > 0);
  process.send!({
    treeSeconds: Math.round((Date.now() - treeStarted) / 1000),
    refusals,
    ready: platform.gatewayUrl,
    buyers,
    bulkRate: Math.round(total / seconds),
    bulkSeconds: Math.round(seconds),
    settledRate: Math.round(total / settledSeconds),
    settledSeconds: Math.round(settledSeconds),
  });
}
process.on('SIGTERM', () => void platform.stop().then(() => process.exit(0)));
