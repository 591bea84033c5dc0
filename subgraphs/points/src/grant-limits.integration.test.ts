import { type ServedForTest, testToken } from '@zhongtai/subgraph-kit';
import { type PointsSubgraph, DAY, code, ext, ok, pointsWorld } from './testing/points-world.js';

/** Fraud limits (R-PT-8 in docs/DOMAIN.md): grant caps, orders held for approval, Plus at its price. */
const world = pointsWorld();
const { clock, deliver, refunded, reconcileClean, setLimits } = world;
let api: ServedForTest;
let points: PointsSubgraph;
let system: string;
let hq: string;
let clerk: string;
let clerk2: string;
beforeAll(() => ({ api, points, system, hq, clerk, clerk2 } = world));

type Entry = { id: string; kind: string; delta: number; pendingDelta: number; explanation: string };
const ENTRY = 'id kind delta pendingDelta explanation';
const earn = (memberId: string, pts: number, key: string, token = system) =>
  api.query<{ earnPoints: Entry }>(
    `mutation($i: EarnPointsInput!) { earnPoints(input: $i) { ${ENTRY} } }`,
    { i: { memberId, points: pts, source: 'service-recovery', idempotencyKey: key } },
    token,
  );
const DEFAULTS = {
  maxPointsPerGrant: 5_000,
  maxPointsPerMemberPerDay: 10_000,
  maxPointsPerStaffPerDay: 50_000,
  holdOrdersAbove: 5_000_000,
  holdLateOrders: 'STAFF',
  plusPricePerMonth: 1_500,
  timeZone: 'Asia/Shanghai',
};

