import { MemoryCache } from './memory-cache.js';
import { ReadThrough } from './read-through.js';

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
});
