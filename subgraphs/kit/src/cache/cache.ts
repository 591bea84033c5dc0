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
}
