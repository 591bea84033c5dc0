import { ManualClock, gqlCode as code, gqlOk as ok } from '@zhongtai/subgraph-kit';
import { HQ, contentWorld } from './testing/content-world.js';

/** `Member.feed` (R-CT-1, R-IN-2) through the subgraph's HTTP API, profiles arriving as events. */
const clock = new ManualClock('2026-03-10T00:00:00.000Z');
/** stock the gateway answers (inventory's `skus`), per store */
const stock: Record<string, Record<string, number>> = { s1: { 'SKU-A': 3, 'SKU-B': 0 }, s2: {} };
const stockAsked: string[][] = [];
const w = contentWorld({
  clock,
  scopes: {
    members: {
      gold: { storeIds: ['s1'] },
      plain: { storeIds: ['s2'] },
      busy: { storeIds: ['s1'] },
      fresh: { storeIds: [] },
    },
    stores: { s1: 'east', s2: 'north' },
  },
  answer: (_q, variables) => {
    const codes = variables.codes as string[];
    stockAsked.push(codes);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(variables))
      if (k.startsWith('store'))
        out[`s${k.slice(5)}`] = codes.map((code) => ({
          code,
          availability: { available: stock[v as string]?.[code] ?? 0 },
        }));
    return out;
  },
});
const as = w.as;
const UPSERT = 'mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }';
const publish = async (id: string, day: number, x: Record<string, unknown> = {}) => {
  clock.set(`2026-03-0${day}T00:00:00.000Z`);
  ok(await as(HQ, UPSERT, { i: { id, kind: 'ARTICLE', title: id, body: 'b', channels: ['APP'], ...x } }));
};
const FEED = `query($r: [_Any!]!, $f: Int) { _entities(representations: $r) { ... on Member { feed(channel: APP, first: $f) { id } } } }`;
const feedOf = async (memberId: string, first = 20) => {
  const r = await as({ role: 'MEMBER', memberId }, FEED, {
    r: [{ __typename: 'Member', id: memberId }],
    f: first,
  });
  return {
    ids: ok<{ _entities: Array<{ feed: Array<{ id: string }> }> }>(r)._entities[0].feed.map((i) => i.id),
    trips: w.api.requests.at(-1)!.dbRoundTrips,
  };
};
const profile = (memberId: string, x: Record<string, unknown>, at = clock.now()) =>
  w.env.deliver(
    'member.profileChanged',
    { memberId, tags: [], segments: [], tier: null, lifecycleStage: 'ACTIVE', storeIds: [], ...x },
    { at },
  );

beforeAll(async () => {
  await w.env.deliver('store.changed', { storeId: 's1', name: 'S1', region: 'east' });
  await w.env.deliver('store.changed', { storeId: 's2', name: 'S2', region: 'north' });
  await publish('everyone-old', 1);
  await publish('gold-only', 2, { targeting: { tiers: ['GOLD'] } });
  await publish('loyal-east', 3, { targeting: { segmentIds: ['loyal'], regions: ['east'] } });
  await publish('north', 4, { targeting: { regions: ['north'] } });
  await publish('ended', 5, { targeting: { until: '2026-03-06T00:00:00.000Z' } });
  await publish('later', 5, { targeting: { from: '2026-03-20T00:00:00.000Z' } });
  await publish('promo-a', 6, { kind: 'PROMOTION', targeting: { skus: ['SKU-A'] } });
  await publish('promo-b', 6, { kind: 'PROMOTION', targeting: { skus: ['SKU-B'] } });
  await publish('offer-open', 7, { kind: 'COUPON_OFFER', offer: { stock: 10 } });
  await publish('offer-gone', 7, { kind: 'COUPON_OFFER', offer: { stock: 0 } });
  await publish('everyone-new', 8);
  clock.set('2026-03-10T00:00:00.000Z');
  await profile('gold', { tier: 'GOLD', segments: ['loyal'], storeIds: ['s1'] });
  await profile('plain', { storeIds: ['s2'] });
});

