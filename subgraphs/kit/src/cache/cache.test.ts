import { connectRedis } from '../redis.js';
import { redisForTests, startTestRedis } from '../testing/redis-server.js';
import { describeCacheContract } from './cache.contract.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';

describeCacheContract('memory', async () => {
  const cache = new MemoryCache();
  return { cache, close: () => cache.close() };
});

describeCacheContract(
  'redis',
  async () => {
    const server = await startTestRedis();
    const client = await connectRedis(server.url);
    return {
      cache: new RedisCache(client, `test:${process.pid}:`),
      close: async () => {
        await client.quit();
        await server.stop();
      },
    };
  },
  redisForTests().available,
);

describe('MemoryCache on an injected clock', () => {
  it('expires entries when the clock says so, not the wall clock', async () => {
    let now = 1_000_000;
    const cache = new MemoryCache({ now: () => now });
    await cache.set('k', 'v', 2);
    expect(await cache.setIfAbsent('k', 'w', 2)).toBe(false);
    now += 1_999;
    expect(await cache.get('k')).toBe('v');
    now += 1;
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.setIfAbsent('k', 'w', 2)).toBe(true);
    expect(await cache.getMany(['k'])).toEqual(['w']);
  });
});

describe('MemoryCache.getManyShared', () => {
  it('reads each stored value once, shares it frozen, and reads it again after a set', async () => {
    const cache = new MemoryCache();
    const reads: unknown[] = [];
    const read = (v: unknown) => (reads.push(v), { ...(v as object), read: true });
    await cache.set('k', { n: 1, list: [{ x: 1 }] });
    const [a] = await cache.getManyShared(['k'], read);
    const [b, none] = await cache.getManyShared(['k', 'none'], read);
    expect(a).toEqual({ n: 1, list: [{ x: 1 }], read: true });
    expect(b).toBe(a);
    expect(none).toBeUndefined();
    expect(reads).toHaveLength(1);
    expect(() => ((a as unknown as { list: { x: number }[] }).list[0].x = 2)).toThrow(TypeError);
    expect(await cache.get('k')).toEqual({ n: 1, list: [{ x: 1 }] }); // get still hands out a copy of its own
    await cache.set('k', { n: 2 });
    expect(await cache.getManyShared(['k'], read)).toEqual([{ n: 2, read: true }]);
    expect(reads).toHaveLength(2);
  });
});
