import { ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import { HQ, type Who, contentWorld } from './testing/content-world.js';

/** Clerk attribution (导购, R-ID-4): recruits, their orders within the window, redemptions; who reads them. */
const clock = new ManualClock('2026-03-10T02:00:00.000Z');
const DAY = 86_400_000;
const w = contentWorld({
  clock,
  scopes: {
    members: { r1: { storeIds: ['s1'] }, r2: { storeIds: ['s1'] }, other: { storeIds: ['s1'] } },
    stores: { s1: 'east', s2: 'north' },
  },
});
const as = w.as;
const clerk = (sub: string, storeId = 's1'): Who => ({ role: 'CLERK', storeId, sub });
const STATS = `query($s: ID!, $c: ID!) { clerkStats(storeId: $s, clerkId: $c) { joins orders salesAmount
  couponsRedeemed recruits { id } } }`;
type Stats = {
  joins: number;
  orders: number;
  salesAmount: number;
  couponsRedeemed: number;
  recruits: Array<{ id: string }>;
};
const stats = async (who: Who = HQ, clerkId = 'clerk-7', storeId = 's1') =>
  ok<{ clerkStats: Stats }>(await as(who, STATS, { s: storeId, c: clerkId })).clerkStats;
const joined = (memberId: string, x: Record<string, unknown> = {}) =>
  w.joined(memberId, { recruitedBy: 'clerk-7', ...x });
const order = (orderId: string, memberId: string, placedAt: Date, amount = 5000) =>
  w.completed(orderId, memberId, placedAt, amount);

describe('clerk attribution', () => {
  it("counts a member created through the clerk's QR code once, and lists it as the clerk's recruit", async () => {
    await joined('r1');
    await joined('r1'); // redelivered
    await joined('other', { recruitedBy: undefined });
    await joined('r2', { created: false }); // found again, not created: not a recruit
    expect(await stats()).toEqual({
      joins: 1,
      orders: 0,
      salesAmount: 0,
      couponsRedeemed: 0,
      recruits: [{ id: 'r1' }],
    });
  });

  it("credits its recruits' orders within 30 days of joining, each order once", async () => {
    const joinedAt = clock.now().getTime();
    await order('o-1', 'r1', new Date(joinedAt + 2 * DAY), 5000);
    await order('o-1', 'r1', new Date(joinedAt + 2 * DAY), 5000); // redelivered
    await order('o-2', 'r1', new Date(joinedAt + 30 * DAY), 3000);
    await order('o-late', 'r1', new Date(joinedAt + 31 * DAY), 9000);
    await order('o-other', 'other', new Date(joinedAt + 2 * DAY), 9000);
    expect(await stats()).toMatchObject({ orders: 2, salesAmount: 8000 });
  });

  it('counts the coupons a clerk redeems (once each), not those redeemed by others', async () => {
    ok(
      await as(HQ, 'mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', {
        i: { id: 'o-c', kind: 'COUPON_OFFER', title: 't', body: 'b', channels: ['APP'], offer: { stock: 5 } },
      }),
    );
    const claim = async (memberId: string) =>
      ok<{ claimCoupon: { code: string } }>(
        await as({ role: 'MEMBER', memberId }, 'mutation { claimCoupon(offerId: "o-c") { code } }'),
      ).claimCoupon.code;
    const redeem = (who: Who, c: string) =>
      as(who, 'mutation($c: String!) { redeemCoupon(code: $c, storeId: "s1") { id } }', { c });
    const [a, b] = [await claim('r1'), await claim('r2')];
    ok(await redeem(clerk('clerk-7'), a));
    ok(await redeem(clerk('clerk-7'), a)); // the same redemption again
    ok(await redeem(HQ, b));
    expect((await stats()).couponsRedeemed).toBe(1);
  });

  it('the clerk reads its own counts, its store manager and HQ too; another clerk or region does not', async () => {
    expect((await stats(clerk('clerk-7'))).joins).toBe(1);
    expect((await stats({ role: 'STORE_MANAGER', region: 'east' })).joins).toBe(1);
    expect(code(await as(clerk('clerk-8'), STATS, { s: 's1', c: 'clerk-7' }))).toBe('FORBIDDEN');
    expect(code(await as({ role: 'STORE_MANAGER', region: 'north' }, STATS, { s: 's1', c: 'clerk-7' }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await as({ role: 'MEMBER', memberId: 'r1' }, STATS, { s: 's1', c: 'clerk-7' }))).toBe(
      'FORBIDDEN',
    );
  });

  it("a recruit merged into another member takes its clerk along: the survivor's orders count, until the undo", async () => {
    const before = (await stats()).orders;
    const merge = { mergeId: 'mg-r1', survivorId: 'other', mergedId: 'r1' };
    await w.env.deliver('member.merged', { ...merge, reason: 'same phone' });
    await order('o-survivor', 'other', new Date(clock.now().getTime() + 3 * DAY), 1000);
    expect((await stats()).orders).toBe(before + 1);
    await w.env.deliver('member.unmerged', merge);
    await order('o-after-undo', 'other', new Date(clock.now().getTime() + 4 * DAY), 1000);
    expect((await stats()).orders).toBe(before + 1);
  });
});
