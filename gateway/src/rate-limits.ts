import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { LRUCache } from 'lru-cache';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import type { Claims, Role } from '@zhongtai/contracts';
import type { RedisClient } from '@zhongtai/subgraph-kit';

/** Requests allowed per window; 0 turns a limit off. */
export interface RateLimitSettings {
  /** fixed window, seconds */
  windowSeconds: number;
  /** every /graphql request from one client address (IPv6: its /64), before its token is looked at */
  perAddress: number;
  /** failed token verifications from one client address; past it the address is refused until the window ends */
  authFailuresPerAddress: number;
  /** per verified caller (tenant + subject), by role */
  perRole: Record<Role, number>;
  /** which proxies' X-Forwarded-For to believe (GATEWAY_TRUST_PROXY); unset: the socket's address only */
  trustProxy?: TrustProxy;
  /** how long Redis may take to count a request before it is counted in process memory instead (default 250 ms) */
  storeTimeoutMs?: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = Object.freeze({
  windowSeconds: 60,
  perAddress: 60_000,
  authFailuresPerAddress: 100,
  perRole: Object.freeze({ MEMBER: 600, CLERK: 3_000, STORE_MANAGER: 3_000, HQ: 6_000, SYSTEM: 120_000 }),
});

export interface RateLimited {
  /** whole seconds until the window that refused the request ends (the Retry-After header) */
  retryAfterSeconds: number;
  limit: 'address' | 'auth-failures' | 'token';
}

/** One limit: its store (Redis or memory) and, with Redis, the in-memory count used while Redis is down. */
interface Limiter {
  store: RateLimiterAbstract;
  fallback?: RateLimiterAbstract;
}

/**
 * The gateway's rate limits, counted with rate-limiter-flexible: in Redis when the gateway has a
 * client (limits shared by every worker and instance), in process memory otherwise (per process).
 * When Redis does not answer, each process counts in its own memory meanwhile (reported through
 * `onStoreError`) rather than failing requests or letting everything through.
 */
export class RateLimits {
  private readonly address?: Limiter;
  private readonly failures?: Limiter;
  private readonly roles = new Map<Role, Limiter>();
  /** addresses past their auth-failure limit, checked before verifying (no store round trip) */
  private readonly blocked = new LRUCache<string, number>({ max: 100_000 });
  private readonly consume: (
    l: Limiter | undefined,
    key: string,
    limit: RateLimited['limit'],
  ) => Promise<RateLimited | undefined>;

  constructor(
    readonly settings: RateLimitSettings,
    redis?: RedisClient,
    prefix = 'zt:rl:',
    onStoreError: (error: Error) => void = () => undefined,
  ) {
    const timeoutMs = settings.storeTimeoutMs ?? STORE_TIMEOUT_MS;
    this.consume = (l, key, limit) => consume(l, key, limit, onStoreError, timeoutMs);
    const make = (name: string, points: number) =>
      points > 0 ? limiter(`${prefix}${name}`, points, settings.windowSeconds, redis) : undefined;
    this.address = make('addr', settings.perAddress);
    this.failures = make('authfail', settings.authFailuresPerAddress);
    for (const [role, points] of Object.entries(settings.perRole) as Array<[Role, number]>) {
      const l = make(`token:${role.toLowerCase()}`, points);
      if (l) this.roles.set(role, l);
    }
  }

  /** The client's address as the limits see it (X-Forwarded-For only from trusted proxies). */
  clientKey(req: IncomingMessage): string {
    return addressKey(clientAddress(req, this.settings.trustProxy));
  }

  /** Counts one request from `key` (every request, authenticated or not). */
  async hitAddress(key: string): Promise<RateLimited | undefined> {
    const until = this.blocked.get(key);
    if (until !== undefined) {
      if (until > Date.now())
        return { limit: 'auth-failures', retryAfterSeconds: seconds(until - Date.now()) };
      this.blocked.delete(key);
    }
    return this.consume(this.address, key, 'address');
  }

  /** Records a failed token verification from `key`; past the limit the address is refused for the window. */
  async authFailed(key: string): Promise<RateLimited | undefined> {
    const refused = await this.consume(this.failures, key, 'auth-failures');
    if (refused) this.blocked.set(key, Date.now() + refused.retryAfterSeconds * 1000);
    return refused;
  }

