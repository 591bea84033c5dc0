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
