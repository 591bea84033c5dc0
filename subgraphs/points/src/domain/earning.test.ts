import { DEFAULT_RULES, type EarningRules, computeEarn, expiryFor, reversalTarget } from './earning.js';

const order = (
  lines: Array<[string, string, number, number]>,
  channel = 'STORE',
  placedAt = new Date('2026-05-03T10:00:00Z'),
) => ({
  channel,
  placedAt,
  lines: lines.map(([sku, category, quantity, unitPrice]) => ({ sku, category, quantity, unitPrice })),
});
const ctx = { tier: 'SILVER', plus: false, earnedToday: 0 };

describe('computeEarn', () => {
  it('earns the base rate per yuan and explains it', () => {
    const r = computeEarn(order([['SKU-1', 'coffee-tea', 2, 1850]]), ctx, DEFAULT_RULES);
    expect(r).toEqual({
      points: 37,
      growth: 37,
      ruleIds: ['base'],
      explanation: '¥37.00 × 1 pt/¥ = 37 → 37 points',
    });
  });

  it('applies category, channel, tier and member-day multipliers, each named', () => {
    const rules: EarningRules = {
      ...DEFAULT_RULES,
      multipliers: [
        { id: 'bakery-x3', name: 'bakery week', factor: 3, categories: ['fresh-bakery'] },
        { id: 'app-x1.5', name: 'app orders', factor: 1.5, channels: ['APP'] },
        { id: 'gold-x2', name: 'gold members', factor: 2, tiers: ['GOLD'] },
        { id: 'member-day', name: 'member day', factor: 2, daysOfMonth: [8] },
      ],
    };
    const r = computeEarn(
      order(
        [
          ['SKU-1', 'fresh-bakery', 1, 1000],
          ['SKU-2', 'snacks', 1, 1000],
        ],
        'APP',
        new Date('2026-05-08T10:00:00Z'),
      ),
      { ...ctx, tier: 'GOLD' },
      rules,
    );
    // (10×3 + 10) × 1.5 × 2 × 2 = 240
    expect(r.points).toBe(240);
    expect(r.growth).toBe(20);
    expect(r.ruleIds).toEqual(['base', 'bakery-x3', 'app-x1.5', 'gold-x2', 'member-day']);
    expect(r.explanation).toContain('member day');
    const notMemberDay = computeEarn(
      order([['SKU-2', 'snacks', 1, 1000]], 'STORE', new Date('2026-05-09T10:00:00Z')),
      ctx,
      rules,
    );
    expect(notMemberDay).toMatchObject({ points: 10, ruleIds: ['base'] });
  });

  it('caps per order and per day', () => {
    const rules = { ...DEFAULT_RULES, perOrderCap: 100, perDayCap: 150 };
    expect(computeEarn(order([['A', 'x', 1, 50_000]]), ctx, rules)).toMatchObject({
      points: 100,
      ruleIds: ['base', 'cap:order'],
    });
    expect(computeEarn(order([['A', 'x', 1, 50_000]]), { ...ctx, earnedToday: 120 }, rules)).toMatchObject({
      points: 30,
    });
    expect(computeEarn(order([['A', 'x', 1, 50_000]]), { ...ctx, earnedToday: 200 }, rules).points).toBe(0);
  });
});

describe('expiry and reversal', () => {
  it('expires at the end of the year after next', () => {
    expect(expiryFor(new Date('2026-05-03T10:00:00Z'), DEFAULT_RULES).toISOString()).toBe(
      '2028-12-31T23:59:59.999Z',
    );
  });
  it('reverses pro rata to the refunded amount, never more than earned', () => {
    expect(reversalTarget(100, 10_000, 2_500)).toBe(25);
    expect(reversalTarget(100, 10_000, 10_000)).toBe(100);
    expect(reversalTarget(100, 10_000, 20_000)).toBe(100);
    expect(reversalTarget(37, 3_700, 1_234)).toBe(12);
  });
});
