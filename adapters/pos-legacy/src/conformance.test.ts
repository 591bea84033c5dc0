import { AdapterError, Simulator, describeConformance } from '@zhongtai/adapter-kit';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { PosLegacyAdapter, createPosLegacyAdapter } from './client.js';
import { createPosSimulator } from './simulator/pos-simulator.js';
import { samplePosFeed } from './simulator/sample-data.js';

type Item = NormalisedOrder | NormalisedRefund;
const storeCodes = { SH001: 'store-sh-001', SH002: 'store-sh-002', BJ001: 'store-bj-001' }; // store-gz-001 passes through
const key = (x: Item) => ('refundId' in x ? `r:${x.refundId}` : `o:${x.externalId}`);
const inTime = (feed: Item[]) =>
  feed
    .map((x, i) => ({ x, i, t: 'refundId' in x ? x.refundedAt : x.placedAt }))
    .sort((a, b) => a.t.localeCompare(b.t) || a.i - b.i)
    .map((e) => e.x);

/** Some receipts with coupon codes the till accepted (one or two), so they round-trip too. */
const withCoupons = (feed: Item[]) =>
  feed.map((x, i) =>
    'refundId' in x || i % 7
      ? x
      : { ...x, couponCodes: i % 14 ? [`C${i}-0000-0000-000${i % 10}`] : [`C${i}-A`, `C${i}-B`] },
  );

describeConformance({
  kind: 'pos',
  make: async () => {
    const feed = withCoupons(samplePosFeed({ sales: 130, returns: 20, seed: 11 }));
    const sim = createPosSimulator(feed, { storeCodes, seed: 5 });
    await sim.start(0);
    const adapter = createPosLegacyAdapter({ baseUrl: sim.url, storeCodes, pageSize: 20 });
    return { adapter, sim, expected: { feed } };
  },
});

async function readAll(adapter: PosLegacyAdapter, from: string | null = null) {
  const items: Item[] = [];
  let cursor = from;
  for (let pages = 0; pages < 500; pages++) {
    const page = await adapter.listSales(cursor);
    items.push(...page.items);
    if (!page.items.length || page.nextCursor === cursor) return { items, cursor: page.nextCursor };
    cursor = page.nextCursor;
  }
  throw new Error('the feed never ended');
}

describe('pos-legacy adapter', () => {
  const feed = samplePosFeed({ sales: 130, returns: 20, seed: 23 });
  const sim = createPosSimulator(feed, { storeCodes, seed: 9 });
  beforeAll(async () => void (await sim.start(0)));
  afterAll(() => sim.stop());
  beforeEach(() => sim.setFaults({}));
  const make = (o: Partial<Parameters<typeof createPosLegacyAdapter>[0]> = {}) =>
    createPosLegacyAdapter({ baseUrl: sim.url, storeCodes, ...o });

  it('reads the whole feed completely, exactly and in serial order while the POS misbehaves', async () => {
    const adapter = make({ pageSize: 10, timeoutMs: 250, retries: 8 });
    sim.setFaults({ latencyMs: 2, errorRate: 0.3, dropRate: 0.1, timeoutRate: 0.05 });
    const before = { ...sim.stats };
    const { items } = await readAll(adapter);
    expect(items).toEqual(inTime(feed));
    expect(new Set(items.map(key)).size).toBe(150);
    expect(sim.stats.errors - before.errors).toBeGreaterThan(0);
    expect(sim.stats.drops - before.drops).toBeGreaterThan(0);
    expect(sim.stats.timeouts - before.timeouts).toBeGreaterThan(0);
  }, 60_000);

  it('skips pages of rows that are not sales without ending the read early', async () => {
    const { items } = await readAll(make({ pageSize: 1 }));
    expect(items).toEqual(inTime(feed));
  });

  it('reads only what is newer than the cursor, and keeps the cursor when nothing is', async () => {
    const adapter = make({ pageSize: 50 });
    const first = await readAll(adapter);
    expect(first.cursor).toMatch(/^\d+$/);
    expect(await adapter.listSales(first.cursor)).toEqual({ items: [], nextCursor: first.cursor });
    const late = samplePosFeed({ sales: 5, returns: 2, seed: 99, from: '2025-01-01T00:00:00Z' }).map((x) =>
      'refundId' in x
        ? { ...x, refundId: `L-${x.refundId}`, orderExternalId: `L-${x.orderExternalId}` }
        : { ...x, externalId: `L-${x.externalId}` },
    );
    sim.append(late);
    const next = await readAll(adapter, first.cursor);
    expect(next.items).toEqual(late);
    expect(Number(next.cursor)).toBeGreaterThan(Number(first.cursor));
    await expect(adapter.listSales('after-42')).rejects.toMatchObject({ retryable: false });
  });

  it('refuses bad options when it is created', () => {
    expect(() => new PosLegacyAdapter({ baseUrl: 'ftp:/x y' })).toThrow(/invalid options.*baseUrl/s);
    expect(() => make({ pageSize: 0 })).toThrow(AdapterError);
    expect(() => make({ storeCodes: { SH001: '' } })).toThrow(/storeCodes/);
  });

  it('fails clearly when the feed goes backwards or holds a document type it does not know', async () => {
    const rows = [
      { lsh: 5, djlx: 'XS', zfbz: '0', xpbh: 'A', mdbm: 'S', jysj: '20240301093005', hjje: '1.00', mx: [] },
      { lsh: 4, djlx: 'XS', zfbz: '0', xpbh: 'B', mdbm: 'S', jysj: '20240301093005', hjje: '1.00', mx: [] },
    ];
    let answer: unknown[] = rows;
    const odd = new Simulator('odd-pos', () => ({ body: { ret: 0, msg: 'ok', rows: answer } }));
    await odd.start(0);
    try {
      const adapter = createPosLegacyAdapter({ baseUrl: odd.url });
      await expect(adapter.listSales(null)).rejects.toThrow(/went backwards: serial 4 after 5/);
      answer = [{ ...rows[0], djlx: 'PF' }];
      await expect(adapter.listSales(null)).rejects.toThrow(/serial 5.*document type.*"PF"/);
    } finally {
      await odd.stop();
    }
  });
});
