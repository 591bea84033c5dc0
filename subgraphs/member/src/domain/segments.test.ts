import { DomainError } from '@zhongtai/contracts';
import type { ProfileView, Rule } from './rules.js';
import { checkSegment, segmentChanges } from './segments.js';

describe('checkSegment', () => {
  it('keeps the id and trims the name', () => {
    expect(checkSegment('gold-sh', '  Gold in Shanghai ')).toEqual({
      id: 'gold-sh',
      name: 'Gold in Shanghai',
    });
  });
  it.each([
    ['Gold', 'Gold'],
    ['-gold', 'Gold'],
    ['a'.repeat(65), 'Gold'],
    ['gold', '  '],
    ['gold', 'x'.repeat(65)],
  ])('rejects id %j name %j', (id, name) => {
    expect(() => checkSegment(id, name)).toThrow(DomainError);
  });
});

describe('segmentChanges', () => {
  const tier = (value: string): Rule => ({ match: 'ALL', conditions: [{ fact: 'tier', op: 'EQ', value }] });
  const segments = [
    { segmentId: 'gold', rule: tier('GOLD') },
    { segmentId: 'silver', rule: tier('SILVER') },
    {
      segmentId: 'not-gold',
      rule: { match: 'ALL', conditions: [{ fact: 'tier', op: 'NEQ', value: 'GOLD' }] } as Rule,
    },
  ];
  const view = { tier: 'GOLD' } as ProfileView;

  it('joins the segments the member now matches and leaves the others', () => {
    expect(segmentChanges(segments, view, new Set(['silver', 'not-gold']))).toEqual({
      members: ['gold'],
      join: ['gold'],
      leave: ['silver', 'not-gold'],
    });
  });
  it('changes nothing for a member already where it belongs', () => {
    expect(segmentChanges(segments, view, new Set(['gold']))).toEqual({
      members: ['gold'],
      join: [],
      leave: [],
    });
  });
});
