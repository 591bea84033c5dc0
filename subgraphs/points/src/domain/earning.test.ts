import {
  DEFAULT_RULES,
  type EarningRules,
  computeEarn,
  expiryFor,
  pendingUntil,
  reversalTarget,
} from './earning.js';
import { shanghai } from './fixtures/shanghai-calendar.js';

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
    const r = computeEarn(order([['SKU-1', 'coffee-tea', 2, 1850]]), ctx, DEFAULT_RULES, shanghai);
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
      shanghai,
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
      shanghai,
    );
    expect(notMemberDay).toMatchObject({ points: 10, ruleIds: ['base'] });
  });

  it("keeps member days by the tenant's day of the month: the 8th starts at 16:00 UTC on the 7th in Shanghai", () => {
    const rules: EarningRules = {
      ...DEFAULT_RULES,
      multipliers: [{ id: 'member-day', name: 'member day', factor: 2, daysOfMonth: [8] }],
    };
    const at = (iso: string) =>
      computeEarn(order([['SKU-2', 'snacks', 1, 1000]], 'STORE', new Date(iso)), ctx, rules, shanghai).points;
    expect(at('2026-05-07T15:59:59.999Z')).toBe(10); // 7 May, 23:59 in Shanghai
    expect(at('2026-05-07T16:00:00.000Z')).toBe(20); // 8 May, 00:00
    expect(at('2026-05-08T15:59:59.999Z')).toBe(20); // 8 May, 23:59
    expect(at('2026-05-08T16:30:00.000Z')).toBe(10); // 9 May (still the 8th in UTC)
  });

  it('caps per order and per day', () => {
    const rules = { ...DEFAULT_RULES, perOrderCap: 100, perDayCap: 150 };
    expect(computeEarn(order([['A', 'x', 1, 50_000]]), ctx, rules, shanghai)).toMatchObject({
      points: 100,
      ruleIds: ['base', 'cap:order'],
    });
    expect(
      computeEarn(order([['A', 'x', 1, 50_000]]), { ...ctx, earnedToday: 120 }, rules, shanghai),
    ).toMatchObject({
      points: 30,
    });
    expect(
      computeEarn(order([['A', 'x', 1, 50_000]]), { ...ctx, earnedToday: 200 }, rules, shanghai).points,
    ).toBe(0);
  });
});

describe('expiry and reversal', () => {
  it("expires at the end of the tenant's year after next (Shanghai: 15:59:59.999 UTC on 31 December)", () => {
    const expiry = (iso: string) => expiryFor(new Date(iso), DEFAULT_RULES, shanghai).toISOString();
    expect(expiry('2026-05-03T10:00:00Z')).toBe('2028-12-31T15:59:59.999Z');
    // 17:00 UTC on 31 December is already 1 January 2027 in Shanghai
    expect(expiry('2026-12-31T17:00:00Z')).toBe('2029-12-31T15:59:59.999Z');
    expect(expiry('2026-12-31T15:59:59.999Z')).toBe('2028-12-31T15:59:59.999Z');
  });

  it('keeps order points pending for the return window in tenant days', () => {
    const placed = new Date('2026-05-03T17:00:00Z');
    expect(pendingUntil(placed, { returnWindowDays: 7 }, shanghai)?.toISOString()).toBe(
      '2026-05-10T17:00:00.000Z',
    );
    expect(pendingUntil(placed, { returnWindowDays: 0 }, shanghai)).toBeNull();
  });
  it('reverses pro rata to the refunded amount, never more than earned', () => {
    expect(reversalTarget(100, 10_000, 2_500)).toBe(25);
    expect(reversalTarget(100, 10_000, 10_000)).toBe(100);
    expect(reversalTarget(100, 10_000, 20_000)).toBe(100);
    expect(reversalTarget(37, 3_700, 1_234)).toBe(12);
  });
});
