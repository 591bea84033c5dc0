import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import type { Clock } from '../clock.js';

/** The fields a record of due work carries (add `dueFields` to its schema, and an index on `dueAt`). */
export interface DueWork {
  /** when it should run next (null: nothing to do) */
  dueAt: Date | null;
  /** failed tries so far */
  attempts: number;
  leaseUntil: Date | null;
  leaseOwner: string | null;
  lastError?: string | null;
}

export const dueFields = {
  dueAt: Date,
  attempts: { type: Number, default: 0 },
  leaseUntil: { type: Date, default: null },
  leaseOwner: { type: String, default: null },
  lastError: { type: String, default: null },
};

/** Exponential from `baseMs`, capped at `maxMs`; deterministic (tests move a clock). */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A durable scheduler on what every store offers (no TTL indexes, no change streams, no
 * transactions): due records are found by index and each is claimed with ONE conditional update
 * that takes a lease (`leaseUntil`, `leaseOwner`), so two replicas never both hold one. The holder
 * completes, retries later (backoff) or defers it, each only while it still holds the lease. A
 * holder that dies (kill -9) just lets the lease run out: the record is claimed again after
 * `leaseMs`, so the work must be idempotent at its target (a message key, a deterministic id) —
 * that is how nothing is lost and nothing is done twice.
 */
export class DueClaims<T extends DueWork & { _id: string }> {
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(
    private readonly model: Model<T>,
    private readonly opts: {
      owner: string;
      leaseMs: number;
      clock: Clock;
      backoff?: { baseMs: number; maxMs: number };
    },
  ) {
    this.backoff = opts.backoff ?? { baseMs: 30_000, maxMs: 3_600_000 };
  }

  private free(now: Date) {
    return { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] };
  }

  /** Up to `limit` due records matching `filter`, oldest `dueAt` first, each claimed by this owner. */
  async claimDue(filter: FilterQuery<T>, limit: number): Promise<T[]> {
    const now = this.opts.clock.now();
    const due = { ...filter, dueAt: { $ne: null, $lte: now }, ...this.free(now) } as FilterQuery<T>;
    const candidates = await this.model
      .find(due, { _id: 1 })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>();
    const claimed: T[] = [];
    for (const c of candidates) {
      const doc = await this.model
        .findOneAndUpdate(
          { ...due, _id: c._id } as FilterQuery<T>,
          {
            $set: { leaseUntil: new Date(now.getTime() + this.opts.leaseMs), leaseOwner: this.opts.owner },
          } as UpdateQuery<T>,
          { new: true },
        )
        .lean<T>();
      if (doc) claimed.push(doc);
    }
    return claimed;
  }

  private async ifHeld(id: string, update: Record<string, Record<string, unknown>>): Promise<boolean> {
    const r = await this.model.updateOne(
      { _id: id, leaseOwner: this.opts.owner } as FilterQuery<T>,
      {
        ...update,
        $set: { ...(update.$set ?? {}), leaseUntil: null, leaseOwner: null },
      } as UpdateQuery<T>,
    );
    return r.modifiedCount === 1;
  }

  /** Done: `update` applied and the lease released, only while this owner holds it. */
  complete(
    id: string,
    update: { $set?: Record<string, unknown>; $unset?: Record<string, unknown> },
  ): Promise<boolean> {
    return this.ifHeld(id, update);
  }

  /** Failed: tried again after the backoff of its attempts, the error kept. */
  async retryLater(id: string, error: unknown): Promise<boolean> {
    const doc = await this.model
      .findOne({ _id: id, leaseOwner: this.opts.owner } as FilterQuery<T>)
      .lean<T>();
    if (!doc) return false;
    const attempts = (doc.attempts ?? 0) + 1;
    const delay = backoffDelay(attempts, this.backoff.baseMs, this.backoff.maxMs);
    return this.ifHeld(id, {
      $set: {
        attempts,
        dueAt: new Date(this.opts.clock.now().getTime() + delay),
        lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
      },
    });
  }

  /** Not now and not a failure (quiet hours): due again at `at`, attempts unchanged. */
  deferTo(id: string, at: Date): Promise<boolean> {
    return this.ifHeld(id, { $set: { dueAt: at } });
  }
}
