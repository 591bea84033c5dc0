import type { Connection } from 'mongoose';
import {
  type TestEnv,
  connectRedis,
  redisForTests,
  startTestEnv,
  startTestRedis,
} from '@zhongtai/subgraph-kit';
import {
  MemoryNonceStore,
  MongoNonceStore,
  type NonceStore,
  RedisNonceStore,
  refuseReplay,
} from './nonce-store.js';

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
    // EX rounds the 0.2 s up to a whole second (TTL itself rounds, so read it in ms)
    expect(await client.pTTL(`${prefix}n2`)).toBeGreaterThan(200);
    expect(await client.pTTL(`${prefix}n2`)).toBeLessThanOrEqual(1_000);
  });
});

describe('MongoNonceStore', () => {
  let env: TestEnv;
  let db: Connection;
  beforeAll(async () => {
    env = await startTestEnv();
    db = (await env.deps('nonces')).db;
  });
  afterAll(() => env.close());

  it('one of several replicas asking at once sees false; kept across instances; taken again once expired or forgotten', async () => {
    let t = Date.parse('2026-03-10T00:00:00Z');
    const replicas = [0, 1, 2].map(() => new MongoNonceStore(db, 'sent_keys', () => t));
    const first = await Promise.all(replicas.map((r) => r.seen('msg-1', 60)));
    expect(first.filter((s) => !s)).toHaveLength(1);
    // a restarted process (a new instance) still knows the key
    expect(await new MongoNonceStore(db, 'sent_keys', () => t).seen('msg-1', 60)).toBe(true);
    t += 61_000; // expired (the TTL monitor may not have deleted it yet)
    expect(await replicas[0].seen('msg-1', 60)).toBe(false);
    expect(await replicas[1].seen('msg-1', 60)).toBe(true);
    await replicas[2].forget('msg-1');
    expect(await replicas[1].seen('msg-1', 60)).toBe(false);
  });
});
