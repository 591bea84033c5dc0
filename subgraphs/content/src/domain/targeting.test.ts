import { type FeedCandidate, rankFeed, skusToCheck } from './feed.js';
import {
  type Audience,
  NO_TARGETING,
  type Targeting,
  audienceKeys,
  checkTargeting,
  isFor,
  memberKeys,
  reachOf,
} from './targeting.js';

const now = new Date('2026-03-10T00:00:00Z');
const t = (x: Partial<Targeting> = {}): Targeting => ({ ...NO_TARGETING, ...x });
const gold: Audience = {
  segments: ['loyal'],
  tags: ['coffee'],
  tier: 'GOLD',
  storeIds: ['s1'],
  regions: ['east'],
};

describe('targeting', () => {
  it('each listed facet must match, one of its values; an empty facet does not narrow', () => {
    expect(isFor(t(), gold, now)).toBe(true);
    expect(isFor(t({ segmentIds: ['loyal', 'vip'] }), gold, now)).toBe(true);
    expect(isFor(t({ segmentIds: ['loyal'], tiers: ['SILVER'] }), gold, now)).toBe(false);
    expect(isFor(t({ tags: ['coffee'], regions: ['east'], storeIds: ['s1', 's2'] }), gold, now)).toBe(true);
    expect(isFor(t({ regions: ['north'] }), gold, now)).toBe(false);
    expect(isFor(t({ tiers: ['GOLD'] }), { ...gold, tier: null }, now)).toBe(false);
  });

  it('inside its window only: from inclusive, until exclusive', () => {
    expect(isFor(t({ from: now }), gold, now)).toBe(true);
    expect(isFor(t({ from: new Date(now.getTime() + 1) }), gold, now)).toBe(false);
    expect(isFor(t({ until: now }), gold, now)).toBe(false);
  });

  it('an item is found by one facet’s keys, and every member it is for has one of them', () => {
    expect(audienceKeys(t())).toEqual(['*']);
    expect(audienceKeys(t({ tiers: ['GOLD'], tags: ['coffee', 'tea'] }))).toEqual(['tag:coffee', 'tag:tea']);
    expect(reachOf(['APP', 'WECHAT'], t({ segmentIds: ['loyal'] }))).toEqual([
      'APP|seg:loyal',
      'WECHAT|seg:loyal',
    ]);
    const keys = new Set(memberKeys(gold));
    for (const x of [
      t(),
      t({ segmentIds: ['loyal'] }),
      t({ regions: ['east'], tiers: ['GOLD'] }),
      t({ storeIds: ['s1'] }),
    ])
      expect(audienceKeys(x).some((k) => keys.has(k))).toBe(isFor(x, gold, now));
  });

  it('cleans what HQ sends and refuses a window that ends before it starts, or too many values', () => {
    expect(checkTargeting({ tags: [' coffee ', 'coffee', ''] }).tags).toEqual(['coffee']);
    expect(() => checkTargeting({ from: now, until: now })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
    expect(() => checkTargeting({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});

describe('the feed', () => {
  const item = (
    itemId: string,
    day: number,
    x: Partial<FeedCandidate> & { t?: Partial<Targeting> } = {},
  ): FeedCandidate => ({
    itemId,
    kind: 'ARTICLE',
    publishedAt: new Date(`2026-03-0${day}T00:00:00Z`),
    available: true,
    ...x,
    targeting: t(x.t),
  });
  const opts = { claimed: new Set<string>(), inStock: null, first: 10 };
  const ids = (xs: FeedCandidate[]) => xs.map((x) => x.itemId);

  it('ranks the narrowest aim first, then the newest; leaves out what is not for the member', () => {
    const items = [
      item('general-new', 9),
      item('general-old', 1),
      item('gold-loyal', 2, { t: { tiers: ['GOLD'], segmentIds: ['loyal'] } }),
      item('coffee', 3, { t: { tags: ['coffee'] } }),
      item('silver', 8, { t: { tiers: ['SILVER'] } }),
    ];
    expect(ids(rankFeed(items, gold, now, opts))).toEqual([
      'gold-loyal',
      'coffee',
      'general-new',
      'general-old',
    ]);
    expect(ids(rankFeed(items, gold, now, { ...opts, first: 2 }))).toEqual(['gold-loyal', 'coffee']);
  });

  it('leaves out coupon offers claimed or with none left, and products none of which is in stock', () => {
    const items = [
      item('offer-claimed', 5, { kind: 'COUPON_OFFER' }),
      item('offer-empty', 5, { kind: 'COUPON_OFFER', available: false }),
      item('offer-open', 4, { kind: 'COUPON_OFFER' }),
      item('promo-stocked', 3, { kind: 'PROMOTION', t: { skus: ['A', 'B'] } }),
      item('promo-empty', 2, { kind: 'PROMOTION', t: { skus: ['C'] } }),
    ];
    const feed = rankFeed(items, gold, now, {
      claimed: new Set(['offer-claimed']),
      inStock: new Set(['B']),
      first: 10,
    });
    expect(ids(feed)).toEqual(['offer-open', 'promo-stocked']);
    expect(ids(rankFeed(items, gold, now, { ...opts, inStock: null })).includes('promo-stocked')).toBe(false);
    expect(skusToCheck(items, gold, now)).toEqual(['A', 'B', 'C']);
  });
});
