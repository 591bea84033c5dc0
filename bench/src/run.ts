import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Child, stop } from './processes.js';
import { feedScenario } from './scenarios/feed.js';
import { gatewayScenario } from './scenarios/gateway.js';
import type { ScenarioOptions } from './scenarios/options.js';
import { ordersScenario } from './scenarios/orders.js';
import { pointsScenario } from './scenarios/points.js';
import { storeTerminalScenario } from './scenarios/store-terminal.js';
import { surveyScenario } from './scenarios/survey.js';
import type { Row } from './rows.js';
import { type Report, report, table } from './table.js';

/**
 * `npm run bench [-- --scenario gateway|store-terminal|points|orders|survey|feed|all --seconds 10 --connections 50 --orders 5000 [--buyers N] --surveys 3000 --rates 10,25,50,75,100]`
 * Every server runs in a child process of this one, on loopback, and is stopped at the end.
 */
const SCENARIOS = {
  gateway: gatewayScenario,
  'store-terminal': storeTerminalScenario,
  points: pointsScenario,
  orders: ordersScenario,
  survey: surveyScenario,
  feed: feedScenario,
};
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'gateway' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    orders: { type: 'string', default: '5000' },
    buyers: { type: 'string' },
    surveys: { type: 'string', default: '3000' },
    rates: { type: 'string', default: '10,25,50,75,100' },
  },
});
const here = (p: string) => new URL(p, import.meta.url);
const rows: Row[] = [];
const opts: ScenarioOptions = {
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  orders: Number(values.orders),
  buyers: values.buyers ? Number(values.buyers) : undefined,
  surveys: Number(values.surveys),
  rates: values.rates.split(',').map(Number),
  here,
  record: (row) => rows.push(row),
};
const chosen = values.scenario === 'all' ? Object.keys(SCENARIOS) : [values.scenario!];

async function main(): Promise<void> {
  mkdirSync(here('../results/'), { recursive: true });
  for (const name of chosen) {
    const scenario = SCENARIOS[name as keyof typeof SCENARIOS];
    if (!scenario)
      throw new Error(`unknown scenario ${name}; one of ${Object.keys(SCENARIOS).join(', ')}, all`);
    const children: Child<unknown>[] = [];
    try {
      const lines = await scenario(opts, children);
      const text = [`# ${name} (${new Date().toISOString()})`, '', ...lines, ''].join('\n');
      console.log(`\n${text}`);
      writeFileSync(here(`../results/${name}.md`), text);
    } finally {
      for (const c of children.reverse()) await stop(c);
    }
  }
  if (values.scenario === 'all') writeAll();
}

/** `--scenario all`: one table of every scenario, `results/all.md` and `results/all.json`, compared with the last one. */
function writeAll(): void {
  const json = here('../results/all.json');
  const previous = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as Report) : undefined;
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const r = report(rows, {
    at: new Date().toISOString(),
    commit,
    options: { connections: opts.connections, seconds: opts.seconds, orders: opts.orders },
  });
  const text = ['# all scenarios', '', ...table(r, previous), ''].join('\n');
  console.log(`\n${text}`);
  writeFileSync(here('../results/all.md'), text);
  if (previous) writeFileSync(here('../results/all.previous.json'), JSON.stringify(previous, null, 2));
  writeFileSync(json, JSON.stringify(r, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
