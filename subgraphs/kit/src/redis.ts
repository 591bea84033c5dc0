import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Connects node-redis; reconnects with capped backoff, so a Redis restart is survived. */
export async function connectRedis(url: string): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 },
  });
  client.on('error', () => {
    // reported through readiness checks; node-redis reconnects on its own
  });
  await client.connect();
  return client;
}

export async function pingRedis(client: RedisClient): Promise<boolean> {
  try {
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  }
}
