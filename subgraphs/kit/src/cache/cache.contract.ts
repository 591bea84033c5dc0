import type { Cache } from './cache.js';

/** One suite every Cache implementation passes (in-process and Redis). */
export function describeCacheContract(
  name: string,
  make: () => Promise<{ cache: Cache; close(): Promise<void> }>,
  available = true,
): void {
  (available ? describe : describe.skip)(`Cache contract: ${name}`, () => {
    let cache: Cache;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ cache, close } = await make());
    });
    afterAll(async () => close());
    const key = (k: string) => `${name}:${Math.random().toString(36).slice(2)}:${k}`;

    it('returns undefined for a missing key', async () => {
      expect(await cache.get(key('missing'))).toBeUndefined();
    });

    it('round-trips JSON values and isolates them from later mutation', async () => {
      const k = key('obj');
      const value = { a: 1, b: ['x'], c: { d: null } };
      await cache.set(k, value);
      value.a = 2;
      expect(await cache.get(k)).toEqual({ a: 1, b: ['x'], c: { d: null } });
    });

    it('reads many keys in order, undefined for missing ones', async () => {
      const [a, b] = [key('a'), key('b')];
      await cache.set(a, 1);
      await cache.set(b, 2);
      expect(await cache.getMany([a, key('none'), b])).toEqual([1, undefined, 2]);
      expect(await cache.getMany([])).toEqual([]);
    });

    it('keeps a stored null apart from a missing key', async () => {
      const k = key('null');
      await cache.set(k, null);
      expect(await cache.getMany([k, key('none')])).toEqual([null, undefined]);
    });

    it('expires values after their TTL', async () => {
      const k = key('ttl');
      await cache.set(k, 'v', 1);
      expect(await cache.get(k)).toBe('v');
      await new Promise((r) => setTimeout(r, 1100));
      expect(await cache.get(k)).toBeUndefined();
    });

    it('deletes', async () => {
      const k = key('del');
      await cache.set(k, 1);
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
    });

    it('counts atomically under concurrency and resets after the window', async () => {
      const k = key('ctr');
      const values = await Promise.all(Array.from({ length: 50 }, () => cache.incr(k, 1)));
      expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      await new Promise((r) => setTimeout(r, 1100));
      expect(await cache.incr(k, 1)).toBe(1);
    });

    it('replaceIf sets only over exactly the value expected', async () => {
      const k = key('cas');
      expect(await cache.replaceIf(k, { v: 1 }, { v: 2 }, 5)).toBe(false); // absent
      await cache.set(k, { v: 1 }, 5);
      expect(await cache.replaceIf(k, { v: 3 }, { v: 2 }, 5)).toBe(false);
      expect(await cache.replaceIf(k, { v: 1 }, { v: 2 }, 5)).toBe(true);
      expect(await cache.get(k)).toEqual({ v: 2 });
    });

    it('setIfAbsent lets exactly one of many racers win', async () => {
      const k = key('nx');
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.setIfAbsent(k, i, 5)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });
}
