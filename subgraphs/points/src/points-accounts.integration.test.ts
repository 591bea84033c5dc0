import { jest } from '@jest/globals';
import { type ServedForTest, defaultCalendar } from '@zhongtai/subgraph-kit';
import { type PointsSubgraph, DAY, code, ext, ok, pointsWorld } from './testing/points-world.js';

/** The ledger through the API: merges and their undo, Plus, legacy balances, reconciliation. */
const world = pointsWorld();
const { clock, deliver, reconcileClean, setLimits, account, earn, redeem, orderCompleted } = world;
let api: ServedForTest;
let points: PointsSubgraph;
let system: string;
let hq: string;
beforeAll(() => ({ api, points, system, hq } = world));

describe('merges, Plus, legacy balances, reconciliation', () => {
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
    ok(await earn('m-idem', 100, 'idem-opening')); // an account with lots to plan on
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

describe('Plus at its price', () => {
  const buy = (key: string, months: number, fee: number, token = system) =>
    api.query(
      'mutation($i: PurchasePlusInput!) { purchasePlus(input: $i) { fee { amount } active } }',
      { i: { memberId: 'g-plus', months, fee, idempotencyKey: key } },
      token,
    );

  it('refuses a SYSTEM purchase below months × price and lets HQ give it for any fee, recorded', async () => {
    clock.set('2026-06-01T02:00:00.000Z');
    const below = await buy('price-1', 12, 17_999);
    expect([code(below), ext(below).field, ext(below).price]).toEqual(['BAD_USER_INPUT', 'fee', 18_000]);
    const repo = points.services.ledger.repo;
    expect(await repo.plusPurchase('demo|price-1')).toBeNull(); // refused: nothing recorded
    ok(await buy('price-1', 12, 18_000)); // the same key works once the fee is right
    ok(await buy('price-gift', 1, 0, hq));
    ok(await setLimits({ plusPricePerMonth: 2_000 }));
    expect(code(await buy('price-2', 12, 18_000))).toBe('BAD_USER_INPUT');
    ok(await buy('price-1', 12, 18_000)); // a replay of a recorded purchase is answered, whatever the price now
    ok(await setLimits({ plusPricePerMonth: 1_500 }));
    expect(await repo.plusPurchase('demo|price-gift')).toMatchObject({
      fee: 0,
      listPrice: 1_500,
      gift: true,
      by: { role: 'HQ', sub: 'hq-1' },
    });
    expect(await repo.plusPurchase('demo|price-1')).toMatchObject({
      listPrice: 18_000,
      gift: false,
      by: { role: 'SYSTEM', sub: 'pos-adapter' },
    });
  });
});
