import type { Subscription } from '@zhongtai/subgraph-kit';
import type { Platform } from './platform.js';
import { startTestPlatform } from './test-platform.js';

/**
 * Backpressure of history imports (issue "Performance"): a batch starts only while the event consumers
 * are at most IMPORT_MAX_BACKLOG events behind; it waits for them, and after a while is refused with
 * RATE_LIMITED (nothing written), which the importer's service call reads with its retry hint. A slow
 * consumer is played by a group of the test's own that holds `order.imported` until released.
 */
let platform: Platform;
let slow: Subscription;
let release!: () => void;
let held = new Promise<void>((r) => (release = r));

beforeAll(async () => {
  platform = await startTestPlatform({ importGate: { maxBacklog: 10, maxWaitMs: 1_500 } });
  slow = await platform.bus.subscribe({
    group: 'test-slow-consumer',
    events: ['order.imported.v1'],
    handler: () => held,
  });
  await platform.callAs('test')(
    'demo',
    'mutation { upsertStore(input: { id: "bp-1", name: "BP", region: "east" }) { id } }',
  );
});
afterAll(async () => {
  release();
  await slow.stop();
  await platform.stop();
});

const IMPORT =
  'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing rejected { index code } } }';
const batch = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    source: 'legacy-pos',
    externalId: `${name}-${i}`,
    channel: 'STORE',
    storeId: 'bp-1',
    buyer: { channel: 'STORE', externalId: `bp-card-${i % 7}` },
    lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 1000 }],
    placedAt: new Date(Date.UTC(2026, 4, 1 + (i % 20), 4)).toISOString(),
  }));
const importer = () => platform.callAs('import');
const importOrders = (orders: unknown[]) =>
  importer()<{ importOrders: { created: number; existing: number } }>('demo', IMPORT, { i: { orders } });

it('waits while the consumers are behind, is refused (RATE_LIMITED, nothing written) when they stay behind, and goes on once they caught up', async () => {
  expect((await importOrders(batch('A', 30))).importOrders.created).toBe(30);
  expect(await platform.bus.backlog()).toBeGreaterThanOrEqual(30);

  const began = Date.now();
  await expect(importOrders(batch('B', 30))).rejects.toMatchObject({
    code: 'RATE_LIMITED',
    details: { retryAfterMs: 1000 },
  });
  expect(Date.now() - began).toBeGreaterThanOrEqual(1_400);

  // the consumer catches up while the batch waits: it is admitted then, and nothing of its first try was kept
  const waiting = importOrders(batch('B', 30));
  await new Promise((r) => setTimeout(r, 300));
  release();
  expect((await waiting).importOrders).toEqual({ created: 30, existing: 0, rejected: [] });
  held = Promise.resolve();
  await platform.drain();
  expect(await platform.bus.backlog()).toBe(0);
});

it("paces the importer's identifyMembers, not the orders import's own (admitted by its gate already)", async () => {
  // the consumer held again: the backlog stays above the bound
  held = new Promise<void>((r) => (release = r));
  expect((await importOrders(batch('C', 30))).importOrders.created).toBe(30);
  const IDENTIFY = 'mutation($i: [IdentifyMemberInput!]!) { identifyMembers(inputs: $i) { memberId } }';
  const inputs = { i: [{ channel: 'STORE', externalId: 'bp-paced-1', storeId: 'bp-1' }] };
  await expect(importer()('demo', IDENTIFY, inputs)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  const own = await platform.callAs('orders')<{ identifyMembers: Array<{ memberId: string }> }>(
    'demo',
    IDENTIFY,
    inputs,
  );
  expect(own.identifyMembers[0].memberId).toBeTruthy();
  release();
  held = Promise.resolve();
  await platform.drain();
});
