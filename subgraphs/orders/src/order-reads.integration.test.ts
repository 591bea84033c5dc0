import { randomUUID } from 'node:crypto';
import { testToken } from '@zhongtai/subgraph-kit';
import { type Ingested, code, ok, ordersWorld } from './testing/orders-world.js';

/** A member's orders and stats, visibility, bought together, store metrics (shared setup: testing/orders-world.ts). */
const w = ordersWorld();
const { clock, order, ingest, refund } = w;

describe('reads', () => {
  it("serves a member's orders and stats in constant round trips, following merges", async () => {
    const trips = async (memberId: string) => {
      w.api.requests.length = 0;
      const r = ok<{
        _entities: Array<{
          orderStats: { orderCount: number };
          orders: { totalCount: number; nodes: unknown[] };
        }>;
      }>(
        await w.api.query(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { orderStats { orderCount isRepeatCustomer } orders(first: 5) { totalCount nodes { id lines { sku { code } quantity } } } } } }',
          { r: [{ __typename: 'Member', id: memberId }] },
          w.hq,
        ),
      );
      return { trips: w.api.requests[0].dbRoundTrips, data: r._entities[0] };
    };
    for (let i = 0; i < 12; i++)
      ok(
        await ingest(
          order(`M-${i}`, {
            buyer: { channel: 'STORE', externalId: 'card-many' },
            placedAt: new Date(clock.now().getTime() - i * 86_400_000).toISOString(),
          }),
        ),
      );
    ok(await ingest(order('M-one', { buyer: { channel: 'STORE', externalId: 'card-one' } })));
    const many = await trips('mem-card-many');
    const one = await trips('mem-card-one');
    expect(many.data.orderStats.orderCount).toBe(12);
    expect(many.data.orders).toMatchObject({ totalCount: 12 });
    expect(many.data.orders.nodes).toHaveLength(5);
    expect(many.trips).toBe(one.trips);
    // a merge: the survivor shows both members' orders, until it is undone
    const publish = async (type: string, payload: Record<string, unknown>) => {
      await w.env.infra.bus.publish({
        id: randomUUID(),
        type,
        version: 1,
        tenant: 'demo',
        occurredAt: clock.now().toISOString(),
        producer: 't',
        key: 'k',
        payload,
      });
      await w.env.infra.bus.drain();
    };
    await publish('member.merged', {
      mergeId: 'mg',
      survivorId: 'mem-card-many',
      mergedId: 'mem-card-one',
      reason: 'r',
    });
    expect((await trips('mem-card-many')).data.orderStats.orderCount).toBe(13);
    await publish('member.unmerged', {
      mergeId: 'mg',
      survivorId: 'mem-card-many',
      mergedId: 'mem-card-one',
    });
    expect((await trips('mem-card-many')).data.orderStats.orderCount).toBe(12);
    // a chain: card-one merged into card-two, then card-two into card-many → all three members' orders
    ok(await ingest(order('M-two', { buyer: { channel: 'STORE', externalId: 'card-two' } })));
    await publish('member.merged', {
      mergeId: 'mg2',
      survivorId: 'mem-card-two',
      mergedId: 'mem-card-one',
      reason: 'r',
    });
    await publish('member.merged', {
      mergeId: 'mg3',
      survivorId: 'mem-card-many',
      mergedId: 'mem-card-two',
      reason: 'r',
    });
    expect((await trips('mem-card-many')).data.orderStats.orderCount).toBe(14);
  });

  it("scopes order reads: the buyer, the store's clerk, the region's manager", async () => {
    const o = ok<Ingested>(await ingest(order('V-1'))).ingestOrder.order;
    const read = async (token: string) =>
      ok<{ order: { id: string } | null }>(
        await w.api.query('query($id: ID!) { order(id: $id) { id } }', { id: o.id }, token),
      ).order;
    expect(await read(await testToken({ role: 'MEMBER', memberId: 'mem-card-V-1' }))).toEqual({ id: o.id });
    expect(await read(await testToken({ role: 'MEMBER', memberId: 'someone' }))).toBeNull();
    expect(await read(await testToken({ role: 'CLERK', storeId: 'store-sh-001' }))).toEqual({ id: o.id });
    expect(await read(await testToken({ role: 'CLERK', storeId: 'store-sh-002' }))).toBeNull();
    expect(await read(await testToken({ role: 'STORE_MANAGER', region: 'east' }))).toEqual({ id: o.id });
    expect(await read(await testToken({ role: 'STORE_MANAGER', region: 'north' }))).toBeNull();
    expect(await read(await testToken({ role: 'HQ', tenant: 'other' }))).toBeNull();
  });

  it('counts products bought together', async () => {
    const r = ok<{ _entities: Array<{ boughtTogether: Array<{ sku: { code: string }; orders: number }> }> }>(
      await w.api.query(
        '{ _entities(representations: [{ __typename: "Sku", code: "SKU-0001" }]) { ... on Sku { boughtTogether(first: 3) { sku { code } orders } } } }',
        {},
        w.hq,
      ),
    );
    expect(r._entities[0].boughtTogether[0].sku.code).toBe('SKU-0002');
    expect(r._entities[0].boughtTogether[0].orders).toBeGreaterThan(10);
  });
});

