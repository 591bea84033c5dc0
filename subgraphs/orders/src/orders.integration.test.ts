import { testToken } from '@zhongtai/subgraph-kit';
import { type Ingested, code, ok, ordersWorld } from './testing/orders-world.js';

/** Orders and refunds through the API: deduplication, buyers, events (shared setup: testing/orders-world.ts). */
const w = ordersWorld();
const { clock, actors, order, ingest, refund, of } = w;

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
    await w.env.infra.bus.drain();
    expect(of('order.completed', got[0].order.id)).toHaveLength(1);
  });

  it('normalises the source (the contract says String!): "POS", " pos " and "pos" are one source', async () => {
    const first = ok<Ingested>(await ingest(order('N-1', { source: 'POS' }))).ingestOrder;
    expect(first.created).toBe(true);
    const again = ok<Ingested>(await ingest(order('N-1', { source: ' pos ' }))).ingestOrder;
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });
    expect(
      ok<{ ingestOrder: { order: { source: string } } }>(
        await w.api.query(
          'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { source } } }',
          {
            i: order('N-1', { source: 'Pos' }),
          },
          w.system,
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
    await w.env.infra.bus.drain();
    expect(of('order.completed', o.id)[0].payload).toMatchObject({
      enteredBy: { role: 'CLERK', sub: 'clerk-7', storeId: 'store-sh-001' },
    });
    // a system's order carries no actor
    const s = ok<Ingested>(await ingest(order('E-2'))).ingestOrder.order;
    await w.env.infra.bus.drain();
    expect(actors.find((a) => a.externalId === 'card-E-2')?.actor).toBeUndefined();
    expect(of('order.completed', s.id)[0].payload).not.toHaveProperty('enteredBy');
  });

  it('completes a placed order on redelivery and announces it then', async () => {
    const placed = ok<Ingested>(await ingest(order('A-2', { status: 'PLACED' }))).ingestOrder.order;
    await w.env.infra.bus.drain();
    expect(of('order.completed', placed.id)).toHaveLength(0);
    const done = ok<Ingested>(await ingest(order('A-2', { status: 'COMPLETED' }))).ingestOrder;
    expect(done).toMatchObject({ created: false, order: { status: 'COMPLETED' } });
    await w.env.infra.bus.drain();
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
    await w.env.infra.bus.drain();
    expect(of('order.completed', r.id)).toHaveLength(0);
    expect(of('order.imported', r.id)).toHaveLength(1);
  });

  it('waits for the buyer while the member center is down, then attaches and announces', async () => {
    w.memberCenterDown = true;
    const r = ok<Ingested>(await ingest(order('C-1'))).ingestOrder;
    expect(r.order.memberId).toBeNull();
    await w.env.infra.bus.drain();
    expect(of('order.completed', r.order.id)).toHaveLength(0);
    w.memberCenterDown = false;
    expect(await w.orders.services.intake.resume()).toBeGreaterThanOrEqual(1);
    await w.env.infra.bus.drain();
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
    await w.env.infra.bus.drain();
    expect(
      of('order.refunded', o.id).map((e) => (e.payload as { refundedTotal: number }).refundedTotal),
    ).toEqual([1000, 4000]);
  });

  it('applies a refund that arrived before its order when the order comes', async () => {
    const early = ok<{ ingestRefund: unknown }>(
      await w.api.query(
        'mutation { ingestRefund(input: { source: "pos", orderExternalId: "R-2", refundId: "rr", amount: 1500 }) { id } }',
        {},
        w.system,
      ),
    );
    expect(early.ingestRefund).toBeNull();
    const o = ok<Ingested>(await ingest(order('R-2'))).ingestOrder.order;
    expect(o.status).toBe('PARTIALLY_REFUNDED');
    await w.env.infra.bus.drain();
    expect(of('order.completed', o.id)).toHaveLength(1);
    expect(
      of('order.refunded', o.id).map((e) => (e.payload as { refundedTotal: number }).refundedTotal),
    ).toEqual([1500]);
  });
});
