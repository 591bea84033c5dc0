import autocannon from 'autocannon';
import { signToken } from '@zhongtai/subgraph-kit';
import { type Child, ask, start } from '../processes.js';
import { BENCH_ENV, BENCH_SECRET } from '../secret.js';
import type { ScenarioOptions } from './options.js';

/** Earn and redeem throughput through the gateway on the embedded store, every request a new idempotency key. */
export async function pointsScenario(o: ScenarioOptions, children: Child<unknown>[]): Promise<string[]> {
  const p = await start<{ ready: string; memberIds: string[] }>(o.here('./servers/platform.js'), {
    ...BENCH_ENV,
    BENCH_SETUP: 'points',
  });
  children.push(p);
  const token = await signToken({ tenant: 'demo', role: 'SYSTEM' }, BENCH_SECRET, 3600);
  const ids = p.message.memberIds;
  const rows: string[] = [];
  for (const op of ['earn', 'redeem'] as const) {
    let n = 0;
    const run = Math.random().toString(36).slice(2, 8);
    await ask(p, 'commands-reset');
    const result = await autocannon({
      url: p.message.ready,
      connections: o.connections,
      duration: o.seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      requests: [
        {
          setupRequest: (req) => {
            const i = n++;
            const input = {
              memberId: ids[i % ids.length],
              points: 1,
              idempotencyKey: `${run}-${op}-${i}`,
              ...(op === 'earn' ? { source: 'bench' } : {}),
            };
            const query =
              op === 'earn'
                ? 'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }'
                : 'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id } }';
            return { ...req, body: JSON.stringify({ query, variables: { i: input } }) };
          },
        },
      ],
    });
    if (result.non2xx || result.errors)
      throw new Error(`${op}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    const commands = (await ask<{ total: number }>(p, 'commands')).total / result.requests.total;
    console.log(
      `${op}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${commands.toFixed(1)} commands each`,
    );
    o.record({
      scenario: 'points',
      operation: `${op}Points`,
      rate: Math.round(result.requests.average),
      unit: 'req/s',
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      commands,
    });
    rows.push(
      `| ${op}Points | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.requests.total} | ${commands.toFixed(1)} |`,
    );
  }
  return [
    `## points ledger writes through the gateway (all-in-one, embedded store, 50 accounts, -c ${o.connections} -d ${o.seconds})`,
    '',
    '| mutation | req/s | p50 ms | p99 ms | requests | database commands each (handlers included) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
  ];
}
