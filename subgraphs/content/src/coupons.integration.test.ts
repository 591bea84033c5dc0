import { jest } from '@jest/globals';
import { ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import { CouponRepository } from './store/coupon-repository.js';
import { HQ, type Who, contentWorld } from './testing/content-world.js';

/** Coupons through the subgraph's HTTP API (R-CT-4): claims, stock, codes, redemption, merges. */
const clock = new ManualClock('2026-03-10T00:00:00.000Z'); // 08:00 in Shanghai
const members: Record<string, { storeIds: string[]; rootId?: string }> = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [`m-${i}`, { storeIds: ['store-sh-001'] }]),
);
members['m-old'] = { storeIds: ['store-sh-001'], rootId: 'm-32' }; // merged into m-32
const w = contentWorld({
  clock,
  scopes: { members, stores: { 'store-sh-001': 'east', 'store-bj-001': 'north' } },
});
const as = w.as;
const member = (id: string): Who => ({ role: 'MEMBER', memberId: id });
const clerk = (storeId = 'store-sh-001'): Who => ({ role: 'CLERK', storeId });

const UPSERT = `mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id
  offer { stock remaining validDays claimFrom claimUntil } } }`;
const offer = (id: string, terms: Record<string, unknown> | null, kind = 'COUPON_OFFER') => ({
  id,
  kind,
  title: `offer ${id}`,
  body: 'body',
  channels: ['APP'],
  ...(terms ? { offer: terms } : {}),
});
const COUPON =
  'id code status claimedAt validUntil redeemedAt redeemedStoreId offer { id offer { remaining } }';
const CLAIM = `mutation($o: ID!) { claimCoupon(offerId: $o) { ${COUPON} } }`;
const REDEEM = `mutation($c: String!, $s: ID!) { redeemCoupon(code: $c, storeId: $s) { ${COUPON} } }`;
type CouponOut = {
  id: string;
  code: string;
  validUntil: string;
  status: string;
  redeemedAt: string | null;
  redeemedStoreId: string | null;
  offer: { id: string; offer: { remaining: number | null } };
};
const claim = (memberId: string, offerId: string) => as(member(memberId), CLAIM, { o: offerId });
const claimed = async (memberId: string, offerId: string) =>
  ok<{ claimCoupon: CouponOut }>(await claim(memberId, offerId)).claimCoupon;
const remaining = async (offerId: string) =>
  ok<{ _entities: Array<{ offer: { remaining: number | null } }> }>(
    await as(
      HQ,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ContentItem { offer { remaining } } } }',
      { r: [{ __typename: 'ContentItem', id: offerId }] },
    ),
  )._entities[0].offer.remaining;
