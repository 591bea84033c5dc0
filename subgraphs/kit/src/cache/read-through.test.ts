import type { Cache } from './cache.js';
import { MemoryCache } from './memory-cache.js';
import { ReadThrough } from './read-through.js';

/** A cache that can go down (Redis restarting): every call then fails. */
function flaky(inner: Cache): Cache & { down: boolean } {
  const c = { down: false } as Cache & { down: boolean };
  for (const name of [
    'get',
    'getMany',
    'set',
    'delete',
    'incr',
    'setIfAbsent',
    'replaceIf',
    'close',
  ] as const)
    (c as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      c.down
        ? Promise.reject(new Error('cache unreachable'))
        : (inner[name] as (...a: unknown[]) => Promise<unknown>).apply(inner, args);
  return c;
}

interface Doc {
  id: string;
  n: number;
  at?: Date;
}

function setup(cacheMisses: boolean) {
  const db = new Map<string, Doc>([['a', { id: 'a', n: 1, at: new Date('2026-01-01T00:00:00Z') }]]);
  const queries: string[][] = [];
  const rt = new ReadThrough<Doc>({
    cache: new MemoryCache(),
    prefix: 't:',
    ttlSeconds: 30,
    dates: ['at'],
    cacheMisses,
  });
  const load = (keys: readonly string[]) =>
    rt.load(keys, async (missing) => {
      queries.push(missing);
      return missing.filter((k) => db.has(k)).map((k) => ({ key: k, value: db.get(k)! }));
    });
  return { db, queries, rt, load };
}

describe('ReadThrough', () => {
  it('queries only what the cache does not hold, and revives dates', async () => {
    const { queries, load } = setup(false);
    expect((await load(['a', 'b'])).get('a')).toEqual({
      id: 'a',
      n: 1,
      at: new Date('2026-01-01T00:00:00Z'),
    });
    await load(['a', 'b']);
    expect(queries).toEqual([['a', 'b'], ['b']]);
  });

  it('serves an in-process cache hit revived once, as one frozen value', async () => {
    const { load } = setup(false);
    await load(['a']);
    const first = (await load(['a'])).get('a')!;
    expect(first.at).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect((await load(['a'])).get('a')).toBe(first);
    expect(() => (first.n = 2)).toThrow(TypeError);
  });

  it('with cacheMisses, remembers what does not exist until the owner puts it', async () => {
    const { db, queries, rt, load } = setup(true);
    expect((await load(['b'])).has('b')).toBe(false);
    expect((await load(['b'])).has('b')).toBe(false);
    expect(queries).toEqual([['b']]);
    db.set('b', { id: 'b', n: 2 });
    await rt.put('b', db.get('b')!);
    expect((await load(['b'])).get('b')).toEqual({ id: 'b', n: 2 });
    expect(queries).toEqual([['b']]);
  });

  it("never lets a reader's older copy replace a writer's put", async () => {
    const { rt } = setup(true);
    await rt.put('a', { id: 'a', n: 5 });
    const r = await rt.load(['a'], async () => [{ key: 'a', value: { id: 'a', n: 1 } }]);
    expect(r.get('a')?.n).toBe(5);
  });

  it("never lets a reader that read before a writer's forget put the old copy back", async () => {
    const { db, queries, rt, load } = setup(false);
    await load(['a']); // cached
    await rt.forget('a'); // evict, so the next reader goes to the database
    let release!: () => void;
    const slowRead = rt.load(['a'], async () => {
      const old = { ...db.get('a')! }; // read before the write
      await new Promise<void>((r) => (release = r));
      return [{ key: 'a', value: old }];
    });
    await new Promise((r) => setTimeout(r, 5));
    db.set('a', { id: 'a', n: 2 }); // the write, then its forget
    await rt.forget('a');
    release();
    expect((await slowRead).get('a')?.n).toBe(1); // that reader saw the old value …
    expect((await load(['a'])).get('a')?.n).toBe(2); // … but did not cache it for the next one,
    expect((await load(['a'])).get('a')?.n).toBe(2); // which put what it read at once
    expect(queries.length).toBe(2);
  });

  it('never fails a request while the cache is down, and never serves what a failed write left behind', async () => {
    const cache = flaky(new MemoryCache());
    const db = new Map<string, Doc>([['a', { id: 'a', n: 1 }]]);
    const rt = new ReadThrough<Doc>({ cache, prefix: 't:', ttlSeconds: 30, cacheMisses: true });
    const queries: string[][] = [];
    const load = (keys: string[]) =>
      rt.load(keys, async (missing) => {
        queries.push(missing);
        return missing.filter((k) => db.has(k)).map((k) => ({ key: k, value: db.get(k)! }));
      });
    expect((await load(['a'])).get('a')?.n).toBe(1); // cached: n 1
    cache.down = true;
    expect((await load(['a'])).get('a')?.n).toBe(1); // from the database
    db.set('a', { id: 'a', n: 2 });
    await rt.put('a', db.get('a')!); // the cache missed it: it still holds n 1
    cache.down = false;
    expect((await load(['a'])).get('a')?.n).toBe(2);
    expect(await cache.get('t:a')).toEqual({ id: 'a', n: 2 }); // the older copy deleted, the new one cached
    expect(queries).toEqual([['a'], ['a'], ['a']]);
    expect((await load(['a'])).get('a')?.n).toBe(2);
    expect(queries).toHaveLength(3); // served from the cache again
  });
});
