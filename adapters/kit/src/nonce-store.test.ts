import { connectRedis, redisForTests, startTestRedis } from '@zhongtai/subgraph-kit';
import { MemoryNonceStore, type NonceStore, RedisNonceStore, refuseReplay } from './nonce-store.js';

describe('MemoryNonceStore', () => {
  it('answers false the first time, true again until the entry expires (injected clock)', async () => {
    let now = 1_700_000_000_000;
    const store = new MemoryNonceStore({ now: () => now });
    expect(await store.seen('a', 10)).toBe(false);
    expect(await store.seen('a', 10)).toBe(true);
    expect(await store.seen('b', 10)).toBe(false);
    now += 9_999;
    expect(await store.seen('a', 10)).toBe(true);
    now += 1;
    expect(await store.seen('a', 10)).toBe(false);
    expect(await store.seen('a', 10)).toBe(true);
  });

  it('is bounded: past `max` entries the least recently used are dropped', async () => {
    const store = new MemoryNonceStore({ max: 3 });
    for (const k of ['a', 'b', 'c', 'd']) expect(await store.seen(k, 60)).toBe(false);
    expect(store.size).toBe(3);
    expect(await store.seen('d', 60)).toBe(true);
    expect(await store.seen('a', 60)).toBe(false);
  });
});

describe('refuseReplay', () => {
  const tolerance = 300;
  const t0 = 1_700_000_000;

  it('refuses a key seen before, with UNAUTHENTICATED', async () => {
    const store = new MemoryNonceStore({ now: () => t0 * 1000 });
    const at = { timestampSec: t0, toleranceSec: tolerance, nowMs: t0 * 1000 };
    await refuseReplay(store, 'k', at);
    await expect(refuseReplay(store, 'k', at)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/replayed/),
    });
  });

  it('keeps a key until its timestamp leaves the window, also for a timestamp ahead of the clock', async () => {
    const asked: number[] = [];
    const store: NonceStore = { seen: async (_k, ttl) => (asked.push(ttl), false) };
    await refuseReplay(store, 'k', { timestampSec: t0, toleranceSec: tolerance, nowMs: t0 * 1000 });
    await refuseReplay(store, 'k', { timestampSec: t0 + 200, toleranceSec: tolerance, nowMs: t0 * 1000 });
    await refuseReplay(store, 'k', {
      timestampSec: t0 - 300,
      toleranceSec: tolerance,
      nowMs: t0 * 1000 + 500,
    });
    expect(asked).toEqual([301, 501, 1]);
  });
});

const redis = redisForTests();
(redis.available ? describe : describe.skip)('RedisNonceStore', () => {
  let server: Awaited<ReturnType<typeof startTestRedis>>;
  let client: Awaited<ReturnType<typeof connectRedis>>;
  beforeAll(async () => {
    server = await startTestRedis();
    client = await connectRedis(server.url);
  });
  afterAll(async () => {
    await client.quit();
    await server.stop();
  });

  it('SET NX EX: one of two replicas asking at once sees false, and the key expires with its ttl', async () => {
    const prefix = `test:${process.pid}:${Date.now()}:`;
    const a = new RedisNonceStore(client, prefix);
    const b = new RedisNonceStore(client, prefix);
    expect((await Promise.all([a.seen('n1', 30), b.seen('n1', 30)])).sort()).toEqual([false, true]);
    expect(await client.ttl(`${prefix}n1`)).toBeGreaterThan(25);
    expect(await a.seen('n2', 0.2)).toBe(false);
    expect(await client.ttl(`${prefix}n2`)).toBe(1);
  });
});