describe("a member's feed", () => {
  it('is what is aimed at it, narrowest first, then the newest; ended, future and empty offers left out', async () => {
    expect((await feedOf('gold')).ids).toEqual([
      'loyal-east',
      'gold-only',
      'everyone-new',
      'offer-open',
      'promo-a',
      'everyone-old',
    ]);
    expect((await feedOf('plain')).ids).toEqual(['north', 'everyone-new', 'offer-open', 'everyone-old']);
  });

  it('promotes products only where one is in stock at the member’s stores (R-IN-2)', async () => {
    stockAsked.length = 0;
    const { ids } = await feedOf('plain');
    expect(ids).not.toContain('promo-a'); // none at s2
    expect(stockAsked).toEqual([['SKU-A', 'SKU-B']]);
  });

  it('leaves out an offer once the member claimed it', async () => {
    ok(
      await as(
        { role: 'MEMBER', memberId: 'gold' },
        'mutation { claimCoupon(offerId: "offer-open") { id } }',
      ),
    );
    const gold = await feedOf('gold');
    expect(gold.ids).not.toContain('offer-open');
    // the profile, the candidates, the member's coupons (their offers are not read for this)
    expect(gold.trips).toBeLessThanOrEqual(3);
    expect((await feedOf('plain')).ids).toContain('offer-open');
  });

  it('puts what the member saw after what it has not, without a round trip more', async () => {
    const seen = (memberId: string, itemIds: string[]) =>
      as({ role: 'MEMBER', memberId }, 'mutation($i: [ID!]!) { markContentSeen(itemIds: $i) }', {
        i: itemIds,
      });
    const before = await feedOf('plain');
    expect(ok(await seen('plain', ['north', 'everyone-new']))).toEqual({ markContentSeen: true });
    const after = await feedOf('plain');
    expect(after.ids).toEqual([
      ...before.ids.filter((i) => i !== 'north' && i !== 'everyone-new'),
      'north',
      'everyone-new',
    ]);
    expect(after.trips).toBe(before.trips);
    expect(code(await seen('plain', []))).toBe('BAD_USER_INPUT');
    expect(
      code(await as({ role: 'CLERK', storeId: 's1' }, 'mutation { markContentSeen(itemIds: ["north"]) }')),
    ).toBe('FORBIDDEN');
    // seen before any profile arrived: the profile, when it comes, still counts
    ok(await seen('fresh', ['everyone-new']));
    await profile('fresh', { tier: 'GOLD' });
    expect((await feedOf('fresh')).ids).toEqual(['gold-only', 'offer-open', 'everyone-old', 'everyone-new']);
  });

  it('follows the profile as it changes, keeping the newest when announcements arrive late', async () => {
    await profile('plain', { tier: 'GOLD', storeIds: ['s2'] }, new Date('2026-03-10T01:00:00Z'));
    expect((await feedOf('plain')).ids).toContain('gold-only');
    await profile('plain', { tier: null, storeIds: ['s2'] }, new Date('2026-03-10T00:30:00Z')); // older: ignored
    expect((await feedOf('plain')).ids).toContain('gold-only');
  });

  it('costs the same database round trips however many segments, tags and items (no scans)', async () => {
    await profile('busy', { tier: 'GOLD', segments: ['loyal'], storeIds: ['s1'] });
    const small = (await feedOf('busy')).trips;
    const segments = Array.from({ length: 40 }, (_, i) => `seg-${i}`);
    for (let i = 0; i < 40; i++)
      await publish(`seg-item-${i}`, 9, { targeting: { segmentIds: [segments[i]] } });
    await profile(
      'busy',
      { tier: 'GOLD', segments: ['loyal', ...segments], tags: segments, storeIds: ['s1'] },
      new Date('2026-03-11T00:00:00Z'),
    );
    clock.set('2026-03-11T00:00:00.000Z');
    const big = await feedOf('busy', 50);
    expect(big.ids.filter((id) => id.startsWith('seg-item-'))).toHaveLength(40);
    expect(big.trips).toBe(small);
    expect(small).toBeLessThanOrEqual(3); // the profile, the candidates, the member's coupons
  });

  it('is the member’s own: another member’s is FORBIDDEN; bad sizes BAD_USER_INPUT', async () => {
    expect(
      code(
        await as({ role: 'MEMBER', memberId: 'gold' }, FEED, { r: [{ __typename: 'Member', id: 'plain' }] }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await as({ role: 'MEMBER', memberId: 'gold' }, FEED, {
          r: [{ __typename: 'Member', id: 'gold' }],
          f: 51,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
