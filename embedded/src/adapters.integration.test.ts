import { type AdapterRuntime, createAdapterRuntime, pullAll } from '@zhongtai/adapter-kit';
import { PosLegacyAdapter, createPosSimulator, samplePosFeed } from '@zhongtai/adapter-pos-legacy';
import type { NormalisedOrder } from '@zhongtai/contracts';
import { postGraphQL, testToken } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';
import { settled } from './testing/until.js';

/**
 * R-AD-2 end to end: a POS goes down while its sales flow into the platform, comes back, and in the
 * end every sale is there once — one order, one points grant — nothing lost, nothing doubled.
 */
let platform: Platform;
let runtime: AdapterRuntime;
let hq: string;
const prefix = `a${Date.now()}`;

beforeAll(async () => {
  platform = await startTestPlatform({
    dbPrefix: prefix,
  });
  const system = await testToken({ role: 'SYSTEM' });
  await postGraphQL(
    platform.gatewayUrl,
    'mutation { upsertStore(input: { id: "store-sh-001", name: "S", region: "east" }) { id } }',
    {},
    system,
  );
  runtime = await createAdapterRuntime({
    mongoUri: platform.mongoUri,
    call: platform.call!,
    tenant: 'demo',
    dbPrefix: prefix,
  });
  hq = await testToken({ role: 'HQ' });
});
afterAll(async () => {
  await runtime.close();
  await platform.stop();
});

describe('a legacy POS that goes down while its sales flow in', () => {
  it('ends with every sale once and one points grant per sale', async () => {
    const feed = samplePosFeed({
      sales: 120,
      returns: 0,
      storeIds: ['store-sh-001'],
      cards: Array.from({ length: 12 }, (_, i) => `CARD${i}`),
      from: new Date(Math.floor((Date.now() - 20 * 86_400_000) / 1000) * 1000).toISOString(),
    });
    const sales = feed.filter((r): r is NormalisedOrder => !('refundId' in r));
    const sim = createPosSimulator(feed);
    await sim.start();
    const port = Number(new URL(sim.url).port);
    const adapter = new PosLegacyAdapter({
      baseUrl: sim.url,
      pageSize: 15,
      retries: 2,
      timeoutMs: 500,
      breaker: { threshold: 50, halfOpenAfterMs: 100 },
    });
    sim.setFaults({ errorRate: 0.15, dropRate: 0.05 });
    let handed = 0;
    let killed = false;
    const sink = async (items: Array<NormalisedOrder | { refundId: string }>) => {
      for (const item of items) {
        await runtime.sink.orderFeed(item as NormalisedOrder);
        handed++;
        if (handed === 40 && !killed) {
          killed = true;
          await sim.stop(); // the POS crashes in the middle of a page
        }
      }
    };
    let failures = 0;
    for (let round = 0; round < 40; round++) {
      try {
        await pullAll({
          name: 'pos:test',
          checkpoints: runtime.checkpoints,
          read: (c) => adapter.listSales(c),
          sink,
        });
        if (killed) break;
      } catch {
        failures++;
        if (!sim.running && failures >= 3) await sim.start(port); // back after a few failed rounds
      }
    }
    expect(killed).toBe(true);
    expect(failures).toBeGreaterThanOrEqual(3);
    sim.setFaults({});

    const metrics = async () =>
      (
        await postGraphQL<{ storeMetrics: { orderCount: number } }>(
          platform.gatewayUrl,
          'query($f: DateTime!, $t: DateTime!) { storeMetrics(storeId: "store-sh-001", from: $f, to: $t) { orderCount } }',
          {
            f: new Date(Date.now() - 30 * 86_400_000).toISOString(),
            t: new Date(Date.now() + 86_400_000).toISOString(),
          },
          hq,
        )
      ).data!.storeMetrics.orderCount;
    expect(await metrics()).toBe(sales.length);

    // the checkpoint is lost and the whole feed is read again: nothing changes
    await runtime.checkpoints.clear('pos:test');
    await pullAll({
      name: 'pos:test',
      checkpoints: runtime.checkpoints,
      read: (c) => adapter.listSales(c),
      sink: async (items) => void (await Promise.all(items.map((i) => runtime.sink.orderFeed(i)))),
    });
    expect(await metrics()).toBe(sales.length);

    // one EARN per order of every carded buyer
    await platform.drain();
    const cards = [...new Set(sales.filter((s) => s.buyer).map((s) => s.buyer!.externalId))];
    for (const card of cards) {
      const counts = async () => {
        const r = await postGraphQL<{
          memberByIdentity: {
            orderStats: { orderCount: number };
            points: { history: { nodes: Array<{ kind: string }> } };
          };
        }>(
          platform.gatewayUrl,
          'query($c: String!) { memberByIdentity(channel: STORE, externalId: $c) { orderStats { orderCount } points { history(first: 100) { nodes { kind } } } } }',
          { c: card },
          hq,
        );
        const m = r.data!.memberByIdentity;
        return {
          orders: m.orderStats.orderCount,
          earns: m.points.history.nodes.filter((n) => n.kind === 'EARN').length,
        };
      };
      const bought = sales.filter((s) => s.buyer?.externalId === card).length;
      expect(await settled(counts, { orders: bought, earns: bought })).toEqual({
        orders: bought,
        earns: bought,
      });
    }
    await adapter.destroy();
    await sim.stop();
  }, 120_000);
});
