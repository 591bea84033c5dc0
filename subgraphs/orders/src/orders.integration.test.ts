import { randomUUID } from 'node:crypto';
import { DomainError, type EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ScopeWorld,
  answerAccessScopes,
  type ServedForTest,
  type ServiceCall,
  type TestEnv,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createOrdersSubgraph } from './index.js';

let env: TestEnv;
let api: ServedForTest;
let orders: Awaited<ReturnType<typeof createOrdersSubgraph>>;
let system: string;
let hq: string;
const clock = new ManualClock('2026-06-30T12:00:00.000Z');
const events: EventEnvelope[] = [];
let memberCenterDown = false;

/** The member center as the orders subgraph sees it: identifyMember by (channel, externalId). */
const scopes: ScopeWorld = {
  members: {},
  stores: { 'store-sh-001': 'east', 'store-sh-002': 'east', 'store-bj-001': 'north' },
};
const actors: Array<{ externalId: string; actor?: { role: string } }> = [];
const call: ServiceCall = async <T>(
  _tenant: string,
  query: string,
  variables?: Record<string, unknown>,
  options?: { actor?: { role: string } },
) => {
  if (query.includes('identifyMember'))
    actors.push({ externalId: (variables!.i as { externalId: string }).externalId, actor: options?.actor });
  if (memberCenterDown) throw new DomainError('UPSTREAM_UNAVAILABLE', 'member center did not answer');
  const scoped = answerAccessScopes(scopes, query, variables);
  if (scoped) return scoped as T;
  const i = variables!.i as { channel: string; externalId: string };
  return { identifyMember: { member: { id: `mem-${i.externalId}` } } } as T;
};

type Gql = Awaited<ReturnType<ServedForTest['query']>>;
const ok = <T>(r: Gql) => {
  expect(r.errors).toBeUndefined();
  return r.data as T;
};
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

const INGEST =
  'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id status memberId: member { id } total { amount } } } }';
type Ingested = {
  ingestOrder: {
    created: boolean;
    order: { id: string; status: string; memberId: { id: string } | null; total: { amount: number } };
  };
};
const order = (externalId: string, x: Record<string, unknown> = {}) => ({
  source: 'pos',
  externalId,
  channel: 'STORE',
  storeId: 'store-sh-001',
  buyer: { channel: 'STORE', externalId: `card-${externalId}` },
  lines: [
    { sku: 'SKU-0001', quantity: 2, unitPrice: 1500 },
    { sku: 'SKU-0002', quantity: 1, unitPrice: 1000 },
  ],
  placedAt: clock.now().toISOString(),
  ...x,
});
const ingest = (i: Record<string, unknown>, token = system) => api.query<Ingested>(INGEST, { i }, token);
const refund = (orderId: string, refundId: string, amount: number) =>
  api.query(
    'mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id status } }',
    { i: { orderId, refundId, amount } },
    system,
  );
const of = (type: string, orderId: string) =>
  events.filter((e) => e.type === type && (e.payload as { orderId: string }).orderId === orderId);

beforeAll(async () => {
  env = await startTestEnv();
  orders = await createOrdersSubgraph({ ...(await env.deps('orders', clock)), call }, { resumeEveryMs: 0 });
  await orders.start();
  api = await serveForTest(orders);
  await env.infra.bus.subscribe({
    group: 'test-observer',
    events: ['order.completed.v1', 'order.refunded.v1', 'order.imported.v1'],
    handler: async (e) => void events.push(e),
  });
  system = await testToken({ role: 'SYSTEM' });
  hq = await testToken({ role: 'HQ' });
  for (const [storeId, region] of [
    ['store-sh-001', 'east'],
    ['store-sh-002', 'east'],
    ['store-bj-001', 'north'],
  ]) {
    await env.infra.bus.publish({
      id: randomUUID(),
      type: 'store.changed',
      version: 1,
      tenant: 'demo',
      occurredAt: clock.now().toISOString(),
      producer: 't',
      key: storeId,
      payload: { storeId, name: storeId, region },
    });
  }
  await env.infra.bus.drain();
});
afterAll(async () => {
  await api.close();
  await env.close();
});

