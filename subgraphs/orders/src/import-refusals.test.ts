import { DomainError, ErrorCode } from '@zhongtai/contracts';
import {
  type ServedForTest,
  type ServiceCall,
  type TestEnv,
  answerAccessScopes,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createOrdersSubgraph } from './index.js';

/**
 * A history batch whose buyers the member center will not identify yet because it is pacing imports
 * (RATE_LIMITED: its consumers are behind) is refused as a whole, with the retry hint, and nothing of
 * it is written — it is sent again later — instead of its orders waiting for their buyers and being
 * finished one by one by the resume job long after the import (which kept the store metrics' days
 * changing under every query of a million-order import).
 */
let env: TestEnv;
let api: ServedForTest;
let orders: Awaited<ReturnType<typeof createOrdersSubgraph>>;
let busy = true;
const call: ServiceCall = async <T>(_t: string, query: string, variables?: Record<string, unknown>) => {
  const scopes = answerAccessScopes({ members: {}, stores: {} }, query, variables);
  if (scopes) return scopes as T;
  if (busy)
    throw new DomainError(ErrorCode.RATE_LIMITED, 'imports are paced: the consumers are behind', {
      retryAfterMs: 1000,
    });
  const inputs = variables!.i as Array<{ externalId: string }>;
  return {
    identifyMembers: inputs.map((b) => ({ memberId: `mem-${b.externalId}`, code: null, message: null })),
  } as T;
};

beforeAll(async () => {
  env = await startTestEnv();
  orders = await createOrdersSubgraph({ ...(await env.deps('orders')), call }, { resumeEveryMs: 0 });
  await orders.start({ relay: false });
  api = await serveForTest(orders);
});
afterAll(async () => {
  await api.close();
  await orders.stop();
  await env.close();
});

const IMPORT =
  'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing rejected { index code } } }';
const orderInput = (i: number) => ({
  source: 'legacy-pos',
  externalId: `refused-${i}`,
  channel: 'STORE',
  storeId: 's1',
  buyer: { channel: 'STORE', externalId: `card-${i % 3}` },
  lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 1000 }],
  placedAt: '2026-05-01T04:00:00.000Z',
});

it('refuses the batch with RATE_LIMITED and writes nothing; sent again, it is imported whole', async () => {
  const system = await testToken({ role: 'SYSTEM' });
  const batch = { orders: [0, 1, 2, 3].map(orderInput) };
  const refused = await api.query(IMPORT, { i: batch }, system);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });

  // nothing of the refused try was kept: every order of the batch is new when it comes again
  busy = false;
  const again = await api.query<{ importOrders: unknown }>(IMPORT, { i: batch }, system);
  expect(again.data?.importOrders).toEqual({ created: 4, existing: 0, rejected: [] });
});
