import type { Cache } from './cache.js';

export interface ReadThroughOptions<T> {
  cache: Cache;
  /** namespace, e.g. `member:doc:` (tenant is part of the key the caller passes) */
  prefix: string;
  ttlSeconds: number;
  /** fields holding dates, revived from their JSON strings */
  dates?: Array<keyof T & string>;
  /**
   * Remember absent keys too (a cached null), so that reading what does not exist — a member
   * without a points account — costs no query. Only for owners whose every write `put`s the value.
   */
  cacheMisses?: boolean;
}

/**
 * A read-through entity cache for DataLoader batch functions: cached documents are served from
 * the cache, the misses are loaded with one query and cached if absent. The owner of the documents
 * either stores what it wrote (`put`, write-through: a racing reader's older copy can never replace
 * it) or deletes the key (`forget`: a racing reader's older copy may survive until the TTL).
 */
export class ReadThrough<T> {
  constructor(private readonly opts: ReadThroughOptions<T>) {}

  async load(
    keys: readonly string[],
    loadMissing: (keys: string[]) => Promise<Array<{ key: string; value: T }>>,
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const cached = await this.opts.cache.getMany<T | null>(keys.map((k) => this.opts.prefix + k));
    const missing: string[] = [];
    cached.forEach((value, i) => {
      if (value === undefined) missing.push(keys[i]);
      else if (value !== null) found.set(keys[i], this.revive(value));
    });
    if (missing.length) {
      for (const { key, value } of await loadMissing(missing)) {
        found.set(key, value);
        // only if absent: a writer's `put` that raced with this read wins over the older copy read here
        await this.opts.cache.setIfAbsent(this.opts.prefix + key, value, this.opts.ttlSeconds);
      }
      if (this.opts.cacheMisses)
        for (const key of missing)
          if (!found.has(key))
            await this.opts.cache.setIfAbsent(this.opts.prefix + key, null, this.opts.ttlSeconds);
    }
    return found;
  }

  /** Write-through: the owner stores the value it just wrote (readers never overwrite it). */
  async put(key: string, value: T): Promise<void> {
    await this.opts.cache.set(this.opts.prefix + key, value, this.opts.ttlSeconds);
  }

  async forget(key: string): Promise<void> {
    await this.opts.cache.delete(this.opts.prefix + key);
  }

  private revive(value: T): T {
    for (const field of this.opts.dates ?? []) {
      const v = (value as Record<string, unknown>)[field];
      if (typeof v === 'string') (value as Record<string, unknown>)[field] = new Date(v);
    }
    return value;
  }
}