describe('ingest', () => {
  it('keeps one order and one completion event when the same order arrives three times, from two adapters', async () => {
    const results = [
      await ingest(order('A-1')),
      await ingest(order('A-1')),
      await ingest(order('A-1'), await testToken({ role: 'SYSTEM', sub: 'oms-adapter' })),
    ];
    const got = results.map((r) => ok<Ingested>(r).ingestOrder);
    expect(got.map((g) => g.created)).toEqual([true, false, false]);
    expect(new Set(got.map((g) => g.order.id)).size).toBe(1);
    expect(got[0].order).toMatchObject({
      status: 'COMPLETED',
      memberId: { id: 'mem-card-A-1' },
      total: { amount: 4000 },
    });
    await env.infra.bus.drain();
    expect(of('order.completed', got[0].order.id)).toHaveLength(1);
  });

  it('normalises the source (the contract says String!): "POS", " pos " and "pos" are one source', async () => {
    const first = ok<Ingested>(await ingest(order('N-1', { source: 'POS' }))).ingestOrder;
    expect(first.created).toBe(true);
    const again = ok<Ingested>(await ingest(order('N-1', { source: ' pos ' }))).ingestOrder;
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });
    expect(
      ok<{ ingestOrder: { order: { source: string } } }>(
        await api.query(
          'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { source } } }',
          {
            i: order('N-1', { source: 'Pos' }),
          },
          system,
        ),
      ).ingestOrder.order.source,
    ).toBe('pos');
  });

  it('says who typed an order in: the clerk is the actor of the buyer lookup and rides on order.completed', async () => {
    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-7' });
    const o = ok<Ingested>(await ingest(order('E-1'), clerk)).ingestOrder.order;
    expect(actors.find((a) => a.externalId === 'card-E-1')?.actor).toMatchObject({
      role: 'CLERK',
      sub: 'clerk-7',
      storeId: 'store-sh-001',
    });
    await env.infra.bus.drain();
    expect(of('order.completed', o.id)[0].payload).toMatchObject({
      enteredBy: { role: 'CLERK', sub: 'clerk-7', storeId: 'store-sh-001' },
    });
    // a system's order carries no actor
    const s = ok<Ingested>(await ingest(order('E-2'))).ingestOrder.order;
    await env.infra.bus.drain();
    expect(actors.find((a) => a.externalId === 'card-E-2')?.actor).toBeUndefined();
    expect(of('order.completed', s.id)[0].payload).not.toHaveProperty('enteredBy');
  });

  it('completes a placed order on redelivery and announces it then', async () => {
    const placed = ok<Ingested>(await ingest(order('A-2', { status: 'PLACED' }))).ingestOrder.order;
    await env.infra.bus.drain();
    expect(of('order.completed', placed.id)).toHaveLength(0);
    const done = ok<Ingested>(await ingest(order('A-2', { status: 'COMPLETED' }))).ingestOrder;
    expect(done).toMatchObject({ created: false, order: { status: 'COMPLETED' } });
    await env.infra.bus.drain();
    expect(of('order.completed', placed.id)).toHaveLength(1);
  });

  it('refuses bad orders with typed errors and stores nothing', async () => {
    const bad = [
      order('B-1', { lines: [] }),
      order('B-2', { lines: [{ sku: 'X', quantity: 0, unitPrice: 100 }] }),
      order('B-3', { lines: [{ sku: 'X', quantity: 1, unitPrice: -1 }] }),
      order('B-4', { placedAt: new Date(clock.now().getTime() + 3 * 86_400_000).toISOString() }),
      order('B-5', { storeId: null }),
      order('B-6', { source: '   ' }),
      order('B-7', { currency: 'yuan' }),
    ];
    for (const i of bad) expect(code(await ingest(i))).toBe('BAD_USER_INPUT');
    expect(code(await ingest({ ...order('B-8'), channel: 'FAX' }))).toBe('BAD_USER_INPUT');
    expect(
      code(await ingest(order('B-9'), await testToken({ role: 'CLERK', storeId: 'store-bj-001' }))),
    ).toBe('FORBIDDEN');
    expect(code(await ingest(order('B-10'), await testToken({ role: 'MEMBER', memberId: 'm' })))).toBe(
      'FORBIDDEN',
    );
    ok(await ingest(order('B-1'))); // the same external id with a valid body is accepted afterwards
  });

  it('announces a historical order as imported (history and metrics, no points)', async () => {
    const r = ok<Ingested>(await ingest(order('H-1', { historical: true }))).ingestOrder.order;
    await env.infra.bus.drain();
    expect(of('order.completed', r.id)).toHaveLength(0);
    expect(of('order.imported', r.id)).toHaveLength(1);
  });

  it('waits for the buyer while the member center is down, then attaches and announces', async () => {
    memberCenterDown = true;
    const r = ok<Ingested>(await ingest(order('C-1'))).ingestOrder;
    expect(r.order.memberId).toBeNull();
    await env.infra.bus.drain();
    expect(of('order.completed', r.order.id)).toHaveLength(0);
    memberCenterDown = false;
    expect(await orders.ingest.resume()).toBeGreaterThanOrEqual(1);
    await env.infra.bus.drain();
    expect(of('order.completed', r.order.id)).toHaveLength(1);
    expect((of('order.completed', r.order.id)[0].payload as { memberId: string }).memberId).toBe(
      'mem-card-C-1',
    );
  });
});

