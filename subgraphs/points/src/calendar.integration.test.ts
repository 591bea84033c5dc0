import {
  ManualClock,
  type ServedForTest,
  type TestEnv,
  createTenantCalendar,
  everyMemberAt,
  serveForTest,
  startTestEnv,
  testToken,
} from '@zhongtai/subgraph-kit';
import { createPointsSubgraph } from './index.js';

/**
 * The tenant's calendar in points (deps.calendar): expiry at the end of the tenant's year, member
 * days, Plus months clamped to the month's end, tier reviews, daily caps — in Asia/Shanghai by
 * default, and in another configured zone.
 */
const call = everyMemberAt(['store-sh-001'], { 'store-sh-001': 'east' });

let env: TestEnv;
let sh: Awaited<ReturnType<typeof createPointsSubgraph>>;
let ny: Awaited<ReturnType<typeof createPointsSubgraph>>;
let shApi: ServedForTest;
let nyApi: ServedForTest;
let system: string;
let hq: string;
const clock = new ManualClock('2026-05-03T10:00:00.000Z');
const nyClock = new ManualClock('2026-05-03T10:00:00.000Z');

type Gql = Awaited<ReturnType<ServedForTest['query']>>;
const ok = <T>(r: Gql) => {
  expect(r.errors).toBeUndefined();
  return r.data as T;
};
const code = (r: Gql) => r.errors?.[0]?.extensions?.code;