  /** Counts one request of a verified caller against its role's limit. */
  async hitCaller(claims: Claims, authorization: string): Promise<RateLimited | undefined> {
    return this.consume(this.roles.get(claims.role), callerKey(claims, authorization), 'token');
  }
}

/**
 * Per verified caller, not per token string: `tenant` + the token's subject (the verifier gives a
 * token without `sub` a digest of itself as subject). A caller whose identity provider hands out a
 * fresh token every few minutes keeps one budget, and several tokens of one service share it.
 */
export function callerKey(claims: Claims, authorization: string): string {
  const sub = claims.sub ?? `token:${createHash('sha256').update(authorization).digest('hex').slice(0, 16)}`;
  return `${claims.tenant}\u0000${sub}`;
}

function limiter(keyPrefix: string, points: number, duration: number, redis?: RedisClient): Limiter {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!redis) return { store: memory };
  const store: RateLimiterStoreAbstract = new RateLimiterRedis({
    storeClient: redis,
    // node-redis v4/v5 (the project's client); without it the library speaks ioredis' API
    useRedisPackage: true,
    // while Redis is unreachable, fail at once (and count in memory) instead of queueing commands offline
    rejectIfRedisNotReady: true,
    keyPrefix,
    points,
    duration,
  });
  return { store, fallback: memory };
}

async function consume(
  l: Limiter | undefined,
  key: string,
  limit: RateLimited['limit'],
  onStoreError: (error: Error) => void,
  timeoutMs: number,
): Promise<RateLimited | undefined> {
  if (!l) return undefined;
  try {
    // bounded: a Redis that does not answer must not hold up the request (it counts in memory instead)
    await (l.fallback ? within(timeoutMs, l.store.consume(key)) : l.store.consume(key));
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      return { limit, retryAfterSeconds: seconds(rejection.msBeforeNext) };
    if (!l.fallback) throw rejection;
    onStoreError(rejection as Error);
    return consume({ store: l.fallback }, key, limit, onStoreError, timeoutMs);
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

const STORE_TIMEOUT_MS = 250;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rate limit store did not answer in ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Which hops of X-Forwarded-For to believe (GATEWAY_TRUST_PROXY):
 * - a number n: the last n hops are our proxies (the socket's peer and n-1 entries of the header),
 *   the client is the entry before them;
 * - a comma-separated list of addresses, CIDRs, `loopback`, `private` (RFC 1918 and fc00::/7) or
 *   `linklocal`: walking from the socket's peer leftwards, the first address not in the list is the
 *   client (the right-most untrusted hop: entries left of it may be forged by the client).
 */
export type TrustProxy = { hops: number } | { list: BlockList; spec: string };

const PRESETS: Record<string, Array<[string, number, 'ipv4' | 'ipv6']>> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  private: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
};

/** Parses GATEWAY_TRUST_PROXY; throws with the offending entry when it is not understood. */
export function parseTrustProxy(spec: string): TrustProxy {
  const trimmed = spec.trim();
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    if (hops < 1) throw new Error('a hop count must be at least 1');
    return { hops };
  }
  const list = new BlockList();
  for (const raw of trimmed.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (PRESETS[entry]) {
      for (const [net, prefix, type] of PRESETS[entry]) list.addSubnet(net, prefix, type);
      continue;
    }
    const [address, prefix] = entry.split('/');
    const type = isIP(address);
    if (!type) throw new Error(`"${raw.trim()}" is not an address, a CIDR or one of ${Object.keys(PRESETS)}`);
    const family = type === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, family);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (type === 4 ? 32 : 128))
        throw new Error(`"${raw.trim()}": bad prefix length`);
      list.addSubnet(address, bits, family);
    }
  }
  return { list, spec: trimmed };
}

/** The client's address: the socket's peer, or the right-most untrusted X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage, trust?: TrustProxy): string {
  const peer = normalize(req.socket.remoteAddress ?? '');
  if (!trust) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => normalize(h.trim()))
    .filter(Boolean);
  const hops = [...forwarded, peer];
  if ('hops' in trust) return hops[Math.max(0, hops.length - 1 - trust.hops)];
  let i = hops.length - 1;
  while (i > 0 && isTrusted(trust.list, hops[i])) i--;
  return hops[i];
}

function isTrusted(list: BlockList, address: string): boolean {
  const type = isIP(address);
  return type !== 0 && list.check(address, type === 4 ? 'ipv4' : 'ipv6');
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; strips brackets and ports (`[::1]:80`, `1.2.3.4:5678`) that some proxies add. */
function normalize(raw: string): string {
  let a = raw;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped ? mapped[1] : a).slice(0, 64);
}

/** IPv4 addresses as they are; IPv6 by /64 (one subscriber usually holds a whole /64). */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
