import { type ServedForTest, type TestEnv, testToken } from '@zhongtai/subgraph-kit';
import { type PointsSubgraph, DAY, code, ok, pointsWorld } from './testing/points-world.js';

/** The ledger through the API: earn and redeem, orders and refunds, expiry and tiers. */
const world = pointsWorld();
const { clock, published, deliver, refunded, reconcileClean, account, earn, redeem, orderCompleted } = world;
let env: TestEnv;
let api: ServedForTest;
let points: PointsSubgraph;
let hq: string;
beforeAll(() => ({ env, api, points, hq } = world));

describe('earn and redeem', () => {
  it('is idempotent by key: same key, same answer; same key with another body, CONFLICT', async () => {
    const m = 'm-idem';
    const first = ok<{ earnPoints: { id: string; delta: number } }>(await earn(m, 300, 'k1'));
    const again = ok<{ earnPoints: { id: string; delta: number } }>(await earn(m, 300, 'k1'));
    expect(again).toEqual(first);
    expect(code(await earn(m, 301, 'k1'))).toBe('CONFLICT');
    const r1 = ok<{ redeemPoints: { id: string } }>(await redeem(m, 100, 'r1'));
    expect(ok<{ redeemPoints: { id: string } }>(await redeem(m, 100, 'r1'))).toEqual(r1);
    expect(code(await redeem(m, 100, 'k1'))).toBeUndefined(); // keys are per operation kind
    expect((await account(m)).points.balance).toBe(100);
  });

  it('refuses bad input and overspending with typed errors and changes nothing', async () => {
    const m = 'm-bad';
    ok(await earn(m, 50, 'b1'));
    expect(code(await redeem(m, 51, 'b2'))).toBe('INSUFFICIENT_POINTS');
    expect(code(await redeem(m, 0, 'b3'))).toBe('BAD_USER_INPUT');
    expect(code(await redeem(m, -5, 'b4'))).toBe('BAD_USER_INPUT');
    expect(code(await earn(m, 10, ''))).toBe('BAD_USER_INPUT');
    expect(code(await earn(m, 10, 'b5', await testToken({ role: 'CLERK', storeId: 's' })))).toBe('FORBIDDEN');
    expect(
      code(await redeem(m, 10, 'b6', await testToken({ role: 'MEMBER', memberId: 'someone-else' }))),
    ).toBe('FORBIDDEN');
    const a = await account(m);
    expect(a.points.balance).toBe(50);
    expect(a.points.history.totalCount).toBe(1);
    ok(await redeem(m, 10, 'b7', await testToken({ role: 'MEMBER', memberId: m })));
  });

  it('200 parallel redeems against a balance of 100: exactly 100 succeed, balance 0, no negative lot', async () => {
    const m = 'm-race';
    for (let i = 0; i < 4; i++) ok(await earn(m, 25, `race-earn-${i}`));
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => redeem(m, 1, `race-${i}`)));
    expect(results.filter((r) => !r.errors)).toHaveLength(100);
    expect(results.filter((r) => code(r) === 'INSUFFICIENT_POINTS')).toHaveLength(100);
    const a = await account(m);
    expect(a.points.balance).toBe(0);
    const report = ok<{ pointsReconciliation: { mismatches: unknown[] } }>(
      await api.query('{ pointsReconciliation(memberId: "m-race") { mismatches { problems } } }', {}, hq),
    );
    expect(report.pointsReconciliation.mismatches).toEqual([]);
  });
});

