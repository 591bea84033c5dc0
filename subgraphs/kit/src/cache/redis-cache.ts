import type { Cache } from './cache.js';
import type { RedisClient } from '../redis.js';

/** compare-and-set in one step on the server */
const REPLACE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
  return 1
end
return 0`;

/**
 * Redis-backed cache; keys are namespaced by `prefix` so several deployables can share one Redis.
 * Every command gives up after `timeoutMs`: while Redis is down node-redis would otherwise queue it
 * until Redis is back, holding the request that asked.
 */
export class RedisCache implements Cache {
  private readonly client: RedisClient;

  constructor(
    client: RedisClient,
    private readonly prefix = 'zt:cache:',
    timeoutMs = 1500,
  ) {
    this.client = client.withCommandOptions({ timeout: timeoutMs }) as unknown as RedisClient;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.client.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const raws = await this.client.mGet(keys.map((k) => this.prefix + k));
    return raws.map((raw) => (raw === null ? undefined : (JSON.parse(raw) as T)));
  }

  async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    const json = JSON.stringify(value);
    if (ttlSeconds) await this.client.set(this.prefix + key, json, { EX: Math.ceil(ttlSeconds) });
    else await this.client.set(this.prefix + key, json);
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const k = this.prefix + key;
    const [value] = (await this.client
      .multi()
      .incr(k)
      .expire(k, Math.ceil(ttlSeconds), 'NX')
      .exec()) as unknown as [number];
    return Number(value);
  }

  async setIfAbsent<T>(key: string, value: T, ttlSeconds: number): Promise<boolean> {
    const ok = await this.client.set(this.prefix + key, JSON.stringify(value), {
      NX: true,
      EX: Math.ceil(ttlSeconds),
    });
    return ok === 'OK';
  }

  async replaceIf<T>(key: string, expected: unknown, value: T, ttlSeconds: number): Promise<boolean> {
    const set = await this.client.eval(REPLACE_IF, {
      keys: [this.prefix + key],
      arguments: [JSON.stringify(expected), JSON.stringify(value), String(Math.ceil(ttlSeconds))],
    });
    return set === 1;
  }

  async close(): Promise<void> {
    // the client is shared and closed by its owner
  }
}
