import { jest } from '@jest/globals';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  ManualClock,
  type ServedForTest,
  everyMemberAt,
  type TestEnv,
  defaultCalendar,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createPointsSubgraph } from './index.js';

// every member of these tests exists and joined store-sh-001 (region east): its clerks may act for them
const call = everyMemberAt(['store-sh-001'], { 'store-sh-001': 'east' });

let env: TestEnv;
let api: ServedForTest;
let points: Awaited<ReturnType<typeof createPointsSubgraph>>;
let system: string;
let hq: string;
const clock = new ManualClock('2026-05-03T10:00:00.000Z');
const published: EventEnvelope[] = [];
const DAY = 86_400_000;

type Gql = Awaited<ReturnType<ServedForTest['query']>>;
const ok = <T>(r: Gql) => {
  expect(r.errors).toBeUndefined();
  return r.data as T;
};
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

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
async function account(memberId: string): Promise<Account> {
  return ok<{ _entities: Account[] }>(
    await api.query(ACCOUNT, { r: [{ __typename: 'Member', id: memberId }] }, hq),
  )._entities[0];
}
const earn = (memberId: string, pts: number, key: string, token = system) =>
  api.query(
    'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id kind delta } }',
    { i: { memberId, points: pts, source: 'campaign', idempotencyKey: key } },
    token,
  );
const redeem = (memberId: string, pts: number, key: string, token = system) =>
  api.query(
    'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id kind delta } }',
    { i: { memberId, points: pts, idempotencyKey: key } },
    token,
  );

const deliver = (type: string, payload: Record<string, unknown>) =>
  env.deliver(type, payload, { at: clock.now() });
