import { jest } from '@jest/globals';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  Outbox,
  type ServedForTest,
  type ServiceCall,
  type SubgraphDeps,
  type TestEnv,
  answerAccessScopes,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createOrdersSubgraph } from './index.js';
import { RESUME_AFTER_MS } from './service/settle-service.js';
import { OrderRepository } from './store/order-repository.js';

/**
 * An order is written, then projected (member summary, store-day buckets, pairs), then announced;
 * a refund is applied (with its event and a re-projection mark in one write), then projected, then
 * its event handed to the outbox. Each step is made to fail once; then either the adapter delivers
 * again (the client's retry) or nobody does and the resume job and the relay run, as after a
 * restart. The order, its projections and its events must end whole: counted once, announced once.
 */
let env: TestEnv;
let deps: SubgraphDeps;
let api: ServedForTest;
let orders: Awaited<ReturnType<typeof createOrdersSubgraph>>;
let system: string;
const clock = new ManualClock('2026-06-30T04:00:00.000Z');
const events: EventEnvelope[] = [];
const crash = () => new Error('the process died here');
const call: ServiceCall = async <T>(_t: string, query: string, variables?: Record<string, unknown>) =>
  (answerAccessScopes({ members: {}, stores: {} }, query, variables) ??
    ({
      identifyMember: { member: { id: `mem-${(variables!.i as { externalId: string }).externalId}` } },
    } as T)) as T;

beforeAll(async () => {
  env = await startTestEnv();
  deps = { ...(await env.deps('orders', clock)), call };
  orders = await createOrdersSubgraph(deps, { resumeEveryMs: 0 });
  await orders.start({ relay: false });
  api = await serveForTest(orders);
  await env.infra.bus.subscribe({
    group: 'test.observer',
    events: ['order.completed.v1', 'order.refunded.v1'],
    handler: async (e) => void events.push(e),
  });
  system = await testToken({ role: 'SYSTEM' });
});
afterAll(async () => {
  await api.close();
  await orders.stop();
  await env.close();
});
afterEach(() => jest.restoreAllMocks());

let n = 0;
const ingest = (externalId: string, storeId: string) =>
  api.query<{ ingestOrder: { order: { id: string } } }>(
    'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { id } } }',
    {
      i: {
        source: 'pos',
        externalId,
        channel: 'STORE',
        storeId,
        buyer: { channel: 'STORE', externalId: `card-${externalId}` },
        lines: [{ sku: 'SKU-0001', quantity: 2, unitPrice: 1500 }],
        placedAt: clock.now().toISOString(),
      },
    },
    system,
  );
const refund = (orderId: string, refundId: string) =>
  api.query(
    'mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id } }',
    { i: { orderId, refundId, amount: 1000 } },
    system,
  );

async function recover(): Promise<void> {
  clock.advance(RESUME_AFTER_MS + 1_000);
  await orders.services.intake.resume();
  await deps.outbox.relay(0);
  await env.infra.bus.drain();
}

async function expectWhole(orderId: string, storeId: string, memberId: string, refunded: number) {
  const of = (type: string) =>
    events.filter((e) => e.type === type && (e.payload as { orderId: string }).orderId === orderId);
  expect(of('order.completed')).toHaveLength(1);
  expect(of('order.refunded')).toHaveLength(refunded ? 1 : 0);
  const m = await api.query<{
    _entities: Array<{ orderStats: { orderCount: number; totalSpent: { amount: number } } }>;
  }>(
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { orderStats { orderCount totalSpent { amount } } } } }',
    { r: [{ __typename: 'Member', id: memberId }] },
    system,
  );
  expect(m.data!._entities[0].orderStats).toEqual({ orderCount: 1, totalSpent: { amount: 3000 - refunded } });
  const metrics = await api.query<{ storeMetrics: { orderCount: number; revenue: { amount: number } } }>(
    'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { orderCount revenue { amount } } }',
    {
      s: storeId,
      f: new Date(clock.now().getTime() - 3 * 86_400_000).toISOString(),
      t: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    },
    system,
  );
  expect(metrics.data!.storeMetrics).toEqual({ orderCount: 1, revenue: { amount: 3000 - refunded } });
}