type Account = {
  balance: number;
  pending: number;
  debt: number;
  history: { totalCount: number; nodes: Array<{ id: string; kind: string; pendingDelta: number }> };
};
async function account(memberId: string): Promise<Account> {
  return ok<{ _entities: Array<{ points: Account }> }>(
    await api.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { points { balance pending debt
        history(first: 50) { totalCount nodes { id kind pendingDelta } } } } } }`,
      { r: [{ __typename: 'Member', id: memberId }] },
      hq,
    ),
  )._entities[0].points;
}

/** an order of one line of `total` fen (1 point per ¥ by default) */
const completed = (
  memberId: string,
  orderId: string,
  total: number,
  x: { placedAt?: Date; enteredBy?: Record<string, unknown> } = {},
) =>
  deliver('order.completed', {
    orderId,
    source: 'pos',
    externalId: orderId,
    memberId,
    channel: 'STORE',
    storeId: 'store-sh-001',
    total: { amount: total, currency: 'CNY' },
    lines: [{ sku: 'SKU-0042', quantity: 1, unitPrice: total }],
    placedAt: (x.placedAt ?? clock.now()).toISOString(),
    ...(x.enteredBy ? { enteredBy: x.enteredBy } : {}),
  });
type Held = {
  orderId: string;
  memberId: string;
  status: string;
  reason: string;
  detail: string;
  points: number;
  enteredBySub: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
  entryId: string | null;
};
const held = async (status = 'HELD', token = hq) =>
  ok<{ heldOrderPoints: Held[] }>(
    await api.query(
      `query($s: HeldOrderStatus!) { heldOrderPoints(status: $s, first: 100) { orderId memberId status reason
        detail points enteredBySub decidedBy rejectReason entryId } }`,
      { s: status },
      token,
    ),
  ).heldOrderPoints;
const approve = (orderId: string, token = hq) =>
  api.query<{ approveHeldOrderPoints: Entry }>(
    `mutation($o: ID!) { approveHeldOrderPoints(orderId: $o) { ${ENTRY} } }`,
    { o: orderId },
    token,
  );
const reject = (orderId: string, reason: string, token = hq) =>
  api.query<{ rejectHeldOrderPoints: Held }>(
    'mutation($o: ID!, $r: String!) { rejectHeldOrderPoints(orderId: $o, reason: $r) { orderId status rejectReason decidedBy } }',
    { o: orderId, r: reason },
    token,
  );

describe('grant limits settings', () => {
  it('are on by default and shown to staff; only HQ changes them, one setting at a time, validated', async () => {
    const q = `{ grantLimits { maxPointsPerGrant maxPointsPerMemberPerDay maxPointsPerStaffPerDay holdOrdersAbove
      holdLateOrders plusPricePerMonth timeZone } }`;
    expect(ok<{ grantLimits: unknown }>(await api.query(q, {}, clerk)).grantLimits).toEqual(DEFAULTS);
    expect(code(await api.query(q, {}, await testToken({ role: 'MEMBER', memberId: 'g-x' })))).toBe(
      'FORBIDDEN',
    );
    expect(code(await setLimits({ maxPointsPerGrant: 1 }, clerk))).toBe('FORBIDDEN');
    expect(code(await setLimits({ maxPointsPerGrant: 1 }, system))).toBe('FORBIDDEN');
    const bad = await setLimits({ maxPointsPerGrant: -1 });
    expect([code(bad), ext(bad).field]).toEqual(['BAD_USER_INPUT', 'maxPointsPerGrant']);
    // the zone is deployment configuration (TIME_ZONE, TENANT_TIME_ZONES), shown but not set here
    expect(code(await setLimits({ timeZone: 'UTC' }))).toBe('BAD_USER_INPUT');
    expect(
      ok<{ setGrantLimits: unknown }>(await setLimits({ holdLateOrders: 'ALL' })).setGrantLimits,
    ).toEqual({ ...DEFAULTS, holdLateOrders: 'ALL' });
    expect(
      ok<{ setGrantLimits: unknown }>(await setLimits({ holdLateOrders: 'STAFF', maxPointsPerGrant: null }))
        .setGrantLimits,
    ).toEqual(DEFAULTS);
  });
});

describe('manual grants', () => {
  it('refuses a grant over the per-grant limit for every caller, FORBIDDEN with details, writing nothing', async () => {
    for (const token of [system, hq, clerk]) {
      const r = await earn('g-big', 5_001, `big-${token.slice(-6)}`, token);
      expect(code(r)).toBe('FORBIDDEN');
      expect(ext(r)).toMatchObject({ cap: 'PER_GRANT', limit: 5_000, requested: 5_001 });
    }
    expect(await account('g-big')).toMatchObject({ balance: 0, history: { totalCount: 0 } });
    ok(await earn('g-big', 5_000, 'big-ok', clerk));
  });

  it('caps grants to one member per business day across callers; the day turns at 16:00 UTC (Shanghai midnight)', async () => {
    clock.set('2026-05-03T10:00:00.000Z');
    const m = 'g-day';
    ok(await earn(m, 5_000, 'day-1', system));
    ok(await earn(m, 4_000, 'day-2', clerk));
    const over = await earn(m, 1_001, 'day-3', hq);
    expect(code(over)).toBe('FORBIDDEN');
    expect(over.errors![0].message).toContain('at most 10,000 points per business day');
    expect(ext(over)).toMatchObject({
      cap: 'MEMBER_DAY',
      limit: 10_000,
      usedToday: 9_000,
      remaining: 1_000,
      requested: 1_001,
      day: '2026-05-03',
    });
    ok(await earn(m, 1_000, 'day-4', hq));
    clock.set('2026-05-03T15:59:59.000Z');
    expect(ext(await earn(m, 1, 'day-5'))).toMatchObject({ usedToday: 10_000, remaining: 0 });
    expect(await account(m)).toMatchObject({ balance: 10_000, history: { totalCount: 3 } });
    clock.set('2026-05-03T16:00:00.000Z'); // still 3 May in UTC, 4 May in Shanghai
    ok(await earn(m, 5_000, 'day-5'));
    expect((await account(m)).balance).toBe(15_000);
  });

  it('caps one staff token per business day across members; SYSTEM is not a staff token', async () => {
    clock.set('2026-05-05T02:00:00.000Z');
    ok(await setLimits({ maxPointsPerStaffPerDay: 6_000 }));
    ok(await earn('g-staff-1', 4_000, 'st-1', clerk));
    ok(await earn('g-staff-2', 2_000, 'st-2', clerk));
    const over = await earn('g-staff-3', 1, 'st-3', clerk);
    expect(code(over)).toBe('FORBIDDEN');
    expect(ext(over)).toMatchObject({ cap: 'STAFF_DAY', limit: 6_000, usedToday: 6_000, remaining: 0 });
    // the refused grant left g-staff-3's member counter alone: the full 10,000 is still there
    ok(await earn('g-staff-3', 5_000, 'st-4', system));
    ok(await earn('g-staff-3', 5_000, 'st-5', system));
    // another clerk has its own counter; SYSTEM has none (only per grant and per member)
    ok(await earn('g-staff-4', 5_000, 'st-6', clerk2));
    for (let i = 0; i < 3; i++) ok(await earn(`g-staff-sys-${i}`, 5_000, `st-sys-${i}`, system));
    expect(await account('g-staff-3')).toMatchObject({ balance: 10_000, history: { totalCount: 2 } });
    clock.set('2026-05-05T16:00:00.000Z');
    ok(await earn('g-staff-5', 1, 'st-7', clerk)); // a new business day
    ok(await setLimits({ maxPointsPerStaffPerDay: 50_000 }));
  });

  it('answers a replay of an applied key with the first entry, without counting it again', async () => {
    clock.set('2026-05-06T02:00:00.000Z');
    const m = 'g-replay';
    const first = ok<{ earnPoints: Entry }>(await earn(m, 5_000, 'rp-1', clerk)).earnPoints;
    for (let i = 0; i < 3; i++)
      expect(ok<{ earnPoints: Entry }>(await earn(m, 5_000, 'rp-1', clerk)).earnPoints).toEqual(first);
    ok(await earn(m, 5_000, 'rp-2', clerk)); // 10,000 today: the replays were not counted
    expect(ok<{ earnPoints: Entry }>(await earn(m, 5_000, 'rp-1', clerk)).earnPoints).toEqual(first); // still answered at the cap
    expect(code(await earn(m, 4_000, 'rp-1', clerk))).toBe('CONFLICT');
    // ten requests racing with one new key: one entry, counted once
    const same = await Promise.all(Array.from({ length: 10 }, () => earn('g-replay-race', 4_000, 'rp-race')));
    expect(new Set(same.map((r) => ok<{ earnPoints: Entry }>(r).earnPoints.id)).size).toBe(1);
    ok(await earn('g-replay-race', 5_000, 'rp-race-2'));
    ok(await earn('g-replay-race', 1_000, 'rp-race-3'));
    expect(code(await earn('g-replay-race', 1, 'rp-race-4'))).toBe('FORBIDDEN');
    expect(await account(m)).toMatchObject({ balance: 10_000, history: { totalCount: 2 } });
  });

  it('50 parallel grants against a cap never exceed it (member cap, then staff cap)', async () => {
    clock.set('2026-05-07T02:00:00.000Z');
    ok(await setLimits({ maxPointsPerMemberPerDay: 1_000 }));
    const m = 'g-race';
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => earn(m, 100, `race-${i}`)));
    expect(results.filter((r) => !r.errors)).toHaveLength(10);
    expect(results.filter((r) => code(r) === 'FORBIDDEN')).toHaveLength(40);
    expect(await account(m)).toMatchObject({ balance: 1_000, history: { totalCount: 10 } });

    ok(await setLimits({ maxPointsPerMemberPerDay: 10_000, maxPointsPerStaffPerDay: 1_000 }));
    const staff = await Promise.all(
      Array.from({ length: 50 }, (_, i) => earn(`g-race-${i}`, 100, `staff-race-${i}`, clerk)),
    );
    expect(staff.filter((r) => !r.errors)).toHaveLength(10);
    const granted = await Promise.all(Array.from({ length: 50 }, (_, i) => account(`g-race-${i}`)));
    expect(granted.reduce((n, a) => n + a.balance, 0)).toBe(1_000);
    ok(await setLimits({ maxPointsPerStaffPerDay: 50_000 }));
    await reconcileClean();
  });
});

describe('orders held for approval', () => {
  it('holds a large order (any source), approves it once — twice gives the same entry — pending as usual', async () => {
    clock.set('2026-05-10T02:00:00.000Z');
    const m = 'g-large';
    await completed(m, 'big-1', 6_000_000); // ¥60,000 from the POS: no person entered it
    await completed(m, 'big-1', 6_000_000); // redelivered
    expect(await account(m)).toMatchObject({ balance: 0, pending: 0, history: { totalCount: 0 } });
    const waiting = (await held()).filter((h) => h.orderId === 'big-1');
    expect(waiting).toEqual([
      expect.objectContaining({ memberId: m, status: 'HELD', reason: 'LARGE_ORDER', points: 60_000 }),
    ]);
    expect(waiting[0].detail).toContain('¥60,000.00 is above ¥50,000.00');
    expect(code(await approve('big-1', clerk))).toBe('FORBIDDEN');
    expect(code(await approve('big-1', system))).toBe('FORBIDDEN');
    expect(code(await api.query('{ heldOrderPoints { orderId } }', {}, clerk))).toBe('FORBIDDEN');
    expect(
      ok<{ heldOrderPoints: unknown[] }>(await api.query('{ heldOrderPoints { orderId } }', {}, system)),
    ).toBeTruthy();
    expect(code(await approve('no-such-order'))).toBe('NOT_FOUND');

    clock.advance(DAY);
    const first = ok<{ approveHeldOrderPoints: Entry }>(await approve('big-1')).approveHeldOrderPoints;
    expect(first).toMatchObject({ kind: 'EARN', delta: 0, pendingDelta: 60_000 });
    expect(first.explanation).toContain('approved by HQ hq-1');
    expect(ok<{ approveHeldOrderPoints: Entry }>(await approve('big-1')).approveHeldOrderPoints).toEqual(
      first,
    );
    await completed(m, 'big-1', 6_000_000); // redelivered after approval: nothing new
    expect(await account(m)).toMatchObject({ balance: 0, pending: 60_000, history: { totalCount: 1 } });
    expect((await held('APPROVED')).find((h) => h.orderId === 'big-1')).toMatchObject({
      decidedBy: 'HQ hq-1',
      entryId: first.id,
    });
    expect((await held()).some((h) => h.orderId === 'big-1')).toBe(false);
    expect(code(await reject('big-1', 'changed my mind'))).toBe('CONFLICT');
    clock.advance(7 * DAY); // the order's return window (placed 10 May) has passed
    await points.services.jobs.releaseAndExpire();
    expect(await account(m)).toMatchObject({ balance: 60_000, pending: 0 });
  });

  it('settles a refund that came while the order was held when it is approved', async () => {
    clock.set('2026-05-12T02:00:00.000Z');
    const m = 'g-large-refund';
    await completed(m, 'big-2', 8_000_000);
    await refunded(m, 'big-2', 8_000_000, 2_000_000); // a quarter refunded before approval
    expect(await account(m)).toMatchObject({ pending: 0, debt: 0, history: { totalCount: 0 } });
    ok(await approve('big-2'));
    expect(await account(m)).toMatchObject({ pending: 60_000, debt: 0, history: { totalCount: 2 } });
    await reconcileClean();
  });

  it('holds a late staff-entered order but not a system order of the same age (holdLateOrders: staff)', async () => {
    clock.set('2026-05-20T02:00:00.000Z');
    const placedAt = new Date(clock.now().getTime() - 10 * DAY); // older than the 7-day return window
    await completed('g-late-staff', 'late-1', 10_000, {
      placedAt,
      enteredBy: { role: 'CLERK', sub: 'clerk-1', storeId: 'store-sh-001' },
    });
    await completed('g-late-pos', 'late-2', 10_000, { placedAt });
    await completed('g-late-sys', 'late-3', 10_000, { placedAt, enteredBy: { role: 'SYSTEM' } });
    expect((await held()).find((h) => h.orderId === 'late-1')).toMatchObject({
      reason: 'LATE_ORDER',
      enteredBySub: 'clerk-1',
      points: 100,
    });
    expect(await account('g-late-staff')).toMatchObject({ balance: 0, pending: 0 });
    // the system orders are granted at once (their window is over, so spendable at once)
    expect(await account('g-late-pos')).toMatchObject({ balance: 100, pending: 0 });
    expect(await account('g-late-sys')).toMatchObject({ balance: 100, pending: 0 });
    // holdLateOrders: ALL holds them too; NONE holds none
    ok(await setLimits({ holdLateOrders: 'ALL' }));
    await completed('g-late-pos', 'late-2', 10_000, { placedAt }); // granted before the change: stays granted
    await completed('g-late-pos', 'late-4', 10_000, { placedAt });
    ok(await setLimits({ holdLateOrders: 'NONE' }));
    await completed('g-late-staff', 'late-5', 10_000, {
      placedAt,
      enteredBy: { role: 'CLERK', sub: 'clerk-1', storeId: 'store-sh-001' },
    });
    ok(await setLimits({ holdLateOrders: 'STAFF' }));
    expect((await held()).filter((h) => h.orderId.startsWith('late-')).map((h) => h.orderId)).toEqual([
      'late-1',
      'late-4',
    ]);
    expect((await account('g-late-staff')).balance).toBe(100); // late-5
  });

  it('a rejected order grants nothing and its refunds reverse nothing', async () => {
    clock.set('2026-05-21T02:00:00.000Z');
    const m = 'g-rejected';
    await completed(m, 'big-3', 5_500_000);
    expect(code(await reject('big-3', 'test order', clerk))).toBe('FORBIDDEN');
    expect(code(await reject('big-3', ' '))).toBe('BAD_USER_INPUT');
    const r = ok<{ rejectHeldOrderPoints: Held }>(await reject('big-3', 'a test order typed in by mistake'));
    expect(r.rejectHeldOrderPoints).toMatchObject({ status: 'REJECTED', decidedBy: 'HQ hq-1' });
    expect(
      ok<{ rejectHeldOrderPoints: Held }>(await reject('big-3', 'again')).rejectHeldOrderPoints,
    ).toMatchObject({ status: 'REJECTED', rejectReason: 'a test order typed in by mistake' });
    expect(code(await approve('big-3'))).toBe('CONFLICT');
    await refunded(m, 'big-3', 5_500_000, 5_500_000);
    await completed(m, 'big-3', 5_500_000); // redelivered after the decision
    expect(await account(m)).toMatchObject({ balance: 0, pending: 0, debt: 0, history: { totalCount: 0 } });
    expect((await held('REJECTED')).map((h) => h.orderId)).toContain('big-3');
  });

  it('holds a staff-entered order whose points would take its staff token over the daily cap', async () => {
    clock.set('2026-05-22T02:00:00.000Z');
    ok(await setLimits({ maxPointsPerStaffPerDay: 1_000 }));
    const by = (sub: string) => ({ role: 'CLERK', sub, storeId: 'store-sh-001' });
    await completed('g-staff-order', 'so-1', 80_000, { enteredBy: by('clerk-9') }); // 800 points
    await completed('g-staff-order', 'so-1', 80_000, { enteredBy: by('clerk-9') }); // redelivered: counted once
    await completed('g-staff-order', 'so-2', 20_000, { enteredBy: by('clerk-9') }); // 200: exactly the cap
    await completed('g-staff-order', 'so-3', 10_000, { enteredBy: by('clerk-9') }); // 100 more: held
    await completed('g-staff-order', 'so-4', 10_000, { enteredBy: by('clerk-8') }); // another clerk
    await completed('g-staff-order', 'so-5', 10_000); // from the POS
    expect((await account('g-staff-order')).pending).toBe(1_200);
    const h = (await held()).find((x) => x.orderId === 'so-3');
    expect(h).toMatchObject({ reason: 'STAFF_DAILY_CAP', points: 100 });
    expect(h!.detail).toContain('over 1,000 per business day');
    // the staff token's manual grants share the counter
    expect(
      ext(
        await earn(
          'g-staff-order',
          1,
          'so-grant',
          await testToken({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-9' }),
        ),
      ),
    ).toMatchObject({
      cap: 'STAFF_DAY',
      usedToday: 1_000,
    });
    ok(await approve('so-3')); // HQ's approval does not count against the clerk
    expect((await account('g-staff-order')).pending).toBe(1_300);
    ok(await setLimits({ maxPointsPerStaffPerDay: 50_000 }));
  });

  it("counts the earning rules' per-day cap by business day: it starts again at 16:00 UTC", async () => {
    ok(
      await api.query(
        'mutation { setEarningRules(input: { pointsPerYuan: 1, perDayCap: 100 }) { perDayCap } }',
        {},
        hq,
      ),
    );
    const m = 'g-day-cap';
    clock.set('2026-05-25T15:00:00.000Z'); // 23:00 in Shanghai
    await completed(m, 'dc-1', 15_000); // 150 → capped at 100
    clock.set('2026-05-25T15:30:00.000Z');
    await completed(m, 'dc-2', 5_000); // same business day: nothing left
    clock.set('2026-05-25T16:00:00.000Z'); // same UTC date, next business day
    await completed(m, 'dc-3', 5_000);
    expect((await account(m)).history.nodes.map((n) => n.pendingDelta)).toEqual([50, 0, 100]);
    ok(await api.query('mutation { setEarningRules(input: { pointsPerYuan: 1 }) { perDayCap } }', {}, hq));
  });
});
