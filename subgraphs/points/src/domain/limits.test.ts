import { DomainError } from '@zhongtai/contracts';
import {
  DEFAULT_LIMITS,
  dailyRefusal,
  holdFor,
  isLate,
  limitsOf,
  perGrantRefusal,
  staffEntered,
  staffSubject,
  validateLimits,
} from './limits.js';
import { shanghai } from './fixtures/shanghai-calendar.js';

const DAY = 86_400_000;

function fieldOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return (error as DomainError).details?.field as string;
  }
  return undefined;
}

describe('grant limits', () => {
  it('are on by default, and stored settings override only what they set', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxPointsPerGrant: 5_000,
      maxPointsPerMemberPerDay: 10_000,
      maxPointsPerStaffPerDay: 50_000,
      holdOrdersAbove: 5_000_000,
      holdLateOrders: 'staff',
      plusPricePerMonth: 1_500,
    });
    expect(limitsOf(null)).toEqual(DEFAULT_LIMITS);
    expect(limitsOf({ maxPointsPerGrant: 100 })).toEqual({ ...DEFAULT_LIMITS, maxPointsPerGrant: 100 });
  });

  it('validate each setting and name the bad field', () => {
    expect(fieldOf(() => validateLimits({ maxPointsPerGrant: 1000, holdLateOrders: 'all' }))).toBe(undefined);
    expect(fieldOf(() => validateLimits({ maxPointsPerGrant: -1 }))).toBe('maxPointsPerGrant');
    expect(fieldOf(() => validateLimits({ maxPointsPerMemberPerDay: 1.5 }))).toBe('maxPointsPerMemberPerDay');
    expect(fieldOf(() => validateLimits({ maxPointsPerStaffPerDay: 2e9 }))).toBe('maxPointsPerStaffPerDay');
    expect(fieldOf(() => validateLimits({ holdOrdersAbove: Number.NaN }))).toBe('holdOrdersAbove');
    expect(fieldOf(() => validateLimits({ holdLateOrders: 'some' as never }))).toBe('holdLateOrders');
    expect(fieldOf(() => validateLimits({ plusPricePerMonth: -100 }))).toBe('plusPricePerMonth');
  });

  it('refuse a grant over the per-grant limit, and explain daily caps with what is used and left', () => {
    expect(perGrantRefusal(5_000, DEFAULT_LIMITS)).toBeNull();
    expect(perGrantRefusal(5_001, DEFAULT_LIMITS)).toMatchObject({
      message: 'a grant of 5,001 points is over the limit of 5,000 points per grant',
      details: { cap: 'PER_GRANT', limit: 5_000, requested: 5_001 },
    });
    expect(dailyRefusal('MEMBER_DAY', 10_000, 9_500, 600, '2026-05-04')).toEqual({
      message:
        'this member may receive at most 10,000 points per business day (2026-05-04: 9,500 used, 500 remaining; 600 requested)',
      details: {
        cap: 'MEMBER_DAY',
        limit: 10_000,
        requested: 600,
        usedToday: 9_500,
        remaining: 500,
        day: '2026-05-04',
      },
    });
  });

  it('tell staff from systems, and key staff counters by token subject', () => {
    expect(staffEntered(undefined)).toBe(false);
    expect(staffEntered({ role: 'SYSTEM' })).toBe(false);
    expect(staffEntered({ role: 'CLERK', sub: 'c1' })).toBe(true);
    expect(staffSubject({ role: 'CLERK', sub: 'c1', storeId: 's1' })).toBe('sub:c1');
    // without a subject the store's clerks share one counter: stricter, never looser
    expect(staffSubject({ role: 'CLERK', storeId: 's1' })).toBe('CLERK@s1');
  });
});

describe('holds', () => {
  const now = new Date('2026-05-20T10:00:00Z');
  const order = (total: number, ageDays: number, enteredBy?: { role: string; sub?: string }) => ({
    total,
    placedAt: new Date(now.getTime() - ageDays * DAY),
    enteredBy,
  });
  const clerk = { role: 'CLERK', sub: 'c1' };

  it('hold an order above holdOrdersAbove from any source', () => {
    expect(holdFor(order(5_000_000, 0), DEFAULT_LIMITS, 7, now, shanghai)).toBeNull();
    expect(holdFor(order(5_000_001, 0), DEFAULT_LIMITS, 7, now, shanghai)).toEqual({
      reason: 'LARGE_ORDER',
      detail: 'order total ¥50,000.01 is above ¥50,000.00',
    });
  });

  it('hold a late order per holdLateOrders: staff-entered by default, all, or none', () => {
    expect(isLate(order(100, 7).placedAt, now, 7, shanghai)).toBe(false);
    expect(isLate(order(100, 7.01).placedAt, now, 7, shanghai)).toBe(true);
    expect(isLate(order(100, 0.5).placedAt, now, 0, shanghai)).toBe(false); // a window of 0 counts as one day
    expect(holdFor(order(100, 10, clerk), DEFAULT_LIMITS, 7, now, shanghai)?.reason).toBe('LATE_ORDER');
    expect(holdFor(order(100, 10), DEFAULT_LIMITS, 7, now, shanghai)).toBeNull();
    expect(holdFor(order(100, 10, { role: 'SYSTEM' }), DEFAULT_LIMITS, 7, now, shanghai)).toBeNull();
    expect(
      holdFor(order(100, 10), { ...DEFAULT_LIMITS, holdLateOrders: 'all' }, 7, now, shanghai)?.reason,
    ).toBe('LATE_ORDER');
    expect(
      holdFor(order(100, 10, clerk), { ...DEFAULT_LIMITS, holdLateOrders: 'none' }, 7, now, shanghai),
    ).toBeNull();
    expect(holdFor(order(100, 3, clerk), DEFAULT_LIMITS, 7, now, shanghai)).toBeNull();
  });

  it("name a late order's days as the tenant's business days", () => {
    const placed = { total: 100, placedAt: new Date('2026-05-10T15:00:00Z'), enteredBy: clerk };
    // 10 May 23:00 and 21 May 01:00 in Shanghai (10 and 20 May in UTC)
    expect(holdFor(placed, DEFAULT_LIMITS, 7, new Date('2026-05-20T17:00:00Z'), shanghai)).toEqual({
      reason: 'LATE_ORDER',
      detail: 'placed on 2026-05-10, arrived on 2026-05-21: after its 7-day return window, entered by staff',
    });
    // exactly the window later (same wall-clock time) is not late yet
    expect(isLate(placed.placedAt, new Date('2026-05-17T15:00:00Z'), 7, shanghai)).toBe(false);
    expect(isLate(placed.placedAt, new Date('2026-05-17T15:00:00.001Z'), 7, shanghai)).toBe(true);
  });
});
