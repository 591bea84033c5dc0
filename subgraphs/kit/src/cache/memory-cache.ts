import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';

interface Entry {
  json: string;
  /** what `getManyShared`'s reader made of `json` (deep-frozen), and that reader */
  shared?: { read: (stored: unknown) => unknown; value: unknown };
  /** on the cache's clock (`now`); absent: until evicted */
  expiresAt?: number;
}

/**
 * In-process cache (lru-cache, bounded by entry count), with per-entry TTLs on an injectable clock
 * (`now`), so tests move time instead of sleeping.
 */
export class MemoryCache implements Cache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();

  constructor(opts: { max?: number; now?: () => number } = {}) {
    this.lru = new LRUCache<string, Entry>({ max: opts.max ?? 50_000 });
    this.now = opts.now ?? Date.now;
  }

  private readonly now: () => number;

  async get<T>(key: string): Promise<T | undefined> {
    const e = this.live(key);
    return e ? (JSON.parse(e.json) as T) : undefined;
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    return Promise.all(keys.map((k) => this.get<T>(k)));
  }

  async getManyShared<T>(keys: readonly string[], read: (stored: unknown) => T): Promise<(T | undefined)[]> {
    return keys.map((k) => {
      const e = this.live(k);
      if (!e) return undefined;
      if (e.shared?.read !== read) e.shared = { read, value: deepFreeze(read(JSON.parse(e.json))) };
      return e.shared.value as T;
    });
  }

  async set<T>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    // stored serialised, so a caller mutating its object never changes the cached value (as with Redis)
    this.lru.set(key, {
      json: JSON.stringify(value),
      expiresAt: ttlSeconds ? this.now() + ttlSeconds * 1000 : undefined,
    });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
    this.counters.delete(key);
  }

  async incr(key: string, ttlSeconds: number): Promise<number> {
    const now = this.now();
    const c = this.counters.get(key);
    if (!c || c.expiresAt <= now) {
      this.counters.set(key, { value: 1, expiresAt: now + ttlSeconds * 1000 });
      this.sweep(now);
      return 1;
    }
    c.value++;
    return c.value;
  }

  async setIfAbsent<T>(key: string, value: T, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async replaceIf<T>(key: string, expected: unknown, value: T, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)?.json !== JSON.stringify(expected)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async close(): Promise<void> {
    this.lru.clear();
    this.counters.clear();
  }

  /** the entry under `key` unless it has expired (an expired one is dropped) */
  private live(key: string): Entry | undefined {
    const e = this.lru.get(key);
    if (e?.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.lru.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(now: number): void {
    if (this.counters.size < 10_000) return;
    for (const [k, c] of this.counters) if (c.expiresAt <= now) this.counters.delete(k);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
