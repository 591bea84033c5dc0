import type { StockLevel, WmsAdapter } from '@zhongtai/contracts';
import {
  ManualClock,
  type ServedForTest,
  type TestEnv,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createInventorySubgraph } from './index.js';

/** A WMS stand-in: counts calls, can go down. (The real adapter and its simulator live in adapters/wms-legacy.) */
class FakeWms implements WmsAdapter {
  readonly identifier = 'fake-wms';
  readonly kind = 'wms' as const;
  down = false;
  calls: Array<Array<{ sku: string; locationId: string }>> = [];
  levels = new Map<string, number>();
  async init() {}
  async destroy() {}
  async healthCheck() {
    return { ok: !this.down };
  }
  async getStock(items: Array<{ sku: string; locationId: string }>): Promise<StockLevel[]> {
    this.calls.push(items);
    if (this.down) throw Object.assign(new Error('wms: no answer'), { retryable: true });
    return items.map((i) => {
      const n = this.levels.get(`${i.sku}@${i.locationId}`) ?? 0;
      return { ...i, onHand: n, available: Math.max(0, n - 1), asOf: new Date().toISOString() };
    });
  }
}

let env: TestEnv;
let api: ServedForTest;
/** the cache's clock: the readings' TTL passes when the test says so */
const cacheClock = new ManualClock(new Date().toISOString());
const wms = new FakeWms();
let token: string;

beforeAll(async () => {
  env = await startTestEnv({ clock: cacheClock });
  const inventory = await createInventorySubgraph(await env.deps('inventory'), { wms, stockTtlSeconds: 1 });
  api = await serveForTest(inventory);
  token = await testToken({ role: 'SYSTEM' });
  for (const code of ['SKU-1', 'SKU-2', 'SKU-3'])
    await api.query(
      'mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }',
      { i: { code, name: code, category: 'snacks' } },
      token,
    );
});
afterAll(async () => {
  await api.close();
  await env.close();
});

const Q =
  '{ a: sku(code: "SKU-1") { availability(storeId: "s1") { onHand available stale asOf } } b: sku(code: "SKU-2") { availability(storeId: "s1") { onHand stale } } c: sku(code: "SKU-3") { availability(storeId: "s2") { onHand stale } } }';

describe('stock through the WMS adapter', () => {
  it('reads every (sku, location) of a request in one WMS call, then from the cache', async () => {
    wms.levels.set('SKU-1@s1', 10).set('SKU-2@s1', 4).set('SKU-3@s2', 7);
    const r = await api.query<{
      a: { availability: { onHand: number; available: number; stale: boolean } };
      b: { availability: { onHand: number } };
      c: { availability: { onHand: number } };
    }>(Q, {}, token);
    expect(r.data).toMatchObject({
      a: { availability: { onHand: 10, available: 9, stale: false } },
      b: { availability: { onHand: 4 } },
      c: { availability: { onHand: 7 } },
    });
    expect(wms.calls).toHaveLength(1);
    expect(wms.calls[0]).toHaveLength(3);
    await api.query(Q, {}, token);
    expect(wms.calls).toHaveLength(1);
  });

  it('serves the last known value marked stale while the WMS is down, and fails only without one', async () => {
    cacheClock.advance(1100); // the cached readings expire
    wms.down = true;
    const r = await api.query<{ a: { availability: { onHand: number; stale: boolean } } }>(Q, {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.a.availability).toMatchObject({ onHand: 10, stale: true });
    const unknown = await api.query(
      '{ sku(code: "SKU-1") { availability(storeId: "never-read") { onHand } } }',
      {},
      token,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    wms.down = false;
    wms.levels.set('SKU-1@s1', 3);
    const back = await api.query<{ a: { availability: { onHand: number; stale: boolean } } }>(Q, {}, token);
    expect(back.data!.a.availability).toMatchObject({ onHand: 3, stale: false });
  });
});

describe('catalogue', () => {
  it('answers upsertSku with the SKU and resolves references, an unknown code with its code only', async () => {
    const upserted = await api.query<{ upsertSku: unknown }>(
      'mutation { upsertSku(input: { code: "SKU-4", name: "Green tea", category: "drinks" }) { code name category } }',
      {},
      token,
    );
    expect(upserted.data!.upsertSku).toEqual({ code: 'SKU-4', name: 'Green tea', category: 'drinks' });
    const r = await api.query<{ _entities: unknown[] }>(
      '{ _entities(representations: [{ __typename: "Sku", code: "SKU-4" }, { __typename: "Sku", code: "LEGACY-9" }]) { ... on Sku { code name category } } }',
      {},
      token,
    );
    expect(r.data!._entities).toEqual([
      { code: 'SKU-4', name: 'Green tea', category: 'drinks' },
      { code: 'LEGACY-9', name: null, category: null },
    ]);
  });

  it('answers skus(codes) in the order asked, null for unknown codes, in one read; more than 100 is BAD_USER_INPUT', async () => {
    api.requests.length = 0;
    const r = await api.query<{ skus: Array<{ code: string; category: string } | null> }>(
      '{ skus(codes: ["SKU-2", "NOPE", " SKU-1 "]) { code category } }',
      {},
      token,
    );
    expect(r.data!.skus).toEqual([
      { code: 'SKU-2', category: 'snacks' },
      null,
      { code: 'SKU-1', category: 'snacks' },
    ]);
    expect(api.requests[0].dbRoundTrips).toBe(1);
    const tooMany = await api.query(
      'query($c: [String!]!) { skus(codes: $c) { code } }',
      { c: Array.from({ length: 101 }, (_, i) => `SKU-${i}`) },
      token,
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
