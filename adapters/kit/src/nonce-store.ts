import { DomainError, ErrorCode } from '@zhongtai/contracts';
import type { RedisClient } from '@zhongtai/subgraph-kit';
import { LRUCache } from 'lru-cache';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Remembers the nonces of signed deliveries for as long as their signature stays acceptable, so a
 * captured (timestamp, nonce) cannot be used twice. `seen` records the key and answers whether it was
 * there already, in one atomic step (two replicas asking at once: exactly one gets false).
 */
export interface NonceStore {
  seen(key: string, ttlSeconds: number): Promise<boolean>;
  /** lets a key be taken again (a send that was refused, so nothing happened under it) */
  forget?(key: string): Promise<void>;
}

/**
 * One process's nonces (lru-cache). Bounded: with more than `max` deliveries inside one window the
 * least recently used entries are dropped early, and their pairs could be replayed; size it above the
 * busiest window. Replicas do not share it, and a restart forgets it: use `RedisNonceStore` or
 * `MongoNonceStore` for that.
 */
export class MemoryNonceStore implements NonceStore {
  private readonly lru: LRUCache<string, number>; // key → expiry (epoch ms)
  private readonly now: () => number;

  constructor(opts: { max?: number; now?: () => number } = {}) {
    this.lru = new LRUCache<string, number>({ max: opts.max ?? 100_000 });
    this.now = opts.now ?? Date.now;
  }

  async seen(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.now();
    const until = this.lru.get(key);
    if (until !== undefined && until > now) return true;
    this.lru.set(key, now + ttlSeconds * 1000);
    return false;
  }

  async forget(key: string): Promise<void> {
    this.lru.delete(key);
  }

  get size(): number {
    return this.lru.size;
  }
}

/** Nonces in Redis (`SET key 1 NX EX ttl`), shared by every replica of a receiver. */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'zt:nonce:',
  ) {}

  async seen(key: string, ttlSeconds: number): Promise<boolean> {
    const ok = await this.client.set(this.prefix + key, '1', {
      NX: true,
      EX: Math.max(1, Math.ceil(ttlSeconds)),
    });
    return ok !== 'OK';
  }

  async forget(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }
}

interface KeyDoc {
  _id: string;
  expiresAt: Date;
}

/**
 * Keys in a MongoDB collection of the service's own database (`_id` unique, a TTL index deletes
 * expired ones): shared by every replica and kept across restarts, without Redis. `seen` is one
 * insert; a key found expired but not yet deleted is taken over with one conditional update.
 */
export class MongoNonceStore implements NonceStore {
  private readonly model: Model<KeyDoc>;
  private readonly ready: Promise<unknown>;

  constructor(
    db: Connection,
    collection: string,
    private readonly now: () => number = Date.now,
  ) {
    const name = `NonceStore_${collection}`;
    const schema = new Schema<KeyDoc>({ _id: String, expiresAt: Date }, { versionKey: false, collection });
    schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    this.model = (db.models[name] as Model<KeyDoc>) ?? db.model<KeyDoc>(name, schema);
    this.ready = this.model.init();
  }

  async seen(key: string, ttlSeconds: number): Promise<boolean> {
    await this.ready;
    const now = new Date(this.now());
    const expiresAt = new Date(now.getTime() + Math.max(1, Math.ceil(ttlSeconds)) * 1000);
    try {
      await this.model.collection.insertOne({ _id: key as never, expiresAt });
      return false;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const revived = await this.model.updateOne(
      { _id: key, expiresAt: { $lte: now } },
      { $set: { expiresAt } },
    );
    return revived.modifiedCount === 0;
  }

  async forget(key: string): Promise<void> {
    await this.model.deleteOne({ _id: key });
  }
}

/**
 * Refuses (UNAUTHENTICATED) a signed delivery whose key — its timestamp and nonce — was seen before.
 * Call it after the signature and the window checks, so only authentic deliveries take cache space.
 * The key is kept until the timestamp leaves the window (`timestamp + toleranceSec`, +1 s for
 * rounding): a timestamp ahead of the clock stays acceptable longer than `toleranceSec` from now.
 */
export async function refuseReplay(
  store: NonceStore,
  key: string,
  at: { timestampSec: number; toleranceSec: number; nowMs: number },
): Promise<void> {
  const ttl = Math.max(1, Math.ceil(at.timestampSec + at.toleranceSec - at.nowMs / 1000) + 1);
  if (await store.seen(key, ttl))
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'replayed delivery: this timestamp and nonce were used');
}

/** A receiver of signed webhooks that also refuses replays (asynchronous, as its nonce store may be remote). */
export interface WebhookReceiver<T> {
  receiveWebhook(headers: Record<string, string>, body: string): Promise<T>;
}