/** The Shanghai calendar day of an instant (UTC+8 all year: China has no daylight saving). */
const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('store metrics', () => {
  const METRICS =
    'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { orderCount newMembers revenue { amount } } }';
  type Metrics = { storeMetrics: { orderCount: number; newMembers: number; revenue: { amount: number } } };
  const metrics = async (s: string, f: string, t: string) =>
    ok<Metrics>(await w.api.query(METRICS, { s, f, t }, w.hq)).storeMetrics;

  it("buckets an order and a new member by the tenant's business day: 17:00 UTC is the next day in Shanghai", async () => {
    const store = 'store-cal-001';
    ok(await ingest(order('CAL-1', { storeId: store, placedAt: '2026-03-01T17:00:00.000Z' })));
    ok(await ingest(order('CAL-2', { storeId: store, placedAt: '2026-03-01T15:59:59.999Z' })));
    await w.env.deliver(
      'member.identified',
      {
        memberId: 'cal-new',
        channel: 'STORE',
        externalId: 'cal-new',
        storeId: store,
        created: true,
        linked: false,
      },
      { at: new Date('2026-03-01T16:30:00.000Z') },
    );
    const day = (d: string) => w.orders.services.metrics.metrics('demo', store, d, d);
    expect(await day('2026-03-01')).toMatchObject({ orderCount: 1, revenue: 4000, newMembers: 0 });
    expect(await day('2026-03-02')).toMatchObject({ orderCount: 1, revenue: 4000, newMembers: 1 });
    // 1 March in Shanghai is [2026-02-28T16:00Z, 2026-03-01T16:00Z): the order of 17:00Z is not in it
    expect(await metrics(store, '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z')).toEqual({
      orderCount: 1,
      newMembers: 0,
      revenue: { amount: 4000 },
    });
    expect(await metrics(store, '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z')).toEqual({
      orderCount: 1,
      newMembers: 1,
      revenue: { amount: 4000 },
    });
    // a period inside 2 March (Shanghai) covers that whole day
    expect(await metrics(store, '2026-03-01T20:00:00.000Z', '2026-03-01T21:00:00.000Z')).toMatchObject({
      orderCount: 1,
      newMembers: 1,
    });
  });

  it('match a brute-force computation over generated orders, by Shanghai days', async () => {
    const stores = ['store-sh-001', 'store-sh-002', 'store-bj-001'];
    const base = Date.UTC(2026, 3, 1);
    const generated: Array<{
      id?: string;
      ext: string;
      store: string;
      member: string | null;
      at: Date;
      total: number;
      refund: number;
    }> = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 150; i++) {
      const member = rnd() < 0.8 ? `metric-${Math.floor(rnd() * 25)}` : null;
      generated.push({
        ext: `G-${i}`,
        store: stores[Math.floor(rnd() * 3)],
        member,
        at: new Date(base + Math.floor(rnd() * 60 * 86_400_000)),
        total: 0,
        refund: rnd() < 0.2 ? 500 : 0,
      });
    }
    // the period is [from, to) rounded out to whole Shanghai days: [2026-04-10T16:00Z, 2026-05-11T16:00Z)
    const from = new Date(base + 9 * 86_400_000 + 20 * 3_600_000);
    const to = new Date(base + 40 * 86_400_000 + 6 * 3_600_000);
    // orders at the edges of those days, which UTC days or the bare instants would count differently
    for (const [i, at] of [
      '2026-04-10T15:59:59.999Z', // 10 April in Shanghai: out
      '2026-04-10T16:00:00.000Z', // 11 April: in (before `from`)
      '2026-04-10T19:00:00.000Z', // 11 April: in (before `from`, and on the UTC day of `from`)
      '2026-05-11T10:00:00.000Z', // 11 May: in (after `to`)
      '2026-05-11T15:59:59.999Z', // 11 May: in
      '2026-05-11T16:00:00.000Z', // 12 May: out
      '2026-05-11T20:00:00.000Z', // 12 May: out (on the UTC day of `to`)
    ].entries())
      generated.push({
        ext: `G-edge-${i}`,
        store: stores[i % 3],
        member: `metric-edge-${i % 2}`,
        at: new Date(at),
        total: 0,
        refund: 0,
      });
    // shuffled arrival: historical orders come in any order
    for (const g of [...generated].sort(() => rnd() - 0.5)) {
      const r = ok<Ingested>(
        await ingest({
          source: 'import',
          externalId: g.ext,
          channel: 'STORE',
          storeId: g.store,
          buyer: g.member ? { channel: 'STORE', externalId: g.member } : null,
          lines: [{ sku: 'SKU-0009', quantity: 1, unitPrice: 2000 }],
          placedAt: g.at.toISOString(),
        }),
      ).ingestOrder.order;
      g.id = r.id;
      g.total = 2000;
      if (g.refund) ok(await refund(r.id, `ref-${g.ext}`, g.refund));
    }
    const [firstDay, lastDay] = [shanghaiDay(from), shanghaiDay(new Date(to.getTime() - 1))];
    expect([firstDay, lastDay]).toEqual(['2026-04-11', '2026-05-11']);
    const brute = (store: string | null) => {
      const mine = generated.filter(
        (g) => shanghaiDay(g.at) >= firstDay && shanghaiDay(g.at) <= lastDay && (!store || g.store === store),
      );
      const first = new Map<string, Date>();
      for (const g of generated)
        if (g.member && (!first.has(g.member) || g.at < first.get(g.member)!)) first.set(g.member, g.at);
      return {
        orderCount: mine.length,
        revenue: { amount: mine.reduce((n, g) => n + g.total - g.refund, 0) },
        identifiedCustomers: new Set(mine.filter((g) => g.member).map((g) => g.member)).size,
        repeatPurchaseShare: mine.length
          ? mine.filter((g) => g.member && g.at > first.get(g.member)!).length / mine.length
          : 0,
      };
    };
    const q =
      'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { orderCount revenue { amount } identifiedCustomers repeatPurchaseShare } }';
    for (const s of [null, ...stores]) {
      const got = ok<{ storeMetrics: ReturnType<typeof brute> }>(
        await w.api.query(q, { s, f: from.toISOString(), t: to.toISOString() }, w.hq),
      ).storeMetrics;
      const want = brute(s);
      expect({ ...got, repeatPurchaseShare: Math.round(got.repeatPurchaseShare * 1e9) }).toEqual({
        ...want,
        repeatPurchaseShare: Math.round(want.repeatPurchaseShare * 1e9),
      });
    }
    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-002' });
    expect(
      code(await w.api.query(q, { s: 'store-sh-001', f: from.toISOString(), t: to.toISOString() }, clerk)),
    ).toBe('FORBIDDEN');
    expect(code(await w.api.query(q, { s: null, f: from.toISOString(), t: to.toISOString() }, clerk))).toBe(
      'FORBIDDEN',
    );
    ok(
      await w.api.query(
        q,
        { s: 'store-sh-001', f: from.toISOString(), t: to.toISOString() },
        await testToken({ role: 'STORE_MANAGER', region: 'east' }),
      ),
    );
    expect(
      code(
        await w.api.query(
          q,
          { s: 'store-bj-001', f: from.toISOString(), t: to.toISOString() },
          await testToken({ role: 'STORE_MANAGER', region: 'east' }),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await w.api.query(q, { s: null, f: to.toISOString(), t: from.toISOString() }, w.hq))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
