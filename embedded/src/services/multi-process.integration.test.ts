import {
  TEST_INTERNAL_SECRET,
  TEST_SECRET,
  postGraphQL,
  redisForTests,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PORT_SPAN } from './ports.js';
import { type Services, startServices } from './supervisor.js';
import { freePortBlock } from '../test-platform.js';

/**
 * The multi-process mode as `npm run start:services` runs it: redis-server, the store process, six
 * subgraph processes, the gateway process and the legacy/demo process, each its built `dist/` entry
 * point (`npm test` builds first), all on loopback. Needs redis-server (skipped loudly without it;
 * ZHONGTAI_REQUIRE_REDIS=1 makes that a failure).
 */

const README_LOOKUP = `{ memberByPhone(phone: "13910007919") { id displayName phone identities { channel externalId }
  points { balance pending } growth { tier { code } nextTier { code } pointsToNextTier } orderStats { orderCount } } }`;
/** the member lookup (member, points, orders subgraphs) beside a field of the inventory subgraph */
const WITH_SKU = `{ memberByPhone(phone: "13910007919") { displayName phone points { balance } orderStats { orderCount } }
  sku(code: "SKU-0001") { code name availability(storeId: "store-sh-001") { available stale } } }`;

const readyz = async (gatewayUrl: string) => {
  const res = await fetch(new URL('/readyz', gatewayUrl));
  return { status: res.status, body: (await res.json()) as { checks?: Record<string, boolean> } };
};

/**
 * An OTLP/HTTP collector in the test: every process exports its spans here (JSON), so a trace of the
 * multi-process mode can be looked at as a Jaeger would show it.
 */
