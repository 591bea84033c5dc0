import { CommandCounter } from './command-count.js';
import type { Platform } from './platform.js';
import { startTestPlatform, systemCallers } from './test-platform.js';

/**
 * `importOrders` (issue "Performance": history imported in batches) through the gateway: the same
 * history imported in shuffled batches into one tenant and sent order by order (`ingestOrder`,
 * historical) into another ends with the same store metrics and member stats; bad and repeated orders
 * are reported, not imported twice; a batch costs the orders subgraph, and the whole platform with
 * its event handlers, a constant number of commands.
 */
let platform: Platform;
const callers = systemCallers(() => platform, ['batch', 'single']);
const { gql } = callers;
beforeAll(async () => {
  platform = await startTestPlatform();
  await callers.sign();
});
afterAll(() => platform.stop());

const STORES = ['s1', 's2', 's3'];
const DAY = 86_400_000;
const start = Date.UTC(2026, 5, 1, 4);
let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
/** 240 historical orders of 30 buyers (and a few anonymous sales) over 20 days in 3 stores */
const history = Array.from({ length: 240 }, (_, i) => ({
  source: 'legacy-pos',
  externalId: `H-${i}`,
  channel: 'STORE',
  storeId: STORES[rand(3)],
  ...(i % 17 === 0 ? {} : { buyer: { channel: 'STORE', externalId: `card-${rand(30)}` } }),
  lines: [
    { sku: `SKU-000${1 + rand(4)}`, quantity: 1 + rand(2), unitPrice: 500 + 100 * rand(20) },
    { sku: 'SKU-0009', quantity: 1, unitPrice: 300 },
  ],
  placedAt: new Date(start + rand(20) * DAY + rand(36_000_000)).toISOString(),
  status: i % 23 === 0 ? 'CANCELLED' : 'COMPLETED',
}));

const METRICS = `query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) {
  orderCount revenue { amount } identifiedCustomers repeatPurchaseShare } }`;
const metrics = (tenant: string) =>
  Promise.all(
    [...STORES, null].map((s) =>
      gql<{ storeMetrics: unknown }>(tenant, METRICS, {
        s,
        f: new Date(start - DAY).toISOString(),
        t: new Date(start + 22 * DAY).toISOString(),
      }),
    ),
  );
const IMPORT =
  'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing rejected { index code message } } }';

it('imports shuffled batches to the same metrics as one order at a time, and reports what it did not import', async () => {
  for (const tenant of ['batch', 'single'])
    for (const id of STORES)
      await gql(
        tenant,
        'mutation($id: ID!) { upsertStore(input: { id: $id, name: "store", region: "east" }) { id } }',
        {
          id,
        },
      );
  for (const o of history)
    await gql('single', 'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created } }', {
      i: { ...o, historical: true },
    });
  // one of them sent alone first, as a live feed would; a batch of it then finds it
  await gql('batch', 'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created } }', {
    i: { ...history[5], historical: true },
  });
  const shuffled = [...history].sort(() => rand(3) - 1);
  const outcomes: Array<{
    created: number;
    existing: number;
    rejected: Array<{ index: number; code: string }>;
  }> = [];
  for (let i = 0; i < shuffled.length; i += 60) {
    const batch = shuffled.slice(i, i + 60);
    // a repeat, a bad order and one whose buyer the member center refuses
    if (i === 0)
      batch.push(
        { ...batch[0] },
        { ...batch[1], lines: [] },
        { ...batch[2], externalId: 'H-bad-buyer', buyer: { channel: 'STORE', externalId: ' ' } },
      );
    outcomes.push(
      (await gql<{ importOrders: (typeof outcomes)[0] }>('batch', IMPORT, { i: { orders: batch } }))
        .importOrders,
    );
  }
  expect(outcomes.reduce((n, o) => n + o.created, 0)).toBe(239);
  expect(outcomes.reduce((n, o) => n + o.existing, 0)).toBe(2);
  expect(outcomes[0].rejected).toEqual([
    expect.objectContaining({ index: 61, code: 'BAD_USER_INPUT' }),
    expect.objectContaining({ index: 62, code: 'BAD_USER_INPUT' }),
  ]);
  await platform.drain();
  expect(await metrics('batch')).toEqual(await metrics('single'));
  // and importing it all again changes nothing
  const again = (
    await gql<{ importOrders: (typeof outcomes)[0] }>('batch', IMPORT, {
      i: { orders: history.slice(0, 100) },
    })
  ).importOrders;
  expect(again).toEqual({ created: 0, existing: 100, rejected: [] });
  await platform.drain();
  expect(await metrics('batch')).toEqual(await metrics('single'));
});

it('costs the orders subgraph, and the platform, a constant number of commands per batch', async () => {
  const counter = new CommandCounter();
  const batch = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...history[i % 240],
      externalId: `C-${from + i}`,
      // later than what is imported (an order earlier than a member's recorded first re-marks that one,
      // a few commands each: a history imported out of order pays them)
      placedAt: new Date(Date.parse(history[i % 240].placedAt) + 25 * DAY).toISOString(),
    }));
  const ordersCommands = async (orders: unknown[]) => {
    await platform.drain();
    counter.reset();
    await gql('batch', IMPORT, { i: { orders } });
    await platform.drain();
    // the outbox's sent-marks go out every 50 ms as the consumers get through the events: not per
    // batch; a read of more than 101 documents comes back in more than one reply (getMore)
    return counter.breakdown().filter(([k]) => !k.endsWith(' update outbox') && !k.endsWith(' getMore'));
  };
  const count = (b: Array<[string, number]>, db = '') =>
    b.filter(([k]) => k.startsWith(db)).reduce((n, [, v]) => n + v, 0);
  const small = await ordersCommands(batch(0, 20));
  const large = await ordersCommands(batch(1000, 200));
  expect(count(large, 'orders ')).toBeLessThanOrEqual(10);
  expect(count(large, 'orders ')).toBe(count(small, 'orders '));
  // and across the platform, the event handlers included (the member center's facts of the batch's
  // orders applied as one batch): ten times the orders, within a few commands of the small batch (what
  // the caches still hold differs), never one per order
  const bound = Math.min(20, count(small) + 4);
  if (count(large) > bound)
    throw new Error(`${count(large)} commands for 200 orders (at most ${bound}): ${JSON.stringify(large)}`);
  counter.stop();
});
