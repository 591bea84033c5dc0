import { shanghai } from './fixtures/shanghai-calendar.js';
import { nextReviewAt, review, tierFor, upgrade } from './tiers.js';

describe('tiers', () => {
  it('starts at the lowest tier and reaches one exactly at its threshold', () => {
    expect(tierFor(0).tier.code).toBe('SILVER');
    expect(tierFor(1000).tier.code).toBe('GOLD');
    expect(tierFor(999).next?.code).toBe('GOLD');
    expect(tierFor(9999)).toMatchObject({ tier: { code: 'PLATINUM' }, next: null });
  });
  it('upgrades at once but never downgrades outside a review', () => {
    expect(upgrade('SILVER', 1200)).toBe('GOLD');
    expect(upgrade('PLATINUM', 10)).toBe('PLATINUM');
  });
  it('reviews to what the period reached, down included', () => {
    expect(review(10)).toBe('SILVER');
    expect(review(6000)).toBe('PLATINUM');
  });
  it("reviews again a year later on the tenant's calendar, clamped to the end of February", () => {
    const next = (iso: string) => nextReviewAt(new Date(iso), shanghai).toISOString();
    expect(next('2026-05-03T10:00:00.000Z')).toBe('2027-05-03T10:00:00.000Z');
    // 29 February 2028, 01:00 in Shanghai (still the 28th in UTC) → 28 February 2029, 01:00
    expect(next('2028-02-28T17:00:00.000Z')).toBe('2029-02-27T17:00:00.000Z');
  });
});
