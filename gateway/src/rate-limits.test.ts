import type { IncomingMessage } from 'node:http';
import type { Claims } from '@zhongtai/contracts';
import { connectRedis, redisForTests, startTestRedis } from '@zhongtai/subgraph-kit';
import {
  DEFAULT_RATE_LIMITS,
  RateLimits,
  addressKey,
  callerKey,
  clientAddress,
  parseTrustProxy,
} from './rate-limits.js';

const req = (remoteAddress: string, xff?: string) =>
  ({
    socket: { remoteAddress },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  }) as unknown as IncomingMessage;

describe('client address', () => {
  it('is the socket’s peer unless proxies are trusted', () => {
    expect(clientAddress(req('::ffff:10.1.2.3', '203.0.113.1'))).toBe('10.1.2.3');
    expect(clientAddress(req('10.1.2.3', '203.0.113.1'), undefined)).toBe('10.1.2.3');
  });

  it('with a list: the right-most hop that is not a trusted proxy', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 192.0.2.7, loopback');
    expect(clientAddress(req('10.0.0.1', '203.0.113.1'), trust)).toBe('203.0.113.1');
    // the client prepends what it likes; our proxies append the real hops on the right
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.1, 192.0.2.7'), trust)).toBe('203.0.113.1');
    // a peer that is not a trusted proxy: its header means nothing
    expect(clientAddress(req('198.51.100.4', '203.0.113.1'), trust)).toBe('198.51.100.4');
    // only trusted hops: the left-most one
    expect(clientAddress(req('127.0.0.1', '10.0.0.9'), trust)).toBe('10.0.0.9');
    expect(clientAddress(req('10.0.0.1', '[2001:db8::1]:4711, 203.0.113.1:8080'), trust)).toBe('203.0.113.1');
  });

  it('with a hop count: the entry before that many proxies', () => {
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.1'), parseTrustProxy('1'))).toBe('203.0.113.1');
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.1, 10.0.0.2'), parseTrustProxy('2'))).toBe(
      '203.0.113.1',
    );
    expect(clientAddress(req('10.0.0.1'), parseTrustProxy('3'))).toBe('10.0.0.1');
  });

  it('refuses what it does not understand', () => {
    expect(() => parseTrustProxy('10.0.0.0/8, proxy.local')).toThrow(/"proxy.local" is not an address/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/bad prefix/);
    expect(() => parseTrustProxy('0')).toThrow(/at least 1/);
  });

  it('keys IPv6 by /64 and IPv4 as it is', () => {
    expect(addressKey('203.0.113.1')).toBe('203.0.113.1');
    expect(addressKey('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8:0:12:bbbb:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

describe('RateLimits (in process)', () => {
  const claims = (role: Claims['role'], sub: string): Claims =>
    ({ tenant: 'demo', role, sub, memberId: 'm', storeId: 's', region: 'r' }) as Claims;
  const settings = { ...DEFAULT_RATE_LIMITS, windowSeconds: 30, perAddress: 2, authFailuresPerAddress: 1 };

  it('limits each caller by its role, 0 turning a role’s limit off', async () => {
    const rl = new RateLimits({
      ...settings,
      perRole: { ...DEFAULT_RATE_LIMITS.perRole, MEMBER: 2, SYSTEM: 0 },
    });
    expect(await rl.hitCaller(claims('MEMBER', 'a'), '')).toBeUndefined();
    expect(await rl.hitCaller(claims('MEMBER', 'a'), '')).toBeUndefined();
    const refused = await rl.hitCaller(claims('MEMBER', 'a'), '');
    expect(refused?.limit).toBe('token');
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(await rl.hitCaller(claims('MEMBER', 'b'), '')).toBeUndefined();
    for (let i = 0; i < 100; i++) expect(await rl.hitCaller(claims('SYSTEM', 's'), '')).toBeUndefined();
  });

  it('blocks an address past its failed verifications without another store call', async () => {
    const rl = new RateLimits(settings);
    expect(await rl.hitAddress('203.0.113.1')).toBeUndefined();
    expect(await rl.authFailed('203.0.113.1')).toBeUndefined();
    expect((await rl.authFailed('203.0.113.1'))?.limit).toBe('auth-failures');
    expect((await rl.hitAddress('203.0.113.1'))?.limit).toBe('auth-failures');
    expect(await rl.hitAddress('203.0.113.2')).toBeUndefined();
  });

  it('keys callers on tenant and subject, tokens without one on their digest', () => {
    expect(callerKey(claims('HQ', 'x'), 'Bearer a')).toBe(callerKey(claims('HQ', 'x'), 'Bearer b'));
    const anonymous = { tenant: 'demo', role: 'HQ' } as Claims;
    expect(callerKey(anonymous, 'Bearer a')).not.toBe(callerKey(anonymous, 'Bearer b'));
  });
});

const redis = redisForTests();
(redis.available ? describe : describe.skip)('RateLimits (Redis store)', () => {
  let server: Awaited<ReturnType<typeof startTestRedis>>;
  let client: Awaited<ReturnType<typeof connectRedis>>;
  beforeAll(async () => {
    server = await startTestRedis();
    client = await connectRedis(server.url);
  });
  afterAll(async () => {
    await client.quit().catch(() => undefined);
    await server.stop();
  });

  it('counts in Redis, shared by every process using it', async () => {
    const prefix = `test:${process.pid}:${Date.now()}:`;
    // a loaded machine's Redis may take longer than the 250 ms a request waits before counting in memory
    const s = { ...DEFAULT_RATE_LIMITS, perAddress: 3, storeTimeoutMs: 5_000 };
    const storeErrors: Error[] = [];
    const limits = () => new RateLimits(s, client, prefix, (e) => void storeErrors.push(e));
    const [one, two] = [limits(), limits()];
    expect(await one.hitAddress('203.0.113.1')).toBeUndefined();
    expect(await two.hitAddress('203.0.113.1')).toBeUndefined();
    expect(await one.hitAddress('203.0.113.1')).toBeUndefined();
    const refused = await two.hitAddress('203.0.113.1');
    expect(refused).toMatchObject({ limit: 'address' });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(await client.get(`${prefix}addr:203.0.113.1`)).toBe('4');
    expect(storeErrors).toEqual([]);
  });

  it('keeps limiting in process memory while Redis is unreachable', async () => {
    const gone = await connectRedis(server.url);
    await gone.quit();
    const errors: Error[] = [];
    const rl = new RateLimits(
      { ...DEFAULT_RATE_LIMITS, perAddress: 2 },
      gone,
      `test:gone:${process.pid}:`,
      (e) => errors.push(e),
    );
    expect(await rl.hitAddress('203.0.113.9')).toBeUndefined();
    expect(await rl.hitAddress('203.0.113.9')).toBeUndefined();
    expect((await rl.hitAddress('203.0.113.9'))?.limit).toBe('address');
    expect(errors[0]?.message).toMatch(/not ready/);
  });
});
