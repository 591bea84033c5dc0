import fc from 'fast-check';
import { OrdinalSet } from './buyer-sets.js';

const sets = fc.array(fc.array(fc.nat({ max: 200_000 }), { maxLength: 300 }), { maxLength: 12 });

describe('ordinal sets', () => {
  it('a union of stored sets has exactly the distinct members (property)', () => {
    fc.assert(
      fc.property(sets, (lists) => {
        const got = OrdinalSet.union(lists.map((l) => OrdinalSet.of(l).encode()));
        const want = [...new Set(lists.flat())].sort((a, b) => a - b);
        expect(got.size).toBe(want.length);
        expect([...got.values()]).toEqual(want);
      }),
    );
  });

  it('stores a sparse set as a list and a dense one as a bitmap, whichever is smaller', () => {
    const sparse = OrdinalSet.of([5, 100_000]).encode();
    expect(sparse[0]).toBe(2);
    expect(sparse.length).toBe(1 + 2 * 4);
    const dense = OrdinalSet.of(Array.from({ length: 1000 }, (_, i) => i * 2)).encode();
    expect(dense[0]).toBe(1);
    expect(dense.length).toBe(1 + 250);
    expect(OrdinalSet.union([sparse, dense]).size).toBe(1002);
    expect(OrdinalSet.union([sparse, OrdinalSet.of([4, 5]).encode(), dense]).size).toBe(1002);
  });

  it('an empty set is stored as nothing and counts nothing', () => {
    expect(OrdinalSet.of([]).encode().length).toBe(0);
    expect(OrdinalSet.union([undefined, new Uint8Array(0)]).size).toBe(0);
  });

  it('refuses what is not an ordinal or not a stored set', () => {
    expect(() => OrdinalSet.of([-1])).toThrow('not an ordinal');
    expect(() => OrdinalSet.union([Uint8Array.of(9, 1)])).toThrow('unknown ordinal set encoding');
  });
});
