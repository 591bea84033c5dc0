import { review, tierFor, upgrade } from './tiers.js';

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
});