type Node = {
  kind: string;
  delta: number;
  pendingDelta: number;
  expiresAt: string | null;
  ruleId: string | null;
};
type Account = {
  points: { balance: number; pending: number; history: { nodes: Node[] } };
  growth: {
    tier: { code: string };
    reviewAt: string | null;
    plus: { startsAt: string; endsAt: string } | null;
  };
};
async function account(memberId: string, api = shApi): Promise<Account> {
  return ok<{ _entities: Account[] }>(
    await api.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member {
        points { balance pending history(first: 20) { nodes { kind delta pendingDelta expiresAt ruleId } } }
        growth { tier { code } reviewAt plus { startsAt endsAt } } } } }`,
      { r: [{ __typename: 'Member', id: memberId }] },
      hq,
    ),
  )._entities[0];
}
const earn = (api: ServedForTest, memberId: string, pts: number, key: string) =>
  api.query<{ earnPoints: Node }>(
    'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { kind delta pendingDelta expiresAt ruleId } }',
    { i: { memberId, points: pts, source: 'campaign', idempotencyKey: key } },
    system,
  );
const buyPlus = (memberId: string, months: number, key: string) =>
  shApi.query<{ purchasePlus: { startsAt: string; endsAt: string } }>(
    'mutation($i: PurchasePlusInput!) { purchasePlus(input: $i) { startsAt endsAt } }',
    { i: { memberId, months, fee: months * 1_500, idempotencyKey: key } },
    system,
  );
const completed = (memberId: string, orderId: string, total: number, placedAt: Date) =>
  env.deliver(
    'order.completed',
    {
      orderId,
      source: 'pos',
      externalId: orderId,
      memberId,
      channel: 'STORE',
      storeId: 'store-sh-001',
      total: { amount: total, currency: 'CNY' },
      lines: [{ sku: 'SKU-0042', quantity: 1, unitPrice: total }],
      placedAt: placedAt.toISOString(),
    },
    { at: clock.now() },
  );
const setRules = async (rules: string) =>
  ok(await shApi.query(`mutation { setEarningRules(input: ${rules}) { pointsPerYuan } }`, {}, hq));

beforeAll(async () => {
  env = await startTestEnv();
  // Shanghai: the default when nothing is configured
  sh = await createPointsSubgraph({ ...(await env.deps('points', clock)), call }, { jobsEveryMs: 0 });
  await sh.start();
  shApi = await serveForTest(sh);
  // a deployment that put tenant "demo" in New York (TENANT_TIME_ZONES=demo=America/New_York); API only
  ny = await createPointsSubgraph(
    {
      ...(await env.deps('points', nyClock)),
      calendar: createTenantCalendar({ zones: { demo: 'America/New_York' } }),
      call,
    },
    { jobsEveryMs: 0 },
  );
  nyApi = await serveForTest(ny);
  system = await testToken({ role: 'SYSTEM' });
  hq = await testToken({ role: 'HQ' });
});
afterAll(async () => {
  await nyApi.close();
  await shApi.close();
  await env.close();
});

describe("points on the tenant's calendar (Asia/Shanghai by default)", () => {
  it("expires an order's points at the end of the tenant's year: placed 2026-12-31T17:00Z (2027 in Shanghai), they expire at 2029-12-31T15:59:59.999Z", async () => {
    const m = 'c-expiry';
    clock.set('2027-01-02T00:00:00.000Z');
    await completed(m, 'c-exp-1', 10_000, new Date('2026-12-31T17:00:00.000Z'));
    const earned = (await account(m)).points.history.nodes[0];
    expect(earned).toMatchObject({ kind: 'EARN', pendingDelta: 100, expiresAt: '2029-12-31T15:59:59.999Z' });
    clock.set('2029-12-31T15:59:59.998Z');
    await sh.services.jobs.releaseAndExpire();
    expect((await account(m)).points).toMatchObject({ balance: 100, pending: 0 });
    clock.set('2029-12-31T15:59:59.999Z');
    await sh.services.jobs.releaseAndExpire();
    expect((await account(m)).points).toMatchObject({
      balance: 0,
      history: { nodes: [{ kind: 'EXPIRE', delta: -100 }, { kind: 'RELEASE' }, { kind: 'EARN' }] },
    });
  });

  it("gives member-day multipliers on the tenant's day of the month (the 8th starts at 16:00 UTC on the 7th)", async () => {
    await setRules(
      '{ pointsPerYuan: 1, multipliers: [{ id: "md8", name: "member day", factor: 2, daysOfMonth: [8] }] }',
    );
    clock.set('2026-05-09T00:00:00.000Z');
    await completed('c-md', 'c-md-1', 10_000, new Date('2026-05-07T16:30:00.000Z')); // 8 May, 00:30 in Shanghai
    await completed('c-md', 'c-md-2', 10_000, new Date('2026-05-08T16:30:00.000Z')); // 9 May, 00:30 (8 May in UTC)
    const nodes = (await account('c-md')).points.history.nodes;
    expect(nodes.map((n) => [n.pendingDelta, n.ruleId])).toEqual([
      [100, 'base'],
      [200, 'md8'],
    ]);
    await setRules('{ pointsPerYuan: 1 }');
  });

  it('sells Plus by calendar months clamped to the month end: bought on 31 January for a month, it ends on 28 February (29 in 2028)', async () => {
    const ends = async (member: string, at: string, months: number) => {
      clock.set(at);
      return ok<{ purchasePlus: { endsAt: string } }>(await buyPlus(member, months, `${member}-${months}`))
        .purchasePlus.endsAt;
    };
    // 31 January, 01:00 in Shanghai (still the 30th in UTC, where a month later would be 2 March)
    expect(await ends('c-plus-1', '2026-01-30T17:00:00.000Z', 1)).toBe('2026-02-27T17:00:00.000Z');
    // buying again while active extends from the end date: 28 February, 01:00 + 2 months = 28 April, 01:00
    expect(await ends('c-plus-1', '2026-02-01T00:00:00.000Z', 2)).toBe('2026-04-27T17:00:00.000Z');
    expect(await ends('c-plus-2', '2028-01-31T02:00:00.000Z', 1)).toBe('2028-02-29T02:00:00.000Z');
    expect(await ends('c-plus-3', '2026-03-31T02:00:00.000Z', 1)).toBe('2026-04-30T02:00:00.000Z');
    expect(await ends('c-plus-4', '2026-01-31T02:00:00.000Z', 13)).toBe('2027-02-28T02:00:00.000Z');
    expect((await account('c-plus-2')).growth.plus).toEqual({
      startsAt: '2028-01-31T02:00:00.000Z',
      endsAt: '2028-02-29T02:00:00.000Z',
    });
  });

  it("reviews tiers again a year after the last review on the tenant's calendar (29 February → 28 February)", async () => {
    const m = 'c-review';
    clock.set('2027-02-28T17:00:00.000Z'); // 1 March 2027, 01:00 in Shanghai
    ok(await earn(shApi, m, 10, 'c-review-1'));
    const first = (await account(m)).growth.reviewAt!;
    // the first review date is set by the ledger service; the next one by the review job, in Shanghai:
    // 29 February 2028, 01:00 → 28 February 2029, 01:00; 1 March 2028, 01:00 → 1 March 2029, 01:00
    const next: Record<string, string> = {
      '2028-02-28T17:00:00.000Z': '2029-02-27T17:00:00.000Z',
      '2028-02-29T17:00:00.000Z': '2029-02-28T17:00:00.000Z',
    };
    expect(Object.keys(next)).toContain(first);
    clock.set(first);
    expect(await sh.services.jobs.reviewTiers()).toBeGreaterThanOrEqual(1);
    expect((await account(m)).growth.reviewAt).toBe(next[first]);
  });

  it('shows the zone with the grant limits, read-only', async () => {
    const q = '{ grantLimits { timeZone } }';
    expect(ok<{ grantLimits: unknown }>(await shApi.query(q, {}, hq)).grantLimits).toEqual({
      timeZone: 'Asia/Shanghai',
    });
    const set = await shApi.query(
      'mutation { setGrantLimits(input: { timeZone: "UTC" }) { timeZone } }',
      {},
      hq,
    );
    expect(code(set)).toBe('BAD_USER_INPUT');
    expect(set.errors![0].message).toContain('"timeZone" is not defined');
  });
});

describe('a tenant configured in America/New_York', () => {
  it('shows its zone, turns its business day at 04:00 UTC in summer and expires points at the end of its year', async () => {
    expect(
      ok<{ grantLimits: unknown }>(await nyApi.query('{ grantLimits { timeZone } }', {}, hq)).grantLimits,
    ).toEqual({
      timeZone: 'America/New_York',
    });
    const m = 'c-ny-cap';
    nyClock.set('2026-05-04T03:00:00.000Z'); // 3 May, 23:00 in New York (4 May in Shanghai and UTC)
    ok(await earn(nyApi, m, 5_000, 'ny-1'));
    ok(await earn(nyApi, m, 5_000, 'ny-2'));
    const over = await earn(nyApi, m, 1, 'ny-3');
    expect(code(over)).toBe('FORBIDDEN');
    expect(over.errors![0].extensions).toMatchObject({
      cap: 'MEMBER_DAY',
      day: '2026-05-03',
      usedToday: 10_000,
    });
    nyClock.set('2026-05-04T04:00:00.000Z'); // 4 May, 00:00 in New York
    ok(await earn(nyApi, m, 1, 'ny-4'));
    // 2026-12-31T17:00Z is still 2026 in New York: two years after ends at 2028-12-31T23:59:59.999-05:00
    nyClock.set('2026-12-31T17:00:00.000Z');
    expect(ok<{ earnPoints: Node }>(await earn(nyApi, 'c-ny-exp', 10, 'ny-5')).earnPoints.expiresAt).toBe(
      '2029-01-01T04:59:59.999Z',
    );
  });
});
