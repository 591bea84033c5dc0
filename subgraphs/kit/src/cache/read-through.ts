import { randomUUID } from 'node:crypto';
import type { Cache } from './cache.js';
import { cacheRequests } from '../process-metrics.js';

export interface ReadThroughOptions<T> {
  cache: Cache;
  /** namespace, e.g. `member:doc:` (tenant is part of the key the caller passes) */
  prefix: string;
  ttlSeconds: number;
  /** fields holding dates, revived from their JSON strings */
  dates?: Array<keyof T & string>;
  /** or a reviver of its own, for values whose dates are nested (`reviveIsoDates`) */
  revive?: (value: T) => T;
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
 * it) or marks the key forgotten (`forget`: only a reader that began after the mark may replace it, so
 * a reader that read the old value just before the write cannot put it back).
 *
 * The cache is never what fails a request: while it is unreachable (Redis down) reads go to the
 * database, and a write it could not take is remembered. Such a key may hold an older copy, so this
 * process reads it from the database, and deletes it from the cache once the cache answers again
 * (other replicas may serve the older copy until its TTL at most).
 */
/** What `forget` leaves under a key: "changed: read the database" (see `forget`), unique per forget. */
type Forgotten = { __forgotten: string };
const isForgotten = (v: unknown): v is Forgotten =>
  typeof v === 'object' && v !== null && typeof (v as Forgotten).__forgotten === 'string';

export class ReadThrough<T> {
  /** keys whose cached copy may be older than what was written (a put or forget that failed) */
  private readonly unsynced = new Set<string>();

  constructor(private readonly opts: ReadThroughOptions<T>) {}

  async load(
    keys: readonly string[],
    loadMissing: (keys: string[]) => Promise<Array<{ key: string; value: T }>>,
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    const cacheKeys = keys.map((k) => this.opts.prefix + k);
    const { cache } = this.opts;
    // revived as read; an in-process cache hands out values revived once per stored value (and frozen)
    const cached = (await this.resync())
      ? await (
          cache.getManyShared
            ? cache.getManyShared<T | null>(cacheKeys, this.readStored)
            : cache
                .getMany<T | null>(cacheKeys)
                .then((values) => values.map((v) => (v === undefined ? v : this.readStored(v))))
        ).catch(() => undefined)
      : undefined;
    const missing: string[] = [];
    /** keys marked forgotten when this read began: it may replace exactly that mark */
    const marks = new Map<string, Forgotten>();
    keys.forEach((key, i) => {
      const value = this.unsynced.has(key) ? undefined : cached?.[i];
      if (isForgotten(value)) marks.set(key, value);
      if (value === undefined || isForgotten(value)) missing.push(key);
      else if (value !== null) found.set(key, value);
    });
    cacheRequests.inc({ cache: this.opts.prefix, result: 'hit' }, keys.length - missing.length);
    cacheRequests.inc({ cache: this.opts.prefix, result: 'miss' }, missing.length);
    if (missing.length) {
      const loaded = await loadMissing(missing);
      for (const { key, value } of loaded) found.set(key, value);
      // only if absent: a writer's `put` that raced with this read wins over the older copy read here
      // and where a writer forgot the key, only over the very mark this read found: a read that began
      // before a later forget (and may have read the value before that write) finds another mark
      if (cached)
        for (const key of missing)
          if (!this.unsynced.has(key) && (found.has(key) || this.opts.cacheMisses)) {
            const k = this.opts.prefix + key;
            const value = found.get(key) ?? null;
            const mark = marks.get(key);
            await (
              mark
                ? this.opts.cache.replaceIf(k, mark, value, this.opts.ttlSeconds)
                : this.opts.cache.setIfAbsent(k, value, this.opts.ttlSeconds)
            ).catch(() => undefined);
          }
    }
    return found;
  }

  /**
   * `load` for ids of one tenant, each cached under `${tenant}|${id}` (the key the owner's `put` and
   * `forget` use): `loadMissing` is given plain ids and answers them; the values found, in no order.
   */
  async loadOfTenant(
    tenant: string,
    ids: readonly string[],
    loadMissing: (ids: string[]) => Promise<Array<{ id: string; value: T }>>,
  ): Promise<T[]> {
    const prefix = `${tenant}|`;
    const found = await this.load(
      ids.map((id) => prefix + id),
      async (missing) =>
        (await loadMissing(missing.map((k) => k.slice(prefix.length)))).map(({ id, value }) => ({
          key: prefix + id,
          value,
        })),
    );
    return [...found.values()];
  }

  /** Write-through: the owner stores the value it just wrote (readers never overwrite it). */
  async put(key: string, value: T): Promise<void> {
    await this.opts.cache
      .set(this.opts.prefix + key, value, this.opts.ttlSeconds)
      .then(() => this.unsynced.delete(key))
      .catch(() => this.remember(key));
  }

  /**
   * The owner changed the value without storing it: the key is marked forgotten (a mark unique to this
   * forget) rather than deleted. A reader that began before the forget — and may have read the old value
   * — cannot put it back: its `setIfAbsent` (or its replace of an earlier mark) finds this mark. The
   * next reader that finds this mark replaces it with what it reads.
   */
  async forget(key: string): Promise<void> {
    const mark: Forgotten = { __forgotten: randomUUID() };
    await this.opts.cache
      .set(this.opts.prefix + key, mark, this.opts.ttlSeconds)
      .then(() => this.unsynced.delete(key))
      .catch(() => this.remember(key));
  }

  private remember(key: string): void {
    // bounded: past this many the oldest are let go (their TTL still ends them)
    if (this.unsynced.size >= 10_000) this.unsynced.delete(this.unsynced.values().next().value!);
    this.unsynced.add(key);
  }

  /** Deletes the keys whose writes the cache missed; false while the cache does not answer. */
  private async resync(): Promise<boolean> {
    if (this.unsynced.size === 0) return true;
    for (const key of [...this.unsynced]) {
      try {
        await this.opts.cache.delete(this.opts.prefix + key);
      } catch {
        return false;
      }
      this.unsynced.delete(key);
    }
    return true;
  }

  /** what a stored value reads as: a value revived, a miss (null) or a forgotten mark as they are */
  private readonly readStored = (stored: unknown): T | null =>
    stored === null || isForgotten(stored) ? (stored as T | null) : this.revive(stored as T);

  private revive(value: T): T {
    if (this.opts.revive) return this.opts.revive(value);
    for (const field of this.opts.dates ?? []) {
      const v = (value as Record<string, unknown>)[field];
      if (typeof v === 'string') (value as Record<string, unknown>)[field] = new Date(v);
    }
    return value;
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * Turns every string that is an ISO instant (as `JSON.stringify` writes a Date) back into a Date,
 * however deep: for cached documents whose dates sit in nested maps. Only for documents that hold no
 * other strings of that shape.
 */
export function reviveIsoDates<T>(value: T): T {
  if (typeof value === 'string') return (ISO_INSTANT.test(value) ? new Date(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => reviveIsoDates(v)) as T;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = reviveIsoDates(v);
  }
  return value;
}
