import { signToken } from '@zhongtai/subgraph-kit';
import { load, probe } from '../load.js';
import { type Child, start } from '../processes.js';
import { BENCH_ENV, BENCH_SECRET } from '../secret.js';
import type { ScenarioOptions } from './options.js';

/** What a clerk's store terminal asks about a member it recognises (R-AN-4): fields from four subgraphs. */
export const STORE_TERMINAL_QUERY = `query($id: ID!) { member(id: $id) { id displayName phone lifecycleStage
  tags { name source } points { balance pending expiring(withinDays: 30) } growth { tier { code } pointsToNextTier }
  orders(first: 5) { totalCount nodes { id placedAt total { amount } lines { sku { code } quantity } } }
  orderStats { orderCount totalSpent { amount } lastOrderAt } tickets(open: true) { id subject dueAt } } }`;

async function roundTrips(
  url: string,
  token: string,
  id: string,
): Promise<{ trips: number; orders: number; tags: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: STORE_TERMINAL_QUERY, variables: { id } }),
  });
  const body = (await res.json()) as {
    data: { member: { orders: { totalCount: number }; tags: unknown[] } };
  };
  return {
    trips: Number(res.headers.get('x-zt-db-round-trips')),
    orders: body.data.member.orders.totalCount,
    tags: body.data.member.tags.length,
  };
}

export async function storeTerminalScenario(
  o: ScenarioOptions,
  children: Child<unknown>[],
): Promise<string[]> {
  const p = await start<{ ready: string; memberIds: string[] }>(o.here('./servers/platform.js'), {
    ...BENCH_ENV,
    BENCH_SETUP: 'terminal',
  });
  children.push(p);
  const clerk = await signToken(
    { tenant: 'demo', role: 'CLERK', storeId: 'store-sh-001' },
    BENCH_SECRET,
    3600,
  );
  const [light, heavy] = p.message.memberIds;
  const body = (id: string) => JSON.stringify({ query: STORE_TERMINAL_QUERY, variables: { id } });
  await probe(p.message.ready, clerk, body(heavy), (d) => Boolean((d as { member?: unknown }).member));
  await roundTrips(p.message.ready, clerk, light); // warm caches so both members are measured alike
  await roundTrips(p.message.ready, clerk, heavy);
  const [l, h] = [
    await roundTrips(p.message.ready, clerk, light),
    await roundTrips(p.message.ready, clerk, heavy),
  ];
  await load({
    name: 'warm-up',
    url: p.message.ready,
    token: clerk,
    bodies: [body(light), body(heavy)],
    connections: o.connections,
    seconds: 2,
  });
  const r = await load({
    name: 'store terminal',
    url: p.message.ready,
    token: clerk,
    bodies: [body(light), body(heavy)],
    connections: o.connections,
    seconds: o.seconds,
  });
  if (r.errors || r.non2xx) throw new Error(`store terminal: ${r.errors} errors, ${r.non2xx} non-2xx`);
  console.log(
    `store terminal: ${r.requestsPerSec} req/s, p99 ${r.p99Ms} ms; round trips ${l.trips} (1 order) vs ${h.trips} (50 orders)`,
  );
  o.record({
    scenario: 'store-terminal',
    operation: 'member view (tags, points, tier, orders, stats, tickets)',
    rate: r.requestsPerSec,
    unit: 'req/s',
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    commands: Math.max(l.trips, h.trips),
  });
  return [
    `## store terminal member view through the gateway (all-in-one, clerk token, -c ${o.connections} -d ${o.seconds})`,
    '',
    '| member | orders | tags | database round trips per request |',
    '|---|---:|---:|---:|',
    `| light | ${l.orders} | ${l.tags} | ${l.trips} |`,
    `| heavy | ${h.orders} | ${h.tags} | ${h.trips} |`,
    '',
    `${r.requestsPerSec} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms over ${r.requests} requests`,
  ];
}
