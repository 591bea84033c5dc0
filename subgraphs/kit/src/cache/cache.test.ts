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