interface OtlpSpan {
  service: string;
  name: string;
  traceId: string;
  status?: { code?: number; message?: string };
}
async function otlpReceiver() {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans?: Array<{
            resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
            scopeSpans?: Array<{ spans?: Array<Omit<OtlpSpan, 'service'>> }>;
          }>;
        };
        for (const rs of body.resourceSpans ?? []) {
          const service =
            rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? [])
            for (const sp of ss.spans ?? []) spans.push({ ...sp, service });
        }
      } catch {
        // not JSON: not ours to read
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const redis = redisForTests();
(redis.available ? describe : describe.skip)('multi-process mode (npm run start:services)', () => {
  let services: Services | undefined;
  const said: string[] = [];
  const exits: Array<{ name: string; code: number | null; signal: string | null; expected: boolean }> = [];
  let hq: string;
  let collector: Awaited<ReturnType<typeof otlpReceiver>>;

  beforeAll(async () => {
    hq = await testToken({ role: 'HQ' });
    collector = await otlpReceiver();
    services = await startServices({
      port: await freePortBlock(PORT_SPAN),
      env: {
        ...process.env,
        // every process traces to the test's collector, exporting every 200 ms
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        JWT_SECRET: TEST_SECRET,
        INTERNAL_TOKEN_SECRET: TEST_INTERNAL_SECRET,
        LOG_LEVEL: process.env.ZT_TEST_LOGS === '1' ? 'info' : 'warn',
      },
      // REDIS_URL set: that Redis; otherwise the supervisor's own redis-server
      redisUrl: process.env.REDIS_URL || undefined,
      output:
        process.env.ZT_TEST_LOGS === '1'
          ? (name, line) => process.stderr.write(`[${name}] ${line}\n`)
          : () => {},
      log: (level, message) => said.push(`${level}: ${message}`),
      // long enough to see the killed subgraph down before it is back
      restartBackoff: { initialMs: 3000, maxMs: 6000 },
      readyTimeoutMs: 240_000,
      stopTimeoutMs: 10_000,
    });
    services.events.on('exit', (name, code, signal, expected) =>
      exits.push({ name, code, signal, expected }),
    );
  }, 300_000);

  afterAll(async () => {
    await services?.stop();
    await collector?.close();
  }, 90_000);

  it('runs each part as its own process, from the commands a container image runs', () => {
    const status = services!.status();
    const expected = [
      'store',
      'member',
      'points',
      'orders',
      'inventory',
      'customer-service',
      'content',
      'gateway',
      'legacy',
    ];
    for (const name of expected) expect(status[name]).toMatchObject({ state: 'ready', deaths: 0 });
    expect(status.points.command).toBe('node embedded/dist/services/run.js points');
    expect(status.gateway.command).toBe('node embedded/dist/services/run.js gateway');
    expect(status.store.command).toBe('node embedded/dist/services/run.js store');
    const pids = new Set(Object.values(status).map((s) => s.pid));
    expect(pids.size).toBe(Object.keys(status).length);
    expect(pids.has(process.pid)).toBe(false);
  });

  it('answers the README member lookup as HQ from the member, points and orders processes; a clerk sees a masked phone', async () => {
    const { gatewayUrl } = services!;
    const r = await postGraphQL<{
      memberByPhone: {
        displayName: string;
        phone: string;
        identities: unknown[];
        points: { balance: number };
        growth: { tier: { code: string } | null };
        orderStats: { orderCount: number };
      };
    }>(gatewayUrl, README_LOOKUP, {}, hq);
    expect(r.errors).toBeUndefined();
    const m = r.data!.memberByPhone;
    expect(m.phone).toBe('13910007919');
    expect(m.displayName).toMatch(/^\S+$/);
    expect(m.identities.length).toBeGreaterThan(0);
    expect(m.points.balance).toBeGreaterThan(0);
    expect(m.orderStats.orderCount).toBeGreaterThan(0);

    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-001' });
    const c = await postGraphQL<{ memberByPhone: { phone: string; displayName: string } }>(
      gatewayUrl,
      '{ memberByPhone(phone: "13910007919") { phone displayName } }',
      {},
      clerk,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data!.memberByPhone.phone).toBe('139****7919');
    expect(c.data!.memberByPhone.displayName).toContain('*');

    // the inventory process reads stock live from the WMS simulator of the legacy process (WMS_URL)
    const s = await postGraphQL<{ sku: { availability: { stale: boolean; available: number } } }>(
      gatewayUrl,
      WITH_SKU,
      {},
      hq,
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.sku.availability.stale).toBe(false);
  });

  it('a subgraph killed with SIGKILL: partial answers, /readyz names it, and the supervisor brings it back', async () => {
    const { gatewayUrl } = services!;
    const before = services!.status().inventory.pid;
    await services!.kill('inventory', 'SIGKILL');

    const partial = await postGraphQL<{
      memberByPhone: { displayName: string; points: { balance: number }; orderStats: { orderCount: number } };
      sku: unknown;
    }>(gatewayUrl, WITH_SKU, {}, hq);
    expect(partial.status).toBe(200);
    // the other subgraphs' fields are there, the dead one's are null, with an error saying which
    expect(partial.data!.memberByPhone.displayName).toBeTruthy();
    expect(partial.data!.memberByPhone.points.balance).toBeGreaterThan(0);
    expect(partial.data!.memberByPhone.orderStats.orderCount).toBeGreaterThan(0);
    expect(partial.data!.sku).toBeNull();
    expect(partial.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', serviceName: 'inventory' }),
      }),
    ]);

    const down = await readyz(gatewayUrl);
    expect(down.status).toBe(503);
    expect(down.body.checks).toMatchObject({
      'subgraph:inventory': false,
      'subgraph:member': true,
      'subgraph:points': true,
      'subgraph:orders': true,
    });
    expect(said.join('\n')).toMatch(/inventory \(pid \d+\) DIED UNEXPECTEDLY \(signal SIGKILL\)/);
    // the gateway's metrics count the failed call, and its trace shows the failed fetch in the request
    const metrics = await (await fetch(new URL('/metrics', gatewayUrl))).text();
    expect(metrics).toMatch(
      /^zt_subgraph_call_duration_seconds_count\{[^}]*subgraph="inventory"[^}]*outcome="error"[^}]*\} [1-9]/m,
    );
    // each process exports its spans on its own (every 200 ms): wait until the request's whole trace is in
    const wanted = ['gateway:gateway graphql', 'member:member graphql', 'gateway:fetch inventory'];
    const failedTrace = () => {
      const failed = collector.spans.find(
        (sp) => sp.service === 'gateway' && sp.name === 'fetch inventory' && sp.status?.code === 2,
      );
      return failed
        ? collector.spans
            .filter((sp) => sp.traceId === failed.traceId)
            .map((sp) => `${sp.service}:${sp.name}`)
        : [];
    };
    const traced = Date.now() + 15_000;
    while (!wanted.every((w) => failedTrace().includes(w)) && Date.now() < traced)
      await new Promise((r) => setTimeout(r, 200));
    expect(failedTrace()).toEqual(expect.arrayContaining(wanted));

    // back by itself (no restart call), a new process
    await services!.waitReady('inventory', 90_000);
    const after = services!.status().inventory;
    expect(after).toMatchObject({ state: 'ready', deaths: 1 });
    expect(after.pid).not.toBe(before);
    const until = Date.now() + 30_000;
    while ((await readyz(gatewayUrl)).status !== 200 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 200));
    expect((await readyz(gatewayUrl)).status).toBe(200);
    const full = await postGraphQL<{ sku: { code: string } }>(gatewayUrl, WITH_SKU, {}, hq);
    expect(full.errors).toBeUndefined();
    expect(full.data!.sku.code).toBe('SKU-0001');
  }, 120_000);

  it('stops every process gracefully, in the reverse order, each with exit code 0', async () => {
    const running = services!.names;
    exits.length = 0;
    await services!.stop();
    const order = exits.map((e) => e.name);
    expect(new Set(order)).toEqual(new Set(running));
    for (const e of exits) expect(e).toMatchObject({ code: 0, signal: null, expected: true });
    const at = (name: string) => order.indexOf(name);
    expect(at('legacy')).toBeLessThan(at('gateway'));
    expect(at('gateway')).toBeLessThan(at('points'));
    expect(at('points')).toBeLessThan(at('store'));
    if (running.includes('redis')) expect(at('store')).toBeLessThan(at('redis'));
    for (const s of Object.values(services!.status())) expect(s.state).toBe('stopped');
  }, 90_000);
});
