import { type Logger, postGraphQL, signToken } from '@zhongtai/subgraph-kit';
import { CONTENT, DEMO_TENANT, SKUS, STORES } from './catalog.js';
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
  return {
    stores: STORES.length,
    skus: SKUS.length,
    members,
    identities: identities.length,
    content: CONTENT.length,
  };
}