describe('refunds', () => {
  it('adds partial refunds up to the total, idempotent by refund id', async () => {
    const o = ok<Ingested>(await ingest(order('R-1'))).ingestOrder.order;
    expect(ok<{ refundOrder: { status: string } }>(await refund(o.id, 'r1', 1000)).refundOrder.status).toBe(
      'PARTIALLY_REFUNDED',
    );
    expect(ok<{ refundOrder: { status: string } }>(await refund(o.id, 'r1', 1000)).refundOrder.status).toBe(
      'PARTIALLY_REFUNDED',
    );
    expect(code(await refund(o.id, 'r1', 999))).toBe('CONFLICT');
    expect(code(await refund(o.id, 'r2', 3001))).toBe('BAD_USER_INPUT');
    expect(code(await refund(o.id, 'r2', 0))).toBe('BAD_USER_INPUT');
    expect(code(await refund('ord_nope', 'r2', 10))).toBe('NOT_FOUND');
    expect(ok<{ refundOrder: { status: string } }>(await refund(o.id, 'r2', 3000)).refundOrder.status).toBe(
      'REFUNDED',
    );
    await env.infra.bus.drain();
    expect(
      of('order.refunded', o.id).map((e) => (e.payload as { refundedTotal: number }).refundedTotal),
    ).toEqual([1000, 4000]);
  });

  it('applies a refund that arrived before its order when the order comes', async () => {
    const early = ok<{ ingestRefund: unknown }>(
      await api.query(
        'mutation { ingestRefund(input: { source: "pos", orderExternalId: "R-2", refundId: "rr", amount: 1500 }) { id } }',
        {},
        system,
      ),
    );
    expect(early.ingestRefund).toBeNull();
    const o = ok<Ingested>(await ingest(order('R-2'))).ingestOrder.order;
    expect(o.status).toBe('PARTIALLY_REFUNDED');
    await env.infra.bus.drain();
    expect(of('order.completed', o.id)).toHaveLength(1);
    expect(
      of('order.refunded', o.id).map((e) => (e.payload as { refundedTotal: number }).refundedTotal),
    ).toEqual([1500]);
  });
});

describe('reads', () => {
  it("serves a member's orders and stats in constant round trips, following merges", async () => {
    const trips = async (memberId: string) => {
      api.requests.length = 0;
      const r = ok<{
        _entities: Array<{
          orderStats: { orderCount: number };
          orders: { totalCount: number; nodes: unknown[] };
        }>;
      }>(
        await api.query(
          'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { orderStats { orderCount isRepeatCustomer } orders(first: 5) { totalCount nodes { id lines { sku { code } quantity } } } } } }',
          { r: [{ __typename: 'Member', id: memberId }] },
          hq,
        ),
      );
      return { trips: api.requests[0].dbRoundTrips, data: r._entities[0] };
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
      await env.infra.bus.publish({
        id: randomUUID(),
        type,
        version: 1,
        tenant: 'demo',
        occurredAt: clock.now().toISOString(),
        producer: 't',
        key: 'k',
        payload,
      });
      await env.infra.bus.drain();
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
        await api.query('query($id: ID!) { order(id: $id) { id } }', { id: o.id }, token),
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
      await api.query(
        '{ _entities(representations: [{ __typename: "Sku", code: "SKU-0001" }]) { ... on Sku { boughtTogether(first: 3) { sku { code } orders } } } }',
        {},
        hq,
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
    ok<Metrics>(await api.query(METRICS, { s, f, t }, hq)).storeMetrics;

  it("buckets an order and a new member by the tenant's business day: 17:00 UTC is the next day in Shanghai", async () => {
    const store = 'store-cal-001';
    ok(await ingest(order('CAL-1', { storeId: store, placedAt: '2026-03-01T17:00:00.000Z' })));
    ok(await ingest(order('CAL-2', { storeId: store, placedAt: '2026-03-01T15:59:59.999Z' })));
    await env.deliver(
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
    const [first, second] = await orders.reads.repo
      .buckets('demo', store, ['2026-03-01', '2026-03-02'])
      .then((b) => ['2026-03-01', '2026-03-02'].map((d) => b.find((x) => x.day === d)));
    expect(first).toMatchObject({ orderCount: 1, revenue: 4000 });
    expect(first?.newMembers ?? []).toEqual([]);
    expect(second).toMatchObject({ orderCount: 1, revenue: 4000, newMembers: ['cal-new'] });
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
        await api.query(q, { s, f: from.toISOString(), t: to.toISOString() }, hq),
      ).storeMetrics;
      const want = brute(s);
      expect({ ...got, repeatPurchaseShare: Math.round(got.repeatPurchaseShare * 1e9) }).toEqual({
        ...want,
        repeatPurchaseShare: Math.round(want.repeatPurchaseShare * 1e9),
      });
    }
    const clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-002' });
    expect(
      code(await api.query(q, { s: 'store-sh-001', f: from.toISOString(), t: to.toISOString() }, clerk)),
    ).toBe('FORBIDDEN');
    expect(code(await api.query(q, { s: null, f: from.toISOString(), t: to.toISOString() }, clerk))).toBe(
      'FORBIDDEN',
    );
    ok(
      await api.query(
        q,
        { s: 'store-sh-001', f: from.toISOString(), t: to.toISOString() },
        await testToken({ role: 'STORE_MANAGER', region: 'east' }),
      ),
    );
    expect(
      code(
        await api.query(
          q,
          { s: 'store-bj-001', f: from.toISOString(), t: to.toISOString() },
          await testToken({ role: 'STORE_MANAGER', region: 'east' }),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(code(await api.query(q, { s: null, f: to.toISOString(), t: from.toISOString() }, hq))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