describe('orders', () => {
  it('earns pending points by the rules with an explanation, spendable after the return window', async () => {
    ok(
      await api.query(
        `mutation { setEarningRules(input: { pointsPerYuan: 1, perOrderCap: 1000,
      multipliers: [{ id: "bakery-x2", name: "bakery double", factor: 2, categories: ["fresh-bakery"] }, { id: "app-x1.5", name: "app orders", factor: 1.5, channels: [APP] }] }) { pointsPerYuan } }`,
        {},
        hq,
      ),
    );
    await deliver('sku.changed', { sku: 'SKU-0001', name: 'croissant', category: 'fresh-bakery' });
    const m = 'm-order';
    await orderCompleted(
      m,
      'ord-1',
      [
        ['SKU-0001', 2, 1850],
        ['SKU-0042', 1, 1000],
      ],
      'APP',
    );
    await orderCompleted(
      m,
      'ord-1',
      [
        ['SKU-0001', 2, 1850],
        ['SKU-0042', 1, 1000],
      ],
      'APP',
    ); // delivered twice
    let a = await account(m);
    // (37 × 2 + 10) × 1.5 = 126 pending
    expect(a.points).toMatchObject({ balance: 0, pending: 126 });
    const entry = a.points.history.nodes[0];
    expect(entry).toMatchObject({
      kind: 'EARN',
      delta: 0,
      pendingDelta: 126,
      source: 'order',
      sourceRef: 'ord-1',
      ruleId: 'bakery-x2',
    });
    expect(entry.explanation).toContain('app orders');
    expect(a.growth.value).toBe(47);
    clock.advance(8 * DAY);
    await points.services.jobs.releaseAndExpire();
    a = await account(m);
    expect(a.points).toMatchObject({ balance: 126, pending: 0 });
    expect(a.points.history.nodes[0]).toMatchObject({ kind: 'RELEASE', delta: 126 });
    // the order's points are announced with the order (a campaign's funnel counts them)
    await env.infra.bus.drain();
    const earned = published.filter(
      (e) => e.type === 'points.changed' && (e.payload as { memberId: string }).memberId === m,
    );
    expect(earned.map((e) => e.payload)).toEqual([
      expect.objectContaining({ kind: 'EARN', delta: 0, pending: 126, orderId: 'ord-1' }),
      expect.not.objectContaining({ orderId: expect.anything() }),
    ]);
  });

  it("reverses pro rata on partial refunds that add up, from the order's own lot first", async () => {
    const m = 'm-refund';
    await orderCompleted(m, 'ord-2', [['SKU-0042', 1, 20_000]]); // 200 points (pending)
    await refunded(m, 'ord-2', 20_000, 5_000, 5_000);
    await refunded(m, 'ord-2', 20_000, 5_000, 5_000); // duplicate delivery
    let a = await account(m);
    expect(a.points.pending).toBe(150);
    await refunded(m, 'ord-2', 20_000, 20_000, 15_000);
    a = await account(m);
    expect(a.points).toMatchObject({ balance: 0, pending: 0, debt: 0 });
    expect(a.points.history.nodes.filter((n) => n.kind === 'REVERSE').map((n) => n.pendingDelta)).toEqual([
      -150, -50,
    ]);
    expect(a.growth.value).toBe(0);
  });

  it('handles a refund that arrives before its order', async () => {
    const m = 'm-early-refund';
    await refunded(m, 'ord-3', 10_000, 4_000, 4_000);
    await orderCompleted(m, 'ord-3', [['SKU-0042', 1, 10_000]]);
    expect((await account(m)).points.pending).toBe(60);
    await reconcileClean();
  });
});

describe('expiry and tiers', () => {
  it('expires lots at the end of the year after next, with advance notice', async () => {
    const m = 'm-expiry';
    ok(await earn(m, 80, 'exp-1'));
    const a = await account(m);
    expect(a.points.expiring).toBe(0);
    clock.set('2028-12-10T00:00:00.000Z');
    expect((await account(m)).points.expiring).toBe(80);
    await points.services.jobs.noticeExpiring(30);
    await points.services.jobs.noticeExpiring(30); // once per lot
    await env.infra.bus.drain();
    expect(
      published.filter(
        (e) => e.type === 'points.expiring' && (e.payload as { memberId: string }).memberId === m,
      ),
    ).toHaveLength(1);
    clock.set('2029-01-01T00:00:00.000Z');
    await points.services.jobs.releaseAndExpire();
    expect((await account(m)).points).toMatchObject({
      balance: 0,
      history: { nodes: [{ kind: 'EXPIRE', delta: -80 }, { kind: 'EARN' }] },
    });
  });

  it('upgrades a tier at once and downgrades only at the review date', async () => {
    const m = 'm-tier';
    await orderCompleted(m, 'ord-t', [['SKU-0042', 1, 120_000]]); // 1200 growth
    let a = await account(m);
    expect(a.growth).toMatchObject({
      value: 1200,
      tier: { code: 'GOLD' },
      nextTier: { code: 'PLATINUM' },
      pointsToNextTier: 3800,
    });
    await refunded(m, 'ord-t', 120_000, 120_000, 120_000);
    a = await account(m);
    expect(a.growth).toMatchObject({ value: 0, tier: { code: 'GOLD' } }); // no downgrade before the review
    clock.advance(366 * DAY);
    await points.services.jobs.reviewTiers();
    expect((await account(m)).growth.tier.code).toBe('SILVER');
    await env.infra.bus.drain();
    const changes = published
      .filter((e) => e.type === 'tier.changed' && (e.payload as { memberId: string }).memberId === m)
      .map((e) => (e.payload as { to: string }).to);
    expect(changes).toEqual(['GOLD', 'SILVER']);
  });
});