const INGEST_STEPS: Array<[string, () => void]> = [
  [
    'after the order is written, before it is projected',
    () => jest.spyOn(OrderRepository.prototype, 'recordMemberOrder').mockRejectedValueOnce(crash()),
  ],
  [
    'after the projections, before the order is marked projected with its completion on it',
    () => jest.spyOn(OrderRepository.prototype, 'markProjected').mockRejectedValueOnce(crash()),
  ],
  [
    'after the completion is written on the order, before it is published',
    () => jest.spyOn(Outbox.prototype, 'emitFrom').mockRejectedValueOnce(crash()),
  ],
];

describe.each(INGEST_STEPS)('an order interrupted %s', (_step, inject) => {
  it.each(['the adapter delivering again', 'the resume job and the relay'])(
    'ends whole after %s',
    async (how) => {
      const externalId = `F-${++n}`;
      const storeId = `store-fault-${n}`;
      inject();
      expect((await ingest(externalId, storeId)).errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      jest.restoreAllMocks();
      if (how.startsWith('the adapter')) expect((await ingest(externalId, storeId)).errors).toBeUndefined();
      await recover();
      const id = (await ingest(externalId, storeId)).data!.ingestOrder.order.id;
      await recover();
      await expectWhole(id, storeId, `mem-card-${externalId}`, 0);
    },
  );
});

it('leaves an order still in its writer’s hands to it (a replica’s import batch), then finishes it', async () => {
  const externalId = `Y-${++n}`;
  const storeId = `store-fault-${n}`;
  jest.spyOn(OrderRepository.prototype, 'recordMemberOrder').mockRejectedValueOnce(crash());
  expect((await ingest(externalId, storeId)).errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  jest.restoreAllMocks();
  clock.advance(RESUME_AFTER_MS - 1_000);
  await orders.services.intake.resume();
  await deps.outbox.relay(0);
  await env.infra.bus.drain();
  expect(events.filter((e) => (e.payload as { storeId?: string }).storeId === storeId)).toEqual([]);
  await recover();
  const id = (await ingest(externalId, storeId)).data!.ingestOrder.order.id;
  await expectWhole(id, storeId, `mem-card-${externalId}`, 0);
});

const REFUND_STEPS: Array<[string, () => void]> = [
  [
    'after the refund is applied, before it is projected',
    () => jest.spyOn(OrderRepository.prototype, 'recordMemberOrder').mockRejectedValueOnce(crash()),
  ],
  [
    'after the projections, before its event (on the order) is published',
    () => jest.spyOn(Outbox.prototype, 'emitFrom').mockRejectedValueOnce(crash()),
  ],
];

describe.each(REFUND_STEPS)('a refund interrupted %s', (_step, inject) => {
  it.each(['the client retrying it', 'the resume job and the relay'])('ends whole after %s', async (how) => {
    const externalId = `R-${++n}`;
    const storeId = `store-fault-${n}`;
    const id = (await ingest(externalId, storeId)).data!.ingestOrder.order.id;
    await recover();
    inject();
    expect((await refund(id, 'rf-1')).errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    jest.restoreAllMocks();
    if (how.startsWith('the client')) expect((await refund(id, 'rf-1')).errors).toBeUndefined();
    await recover();
    await expectWhole(id, storeId, `mem-card-${externalId}`, 1000);
  });
});

it('projects and announces a refund that lands while the resume job is about to settle its order', async () => {
  const externalId = `L-${++n}`;
  const storeId = `store-fault-${n}`;
  // interrupted before it is marked projected (with its completion on it): the resume job finds it
  jest.spyOn(OrderRepository.prototype, 'markProjected').mockRejectedValueOnce(crash());
  expect((await ingest(externalId, storeId)).errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  jest.restoreAllMocks();
  let id = '';
  const pending = OrderRepository.prototype.pending;
  jest.spyOn(OrderRepository.prototype, 'pending').mockImplementation(async function (
    this: OrderRepository,
    field,
    limit?: number,
    createdBefore?: Date,
  ) {
    const found = await pending.call(this, field, limit, createdBefore);
    const mine = found.find((o) => o.externalId === externalId);
    if (field === 'projected' && mine && !id) {
      id = mine._id;
      // between the job's read and its settling, a clerk refunds the order
      expect((await refund(id, 'rf-late')).errors).toBeUndefined();
    }
    return found;
  });
  await recover();
  await recover();
  jest.restoreAllMocks();
  expect(id).not.toBe('');
  await expectWhole(id, storeId, `mem-card-${externalId}`, 1000);
});