const orderCompleted = (
  memberId: string,
  orderId: string,
  lines: Array<[string, number, number]>,
  channel = 'STORE',
  placedAt = clock.now(),
) =>
  deliver('order.completed', {
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
const refunded = (
  memberId: string,
  orderId: string,
  orderTotal: number,
  refundedTotal: number,
  amount: number,
) =>
  deliver('order.refunded', {
    orderId,
    refundId: `${orderId}-r${refundedTotal}`,
    memberId,
    amount,
    currency: 'CNY',
    orderTotal,
    refundedTotal,
  });

async function reconcileClean(): Promise<void> {
  const r = ok<{ pointsReconciliation: { checked: number; mismatches: unknown[] } }>(
    await api.query('{ pointsReconciliation { checked mismatches { memberId problems } } }', {}, hq),
  );
  expect(r.pointsReconciliation.mismatches).toEqual([]);
  expect(r.pointsReconciliation.checked).toBeGreaterThan(0);
}

beforeAll(async () => {
  env = await startTestEnv();
  points = await createPointsSubgraph({ ...(await env.deps('points', clock)), call }, { jobsEveryMs: 0 });
  await points.start();
  api = await serveForTest(points);
  await env.infra.bus.subscribe({
    group: 'test-observer',
    events: ['points.changed.v1', 'tier.changed.v1', 'points.expiring.v1'],
    handler: async (e) => void published.push(e),
  });
  system = await testToken({ role: 'SYSTEM' });
  hq = await testToken({ role: 'HQ' });
});
afterAll(async () => {
  await api.close();
  await env.close();
});

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

describe('expiry, tiers, merges, legacy balances, reconciliation', () => {
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

  it('combines merged accounts and splits them back exactly', async () => {
    const [s, mm] = ['m-survivor', 'm-merged'];
    ok(await earn(s, 100, 'mg-1'));
    ok(await earn(mm, 40, 'mg-2'));
    await orderCompleted(mm, 'ord-m', [['SKU-0042', 1, 3_000]]); // 30 pending
    const before = [await account(s), await account(mm)].map((a) => [
      a.points.balance,
      a.points.pending,
      a.growth.value,
    ]);
    await deliver('member.merged', {
      mergeId: 'merge-1',
      survivorId: s,
      mergedId: mm,
      reason: 'same person',
    });
    await deliver('member.merged', {
      mergeId: 'merge-1',
      survivorId: s,
      mergedId: mm,
      reason: 'same person',
    });
    expect((await account(s)).points).toMatchObject({ balance: 140, pending: 30 });
    expect((await account(mm)).points).toMatchObject({ balance: 0, pending: 0 });
    // points addressed to the merged member land on the survivor while merged
    ok(await earn(mm, 5, 'mg-3'));
    expect((await account(s)).points.balance).toBe(145);
    ok(
      await api.query(
        'mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { id } }',
        { i: { memberId: s, points: -5, reason: 'test correction', idempotencyKey: 'mg-4' } },
        hq,
      ),
    );
    await deliver('member.unmerged', { mergeId: 'merge-1', survivorId: s, mergedId: mm });
    await deliver('member.unmerged', { mergeId: 'merge-1', survivorId: s, mergedId: mm });
    const after = [await account(s), await account(mm)].map((a) => [
      a.points.balance,
      a.points.pending,
      a.growth.value,
    ]);
    expect(after).toEqual(before);
    await reconcileClean();
  });

  it('sells a Plus membership once per key, extends it, and applies its multiplier to orders', async () => {
    const m = 'm-plus';
    const buy = (key: string, months = 12, fee = months * 1500) =>
      api.query(
        'mutation($i: PurchasePlusInput!) { purchasePlus(input: $i) { startsAt endsAt fee { amount } active } }',
        { i: { memberId: m, months, fee, idempotencyKey: key } },
        system,
      );
    const first = ok<{ purchasePlus: { startsAt: string; endsAt: string; active: boolean } }>(
      await buy('plus-1'),
    );
    expect(first.purchasePlus.active).toBe(true);
    expect(ok<{ purchasePlus: unknown }>(await buy('plus-1')).purchasePlus).toEqual(first.purchasePlus);
    expect(code(await buy('plus-1', 6))).toBe('CONFLICT');
    expect(code(await buy('plus-x', 0))).toBe('BAD_USER_INPUT');
    const extended = ok<{ purchasePlus: { startsAt: string; endsAt: string } }>(await buy('plus-2', 6));
    expect(extended.purchasePlus.startsAt).toBe(first.purchasePlus.startsAt);
    expect(new Date(extended.purchasePlus.endsAt).getTime()).toBeGreaterThan(
      new Date(first.purchasePlus.endsAt).getTime(),
    );
    ok(
      await api.query(
        'mutation { setEarningRules(input: { pointsPerYuan: 1, multipliers: [{ id: "plus-x2", name: "Plus members", factor: 2, plusOnly: true }] }) { pointsPerYuan } }',
        {},
        hq,
      ),
    );
    await orderCompleted(m, 'ord-plus', [['SKU-0042', 1, 5_000]]);
    const a = await account(m);
    expect(a.points.pending).toBe(100);
    expect(a.points.history.nodes[0].ruleId).toBe('plus-x2');
    await reconcileClean();
  });

  it('finishes a Plus purchase that a crash cut between its record and the account when the client retries', async () => {
    const m = 'm-plus-crash';
    const repo = points.services.ledger.repo;
    const crash = jest.spyOn(repo, 'setPlus').mockRejectedValueOnce(new Error('crashed after the record'));
    const buy = () =>
      api.query<{ purchasePlus: { endsAt: string; active: boolean } }>(
        'mutation($i: PurchasePlusInput!) { purchasePlus(input: $i) { endsAt active } }',
        { i: { memberId: m, months: 3, fee: 4_500, idempotencyKey: 'plus-crash' } },
        system,
      );
    try {
      expect(code(await buy())).toBeDefined();
      expect(await repo.plusPurchase('demo|plus-crash')).not.toBeNull(); // the purchase was recorded
      expect((await repo.account('demo', m))?.plus ?? null).toBeNull(); // but never reached the account
      const retried = ok<{ purchasePlus: { endsAt: string; active: boolean } }>(await buy());
      expect(retried.purchasePlus.active).toBe(true);
      expect(new Date((await repo.account('demo', m))!.plus!.endsAt).toISOString()).toBe(
        retried.purchasePlus.endsAt,
      );
      expect(ok(await buy())).toEqual(retried); // and a further retry answers the same
    } finally {
      crash.mockRestore();
    }
  });

  it('imports opening balances once with provenance and reports drift per legacy source', async () => {
    const input = {
      memberId: 'm-legacy',
      points: 500,
      source: 'crm',
      legacyRef: 'CRM-0009',
      asOf: '2026-04-30T00:00:00.000Z',
    };
    const q =
      'mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id delta source explanation } }';
    const first = ok<{ importOpeningBalance: { id: string; source: string } }>(
      await api.query(q, { i: input }, system),
    );
    expect(
      ok<{ importOpeningBalance: { id: string } }>(await api.query(q, { i: input }, system))
        .importOpeningBalance.id,
    ).toBe(first.importOpeningBalance.id);
    expect(first.importOpeningBalance.source).toBe('legacy:crm');
    expect(code(await api.query(q, { i: { ...input, points: 600 } }, system))).toBe('CONFLICT');
    expect(code(await api.query(q, { i: input }, hq))).toBe('FORBIDDEN');
    const drift = ok<{
      pointsDrift: Array<{
        memberId: string;
        imported: number;
        legacyNow: number;
        drift: number;
        balance: number;
      }>;
    }>(
      await api.query(
        '{ pointsDrift(source: "crm", legacy: [{ memberId: "m-legacy", balance: 530 }]) { memberId imported legacyNow drift balance } }',
        {},
        hq,
      ),
    );
    expect(drift.pointsDrift).toEqual([
      { memberId: 'm-legacy', imported: 500, legacyNow: 530, drift: 30, balance: 500 },
    ]);
  });

  it('proves snapshot == ledger, rolls forward an entry a crashed writer left, and catches tampering', async () => {
    await reconcileClean();
    const repo = points.services.ledger.repo;
    // a writer that crashed after claiming its slot: the entry exists, nothing was applied
    const acct = (await repo.account('demo', 'm-idem'))!;
    const balanceBefore = acct.balance;
    const { earn: plan } = await import('./domain/ledger.js');
    const lots = await repo.openLots('demo', 'm-idem');
    const p = plan(acct, lots, {
      lotId: 'crash-lot',
      points: 7,
      growth: 0,
      source: 'test',
      sourceRef: 'crash',
      expiresAt: new Date(clock.now().getTime() + 300 * DAY),
      pendingUntil: null,
      now: clock.now(),
      day: defaultCalendar.businessDay(clock.now(), 'demo'),
      explanation: 'crash',
    });
    await repo.insertEntry({
      _id: `demo|m-idem|${p.account.seq}`,
      tenant: 'demo',
      memberId: 'm-idem',
      seq: p.account.seq,
      kind: p.kind,
      delta: p.delta,
      pendingDelta: p.pendingDelta,
      growthDelta: 0,
      source: 'test',
      sourceRef: 'crash',
      ruleIds: [],
      explanation: 'crash',
      expiresAt: null,
      createdAt: clock.now(),
      lots: p.lots,
      account: { ...p.account, mergedInto: null },
    });
    ok(await redeem('m-idem', 7, 'after-crash'));
    // the redeem first applied the crashed +7, then spent it
    expect((await account('m-idem')).points.balance).toBe(balanceBefore);
    expect((await account('m-idem')).points.history.nodes.slice(0, 2).map((n) => n.sourceRef)).toEqual([
      'after-crash',
      'crash',
    ]);
    await reconcileClean();
    // a snapshot changed behind the ledger's back is found
    await repo.m.Account.updateOne({ _id: 'demo|m-idem' }, { $inc: { balance: 1 } });
    const r = ok<{ pointsReconciliation: { mismatches: Array<{ memberId: string; problems: string[] }> } }>(
      await api.query('{ pointsReconciliation { mismatches { memberId problems } } }', {}, hq),
    );
    expect(r.pointsReconciliation.mismatches.map((x) => x.memberId)).toEqual(['m-idem']);
    await repo.m.Account.updateOne({ _id: 'demo|m-idem' }, { $inc: { balance: -1 } });
  });
});
