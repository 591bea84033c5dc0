import { randomUUID } from 'node:crypto';
import { DomainError, type EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ScopeWorld,
  type ServedForTest,
  type ServiceCall,
  type TestEnv,
  answerAccessScopes,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createOrdersSubgraph } from '../index.js';
import { OrderRepository } from '../store/order-repository.js';

import { gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';

export { code, ok };

export const INGEST =
  'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created order { id status memberId: member { id } total { amount } } } }';
export type Ingested = {
  ingestOrder: {
    created: boolean;
    order: { id: string; status: string; memberId: { id: string } | null; total: { amount: number } };
  };
};

/** The member center as the orders subgraph sees it: identifyMember by (channel, externalId). */
const scopes: ScopeWorld = {
  members: {},
  stores: { 'store-sh-001': 'east', 'store-sh-002': 'east', 'store-bj-001': 'north' },
};

/**
 * The orders subgraph of an integration test file, served with its own store and bus: the member
 * center stubbed (it identifies `card-X` as `mem-card-X`, and can be down), three stores in two
 * regions, every order event observed. Call it at the top of the file: it registers the file's
 * beforeAll and afterAll; `env`, `api`, `orders`, `repo` and the tokens are there once beforeAll ran.
 */
export function ordersWorld() {
  const clock = new ManualClock('2026-06-30T12:00:00.000Z');
  const w = {
    clock,
    env: undefined as unknown as TestEnv,
    api: undefined as unknown as ServedForTest,
    orders: undefined as unknown as Awaited<ReturnType<typeof createOrdersSubgraph>>,
    /** the subgraph's store, read directly where the API does not show a detail (a bucket's day) */
    repo: undefined as unknown as OrderRepository,
    system: '',
    hq: '',
    /** every order.completed / order.refunded / order.imported published */
    events: [] as EventEnvelope[],
    /** who asked the member center to identify which buyer */
    actors: [] as Array<{ externalId: string; actor?: { role: string } }>,
    memberCenterDown: false,
    /** the member center pacing imports: identifications answered RATE_LIMITED */
    memberCenterBusy: false,
    order: (externalId: string, x: Record<string, unknown> = {}) => ({
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
    }),
    ingest: (i: Record<string, unknown>, token?: string) =>
      w.api.query<Ingested>(INGEST, { i }, token ?? w.system),
    refund: (orderId: string, refundId: string, amount: number) =>
      w.api.query(
        'mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id status } }',
        { i: { orderId, refundId, amount } },
        w.system,
      ),
    of: (type: string, orderId: string) =>
      w.events.filter((e) => e.type === type && (e.payload as { orderId: string }).orderId === orderId),
  };
  const call: ServiceCall = async <T>(
    _tenant: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: { actor?: { role: string } },
  ) => {
    if (query.includes('identifyMember('))
      w.actors.push({
        externalId: (variables!.i as { externalId: string }).externalId,
        actor: options?.actor,
      });
    if (w.memberCenterDown) throw new DomainError('UPSTREAM_UNAVAILABLE', 'member center did not answer');
    const scoped = answerAccessScopes(scopes, query, variables);
    if (scoped) return scoped as T;
    if (w.memberCenterBusy)
      throw new DomainError('RATE_LIMITED', 'imports are paced: the consumers are behind', {
        retryAfterMs: 1000,
      });
    if (query.includes('identifyMembers('))
      return {
        identifyMembers: (variables!.i as Array<{ externalId: string }>).map((b) => ({
          memberId: `mem-${b.externalId}`,
          code: null,
          message: null,
        })),
      } as T;
    const i = variables!.i as { channel: string; externalId: string };
    return { identifyMember: { member: { id: `mem-${i.externalId}` } } } as T;
  };

  beforeAll(async () => {
    w.env = await startTestEnv();
    const deps = { ...(await w.env.deps('orders', clock)), call };
    w.orders = await createOrdersSubgraph(deps, { resumeEveryMs: 0 });
    w.repo = new OrderRepository(deps.db, deps.cache);
    await w.orders.start();
    w.api = await serveForTest(w.orders);
    await w.env.infra.bus.subscribe({
      group: 'test-observer',
      events: ['order.completed.v1', 'order.refunded.v1', 'order.imported.v1'],
      handler: async (e) => void w.events.push(e),
    });
    w.system = await testToken({ role: 'SYSTEM' });
    w.hq = await testToken({ role: 'HQ' });
    for (const [storeId, region] of Object.entries(scopes.stores)) {
      await w.env.infra.bus.publish({
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
    await w.env.infra.bus.drain();
  });
  afterAll(async () => {
    await w.api.close();
    await w.env.close();
  });
  return w;
}
