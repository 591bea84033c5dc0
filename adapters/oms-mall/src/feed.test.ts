import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AdapterError } from '@zhongtai/adapter-kit';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { createOmsMallAdapter, encodeCursor } from './client.js';
import { createOmsMallSimulator } from './simulator/oms-simulator.js';
import { sampleOmsFeed } from './simulator/sample-data.js';

type Item = NormalisedOrder | NormalisedRefund;
const key = (x: Item) => ('refundId' in x ? `r:${x.refundId}` : `o:${x.externalId}`);
const sorted = (xs: Item[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));

const feed = sampleOmsFeed(150, 21);
const sim = createOmsMallSimulator(feed, { seed: 5, pendingRefunds: 15 });
const adapterFor = (over: Record<string, unknown> = {}) =>
  createOmsMallAdapter({
    baseUrl: sim.url,
    appKey: sim.appKey,
    appSecret: sim.appSecret,
    webhookSecret: sim.webhookSecret,
    pageSize: 20,
    timeoutMs: 400,
    retries: 8,
    ...over,
  });

async function readToEnd(
  adapter: ReturnType<typeof adapterFor>,
  from: string | null = null,
): Promise<{ items: Item[]; cursor: string | null; calls: number }> {
  const items: Item[] = [];
  let cursor = from;
  for (let calls = 1; calls < 100; calls++) {
    const page = await adapter.listOrders(cursor);
    items.push(...page.items);
    if (!page.items.length || page.nextCursor === cursor) return { items, cursor: page.nextCursor, calls };
    cursor = page.nextCursor;
  }
  throw new Error('feed did not end');
}

beforeAll(async () => void (await sim.start()));
afterAll(() => sim.stop());
afterEach(() => sim.setFaults({}));

describe('oms-mall feed', () => {
  it('reads the whole feed completely and exactly once while the OMS injects faults', async () => {
    sim.setFaults({ latencyMs: 5, errorRate: 0.25, dropRate: 0.1, timeoutRate: 0.05 });
    const before = { ...sim.stats };
    const { items } = await readToEnd(adapterFor());
    expect(sim.stats.errors + sim.stats.drops + sim.stats.timeouts).toBeGreaterThan(
      before.errors + before.drops + before.timeouts,
    );
    expect(new Set(items.map(key)).size).toBe(items.length);
    expect(sorted(items)).toEqual(sorted(feed));
  }, 60_000);

  it('resumes from the saved cursor: only what changed since comes again, an idle feed keeps its cursor', async () => {
    const adapter = adapterFor();
    const first = await readToEnd(adapter);
    expect(first.cursor).not.toBeNull();
    expect(await adapter.listOrders(first.cursor)).toEqual({ items: [], nextCursor: first.cursor });
    const placed = feed.find((x): x is NormalisedOrder => 'status' in x && x.status === 'PLACED')!;
    const done: NormalisedOrder = { ...placed, status: 'COMPLETED' };
    const refund: NormalisedRefund = {
      source: done.source,
      orderExternalId: done.externalId,
      refundId: 'RF-NEW-1',
      amount: 100,
      refundedAt: '2024-06-01T00:00:00.000Z',
    };
    sim.add([done, refund]);
    const next = await readToEnd(adapter, first.cursor);
    expect(next.items).toEqual([done, refund]);
    expect(next.cursor).not.toBe(first.cursor);
  });

  it('gives an empty page and a null cursor for an empty OMS', async () => {
    const empty = createOmsMallSimulator([]);
    await empty.start();
    try {
      const a = createOmsMallAdapter({
        baseUrl: empty.url,
        appKey: empty.appKey,
        appSecret: empty.appSecret,
        webhookSecret: empty.webhookSecret,
      });
      expect(await a.listOrders(null)).toEqual({ items: [], nextCursor: null });
    } finally {
      await empty.stop();
    }
  });

  it('refuses bad credentials and bad cursors for good (not retryable), without retrying', async () => {
    const before = sim.stats.requests;
    await expect(adapterFor({ appSecret: 'wrong' }).listOrders(null)).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/Invalid signature/),
    });
    expect(sim.stats.requests - before).toBe(1);
    await expect(adapterFor({ appKey: 'nobody' }).listOrders(null)).rejects.toThrow(/isv.appkey-not-exists/);
    await expect(adapterFor().listOrders('not-a-cursor')).rejects.toBeInstanceOf(AdapterError);
    expect(encodeCursor({ modified: '2024-01-01 00:00:00', key: 'TRADE:1' })).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await adapterFor({ appSecret: 'wrong' }).healthCheck()).ok).toBe(false);
  });

  it('validates its options when created', () => {
    expect(() =>
      createOmsMallAdapter({
        baseUrl: 'not a url',
        appKey: 'k',
        appSecret: 's',
        webhookSecret: 'long-enough',
      }),
    ).toThrow(/invalid options/);
    expect(() => adapterFor({ pageSize: 500 })).toThrow(/pageSize/);
    expect(() => adapterFor({ webhookSecret: 'short' })).toThrow(/webhookSecret/);
  });
});

describe('oms-mall webhooks', () => {
  it('maps duplicate and shuffled deliveries to the same records, and rejects unsigned ones', async () => {
    const adapter = adapterFor();
    const got: Array<{ body: string; item: Item }> = [];
    let refused = 0;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          got.push({ body, item: adapter.parseWebhook(req.headers as Record<string, string>, body) });
          res.writeHead(200).end('success');
        } catch {
          refused++;
          res.writeHead(401).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/oms`;
    try {
      const deliveries = sim.webhookDeliveries();
      const posts = await sim.pushWebhooks(url, { duplicateRate: 0.3, shuffle: true, seed: 9 });
      expect(refused).toBe(0);
      expect(posts).toBe(got.length);
      expect(got.length).toBeGreaterThan(deliveries.length);
      const byBody = new Map<string, Item>();
      for (const g of got) {
        if (byBody.has(g.body)) expect(g.item).toEqual(byBody.get(g.body));
        byBody.set(g.body, g.item);
      }
      expect(got.map((g) => key(g.item))).not.toEqual(deliveries.map((d) => key(d.expected)));
      expect(sorted([...byBody.values()])).toEqual(sorted(deliveries.map((d) => d.expected)));
      const unsigned = await fetch(url, { method: 'POST', body: deliveries[0].body });
      expect(unsigned.status).toBe(401);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 30_000);

  it('refuses a stale signature and a foreign secret', () => {
    const d = sim.signedWebhook(0);
    const stale = { ...d.headers, 'x-zt-timestamp': String(Number(d.headers['x-zt-timestamp']) - 3600) };
    expect(() => adapterFor().parseWebhook(stale, d.body)).toThrow(/window|signature/);
    expect(() => adapterFor({ webhookSecret: 'another-secret' }).parseWebhook(d.headers, d.body)).toThrow(
      /signature/,
    );
  });
});
