/**
 * A small key-value cache with TTLs. Values are JSON-serialisable. Two implementations share one
 * contract test suite: in-process (default) and Redis (when REDIS_URL is set).
 */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** atomic counter that expires `ttlSeconds` after its first increment (rate limits) */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** sets only if absent; true when this call set it (locks, first-writer-wins) */
  setIfAbsent<T>(key: string, value: T, ttlSeconds: number): Promise<boolean>;
  /** sets only if the key holds exactly `expected` (compare-and-set); true when this call set it */
  replaceIf<T>(key: string, expected: unknown, value: T, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Optional, in-process caches only: the values under `keys` as `read` made them from what was
   * stored, made once per stored value and shared by every caller (deep-frozen: a caller that
   * writes to one throws instead of changing what others read). Saves parsing and reviving a
   * value on every read; `read` must be the same function for the same keys.
   */
  getManyShared?<T>(keys: readonly string[], read: (stored: unknown) => T): Promise<(T | undefined)[]>;
}
