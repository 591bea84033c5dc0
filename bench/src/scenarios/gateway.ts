import { signToken } from '@zhongtai/subgraph-kit';
import { type LoadResult, load, probe } from '../load.js';
import { type Child, start } from '../processes.js';
import { BENCH_ENV, BENCH_SECRET, subgraphToken } from '../secret.js';
import { memberLookup } from './member-lookup.js';
import type { ScenarioOptions } from './options.js';

/**
 * Member lookup (a) on the member subgraph directly, (b) through a vanilla @apollo/gateway,
 * (c) through our gateway over HTTP subgraphs, (c-local) our gateway with in-process subgraphs,
 * each in a process of its own, one after another.
 */
export async function gatewayScenario(o: ScenarioOptions, children: Child<unknown>[]): Promise<string[]> {
  const token = await signToken({ tenant: 'demo', role: 'HQ' }, BENCH_SECRET, 3600);
  // a subgraph accepts only what a gateway sends it: the caller as an internal token for it
  const direct = await subgraphToken({ tenant: 'demo', role: 'HQ', sub: 'bench' }, 'member');
  const sg = await start<{ subgraphUrls: Record<string, string>; memberIds: string[] }>(
    o.here('./servers/subgraphs.js'),
    { ...BENCH_ENV },
  );
  children.push(sg);
  const { subgraphUrls, memberIds } = sg.message;
  const urlEnv = Object.fromEntries(
    Object.entries(subgraphUrls).map(([n, u]) => [`SUBGRAPH_${n.toUpperCase().replace(/-/g, '_')}_URL`, u]),
  );
  const vanilla = await start<{ ready: string }>(o.here('./servers/vanilla-gateway.js'), {
    ...BENCH_ENV,
    SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
  });
  children.push(vanilla);
  const ours = await start<{ ready: string }>(new URL('../../gateway/dist/main.js', o.here('./')), {
    ...urlEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    ...BENCH_ENV,
    LOG_LEVEL: 'warn',
    GATEWAY_WORKERS: '1',
  });
  children.push(ours);
  const local = await start<{ ready: string; memberIds: string[] }>(o.here('./servers/platform.js'), {
    ...BENCH_ENV,
    BENCH_SETUP: 'lookup',
  });
  children.push(local);

  const targets = [
    {
      name: '(a) member subgraph direct',
      url: subgraphUrls.member,
      bodies: memberIds.map(memberLookup.direct),
      token: direct,
    },
    {
      name: '(b) vanilla @apollo/gateway',
      url: vanilla.message.ready,
      bodies: memberIds.map(memberLookup.viaGateway),
    },
    {
      name: '(c) our gateway, HTTP subgraphs',
      url: ours.message.ready,
      bodies: memberIds.map(memberLookup.viaGateway),
    },
    {
      name: '(c-local) our gateway, in-process',
      url: local.message.ready,
      bodies: local.message.memberIds.map(memberLookup.viaGateway),
    },
  ];
  const results: LoadResult[] = [];
  for (const target of targets) {
    const t = { token, ...target };
    await probe(t.url, t.token, t.bodies[0], memberLookup.check);
    await load({ ...t, connections: o.connections, seconds: 2 }); // warm-up: JIT, plan and document caches
    const r = await load({ ...t, connections: o.connections, seconds: o.seconds });
    if (r.errors || r.non2xx) throw new Error(`${t.name}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
    results.push(r);
    console.log(`${r.name}: ${r.requestsPerSec} req/s, p99 ${r.p99Ms} ms`);
  }
  for (const r of results)
    o.record({
      scenario: 'member lookup',
      operation: r.name,
      rate: r.requestsPerSec,
      unit: 'req/s',
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
    });
  const [a, b, c, l] = results;
  const ratio = (x: number, y: number) => (x / y).toFixed(2);
  return [
    `## member lookup through the gateways (autocannon -c ${o.connections} -d ${o.seconds})`,
    '',
    '| path | req/s | p50 ms | p99 ms | requests |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} |`),
    '',
    `c/b = ${ratio(c.requestsPerSec, b.requestsPerSec)} (target ≥ 3), c/a = ${ratio(c.requestsPerSec, a.requestsPerSec)}, c-local/b = ${ratio(l.requestsPerSec, b.requestsPerSec)}, p99 b/c = ${ratio(b.p99Ms, c.p99Ms)}`,
  ];
}
