import type {
  Adapter,
  MemberSourceAdapter,
  NormalisedMember,
  NormalisedOrder,
  NormalisedPointBalance,
  NormalisedRefund,
  NotificationAdapter,
  OmsAdapter,
  OutboundNotification,
  PosAdapter,
  StockLevel,
  WechatAdapter,
  WechatEvent,
  WmsAdapter,
} from '@zhongtai/contracts';
import { AdapterError } from '../errors.js';
import type { WebhookReceiver } from '../nonce-store.js';
import type { Simulator } from '../simulator/simulator.js';

/**
 * The conformance kit: one suite per kind of legacy system that every adapter of that kind passes
 * (mapping, idempotency, error handling, behaviour under injected faults). An adapter package runs it
 * from a test file with a factory that starts its simulator and says what the simulator holds:
 *
 *   describeConformance({ kind: 'pos', make: async () => ({ adapter, sim, expected: { ... } }) })
 */
export type Fixture =
  | {
      kind: 'member-source';
      make: () => Promise<{
        adapter: MemberSourceAdapter;
        sim: Simulator;
        expected: { members: NormalisedMember[]; balances: NormalisedPointBalance[] };
      }>;
    }
  | {
      kind: 'pos';
      make: () => Promise<{
        adapter: PosAdapter;
        sim: Simulator;
        expected: { feed: Array<NormalisedOrder | NormalisedRefund> };
      }>;
    }
  | {
      kind: 'oms';
      make: () => Promise<{
        adapter: OmsAdapter;
        sim: Simulator;
        expected: { feed: Array<NormalisedOrder | NormalisedRefund> };
        webhook: () => Promise<{
          headers: Record<string, string>;
          body: string;
          expected: NormalisedOrder | NormalisedRefund;
        }>;
      }>;
    }
  | {
      kind: 'wms';
      make: () => Promise<{ adapter: WmsAdapter; sim: Simulator; expected: { stock: StockLevel[] } }>;
    }
  | {
      kind: 'notification';
      make: () => Promise<{
        adapter: NotificationAdapter;
        sim: Simulator;
        delivered: () => Promise<OutboundNotification[]>;
      }>;
    }
  | {
      kind: 'wechat';
      make: () => Promise<{
        /** WeChat signs no body in plain mode: a wechat receiver must refuse replays */
        adapter: WechatAdapter & WebhookReceiver<WechatEvent>;
        sim: Simulator;
        webhook: () => Promise<{ headers: Record<string, string>; body: string; expected: WechatEvent }>;
      }>;
    };

const byKey = <T>(items: T[], key: (t: T) => string) =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));
const feedKey = (x: NormalisedOrder | NormalisedRefund) =>
  'refundId' in x ? `r:${x.refundId}` : `o:${x.externalId}`;

