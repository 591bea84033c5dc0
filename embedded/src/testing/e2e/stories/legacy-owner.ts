import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PlatformSink, type Simulator, scaffoldAdapter } from '@zhongtai/adapter-kit';
import type { PosAdapter } from '@zhongtai/contracts';
import type { E2E } from '../harness.js';
import { identify, pullFeed } from '../ops.js';
import type { BakeryTicket } from '../owner-adapter/simulator.js';

const REPO = fileURLToPath(new URL('../../../../../', import.meta.url));
/** the owner's implementation, kept (and type-checked) beside the stories */
const OWNER = fileURLToPath(new URL('../owner-adapter/', import.meta.url));

/** the adapter's conformance suite, run by jest as the owner runs it (`npx jest adapters/<name>`) */
function conformance(dir: string): { passed: boolean; output: string } {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--roots',
      join(dir, 'src'),
      '--runInBand',
      '--ci',
    ],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, ZT_E2E: '' }, timeout: 180_000 },
  );
  return { passed: run.status === 0, output: `${run.stdout}\n${run.stderr}` };
}

/** A legacy system's owner plugs its tills in without touching a subgraph (adapters/README.md). */
export function legacyOwnersDay(e2e: E2E): void {
  describe('a legacy owner’s day: scaffold, implement, conformance, data in the member view', () => {
    // inside the repository (so its packages resolve), ignored by git, removed afterwards
    const root = mkdtempSync(join(REPO, '.e2e-owner-'));
    let sim: Simulator | undefined;
    afterAll(async () => {
      await sim?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    it('scaffolds a POS adapter that fails its conformance suite, implements it until the suite passes, and its sales reach the member', async () => {
      writeFileSync(join(root, 'tsconfig.json'), '{ "files": [], "references": [] }\n');
      const files = scaffoldAdapter(root, 'pos', 'bakery-pos');
      const dir = join(root, 'adapters', 'bakery-pos');
      expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
        [
          'README.md',
          'package.json',
          'src/conformance.test.ts',
          'src/index.ts',
          'src/simulator.ts',
          'tsconfig.json',
        ].sort(),
      );
      expect(JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).references).toEqual([
        { path: 'adapters/bakery-pos' },
      ]);

      // as scaffolded: it runs the POS suite, and fails it (every method says it is not implemented)
      const before = conformance(dir);
      expect(before.passed).toBe(false);
      expect(before.output).toContain('adapter conformance: pos');
      expect(before.output).toMatch(/listSales is not implemented yet|retryable/);

      // the owner writes the client, the simulator of its tills, and the fixture's expected feed
      copyFileSync(join(OWNER, 'index.ts'), join(dir, 'src/index.ts'));
      copyFileSync(join(OWNER, 'simulator.ts'), join(dir, 'src/simulator.ts'));
      const test = readFileSync(join(dir, 'src/conformance.test.ts'), 'utf8');
      expect(test).toContain('expected: { feed: [] }');
      writeFileSync(
        join(dir, 'src/conformance.test.ts'),
        test
          .replace(
            "import { createBakeryPosSimulator } from './simulator.js';",
            "import { SAMPLE_FEED, createBakeryPosSimulator } from './simulator.js';",
          )
          .replace('expected: { feed: [] }', 'expected: { feed: SAMPLE_FEED }'),
      );
      const after = conformance(dir);
      expect({ passed: after.passed, output: after.passed ? '' : after.output }).toEqual({
        passed: true,
        output: '',
      });
      expect(after.output).toMatch(/Tests:\s+4 passed, 4 total/);

      // registered for the tenant: its sales reach the platform through the gateway (SYSTEM, the adapter's name)
      const { BakeryPosAdapter, createBakeryPosSimulator } = (await import(join(dir, 'src/index.ts')).then(
        async (m) => ({
          ...m,
          ...(await import(join(dir, 'src/simulator.ts'))),
        }),
      )) as {
        BakeryPosAdapter: new (o: { baseUrl: string }) => PosAdapter;
        createBakeryPosSimulator: (t: BakeryTicket[]) => Simulator;
      };
      const system = await e2e.token({ role: 'SYSTEM', sub: 'adapter:bakery-pos' });
      const card = `VIP-${Date.now().toString(36)}`;
      const member = await identify(e2e, system, {
        channel: 'STORE',
        externalId: card,
        storeId: 'store-sh-001',
      });
      const local = new Date(e2e.now().getTime() + 8 * 3_600_000)
        .toISOString()
        .slice(0, 19)
        .replace('T', ' ');
      sim = createBakeryPosSimulator([
        {
          seq: 1,
          no: `${card}-1`,
          shop: 'SH01',
          card,
          at: local,
          kind: 'SALE',
          items: [{ plu: 'SKU-0009', qty: 3, price_yuan: '6.80' }],
        },
        {
          seq: 2,
          no: `${card}-2`,
          shop: 'SH02',
          card,
          at: local,
          kind: 'SALE',
          items: [{ plu: 'SKU-0010', qty: 1, price_yuan: '25' }],
        },
      ]);
      const adapter = new BakeryPosAdapter({ baseUrl: await sim.start() });
      const sink = new PlatformSink(e2e.call(system), e2e.tenant);
      await pullFeed(
        (c) => adapter.listSales(c),
        null,
        (item) => sink.orderFeed(item),
      );
      const hq = await e2e.token({ role: 'HQ' });
      const view = await e2e.until('the bakery’s sales in the member view', async () => {
        const r = await e2e.gql<{
          memberByIdentity: {
            id: string;
            orderStats: { orderCount: number; totalSpent: { amount: number } };
            orders: { nodes: Array<{ source: string; externalId: string; store: { id: string } }> };
          } | null;
        }>(
          hq,
          `query($c: String!) { memberByIdentity(channel: STORE, externalId: $c) { id
            orderStats { orderCount totalSpent { amount } } orders(first: 10) { nodes { source externalId store { id } } } } }`,
          { c: card },
        );
        return r.memberByIdentity?.orderStats.orderCount === 2 ? r.memberByIdentity : undefined;
      });
      expect(view.id).toBe(member.member.id);
      expect(view.orderStats.totalSpent.amount).toBe(3 * 680 + 2500);
      expect(view.orders.nodes.map((o) => [o.source, o.externalId, o.store.id]).sort()).toEqual([
        ['bakery-pos', `${card}-1`, 'store-sh-001'],
        ['bakery-pos', `${card}-2`, 'store-sh-002'],
      ]);
      expect(existsSync(join(REPO, 'adapters', 'bakery-pos'))).toBe(false); // the repository itself untouched
    }, 420_000);
  });
}
