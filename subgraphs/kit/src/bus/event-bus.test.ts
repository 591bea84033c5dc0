import { connectRedis } from '../redis.js';
import { redisForTests, startTestRedis } from '../testing/redis-server.js';
import { describeEventBusContract } from './event-bus.contract.js';
import { MemoryEventBus } from './memory-bus.js';
import { RedisEventBus } from './redis-bus.js';

describeEventBusContract('memory', async () => {
  const bus = new MemoryEventBus();
  return { bus, close: () => bus.close() };
});

describeEventBusContract(
  'redis streams',
  async () => {
    const server = await startTestRedis();
    const client = await connectRedis(server.url);
    const bus = new RedisEventBus(client);
    return {
      bus,
      close: async () => {
        await bus.close();
        await client.quit();
        await server.stop();
      },
    };
  },
  redisForTests().available,
);
