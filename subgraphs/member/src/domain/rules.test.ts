import { DomainError } from '@zhongtai/contracts';
import { type ProfileView, type Rule, evaluate, validateRule } from './rules.js';

const view: ProfileView = {
  orderCount: 3,
  totalSpent: 50_000,
  daysSinceLastPurchase: 61,
  daysSinceJoined: 400,
  tier: 'GOLD',
  lifecycleStage: 'REPEAT',
  tag: ['coffee', 'vip'],
  store: ['store-sh-001'],
  joinedChannel: 'APP',
  satisfaction: 4.5,
  lastSatisfaction: 2,
  engagement: 1,
  valueScore: 60,
  activityScore: 40,
  quadrant: 'HIGH_VALUE_DISTANT',
};

describe('rules', () => {
  it('matches ALL and ANY over numbers, scalars and sets', () => {
    const gold: Rule = {
      match: 'ALL',
      conditions: [
        { fact: 'tier', op: 'EQ', value: 'GOLD' },
        { fact: 'store', op: 'HAS', value: 'store-sh-001' },
        { fact: 'daysSinceLastPurchase', op: 'GT', value: '60' },
      ],
    };
    expect(evaluate(gold, view)).toBe(true);
    expect(
      evaluate(
        { ...gold, conditions: [...gold.conditions, { fact: 'tag', op: 'NOT_HAS', value: 'vip' }] },
        view,
      ),
    ).toBe(false);
    expect(
      evaluate(
        {
          match: 'ANY',
          conditions: [
            { fact: 'orderCount', op: 'GTE', value: '10' },
            { fact: 'lifecycleStage', op: 'IN', values: ['REPEAT', 'FAN'] },
          ],
        },
        view,
      ),
    ).toBe(true);
  });

  it('treats unknown numbers as matching nothing but NEQ', () => {
    const fresh = { ...view, daysSinceLastPurchase: null };
    expect(
      evaluate(
        { match: 'ALL', conditions: [{ fact: 'daysSinceLastPurchase', op: 'LT', value: '30' }] },
        fresh,
      ),
    ).toBe(false);
    expect(
      evaluate(
        { match: 'ALL', conditions: [{ fact: 'daysSinceLastPurchase', op: 'NEQ', value: '30' }] },
        fresh,
      ),
    ).toBe(true);
  });

  it.each([
    [{ match: 'ALL', conditions: [] }],
    [{ match: 'SOME', conditions: [{ fact: 'tier', op: 'EQ', value: 'GOLD' }] }],
    [{ match: 'ALL', conditions: [{ fact: 'nope', op: 'EQ', value: '1' }] }],
    [{ match: 'ALL', conditions: [{ fact: 'tag', op: 'EQ', value: 'vip' }] }],
    [{ match: 'ALL', conditions: [{ fact: 'orderCount', op: 'GT', value: 'many' }] }],
    [{ match: 'ALL', conditions: [{ fact: 'tier', op: 'GT', value: 'GOLD' }] }],
    [{ match: 'ALL', conditions: [{ fact: 'tier', op: 'IN', values: [] }] }],
  ])('rejects an unusable rule %j', (rule) => {
    expect(() => validateRule(rule as Rule)).toThrow(DomainError);
  });
});