async function readAll<T>(
  read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page: { items: T[]; nextCursor: string | null } = await read(cursor);
    out.push(...page.items);
    if (!page.items.length || page.nextCursor === null || page.nextCursor === cursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('the feed never ended');
}

export function describeConformance(fixture: Fixture): void {
  describe(`adapter conformance: ${fixture.kind}`, () => {
    let ctx: Awaited<ReturnType<Fixture['make']>>;
    beforeAll(async () => {
      ctx = await fixture.make();
      await ctx.adapter.init();
    });
    afterAll(async () => {
      await ctx.adapter.destroy();
      await ctx.sim.stop();
    });
    beforeEach(() => ctx.sim.setFaults({}));

    it('declares its identity and is healthy when the system answers', async () => {
      const a = ctx.adapter as Adapter;
      expect(a.kind).toBe(fixture.kind);
      expect(a.identifier).toMatch(/^[a-z0-9-]+$/);
      expect((await a.healthCheck()).ok).toBe(true);
    });

    it('reports unhealthy and fails with a retryable error while the system is down', async () => {
      const url = ctx.sim.url;
      await ctx.sim.stop();
      try {
        expect((await (ctx.adapter as Adapter).healthCheck()).ok).toBe(false);
        const call = anyCall(fixture.kind, ctx);
        await expect(call()).rejects.toBeInstanceOf(AdapterError);
        await expect(call()).rejects.toMatchObject({ retryable: true });
      } finally {
        await ctx.sim.start(Number(new URL(url).port));
      }
    });

    switch (fixture.kind) {
      case 'member-source':
        it('maps every member and balance, across pages', async () => {
          const c = ctx as Awaited<ReturnType<Extract<Fixture, { kind: 'member-source' }>['make']>>;
          expect(byKey(await readAll((x) => c.adapter.listMembers(x)), (m) => m.externalId)).toEqual(
            byKey(c.expected.members, (m) => m.externalId),
          );
          expect(
            byKey(await readAll((x) => c.adapter.listPointBalances(x)), (b) => b.memberExternalId),
          ).toEqual(byKey(c.expected.balances, (b) => b.memberExternalId));
          const one = c.expected.balances[0];
          expect(await c.adapter.getPointBalance(one.memberExternalId)).toEqual(one);
          expect(await c.adapter.getPointBalance('no-such-member')).toBeNull();
        });
        break;
      case 'pos':
      case 'oms':
        it('maps the whole feed, orders and refunds, and reads the same again from the same cursor', async () => {
          const c = ctx as {
            adapter: PosAdapter | OmsAdapter;
            expected: { feed: Array<NormalisedOrder | NormalisedRefund> };
          };
          const read = (x: string | null) =>
            'listSales' in c.adapter ? c.adapter.listSales(x) : (c.adapter as OmsAdapter).listOrders(x);
          const all = await readAll(read);
          expect(byKey(all, feedKey)).toEqual(byKey(c.expected.feed, feedKey));
          const first = await read(null);
          expect(await read(null)).toEqual(first);
        });
        break;
      case 'wms':
        it('answers stock for a batch of (sku, location), in the order asked', async () => {
          const c = ctx as Awaited<ReturnType<Extract<Fixture, { kind: 'wms' }>['make']>>;
          const ask = [...c.expected.stock].reverse().slice(0, 20);
          const got = await c.adapter.getStock(ask.map((s) => ({ sku: s.sku, locationId: s.locationId })));
          expect(got.map((s) => `${s.sku}@${s.locationId}`)).toEqual(
            ask.map((s) => `${s.sku}@${s.locationId}`),
          );
          expect(got.map(({ onHand, available }) => ({ onHand, available }))).toEqual(
            ask.map(({ onHand, available }) => ({ onHand, available })),
          );
        });
        break;
      case 'notification':
        it('delivers a message once per key, however often it is sent', async () => {
          const c = ctx as Awaited<ReturnType<Extract<Fixture, { kind: 'notification' }>['make']>>;
          const msg: OutboundNotification = {
            key: `conf-${Date.now()}`,
            tenant: 'demo',
            channel: 'SMS',
            to: '13800000000',
            template: 'apology',
            params: { name: 'Li' },
          };
          const a = await c.adapter.send(msg);
          const b = await c.adapter.send(msg);
          expect(b.providerMessageId).toBe(a.providerMessageId);
          expect((await c.delivered()).filter((d) => d.key === msg.key)).toHaveLength(1);
        });
        break;
    }

    if (fixture.kind === 'oms' || fixture.kind === 'wechat') {
      it('accepts signed webhooks, rejects tampered ones, and maps a duplicate delivery to the same record', async () => {
        const c = ctx as {
          adapter: OmsAdapter | WechatAdapter;
          webhook: () => Promise<{ headers: Record<string, string>; body: string; expected: unknown }>;
        };
        const w = await c.webhook();
        const parsed = c.adapter.parseWebhook(w.headers, w.body);
        expect(parsed).toEqual(w.expected);
        expect(c.adapter.parseWebhook(w.headers, w.body)).toEqual(parsed);
        const tampered = w.body.replace(/\d/, (d) => String((Number(d) + 1) % 10));
        expect(() => c.adapter.parseWebhook(w.headers, tampered)).toThrow(/signature|sign/i);
        expect(() => c.adapter.parseWebhook({}, w.body)).toThrow();
      });
    }

    if (fixture.kind === 'wechat') {
      it('receives a signed push once: the same timestamp and nonce again are refused, a fresh push is not', async () => {
        const c = ctx as Awaited<ReturnType<Extract<Fixture, { kind: 'wechat' }>['make']>>;
        const w = await c.webhook();
        expect(await c.adapter.receiveWebhook(w.headers, w.body)).toEqual(w.expected);
        await expect(c.adapter.receiveWebhook(w.headers, w.body)).rejects.toThrow(/replay/i);
        const fresh = await c.webhook();
        expect(await c.adapter.receiveWebhook(fresh.headers, fresh.body)).toEqual(fresh.expected);
      });
    }

    if (fixture.kind !== 'wechat') {
      it('gives the same answers under latency, 5xx, dropped connections and timeouts (retries)', async () => {
        const call = anyCall(fixture.kind, ctx);
        const clean = await call();
        ctx.sim.setFaults({ latencyMs: 20, errorRate: 0.3, dropRate: 0.1 });
        expect(await call()).toEqual(clean);
        ctx.sim.setFaults({ timeoutRate: 0.2 });
        expect(await call()).toEqual(clean);
      }, 60_000);
    }
  });
}

/** One representative call of each kind (reads are compared; the notification send is idempotent by key). */
function anyCall(kind: Fixture['kind'], ctx: { adapter: unknown }): () => Promise<unknown> {
  const a = ctx.adapter as Record<string, (...args: unknown[]) => Promise<unknown>>;
  switch (kind) {
    case 'member-source':
      return () => a.listMembers(null);
    case 'pos':
      return () => a.listSales(null);
    case 'oms':
      return () => a.listOrders(null);
    case 'wms':
      return () => a.getStock([{ sku: 'SKU-0001', locationId: 'store-sh-001' }]);
    case 'notification':
      return () =>
        a.send({
          key: 'conformance-fault-probe',
          tenant: 'demo',
          channel: 'SMS',
          to: '13800000000',
          template: 'probe',
          params: {},
        });
    case 'wechat':
      return () =>
        (a as unknown as { healthCheck: () => Promise<{ ok: boolean }> }).healthCheck().then((h) => {
          if (!h.ok) throw new AdapterError('wechat', 'down', true);
          return h;
        });
  }
}
