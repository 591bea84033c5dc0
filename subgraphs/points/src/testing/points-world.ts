import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ServedForTest,
  type TestEnv,
  everyMemberAt,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createPointsSubgraph } from '../index.js';

import { type GqlResult as Gql, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';

export { type Gql, code, ok };
export const ext = (r: Gql) => r.errors?.[0]?.extensions as Record<string, unknown>;
export const DAY = 86_400_000;

export type PointsSubgraph = Awaited<ReturnType<typeof createPointsSubgraph>>;

/**
 * The points subgraph of an integration test file, served with its own store and bus, jobs driven by
 * hand, the clock at 2026-05-03T10:00Z. Every member exists and joined store-sh-001 (region east), so
 * its clerks may act for them. Call it at the top of the file: it registers the file's beforeAll and
 * afterAll; `env`, `api`, `points` and the tokens are there once beforeAll ran.
 */
export function pointsWorld() {
  const clock = new ManualClock('2026-05-03T10:00:00.000Z');
  const w = {
    clock,
    env: undefined as unknown as TestEnv,
    api: undefined as unknown as ServedForTest,
    points: undefined as unknown as PointsSubgraph,
    system: '',
    hq: '',
    clerk: '',
    clerk2: '',
    /** every points.changed / tier.changed / points.expiring published */
    published: [] as EventEnvelope[],
    /** an event of another subgraph, delivered to the points consumers now */
    deliver: (type: string, payload: Record<string, unknown>) =>
      w.env.deliver(type, payload, { at: clock.now() }),
    /** `order.refunded` with the order's cumulative refunded total */
    refunded: (
      memberId: string,
      orderId: string,
      orderTotal: number,
      refundedTotal: number,
      amount = refundedTotal,
    ) =>
      w.deliver('order.refunded', {
        orderId,
        refundId: `${orderId}-r${refundedTotal}`,
        memberId,
        amount,
        currency: 'CNY',
        orderTotal,
        refundedTotal,
      }),
    /** snapshot == ledger for every account so far */
    reconcileClean: async () => {
      const r = ok<{ pointsReconciliation: { checked: number; mismatches: unknown[] } }>(
        await w.api.query('{ pointsReconciliation { checked mismatches { memberId problems } } }', {}, w.hq),
      );
      expect(r.pointsReconciliation.mismatches).toEqual([]);
      expect(r.pointsReconciliation.checked).toBeGreaterThan(0);
    },
  };
  const ACCOUNT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { points { balance pending lifetimeEarned debt expiring(withinDays: 30)
    history(first: 50) { totalCount nodes { kind delta pendingDelta source sourceRef ruleId explanation } } } growth { value tier { code } nextTier { code } pointsToNextTier } } } }`;
  type Account = {
    points: {
      balance: number;
      pending: number;
      lifetimeEarned: number;
      debt: number;
      expiring: number;
      history: {
        totalCount: number;
        nodes: Array<{
          kind: string;
          delta: number;
          pendingDelta: number;
          source: string;
          sourceRef: string;
          ruleId: string | null;
          explanation: string;
        }>;
      };
    };
    growth: {
      value: number;
      tier: { code: string };
      nextTier: { code: string } | null;
      pointsToNextTier: number | null;
    };
  };
  /** a member's points and growth as HQ sees them */
  async function account(memberId: string): Promise<Account> {
    return ok<{ _entities: Account[] }>(
      await w.api.query(ACCOUNT, { r: [{ __typename: 'Member', id: memberId }] }, w.hq),
    )._entities[0];
  }
  const earn = (memberId: string, pts: number, key: string, token = w.system) =>
    w.api.query(
      'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id kind delta } }',
      { i: { memberId, points: pts, source: 'campaign', idempotencyKey: key } },
      token,
    );
  const redeem = (memberId: string, pts: number, key: string, token = w.system) =>
    w.api.query(
      'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id kind delta } }',
      { i: { memberId, points: pts, idempotencyKey: key } },
      token,
    );

  const orderCompleted = (
    memberId: string,
    orderId: string,
    lines: Array<[string, number, number]>,
    channel = 'STORE',
    placedAt = w.clock.now(),
  ) =>
    w.deliver('order.completed', {
      orderId,
      source: 'pos',
      externalId: orderId,
      memberId,
      channel,
      storeId: 'store-sh-001',
      total: { amount: lines.reduce((n, [, q, p]) => n + q * p, 0), currency: 'CNY' },
      lines: lines.map(([sku, quantity, unitPrice]) => ({ sku, quantity, unitPrice })),
      placedAt: placedAt.toISOString(),
    });
  /** HQ (by default) changes the tenant's grant limits */
  const setLimits = (input: Record<string, unknown>, token = w.hq) =>
    w.api.query<{ setGrantLimits: Record<string, unknown> }>(
      `mutation($i: GrantLimitsInput!) { setGrantLimits(input: $i) { maxPointsPerGrant maxPointsPerMemberPerDay
        maxPointsPerStaffPerDay holdOrdersAbove holdLateOrders plusPricePerMonth timeZone } }`,
      { i: input },
      token,
    );
  beforeAll(async () => {
    w.env = await startTestEnv();
    const call = everyMemberAt(['store-sh-001'], { 'store-sh-001': 'east' });
    w.points = await createPointsSubgraph(
      { ...(await w.env.deps('points', clock)), call },
      { jobsEveryMs: 0 },
    );
    await w.points.start();
    w.api = await serveForTest(w.points);
    await w.env.infra.bus.subscribe({
      group: 'test-observer',
      events: ['points.changed.v1', 'tier.changed.v1', 'points.expiring.v1'],
      handler: async (e) => void w.published.push(e),
    });
    w.system = await testToken({ role: 'SYSTEM', sub: 'pos-adapter' });
    w.hq = await testToken({ role: 'HQ', sub: 'hq-1' });
    w.clerk = await testToken({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-1' });
    w.clerk2 = await testToken({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-2' });
  });
  afterAll(async () => {
    await w.api.close();
    await w.env.close();
  });
  return Object.assign(w, { account, earn, redeem, orderCompleted, setLimits });
}
