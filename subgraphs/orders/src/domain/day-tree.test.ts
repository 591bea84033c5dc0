import fc from 'fast-check';
import {
  TOP_LEVEL,
  ancestors,
  childrenOf,
  cover,
  dayNumber,
  dayOfNumber,
  parentOf,
  spanOf,
} from './day-tree.js';

describe('the metrics tree of days', () => {
  it('numbers business days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2026-12-01')).toBe(20_788);
    expect(dayOfNumber(20_788)).toBe('2026-12-01');
    expect(() => dayNumber('2026-12-1')).toThrow('not a business day');
  });

  it('covers a period exactly, with aligned nodes, in few of them (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 1098 }), (first, n) => {
        const last = first + n - 1;
        const nodes = cover(first, last);
        let at = first;
        for (const node of nodes) {
          const [a, b] = spanOf(node);
          expect(a).toBe(at);
          expect(node.level).toBeLessThanOrEqual(TOP_LEVEL);
          at = b + 1;
        }
        expect(at).toBe(last + 1);
        // two runs of rising then falling levels, plus the top level's repeats
        expect(nodes.length).toBeLessThanOrEqual(2 * TOP_LEVEL + Math.ceil(n / 2 ** TOP_LEVEL));
      }),
    );
    expect(cover(dayNumber('2026-06-04'), dayNumber('2026-11-30')).length).toBeLessThanOrEqual(12);
  });

  it('a day has one ancestor per level, each the parent of the one below, covering it', () => {
    const day = 20_788;
    const up = ancestors(day);
    expect(up.map((n) => n.level)).toEqual(Array.from({ length: TOP_LEVEL }, (_, i) => i + 1));
    let below = { level: 0, index: day };
    for (const n of up) {
      expect(parentOf(below)).toEqual(n);
      expect(childrenOf(n)).toContainEqual(below);
      const [a, b] = spanOf(n);
      expect(day >= a && day <= b).toBe(true);
      below = n;
    }
  });
});
