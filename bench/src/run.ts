import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signToken } from '@zhongtai/subgraph-kit';
import { type LoadResult, load, probe } from './load.js';
import { type Child, start, stop } from './processes.js';
import { memberLookup } from './scenarios/member-lookup.js';
import { BENCH_SECRET } from './secret.js';

/**
 * `npm run bench`: member lookup (a) on the member subgraph directly, (b) through a vanilla
 * @apollo/gateway, (c) through our gateway over HTTP subgraphs, and (c-local) our gateway with
 * in-process subgraphs (the all-in-one mode), each in a process of its own, one after another.
 */
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const here = (p: string) => new URL(p, import.meta.url);
const children: Child<unknown>[] = [];

async function main(): Promise<void> {
  const token = await signToken({ tenant: 'demo', role: 'HQ' }, BENCH_SECRET, 3600);
  const sg = await start<{ subgraphUrls: Record<string, string>; memberIds: string[] }>(
    here('./servers/subgraphs.js'),
    { JWT_SECRET: BENCH_SECRET },
  );
  children.push(sg);
  const { subgraphUrls, memberIds } = sg.message;
  const urlEnv = Object.fromEntries(
    Object.entries(subgraphUrls).map(([n, u]) => [`SUBGRAPH_${n.toUpperCase().replace(/-/g, '_')}_URL`, u]),
  );

  const vanilla = await start<{ ready: string }>(here('./servers/vanilla-gateway.js'), {
    SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
  });
  children.push(vanilla);
  const ours = await start<{ ready: string }>(new URL('../../gateway/dist/main.js', import.meta.url), {
    ...urlEnv,
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: BENCH_SECRET,
    LOG_LEVEL: 'warn',
    GATEWAY_WORKERS: '1',
  });
  children.push(ours);
  const local = await start<{ ready: string }>(here('./servers/all-in-one.js'), { JWT_SECRET: BENCH_SECRET });
  children.push(local);
  const localIds = (local.message as unknown as { memberIds: string[] }).memberIds;

  const targets = [
    {
      name: '(a) member subgraph direct',
      url: subgraphUrls.member,
      bodies: memberIds.map(memberLookup.direct),
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
      bodies: localIds.map(memberLookup.viaGateway),
    },
  ];
  const results: LoadResult[] = [];
  for (const t of targets) {
    await probe(t.url, token, t.bodies[0], memberLookup.check);
    await load({ ...t, token, connections, seconds: 2 }); // warm-up: JIT, plan and document caches
    const r = await load({ ...t, token, connections, seconds });
    if (r.errors || r.non2xx) throw new Error(`${t.name}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
    results.push(r);
    console.log(`${r.name}: ${r.requestsPerSec} req/s, p99 ${r.p99Ms} ms`);
  }
  report(results);
}

function report(results: LoadResult[]): void {
  const [a, b, c, local] = results;
  const ratio = (x: number, y: number) => (x / y).toFixed(2);
  const lines = [
    `# Bench: ${memberLookup.name} (autocannon -c ${connections} -d ${seconds}, ${new Date().toISOString()})`,
    '',
    '| path | req/s | p50 ms | p99 ms | requests |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.requests} |`),
    '',
    `c/b = ${ratio(c.requestsPerSec, b.requestsPerSec)} (target ≥ 3), c/a = ${ratio(c.requestsPerSec, a.requestsPerSec)}, c-local/b = ${ratio(local.requestsPerSec, b.requestsPerSec)}`,
    `p99 b/c = ${ratio(b.p99Ms, c.p99Ms)}`,
  ];
  console.log(`\n${lines.join('\n')}`);
  mkdirSync(here('../results/'), { recursive: true });
  writeFileSync(here('../results/member-lookup.md'), `${lines.join('\n')}\n`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const c of children.reverse()) await stop(c);
  });