const couponsOf = async (memberId: string) =>
  ok<{ _entities: Array<{ coupons: CouponOut[] }> }>(
    await as(
      HQ,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { coupons { ${COUPON} } } } }`,
      { r: [{ __typename: 'Member', id: memberId }] },
    ),
  )._entities[0].coupons;

afterEach(() => jest.restoreAllMocks());

describe('coupon offers', () => {
  it('HQ sets the terms; stock changes move what is left by the difference', async () => {
    const r = ok<{ upsertContentItem: unknown }>(
      await as(HQ, UPSERT, { i: offer('o-terms', { stock: 3, validDays: 7 }) }),
    );
    expect(r.upsertContentItem).toEqual({
      id: 'o-terms',
      offer: { stock: 3, remaining: 3, validDays: 7, claimFrom: null, claimUntil: null },
    });
    await claimed('m-0', 'o-terms');
    await as(HQ, UPSERT, { i: offer('o-terms', { stock: 5, validDays: 7 }) });
    expect(await remaining('o-terms')).toBe(4);
    await as(HQ, UPSERT, { i: offer('o-terms', { validDays: 7 }) });
    expect(await remaining('o-terms')).toBeNull(); // no limit
    await as(HQ, UPSERT, { i: offer('o-terms', { stock: 2, validDays: 7 }) });
    expect(await remaining('o-terms')).toBe(1); // 2 less the one claimed
  });

  it('refuses terms on other kinds and bad terms; only HQ and SYSTEM manage content', async () => {
    expect(code(await as(HQ, UPSERT, { i: offer('a-1', { stock: 3 }, 'ARTICLE') }))).toBe('BAD_USER_INPUT');
    expect(code(await as(HQ, UPSERT, { i: offer('o-bad', { stock: -1 }) }))).toBe('BAD_USER_INPUT');
    expect(code(await as(clerk(), UPSERT, { i: offer('o-x', { stock: 1 }) }))).toBe('FORBIDDEN');
  });
});

describe('claimCoupon', () => {
  beforeAll(async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-1', { stock: 100, validDays: 7 }) }));
    ok(await as(HQ, UPSERT, { i: offer('article', null, 'ARTICLE') }));
  });

  it("answers the member's coupon, valid through the end of the tenant's day 7 days later; again: the same", async () => {
    const c = await claimed('m-1', 'o-1');
    expect(c.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(c.validUntil).toBe('2026-03-17T15:59:59.999Z'); // 17 March, 23:59:59.999 in Shanghai
    expect(c.status).toBe('ACTIVE');
    expect(c.offer).toEqual({ id: 'o-1', offer: { remaining: 99 } });
    expect(await claimed('m-1', 'o-1')).toEqual(c);
    expect(await remaining('o-1')).toBe(99);
    expect((await couponsOf('m-1')).map((x) => x.id)).toEqual([c.id]);
  });

  it('one coupon per member under concurrent claims, the stock taken once', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => claimed('m-2', 'o-1')));
    expect(new Set(all.map((c) => c.code)).size).toBe(1);
    expect(await couponsOf('m-2')).toHaveLength(1);
    expect(await remaining('o-1')).toBe(98);
  });

  it('never beyond the stock: 30 members racing for 5 coupons, 5 win, the others get CONFLICT', async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-5', { stock: 5 }) }));
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => claim(`m-${i + 5}`, 'o-5')));
    const codes = answers.map((r) => code(r) ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(25);
    expect(await remaining('o-5')).toBe(0);
    const won = answers.flatMap((r) =>
      code(r) ? [] : [(r.data as { claimCoupon: CouponOut }).claimCoupon.code],
    );
    expect(new Set(won).size).toBe(5);
  });

  it('only a member for itself; unknown offers NOT_FOUND; outside the claim window BAD_USER_INPUT', async () => {
    for (const who of [HQ, clerk(), { role: 'SYSTEM' } as Who])
      expect(code(await as(who, CLAIM, { o: 'o-1' }))).toBe('FORBIDDEN');
    expect(code(await claim('m-nobody', 'o-1'))).toBe('NOT_FOUND');
    expect(code(await claim('m-3', 'nope'))).toBe('NOT_FOUND');
    expect(code(await claim('m-3', 'article'))).toBe('NOT_FOUND');
    ok(await as(HQ, UPSERT, { i: offer('o-later', { claimFrom: '2026-03-11T00:00:00.000Z' }) }));
    ok(await as(HQ, UPSERT, { i: offer('o-over', { claimUntil: '2026-03-09T00:00:00.000Z' }) }));
    expect(code(await claim('m-3', 'o-later'))).toBe('BAD_USER_INPUT');
    expect(code(await claim('m-3', 'o-over'))).toBe('BAD_USER_INPUT');
    expect(await couponsOf('m-3')).toEqual([]);
  });

  it('a claim that died after taking stock gives it back once it has settled', async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-die', { stock: 2 }) }));
    jest.spyOn(CouponRepository.prototype, 'insert').mockRejectedValueOnce(new Error('killed'));
    expect(code(await claim('m-4', 'o-die'))).toBe('INTERNAL_SERVER_ERROR');
    expect(await remaining('o-die')).toBe(1);
    expect(await w.services.coupons.settleClaims()).toBe(0); // too recent: it may still be writing
    clock.advance(61_000);
    expect(await w.services.coupons.settleClaims()).toBe(1);
    expect(await remaining('o-die')).toBe(2);
    expect(await w.services.coupons.settleClaims()).toBe(0);
    await claimed('m-4', 'o-die');
    await claimed('m-5', 'o-die');
    clock.advance(61_000);
    await w.services.coupons.settleClaims(); // nothing leaked: nothing given back
    expect(await remaining('o-die')).toBe(0);
  });
});

describe('redeemCoupon', () => {
  let c: CouponOut;
  beforeAll(async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-r', { stock: 10, validDays: 1 }) }));
    c = await claimed('m-6', 'o-r');
  });

  it('at the clerk’s store, by the code as typed; the same again answers the same; elsewhere CONFLICT', async () => {
    const typed = c.code.toLowerCase().replace(/-/g, ' ');
    const r = ok<{ redeemCoupon: CouponOut }>(await as(clerk(), REDEEM, { c: typed, s: 'store-sh-001' }));
    expect(r.redeemCoupon).toMatchObject({ id: c.id, redeemedStoreId: 'store-sh-001' });
    expect(r.redeemCoupon.redeemedAt).toBe(clock.now().toISOString());
    const again = ok<{ redeemCoupon: CouponOut }>(
      await as(clerk(), REDEEM, { c: c.code, s: 'store-sh-001' }),
    );
    expect(again.redeemCoupon).toEqual(r.redeemCoupon);
    expect(code(await as(HQ, REDEEM, { c: c.code, s: 'store-bj-001' }))).toBe('CONFLICT');
    expect((await couponsOf('m-6'))[0]).toMatchObject({
      redeemedStoreId: 'store-sh-001',
      status: 'REDEEMED',
    });
  });

  it('two tills racing with one code: one redemption', async () => {
    const d = await claimed('m-7', 'o-r');
    const [a, b] = await Promise.all([
      as(HQ, REDEEM, { c: d.code, s: 'store-sh-001' }),
      as(HQ, REDEEM, { c: d.code, s: 'store-bj-001' }),
    ]);
    expect([code(a) ?? 'OK', code(b) ?? 'OK'].sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('only staff, a clerk at its own store; unknown codes NOT_FOUND, malformed BAD_USER_INPUT, expired BAD_USER_INPUT', async () => {
    const d = await claimed('m-8', 'o-r');
    expect(code(await as(member('m-8'), REDEEM, { c: d.code, s: 'store-sh-001' }))).toBe('FORBIDDEN');
    expect(code(await as(clerk(), REDEEM, { c: d.code, s: 'store-bj-001' }))).toBe('FORBIDDEN');
    expect(code(await as(clerk(), REDEEM, { c: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', s: 'store-sh-001' }))).toBe(
      'NOT_FOUND',
    );
    expect(code(await as(clerk(), REDEEM, { c: 'not a code', s: 'store-sh-001' }))).toBe('BAD_USER_INPUT');
    clock.advance(2 * 86_400_000); // valid 1 day: through the end of tomorrow in Shanghai
    expect(code(await as(clerk(), REDEEM, { c: d.code, s: 'store-sh-001' }))).toBe('BAD_USER_INPUT');
    expect((await couponsOf('m-8'))[0]).toMatchObject({ redeemedAt: null, status: 'EXPIRED' });
  });
});

describe('merges', () => {
  it('coupons move to the survivor and back when the merge is undone', async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-m', { stock: 10 }) }));
    const a = await claimed('m-30', 'o-m');
    const b = await claimed('m-31', 'o-m');
    const merge = { mergeId: 'mg-1', survivorId: 'm-30', mergedId: 'm-31' };
    await w.env.deliver('member.merged', { ...merge, reason: 'same phone' });
    await w.env.deliver('member.merged', { ...merge, reason: 'same phone' }); // redelivered
    expect((await couponsOf('m-30')).map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(await couponsOf('m-31')).toEqual([]);
    await w.env.deliver('member.unmerged', merge);
    expect((await couponsOf('m-30')).map((c) => c.id)).toEqual([a.id]);
    expect((await couponsOf('m-31')).map((c) => c.id)).toEqual([b.id]);
  });

  it("a member whose token names an id merged into another claims as the survivor (one coupon, the survivor's)", async () => {
    ok(await as(HQ, UPSERT, { i: offer('o-old', { stock: 10 }) }));
    const viaOld = await claimed('m-old', 'o-old');
    expect(await claimed('m-32', 'o-old')).toEqual(viaOld);
    expect((await couponsOf('m-32')).map((c) => c.id)).toEqual([viaOld.id]);
    expect(await couponsOf('m-old')).toEqual([]);
    expect(await remaining('o-old')).toBe(9);
  });
});
