import { combineFacts, deriveFacts, emptyFacts, type FactsDoc } from './facts.js';
import { lifecycleStage } from './lifecycle.js';
import { relationship } from './relationship.js';
import { memberProfile, profileOf } from './profile.js';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const facts = (
  orders: FactsDoc['orders'],
  surveys: FactsDoc['surveys'] = {},
  engagement: FactsDoc['engagement'] = {},
): FactsDoc => ({ ...emptyFacts(), orders, surveys, engagement });

describe('profile facts', () => {
  it('counts purchases net of refunds, ignoring refunds whose order has not arrived', () => {
    const f = deriveFacts(
      facts({
        o1: { amount: 10_000, placedAt: daysAgo(10), storeId: 's1' },
        o2: { amount: 5_000, refunded: 2_000, placedAt: daysAgo(40), storeId: 's2' },
        o3: { amount: 3_000, refunded: 3_000, placedAt: daysAgo(5) },
        o4: { refunded: 500 },
      }),
      now,
    );
    expect(f).toMatchObject({
      orderCount: 2,
      totalSpent: 13_000,
      firstPurchaseAt: daysAgo(40),
      lastPurchaseAt: daysAgo(10),
      purchaseStoreIds: ['s1', 's2'],
    });
  });

  it('is the same whatever the order of events (refund first, then the order)', () => {
    const a = deriveFacts(facts({ o1: { amount: 1000, placedAt: daysAgo(1), refunded: 400 } }), now);
    const b = deriveFacts(
      combineFacts([
        facts({ o1: { refunded: 400 } }),
        facts({ o1: { amount: 1000, placedAt: daysAgo(1), refunded: 400 } }),
      ]),
      now,
    );
    expect(a).toEqual(b);
  });

  it('averages satisfaction and counts recent engagement only', () => {
    const f = deriveFacts(
      facts(
        {},
        { s1: { score: 5, at: daysAgo(3) }, s2: { score: 2, at: daysAgo(1) } },
        { e1: daysAgo(10), e2: daysAgo(200) },
      ),
      now,
    );
    expect(f).toMatchObject({ satisfaction: 3.5, lastSatisfaction: 2, engagement: 1 });
  });
});

describe('lifecycle stage', () => {
  const stage = (doc: FactsDoc) => lifecycleStage(deriveFacts(doc, now), now);
  it('walks identified → first purchase → repeat → fan', () => {
    expect(stage(facts({}))).toBe('IDENTIFIED');
    expect(stage(facts({ a: { amount: 100, placedAt: daysAgo(1) } }))).toBe('FIRST_PURCHASE');
    expect(
      stage(facts({ a: { amount: 100, placedAt: daysAgo(1) }, b: { amount: 100, placedAt: daysAgo(2) } })),
    ).toBe('REPEAT');
    const four = Object.fromEntries(
      [1, 2, 3, 4].map((d) => [`o${d}`, { amount: 100, placedAt: daysAgo(d) }]),
    );
    expect(stage(facts(four, { s: { score: 5, at: daysAgo(1) } }))).toBe('FAN');
  });
  it('marks silence after buying as at risk, then churned', () => {
    expect(stage(facts({ a: { amount: 100, placedAt: daysAgo(91) } }))).toBe('AT_RISK');
    expect(stage(facts({ a: { amount: 100, placedAt: daysAgo(181) } }))).toBe('CHURNED');
  });
});

describe('relationship matrix', () => {
  it('tells "cares about us but buys little" from "bought a lot, long ago"', () => {
    const caring = relationship(
      deriveFacts(
        facts(
          { a: { amount: 2_000, placedAt: daysAgo(3) } },
          { s: { score: 5, at: daysAgo(2) } },
          { e1: daysAgo(1), e2: daysAgo(2) },
        ),
        now,
      ),
      now,
    );
    expect(caring.quadrant).toBe('LOW_VALUE_ACTIVE');
    const distant = relationship(
      deriveFacts(facts({ a: { amount: 1_500_000, placedAt: daysAgo(170) } }), now),
      now,
    );
    expect(distant.quadrant).toBe('HIGH_VALUE_DISTANT');
    const best = relationship(
      deriveFacts(
        facts({
          a: { amount: 900_000, placedAt: daysAgo(5) },
          b: { amount: 900_000, placedAt: daysAgo(20) },
        }),
        now,
      ),
      now,
    );
    expect(best).toMatchObject({ quadrant: 'HIGH_VALUE_ACTIVE' });
    expect(best.valueScore).toBeLessThanOrEqual(100);
  });
  it('scores a member without history zero on both axes', () => {
    expect(relationship(deriveFacts(facts({}), now), now)).toEqual({
      valueScore: 0,
      activityScore: 0,
      quadrant: 'LOW_VALUE_DISTANT',
    });
  });
});

describe('profileOf', () => {
  it('exposes joined and purchase stores together for rules', () => {
    const p = profileOf(
      {
        facts: facts({ a: { amount: 100, placedAt: daysAgo(1), storeId: 's2' } }),
        tags: ['vip'],
        joinedAt: daysAgo(10),
        joinedChannel: 'APP',
        storeIds: ['s1'],
      },
      now,
    );
    expect(p.view).toMatchObject({
      store: ['s1', 's2'],
      tag: ['vip'],
      daysSinceJoined: 10,
      daysSinceLastPurchase: 1,
    });
  });
});

describe('memberProfile', () => {
  it('combines the facts of a merge group and reads its tags and stores', () => {
    const p = memberProfile(
      { joinedAt: daysAgo(30), joinedChannel: 'WECHAT', storeIds: ['s1'] },
      [
        facts({ a: { amount: 100, placedAt: daysAgo(2), storeId: 's2' } }),
        facts({ b: { amount: 300, placedAt: daysAgo(5) } }),
      ],
      [{ name: 'vip' }, { name: 'coffee' }],
      now,
    );
    expect(p.stage).toBe('REPEAT');
    expect(p.view).toMatchObject({
      orderCount: 2,
      totalSpent: 400,
      tag: ['coffee', 'vip'],
      store: ['s1', 's2'],
      daysSinceJoined: 30,
    });
  });
  it('is an identified member with no facts at all', () => {
    const p = memberProfile({ joinedAt: daysAgo(1), joinedChannel: 'APP', storeIds: [] }, [], [], now);
    expect(p.stage).toBe('IDENTIFIED');
    expect(p.view.orderCount).toBe(0);
  });
});
