import { type Logger, postGraphQL, signToken } from '@zhongtai/subgraph-kit';
import { CONTENT, DEMO_TENANT, SEGMENTS, SKUS, STORES, TAG_RULE } from './catalog.js';
import { pick, pool, rng } from './random.js';

const CHANNEL_MIX = ['APP', 'MALL', 'MINI_PROGRAM', 'STORE', 'WECHAT', 'TAOBAO'] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军'];

export interface SeedResult {
  stores: number;
  skus: number;
  members: number;
  identities: number;
  content: number;
  orders: number;
  refunds: number;
}

/**
 * Seeds the demo brand through the public API as a SYSTEM caller, the path production data
 * takes. Idempotent: upserts and identities with natural keys, so a second run changes nothing.
 */
export async function seedDemo(opts: {
  gatewayUrl: string;
  secret?: string;
  logger: Logger;
}): Promise<SeedResult> {
  if (!opts.secret) throw new Error('seeding needs JWT_SECRET to sign a SYSTEM token');
  const token = await signToken({ tenant: DEMO_TENANT, role: 'SYSTEM' }, opts.secret, 3600);
  const call = async (query: string, variables: Record<string, unknown>) => {
    const r = await postGraphQL(opts.gatewayUrl, query, variables, token);
    if (r.errors?.length) throw new Error(`seed step failed: ${r.errors[0].message}`);
    return r.data as Record<string, unknown>;
  };

  for (const s of STORES)
    await call('mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }', { i: s });
  await pool(
    8,
    SKUS.map(
      (s) => () =>
        call('mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }', {
          i: { code: s.code, name: s.name, category: s.category },
        }),
    ),
  );
  const r = rng(20260501);
  const stock = SKUS.flatMap((s) =>
    STORES.map((st) => ({ sku: s.code, locationId: st.id, onHand: 20 + Math.floor(r() * 80), available: 0 })),
  );
  for (const s of stock) s.available = s.onHand - Math.floor(r() * 10);
  await pool(
    8,
    stock.map((s) => () => call('mutation($i: StockLevelInput!) { recordStock(input: $i) }', { i: s })),
  );
  for (const c of CONTENT)
    await call('mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', { i: c });

  // 200 customers; every 8th one also shows up in a second channel with the same phone (a merge)
  const identities: Array<Record<string, unknown>> = [];
  for (let n = 1; n <= 200; n++) {
    const channel = pick(r, CHANNEL_MIX);
    const store = pick(r, STORES);
    const phone = `139${String(10_000_000 + n * 7919).slice(-8)}`;
    const displayName = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
    identities.push({
      channel,
      externalId: `${channel.toLowerCase()}-${n}`,
      phone,
      displayName,
      storeId: channel === 'STORE' || r() < 0.6 ? store.id : undefined,
    });
    if (n % 8 === 0)
      identities.push({
        channel: channel === 'WECHAT' ? 'APP' : 'WECHAT',
        externalId: `dup-${n}`,
        phone,
        storeId: store.id,
      });
  }
  const results = await pool(
    8,
    identities.map(
      (i) => () =>
        call('mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { created } }', { i }),
    ),
  );
  const members = results.filter((x) => (x.identifyMember as { created: boolean }).created).length;
  // 1,000 orders over the last 180 days, from every channel, about 5% refunded in part
  const now = Date.now();
  const orders = Array.from({ length: 1000 }, (_, n) => {
    const who = identities[Math.floor(r() * identities.length)] as { channel: string; externalId: string };
    const channel = pick(r, ['STORE', 'STORE', 'APP', 'MALL', 'MINI_PROGRAM', 'TAOBAO'] as const);
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
      const sku = pick(r, SKUS);
      return { sku: sku.code, quantity: 1 + Math.floor(r() * 3), unitPrice: sku.price };
    });
    return {
      source: channel === 'STORE' ? 'pos' : channel === 'TAOBAO' ? 'taobao' : 'oms',
      externalId: `DEMO-${String(n + 1).padStart(5, '0')}`,
      channel,
      storeId: channel === 'STORE' ? pick(r, STORES).id : undefined,
      buyer: { channel: who.channel, externalId: who.externalId },
      lines,
      placedAt: new Date(now - Math.floor(r() * 180 * 86_400_000)).toISOString(),
    };
  });
  const ingested = await pool(
    6,
    orders.map(
      (o) => () =>
        call('mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { id total { amount } } } }', {
          i: o,
        }),
    ),
  );
  let refunds = 0;
  for (const [n, res] of ingested.entries()) {
    if (n % 20 !== 7) continue;
    const order = (res.ingestOrder as { order: { id: string; total: { amount: number } } }).order;
    await call('mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id } }', {
      i: {
        orderId: order.id,
        refundId: `DEMO-R-${n}`,
        amount: Math.max(1, Math.floor(order.total.amount / 3)),
      },
    });
    refunds++;
  }
  for (const segment of SEGMENTS)
    await call('mutation($i: SaveSegmentInput!) { saveSegment(input: $i) { id } }', { i: segment });
  await call('mutation($i: SaveTagRuleInput!) { saveTagRule(input: $i) { tag } }', { i: TAG_RULE });
  return {
    stores: STORES.length,
    skus: SKUS.length,
    members,
    identities: identities.length,
    content: CONTENT.length,
    orders: orders.length,
    refunds,
  };
}
