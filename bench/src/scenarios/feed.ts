import { signToken } from '@zhongtai/subgraph-kit';
import { load, probe } from '../load.js';
import { type Child, start } from '../processes.js';
import { BENCH_ENV, BENCH_SECRET } from '../secret.js';
import { FEED_GENERAL, FEED_SEGMENTS, ITEMS_PER_SEGMENT } from '../servers/feed-data.js';
import { memberLookup } from './member-lookup.js';
import type { ScenarioOptions } from './options.js';

const FEED = 'query($id: ID!) { member(id: $id) { id feed(channel: APP, first: 10) { id } } }';

async function once(url: string, token: string, id: string): Promise<{ trips: number; items: string[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: FEED, variables: { id } }),
  });
  const body = (await res.json()) as { data: { member: { feed: Array<{ id: string }> } } };
  return {
    trips: Number(res.headers.get('x-zt-db-round-trips')),
    items: body.data.member.feed.map((i) => i.id),
  };
}

/**
 * `Member.feed` through the gateway (R-CT-1) for a member in no segment and one in 40, against the
 * member lookup in the same run and on the same platform: database round trips per request (they must
 * not grow with segments or items) and throughput as a ratio.
 */
export async function feedScenario(o: ScenarioOptions, children: Child<unknown>[]): Promise<string[]> {
  const p = await start<{ ready: string; memberIds: string[] }>(
    o.here('./servers/platform.js'),
    { ...BENCH_ENV, BENCH_SETUP: 'feed' },
    600_000,
  );
  children.push(p);
  const url = p.message.ready;
  const clerk = await signToken(
    { tenant: 'demo', role: 'CLERK', storeId: 'store-sh-001' },
    BENCH_SECRET,
    3600,
  );
  const [none, busy] = p.message.memberIds;
  const body = (id: string) => JSON.stringify({ query: FEED, variables: { id } });
  await probe(url, clerk, body(busy), (d) => Boolean((d as { member?: unknown }).member));
  await once(url, clerk, none);
  await once(url, clerk, busy);
  const [n, b] = [await once(url, clerk, none), await once(url, clerk, busy)];
  if (
    !b.items.every((id) => id.startsWith('feed-')) ||
    b.items.filter((id) => !id.startsWith('feed-all-')).length !== 10
  )
    throw new Error(`the busy member's feed is not its targeted items first: ${b.items.join(', ')}`);
  const run = (name: string, bodies: string[], seconds: number) =>
    load({ name, url, token: clerk, bodies, connections: o.connections, seconds });
  await run('warm-up', [body(none), body(busy)], 2);
  const feed = await run('feed', [body(none), body(busy)], o.seconds);
  const lookup = await run('member lookup', [none, busy].map(memberLookup.viaGateway), o.seconds);
  for (const r of [feed, lookup])
    if (r.errors || r.non2xx) throw new Error(`${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  console.log(
    `feed: ${feed.requestsPerSec} req/s (lookup ${lookup.requestsPerSec}); round trips ${n.trips} vs ${b.trips}`,
  );
  o.record({
    scenario: 'feed',
    operation: 'member lookup (same run)',
    rate: lookup.requestsPerSec,
    unit: 'req/s',
    p50Ms: lookup.p50Ms,
    p99Ms: lookup.p99Ms,
  });
  o.record({
    scenario: 'feed',
    operation: 'Member.feed(APP, first: 10)',
    rate: feed.requestsPerSec,
    unit: 'req/s',
    p50Ms: feed.p50Ms,
    p99Ms: feed.p99Ms,
    commands: Math.max(n.trips, b.trips),
  });
  return [
    `## Member.feed through the gateway (all-in-one, clerk token, -c ${o.connections} -d ${o.seconds})`,
    '',
    `${FEED_SEGMENTS} segments (a tag rule each), ${FEED_SEGMENTS * ITEMS_PER_SEGMENT} APP items aimed at them and ${FEED_GENERAL} for everyone.`,
    '',
    '| member | segments | database round trips per request | first items |',
    '|---|---:|---:|---|',
    `| in no segment | 0 | ${n.trips} | ${n.items.slice(0, 3).join(', ')} … |`,
    `| in every segment | ${FEED_SEGMENTS} | ${b.trips} | ${b.items.slice(0, 3).join(', ')} … |`,
    '',
    '| request | req/s | p50 ms | p99 ms | ratio to member lookup |',
    '|---|---:|---:|---:|---:|',
    `| \`member { feed(channel: APP, first: 10) }\` | ${feed.requestsPerSec} | ${feed.p50Ms} | ${feed.p99Ms} | ${(feed.requestsPerSec / lookup.requestsPerSec).toFixed(2)} |`,
    `| member lookup (same run) | ${lookup.requestsPerSec} | ${lookup.p50Ms} | ${lookup.p99Ms} | 1.00 |`,
  ];
}
