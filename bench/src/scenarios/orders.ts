import { signToken } from '@zhongtai/subgraph-kit';
import { load } from '../load.js';
import { type Child, ask, start } from '../processes.js';
import { BENCH_ENV, BENCH_SECRET } from '../secret.js';
import type { ScenarioOptions } from './options.js';

/** Order ingestion (bulk path in-process, and through the gateway) and storeMetrics latency over many orders. */
export async function ordersScenario(o: ScenarioOptions, children: Child<unknown>[]): Promise<string[]> {
  const p = await start<{
    ready: string;
    buyers: number;
    bulkRate: number;
    bulkSeconds: number;
    settledRate: number;
    settledSeconds: number;
    treeSeconds: number;
    refusals: number;
  }>(
    o.here('./servers/platform.js'),
    { ...BENCH_ENV, BENCH_SETUP: `orders:${o.orders}:${o.buyers ?? ''}` },
    7_200_000,
  );
  children.push(p);
  console.log(
    `bulk ingest: ${o.orders} orders in ${p.message.bulkSeconds} s (${p.message.bulkRate} orders/s; ${p.message.refusals} batches told to slow down); events handled after ${p.message.settledSeconds} s (${p.message.settledRate} orders/s end to end); metrics tree settled in ${p.message.treeSeconds} s more`,
  );
  const hq = await signToken({ tenant: 'demo', role: 'HQ' }, BENCH_SECRET, 3600);
  const system = await signToken({ tenant: 'demo', role: 'SYSTEM' }, BENCH_SECRET, 3600);
  const metrics = (store: string | null, days: number) =>
    JSON.stringify({
      query:
        'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { orderCount revenue { amount } identifiedCustomers repeatPurchaseShare } }',
      variables: {
        s: store,
        f: new Date(Date.now() - days * 86_400_000).toISOString(),
        t: new Date().toISOString(),
      },
    });
  const m30 = await load({
    name: 'storeMetrics 30 days',
    url: p.message.ready,
    token: hq,
    bodies: [metrics('store-sh-001', 30)],
    connections: 10,
    seconds: o.seconds,
  });
  const m180 = await load({
    name: 'storeMetrics 180 days',
    url: p.message.ready,
    token: hq,
    bodies: [metrics(null, 180)],
    connections: 10,
    seconds: o.seconds,
  });
  // database round trips of one storeMetrics request (the response header); an answer with errors fails the run
  const tripsOf = async (body: string) => {
    const res = await fetch(p.message.ready, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}` },
      body,
    });
    const answer = (await res.json()) as { errors?: Array<{ message: string }> };
    if (answer.errors?.length) throw new Error(`storeMetrics answered an error: ${answer.errors[0].message}`);
    return Number(res.headers.get('x-zt-db-round-trips'));
  };
  const [t30, t180] = [await tripsOf(metrics('store-sh-001', 30)), await tripsOf(metrics(null, 180))];
  let n = 0;
  const run = Math.random().toString(36).slice(2, 8);
  await ask(p, 'commands-reset');
  const bodies = Array.from({ length: 5000 }, () =>
    JSON.stringify({
      query: 'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created } }',
      variables: {
        i: {
          source: 'bench-gw',
          externalId: `${run}-${n++}`,
          channel: 'STORE',
          storeId: 'store-sh-001',
          buyer: { channel: 'STORE', externalId: `card-${n % 500}` },
          lines: [{ sku: 'SKU-0003', quantity: 1, unitPrice: 1200 }],
          placedAt: new Date().toISOString(),
        },
      },
    }),
  );
  const gw = await load({
    name: 'ingestOrder via gateway',
    url: p.message.ready,
    token: system,
    bodies,
    connections: 10,
    seconds: o.seconds,
  });
  for (const r of [m30, m180, gw])
    if (r.errors || r.non2xx) throw new Error(`${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  const counted = await ask<{ total: number; breakdown: Array<[string, number]> }>(p, 'commands');
  const perOrder = counted.total / gw.requests;
  // which commands an order costs (collection and command, per order): where a regression shows first
  const costs = counted.breakdown
    .slice(0, 12)
    .map(([key, v]) => `${key} ${(v / gw.requests).toFixed(2)}`)
    .join(', ');
  console.log(`ingestOrder: commands per order by kind: ${costs}`);
  const rec = (
    operation: string,
    r: { requestsPerSec: number; p50Ms: number; p99Ms: number },
    commands: number,
  ) =>
    o.record({
      scenario: 'orders',
      operation,
      rate: r.requestsPerSec,
      unit: 'req/s',
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      commands,
    });
  o.record({
    scenario: 'orders',
    operation: `history import, ${o.orders} orders (stored)`,
    rate: p.message.bulkRate,
    unit: 'orders/s',
  });
  o.record({
    scenario: 'orders',
    operation: `history import, ${o.orders} orders (end to end)`,
    rate: p.message.settledRate,
    unit: 'orders/s',
  });
  rec('ingestOrder via gateway (known buyers)', gw, perOrder);
  rec('storeMetrics, one store, 30 days', m30, t30);
  rec('storeMetrics, tenant, 180 days', m180, t180);
  return [
    `## orders (all-in-one, embedded store, ${o.orders} orders over 180 days)`,
    '',
    '| measurement | rate | p50 ms | p99 ms |',
    '|---|---:|---:|---:|',
    `| history import (importOrders in-process, batches of 500, 2 in flight; ${p.message.buyers.toLocaleString('en')} buyers, each created by its first order): orders stored | ${p.message.bulkRate} orders/s | | |`,
    `| history import end to end: every consumer of order.imported done too (then ${p.message.treeSeconds} s to settle the metrics tree) | ${p.message.settledRate} orders/s | | |`,
    `| ingestOrder through the gateway (-c 10, buyer identified each time; ${perOrder.toFixed(1)} database commands per order, handlers included) | ${gw.requestsPerSec} orders/s | ${gw.p50Ms} | ${gw.p99Ms} |`,
    `| storeMetrics, one store, 30 days (-c 10; ${t30} round trips) | ${m30.requestsPerSec} req/s | ${m30.p50Ms} | ${m30.p99Ms} |`,
    `| storeMetrics, tenant, 180 days (-c 10; ${t180} round trips) | ${m180.requestsPerSec} req/s | ${m180.p50Ms} | ${m180.p99Ms} |`,
    '',
    `Commands per order through the gateway, by kind (the twelve most frequent): ${costs}.`,
  ];
}
