import { tierFor } from './tiers.js';

describe('tierFor', () => {
  it('starts at the lowest tier', () => expect(tierFor(0).tier.code).toBe('SILVER'));
  it('reaches a tier exactly at its threshold', () => expect(tierFor(1000).tier.code).toBe('GOLD'));
  it('names the next tier and none above the top', () => {
    expect(tierFor(999).next?.code).toBe('GOLD');
    expect(tierFor(9999)).toMatchObject({ tier: { code: 'PLATINUM' }, next: null });
  });
});
