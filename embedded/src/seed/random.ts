import pMap from 'p-map';

/**
 * A small seeded PRNG (mulberry32), so the demo tenant is the same on every start. Not the adapters'
 * `seededRandom`: the demo data (and the member the README looks up) come from this sequence, and a
 * store kept in DATA_DIR is replayed with it on restart.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)];
}

/** Runs `tasks` with at most `limit` in flight; the results in task order (p-map). */
export function pool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  return pMap(tasks, (task) => task(), { concurrency: limit });
}
