import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { silentLogger } from '../logging.js';
import { type RedisClient, connectRedis } from '../redis.js';
import { type TestRedis, redisForTests, startTestRedis } from '../testing/redis-server.js';
import { ev } from './event-bus.contract.js';
import { RedisEventBus } from './redis-bus.js';

/**
 * A loopback proxy in front of Redis whose connections can be made deaf one by one: what a deaf
 * connection's client sends is swallowed, so a command already on its way is never answered and the
 * connection stays open (as a node-redis client can be left after a Redis restart,
 * redis/node-redis#3346). Connections opened later are served normally.
 */
async function deafeningProxy(target: URL) {
  const inbound: Array<{ socket: Socket; deaf: boolean }> = [];
  const server: Server = createServer((socket) => {
    const conn = { socket, deaf: false };
    inbound.push(conn);
    const outbound = connect(Number(target.port), target.hostname);
    for (const s of [socket, outbound]) {
      s.on('error', () => undefined);
      s.on('close', () => (socket.destroy(), outbound.destroy()));
    }
    socket.on('data', (chunk) => conn.deaf || outbound.write(chunk));
    outbound.on('data', (chunk) => socket.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** the n-th connection (0: the first) goes deaf */
    deafen: (n: number) => void (inbound[n].deaf = true),
    count: () => inbound.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of inbound) c.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

(redisForTests().available ? describe : describe.skip)('a Redis stream reader', () => {
  let redis: TestRedis;
  let direct: RedisClient;
  beforeAll(async () => {
    redis = await startTestRedis();
    direct = await connectRedis(redis.url);
  });
  afterAll(async () => {
    await direct.quit();
    await redis.stop();
  });

  it('whose connection stops answering is reopened, and its group goes on', async () => {
    const proxy = await deafeningProxy(new URL(redis.url));
    const client = await connectRedis(proxy.url);
    const bus = new RedisEventBus(client, { logger: silentLogger(), readStuckMs: 1_500 });
    const publisher = new RedisEventBus(direct);
    const seen: string[] = [];
    const group = `stuck-${Date.now()}`;
    const sub = await bus.subscribe({
      group,
      events: ['reader.test.v1'],
      handler: async (e) => void seen.push(e.id),
    });
    try {
      const first = ev('reader.test', 1);
      await publisher.publish(first);
      for (let i = 0; i < 50 && !seen.includes(first.id); i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([first.id]);
      // the reader's connection (the second: the first is the bus's own client) goes deaf mid-read:
      // its blocked read is never answered, and nothing closes
      proxy.deafen(1);
      // the read in flight returns (BLOCK is 500 ms); the next one is swallowed
      await new Promise((r) => setTimeout(r, 1_200));
      const second = ev('reader.test', 2);
      await publisher.publish(second);
      for (let i = 0; i < 100 && !seen.includes(second.id); i++) await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([first.id, second.id]);
    } finally {
      await sub.stop();
      client.destroy();
      await proxy.close();
    }
  }, 30_000);

  it('shares a group between replicas without handling an event twice at once; a dead replica’s events are taken over', async () => {
    const group = `replicas-${Date.now()}`;
    const events = ['replica.test.v1'];
    const handling = new Map<string, number>();
    const handled: string[] = [];
    let overlap = 0;
    // a slow handler: while one replica handles its batch, the other's reclaim sees those messages pending
    const handler = async (e: { id: string }) => {
      handling.set(e.id, (handling.get(e.id) ?? 0) + 1);
      if (handling.get(e.id)! > 1) overlap++;
      await new Promise((r) => setTimeout(r, 150));
      handling.set(e.id, handling.get(e.id)! - 1);
      handled.push(e.id);
    };
    const replicas = await Promise.all(
      [0, 1].map(async () => {
        const client = await connectRedis(redis.url);
        const bus = new RedisEventBus(client, { logger: silentLogger(), claimStaleMs: 5_000 });
        const sub = await bus.subscribe({ group, events, handler, retryDelayMs: 20 });
        return { client, sub };
      }),
    );
    const publisher = new RedisEventBus(direct);
    try {
      const sent = Array.from({ length: 12 }, (_, i) => ev('replica.test', i));
      for (const e of sent) await publisher.publish(e);
      for (let i = 0; i < 100 && handled.length < sent.length; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(overlap).toBe(0);
      expect(handled.sort()).toEqual(sent.map((e) => e.id).sort());
    } finally {
      for (const r of replicas) {
        await r.sub.stop();
        await r.client.quit();
      }
    }

    // a replica that read an event and died before acknowledging it: another takes it over once stale
    const gone = await connectRedis(redis.url);
    const orphan = ev('replica.test', 99);
    await publisher.publish(orphan);
    await gone.xReadGroup(group, 'a-dead-replica', [{ key: 'zt:ev:replica.test.v1', id: '>' }], {
      COUNT: 10,
    });
    await gone.quit();
    const late: string[] = [];
    const client = await connectRedis(redis.url);
    const bus = new RedisEventBus(client, { logger: silentLogger(), claimStaleMs: 300 });
    const sub = await bus.subscribe({
      group,
      events,
      handler: async (e) => void late.push(e.id),
      retryDelayMs: 20,
    });
    try {
      for (let i = 0; i < 50 && !late.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(late).toEqual([orphan.id]);
    } finally {
      await sub.stop();
      await client.quit();
    }
  }, 30_000);
});
